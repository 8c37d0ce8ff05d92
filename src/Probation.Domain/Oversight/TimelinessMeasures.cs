using Probation.Domain.Programmes;
using Probation.Domain.Resettlement;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Domain.Oversight;

/// <summary>The timeliness and delivery measures leaders read over a period.</summary>
public enum TimelinessMeasure
{
    InitialAssessments,
    Plans,
    Reviews,
    TriggeredReviews,
    AppointmentCompliance,
    EnforcementDecisions,
    UnpaidWorkHours,
    UnpaidWorkCompletions,
    ProgrammeStarts,
    ResettlementPlans,
}

/// <summary>
/// One thing a measure counts: the day it counts on (a due date, an appointment, a session) and its share of the
/// measure's numerator (<see cref="Met"/>) and denominator (<see cref="Of"/>): 1 of 1 on time, 0 of 1 late, or hours worked of hours booked.
/// </summary>
public sealed record TimelinessItem(DateOnly On, double Met, double Of);

/// <summary>
/// The timeliness and delivery measures, each a pure function from a case's records to the items it counts. Work
/// counts on the day it fell due, once its outcome is known: done (on time or late), or past due and not done. Due
/// dates come from the rules the alerts use, so a late item here is an alert an officer saw (or would have seen).
/// </summary>
public sealed class TimelinessMeasures(SafetyNet net, ResettlementAlerts resettlement)
{
    public static readonly IReadOnlyList<TimelinessMeasure> All = Enum.GetValues<TimelinessMeasure>();

    /// <summary>The initial assessment, due the set working days after the case's first allocation.</summary>
    public TimelinessItem? InitialAssessment(DateOnly firstAllocated, DateOnly? completedOn, DateOnly today) =>
        OnTime(net.InitialAssessmentDue(firstAllocated), completedOn, today);

    /// <summary>The sentence plan, due the set working days after the case's first allocation (a revision keeps the first completion date).</summary>
    public TimelinessItem? Plan(DateOnly firstAllocated, DateOnly? completedOn, DateOnly today) =>
        OnTime(net.PlanDue(firstAllocated), completedOn, today);

    /// <summary>Each scheduled review: due the review interval after the plan (or allocation, without one) or the last review.</summary>
    public IEnumerable<TimelinessItem> ScheduledReviews(DateOnly since, IEnumerable<DateOnly> reviews, DateOnly today) =>
        net.ScheduledReviews(since, reviews, today).Select(r => OnTime(r.Due, r.DoneOn, today)).OfType<TimelinessItem>();

    /// <summary>Each review a significant event or the enforcement threshold made due, met by a review on or after the trigger and by its due date.</summary>
    public IEnumerable<TimelinessItem> TriggeredReviews(CaseSnapshot c, DateOnly today) =>
        SafetyNet.ReviewTriggers(c).Select(t => OnTime(net.TriggeredReviewDue(t.On), SafetyNet.ReviewOnOrAfter(c.Reviews, t.On), today)).OfType<TimelinessItem>();

