using Microsoft.AspNetCore.Mvc;
using Probation.Application.Organisation;
using Probation.Application.Reports;

namespace Probation.Web.Pages.Reports;

/// <summary>The needs analysis: the share of assessed people with each criminogenic need, linked to offending or to harm, by team.</summary>
public sealed class NeedsModel(ReportQueries reports, OrganisationQueries organisation) : ReportPageModel(organisation)
{
    public NeedsAnalysis Needs { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await ScopeAsync(ct);
        var needs = await reports.NeedsAsync(ModelState.IsValid ? scope : scope with { On = null }, ct);
        if (needs is null)
        {
            return NotFound();
        }

        Needs = needs;
        return Page();
    }
}
