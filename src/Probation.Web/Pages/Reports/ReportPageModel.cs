using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;
using Probation.Application.Reports;
using Probation.Domain.Organisation;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Reports;

/// <summary>The filters every report page shares: team, hub or officer, and the day. Bad values get the error summary and the whole provider.</summary>
public abstract class ReportPageModel(OrganisationQueries organisation) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? TeamId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? HubId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? OfficerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateParts On { get; set; } = new();

    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];

    public IReadOnlyList<SiteRow> Hubs { get; private set; } = [];

    /// <summary>The query string of the current filters, for links such as the CSV export.</summary>
    public string Query => string.Join("&", new[]
    {
        TeamId is { } t ? $"teamId={t}" : null,
        HubId is { } h ? $"hubId={h}" : null,
        OfficerId is { } o ? $"officerId={o}" : null,
        On.IsEmpty ? null : $"On.Day={On.Day}&On.Month={On.Month}&On.Year={On.Year}",
    }.Where(x => x is not null));

    protected async Task<ReportScope> ScopeAsync(CancellationToken ct)
    {
        Teams = (await organisation.TeamsAsync(ct)).Where(t => TeamKinds.HoldsCases(t.Kind)).OrderBy(t => t.Name).ToList();
        Hubs = (await organisation.SitesAsync(SiteKind.CommunityHub, null, ct)).OrderBy(s => s.Name).ToList();
        var on = On.IsEmpty ? null : On.Parse("the day", ModelState, "On", required: false);
        return new ReportScope(TeamId, HubId, OfficerId, on);
    }

    public static string Bar(double percent) => $"width: {Math.Clamp(percent, 0, 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%";
}

/// <summary>A caption and its rows, for the shared distribution table.</summary>
public sealed record ShareTable(string Caption, IReadOnlyList<Share> Rows);
