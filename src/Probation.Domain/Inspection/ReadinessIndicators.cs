using Probation.Domain.Cases;
using Probation.Domain.Resettlement;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Domain.Inspection;

/// <summary>
/// Inspection readiness: for each case-based key question, an indicator computed from what is recorded on a case,
/// answered yes, no or not applicable as an inspector answers it. An indicator is not an inspection judgement: it
/// reads what is recorded and on time, never how good the work was. Every due date comes from the rules the alerts
/// use (<see cref="SafetyNet"/>, <see cref="ResettlementAlerts"/>, <see cref="UnpaidWorkRules"/>), so an indicator
/// cannot disagree with the alert an officer sees. Work falling due after the day is not applicable yet.
/// </summary>
public sealed class ReadinessIndicators(SafetyNet net, ResettlementAlerts resettlement)
{
    /// <summary>Events, failures and reviews count for this many months before the day (a year of practice, as a sample would show).</summary>
    public const int LookBackMonths = 12;

    /// <summary>The safety net's alerts that say delivery is not keeping people safe (key question 2.3.3).</summary>
    public static readonly IReadOnlySet<AlertCode> SafetyAlerts = new HashSet<AlertCode>
    {
        AlertCode.PoliceCheckNotRequested, AlertCode.PoliceCheckAwaitingResponse, AlertCode.PoliceCheckNotRefreshed,
        AlertCode.ChildrenServicesCheckNotRequested, AlertCode.ChildrenServicesCheckAwaitingResponse, AlertCode.ChildrenServicesCheckNotRefreshed,
        AlertCode.HomeVisitOverdue, AlertCode.MonitoringViolationNotActioned,
    };

    /// <summary>The first day of the look-back window ending on <paramref name="day"/>.</summary>
    public static DateOnly WindowStart(DateOnly day) => day.AddMonths(-LookBackMonths);

    /// <summary>
    /// The relevant sub-sample for 2.2.3, 2.3.3 and 2.4.3 (the report's footnote 19: "cases where risk of serious harm
    /// issues apply"): a medium or higher RoSH, current domestic abuse, or a child at risk.
    /// </summary>
    public static bool RoshIssuesApply(CaseSnapshot c) =>
        c.CurrentRosh is RoshLevel.Medium or RoshLevel.High or RoshLevel.VeryHigh || c.CurrentDomesticAbuse || c.ChildProtection || c.RiskToChildren;

