using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Resettlement;
using Probation.Domain.Resettlement;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Resettlement;

/// <summary>Writes or revises the pre-release resettlement plan: each pathway's status, actions and partner, and risk of harm.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class PlanModel(ResettlementQueries queries, WriteResettlementPlan write) : ResettlementPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Each pathway's fields as shown: from the record, or as sent when the page is shown again.</summary>
    public Dictionary<Pathway, (string? Status, string? Actions, string? Partner)> Pathways { get; } = [];

    protected override string Purpose => "Resettlement plan";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? RiskOfHarmConsidered { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        if (NeedsOpenRecord() is { } back)
        {
            return back;
        }

        var c = View.Current!;
        Input = new InputModel { Version = View.Version, On = DateParts.From(View.Today), RiskOfHarmConsidered = c.RiskOfHarmConsidered };
        foreach (var p in c.Pathways)
        {
            Pathways[p.Pathway] = (p.Status.ToString(), p.Actions, p.Partner);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var on = Input.On.Parse("the plan", ModelState, "Input.On");
        var inputs = new List<PathwayInput>();
        foreach (var p in Enum.GetValues<Pathway>())
        {
            var (status, actions, partner) = (Request.Form[$"Input.{p}.Status"].ToString(), Request.Form[$"Input.{p}.Actions"].ToString(), Request.Form[$"Input.{p}.Partner"].ToString());
            Pathways[p] = (status, actions, partner);
            if (Choice<PathwayStatus>(status) is { } s)
            {
                inputs.Add(new PathwayInput(p, s, actions, partner));
            }
            else
            {
                ModelState.AddModelError($"Input.{p}.Status", $"Select the status of {Describe(p).ToLowerInvariant()}");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await write.RunAsync(new ResettlementPlanCommand(crn, Input.Version, on!.Value, inputs, Input.RiskOfHarmConsidered), ct);
        return Done(outcome, View.Current?.PlanCompletedOn is null ? "The resettlement plan is saved." : "The resettlement plan is revised.");
    }
}
