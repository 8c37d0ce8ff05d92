using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Resettlement;

namespace Probation.Application.Resettlement;

public sealed record PathwayInput(Pathway Pathway, PathwayStatus Status, string? Actions, string? Partner);

public sealed record ResettlementPlanCommand(string Crn, int ExpectedVersion, DateOnly On, IReadOnlyList<PathwayInput> Pathways, string? RiskOfHarmConsidered);

/// <summary>
/// Writes or revises the pre-release resettlement plan (report 4.2.1): every pathway's status, actions
/// and partner organisation, and how the plan takes account of risk of harm.
/// </summary>
public sealed class WriteResettlementPlan(ResettlementChange change)
{
    public async Task<Outcome<Saved>> RunAsync(ResettlementPlanCommand c, CancellationToken ct)
    {
        var (opened, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, ct);
        if (opened is null)
        {
            return ResettlementChange.Fail(refusal!);
        }

        if (opened.Current is not { } custody)
        {
            return ResettlementChange.Fail(Outcome.Refuse(ResettlementChange.NoCustody));
        }

        if (c.Pathways.GroupBy(p => p.Pathway).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return ResettlementChange.Fail(Outcome.Refuse($"{ResettlementRules.Describe(twice.Key)} is given twice", $"{twice.Key}.Status"));
        }

        var needs = c.Pathways.Select(p => (p.Pathway, p.Status, p.Actions, p.Partner)).ToList();
        if (ResettlementRules.Plan(needs, c.RiskOfHarmConsidered, c.On, custody, change.Today) is { } bad)
        {
            return ResettlementChange.Fail(bad);
        }

        var first = custody.PlanCompletedOn is null;
        custody.PlanCompletedOn ??= c.On;
        custody.PlanRevisedOn = c.On;
        custody.PlanWrittenBy = change.Viewer.UserName;
        custody.RiskOfHarmConsidered = c.RiskOfHarmConsidered!.Trim();
        foreach (var p in c.Pathways)
        {
            var need = custody.Needs.FirstOrDefault(n => n.Pathway == p.Pathway);
            if (need is null)
            {
                need = new ResettlementNeed { Pathway = p.Pathway };
                custody.Needs.Add(need);
            }

            var actions = ResettlementChange.Clean(p.Actions);
            var partner = ResettlementChange.Clean(p.Partner);
            if (need.Status != p.Status || need.Actions != actions || need.Partner != partner)
            {
                need.UpdatedOn = c.On;
            }

            need.Status = p.Status;
            need.Actions = actions;
            need.Partner = partner;
        }

        return await change.SaveAsync(opened.Person, first ? "Resettlement plan written" : "Resettlement plan revised", () => custody.Id, ct);
    }
}
