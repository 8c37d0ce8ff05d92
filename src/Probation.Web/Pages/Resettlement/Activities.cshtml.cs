using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Resettlement;
using Probation.Domain.Resettlement;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Resettlement;

/// <summary>Records a resettlement activity delivered in prison and the other prison services it was coordinated with.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class ActivitiesModel(ResettlementQueries queries, RecordResettlementActivity record) : ResettlementPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    protected override string Purpose => "Resettlement activities";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? Pathway { get; set; }
        public string? Description { get; set; }
        public string? DeliveredBy { get; set; }
        public string? CoordinatedWith { get; set; }
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

        Input = new InputModel { Version = View.Version, On = DateParts.From(View.Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var on = Input.On.Parse("the activity", ModelState, "Input.On");
        var pathway = Choice<Pathway>(Input.Pathway);
        if (pathway is null)
        {
            ModelState.AddModelError("Input.Pathway", "Select the pathway");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.RunAsync(new ActivityCommand(crn, Input.Version, on!.Value, pathway!.Value, Input.Description, Input.DeliveredBy, Input.CoordinatedWith), ct);
        return Done(outcome, "The activity is recorded.");
    }
}
