using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Oversight;
using Probation.Domain.Organisation;
using Probation.Domain.Oversight;
using Probation.Web.Api;

namespace Probation.Web.Pages.Oversight;

/// <summary>The team manager's page: each officer's caseload, workload and the work their cases are owed; every number links to its cases.</summary>
public sealed class TeamModel(OversightQueries queries, Probation.Application.Audit.RecordExport export) : PageModel
{
    /// <summary>The measures shown as columns, in the order a manager reads them.</summary>
    public static readonly IReadOnlyList<OversightMeasure> Columns = OversightMeasures.All;

    [BindProperty(SupportsGet = true)]
    public string? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool HighAlerts { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool OverCapacity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public TeamOversight Team { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var filter = OversightApi.Filter(Grade, HighAlerts, OverCapacity, Sort, null);
        if (filter is null)
        {
            ModelState.AddModelError(nameof(Grade), "Choose a grade and a sort order from the lists");
            filter = new OversightFilter();
        }

        var team = await queries.TeamAsync(id, filter, ct);
        if (team is null)
        {
            return NotFound();
        }

        Team = team;
        return Page();
    }

    /// <summary>The officers' table as CSV, with the same filters; the export is audited as a disclosure.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct)
    {
        var filter = OversightApi.Filter(Grade, HighAlerts, OverCapacity, Sort, null);
        var team = filter is null ? null : await queries.TeamAsync(id, filter, ct);
        if (team is null)
        {
            return NotFound();
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var csv = new System.Text.StringBuilder("officer,grade,capacityPercent," + string.Join(",", Columns) + ",oversightRecorded,lastStaffSupervision\n");
        foreach (var o in team.Officers)
        {
            csv.Append(inv, $"\"{o.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{o.Grade},{o.CapacityPercent.ToString("0.#", inv)},");
            csv.Append(string.Join(",", Columns.Select(m => o.Counts[m].ToString(inv))));
            csv.Append(inv, $",{o.OversightRecorded},{o.LastStaffSupervision?.ToString("yyyy-MM-dd", inv)}\n");
        }

        csv.Append(inv, $"\"Team\",,,{string.Join(",", Columns.Select(m => team.Totals[m].ToString(inv)))},,\n");
        await export.RecordAsync($"Team oversight exported as CSV: {team.Team} on {team.Today:yyyy-MM-dd}", ct);
        return File(System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"team-oversight-{team.Today:yyyy-MM-dd}.csv");
    }

    public static string GradeName(StaffGrade? grade) => grade switch
    {
        StaffGrade.ProbationOfficer => "PO",
        StaffGrade.ProbationServicesOfficer => "PSO",
        null => "",
        _ => Staff.StaffDisplay.Grade(grade.Value),
    };
}
