using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Risk;

namespace Probation.Domain.Tests;

/// <summary>
/// Who each inspection sample may draw (the report's Annex 1), the strata it is drawn by, the draw reproduced from its
/// seed, and the rules of an inspection as a record: when its cases are open, how its status moves.
/// </summary>
public sealed class InspectionSamplingTests
{
    private static readonly DateOnly Reference = new(2027, 1, 4);
    private static readonly InspectionSampleOptions Defaults = new();

    private static Order OrderOf(OrderType type, DateOnly start, int months = 12, DateOnly? terminated = null, int? unpaidWorkHours = null) => new()
    {
        Type = type,
        StartDate = start,
        LengthMonths = months,
        EndDate = OrderTerms.EndDate(start, months),
        Court = "Teesside Magistrates' Court",
        TerminatedOn = terminated,
        Requirements = unpaidWorkHours is { } h ? [new Requirement { Type = RequirementType.UnpaidWork, UnpaidWorkHours = h }] : [],
    };

    [Fact]
    public void Windows_CountBackFromTheFirstDayOfFieldwork()
    {
        Assert.Equal(new EligibilityWindow(new(2026, 6, 4), new(2026, 7, 4)), SampleEligibility.Window(SampleKind.CaseSupervision, Reference, Defaults));
        Assert.Equal(new EligibilityWindow(new(2026, 1, 4), new(2026, 10, 4)), SampleEligibility.Window(SampleKind.UnpaidWork, Reference, Defaults));
        Assert.Equal(new EligibilityWindow(new(2026, 11, 16), new(2026, 11, 30)), SampleEligibility.Window(SampleKind.ThroughTheGate, Reference, Defaults));

        var wider = new InspectionSampleOptions { CaseSupervisionFromMonths = 9, CaseSupervisionToMonths = 3, ThroughTheGateFromWeeks = 10, ThroughTheGateToWeeks = 2 };
        Assert.Equal(new EligibilityWindow(new(2026, 4, 4), new(2026, 10, 4)), SampleEligibility.Window(SampleKind.CaseSupervision, Reference, wider));
        Assert.Equal(new EligibilityWindow(new(2026, 10, 26), new(2026, 12, 21)), SampleEligibility.Window(SampleKind.ThroughTheGate, Reference, wider));
    }

