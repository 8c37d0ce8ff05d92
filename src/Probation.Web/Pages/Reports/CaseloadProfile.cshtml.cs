using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Audit;
using Probation.Application.Organisation;
using Probation.Application.Reports;
using Probation.Domain.Audit;

namespace Probation.Web.Pages.Reports;

/// <summary>The caseload profile for a provider, team, hub or officer on a day, with a CSV of every table.</summary>
public sealed class CaseloadProfileModel(ReportQueries reports, OrganisationQueries organisation, Probation.Application.Audit.RecordExport export) : ReportPageModel(organisation)
{
    public CaseloadProfile Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await ScopeAsync(ct);
        var profile = await reports.CaseloadProfileAsync(ModelState.IsValid ? scope : scope with { On = null }, ct);
        if (profile is null)
        {
            return NotFound();
        }

        Profile = profile;
        return Page();
    }

    /// <summary>Every table of the page as one CSV; the export is audited as a disclosure.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var scope = await ScopeAsync(ct);
        var p = ModelState.IsValid ? await reports.CaseloadProfileAsync(scope, ct) : null;
        if (p is null)
        {
            return NotFound();
        }

        var csv = new StringBuilder("table,key,label,count,percent\n");
        void Row(string table, string key, string label, int count, double percent) =>
            csv.Append(CultureInfo.InvariantCulture, $"{table},{key},\"{label.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{count},{percent.ToString("0.0", CultureInfo.InvariantCulture)}\n");
        Row("summary", "people", "People", p.People, 100);
        Row("summary", "women", "Women", p.Women, p.WomenPercent);
        Row("summary", "currentDomesticAbuse", "Current domestic abuse", p.CurrentDomesticAbuse, p.CurrentDomesticAbusePercent);
        Row("summary", "childSafeguarding", "Child safeguarding", p.ChildSafeguarding, p.ChildSafeguardingPercent);
        Row("summary", "responsibleOfficers", "Responsible officers", p.ResponsibleOfficers, 0);
        foreach (var (table, rows) in new[] { ("rosh", p.RoshLevels), ("ogrs", p.OgrsBands), ("tier", p.Tiers), ("orderType", p.OrderTypes), ("requirement", p.Requirements) })
        {
            foreach (var s in rows)
            {
                Row(table, s.Key, s.Label, s.Count, s.Percent);
            }
        }

        await export.RecordAsync($"Caseload profile exported as CSV: {p.Scope} on {p.On:yyyy-MM-dd}", ct);
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"caseload-profile-{p.On:yyyy-MM-dd}.csv");
    }
}
