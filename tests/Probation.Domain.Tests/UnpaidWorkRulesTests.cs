using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Domain.Tests;

/// <summary>Unpaid work (standard 4.1) and Community Payback's figures: credited minutes, caps, booking refusals, the 12-month deadline.</summary>
public sealed class UnpaidWorkRulesTests
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Four = new(16, 0);

    private static (Credit? Credit, Refused? Refusal) Attend(
        AttendanceOutcome outcome, string? started = "09:00", string? finished = "16:00", int penalty = 0, int travel = 0, string? reason = null,
        PlacementKind placement = PlacementKind.Group, int ordered = 100, int soFar = 0, int eteSoFar = 0) =>
        UnpaidWorkRules.Attendance(
            new AttendanceInput(outcome, started is null ? null : TimeOnly.Parse(started, System.Globalization.CultureInfo.InvariantCulture),
                finished is null ? null : TimeOnly.Parse(finished, System.Globalization.CultureInfo.InvariantCulture), penalty, travel, reason),
            Nine, Four, placement, ordered, soFar, eteSoFar);

    [Theory]
    [InlineData("09:00", "16:00", 0, 0, 420)]
    [InlineData("09:00", "16:00", 30, 0, 390)] // credited = end - start - penalty
    [InlineData("10:15", "15:45", 0, 0, 330)]
    [InlineData("09:00", "16:00", 0, 45, 465)] // travel time on a group placement
    [InlineData("09:00", "16:00", 420, 0, 0)] // a penalty of the whole duration credits nothing
    public void Credited_IsFinishMinusStartMinusPenalty_PlusTravel(string started, string finished, int penalty, int travel, int credited)
    {
        var (credit, refusal) = Attend(AttendanceOutcome.AttendedAndWorked, started, finished, penalty, travel);
        Assert.Null(refusal);
        Assert.Equal(credited, credit!.Minutes);
        Assert.Null(credit.Capped);
    }

    [Theory]
    [InlineData(6000, 420, 0)] // 100 hours ordered, all credited: nothing left
    [InlineData(5900, 420, 100)] // 100 minutes remain: capped there
    [InlineData(5580, 420, 420)] // exactly a day remains
    public void Credited_IsCappedAtTheHoursRemaining(int soFar, int worked, int credited)
    {
        var (credit, _) = Attend(AttendanceOutcome.AttendedAndWorked, soFar: soFar);
        Assert.Equal(worked, credit!.WorkedMinutes);
        Assert.Equal(credited, credit.Minutes);
        Assert.Equal(credited < worked, credit.Capped is not null);
    }

    [Theory]
    [InlineData(100, 0, 420)] // allowance 30 hours = 1800 minutes
    [InlineData(100, 1500, 300)] // 300 minutes of the allowance left
    [InlineData(100, 1800, 0)] // allowance used up
    [InlineData(10, 0, 180)] // 10 hours ordered: 3 hours of ETE at most
    public void EducationTrainingAndEmployment_IsCappedAtThirtyPercentOfTheOrder(int ordered, int eteSoFar, int credited)
    {
        var (credit, refusal) = Attend(AttendanceOutcome.AttendedAndWorked, placement: PlacementKind.EducationTrainingEmployment, ordered: ordered, eteSoFar: eteSoFar);
        Assert.Null(refusal);
        Assert.Equal(credited, credit!.Minutes);
        Assert.Equal(ordered * 60 * 3 / 10, UnpaidWorkRules.EteAllowanceMinutes(ordered));
    }

    [Theory]
    [InlineData(PlacementKind.Group, 180, null)]
    [InlineData(PlacementKind.Individual, 180, null)]
    [InlineData(PlacementKind.Group, 181, "TravelMinutes")]
    [InlineData(PlacementKind.EducationTrainingEmployment, 15, "TravelMinutes")]
    [InlineData(PlacementKind.Group, -1, "TravelMinutes")]
    public void TravelTime_AtMost180Minutes_OnGroupAndIndividualPlacementsOnly(PlacementKind placement, int travel, string? refusedField)
    {
        var (_, refusal) = Attend(AttendanceOutcome.AttendedAndWorked, travel: travel, placement: placement);
        Assert.Equal(refusedField, refusal?.Field);
    }

    [Theory]
    [InlineData("08:30", "16:00", 0, "StartedAt")] // before the session starts
    [InlineData("09:00", "16:30", 0, "FinishedAt")] // after it ends
    [InlineData("14:00", "12:00", 0, "FinishedAt")] // finishes before it starts
    [InlineData("09:00", "16:00", -5, "PenaltyMinutes")]
    [InlineData("09:00", "10:00", 61, "PenaltyMinutes")] // penalty longer than the time worked
    [InlineData(null, "16:00", 0, "StartedAt")]
    [InlineData("09:00", null, 0, "FinishedAt")]
    public void Attendance_OutsideTheSessionOrWithImpossibleMinutes_IsRefused(string? started, string? finished, int penalty, string field)
    {
        var (credit, refusal) = Attend(AttendanceOutcome.AttendedAndWorked, started, finished, penalty);
        Assert.Null(credit);
        Assert.Equal(field, refusal!.Field);
    }

    [Theory]
    [InlineData(AttendanceOutcome.SentHomeForBehaviour, "09:00", "11:00", 120)] // credited for the time worked before being sent home
    [InlineData(AttendanceOutcome.FailedToComply, "09:00", "12:00", 180)]
    [InlineData(AttendanceOutcome.AcceptableAbsence, null, null, 0)]
    [InlineData(AttendanceOutcome.UnacceptableAbsence, null, null, 0)]
    public void Enforceable_And_AbsentOutcomes_NeedAReason_AndAbsencesCreditNothing(AttendanceOutcome outcome, string? started, string? finished, int credited)
    {
        var (_, refused) = Attend(outcome, started, finished, reason: " ");
        Assert.Equal("Reason", refused!.Field);
        var (credit, refusal) = Attend(outcome, started, finished, reason: "Left site without permission");
        Assert.Null(refusal);
        Assert.Equal(credited, credit!.Minutes);
    }

    [Fact]
    public void Absence_WithTimes_IsRefused()
    {
        var (_, refusal) = Attend(AttendanceOutcome.UnacceptableAbsence, "09:00", "16:00", reason: "No contact");
        Assert.Equal("StartedAt", refusal!.Field);
    }

    [Theory]
    [InlineData(AttendanceOutcome.AttendedAndWorked, false, ContactOutcome.AttendedAndComplied, null)]
    [InlineData(AttendanceOutcome.SentHomeForBehaviour, true, ContactOutcome.SentHome, AbsenceDecision.Unacceptable)]
    [InlineData(AttendanceOutcome.FailedToComply, true, ContactOutcome.AttendedNotComplied, AbsenceDecision.Unacceptable)]
    [InlineData(AttendanceOutcome.AcceptableAbsence, false, ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable)]
    [InlineData(AttendanceOutcome.UnacceptableAbsence, true, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable)]
    public void Outcomes_FeedEnforcement_AsContactsWithADecision(AttendanceOutcome outcome, bool enforceable, ContactOutcome contact, AbsenceDecision? decision)
    {
        Assert.Equal(enforceable, UnpaidWorkRules.IsEnforceable(outcome));
        Assert.Equal((contact, decision), UnpaidWorkRules.AsContact(outcome));
    }

    private static readonly TimeOnly? NoTime = null;

    private static AttendanceInput Input(AttendanceOutcome outcome, string? started = "09:00", string? finished = "16:00", int penalty = 0, int travel = 0, string? reason = null) =>
        new(outcome, started is null ? NoTime : TimeOnly.Parse(started, System.Globalization.CultureInfo.InvariantCulture),
            finished is null ? NoTime : TimeOnly.Parse(finished, System.Globalization.CultureInfo.InvariantCulture), penalty, travel, reason);

    private static UnpaidWorkBookingRecord Other(int credited, PlacementKind placement = PlacementKind.Group) =>
        new(new DateOnly(2026, 10, 1), Nine, Four, AttendanceOutcome.AttendedAndWorked, credited, placement);

    // 10 hours ordered (600 minutes). The record being corrected credited 420 minutes; it is not among the others.
    [Theory]
    [InlineData(0, "09:00", "16:00", 0, 420, false)]
    [InlineData(0, "09:00", "16:00", 60, 360, false)] // a penalty the supervisor missed
    [InlineData(0, "10:00", "16:00", 0, 360, false)] // a start time mistyped
    [InlineData(180, "09:00", "16:00", 0, 420, false)] // 420 fit in the 420 left: the record's own 420 does not count against it
    [InlineData(300, "09:00", "16:00", 0, 300, true)] // capped at the 300 minutes the other records leave
    [InlineData(600, "09:00", "16:00", 0, 0, true)]
    public void Correction_CreditsAgain_CappedAtTheHoursRemainingWithoutItsOwnCredit(int othersCredited, string started, string finished, int penalty, int credited, bool capped)
    {
        var recorded = Input(AttendanceOutcome.AttendedAndWorked, "09:00", "16:00", penalty: 5);
        var (credit, refusal) = UnpaidWorkRules.Correction(
            recorded, Input(AttendanceOutcome.AttendedAndWorked, started, finished, penalty), Nine, Four, PlacementKind.Group, 10,
            othersCredited == 0 ? [] : [Other(othersCredited)]);
        Assert.Null(refusal);
        Assert.Equal(credited, credit!.Minutes);
        Assert.Equal(capped, credit.Capped is not null);
    }

    [Fact]
    public void Correction_OnAnEducationTrainingAndEmploymentPlacement_IsCappedAtWhatTheOtherEtePlacementsLeaveOfThirtyPercent()
    {
        // 10 hours ordered: 180 minutes of ETE at most; 120 credited elsewhere on ETE, 300 on a group placement.
        var (credit, _) = UnpaidWorkRules.Correction(
            Input(AttendanceOutcome.UnacceptableAbsence, null, null, reason: "No contact"), Input(AttendanceOutcome.AttendedAndWorked, "09:00", "12:00"), Nine, Four,
            PlacementKind.EducationTrainingEmployment, 10, [Other(120, PlacementKind.EducationTrainingEmployment), Other(300)]);
        Assert.Equal(60, credit!.Minutes);
        Assert.Contains("30%", credit.Capped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AttendanceOutcome.AttendedAndWorked, "08:30", "16:00", 0, null, "StartedAt")] // before the session
    [InlineData(AttendanceOutcome.AttendedAndWorked, "09:00", "16:30", 0, null, "FinishedAt")] // after it
    [InlineData(AttendanceOutcome.AttendedAndWorked, "09:00", "16:00", -10, null, "PenaltyMinutes")]
    [InlineData(AttendanceOutcome.AttendedAndWorked, "09:00", "10:00", 61, null, "PenaltyMinutes")] // longer than the time worked
    [InlineData(AttendanceOutcome.UnacceptableAbsence, null, null, 0, " ", "Reason")] // an enforceable outcome needs its reason
    [InlineData(AttendanceOutcome.UnacceptableAbsence, "09:00", "16:00", 0, "No contact", "StartedAt")] // an absence has no times
    [InlineData(AttendanceOutcome.AttendedAndWorked, "09:00", "16:00", 0, null, "Outcome")] // the record as it already is
    public void Correction_IsRefusedByTheSameRulesAsRecording_OrWhenItChangesNothing(AttendanceOutcome outcome, string? started, string? finished, int penalty, string? reason, string field)
    {
        var (credit, refusal) = UnpaidWorkRules.Correction(
            Input(AttendanceOutcome.AttendedAndWorked), Input(outcome, started, finished, penalty, reason: reason), Nine, Four, PlacementKind.Group, 100, []);
        Assert.Null(credit);
        Assert.Equal(field, refusal!.Field);
    }

    [Fact]
    public void Correction_SaysWhatChanged_WithoutQuotingTheReason()
    {
        var before = Input(AttendanceOutcome.AttendedAndWorked, "09:00", "16:00", 30, 20);
        var after = Input(AttendanceOutcome.UnacceptableAbsence, null, null, reason: "Was seen drinking in the town centre");
        var changes = UnpaidWorkRules.DescribeCorrection(before, 410, after, 0);
        Assert.Equal(
            "outcome was attended and worked, now unacceptable absence; times were 09:00 to 16:00, now none; penalty was 30 minutes, now 0; travel was 20 minutes, now 0; reason changed; credit was 6 hours 50 minutes, now 0 hours",
            changes);
        Assert.DoesNotContain("drinking", changes, StringComparison.Ordinal);
        Assert.Equal("times were 09:00 to 16:00, now 10:00 to 16:00; credit was 7 hours, now 6 hours", UnpaidWorkRules.DescribeCorrection(Input(AttendanceOutcome.AttendedAndWorked), 420, Input(AttendanceOutcome.AttendedAndWorked, "10:00"), 360));
    }

    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData(null, 1, CancellationReason.Rebooked, null, null)] // a session still to come
    [InlineData(null, 0, CancellationReason.AcceptableAbsenceNotifiedInAdvance, null, null)] // on the day itself
    [InlineData(null, 0, CancellationReason.Other, "Moved to evening work", null)]
    [InlineData(null, -1, CancellationReason.Rebooked, null, "")] // the day after: record the attendance instead
    [InlineData(AttendanceOutcome.AcceptableAbsence, 0, CancellationReason.Rebooked, null, "")] // attendance is recorded: correct it instead
    [InlineData(AttendanceOutcome.AttendedAndWorked, 3, CancellationReason.Rebooked, null, "")]
    [InlineData(null, 1, null, null, "Reason")]
    [InlineData(null, 1, (CancellationReason)99, null, "Reason")]
    [InlineData(null, 1, CancellationReason.Other, " ", "Details")] // "other" needs words
    public void Cancellation_IsAllowedUpToTheDayOfTheSession_BeforeAttendance_WithAReason(AttendanceOutcome? recorded, int daysAhead, CancellationReason? reason, string? details, string? refusedField)
    {
        var refusal = UnpaidWorkRules.Cancellation(recorded, Today.AddDays(daysAhead), Today, reason, details);
        Assert.Equal(refusedField, refusal is null ? null : refusal.Field ?? "");
    }

    [Fact]
    public void Cancellation_DetailsAreLimited()
    {
        Assert.Equal("Details", UnpaidWorkRules.Cancellation(null, Today, Today, CancellationReason.Rebooked, new string('x', 1001))!.Field);
        Assert.Null(UnpaidWorkRules.Cancellation(null, Today, Today, CancellationReason.Rebooked, new string('x', 1000)));
    }

    private static readonly ProjectFacts Mixed = new(6, PlacementKind.Group, false, ProjectRisks.PublicFacing);

    private static SessionBookings Booked(params BookedPerson[] people) => new(Today.AddDays(7), Nine, Four, people);

    private static readonly BookedPerson Man = new(Gender.Male, ProjectRisks.None);

    [Theory]
    [InlineData(6, 3, 2, null)]
    [InlineData(6, 2, 2, null)] // cut to exactly the two booked
    [InlineData(6, 1, 2, "Capacity")] // below the two booked
    public void ProjectChange_PlacesCannotGoBelowThoseBookedOnASessionToCome(int before, int after, int booked, string? refusedField)
    {
        var refusal = UnpaidWorkRules.ProjectChange(Mixed with { Capacity = before }, Mixed with { Capacity = after },
            [Booked(Enumerable.Repeat(Man, booked).ToArray())]);
        Assert.Equal(refusedField, refusal?.Field);
        if (refusal is not null)
        {
            Assert.Contains("3 December 2026 (09:00 to 16:00) has 2 places booked", refusal.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Gender.Male, true, PlacementKind.Group, "WomenOnly")] // becoming women-only with a man booked
    [InlineData(Gender.Female, true, PlacementKind.Group, null)]
    [InlineData(Gender.Female, false, PlacementKind.Individual, null)] // already open to women
    public void ProjectChange_WomenOnly_NotWhileMenAreBooked(Gender booked, bool womenOnly, PlacementKind placement, string? refusedField)
    {
        var before = Mixed with { Placement = placement, WomenOnly = false };
        var refusal = UnpaidWorkRules.ProjectChange(before, before with { WomenOnly = womenOnly }, [Booked(new BookedPerson(booked, ProjectRisks.None))]);
        Assert.Equal(refusedField, refusal?.Field);
    }

    [Theory]
    [InlineData(PlacementKind.Individual, false, "Placement")] // an individual placement becoming a mixed group
    [InlineData(PlacementKind.Group, true, "WomenOnly")] // a women-only group becoming mixed
    public void ProjectChange_AMixedGroup_NotWhileWomenAreBooked(PlacementKind beforePlacement, bool beforeWomenOnly, string refusedField)
    {
        var before = Mixed with { Placement = beforePlacement, WomenOnly = beforeWomenOnly };
        var refusal = UnpaidWorkRules.ProjectChange(before, Mixed, [Booked(new BookedPerson(Gender.Female, ProjectRisks.None))]);
        Assert.Equal(refusedField, refusal!.Field);
        Assert.Null(UnpaidWorkRules.ProjectChange(before, Mixed, [Booked(Man)]));
    }

    [Fact]
    public void ProjectChange_NotToInvolveWhatABookedPersonsAssessmentRulesOut_OnlyWhatIsAdded()
    {
        var ruledOut = new BookedPerson(Gender.Male, ProjectRisks.ChildrenPresent | ProjectRisks.PublicFacing);
        var refusal = UnpaidWorkRules.ProjectChange(Mixed, Mixed with { Risks = ProjectRisks.PublicFacing | ProjectRisks.ChildrenPresent }, [Booked(ruledOut)]);
        Assert.Equal("Risks", refusal!.Field);
        Assert.Contains("rules out children present", refusal.Reason, StringComparison.Ordinal);

        // Public facing was already there (the booking rules let the person on): not checked again.
        Assert.Null(UnpaidWorkRules.ProjectChange(Mixed, Mixed with { Risks = ProjectRisks.PublicFacing | ProjectRisks.LoneWorking }, [Booked(ruledOut)]));
    }

    private static readonly DateOnly Saturday = new(2026, 12, 5);

    private static SessionFacts Session(bool womenOnly = false, PlacementKind placement = PlacementKind.Group, ProjectRisks risks = ProjectRisks.None, int capacity = 6, int booked = 0) =>
        new(Saturday, Nine, Four, "Community garden", placement, womenOnly, risks, capacity, booked);

    private static UnpaidWorkAssessment Assessed(ProjectRisks ruledOut = ProjectRisks.None, DateOnly? on = null) => new()
    {
        CompletedOn = on ?? Saturday.AddDays(-10),
        Health = "Fit for outdoor work",
        Skills = "Some gardening",
        AvailableDays = WorkDays.Saturday,
        RiskToPublic = "Low",
        RiskToSupervisors = "Low",
        DiversityNeeds = "None identified",
        RuledOut = ruledOut,
        AssessedBy = "upw",
    };

    private static Refused? Book(SessionFacts session, Gender gender = Gender.Male, UnpaidWorkAssessment? assessment = null, int remaining = 600, bool twice = false, params Appointment[] others) =>
        UnpaidWorkRules.Booking(session, gender, assessment, remaining, twice, others);

    [Fact]
    public void Booking_AssessedManWithHoursLeft_OnAMixedGroupWithAPlace_IsAllowed() =>
        Assert.Null(Book(Session(), assessment: Assessed()));

    [Fact]
    public void Booking_WithoutACompleteAssessmentBeforeTheSession_IsRefused()
    {
        Assert.Equal("Assessment", Book(Session())!.Field);
        Assert.Equal("Assessment", Book(Session(), assessment: Assessed(on: Saturday.AddDays(1)))!.Field);
        Assert.Null(Book(Session(), assessment: Assessed(on: Saturday)));
    }

    [Theory]
    [InlineData(Gender.Female, false, PlacementKind.Group, false)]
    [InlineData(Gender.Female, true, PlacementKind.Group, true)]
    [InlineData(Gender.Female, false, PlacementKind.Individual, true)]
    [InlineData(Gender.Male, false, PlacementKind.Group, true)]
    [InlineData(Gender.Male, true, PlacementKind.Group, false)] // a women-only group is for women
    public void Booking_Women_OnWomenOnlyOrIndividualPlacementsOnly(Gender gender, bool womenOnly, PlacementKind placement, bool allowed)
    {
        var refusal = Book(Session(womenOnly, placement), gender, Assessed());
        Assert.Equal(allowed, refusal is null);
        if (!allowed)
        {
            Assert.Contains(gender == Gender.Female ? "women-only or individual" : "is a women-only placement", refusal!.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ProjectRisks.ChildrenPresent, ProjectRisks.ChildrenPresent, false)]
    [InlineData(ProjectRisks.ChildrenPresent, ProjectRisks.ChildrenPresent | ProjectRisks.PublicFacing, false)]
    [InlineData(ProjectRisks.ChildrenPresent, ProjectRisks.PublicFacing, true)]
    [InlineData(ProjectRisks.None, ProjectRisks.ChildrenPresent, true)]
    public void Booking_OntoAProjectThePersonsRiskRulesOut_IsRefused(ProjectRisks ruledOut, ProjectRisks project, bool allowed)
    {
        var refusal = Book(Session(risks: project), assessment: Assessed(ruledOut));
        Assert.Equal(allowed, refusal is null);
        if (!allowed)
        {
            Assert.Contains("children present", refusal!.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(6, 5, true)]
    [InlineData(6, 6, false)]
    public void Booking_OverCapacity_IsRefused(int capacity, int booked, bool allowed) =>
        Assert.Equal(allowed, Book(Session(capacity: capacity, booked: booked), assessment: Assessed()) is null);

    [Theory]
    [InlineData("15:00", "16:30", false)] // overlaps the end of the session
    [InlineData("08:00", "09:00", true)] // ends as the session starts
    [InlineData("16:00", "17:00", true)]
    [InlineData(null, null, false)] // an appointment that day with no times
    public void Booking_ClashingWithAnotherAppointment_IsRefused(string? starts, string? ends, bool allowed)
    {
        var other = new Appointment(
            Saturday, starts is null ? null : TimeOnly.Parse(starts, System.Globalization.CultureInfo.InvariantCulture),
            ends is null ? null : TimeOnly.Parse(ends, System.Globalization.CultureInfo.InvariantCulture), "Office appointment");
        Assert.Equal(allowed, Book(Session(), assessment: Assessed(), others: other) is null);
        Assert.Null(Book(Session(), assessment: Assessed(), others: other with { On = Saturday.AddDays(1) }));
    }

    [Fact]
    public void Booking_TheSamePersonTwice_OrWithNoHoursLeft_IsRefused()
    {
        Assert.Contains("already booked", Book(Session(), assessment: Assessed(), twice: true)!.Reason, StringComparison.Ordinal);
        Assert.Contains("no unpaid work hours remaining", Book(Session(), assessment: Assessed(), remaining: 0)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_OrderedWorkedRemaining_AndTheTwelveMonthDeadline()
    {
        var start = new DateOnly(2026, 3, 2);
        var bookings = new List<UnpaidWorkBookingRecord>
        {
            new(start.AddDays(7), Nine, Four, AttendanceOutcome.AttendedAndWorked, 420, PlacementKind.Group),
            new(start.AddDays(14), Nine, Four, AttendanceOutcome.UnacceptableAbsence, 0, PlacementKind.Group),
            new(start.AddDays(21), Nine, Four, AttendanceOutcome.AttendedAndWorked, 300, PlacementKind.EducationTrainingEmployment),
            new(start.AddDays(35), Nine, Four, null, 0, PlacementKind.Group),
        };
        var p = UnpaidWorkRules.Progress(40, start, start.AddDays(27), bookings);
        Assert.Equal(2400, p.OrderedMinutes);
        Assert.Equal(720, p.CreditedMinutes);
        Assert.Equal(1680, p.RemainingMinutes);
        Assert.Equal(new DateOnly(2027, 3, 2), p.Deadline);
        Assert.Equal(420, p.BookedFutureMinutes);
        Assert.Equal(300, p.EteCreditedMinutes);
        Assert.Equal(720, p.EteAllowanceMinutes);

        // 720 minutes over the three weeks since the first session worked: 240 a week; 48 weeks left is ample.
        Assert.Equal(240, p.WeeklyRateMinutes, 1);
        Assert.False(p.AtRisk);
    }

    [Fact]
    public void Progress_NothingWorkedAndTooLittleBooked_IsAtRisk_UntilEnoughIsBooked()
    {
        var start = new DateOnly(2026, 3, 2);
        var today = start.AddMonths(11);
        var booked = Enumerable.Range(1, 3).Select(w => new UnpaidWorkBookingRecord(today.AddDays(7 * w), Nine, Four, null, 0, PlacementKind.Group)).ToList();
        Assert.True(UnpaidWorkRules.Progress(28, start, today, booked).AtRisk); // 21 of 28 hours booked
        Assert.False(UnpaidWorkRules.Progress(21, start, today, booked).AtRisk);
        Assert.True(UnpaidWorkRules.Progress(21, start, start.AddMonths(12).AddDays(1), []).AtRisk); // past the deadline with hours left
    }

    [Fact]
    public void HoursTowardsAwards_CountCreditedHoursOnPlacementsThatWorkTowardsThem()
    {
        var s = new DateOnly(2026, 3, 9);
        var bookings = Enumerable.Range(0, 10).Select(i => new UnpaidWorkBookingRecord(s.AddDays(7 * i), Nine, Four, AttendanceOutcome.AttendedAndWorked, 420, PlacementKind.Group, Qualification.Horticulture))
            .Append(new UnpaidWorkBookingRecord(s.AddDays(80), Nine, Four, AttendanceOutcome.UnacceptableAbsence, 0, PlacementKind.Group, Qualification.Catering))
            .ToList();
        var hours = UnpaidWorkRules.HoursTowardsAwards(bookings);
        Assert.Equal(70, hours[Qualification.Horticulture]);
        Assert.True(hours[Qualification.Horticulture] >= UnpaidWorkRules.HoursForAward);
        Assert.False(hours.ContainsKey(Qualification.Catering));
    }

    [Fact]
    public void Capacity_ShowsTheWeekendShortfall()
    {
        var monday = new DateOnly(2026, 11, 30);
        // Two weeks: a ten-place session every weekday, one six-place session on Saturdays, none on Sundays.
        var sessions = Enumerable.Range(0, 14).Select(d => monday.AddDays(d))
            .Where(d => d.DayOfWeek != DayOfWeek.Sunday)
            .Select(d => (d, d.DayOfWeek == DayOfWeek.Saturday ? 6 : 10)).ToList();
        var weekdays = WorkDays.Monday | WorkDays.Tuesday | WorkDays.Wednesday | WorkDays.Thursday | WorkDays.Friday;
        var people = Enumerable.Repeat(weekdays, 20).Concat(Enumerable.Repeat(WorkDays.Saturday | WorkDays.Sunday, 24));
        var days = UnpaidWorkRules.Capacity(sessions, 2, people);
        var monday0 = days.Single(d => d.Day == DayOfWeek.Monday);
        Assert.Equal((2, 10.0, 4.0, 0.0), (monday0.Sessions, monday0.PlacesPerWeek, monday0.Demand, monday0.Shortfall));
        var saturday = days.Single(d => d.Day == DayOfWeek.Saturday);
        Assert.Equal((6.0, 12.0, 6.0), (saturday.PlacesPerWeek, saturday.Demand, saturday.Shortfall));
        Assert.Equal(12.0, days.Single(d => d.Day == DayOfWeek.Sunday).Shortfall);
    }

    [Fact]
    public void StandaloneTeam_HoldsCasesWhoseOnlyRequirementIsUnpaidWork()
    {
        Order With(params RequirementType[] types) => new() { Court = "Teesside", Requirements = types.Select(t => new Requirement { Type = t }).ToList() };
        Assert.True(UnpaidWorkRules.HeldByStandaloneTeam(With(RequirementType.UnpaidWork)));
        Assert.False(UnpaidWorkRules.HeldByStandaloneTeam(With(RequirementType.UnpaidWork, RequirementType.RehabilitationActivity)));
        Assert.False(UnpaidWorkRules.HeldByStandaloneTeam(With()));
    }
}