    /// <summary>A case supervision key question (2.1.1 to 2.4.3) for one case on a day.</summary>
    public IndicatorResult CaseSupervision(string keyQuestion, SupervisionCase c, DateOnly day) => keyQuestion switch
    {
        "2.1.1" => Assessed(c, day, (a, no) =>
        {
            Require(no, a.Motivation, "The assessment does not analyse motivation and readiness to change");
            Require(no, a.Circumstances, "The assessment does not analyse diversity and personal circumstances");
            Require(no, a.PersonsViews, "The assessment does not record the person's own views");
        }),
        "2.1.2" => Assessed(c, day, (a, no) =>
        {
            Require(no, a.OffenceAnalysed, "The assessment does not analyse the current offence");
            Require(no, a.PreviousConvictionsReviewed, "Previous convictions were not reviewed");
            Require(no, a.PatternsOfOffending, "The assessment does not analyse patterns of offending");
            Require(no, a.AllNeedsRated, "Not every criminogenic need is rated");
            Require(no, a.Strengths, "The assessment records no strengths or protective factors");
            Require(no, a.InformationSources, "The assessment does not say which sources of information it drew on");
        }),
        "2.1.3" => Assessed(c, day, (a, no) =>
        {
            Require(no, a.Rosh is not null, "No risk of serious harm classification");
            Require(no, a.RoshReasons, "No reasons given for the risk of serious harm classification");
            Require(no, a.Rosh is null or RoshLevel.Low || a.WhoIsAtRisk, "The assessment does not say who is at risk, and of what");
            if (a.DomesticAbuseFlagged)
            {
                Require(no, CheckDone(c.Snapshot, AgencyCheckKind.PoliceDomesticAbuse, a.CompletedOn, day),
                    "Domestic abuse was flagged: police call-out information was not requested by the assessment and answered (or recorded as not needed)");
            }

            if (a.ChildAtRisk)
            {
                Require(no, CheckDone(c.Snapshot, AgencyCheckKind.ChildrensServices, a.CompletedOn, day),
                    "A child was at risk: children's services were not asked by the assessment and answered (or recorded as not needed)");
            }
        }),
        "2.2.1" => Planned(c, day, (p, no) =>
        {
            Require(no, p.PersonsInvolvement, "The plan does not record how the person took part");
            Require(no, p.ContactsPerMonth > 0 && p.ContactPattern, "The plan sets no level and pattern of contact");
            var unscheduled = c.Snapshot.Requirements.Where(SafetyNet.ScheduledRequirements.Contains).Where(r => p.Schedule.All(s => s.Type != r)).ToList();
            Require(no, unscheduled.Count == 0, "Not scheduled in the plan: " + string.Join(", ", unscheduled.Select(SupervisionRules.Describe)));
        }),
        "2.2.2" => Planned(c, day, (p, no) =>
        {
            Require(no, p.Objectives.Count > 0, "The plan has no objectives");
            Require(no, p.Objectives.All(o => o.Links != ObjectiveLinks.None), "An objective is not linked to a need or risk factor");
            Require(no, p.Objectives.Count == 0 || p.Objectives.Any(o => (o.Links & NeedLinks) != 0), "No objective addresses a criminogenic need");
            var copied = p.Objectives.Count(o => o.Copied is not null);
            Require(no, copied == 0, copied == 1 ? "An objective is standard wording or copied from another case" : $"{copied} objectives are standard wording or copied from another case");
            foreach (var need in c.OffendingNeeds.Where(n => !p.Objectives.Any(o => o.Links.HasFlag(LinkOf(n)))))
            {
                no.Add($"No objective addresses {SupervisionRules.Describe(need).ToLowerInvariant()}, assessed as a significant problem linked to offending");
            }
        }),
        "2.2.3" => !RoshIssuesApply(c.Snapshot)
            ? IndicatorResult.NotApplicable("No risk of serious harm issues: not in the relevant sub-sample")
            : Planned(c, day, (p, no) =>
            {
                var s = c.Snapshot;
                Require(no, s.CurrentRosh is not (RoshLevel.Medium or RoshLevel.High or RoshLevel.VeryHigh) || p.ContingencyArrangements, "The risk management plan has no contingency arrangements");
                Require(no, !s.CurrentDomesticAbuse || p.DomesticAbuseMeasures, "Domestic abuse is flagged but the plan has no measures to manage it");
                Require(no, !(s.ChildProtection || s.RiskToChildren) || p.ChildSafeguardingMeasures, "A child is at risk but the plan has no child safeguarding measures");
                Require(no, !(c.RiskToKnownAdult || s.RiskToChildren || s.CurrentDomesticAbuse) || p.VictimSafety, "The plan does not address the safety of actual or potential victims");
            }),
        "2.3.1" => UnderWay(c, day) ?? Implemented(c, day),
        "2.3.2" => UnderWay(c, day) ?? Delivered(c, day),
        "2.3.3" => !RoshIssuesApply(c.Snapshot)
            ? IndicatorResult.NotApplicable("No risk of serious harm issues: not in the relevant sub-sample")
            : day <= net.CheckRequestDue(c.FirstAllocated)
                ? IndicatorResult.NotApplicable($"No safety work due until {net.CheckRequestDue(c.FirstAllocated):d MMM yyyy}")
                : IndicatorResult.From(net.Evaluate(c.Snapshot, day).Where(a => SafetyAlerts.Contains(a.Code)).Select(a => a.Reason).ToList()),
        "2.4.1" => Reviewed(c, day, (r, no) =>
        {
            Require(no, r.PersonsInvolvement, $"The review on {r.CompletedOn:d MMM yyyy} does not record how the person took part");
            Require(no, r.PlanAdjustedOrWhyNot, $"The review on {r.CompletedOn:d MMM yyyy} neither adjusts the plan nor says why not");
        }),
        "2.4.2" => Reviewed(c, day, (r, no) =>
        {
            Require(no, r.OffendingFactorChanges, $"The review on {r.CompletedOn:d MMM yyyy} does not consider changes in the factors linked to offending");
            Require(no, r.ObjectivesReviewed > 0 || c.Plan is not { Objectives.Count: > 0 }, $"The review on {r.CompletedOn:d MMM yyyy} records no progress against the plan's objectives");
        }),
        "2.4.3" => !RoshIssuesApply(c.Snapshot)
            ? IndicatorResult.NotApplicable("No risk of serious harm issues: not in the relevant sub-sample")
            : ReviewedForSafety(c, day),
        _ => throw new ArgumentOutOfRangeException(nameof(keyQuestion), keyQuestion, "Not a case supervision key question."),
    };

