using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;
using Probation.Application.Quality;
using Probation.Domain.Organisation;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Quality;

/// <summary>Audit results by key question for the provider, each team, each officer and each month, banded as the inspectorate bands them.</summary>
public sealed class ResultsModel(QualityQueries queries, OrganisationQueries organisation) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? TeamId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateParts From { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public DateParts To { get; set; } = new();

    public QualityResults Results { get; private set; } = null!;

    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!queries.MayRead)
        {
            return Forbid();
        }

        Teams = (await organisation.TeamsAsync(ct)).Where(t => TeamKinds.HoldsCases(t.Kind)).OrderBy(t => t.Name).ToList();
        var from = From.Parse("the start of the period", ModelState, "From", required: false);
        var to = To.Parse("the end of the period", ModelState, "To", required: false);
        if (from is { } f && to is { } t && f > t)
        {
            ModelState.AddModelError("To", "The end of the period must be on or after its start");
        }

        var filter = ModelState.IsValid ? new QualityFilter(TeamId, null, from, to) : new QualityFilter(TeamId);
        Results = (await queries.ResultsAsync(filter, ct))!;
        return Page();
    }
}