    /// <summary>Each unacceptable failure's enforcement decision: a warning, or at the order's threshold a breach or recall decision.</summary>
    public IEnumerable<TimelinessItem> EnforcementDecisions(CaseSnapshot c, DateOnly today)
    {
        var threshold = EnforcementRules.Threshold(c.OrderType);
        foreach (var (failure, inWindow) in SafetyNet.CountedFailures(c))
        {
            if (OnTime(net.EnforcementDecisionDue(failure), SafetyNet.EnforcementDecidedOn(c.Enforcement, failure, inWindow >= threshold), today) is { } item)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// An appointment's part in compliance: kept or failed, on its day. Rescheduled appointments, those still to happen,
    /// and failures judged acceptable are left out; a failure still awaiting a decision counts as not complied.
    /// </summary>
    public static TimelinessItem? Appointment(DateOnly on, ContactOutcome? outcome, AbsenceDecision? decision) =>
        outcome is null or ContactOutcome.Rescheduled || (ContactOutcomes.NeedsDecision(outcome) && decision == AbsenceDecision.Acceptable)
            ? null
            : new TimelinessItem(on, outcome == ContactOutcome.AttendedAndComplied ? 1 : 0, 1);

    /// <summary>A booked unpaid work session: hours credited of the hours booked, once it has happened or its attendance is recorded.</summary>
    public static TimelinessItem? UnpaidWorkSession(UnpaidWorkBookingRecord b, DateOnly today) =>
        b.Outcome is null && b.On >= today ? null : new TimelinessItem(b.On, b.CreditedMinutes / 60.0, b.Minutes / 60.0);

    /// <summary>
    /// An unpaid work requirement's completion: on the day its last hour was credited, if within 12 months of the
    /// order's start (met); on its deadline, if hours were still owed then (not met).
    /// </summary>
    public static TimelinessItem? UnpaidWorkCompletion(int orderedHours, DateOnly orderStart, IEnumerable<UnpaidWorkBookingRecord> bookings, DateOnly today)
    {
        var deadline = UnpaidWorkRules.Deadline(orderStart);
        var owed = orderedHours * 60;
        var credited = 0;
        foreach (var b in bookings.Where(b => b.CreditedMinutes > 0).OrderBy(b => b.On))
        {
            credited += b.CreditedMinutes;
            if (credited >= owed)
            {
                return b.On <= deadline ? new TimelinessItem(b.On, 1, 1) : new TimelinessItem(deadline, 0, 1);
            }
        }

        return today > deadline ? new TimelinessItem(deadline, 0, 1) : null;
    }

    /// <summary>
    /// A programme referral against the one-month aim (section 1.3), read as the waiting list reads it: met on the day the
    /// person started within the aim; not met on the first day over it. Withdrawn and not-suitable referrals never start and are left out.
    /// </summary>
    public static TimelinessItem? ProgrammeStart(DateOnly referredOn, DateOnly? startedOn, ReferralStatus status, DateOnly today)
    {
        if (status is ReferralStatus.Withdrawn or ReferralStatus.NotSuitable)
        {
            return null;
        }

        var wait = WaitingFigures.Of(referredOn, startedOn, today);
        return wait.OverAim ? new TimelinessItem(referredOn.AddDays(ProgrammeRules.WaitingAimDays + 1), 0, 1)
            : wait.Started ? new TimelinessItem(startedOn!.Value, 1, 1)
            : null;
    }

    /// <summary>The pre-release resettlement plan, due the set weeks before the expected release (never before screening is due).</summary>
    public TimelinessItem? ResettlementPlan(CustodyRecord r, DateOnly today) => OnTime(resettlement.DueDates(r).Plan, r.PlanCompletedOn, today);

    /// <summary>Work due on a day: met when done by then; not met when done later, or still not done after it. Unknown (null) until one of those.</summary>
    public static TimelinessItem? OnTime(DateOnly due, DateOnly? doneOn, DateOnly today) =>
        doneOn is { } done ? new TimelinessItem(due, done <= due ? 1 : 0, 1)
        : today > due ? new TimelinessItem(due, 0, 1)
        : null;

    public static string Describe(TimelinessMeasure m) => m switch
    {
        TimelinessMeasure.InitialAssessments => "Initial assessments on time",
        TimelinessMeasure.Plans => "Sentence plans on time",
        TimelinessMeasure.Reviews => "Scheduled reviews on time",
        TimelinessMeasure.TriggeredReviews => "Triggered reviews on time",
        TimelinessMeasure.AppointmentCompliance => "Appointments complied with",
        TimelinessMeasure.EnforcementDecisions => "Enforcement decisions on time",
        TimelinessMeasure.UnpaidWorkHours => "Unpaid work hours delivered",
        TimelinessMeasure.UnpaidWorkCompletions => "Unpaid work completed within 12 months",
        TimelinessMeasure.ProgrammeStarts => "Programme starts within a month of referral",
        TimelinessMeasure.ResettlementPlans => "Resettlement plans on time",
        _ => m.ToString(),
    };

    /// <summary>What the numerator and denominator count, in the measure's own unit.</summary>
    public static string Unit(TimelinessMeasure m) => m switch
    {
        TimelinessMeasure.InitialAssessments => "assessments",
        TimelinessMeasure.Plans or TimelinessMeasure.ResettlementPlans => "plans",
        TimelinessMeasure.Reviews or TimelinessMeasure.TriggeredReviews => "reviews",
        TimelinessMeasure.AppointmentCompliance => "appointments",
        TimelinessMeasure.EnforcementDecisions => "decisions",
        TimelinessMeasure.UnpaidWorkHours => "hours",
        TimelinessMeasure.UnpaidWorkCompletions => "requirements",
        TimelinessMeasure.ProgrammeStarts => "referrals",
        _ => "items",
    };

    /// <summary>What the measure counts, for the page and the API documentation, with the limits the rules use.</summary>
    public string Define(TimelinessMeasure m)
    {
        var o = net.Options;
        var t = resettlement.Options;
        const string counted = "Each counts on its due date, once it is done or overdue.";
        return m switch
        {
            TimelinessMeasure.InitialAssessments => $"Initial assessments due in the period ({o.InitialAssessmentWorkingDays} working days after the case's first allocation); on time: completed by then. {counted}",
            TimelinessMeasure.Plans => $"Sentence plans due in the period ({o.PlanWorkingDays} working days after the case's first allocation); on time: first completed by then. {counted}",
            TimelinessMeasure.Reviews => $"Scheduled reviews due in the period (every {o.ReviewIntervalWeeks} weeks from the plan, or from allocation without one, and then from the last review); on time: the next review done by the due date. {counted}",
            TimelinessMeasure.TriggeredReviews => $"Reviews due in the period after a significant event, or after non-compliance reached the enforcement threshold ({o.TriggeredReviewWorkingDays} working days after it); on time: a review done on or after it and by then. {counted}",
            TimelinessMeasure.AppointmentCompliance => "Appointments in the period that were kept or failed (every contact, including unpaid work and programme sessions); complied: attended and complied. Rescheduled appointments and absences judged acceptable are left out; a failure still awaiting a decision counts as not complied.",
            TimelinessMeasure.EnforcementDecisions => $"Unacceptable failures whose decision was due in the period ({o.EnforcementDecisionWorkingDays} working days after the failure): a warning, or at the order's threshold (the second failure in 12 months on a community or suspended sentence order, the first on a licence) a breach or recall decision; on time: decided by then. {counted}",
            TimelinessMeasure.UnpaidWorkHours => "Hours credited at unpaid work sessions in the period, of the hours booked on those sessions (sessions still to happen are left out).",
            TimelinessMeasure.UnpaidWorkCompletions => $"Unpaid work requirements that came to an end in the period: completed (every hour credited) or reached the {UnpaidWorkRules.CompletionMonths}-month deadline with hours owed; met: completed within {UnpaidWorkRules.CompletionMonths} months of the order's start.",
            TimelinessMeasure.ProgrammeStarts => $"Accredited programme referrals decided in the period against the aim of a start within {ProgrammeRules.WaitingAimDays} days of referral: met on the day the person started within it, not met on the first day over it. Withdrawn and not-suitable referrals are left out, as on the waiting list.",
            TimelinessMeasure.ResettlementPlans => $"Pre-release resettlement plans due in the period ({t.PlanWeeksBeforeRelease} weeks before the expected release, and never before screening is due {t.ScreeningWorkingDays} working days after reception); on time: completed by then. {counted}",
            _ => m.ToString(),
        };
    }
}
