using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Domain.Supervision;

/// <summary>The practice alerts: the work a case is owed, named the same in the API, the pages and the data.</summary>
public enum AlertCode
{
    InitialAssessmentOverdue,
    PoliceCheckNotRequested,
    PoliceCheckAwaitingResponse,
    PoliceCheckNotRefreshed,
    ChildrenServicesCheckNotRequested,
    ChildrenServicesCheckAwaitingResponse,
    ChildrenServicesCheckNotRefreshed,
    PlanOverdue,
    DomesticAbuseNotAddressedInPlan,
    ChildSafeguardingNotAddressedInPlan,
    NoContingencyArrangements,
    RequirementNotScheduled,
    AbsenceAwaitingDecision,
    EnforcementDecisionDue,
    MonitoringViolationNotActioned,
    ReviewOverdue,
    TriggeredReviewOverdue,
    RiskIncreasedWithoutReview,
    HomeVisitOverdue,
    ProgrammeNotReferred,
    UnpaidWorkDeadlineAtRisk,
}

public enum AlertSeverity
{
    Medium,
    High,
}

/// <summary>One alert: what is owed, how serious, why in words, since when, and where it is resolved (a path under the case).</summary>
public sealed record PracticeAlert(AlertCode Code, AlertSeverity Severity, string Reason, DateOnly DueOn, string Resolve);

/// <summary>The safety net's time limits. Defaults follow the issue and the report's findings.</summary>
public sealed class SafetyNetOptions
{
    public int InitialAssessmentWorkingDays { get; set; } = 15;
    public int PlanWorkingDays { get; set; } = 20;
    public int CheckRequestWorkingDays { get; set; } = 5;
    public int CheckResponseWorkingDays { get; set; } = 10;
    public int PoliceCheckRefreshMonths { get; set; } = 6;
    public int ChildrenServicesCheckRefreshMonths { get; set; } = 6;
    public int ReviewIntervalWeeks { get; set; } = 16;
    public int TriggeredReviewWorkingDays { get; set; } = 10;
    public int AbsenceDecisionWorkingDays { get; set; } = 2;
    public int EnforcementDecisionWorkingDays { get; set; } = 5;
    public int MonitoringViolationWorkingDays { get; set; } = 1;
    public int HomeVisitWithinDays { get; set; } = 90;
    public int ProgrammeReferralWorkingDays { get; set; } = 10;

    /// <summary>Every limit must be a positive number within sense; the start-up refuses anything else.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Within(string name, int value, int max)
        {
            if (value < 1 || value > max)
            {
                errors.Add($"SafetyNet:{name} must be from 1 to {max}, not {value}.");
            }
        }

        Within(nameof(InitialAssessmentWorkingDays), InitialAssessmentWorkingDays, 60);
        Within(nameof(PlanWorkingDays), PlanWorkingDays, 60);
        Within(nameof(CheckRequestWorkingDays), CheckRequestWorkingDays, 60);
        Within(nameof(CheckResponseWorkingDays), CheckResponseWorkingDays, 60);
        Within(nameof(PoliceCheckRefreshMonths), PoliceCheckRefreshMonths, 24);
        Within(nameof(ChildrenServicesCheckRefreshMonths), ChildrenServicesCheckRefreshMonths, 24);
        Within(nameof(ReviewIntervalWeeks), ReviewIntervalWeeks, 52);
        Within(nameof(TriggeredReviewWorkingDays), TriggeredReviewWorkingDays, 60);
        Within(nameof(AbsenceDecisionWorkingDays), AbsenceDecisionWorkingDays, 20);
        Within(nameof(EnforcementDecisionWorkingDays), EnforcementDecisionWorkingDays, 20);
        Within(nameof(MonitoringViolationWorkingDays), MonitoringViolationWorkingDays, 20);
        Within(nameof(HomeVisitWithinDays), HomeVisitWithinDays, 365);
        Within(nameof(ProgrammeReferralWorkingDays), ProgrammeReferralWorkingDays, 60);
        return errors;
    }
}

/// <summary>When unacceptable absences call for an enforcement decision, per order type.</summary>
public static class EnforcementRules
{
    /// <summary>Failures count towards the threshold for twelve months.</summary>
    public const int WindowDays = 365;

    /// <summary>
    /// The number of unacceptable failures within 12 months at which breach (community and suspended
    /// sentence orders: the second) or recall (licence and post-sentence supervision: the first) must be decided.
    /// </summary>
    public static int Threshold(OrderType type) => type switch
    {
        OrderType.CommunityOrder or OrderType.SuspendedSentenceOrder => 2,
        OrderType.Licence or OrderType.PostSentenceSupervision => 1,
        _ => int.MaxValue,
    };

