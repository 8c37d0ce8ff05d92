using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Organisation;
using Probation.Application.Reports;
using Probation.Domain.Audit;

namespace Probation.Web.Pages.Reports;

/// <summary>Timeliness and delivery over a period for a provider, team, hub or officer: each measure's figure, its trend by month and by team, with a CSV of every table.</summary>
public sealed class TimelinessModel(TimelinessQueries reports, OrganisationQueries organisation, TimeProvider clock, RecordExport export)
    : PeriodReportPageModel(organisation, clock)
{
    public TimelinessReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var period = await PeriodAsync(ct);
        var report = await reports.TimelinessAsync(period, ct);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        return Page();
    }

    /// <summary>Every table of the page as one CSV: the period, each month and each team; the export is audited as a disclosure.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var period = await PeriodAsync(ct);
        var r = ModelState.IsValid ? await reports.TimelinessAsync(period, ct) : null;
        if (r is null)
        {
            return NotFound();
        }

        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("table,measure,month,team,numerator,denominator,percent,unit\n");
        void Row(string table, string measure, string month, string team, double numerator, double denominator, double? percent, string unit) =>
            csv.Append(inv, $"{table},{measure},{month},{Quote(team)},{numerator.ToString("0.#", inv)},{denominator.ToString("0.#", inv)},{percent?.ToString("0.0", inv)},{unit}\n");
        foreach (var m in r.Measures)
        {
            Row("period", m.Measure.ToString(), "", "", m.Numerator, m.Denominator, m.Percent, m.Unit);
            foreach (var month in m.Months)
            {
                Row("month", m.Measure.ToString(), month.Month, "", month.Numerator, month.Denominator, month.Percent, m.Unit);
            }

            foreach (var team in m.ByTeam)
            {
                Row("team", m.Measure.ToString(), "", team.Team, team.Numerator, team.Denominator, team.Percent, m.Unit);
            }
        }

        await export.RecordAsync($"Timeliness and delivery exported as CSV: {r.Scope} from {r.From:yyyy-MM-dd} to {r.To:yyyy-MM-dd}", ct);
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"timeliness-{r.From:yyyy-MM-dd}-to-{r.To:yyyy-MM-dd}.csv");
    }

    public static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The anchor of a measure's section on the page.</summary>
    public static string Anchor(Domain.Oversight.TimelinessMeasure m) => "measure-" + m.ToString().ToLowerInvariant();
}
