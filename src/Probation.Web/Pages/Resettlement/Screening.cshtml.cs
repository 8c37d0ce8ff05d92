using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Resettlement;
using Probation.Domain.Resettlement;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Resettlement;

/// <summary>Screens resettlement needs soon after reception: a status for every pathway.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class ScreeningModel(ResettlementQueries queries, RecordScreening record) : ResettlementPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The status chosen for each pathway, as sent (kept when the page is shown again).</summary>
    public Dictionary<Pathway, string?> Statuses { get; } = [];

    protected override string Purpose => "Resettlement screening";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
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

        var on = Input.On.Parse("the screening", ModelState, "Input.On");
        var statuses = new Dictionary<Pathway, PathwayStatus>();
        foreach (var p in Enum.GetValues<Pathway>())
        {
            var sent = Request.Form[$"Input.{p}"].ToString();
            Statuses[p] = sent;
            if (Choice<PathwayStatus>(sent) is { } status)
            {
                statuses[p] = status;
            }
            else
            {
                ModelState.AddModelError($"Input.{p}", $"Select the status of {Describe(p).ToLowerInvariant()}");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        return Done(await record.RunAsync(new ScreeningCommand(crn, Input.Version, on!.Value, statuses), ct), "The resettlement needs are screened.");
    }
}