    /// <summary>Whether a failure on <paramref name="failure"/> still counts towards the threshold on <paramref name="asOf"/>.</summary>
    public static bool InWindow(DateOnly failure, DateOnly asOf) => failure <= asOf && asOf.DayNumber - failure.DayNumber < WindowDays;

    /// <summary>How many of the unacceptable failures fall in the 12 months up to <paramref name="on"/>.</summary>
    public static int FailuresInWindow(IEnumerable<DateOnly> failures, DateOnly on) => failures.Count(f => InWindow(f, on));

    public static bool IsBreachOrRecallDecision(EnforcementKind kind) =>
        kind is EnforcementKind.BreachInitiated or EnforcementKind.RecallRequested or EnforcementKind.NoFurtherAction;

    /// <summary>A decision on a failure below the threshold: a warning will do, as will a breach or recall decision.</summary>
    public static bool IsDecision(EnforcementKind kind) => kind == EnforcementKind.Warning || IsBreachOrRecallDecision(kind);

    /// <summary>Whether an action decides a failure: at the threshold only a breach or recall decision does, below it a warning will do.</summary>
    public static bool Decides(EnforcementKind kind, bool atThreshold) => atThreshold ? IsBreachOrRecallDecision(kind) : IsDecision(kind);
}

/// <summary>What makes a review due: a significant event, or non-compliance reaching the enforcement threshold with no event recorded for it (then <see cref="Event"/> is null).</summary>
public sealed record ReviewTrigger(DateOnly On, SignificantEventKind? Event);

/// <summary>One scheduled review as it fell due: the day it was due, and the day the next review was done (null while none has been).</summary>
public sealed record ScheduledReview(DateOnly Due, DateOnly? DoneOn);