    [Theory]
    [InlineData("2026-06-03", false)] // a day more than seven months
    [InlineData("2026-06-04", true)]
    [InlineData("2026-07-04", true)]
    [InlineData("2026-07-05", false)] // a day less than six months
    public void CaseSupervision_StartedSixToSevenMonthsBefore(string start, bool eligible)
    {
        var window = SampleEligibility.Window(SampleKind.CaseSupervision, Reference, Defaults);
        Assert.Equal(eligible, SampleEligibility.UnderSupervision(OrderOf(OrderType.CommunityOrder, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)), window, Reference));
    }

    [Theory]
    [InlineData(OrderType.CommunityOrder, true)]
    [InlineData(OrderType.SuspendedSentenceOrder, true)]
    [InlineData(OrderType.Licence, true)]
    [InlineData(OrderType.PostSentenceSupervision, true)]
    [InlineData(OrderType.Custody, false)] // still in prison: not under community supervision
    public void CaseSupervision_IsACommunitySentenceOrPostRelease(OrderType type, bool eligible)
    {
        var window = SampleEligibility.Window(SampleKind.CaseSupervision, Reference, Defaults);
        Assert.Equal(eligible, SampleEligibility.UnderSupervision(OrderOf(type, new(2026, 6, 20)), window, Reference));
    }

    [Fact]
    public void CaseSupervision_TheOrderStillRunsOnTheReferenceDate()
    {
        var window = SampleEligibility.Window(SampleKind.CaseSupervision, Reference, Defaults);
        Assert.False(SampleEligibility.UnderSupervision(OrderOf(OrderType.CommunityOrder, new(2026, 6, 20), terminated: new(2026, 12, 1)), window, Reference));
        Assert.False(SampleEligibility.UnderSupervision(OrderOf(OrderType.CommunityOrder, new(2026, 6, 20), months: 6), window, Reference)); // ended 19 December
        Assert.True(SampleEligibility.UnderSupervision(OrderOf(OrderType.CommunityOrder, new(2026, 6, 20), terminated: new(2027, 2, 1)), window, Reference));
    }

    [Theory]
    [InlineData(OrderType.CommunityOrder, "2026-10-04", 100, true)] // began exactly three months before
    [InlineData(OrderType.CommunityOrder, "2026-10-05", 100, false)] // not yet three months
    [InlineData(OrderType.SuspendedSentenceOrder, "2026-01-04", 100, true)]
    [InlineData(OrderType.CommunityOrder, "2026-01-03", 100, false)] // more than twelve months: past its completion period
    [InlineData(OrderType.CommunityOrder, "2026-06-01", null, false)] // no unpaid work
    [InlineData(OrderType.CommunityOrder, "2026-06-01", 0, false)]
    [InlineData(OrderType.Licence, "2026-06-01", 100, false)]
    public void UnpaidWork_RequirementsBegunAtLeastThreeMonthsBefore(OrderType type, string start, int? hours, bool eligible)
    {
        var window = SampleEligibility.Window(SampleKind.UnpaidWork, Reference, Defaults);
        Assert.Equal(eligible, SampleEligibility.UnpaidWork(OrderOf(type, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), months: 24, unpaidWorkHours: hours), window, Reference));
    }

    [Theory]
    [InlineData("2026-11-15", false)]
    [InlineData("2026-11-16", true)] // seven weeks before
    [InlineData("2026-11-23", true)] // six weeks before
    [InlineData("2026-11-30", true)] // five weeks before
    [InlineData("2026-12-01", false)]
    public void ThroughTheGate_ReleasedAboutSixWeeksBefore(string released, bool eligible)
    {
        var window = SampleEligibility.Window(SampleKind.ThroughTheGate, Reference, Defaults);
        Assert.Equal(eligible, SampleEligibility.ReleasedWithin(DateOnly.Parse(released, System.Globalization.CultureInfo.InvariantCulture), window));
        Assert.False(SampleEligibility.ReleasedWithin(null, window));
    }

    [Fact]
    public void Options_RefuseAWindowThatRunsBackwards_OrOutOfRange_AtStartUp()
    {
        Assert.Empty(Defaults.Validate());
        var bad = new InspectionSampleOptions { CaseSupervisionFromMonths = 6, CaseSupervisionToMonths = 6, UnpaidWorkToMonths = -1, ThroughTheGateFromWeeks = 53 };
        var errors = bad.Validate();
        Assert.Contains("Inspection:CaseSupervisionFromMonths (6) must be more than Inspection:CaseSupervisionToMonths (6): the window runs from the earlier date to the later one.", errors);
        Assert.Contains("Inspection:UnpaidWorkToMonths must be from 0 to 36 months, not -1.", errors);
        Assert.Contains("Inspection:ThroughTheGateFromWeeks must be from 1 to 52 weeks, not 53.", errors);
        var stop = Assert.Throws<InvalidOperationException>(() => InspectionSampleOptions.Checked(bad));
        Assert.StartsWith("The inspection sample settings are not valid: ", stop.Message, StringComparison.Ordinal);
        Assert.Same(Defaults, InspectionSampleOptions.Checked(Defaults));
    }

    [Theory]
    [InlineData(SampleKind.CaseSupervision, Gender.Female, Disposal.CommunitySentence, RoshLevel.High, "Female|CommunitySentence|High", "Female, community sentence, high RoSH")]
    [InlineData(SampleKind.CaseSupervision, Gender.Male, Disposal.Licence, null, "Male|Licence|NotAssessed", "Male, licence or post-sentence supervision, RoSH not assessed")]
    [InlineData(SampleKind.ThroughTheGate, Gender.NonBinary, Disposal.Licence, RoshLevel.VeryHigh, "NonBinary|Licence|VeryHigh", "Non-binary, licence or post-sentence supervision, very high RoSH")]
    [InlineData(SampleKind.UnpaidWork, Gender.Female, Disposal.CommunitySentence, RoshLevel.Medium, "Female|Medium", "Female, medium RoSH")] // the report: gender and RoSH only
    public void StratumKey_IsGenderDisposalAndRosh_UnpaidWorkGenderAndRosh(SampleKind kind, Gender gender, Disposal disposal, RoshLevel? rosh, string key, string words)
    {
        var c = new SampleCandidate(1, "X000001", gender, disposal, rosh);
        Assert.Equal(key, SampleEligibility.StratumKey(kind, c));
        Assert.Equal(words, SampleEligibility.DescribeStratum(key));
    }

    [Fact]
    public void Draw_OfCandidates_IsReproducibleFromItsSeed_WhateverOrderThePopulationComesIn_AndKeepsThePopulationsMix()
    {
        var genders = new[] { Gender.Male, Gender.Male, Gender.Male, Gender.Female };
        var levels = new RoshLevel?[] { RoshLevel.Low, RoshLevel.Medium, RoshLevel.Medium, RoshLevel.High, null };
        var population = Enumerable.Range(1, 400)
            .Select(i => new SampleCandidate(i, $"X{i:000000}", genders[i % 4], i % 3 == 0 ? Disposal.Licence : Disposal.CommunitySentence, levels[i % 5]))
            .ToList();
        string Key(SampleCandidate c) => SampleEligibility.StratumKey(SampleKind.CaseSupervision, c);
        var size = Sampling.SampleSize(population.Count);
        Assert.Equal(117, size);

        var (first, strata) = Sampling.Draw(population, Key, c => c.Crn, size, seed: 20190301);
        var (again, _) = Sampling.Draw(Enumerable.Reverse(population), Key, c => c.Crn, size, seed: 20190301);
        var (other, _) = Sampling.Draw(population, Key, c => c.Crn, size, seed: 20190302);

        Assert.Equal(first.Select(c => c.Crn).Order(StringComparer.Ordinal), again.Select(c => c.Crn).Order(StringComparer.Ordinal));
        Assert.NotEqual(first.Select(c => c.Crn).Order(StringComparer.Ordinal), other.Select(c => c.Crn).Order(StringComparer.Ordinal));
        Assert.Equal(size, strata.Sum(s => s.Sample));
        Assert.Equal(population.Count, strata.Sum(s => s.Population));
        foreach (var s in strata)
        {
            Assert.Equal(s.Sample, first.Count(c => Key(c) == s.Key));
            Assert.True(Math.Abs(s.Sample - ((double)s.Population * size / population.Count)) < 1, $"{s.Key}: {s.Sample} of {s.Population}");
        }
    }

    [Theory]
    [InlineData(InspectionStatus.Fieldwork, "2026-12-01", true)]
    [InlineData(InspectionStatus.Fieldwork, "2026-11-30", true)] // the first day
    [InlineData(InspectionStatus.Fieldwork, "2026-12-11", true)] // the last day
    [InlineData(InspectionStatus.Fieldwork, "2026-11-29", false)]
    [InlineData(InspectionStatus.Fieldwork, "2026-12-12", false)]
    [InlineData(InspectionStatus.Planned, "2026-12-01", false)]
    [InlineData(InspectionStatus.Reporting, "2026-12-01", false)]
    [InlineData(InspectionStatus.Published, "2026-12-01", false)]
    public void Cases_AreOpenOnlyDuringFieldwork_WithinItsDates(InspectionStatus status, string today, bool open)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var (from, to) = (new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 11));
        Assert.Equal(open, InspectionRules.CasesOpen(status, from, to, day));
        Assert.Equal(open, InspectionRules.WhyCasesClosed(status, from, to, day) is null);
    }

    [Fact]
    public void Status_MovesOneWay_AndFieldworkNeedsASample()
    {
        Assert.Null(InspectionRules.CheckStatusChange(InspectionStatus.Planned, InspectionStatus.Fieldwork, 1));
        Assert.Equal("Draw the case samples before fieldwork starts.", InspectionRules.CheckStatusChange(InspectionStatus.Planned, InspectionStatus.Fieldwork, 0)!.Reason);
        Assert.Null(InspectionRules.CheckStatusChange(InspectionStatus.Fieldwork, InspectionStatus.Reporting, 1));
        Assert.Null(InspectionRules.CheckStatusChange(InspectionStatus.Reporting, InspectionStatus.Published, 1));
        Assert.Equal(
            "An inspection that is reporting moves next to published, not fieldwork.",
            InspectionRules.CheckStatusChange(InspectionStatus.Reporting, InspectionStatus.Fieldwork, 1)!.Reason);
        Assert.NotNull(InspectionRules.CheckStatusChange(InspectionStatus.Planned, InspectionStatus.Published, 1));
        Assert.NotNull(InspectionRules.CheckStatusChange(InspectionStatus.Published, InspectionStatus.Published, 1));
    }

    [Fact]
    public void Draw_IsRefusedOnceFieldworkStarts_AndForCrcWorkOfAnNpsDivision()
    {
        Assert.Null(InspectionRules.CheckDraw(InspectionStatus.Planned, ProviderType.Crc, SampleKind.ThroughTheGate));
        Assert.Equal("The samples are fixed once fieldwork starts: a sample cannot be drawn again.", InspectionRules.CheckDraw(InspectionStatus.Fieldwork, ProviderType.Crc, SampleKind.CaseSupervision)!.Reason);
        Assert.NotNull(InspectionRules.CheckDraw(InspectionStatus.Reporting, ProviderType.Crc, SampleKind.CaseSupervision));
        Assert.NotNull(InspectionRules.CheckDraw(InspectionStatus.Planned, ProviderType.Nps, SampleKind.UnpaidWork));
        Assert.Null(InspectionRules.CheckDraw(InspectionStatus.Planned, ProviderType.Nps, SampleKind.CaseSupervision));
    }

    [Theory]
    [InlineData(52, 47, 90)] // the report: "90 per cent" of the 52 asked had supervision arrangements
    [InlineData(52, 50, 96)] // "96 per cent reported that policies are effectively communicated"
    [InlineData(52, 0, 0)]
    [InlineData(1, 1, 100)]
    public void InterviewQuestion_PercentYes_AsTheReportQuotesIt(int asked, int yes, int percent)
    {
        Assert.Null(InspectionRules.CheckInterviewQuestion("Asked", asked, yes));
        Assert.Equal(percent, InspectionRules.PercentYes(asked, yes));
    }

    [Theory]
    [InlineData(0, 0, "Asked")]
    [InlineData(52, 53, "AnsweredYes")]
    [InlineData(52, -1, "AnsweredYes")]
    public void InterviewQuestion_RefusesImpossibleCounts(int asked, int yes, string field) =>
        Assert.Equal(field, InspectionRules.CheckInterviewQuestion("Asked", asked, yes)!.Field);

    [Fact]
    public void Recommendation_IsCompletedWithItsProgress_AndStaysCompleted()
    {
        Assert.Null(InspectionRules.CheckProgress(RecommendationStatus.Open, RecommendationStatus.InProgress, null));
        Assert.Equal("Progress", InspectionRules.CheckProgress(RecommendationStatus.InProgress, RecommendationStatus.Completed, " ")!.Field);
        Assert.Null(InspectionRules.CheckProgress(RecommendationStatus.InProgress, RecommendationStatus.Completed, "Oversight audits monthly since March."));
        Assert.Equal("Status", InspectionRules.CheckProgress(RecommendationStatus.Completed, RecommendationStatus.InProgress, "Reopened")!.Field);
    }
}
