using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Oversight;
using Probation.Domain.Programmes;
using Probation.Domain.Resettlement;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Domain.Tests;

/// <summary>Each timeliness measure on hand-built records: what it counts, on which day, and when its outcome is known.</summary>
public sealed class TimelinessMeasuresTests
{
    private static readonly SafetyNet Net = new(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales);
    private static readonly TimelinessMeasures Measures = new(Net, new ResettlementAlerts(new ResettlementOptions(), WorkingDayCalendar.EnglandAndWales));
    private static readonly DateOnly Allocated = new(2026, 3, 2); // a Monday: assessment due 23 March, plan 30 March

    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Theory]
    [InlineData(3, 23, 3, 30, 1)] // done on the due day
    [InlineData(3, 24, 3, 30, 0)] // done a day late
    public void InitialAssessment_CountsOnItsDueDate_MetWhenDoneByThen(int doneMonth, int doneDay, int todayMonth, int todayDay, double met)
    {
        var item = Measures.InitialAssessment(Allocated, D(doneMonth, doneDay), D(todayMonth, todayDay));
        Assert.Equal(new TimelinessItem(D(3, 23), met, 1), item);
    }

    [Fact]
    public void InitialAssessment_NotDone_IsUnknownUntilItIsOverdue()
    {
        Assert.Null(Measures.InitialAssessment(Allocated, null, D(3, 23)));
        Assert.Equal(new TimelinessItem(D(3, 23), 0, 1), Measures.InitialAssessment(Allocated, null, D(3, 24)));
    }

    [Fact]
    public void Plan_IsDueTwentyWorkingDaysAfterAllocation() =>
        Assert.Equal(new TimelinessItem(D(3, 30), 1, 1), Measures.Plan(Allocated, D(3, 30), D(4, 1)));

    [Fact]
    public void ScheduledReviews_FollowOneAnotherFromThePlan_EachMetByTheNextReview()
    {
        // Plan 20 March: due 10 July (met 5 June); then 25 September (met late, 20 October); then 9 February 2027, not yet due.
        var reviews = Net.ScheduledReviews(D(3, 20), [D(6, 5), D(10, 20)], D(12, 1));
        Assert.Equal([new ScheduledReview(D(7, 10), D(6, 5)), new ScheduledReview(D(9, 25), D(10, 20))], reviews);
        Assert.Equal([new TimelinessItem(D(7, 10), 1, 1), new TimelinessItem(D(9, 25), 0, 1)], Measures.ScheduledReviews(D(3, 20), [D(6, 5), D(10, 20)], D(12, 1)));

        // With no review after June, the September one is missed, and nothing more is owed until one is done.
        Assert.Equal([new TimelinessItem(D(7, 10), 1, 1), new TimelinessItem(D(9, 25), 0, 1)], Measures.ScheduledReviews(D(3, 20), [D(6, 5)], D(12, 1)));
        Assert.Equal([new TimelinessItem(D(7, 10), 1, 1)], Measures.ScheduledReviews(D(3, 20), [D(6, 5)], D(9, 25)));
    }

    private static CaseSnapshot Snapshot(OrderType type, IReadOnlyList<ContactRecord> contacts, IReadOnlyList<EnforcementRecord> enforcement, IReadOnlyList<SignificantEventRecord> events, IReadOnlyList<ReviewRecord> reviews) =>
        new(type, Allocated, Allocated, RoshLevel.Medium, false, false, false, new HashSet<RequirementType>(), [], [], null, contacts, enforcement, events, reviews, []);

    private static ContactRecord Failure(DateOnly on) => new(on, ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);

    [Fact]
    public void TriggeredReviews_AfterAnEvent_AndAfterTheEnforcementThreshold()
    {
        // An arrest on 1 June reviewed on 12 June (due 15 June); a licence's first unacceptable failure on 1 July, never reviewed (due 15 July).
        var c = Snapshot(OrderType.Licence, [Failure(D(7, 1))], [], [new SignificantEventRecord(D(6, 1), SignificantEventKind.NewOffenceOrArrest)], [new ReviewRecord(ReviewKind.Triggered, D(6, 12))]);
        Assert.Equal([new TimelinessItem(D(6, 15), 1, 1), new TimelinessItem(D(7, 15), 0, 1)], Measures.TriggeredReviews(c, D(8, 1)));

        // A monitoring violation needs a decision, not a review.
        var violation = Snapshot(OrderType.CommunityOrder, [], [], [new SignificantEventRecord(D(6, 1), SignificantEventKind.MonitoringViolation)], []);
        Assert.Empty(Measures.TriggeredReviews(violation, D(8, 1)));
    }

    [Fact]
    public void EnforcementDecisions_AWarning_ThenABreachDecisionAtTheThreshold()
    {
        // Community order: the first failure (1 June) needs a warning by 8 June; the second (1 July) a breach decision by 8 July.
        var c = Snapshot(OrderType.CommunityOrder, [Failure(D(6, 1)), Failure(D(7, 1))],
            [new EnforcementRecord(D(6, 3), EnforcementKind.Warning), new EnforcementRecord(D(7, 2), EnforcementKind.Warning)], [], []);
        Assert.Equal([new TimelinessItem(D(6, 8), 1, 1), new TimelinessItem(D(7, 8), 0, 1)], Measures.EnforcementDecisions(c, D(8, 1)));
        var breached = c with { Enforcement = [.. c.Enforcement, new EnforcementRecord(D(7, 8), EnforcementKind.BreachInitiated)] };
        Assert.Equal([new TimelinessItem(D(6, 8), 1, 1), new TimelinessItem(D(7, 8), 1, 1)], Measures.EnforcementDecisions(breached, D(8, 1)));
        Assert.Equal([new TimelinessItem(D(6, 8), 1, 1)], Measures.EnforcementDecisions(c, D(7, 8)));
    }

    [Theory]
    [InlineData(ContactOutcome.AttendedAndComplied, null, 1.0)]
    [InlineData(ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable, 0.0)]
    [InlineData(ContactOutcome.FailedToAttend, null, 0.0)]
    [InlineData(ContactOutcome.AttendedNotComplied, AbsenceDecision.Unacceptable, 0.0)]
    [InlineData(ContactOutcome.SentHome, null, 0.0)]
    public void Appointment_KeptOrFailed_Counts(ContactOutcome outcome, AbsenceDecision? decision, double met) =>
        Assert.Equal(new TimelinessItem(D(5, 1), met, 1), TimelinessMeasures.Appointment(D(5, 1), outcome, decision));

    [Theory]
    [InlineData(ContactOutcome.Rescheduled, null)]
    [InlineData(ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable)]
    [InlineData(null, null)]
    public void Appointment_RescheduledAcceptableOrToCome_IsLeftOut(ContactOutcome? outcome, AbsenceDecision? decision) =>
        Assert.Null(TimelinessMeasures.Appointment(D(5, 1), outcome, decision));

    private static UnpaidWorkBookingRecord Session(DateOnly on, int credited, AttendanceOutcome? outcome) => new(on, new TimeOnly(9, 0), new TimeOnly(16, 0), outcome, credited, PlacementKind.Group);

    [Fact]
    public void UnpaidWorkHours_CreditedOfBooked_OnceTheSessionHasHappened()
    {
        Assert.Equal(new TimelinessItem(D(5, 1), 7, 7), TimelinessMeasures.UnpaidWorkSession(Session(D(5, 1), 420, AttendanceOutcome.AttendedAndWorked), D(6, 1)));
        Assert.Equal(new TimelinessItem(D(5, 1), 0, 7), TimelinessMeasures.UnpaidWorkSession(Session(D(5, 1), 0, null), D(6, 1)));
        Assert.Equal(new TimelinessItem(D(5, 1), 3.5, 7), TimelinessMeasures.UnpaidWorkSession(Session(D(5, 1), 210, AttendanceOutcome.SentHomeForBehaviour), D(6, 1)));
        Assert.Null(TimelinessMeasures.UnpaidWorkSession(Session(D(6, 1), 0, null), D(6, 1)));
    }

    [Fact]
    public void UnpaidWorkCompletion_OnTheDayTheLastHourIsCredited_OrOnTheDeadline()
    {
        // 14 hours from an order starting 2 March 2026: the deadline is 2 March 2027.
        Assert.Equal(new TimelinessItem(D(3, 20), 1, 1),
            TimelinessMeasures.UnpaidWorkCompletion(14, Allocated, [Session(D(3, 13), 420, AttendanceOutcome.AttendedAndWorked), Session(D(3, 20), 420, AttendanceOutcome.AttendedAndWorked)], D(6, 1)));
        Assert.Null(TimelinessMeasures.UnpaidWorkCompletion(14, Allocated, [Session(D(3, 13), 420, AttendanceOutcome.AttendedAndWorked)], D(6, 1)));
        Assert.Equal(new TimelinessItem(new DateOnly(2027, 3, 2), 0, 1),
            TimelinessMeasures.UnpaidWorkCompletion(14, Allocated, [Session(D(3, 13), 420, AttendanceOutcome.AttendedAndWorked)], new DateOnly(2027, 3, 3)));
        Assert.Equal(new TimelinessItem(new DateOnly(2027, 3, 2), 0, 1),
            TimelinessMeasures.UnpaidWorkCompletion(14, Allocated, [Session(D(3, 13), 420, AttendanceOutcome.AttendedAndWorked), Session(new DateOnly(2027, 3, 5), 420, AttendanceOutcome.AttendedAndWorked)], new DateOnly(2027, 4, 1)));
    }

    [Fact]
    public void ProgrammeStart_WithinTheMonthAim_OrTheFirstDayOverIt()
    {
        Assert.Equal(new TimelinessItem(D(5, 31), 1, 1), TimelinessMeasures.ProgrammeStart(D(5, 1), D(5, 31), ReferralStatus.OnProgramme, D(7, 1))); // 30 days
        Assert.Equal(new TimelinessItem(D(6, 1), 0, 1), TimelinessMeasures.ProgrammeStart(D(5, 1), D(6, 1), ReferralStatus.OnProgramme, D(7, 1))); // 31 days
        Assert.Equal(new TimelinessItem(D(6, 1), 0, 1), TimelinessMeasures.ProgrammeStart(D(5, 1), null, ReferralStatus.OnWaitingList, D(6, 1)));
        Assert.Null(TimelinessMeasures.ProgrammeStart(D(5, 1), null, ReferralStatus.OnWaitingList, D(5, 31)));
        Assert.Null(TimelinessMeasures.ProgrammeStart(D(5, 1), null, ReferralStatus.Withdrawn, D(9, 1)));
        Assert.Null(TimelinessMeasures.ProgrammeStart(D(5, 1), null, ReferralStatus.NotSuitable, D(9, 1)));
    }

    [Fact]
    public void ResettlementPlan_IsDueTwelveWeeksBeforeTheExpectedRelease()
    {
        var r = new CustodyRecord { ReceptionDate = D(3, 2), ExpectedReleaseDate = D(11, 20), RecordedBy = "ttg", PlanCompletedOn = D(8, 28) };
        Assert.Equal(new TimelinessItem(D(8, 28), 1, 1), Measures.ResettlementPlan(r, D(12, 1)));
        r.PlanCompletedOn = null;
        Assert.Null(Measures.ResettlementPlan(r, D(8, 28)));
        Assert.Equal(new TimelinessItem(D(8, 28), 0, 1), Measures.ResettlementPlan(r, D(8, 29)));
    }

    [Fact]
    public void EveryMeasure_IsDefined_WithTheLimitsTheRulesUse()
    {
        Assert.All(TimelinessMeasures.All, m => Assert.False(string.IsNullOrWhiteSpace(Measures.Define(m))));
        Assert.Contains("15 working days", Measures.Define(TimelinessMeasure.InitialAssessments), StringComparison.Ordinal);
        var slower = new TimelinessMeasures(new SafetyNet(new SafetyNetOptions { ReviewIntervalWeeks = 12 }, WorkingDayCalendar.EnglandAndWales), new ResettlementAlerts(new ResettlementOptions { PlanWeeksBeforeRelease = 8 }, WorkingDayCalendar.EnglandAndWales));
        Assert.Contains("every 12 weeks", slower.Define(TimelinessMeasure.Reviews), StringComparison.Ordinal);
        Assert.Contains("8 weeks before the expected release", slower.Define(TimelinessMeasure.ResettlementPlans), StringComparison.Ordinal);
        Assert.Contains($"within {ProgrammeRules.WaitingAimDays} days", Measures.Define(TimelinessMeasure.ProgrammeStarts), StringComparison.Ordinal);
    }
}