/// <summary>
/// The safety net: a pure rule set that reads a case as of a day and lists the alerts it raises. An
/// alert goes away only when the work is recorded, or while a team manager's reasoned exception lasts.
/// </summary>
public sealed class SafetyNet(SafetyNetOptions options, WorkingDayCalendar calendar)
{
    /// <summary>The requirements a plan must schedule: rehabilitation activity, unpaid work and accredited programmes.</summary>
    public static readonly IReadOnlySet<RequirementType> ScheduledRequirements =
        new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.UnpaidWork, RequirementType.AccreditedProgramme };

    public SafetyNetOptions Options => options;

    // The due dates, one rule each: the alerts below and the reports that count work done on time both read them.
    public DateOnly InitialAssessmentDue(DateOnly allocated) => calendar.AddWorkingDays(allocated, options.InitialAssessmentWorkingDays);

    public DateOnly PlanDue(DateOnly allocated) => calendar.AddWorkingDays(allocated, options.PlanWorkingDays);

    public DateOnly CheckRequestDue(DateOnly allocated) => calendar.AddWorkingDays(allocated, options.CheckRequestWorkingDays);

    public DateOnly CheckResponseDue(DateOnly requested) => calendar.AddWorkingDays(requested, options.CheckResponseWorkingDays);

    public DateOnly AbsenceDecisionDue(DateOnly failure) => calendar.AddWorkingDays(failure, options.AbsenceDecisionWorkingDays);

    public DateOnly EnforcementDecisionDue(DateOnly failure) => calendar.AddWorkingDays(failure, options.EnforcementDecisionWorkingDays);

    public DateOnly MonitoringViolationDecisionDue(DateOnly violation) => calendar.AddWorkingDays(violation, options.MonitoringViolationWorkingDays);

    public DateOnly ScheduledReviewDue(DateOnly since) => since.AddDays(7 * options.ReviewIntervalWeeks);

    public DateOnly TriggeredReviewDue(DateOnly trigger) => calendar.AddWorkingDays(trigger, options.TriggeredReviewWorkingDays);

    public DateOnly HomeVisitDue(DateOnly since) => since.AddDays(options.HomeVisitWithinDays);

    public DateOnly ProgrammeReferralDue(DateOnly allocated) => calendar.AddWorkingDays(allocated, options.ProgrammeReferralWorkingDays);

    /// <summary>
    /// The scheduled reviews from <paramref name="since"/> (the plan, or allocation) to <paramref name="until"/>: each is due
    /// the review interval after the last review (or the start), and is met by the next review done after it.
    /// The last is listed only once it is due by <paramref name="until"/>.
    /// </summary>
    public IReadOnlyList<ScheduledReview> ScheduledReviews(DateOnly since, IEnumerable<DateOnly> reviews, DateOnly until)
    {
        var done = reviews.Order().ToList();
        var list = new List<ScheduledReview>();
        var from = since;
        while (true)
        {
            var due = ScheduledReviewDue(from);
            var next = done.Where(r => r > from).Select(r => (DateOnly?)r).FirstOrDefault();
            if (next is not { } n || n > until)
            {
                if (due <= until)
                {
                    list.Add(new ScheduledReview(due, null));
                }

                return list;
            }

            list.Add(new ScheduledReview(due, n));
            from = n;
        }
    }

    /// <summary>The first review done on or after a day: the one that answers an event or a failure on that day.</summary>
    public static DateOnly? ReviewOnOrAfter(IEnumerable<ReviewRecord> reviews, DateOnly on) =>
        reviews.Where(r => r.CompletedOn >= on).Select(r => (DateOnly?)r.CompletedOn).Min();

    /// <summary>The day a failure was decided: the first enforcement action on or after it that decides it.</summary>
    public static DateOnly? EnforcementDecidedOn(IEnumerable<EnforcementRecord> enforcement, DateOnly failure, bool atThreshold) =>
        enforcement.Where(e => e.On >= failure && EnforcementRules.Decides(e.Kind, atThreshold)).Select(e => (DateOnly?)e.On).Min();

    /// <summary>
    /// What makes a review due on the case: every significant event except a monitoring violation (that needs a decision
    /// instead), and every failure reaching the enforcement threshold that has no threshold event recorded on or after it.
    /// </summary>
    public static IReadOnlyList<ReviewTrigger> ReviewTriggers(CaseSnapshot c) =>
        c.Events.Where(e => e.Kind != SignificantEventKind.MonitoringViolation).Select(e => new ReviewTrigger(e.On, e.Kind))
            .Concat(ThresholdFailures(c)
                .Where(f => !c.Events.Any(e => e.Kind == SignificantEventKind.NonComplianceThreshold && e.On >= f))
                .Select(f => new ReviewTrigger(f, null)))
            .OrderBy(t => t.On)
            .ToList();

    public IReadOnlyList<PracticeAlert> Evaluate(CaseSnapshot c, DateOnly today)
    {
        var alerts = new List<PracticeAlert>();

        void Raise(AlertCode code, AlertSeverity severity, DateOnly due, string reason, string resolve)
        {
            if (today > due && !c.Exceptions.Any(e => e.Code == code && e.Until >= today))
            {
                alerts.Add(new PracticeAlert(code, severity, reason, due, resolve));
            }
        }

        var start = c.AllocatedOn ?? c.OrderStart;
        var initial = c.Assessments.FirstOrDefault(a => a.Kind == AssessmentKind.Initial && a.CompletedOn is not null);
        if (c.AllocatedOn is not null && initial is null)
        {
            Raise(AlertCode.InitialAssessmentOverdue, AlertSeverity.High, InitialAssessmentDue(start),
                $"No initial assessment completed within {options.InitialAssessmentWorkingDays} working days of allocation", "assessment");
        }

        CheckRules(c, start, AgencyCheckKind.PoliceDomesticAbuse, c.CurrentDomesticAbuse, Raise);
        CheckRules(c, start, AgencyCheckKind.ChildrensServices, c.ChildProtection || c.RiskToChildren, Raise);

        if (c.AllocatedOn is not null && c.Plan?.CompletedOn is null)
        {
            Raise(AlertCode.PlanOverdue, AlertSeverity.High, PlanDue(start),
                $"No sentence plan completed within {options.PlanWorkingDays} working days of allocation", "plan");
        }

        if (c.Plan is { CompletedOn: { } planned } plan)
        {
            if (c.CurrentDomesticAbuse && !plan.AddressesDomesticAbuse)
            {
                Raise(AlertCode.DomesticAbuseNotAddressedInPlan, AlertSeverity.High, planned, "Domestic abuse is flagged but the plan has no measures to manage it", "plan");
            }

            if ((c.ChildProtection || c.RiskToChildren) && !plan.AddressesChildSafeguarding)
            {
                Raise(AlertCode.ChildSafeguardingNotAddressedInPlan, AlertSeverity.High, planned, "A child is at risk but the plan has no child safeguarding measures", "plan");
            }

            if (c.CurrentRosh is RoshLevel.Medium or RoshLevel.High or RoshLevel.VeryHigh && !plan.HasContingencyArrangements)
            {
                Raise(AlertCode.NoContingencyArrangements, AlertSeverity.Medium, planned, "The risk management plan has no contingency arrangements", "plan");
            }

            var unscheduled = c.Requirements
                .Where(ScheduledRequirements.Contains)
                .Where(r => !plan.RequirementsScheduled.Contains(r))
                .Order() // named in one order however the requirements were read
                .ToList();
            if (unscheduled.Count > 0)
            {
                Raise(AlertCode.RequirementNotScheduled, AlertSeverity.Medium, planned,
                    "Not scheduled in the plan: " + string.Join(", ", unscheduled.Select(SupervisionRules.Describe)), "plan");
            }
        }

        foreach (var absence in c.Contacts.Where(x => ContactOutcomes.NeedsDecision(x.Outcome) && x.Decision is null))
        {
            Raise(AlertCode.AbsenceAwaitingDecision, AlertSeverity.Medium, AbsenceDecisionDue(absence.On),
                $"The failure to attend or comply on {absence.On:d MMM yyyy} has no decision on whether it was acceptable", "contacts");
        }

        EnforcementRule(c, Raise);

        foreach (var violation in c.Events.Where(e => e.Kind == SignificantEventKind.MonitoringViolation && !e.Actioned))
        {
            Raise(AlertCode.MonitoringViolationNotActioned, AlertSeverity.High, MonitoringViolationDecisionDue(violation.On),
                $"The monitoring violation on {violation.On:d MMM yyyy} has no decision", "events");
        }

        var lastReview = c.Reviews.Select(r => (DateOnly?)r.CompletedOn).Max();
        if (c.AllocatedOn is not null)
        {
            var since = lastReview ?? c.Plan?.CompletedOn ?? start;
            Raise(AlertCode.ReviewOverdue, AlertSeverity.Medium, ScheduledReviewDue(since),
                $"No review for more than {options.ReviewIntervalWeeks} weeks", "reviews");
        }

        // Reaching the enforcement threshold is itself a significant change: the review is due whether or
        // not anyone recorded it as an event (one recorded on or after the failure is a trigger of its own).
        foreach (var trigger in ReviewTriggers(c).Where(t => ReviewOnOrAfter(c.Reviews, t.On) is null))
        {
            Raise(AlertCode.TriggeredReviewOverdue, AlertSeverity.High, TriggeredReviewDue(trigger.On),
                trigger.Event is { } kind
                    ? $"{Describe(kind)} on {trigger.On:d MMM yyyy} has not been followed by a review"
                    : $"Non-compliance reached the enforcement threshold on {trigger.On:d MMM yyyy} and has not been followed by a review",
                "reviews");
        }

        var assessed = c.Assessments.Where(a => a.CompletedOn is not null && a.Rosh is not null).OrderBy(a => a.CompletedOn).ToList();
        if (assessed.Count >= 2 && assessed[^1].Rosh > assessed[^2].Rosh && !c.Reviews.Any(r => r.CompletedOn >= assessed[^1].CompletedOn))
        {
            Raise(AlertCode.RiskIncreasedWithoutReview, AlertSeverity.High, assessed[^1].CompletedOn!.Value,
                $"Risk of serious harm rose from {RoshLevels.Describe(assessed[^2].Rosh!.Value).ToLowerInvariant()} to {RoshLevels.Describe(assessed[^1].Rosh!.Value).ToLowerInvariant()} without a review", "reviews");
        }

        if (c.AllocatedOn is not null && (c.CurrentDomesticAbuse || c.ChildProtection || c.RiskToChildren))
        {
            var lastVisit = c.Contacts.Where(x => x.Kind == ContactKind.HomeVisit && x.Outcome == ContactOutcome.AttendedAndComplied).Select(x => (DateOnly?)x.On).Max();
            Raise(AlertCode.HomeVisitOverdue, AlertSeverity.Medium, HomeVisitDue(lastVisit ?? start),
                $"No home visit in {options.HomeVisitWithinDays} days on a case with domestic abuse or a child at risk", "contacts");
        }

        // Section 1.3: people start a programme within a month of referral only if they are referred promptly.
        foreach (var unreferred in c.AllocatedOn is null ? [] : c.Programmes?.Where(x => !x.Referred) ?? [])
        {
            Raise(AlertCode.ProgrammeNotReferred, AlertSeverity.Medium, ProgrammeReferralDue(start),
                $"The order's {(unreferred.Programme is { } p ? Programmes.ProgrammeRules.Describe(p) : "accredited programme")} requirement has no referral to the programme", "programme-referral");
        }
        UnpaidWorkDeadline(c, today, Raise);

        return alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.DueOn).ThenBy(a => a.Code).ToList();
    }

    /// <summary>Unpaid work must be finished within 12 months: the hours remaining cannot be met at the rate booked or worked so far.</summary>
    private static void UnpaidWorkDeadline(CaseSnapshot c, DateOnly today, Action<AlertCode, AlertSeverity, DateOnly, string, string> raise)
    {
        if (c.UnpaidWork is not { } uw)
        {
            return;
        }

        var p = UnpaidWork.UnpaidWorkRules.Progress(uw.OrderedHours, uw.OrderStart, today, uw.Bookings);
        if (p.AtRisk)
        {
            raise(AlertCode.UnpaidWorkDeadlineAtRisk, AlertSeverity.Medium, uw.OrderStart.AddDays(UnpaidWork.UnpaidWorkRules.DeadlineAlertGraceDays),
                $"{UnpaidWork.UnpaidWorkRules.Hours(p.RemainingMinutes)} of unpaid work remain but only {UnpaidWork.UnpaidWorkRules.Hours(p.AchievableMinutes)} can be met by {p.Deadline:d MMM yyyy} at the rate booked or worked",
                "unpaid-work");
        }
    }

    private void CheckRules(CaseSnapshot c, DateOnly start, AgencyCheckKind kind, bool required, Action<AlertCode, AlertSeverity, DateOnly, string, string> raise)
    {
        if (!required || c.AllocatedOn is null)
        {
            return;
        }

        var checks = c.Checks.Where(x => x.Kind == kind).ToList();
        var police = kind == AgencyCheckKind.PoliceDomesticAbuse;
        if (!checks.Any(x => x.RequestedOn is not null || !string.IsNullOrWhiteSpace(x.NotRequiredReason)))
        {
            raise(police ? AlertCode.PoliceCheckNotRequested : AlertCode.ChildrenServicesCheckNotRequested, AlertSeverity.High,
                CheckRequestDue(start),
                police ? "Domestic abuse is flagged but police call-out information has not been requested" : "A child is at risk but children's services have not been asked",
                "checks");
            return;
        }

        // A check answered once goes stale: the order runs on, households change. The latest request decides.
        var what = police ? "Police call-out information" : "The children's services check";
        var latest = checks.Where(x => x.RequestedOn is not null).OrderBy(x => x.RequestedOn).LastOrDefault();
        if (latest is { AnsweredOn: null, RequestedOn: { } asked })
        {
            raise(police ? AlertCode.PoliceCheckAwaitingResponse : AlertCode.ChildrenServicesCheckAwaitingResponse, AlertSeverity.Medium,
                CheckResponseDue(asked),
                $"{what} requested on {asked:d MMM yyyy} has not been answered", "checks");
        }
        else if (latest is { AnsweredOn: { } answered })
        {
            raise(police ? AlertCode.PoliceCheckNotRefreshed : AlertCode.ChildrenServicesCheckNotRefreshed, AlertSeverity.Medium,
                answered.AddMonths(police ? options.PoliceCheckRefreshMonths : options.ChildrenServicesCheckRefreshMonths),
                $"{what} has not been refreshed since {answered:d MMM yyyy}", "checks");
        }
    }

    private void EnforcementRule(CaseSnapshot c, Action<AlertCode, AlertSeverity, DateOnly, string, string> raise)
    {
        var threshold = EnforcementRules.Threshold(c.OrderType);
        foreach (var (failure, inWindow) in CountedFailures(c))
        {
            var atThreshold = inWindow >= threshold;
            if (EnforcementDecidedOn(c.Enforcement, failure, atThreshold) is null)
            {
                var what = !atThreshold ? "a warning or other decision"
                    : threshold == 1 ? "a recall decision"
                    : $"a breach decision (failure {inWindow} within 12 months)";
                raise(AlertCode.EnforcementDecisionDue, AlertSeverity.High, EnforcementDecisionDue(failure),
                    $"The unacceptable failure on {failure:d MMM yyyy} needs {what}", "enforcement");
            }
        }
    }

    /// <summary>Each unacceptable failure, oldest first, with how many unacceptable failures fall in the 12 months up to it.</summary>
    public static IEnumerable<(DateOnly On, int InWindow)> CountedFailures(CaseSnapshot c)
    {
        var failures = c.Contacts.Where(x => x.Decision == AbsenceDecision.Unacceptable).Select(x => x.On).Order().ToList();
        return failures.Select(f => (f, EnforcementRules.FailuresInWindow(failures, f)));
    }

    /// <summary>The days of the unacceptable failures that reached (or went past) the order's enforcement threshold.</summary>
    public static IEnumerable<DateOnly> ThresholdFailures(CaseSnapshot c) =>
        CountedFailures(c).Where(f => f.InWindow >= EnforcementRules.Threshold(c.OrderType)).Select(f => f.On);

    public static string Describe(SignificantEventKind kind) => kind switch
    {
        SignificantEventKind.NewOffenceOrArrest => "A new offence or arrest",
        SignificantEventKind.PoliceDomesticAbuseCallOut => "A police domestic abuse call-out",
        SignificantEventKind.ChangeOfAddressOrHousehold => "A change of address or household",
        SignificantEventKind.RelationshipChange => "A relationship change",
        SignificantEventKind.ChildContactChange => "A change in contact with children",
        SignificantEventKind.HospitalAdmissionOfPartnerOrChild => "A hospital admission of a partner or child",
        SignificantEventKind.NonMolestationOrderBreach => "A breach of a non-molestation order",
        SignificantEventKind.NonComplianceThreshold => "Non-compliance reaching the enforcement threshold",
        SignificantEventKind.ReleaseFromCustody => "Release from custody",
        SignificantEventKind.SafeguardingReferral => "A safeguarding referral",
        SignificantEventKind.MonitoringViolation => "A monitoring violation",
        _ => kind.ToString(),
    };
}

