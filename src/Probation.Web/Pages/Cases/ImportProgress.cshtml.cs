using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Imports;
using Probation.Domain.Cases;

namespace Probation.Web.Pages.Cases;

/// <summary>
/// One import's progress and result, read from the import's row, so every web node shows the same. While it runs the
/// page asks the browser to load it again every few seconds (the Refresh header: no JavaScript needed).
/// </summary>
public sealed class ImportProgressModel(CaseImportQueries queries) : PageModel
{
    public const int RefreshSeconds = 3;

    public ImportReport Report { get; private set; } = null!;

    public IReadOnlyList<(int TeamId, string Team, int Cases)> Teams { get; private set; } = [];

    public bool Running => Report.Status == CaseImportStatus.Running;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.GetAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        (Report, Teams) = found;
        if (Running)
        {
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }
}