    /// <summary>An unpaid work key question (4.1.1 to 4.1.4) for one requirement on a day.</summary>
    public IndicatorResult UnpaidWork(string keyQuestion, UnpaidWorkCase u, DateOnly day)
    {
        var grace = u.OrderStart.AddDays(UnpaidWorkRules.DeadlineAlertGraceDays);
        var past = u.Bookings.Where(b => b.On < day).ToList();
        var credited = u.Bookings.Where(b => b.On <= day).Sum(b => b.CreditedMinutes);
        switch (keyQuestion)
        {
            case "4.1.1":
                {
                    var first = u.Bookings.Select(b => (DateOnly?)b.On).Min();
                    if (first is null && day <= grace)
                    {
                        return IndicatorResult.NotApplicable($"No session booked, and the first is not due until {grace:d MMM yyyy}");
                    }

                    var by = first is { } f && f <= day ? f : day;
                    if (u.Assessment is not { } a || a.CompletedOn > by)
                    {
                        return IndicatorResult.No(first is { } ff && ff <= day
                            ? $"No unpaid work assessment completed before the first session on {ff:d MMM yyyy}"
                            : "No unpaid work assessment completed");
                    }

                    var no = new List<string>();
                    Require(no, a.Health, "The unpaid work assessment does not record health");
                    Require(no, a.RiskToPublic && a.RiskToSupervisors, "The unpaid work assessment does not record the risk to the public and to supervisors");
                    Require(no, a.DiversityNeeds, "The unpaid work assessment does not record diversity needs");
                    return IndicatorResult.From(no);
                }

            case "4.1.2":
                {
                    if (past.Count == 0)
                    {
                        return IndicatorResult.NotApplicable("No session has happened yet");
                    }

                    var no = past.Where(b => b.Outcome is null).Select(b => $"Attendance at the session on {b.On:d MMM yyyy} is not recorded").ToList();
                    var atWork = u.Case.Snapshot.Contacts.Where(x => x.Kind == ContactKind.UnpaidWorkSession && x.Decision == AbsenceDecision.Unacceptable).Select(x => x.On).ToHashSet();
                    no.AddRange(EnforcementShortfalls(u.Case, day, atWork.Contains));
                    return IndicatorResult.From(no);
                }

            case "4.1.3":
                if (credited == 0)
                {
                    return IndicatorResult.NotApplicable("No hours worked yet");
                }

                return u.FirstAwardRegistered <= day
                    || u.Bookings.Any(b => b.On <= day && b.CreditedMinutes > 0 && (b.Award is not null || b.Placement == PlacementKind.EducationTrainingEmployment))
                    ? IndicatorResult.Yes
                    : IndicatorResult.No("No hours on a placement working towards an accredited award, nor on education, training and employment");

            case "4.1.4":
                {
                    if (day <= grace)
                    {
                        return IndicatorResult.NotApplicable($"The hours are not judged until {grace:d MMM yyyy}, four weeks into the order");
                    }

                    var ordered = u.OrderedHours * 60;
                    var deadline = UnpaidWorkRules.Deadline(u.OrderStart);
                    if (deadline < day)
                    {
                        var byDeadline = u.Bookings.Where(b => b.On <= deadline).Sum(b => b.CreditedMinutes);
                        return byDeadline >= ordered
                            ? IndicatorResult.Yes
                            : IndicatorResult.No($"{UnpaidWorkRules.Hours(ordered - byDeadline)} remained at the {UnpaidWorkRules.CompletionMonths}-month deadline ({deadline:d MMM yyyy})");
                    }

                    var progress = UnpaidWorkRules.Progress(u.OrderedHours, u.OrderStart, day, u.Bookings);
                    return progress.AtRisk
                        ? IndicatorResult.No($"{UnpaidWorkRules.Hours(progress.RemainingMinutes)} remain but only {UnpaidWorkRules.Hours(progress.AchievableMinutes)} can be met by {progress.Deadline:d MMM yyyy} at the rate booked or worked")
                        : IndicatorResult.Yes;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(keyQuestion), keyQuestion, "Not an unpaid work key question.");
        }
    }

