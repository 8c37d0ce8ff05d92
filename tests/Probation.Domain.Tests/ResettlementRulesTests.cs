using Probation.Domain.Common;
using Probation.Domain.Resettlement;

namespace Probation.Domain.Tests;

/// <summary>Through the Gate (standard 4.2): the due dates, each alert not yet due, due and resolved, and the refusals of bad records.</summary>
public sealed class ResettlementRulesTests
{
    // Received Monday 2 March 2026; expected release Friday 4 December 2026.
    private static readonly DateOnly Reception = new(2026, 3, 2);
    private static readonly DateOnly Release = new(2026, 12, 4);
    private static readonly ResettlementAlerts Alerts = new(new ResettlementOptions(), WorkingDayCalendar.EnglandAndWales);

    private static CustodyRecord Untouched(DateOnly? reception = null, DateOnly? release = null) => new()
    {
        PrisonId = 1,
        ReceptionDate = reception ?? Reception,
        SentenceDate = (reception ?? Reception).AddDays(-1),
        SentenceLengthMonths = 24,
        ExpectedReleaseDate = release ?? Release,
        ReleaseType = ReleaseType.ConditionalRelease,
        RecordedBy = "ttg",
    };

    /// <summary>Every piece of work done on time: screened, planned with accommodation done, handed over.</summary>
    private static CustodyRecord WellRun()
    {
        var c = Untouched();
        c.ScreenedOn = Reception.AddDays(3);
        c.PlanCompletedOn = Release.AddDays(-100);
        c.Needs = Enum.GetValues<Pathway>().Select(p => new ResettlementNeed { Pathway = p, Status = PathwayStatus.Done }).ToList();
        c.HandoverOn = Release.AddDays(-20);
        c.HandoverTo = "Community officer";
        return c;
    }

    private static List<ResettlementAlertCode> Codes(CustodyRecord c, DateOnly today) => Alerts.Evaluate(c, today).Select(a => a.Code).ToList();

