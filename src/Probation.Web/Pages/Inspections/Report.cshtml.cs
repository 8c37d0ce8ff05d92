using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Inspections;

namespace Probation.Web.Pages.Inspections;

/// <summary>
/// The inspection report as a page (printable: the print stylesheet hides the navigation and the forms) and as CSV:
/// the summary of ratings, the Annex 2 tables, domain one evidence, the samples and the recommendations.
/// </summary>
public sealed class ReportModel(InspectionReports reports) : PageModel
{
    public InspectionReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var report = await reports.ReportAsync(id, ct);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        return Page();
    }

    /// <summary>Every table of the report as one CSV; the export is audited as a disclosure.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct) =>
        await reports.CsvAsync(id, ct) is { } csv
            ? File(Encoding.UTF8.GetBytes(csv.Csv), "text/csv", $"inspection-{id}-report.csv")
            : NotFound();
}