    /// <summary>A Through the Gate key question (4.2.1 to 4.2.3) for one custody record as it stood on a day.</summary>
    public IndicatorResult ThroughTheGate(string keyQuestion, CustodyRecord r, DateOnly day)
    {
        var due = resettlement.DueDates(r);
        var released = r.ReleasedOn is { } rel && rel <= day;
        switch (keyQuestion)
        {
            case "4.2.1":
                {
                    if (r.PlanCompletedOn is null && day <= due.Plan)
                    {
                        return IndicatorResult.NotApplicable($"The resettlement plan is not due until {due.Plan:d MMM yyyy}");
                    }

                    var no = new List<string>();
                    Late(no, "The screening of resettlement needs", due.Screening, r.ScreenedOn, day);
                    Late(no, "The resettlement plan", due.Plan, r.PlanCompletedOn, day);
                    if (r.PlanCompletedOn is not null)
                    {
                        Require(no, !string.IsNullOrWhiteSpace(r.RiskOfHarmConsidered), "The plan does not say how it takes account of risk of harm");
                        var unrated = Enum.GetValues<Pathway>().Where(p => r.StatusOf(p) == PathwayStatus.NotStarted).ToList();
                        Require(no, unrated.Count == 0, "The plan does not say where every pathway stands: " + string.Join(", ", unrated.Select(p => ResettlementRules.Describe(p).ToLowerInvariant())));
                    }

                    return IndicatorResult.From(no);
                }

            case "4.2.2":
                {
                    if (!released && day <= due.Accommodation)
                    {
                        return IndicatorResult.NotApplicable($"Resettlement activity is judged from {due.Accommodation.AddDays(1):d MMM yyyy}, four weeks before release");
                    }

                    var no = new List<string>();
                    if (released)
                    {
                        Require(no, r.AccommodationOnRelease is not null and not AccommodationOnRelease.NoFixedAbode, "The person left prison with no fixed abode, or where they went is not recorded");
                    }
                    else
                    {
                        var accommodation = r.Needs.FirstOrDefault(n => n.Pathway == Pathway.Accommodation);
                        Require(no, accommodation is not null && ResettlementRules.IsComplete(accommodation.Status) && accommodation.UpdatedOn <= due.Accommodation,
                            $"Accommodation was not secured by {due.Accommodation:d MMM yyyy}, four weeks before release");
                    }

                    foreach (var need in r.Needs.Where(n => ResettlementRules.NeedsAction(n.Status) && !r.Activities.Any(a => a.Pathway == n.Pathway)))
                    {
                        no.Add($"No activity recorded on {ResettlementRules.Describe(need.Pathway).ToLowerInvariant()}, which needs action");
                    }

                    return IndicatorResult.From(no);
                }

            case "4.2.3":
                {
                    var handoverBy = released && r.ReleasedOn < due.Handover ? r.ReleasedOn!.Value : due.Handover;
                    if (!released && day <= due.Handover)
                    {
                        return IndicatorResult.NotApplicable($"The handover is not due until {due.Handover:d MMM yyyy}");
                    }

                    var no = new List<string>();
                    Late(no, "The handover to the community", handoverBy, r.HandoverOn, day);
                    Require(no, r.Activities.Any(a => !string.IsNullOrWhiteSpace(a.CoordinatedWith)), "No resettlement activity is recorded as coordinated with other services in the prison");
                    if (released)
                    {
                        Require(no, r.FirstAppointmentOn is not null, "No first appointment in the community was recorded on release");
                    }

                    return IndicatorResult.From(no);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(keyQuestion), keyQuestion, "Not a Through the Gate key question.");
        }
    }

