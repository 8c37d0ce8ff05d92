using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Cases;

namespace Probation.Web.Pages.Cases;

/// <summary>The case overview: risk of serious harm, flags and restrictions first, then orders and the officer.</summary>
public sealed class CaseModel(GetCaseOverview get, Probation.Application.Supervision.SupervisionQueries supervision) : PageModel
{
    public CaseOverview? Case { get; private set; }

    public IReadOnlyList<Probation.Application.Supervision.AlertView> Alerts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        var lookup = await get.RunAsync(crn, "Case overview", ct);
        if (lookup.Restricted)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (lookup.Case is null)
        {
            return NotFound();
        }

        Case = lookup.Case;
        var alerts = await supervision.AlertsForAsync([lookup.Case.Crn], ct);
        Alerts = alerts.TryGetValue(lookup.Case.Crn, out var list) ? list : [];
        return Page();
    }
}
