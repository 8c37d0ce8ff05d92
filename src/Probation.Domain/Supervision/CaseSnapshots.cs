using Probation.Domain.Cases;
using Probation.Domain.Risk;

namespace Probation.Domain.Supervision;

/// <summary>Reads a case record, with its supervision records loaded, into what the safety net evaluates.</summary>
public static class CaseSnapshots
{
    /// <summary>Whether the case is under supervision today: an order that has started and not ended. Only then is work owed.</summary>
    public static bool UnderSupervision(PersonOnProbation p, DateOnly today) => p.Orders.Any(o => o.IsCurrent(today));

    /// <summary>The alerts the safety net raises on the case today; none once its orders have ended.</summary>
    public static IReadOnlyList<PracticeAlert> Alerts(SafetyNet net, PersonOnProbation p, DateOnly today) =>
        UnderSupervision(p, today) ? net.Evaluate(Of(p, today), today) : [];

    public static CaseSnapshot Of(PersonOnProbation p, DateOnly today)
    {
        var order = SupervisionRules.CurrentOrder(p, today);
        var plan = p.Plan is null ? null : new PlanRecord(
            p.Plan.CompletedOn,
            !string.IsNullOrWhiteSpace(p.Plan.ContingencyArrangements),
            !string.IsNullOrWhiteSpace(p.Plan.DomesticAbuseMeasures),
            !string.IsNullOrWhiteSpace(p.Plan.ChildSafeguardingMeasures),
            p.Plan.Schedule.Select(s => s.Type).ToHashSet());
        return new CaseSnapshot(
            order?.Type ?? OrderType.CommunityOrder,
            order?.StartDate ?? p.AllocatedOn ?? today,
            p.ResponsibleOfficerId is null ? null : p.AllocatedOn,
            p.Risk.Rosh,
            SupervisionRules.HasActive(p, RegistrationType.DomesticAbuse, today),
            SupervisionRules.HasActive(p, RegistrationType.ChildProtection, today),
            p.Risk.RiskToChildren,
            (order?.Requirements ?? []).Select(r => r.Type).ToHashSet(),
            p.Assessments.OrderBy(a => a.StartedOn).Select(a => new AssessmentRecord(a.Kind, a.StartedOn, a.CompletedOn, a.Rosh)).ToList(),
            p.AgencyChecks.Select(c => new AgencyCheckRecord(c.Kind, c.RequestedOn, c.AnsweredOn, c.NotRequiredReason)).ToList(),
            plan,
            p.Contacts.Where(c => c.On <= today).OrderBy(c => c.On).Select(c => new ContactRecord(c.On, c.Kind, c.Outcome, c.Decision)).ToList(),
            p.EnforcementActions.OrderBy(e => e.On).Select(e => new EnforcementRecord(e.On, e.Kind)).ToList(),
            p.SignificantEvents.OrderBy(e => e.On).Select(e => new SignificantEventRecord(e.On, e.Kind, e.ActionedOn is not null)).ToList(),
            p.Reviews.OrderBy(r => r.CompletedOn).Select(r => new ReviewRecord(r.Kind, r.CompletedOn)).ToList(),
            p.AlertExceptions.Select(e => new AlertException(e.Code, e.Reason, e.Until)).ToList(),
            Programmes.ProgrammeRequirementRecord.Of(order, p.ProgrammeReferrals),
            UnpaidWork.UnpaidWorkRules.Snapshot(order, p.UnpaidWorkBookings));
    }
}
