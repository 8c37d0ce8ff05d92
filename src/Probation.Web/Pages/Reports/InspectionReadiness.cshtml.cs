using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Probation.Application;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Organisation;
using Probation.Application.Reports;
using Probation.Domain.Audit;
using Probation.Domain.Inspection;

namespace Probation.Web.Pages.Reports;

/// <summary>Inspection readiness on a day for a provider, team, hub or officer: each key question's indicator and band, by team, with a CSV of every table.</summary>
public sealed class InspectionReadinessModel(ReadinessQueries reports, OrganisationQueries organisation, TimeProvider clock, RecordExport export)
    : ReportPageModel(organisation)
{
    /// <summary>The bands' lower edges, marked on the charts.</summary>
    public static readonly IReadOnlyList<int> BandEdges = [Ratings.RequiresImprovementFrom, Ratings.GoodFrom, Ratings.OutstandingFrom];

    public InspectionReadiness Readiness { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await CheckedScopeAsync(ct);
        var readiness = await reports.ReadinessAsync(ModelState.IsValid ? scope : scope with { On = null }, ct);
        if (readiness is null)
        {
            return NotFound();
        }

        Readiness = readiness;
        return Page();
    }

    /// <summary>Every table of the page as one CSV: each standard and key question, for the scope and each team; the export is audited as a disclosure.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var scope = await CheckedScopeAsync(ct);
        var r = ModelState.IsValid ? await reports.ReadinessAsync(scope, ct) : null;
        if (r is null)
        {
            return NotFound();
        }

        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("standard,keyQuestion,team,yes,no,notApplicable,percent,band,latestAudit\n");
        foreach (var s in r.Standards)
        {
            csv.Append(inv, $"{s.Id},,,,,,{s.LowestPercent},{s.Band},\n");
            foreach (var t in s.ByTeam)
            {
                csv.Append(inv, $"{s.Id},,{TimelinessModel.Quote(t.Team)},,,,{t.LowestPercent},{t.Band},\n");
            }

            foreach (var k in s.KeyQuestions)
            {
                csv.Append(inv, $"{s.Id},{k.Id},,{k.Yes},{k.No},{k.NotApplicable},{k.Percent},{k.Band},{Audit(k.LatestAudit)}\n");
                foreach (var t in k.ByTeam)
                {
                    csv.Append(inv, $"{s.Id},{k.Id},{TimelinessModel.Quote(t.Team)},{t.Yes},{t.No},{t.NotApplicable},{t.Percent},{t.Band},\n");
                }
            }
        }

        await export.RecordAsync($"Inspection readiness exported as CSV: {r.Scope} on {r.On:yyyy-MM-dd}", ct);
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"inspection-readiness-{r.On:yyyy-MM-dd}.csv");
    }

    /// <summary>The latest quality audit as the page and the CSV show it.</summary>
    public static string Audit(QualityAuditResult? a) =>
        a is null ? "No audit yet" : $"{(a.Percent is { } p ? p + "%" : "–")} ({Describe(a.Band)}), {a.On.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}";

    /// <summary>The filters, with a day after today refused as the API refuses it.</summary>
    private async Task<ReportScope> CheckedScopeAsync(CancellationToken ct)
    {
        var scope = await ScopeAsync(ct);
        if (scope.On > clock.Today())
        {
            ModelState.AddModelError(nameof(On), "The day must be today or in the past");
        }

        return scope;
    }
}