    /// <summary>What an indicator counts, in words for the page: the recorded work that makes a case a yes, and when it applies.</summary>
    public string Define(string keyQuestion)
    {
        var o = net.Options;
        var t = resettlement.Options;
        var window = $"in the {LookBackMonths} months to the day";
        var assessment = $"Applies once the initial assessment is due ({o.InitialAssessmentWorkingDays} working days after the case's first allocation) or done. Yes when it was completed on time";
        var plan = $"Applies once the sentence plan is due ({o.PlanWorkingDays} working days after the case's first allocation) or done. Yes when it was completed on time";
        var underWay = $"Applies once the case has been supervised for the {o.PlanWorkingDays} working days a plan is allowed.";
        var reviews = $"Applies once a scheduled review has fallen due (every {o.ReviewIntervalWeeks} weeks from the plan or the last review) or a review is done {window}. Yes when every scheduled review due {window} was done by its due date";
        var relevant = "Relevant sub-sample only: cases with a medium or higher risk of serious harm, current domestic abuse or a child at risk.";
        return keyQuestion switch
        {
            "2.1.1" => $"{assessment}, and it analyses the person's motivation and readiness to change, their diversity and personal circumstances, and records their own views.",
            "2.1.2" => $"{assessment}, and it analyses the current offence and patterns of offending, reviews previous convictions, rates every criminogenic need, records strengths and protective factors, and names the sources of information it drew on.",
            "2.1.3" => $"{assessment}, with a risk of serious harm classification and its reasons, and who is at risk when above low; where domestic abuse was flagged, police call-out information requested by the assessment and answered by the day (or recorded as not needed); where a child was at risk, the same for children's services.",
            "2.2.1" => $"{plan}, records how the person took part, sets a level and pattern of contact, and schedules every rehabilitation activity, unpaid work and accredited programme requirement of the order.",
            "2.2.2" => $"{plan}, has objectives each linked to a need or risk factor, at least one addressing a criminogenic need, none in standard wording or copied from another case, and one for every need the latest assessment rated a significant problem linked to offending.",
            "2.2.3" => $"{relevant} {plan}, with contingency arrangements where the risk of serious harm is medium or higher, domestic abuse measures where it is flagged, child safeguarding measures where a child is at risk, and the safety of actual or potential victims addressed.",
            "2.3.1" => $"{underWay} Yes when, {window}, every failure to attend or comply was decided (acceptable or not) within {o.AbsenceDecisionWorkingDays} working days, every unacceptable failure had a warning (or, at the order's threshold, a breach or recall decision) within {o.EnforcementDecisionWorkingDays} working days, and every accredited programme requirement of the order was referred within {o.ProgrammeReferralWorkingDays} working days of the first allocation.",
            "2.3.2" => $"{underWay} It needs something to deliver: a requirement the plan schedules to start, or a need the latest assessment rated a significant problem linked to offending. Yes when every scheduled rehabilitation activity, unpaid work or programme requirement past its planned start has begun (a contact for it, hours credited or a programme start), and, where such a need is assessed, a referral to a service or programme was made that did not close without help (declined, not engaged, withdrawn or not suitable).",
            "2.3.3" => $"{relevant} Applies once the first agency check is due ({o.CheckRequestWorkingDays} working days after the first allocation). Yes when, on the day, the case has none of these open alerts: police call-out information or children's services not asked, awaiting an answer past {o.CheckResponseWorkingDays} working days or not refreshed ({o.PoliceCheckRefreshMonths} and {o.ChildrenServicesCheckRefreshMonths} months); no home visit in {o.HomeVisitWithinDays} days; a monitoring violation not decided within {o.MonitoringViolationWorkingDays} working day(s).",
            "2.4.1" => $"{reviews}, and the latest review records how the person took part and either adjusts the plan or says why not.",
            "2.4.2" => $"{reviews}, and the latest review considers changes in the factors linked to offending and records progress against the plan's objectives.",
            "2.4.3" => $"{relevant} Applies once a review is due or done {window}. Yes when every significant event and every failure reaching the enforcement threshold {window} was followed by a review within {o.TriggeredReviewWorkingDays} working days, every scheduled review was on time, the latest review considers changes in risk of harm factors (and, where domestic abuse or a child at risk is flagged, draws on other agencies), and no rise in risk of serious harm is left without a review.",
            "4.1.1" => $"People whose current order has unpaid work hours. Applies once a session is booked or the order is {UnpaidWorkRules.DeadlineAlertGraceDays} days old. Yes when the unpaid work assessment was completed before the first session and records health, the risk to the public and to supervisors, and diversity needs.",
            "4.1.2" => $"Applies once a booked session has happened. Yes when attendance is recorded for every session before the day, and every unacceptable absence, failure to comply or sending home {window} had its warning or breach decision within {o.EnforcementDecisionWorkingDays} working days.",
            "4.1.3" => "Applies once any hours are credited. Yes when hours were worked on a placement working towards an accredited award, or on education, training and employment, or an award is registered.",
            "4.1.4" => $"Applies {UnpaidWorkRules.DeadlineAlertGraceDays} days into the order. Yes when the hours remaining can be finished within {UnpaidWorkRules.CompletionMonths} months of the order's start at the rate booked or worked so far (the unpaid work deadline alert), or, past the deadline, every hour was credited by it.",
            "4.2.1" => $"People in custody, or released {window}. Applies once the resettlement plan is due ({t.PlanWeeksBeforeRelease} weeks before the expected release) or done. Yes when needs were screened within {t.ScreeningWorkingDays} working days of reception, the plan was completed on time, every pathway has a status and the plan says how it takes account of risk of harm.",
            "4.2.2" => $"Applies {t.AccommodationAlertDaysBeforeRelease} days before the expected release, or from release. Yes when accommodation was secured by then (or, once released, the person did not leave with no fixed abode) and every pathway needing action has an activity recorded on it.",
            "4.2.3" => $"Applies once the handover is due ({t.HandoverDaysBeforeRelease} days before the expected release) or the person is released. Yes when the handover to the community was made on time (and before release), at least one activity was coordinated with other services in the prison, and, once released, a first appointment in the community was recorded.",
            _ => throw new ArgumentOutOfRangeException(nameof(keyQuestion), keyQuestion, "Not a key question with an indicator."),
        };
    }

