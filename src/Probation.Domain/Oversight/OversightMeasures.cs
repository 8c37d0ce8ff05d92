using Probation.Domain.Supervision;

namespace Probation.Domain.Oversight;

/// <summary>The numbers on a team manager's page. Each is a count over cases, and each case's share is the same function, so a number and the list behind it always agree.</summary>
public enum OversightMeasure
{
    Cases,
    HighAlerts,
    MediumAlerts,
    AssessmentsOverdue,
    PlansOverdue,
    ReviewsOverdue,
    ChecksAwaitingAnswer,
    AbsencesAwaitingDecision,
    EnforcementDecisionsDue,
    DirectionsDueForCheck,
}

/// <summary>What the team page reads about one case: its safety-net alerts and the records the counts come from.</summary>
public sealed record CaseOversightFacts(CaseSnapshot Snapshot, IReadOnlyList<PracticeAlert> Alerts, IReadOnlyList<DateOnly> DirectionsDueForCheck);

public static class OversightMeasures
{
    public static readonly IReadOnlyList<OversightMeasure> All = Enum.GetValues<OversightMeasure>();

    /// <summary>How much one case adds to a measure (0 when it does not count).</summary>
    public static int Value(OversightMeasure measure, CaseOversightFacts c) => measure switch
    {
        OversightMeasure.Cases => 1,
        OversightMeasure.HighAlerts => c.Alerts.Count(a => a.Severity == AlertSeverity.High),
        OversightMeasure.MediumAlerts => c.Alerts.Count(a => a.Severity == AlertSeverity.Medium),
        OversightMeasure.AssessmentsOverdue => c.Alerts.Count(a => a.Code == AlertCode.InitialAssessmentOverdue),
        OversightMeasure.PlansOverdue => c.Alerts.Count(a => a.Code == AlertCode.PlanOverdue),
        OversightMeasure.ReviewsOverdue => c.Alerts.Count(a => a.Code is AlertCode.ReviewOverdue or AlertCode.TriggeredReviewOverdue or AlertCode.RiskIncreasedWithoutReview),
        OversightMeasure.ChecksAwaitingAnswer => AwaitingAnswer(c.Snapshot.Checks),
        OversightMeasure.AbsencesAwaitingDecision => c.Snapshot.Contacts.Count(x => ContactOutcomes.NeedsDecision(x.Outcome) && x.Decision is null),
        OversightMeasure.EnforcementDecisionsDue => c.Alerts.Count(a => a.Code == AlertCode.EnforcementDecisionDue),
        OversightMeasure.DirectionsDueForCheck => c.DirectionsDueForCheck.Count,
        _ => 0,
    };

    /// <summary>Why a case counts towards a measure, one line per item counted, for the list behind the number.</summary>
    public static IReadOnlyList<string> Reasons(OversightMeasure measure, CaseOversightFacts c) => measure switch
    {
        OversightMeasure.Cases => c.Alerts.Select(a => a.Reason).ToList(),
        OversightMeasure.ChecksAwaitingAnswer => c.Snapshot.Checks.Where(x => x.RequestedOn is not null).GroupBy(x => x.Kind)
            .Select(g => g.OrderBy(x => x.RequestedOn).Last()).Where(x => x.AnsweredOn is null)
            .Select(x => $"{(x.Kind == AgencyCheckKind.PoliceDomesticAbuse ? "Police call-out information" : "Children's services check")} requested on {x.RequestedOn:d MMM yyyy}")
            .ToList(),
        OversightMeasure.AbsencesAwaitingDecision => c.Snapshot.Contacts.Where(x => ContactOutcomes.NeedsDecision(x.Outcome) && x.Decision is null)
            .Select(x => $"{ContactOutcomes.Describe(x.Outcome)} on {x.On:d MMM yyyy}: no decision yet").ToList(),
        OversightMeasure.DirectionsDueForCheck => c.DirectionsDueForCheck.Select(d => $"Direction to check by {d:d MMM yyyy}").ToList(),
        _ => c.Alerts.Where(a => Value(measure, c with { Alerts = [a] }) > 0).Select(a => a.Reason).ToList(),
    };

    /// <summary>Police and children's services checks whose latest request has no answer yet, however recent.</summary>
    public static int AwaitingAnswer(IReadOnlyList<AgencyCheckRecord> checks) =>
        checks.Where(x => x.RequestedOn is not null).GroupBy(x => x.Kind)
            .Count(g => g.OrderBy(x => x.RequestedOn).Last().AnsweredOn is null);

    public static string Describe(OversightMeasure measure) => measure switch
    {
        OversightMeasure.Cases => "Cases",
        OversightMeasure.HighAlerts => "High alerts",
        OversightMeasure.MediumAlerts => "Medium alerts",
        OversightMeasure.AssessmentsOverdue => "Assessments overdue",
        OversightMeasure.PlansOverdue => "Plans overdue",
        OversightMeasure.ReviewsOverdue => "Reviews overdue",
        OversightMeasure.ChecksAwaitingAnswer => "Checks awaiting an answer",
        OversightMeasure.AbsencesAwaitingDecision => "Absences awaiting a decision",
        OversightMeasure.EnforcementDecisionsDue => "Enforcement decisions due",
        OversightMeasure.DirectionsDueForCheck => "Directions due for a check",
        _ => measure.ToString(),
    };

    /// <summary>What the measure counts, as the page's definitions list says it.</summary>
    public static string Define(OversightMeasure measure) => measure switch
    {
        OversightMeasure.Cases => "cases the officer is responsible for",
        OversightMeasure.HighAlerts => "open high-severity practice alerts on those cases",
        OversightMeasure.MediumAlerts => "open medium-severity practice alerts on those cases",
        OversightMeasure.AssessmentsOverdue => "initial assessments not completed within the working days allowed after allocation",
        OversightMeasure.PlansOverdue => "sentence plans not completed within the working days allowed after allocation",
        OversightMeasure.ReviewsOverdue => "scheduled reviews past their interval, triggered reviews not done in time, and risk rises with no review",
        OversightMeasure.ChecksAwaitingAnswer => "police and children's services checks requested and not yet answered",
        OversightMeasure.AbsencesAwaitingDecision => "failures to attend or comply with no decision yet on whether they were acceptable",
        OversightMeasure.EnforcementDecisionsDue => "unacceptable failures past the days allowed without a warning, breach or recall decision",
        OversightMeasure.DirectionsDueForCheck => "the manager's directions whose check date has come and which have not been checked",
        _ => measure.ToString(),
    };
}
