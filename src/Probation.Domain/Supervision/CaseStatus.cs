using Probation.Domain.Cases;
using Probation.Domain.Oversight;

namespace Probation.Domain.Supervision;

/// <summary>
/// The team page's counts and the workload points: of one case (<see cref="CaseStatus"/>), or summed over an officer's
/// cases (<see cref="StatusTotals"/>). A case not under supervision counts nothing but its points.
/// </summary>
public abstract class StatusCounts
{
    public int HighAlerts { get; set; }
    public int MediumAlerts { get; set; }
    public int AssessmentsOverdue { get; set; }
    public int PlansOverdue { get; set; }
    public int ReviewsOverdue { get; set; }
    public int ChecksAwaitingAnswer { get; set; }
    public int AbsencesAwaitingDecision { get; set; }
    public int EnforcementDecisionsDue { get; set; }
    public int DirectionsDueForCheck { get; set; }

    /// <summary>The points the cases add to their officer's workload on the day (tier and type, as allocation weighs them), whether or not an order is current.</summary>
    public int WorkloadPoints { get; set; }

    /// <summary>How many cases under supervision the counts are of.</summary>
    protected abstract int CasesCounted { get; }

    /// <summary>The figure for a team page measure: for one case, the same number <see cref="OversightMeasures.Value"/> gives.</summary>
    public int Value(OversightMeasure measure) => measure switch
    {
        OversightMeasure.Cases => CasesCounted,
        OversightMeasure.HighAlerts => HighAlerts,
        OversightMeasure.MediumAlerts => MediumAlerts,
        OversightMeasure.AssessmentsOverdue => AssessmentsOverdue,
        OversightMeasure.PlansOverdue => PlansOverdue,
        OversightMeasure.ReviewsOverdue => ReviewsOverdue,
        OversightMeasure.ChecksAwaitingAnswer => ChecksAwaitingAnswer,
        OversightMeasure.AbsencesAwaitingDecision => AbsencesAwaitingDecision,
        OversightMeasure.EnforcementDecisionsDue => EnforcementDecisionsDue,
        OversightMeasure.DirectionsDueForCheck => DirectionsDueForCheck,
        _ => 0,
    };
}

/// <summary>The kept statuses of one officer's cases (of one team's, when <see cref="TeamId"/> is given), summed.</summary>
public sealed class StatusTotals : StatusCounts
{
    public int OfficerId { get; set; }

    /// <summary>The team of the cases summed, when summed by team.</summary>
    public int? TeamId { get; set; }

    /// <summary>Every case the officer holds, under supervision today or not.</summary>
    public int Held { get; set; }

    /// <summary>How many of the cases have a kept status that still holds: the sums are only whole when this is <see cref="Held"/>.</summary>
    public int Holding { get; set; }

    public int UnderSupervision { get; set; }

    protected override int CasesCounted => UnderSupervision;

    /// <summary>Sums of several parts (an officer's cases in each team) as one.</summary>
    public static StatusTotals Sum(int officerId, int? teamId, IEnumerable<StatusTotals> parts)
    {
        var sum = new StatusTotals { OfficerId = officerId, TeamId = teamId };
        foreach (var t in parts)
        {
            sum.Held += t.Held;
            sum.Holding += t.Holding;
            sum.UnderSupervision += t.UnderSupervision;
            sum.WorkloadPoints += t.WorkloadPoints;
            sum.HighAlerts += t.HighAlerts;
            sum.MediumAlerts += t.MediumAlerts;
            sum.AssessmentsOverdue += t.AssessmentsOverdue;
            sum.PlansOverdue += t.PlansOverdue;
            sum.ReviewsOverdue += t.ReviewsOverdue;
            sum.ChecksAwaitingAnswer += t.ChecksAwaitingAnswer;
            sum.AbsencesAwaitingDecision += t.AbsencesAwaitingDecision;
            sum.EnforcementDecisionsDue += t.EnforcementDecisionsDue;
            sum.DirectionsDueForCheck += t.DirectionsDueForCheck;
        }

        return sum;
    }
}

/// <summary>
/// A case's alerts and the team page's counts as the safety net found them on <see cref="ComputedOn"/> from version
/// <see cref="PersonVersion"/> of the case record (ADR 0014). It is a copy kept for speed, never a record of its own:
/// it holds only while the case record is at that version and the day has not changed, and any reader that finds it
/// otherwise computes it again from the records. Every change to a record the safety net reads moves the case's version on.
/// </summary>
public sealed class CaseStatus : StatusCounts
{
    public int PersonId { get; set; }

    /// <summary>The version of the case record the status was computed from.</summary>
    public int PersonVersion { get; set; }

    /// <summary>The day the status was computed for: time alone raises alerts, so it holds for that day only.</summary>
    public DateOnly ComputedOn { get; set; }

    /// <summary>Whether an order is current on the day: only then is work owed and the case counted on the team page.</summary>
    public bool UnderSupervision { get; set; }

    /// <summary>The alerts themselves, in the order the safety net raised them (see <see cref="PracticeAlert"/>).</summary>
    public IReadOnlyList<PracticeAlert> Alerts { get; set; } = [];

    /// <summary>Whether this status still holds for a case record at <paramref name="version"/> on <paramref name="today"/>.</summary>
    public bool HoldsFor(int version, DateOnly today) => PersonVersion == version && ComputedOn == today;

    protected override int CasesCounted => UnderSupervision ? 1 : 0;

    /// <summary>
    /// The status of a case read with every record the safety net and the team page's counts read (orders and their
    /// requirements, flags, assessments, checks, plan, contacts, enforcement, events, reviews, exceptions, programme
    /// referrals, unpaid work bookings and oversight entries), with the workload points allocation weighs it at that day.
    /// </summary>
    public static CaseStatus Compute(SafetyNet net, PersonOnProbation person, DateOnly today, int workloadPoints)
    {
        var status = new CaseStatus { PersonId = person.Id, PersonVersion = person.Version, ComputedOn = today, WorkloadPoints = workloadPoints };
        if (!CaseSnapshots.UnderSupervision(person, today))
        {
            return status;
        }

        var snapshot = CaseSnapshots.Of(person, today);
        var facts = new CaseOversightFacts(
            snapshot,
            net.Evaluate(snapshot, today),
            person.Oversight.Where(o => o.IsDueForCheck(today)).Select(o => o.CheckBy!.Value).Order().ToList());
        status.UnderSupervision = true;
        status.Alerts = facts.Alerts;
        status.HighAlerts = OversightMeasures.Value(OversightMeasure.HighAlerts, facts);
        status.MediumAlerts = OversightMeasures.Value(OversightMeasure.MediumAlerts, facts);
        status.AssessmentsOverdue = OversightMeasures.Value(OversightMeasure.AssessmentsOverdue, facts);
        status.PlansOverdue = OversightMeasures.Value(OversightMeasure.PlansOverdue, facts);
        status.ReviewsOverdue = OversightMeasures.Value(OversightMeasure.ReviewsOverdue, facts);
        status.ChecksAwaitingAnswer = OversightMeasures.Value(OversightMeasure.ChecksAwaitingAnswer, facts);
        status.AbsencesAwaitingDecision = OversightMeasures.Value(OversightMeasure.AbsencesAwaitingDecision, facts);
        status.EnforcementDecisionsDue = OversightMeasures.Value(OversightMeasure.EnforcementDecisionsDue, facts);
        status.DirectionsDueForCheck = OversightMeasures.Value(OversightMeasure.DirectionsDueForCheck, facts);
        return status;
    }
}