    private static readonly ObjectiveLinks NeedLinks = Enum.GetValues<Need>().Aggregate(ObjectiveLinks.None, (all, n) => all | LinkOf(n));

    private static ObjectiveLinks LinkOf(Need need) => (ObjectiveLinks)(1 << (int)need);

    private static void Require(List<string> shortfalls, bool met, string shortfall)
    {
        if (!met)
        {
            shortfalls.Add(shortfall);
        }
    }

    /// <summary>Adds the shortfall when work due by <paramref name="due"/> was done late, or is still not done after it.</summary>
    private static void Late(List<string> shortfalls, string what, DateOnly due, DateOnly? doneOn, DateOnly day)
    {
        if (doneOn is { } done)
        {
            if (done > due)
            {
                shortfalls.Add($"{what} was done on {done:d MMM yyyy}, after it was due on {due:d MMM yyyy}");
            }
        }
        else if (day > due)
        {
            shortfalls.Add($"{what} was due on {due:d MMM yyyy} and is not done");
        }
    }

    /// <summary>A police or children's services check asked for by the assessment and answered by the day, or recorded as not needed.</summary>
    private static bool CheckDone(CaseSnapshot s, AgencyCheckKind kind, DateOnly assessed, DateOnly day) =>
        s.Checks.Any(x => x.Kind == kind
            && (!string.IsNullOrWhiteSpace(x.NotRequiredReason) || (x.RequestedOn <= assessed && x.AnsweredOn <= day)));