    [Theory]
    [InlineData("2026-03-02", "2026-03-09")] // Monday: five working days later is the next Monday
    [InlineData("2026-04-01", "2026-04-10")] // Good Friday and Easter Monday are not working days
    [InlineData("2026-12-23", "2027-01-04")] // Christmas, Boxing Day (substitute Monday 28th) and New Year's Day
    [InlineData("2026-03-07", "2026-03-16")] // received on a Saturday: counted from the Monday
    public void ScreeningDue_FiveWorkingDaysAfterReception(string reception, string due)
    {
        var c = Untouched(DateOnly.Parse(reception, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2027, 12, 1));
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Alerts.DueDates(c).Screening);
    }

    [Fact]
    public void PlanDue_TwelveWeeksBeforeRelease_ButNeverBeforeScreening()
    {
        Assert.Equal(new DateOnly(2026, 9, 11), Alerts.DueDates(Untouched()).Plan);

        // Received 2 March, due out 1 May: twelve weeks before release is before screening is due.
        var shortSentence = Untouched(Reception, new DateOnly(2026, 5, 1));
        Assert.Equal(new DateOnly(2026, 3, 9), Alerts.DueDates(shortSentence).Plan);
    }

    [Fact]
    public void DueDates_FollowTheConfiguredOptions()
    {
        var options = new ResettlementOptions { ScreeningWorkingDays = 10, PlanWeeksBeforeRelease = 8, AccommodationAlertDaysBeforeRelease = 42, HandoverDaysBeforeRelease = 7 };
        var due = new ResettlementAlerts(options, WorkingDayCalendar.EnglandAndWales).DueDates(Untouched());
        Assert.Equal(new ResettlementDueDates(new DateOnly(2026, 3, 16), new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 23), new DateOnly(2026, 11, 27)), due);
    }

    [Fact]
    public void WellRunCase_RaisesNothing_TheDayBeforeRelease() =>
        Assert.Empty(Alerts.Evaluate(WellRun(), Release.AddDays(-1)));

    [Theory]
    [InlineData("2026-03-09", false)] // due: not yet overdue
    [InlineData("2026-03-10", true)]
    public void ScreeningOverdue_AfterFiveWorkingDays(string today, bool raised) =>
        Assert.Equal(raised, Codes(Untouched(), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).Contains(ResettlementAlertCode.ScreeningOverdue));

    [Theory]
    [InlineData("2026-09-11", false)]
    [InlineData("2026-09-12", true)]
    public void PlanOverdue_TwelveWeeksBeforeRelease(string today, bool raised) =>
        Assert.Equal(raised, Codes(Untouched(), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).Contains(ResettlementAlertCode.PlanOverdue));

    [Theory]
    [InlineData(28, false)] // 28 days to go: not yet within 28 days
    [InlineData(27, true)]
    public void NoAccommodation_WithinTwentyEightDaysOfRelease(int daysToRelease, bool raised) =>
        Assert.Equal(raised, Codes(Untouched(), Release.AddDays(-daysToRelease)).Contains(ResettlementAlertCode.NoAccommodationNearRelease));

    [Theory]
    [InlineData(14, false)]
    [InlineData(13, true)]
    public void NoHandover_WithinFourteenDaysOfRelease(int daysToRelease, bool raised) =>
        Assert.Equal(raised, Codes(Untouched(), Release.AddDays(-daysToRelease)).Contains(ResettlementAlertCode.NoHandover));

    [Theory]
    [InlineData(PathwayStatus.NotStarted, true)]
    [InlineData(PathwayStatus.InProgress, true)]
    [InlineData(PathwayStatus.SupportRequired, true)]
    [InlineData(PathwayStatus.SupportNotRequired, false)]
    [InlineData(PathwayStatus.Declined, false)]
    [InlineData(PathwayStatus.Done, false)]
    public void NoAccommodation_IsResolvedOnlyByACompleteAccommodationPathway(PathwayStatus status, bool raised)
    {
        var c = WellRun();
        c.Needs.Single(n => n.Pathway == Pathway.Accommodation).Status = status;
        Assert.Equal(raised, Codes(c, Release.AddDays(-3)).Contains(ResettlementAlertCode.NoAccommodationNearRelease));
    }

    [Fact]
    public void EachAlert_IsResolvedByTheWork()
    {
        var late = Release.AddDays(-1);
        Assert.Equal(
            [ResettlementAlertCode.ScreeningOverdue, ResettlementAlertCode.PlanOverdue, ResettlementAlertCode.NoAccommodationNearRelease, ResettlementAlertCode.NoHandover],
            Codes(Untouched(), late));

        var c = Untouched();
        c.ScreenedOn = late;
        Assert.DoesNotContain(ResettlementAlertCode.ScreeningOverdue, Codes(c, late));
        c.PlanCompletedOn = late;
        Assert.DoesNotContain(ResettlementAlertCode.PlanOverdue, Codes(c, late));
        c.HandoverOn = late;
        Assert.Equal([ResettlementAlertCode.NoAccommodationNearRelease], Codes(c, late));
    }

    [Fact]
    public void Released_RaisesNothing_TheDayRecordsWhatWasInPlace()
    {
        var c = Untouched();
        c.ReleasedOn = Release;
        Assert.Empty(Alerts.Evaluate(c, Release.AddDays(10)));
    }

    [Theory]
    [InlineData(PathwayStatus.NotStarted, false)]
    [InlineData(PathwayStatus.InProgress, false)]
    [InlineData(PathwayStatus.SupportRequired, false)]
    [InlineData(PathwayStatus.SupportNotRequired, true)]
    [InlineData(PathwayStatus.Declined, true)]
    [InlineData(PathwayStatus.Done, true)]
    public void PathwayStatus_CompleteAsResettlementPassportCountsIt(PathwayStatus status, bool complete) =>
        Assert.Equal(complete, ResettlementRules.IsComplete(status));

    [Fact]
    public void Custody_ReleaseBeforeTheSentenceDate_IsRefused()
    {
        var refusal = ResettlementRules.Custody(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1), 24, new DateOnly(2026, 2, 1), new DateOnly(2026, 11, 26));
        Assert.Equal("ExpectedReleaseDate", refusal?.Field);
        Assert.Contains("after the sentence date (1 March 2026)", refusal!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-10", "2026-03-01", 24, "2026-03-05", "ExpectedReleaseDate")] // after the sentence date but before reception
    [InlineData("2026-03-02", "2026-03-01", 6, "2026-09-01", "ExpectedReleaseDate")] // after the six-month sentence ends on 31 August
    [InlineData("2026-03-02", "2026-12-01", 24, "2027-06-01", "SentenceDate")] // sentence date in the future
    [InlineData("2026-12-01", "2026-03-01", 24, "2027-06-01", "ReceptionDate")] // reception in the future
    [InlineData("2026-03-02", "2026-03-01", 0, "2026-06-01", "SentenceLengthMonths")]
    public void Custody_BadDates_AreRefused_NamingTheField(string reception, string sentence, int months, string release, string field)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(field, ResettlementRules.Custody(D(reception), D(sentence), months, D(release), new DateOnly(2026, 11, 26))?.Field);
    }

    [Fact]
    public void Custody_ReleaseOnTheLastDayOfTheSentence_IsAccepted() =>
        Assert.Null(ResettlementRules.Custody(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1), 6, new DateOnly(2026, 8, 31), new DateOnly(2026, 11, 26)));

    [Fact]
    public void Plan_NeedsScreeningFirst_ActionsAndPartnerForWorkUnderWay_AndRiskOfHarm()
    {
        var today = new DateOnly(2026, 9, 1);
        var c = Untouched();
        var all = Enum.GetValues<Pathway>().Select(p => (p, PathwayStatus.SupportNotRequired, (string?)null, (string?)null)).ToList();
        Assert.Contains("Screen the resettlement needs", ResettlementRules.Plan(all, "Considered.", today, c, today)!.Reason, StringComparison.Ordinal);

        c.ScreenedOn = Reception.AddDays(2);
        Assert.Null(ResettlementRules.Plan(all, "Considered.", today, c, today));
        Assert.Equal("RiskOfHarmConsidered", ResettlementRules.Plan(all, " ", today, c, today)?.Field);

        var housing = all.Select(n => n.p == Pathway.Accommodation ? (n.p, PathwayStatus.SupportRequired, (string?)"Housing referral", (string?)null) : n).ToList();
        Assert.Equal("Accommodation.Partner", ResettlementRules.Plan(housing, "Considered.", today, c, today)?.Field);

        var missing = all.Where(n => n.p != Pathway.SexWork).ToList();
        Assert.Equal("SexWork.Status", ResettlementRules.Plan(missing, "Considered.", today, c, today)?.Field);
    }

    [Fact]
    public void Screening_MustRateEveryPathway()
    {
        var today = new DateOnly(2026, 3, 4);
        var statuses = Enum.GetValues<Pathway>().Where(p => p != Pathway.DomesticAbuse).ToDictionary(p => p, _ => PathwayStatus.SupportRequired);
        Assert.Contains("domestic abuse", ResettlementRules.Screening(statuses, today, Untouched(), today)!.Reason, StringComparison.Ordinal);
        statuses[Pathway.DomesticAbuse] = PathwayStatus.SupportNotRequired;
        Assert.Null(ResettlementRules.Screening(statuses, today, Untouched(), today));
        Assert.Equal("On", ResettlementRules.Screening(statuses, Reception.AddDays(-1), Untouched(), today)?.Field);
    }

    [Fact]
    public void Release_IsRecordedOnce_WithWhatWasInPlace()
    {
        var today = Release;
        var c = Untouched();
        Assert.Equal("Accommodation", ResettlementRules.Release(Release, null, null, true, null, c, today)?.Field);
        Assert.Equal("FirstAppointmentOn", ResettlementRules.Release(Release, AccommodationOnRelease.SettledAccommodation, Release.AddDays(-1), true, null, c, today)?.Field);
        Assert.Null(ResettlementRules.Release(Release, AccommodationOnRelease.SettledAccommodation, Release.AddDays(1), true, null, c, today));
        c.ReleasedOn = Release;
        Assert.Contains("already recorded", ResettlementRules.Release(Release, AccommodationOnRelease.SettledAccommodation, null, true, null, c, today)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedAtStartUp()
    {
        Assert.Empty(new ResettlementOptions().Validate());
        var errors = new ResettlementOptions { ScreeningWorkingDays = 0, PlanWeeksBeforeRelease = 53 }.Validate();
        Assert.Equal(["Resettlement:ScreeningWorkingDays must be from 1 to 60, not 0.", "Resettlement:PlanWeeksBeforeRelease must be from 1 to 52, not 53."], errors);
        Assert.Throws<InvalidOperationException>(() => ResettlementOptions.Checked(new ResettlementOptions { HandoverDaysBeforeRelease = -1 }));
    }
}
