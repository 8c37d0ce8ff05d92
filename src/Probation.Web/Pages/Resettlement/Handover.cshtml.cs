using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Resettlement;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Resettlement;

/// <summary>Records the handover to the community responsible officer and local providers before release.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class HandoverModel(ResettlementQueries queries, RecordHandover record) : ResettlementPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    protected override string Purpose => "Resettlement handover";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? To { get; set; }
        public string? Notes { get; set; }
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
        Input = new InputModel { Version = View.Version, On = DateParts.From(c.HandoverOn ?? View.Today), To = c.HandoverTo ?? View.CommunityOfficer, Notes = c.HandoverNotes };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var on = Input.On.Parse("the handover", ModelState, "Input.On");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        return Done(await record.RunAsync(new HandoverCommand(crn, Input.Version, on!.Value, Input.To, Input.Notes), ct), "The handover is recorded.");
    }
}