/// <summary>What each alert means, in the words the pages and the API documentation use.</summary>
public static class AlertCodes
{
    public static string Describe(AlertCode code) => code switch
    {
        AlertCode.InitialAssessmentOverdue => "no initial assessment completed within the working days allowed after allocation",
        AlertCode.PoliceCheckNotRequested => "domestic abuse is flagged but police call-out information has not been requested, nor recorded as not needed",
        AlertCode.PoliceCheckAwaitingResponse => "police call-out information was requested and has not been answered in time",
        AlertCode.PoliceCheckNotRefreshed => "police call-out information has not been refreshed within the months allowed",
        AlertCode.ChildrenServicesCheckNotRequested => "a child is at risk but children's services have not been asked, nor recorded as not needed",
        AlertCode.ChildrenServicesCheckAwaitingResponse => "children's services were asked and have not answered in time",
        AlertCode.ChildrenServicesCheckNotRefreshed => "the children's services check has not been refreshed within the months allowed",
        AlertCode.PlanOverdue => "no sentence plan completed within the working days allowed after allocation",
        AlertCode.DomesticAbuseNotAddressedInPlan => "domestic abuse is flagged but the plan has no measures to monitor or address it",
        AlertCode.ChildSafeguardingNotAddressedInPlan => "a child is at risk but the plan has no child safeguarding measures",
        AlertCode.NoContingencyArrangements => "medium or higher risk of serious harm and no contingency arrangements in the risk management plan",
        AlertCode.RequirementNotScheduled => "a rehabilitation activity, unpaid work or programme requirement is not scheduled in the plan",
        AlertCode.AbsenceAwaitingDecision => "a failure to attend or comply has no decision on whether it was acceptable",
        AlertCode.EnforcementDecisionDue => "an unacceptable failure needs a warning, or at the order's threshold a breach or recall decision",
        AlertCode.MonitoringViolationNotActioned => "a curfew or other monitoring violation has no recorded decision",
        AlertCode.ReviewOverdue => "no review within the review interval",
        AlertCode.TriggeredReviewOverdue => "a significant event, or non-compliance reaching the enforcement threshold, has not been followed by a review in time",
        AlertCode.RiskIncreasedWithoutReview => "the risk of serious harm rose at the latest assessment and no review followed",
        AlertCode.HomeVisitOverdue => "a domestic abuse or child safety case with no home visit within the days allowed",
        AlertCode.ProgrammeNotReferred => "the current order has an accredited programme requirement and no referral to the programme within the working days allowed after allocation",
        AlertCode.UnpaidWorkDeadlineAtRisk => "the unpaid work hours remaining cannot be finished within 12 months of the order's start at the rate booked or worked so far",
        _ => code.ToString(),
    };
}