    private IndicatorResult Assessed(SupervisionCase c, DateOnly day, Action<AssessmentFacts, List<string>> content)
    {
        var due = net.InitialAssessmentDue(c.FirstAllocated);
        if (c.Initial is not { } a)
        {
            return day > due
                ? IndicatorResult.No($"The initial assessment was due on {due:d MMM yyyy} and is not completed")
                : IndicatorResult.NotApplicable($"The initial assessment is not due until {due:d MMM yyyy}");
        }

        var no = new List<string>();
        Late(no, "The initial assessment", due, a.CompletedOn, day);
        content(a, no);
        return IndicatorResult.From(no);
    }

    private IndicatorResult Planned(SupervisionCase c, DateOnly day, Action<PlanFacts, List<string>> content)
    {
        var due = net.PlanDue(c.FirstAllocated);
        if (c.Plan is not { } p)
        {
            return day > due
                ? IndicatorResult.No($"The sentence plan was due on {due:d MMM yyyy} and is not completed")
                : IndicatorResult.NotApplicable($"The sentence plan is not due until {due:d MMM yyyy}");
        }

        var no = new List<string>();
        Late(no, "The sentence plan", due, p.CompletedOn, day);
        content(p, no);
        return IndicatorResult.From(no);
    }

    private IndicatorResult? UnderWay(SupervisionCase c, DateOnly day)
    {
        var due = net.PlanDue(c.FirstAllocated);
        return day > due ? null : IndicatorResult.NotApplicable($"Supervision is judged from {due.AddDays(1):d MMM yyyy}, once a plan is due");
    }

    private IndicatorResult Implemented(SupervisionCase c, DateOnly day)
    {
        var from = WindowStart(day);
        var no = new List<string>();
        foreach (var f in c.Failures.Where(f => f.On >= from && f.On <= day))
        {
            Late(no, $"The decision on the failure to attend or comply on {f.On:d MMM yyyy}", net.AbsenceDecisionDue(f.On), f.DecidedOn, day);
        }

        no.AddRange(EnforcementShortfalls(c, day, _ => true));
        foreach (var p in c.ProgrammeRequirements)
        {
            var name = p.Programme is { } programme ? Programmes.ProgrammeRules.Describe(programme) : "accredited programme";
            Late(no, $"The referral to {name}", net.ProgrammeReferralDue(c.FirstAllocated), p.ReferredOn, day);
        }

        return IndicatorResult.From(no);
    }

    private static IndicatorResult Delivered(SupervisionCase c, DateOnly day)
    {
        var scheduled = (c.Plan?.Schedule ?? []).Where(s => s.StartsOn < day).ToList();
        if (scheduled.Count == 0 && c.OffendingNeeds.Count == 0)
        {
            return IndicatorResult.NotApplicable("Nothing to deliver yet: no requirement past its planned start, and no significant need linked to offending assessed");
        }

        var no = new List<string>();
        foreach (var s in scheduled.Where(s => s.BegunOn is null || s.BegunOn > day))
        {
            no.Add($"The {SupervisionRules.Describe(s.Type)} planned to start on {s.StartsOn:d MMM yyyy} has not begun");
        }

        if (c.OffendingNeeds.Count > 0 && !c.Referrals.Any(r => r.On <= day && !r.ClosedWithoutHelp))
        {
            no.Add("No referral to a service or programme in place for the needs linked to offending (" + string.Join(", ", c.OffendingNeeds.Select(n => SupervisionRules.Describe(n).ToLowerInvariant())) + ")");
        }

        return IndicatorResult.From(no);
    }

    /// <summary>Unacceptable failures in the window whose enforcement decision was late or is missing, as the safety net's enforcement rule reads them.</summary>
    private IEnumerable<string> EnforcementShortfalls(SupervisionCase c, DateOnly day, Func<DateOnly, bool> which)
    {
        var s = c.Snapshot;
        var threshold = EnforcementRules.Threshold(s.OrderType);
        var from = WindowStart(day);
        foreach (var (failure, inWindow) in SafetyNet.CountedFailures(s).Where(f => f.On >= from && f.On <= day && which(f.On)))
        {
            var atThreshold = inWindow >= threshold;
            var what = atThreshold ? $"The breach or recall decision on the unacceptable failure on {failure:d MMM yyyy}" : $"The enforcement decision on the unacceptable failure on {failure:d MMM yyyy}";
            var shortfall = new List<string>();
            Late(shortfall, what, net.EnforcementDecisionDue(failure), SafetyNet.EnforcementDecidedOn(s.Enforcement, failure, atThreshold), day);
            foreach (var x in shortfall)
            {
                yield return x;
            }
        }
    }

    /// <summary>The scheduled reviews due in the window (and past), from the plan or, without one, the first allocation.</summary>
    private IReadOnlyList<ScheduledReview> ScheduledInWindow(SupervisionCase c, DateOnly day) =>
        net.ScheduledReviews(c.Plan?.CompletedOn ?? c.FirstAllocated, c.Reviews.Select(r => r.CompletedOn), day)
            .Where(r => r.Due >= WindowStart(day) && (r.DoneOn is not null || r.Due < day))
            .ToList();

    private IndicatorResult Reviewed(SupervisionCase c, DateOnly day, Action<ReviewFacts, List<string>> content)
    {
        var from = WindowStart(day);
        var scheduled = ScheduledInWindow(c, day);
        var latest = c.Reviews.Where(r => r.CompletedOn >= from && r.CompletedOn <= day).MaxBy(r => r.CompletedOn);
        if (scheduled.Count == 0 && latest is null)
        {
            return IndicatorResult.NotApplicable("No review due or done in the look-back window");
        }

        var no = new List<string>();
        foreach (var r in scheduled)
        {
            Late(no, "The review", r.Due, r.DoneOn, day);
        }

        if (latest is not null)
        {
            content(latest, no);
        }

        return IndicatorResult.From(no);
    }

    private IndicatorResult ReviewedForSafety(SupervisionCase c, DateOnly day)
    {
        var s = c.Snapshot;
        var from = WindowStart(day);
        var triggers = SafetyNet.ReviewTriggers(s).Where(t => t.On >= from && t.On <= day).ToList();
        var scheduled = ScheduledInWindow(c, day);
        var latest = c.Reviews.Where(r => r.CompletedOn >= from && r.CompletedOn <= day).MaxBy(r => r.CompletedOn);
        var triggered = triggers.Select(t => (Trigger: t, Due: net.TriggeredReviewDue(t.On), Done: SafetyNet.ReviewOnOrAfter(s.Reviews, t.On)))
            .Where(x => x.Done is not null || day > x.Due)
            .ToList();
        if (triggered.Count == 0 && scheduled.Count == 0 && latest is null)
        {
            return IndicatorResult.NotApplicable("No review due or done in the look-back window");
        }

        var no = new List<string>();
        foreach (var (trigger, due, done) in triggered)
        {
            var what = trigger.Event is { } kind ? SafetyNet.Describe(kind) : "Non-compliance reaching the enforcement threshold";
            Late(no, $"The review after {what.ToLowerInvariant()[..1]}{what[1..]} on {trigger.On:d MMM yyyy}", due, done, day);
        }

        foreach (var r in scheduled)
        {
            Late(no, "The review", r.Due, r.DoneOn, day);
        }

        if (latest is not null)
        {
            Require(no, latest.RiskFactorChanges, $"The review on {latest.CompletedOn:d MMM yyyy} does not consider changes in risk of harm factors");
            Require(no, !(s.CurrentDomesticAbuse || s.ChildProtection || s.RiskToChildren) || latest.OtherAgencyInput,
                $"The review on {latest.CompletedOn:d MMM yyyy} does not draw on other agencies, on a case with domestic abuse or a child at risk");
        }

        no.AddRange(net.Evaluate(s, day).Where(a => a.Code == AlertCode.RiskIncreasedWithoutReview).Select(a => a.Reason));
        return IndicatorResult.From(no);
    }
}
