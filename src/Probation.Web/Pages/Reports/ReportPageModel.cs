using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;
using Probation.Application.Reports;
using Probation.Domain.Inspection;
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
    }.Concat(DateQueries()).Where(x => x is not null));

    /// <summary>Whether the filter asks for a period (from and to) rather than a day.</summary>
    public virtual bool ForPeriod => false;

    protected virtual IEnumerable<string?> DateQueries() => [DateQuery(nameof(On), On)];

    protected static string? DateQuery(string key, DateParts d) =>
        d.IsEmpty ? null : $"{key}.Day={Uri.EscapeDataString(d.Day ?? "")}&{key}.Month={Uri.EscapeDataString(d.Month ?? "")}&{key}.Year={Uri.EscapeDataString(d.Year ?? "")}";

    /// <summary>Loads the team and hub lists for the filter.</summary>
    protected async Task ChoicesAsync(CancellationToken ct)
    {
        Teams = (await organisation.TeamsAsync(ct)).Where(t => TeamKinds.HoldsCases(t.Kind)).OrderBy(t => t.Name).ToList();
        Hubs = (await organisation.SitesAsync(SiteKind.CommunityHub, null, ct)).OrderBy(s => s.Name).ToList();
    }

    protected async Task<ReportScope> ScopeAsync(CancellationToken ct)
    {
        await ChoicesAsync(ct);
        var on = On.IsEmpty ? null : On.Parse("the day", ModelState, "On", required: false);
        return new ReportScope(TeamId, HubId, OfficerId, on);
    }

    /// <summary>
    /// When the figures were read: the time of the day's pre-computed aggregates (refreshed once a day, so a change made
    /// since shows after the next refresh), or that they were counted live for this page.
    /// </summary>
    public static string AsAt(FiguresAsAt? asAt)
    {
        if (asAt is null)
        {
            return "";
        }

        var uk = Application.UkClock.ToUkTime(asAt.Utc);
        var when = uk.ToString("HH:mm 'on' d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        return asAt.PreComputed
            ? $"Figures as at {when}. They are counted once a day: changes made since then show after the next count."
            : $"Figures as at {when}, counted from the records when you opened this page.";
    }

    /// <summary>The tag colour for a band: green for outstanding through red for inadequate, grey for none.</summary>
    public static string Colour(Rating? band) => band switch
    {
        Rating.Outstanding => "green",
        Rating.Good => "turquoise",
        Rating.RequiresImprovement => "yellow",
        Rating.Inadequate => "red",
        _ => "grey",
    };

    public static string Describe(Rating? band) => band is { } b ? Ratings.Describe(b) : "No band";

    /// <summary>A percentage as the tables show it: one decimal place, or a dash when nothing was counted.</summary>
    public static string Percent(double? percent) => percent is { } p ? p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>A numerator or denominator: a whole number, or one decimal place for hours.</summary>
    public static string Number(double n) => n.ToString(n == Math.Floor(n) ? "N0" : "N1", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}

/// <summary>
/// A report over a period: the team, hub and officer filters and a start and end date. Bad dates, or a period the
/// rules refuse, get the error summary and the default period (the twelve calendar months to today).
/// </summary>
public abstract class PeriodReportPageModel(OrganisationQueries organisation, TimeProvider clock) : ReportPageModel(organisation)
{
    [BindProperty(SupportsGet = true)]
    public DateParts From { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public DateParts To { get; set; } = new();

    public override bool ForPeriod => true;

    protected override IEnumerable<string?> DateQueries() => [DateQuery(nameof(From), From), DateQuery(nameof(To), To)];

    /// <summary>The period asked for, or the default with the error recorded when it is not a valid one.</summary>
    protected async Task<ReportPeriod> PeriodAsync(CancellationToken ct)
    {
        await ChoicesAsync(ct);
        var today = Application.UkClock.Today(clock);
        var from = From.IsEmpty ? null : From.Parse("the start of the period", ModelState, nameof(From), required: false);
        var to = To.IsEmpty ? null : To.Parse("the end of the period", ModelState, nameof(To), required: false);
        var (start, end, refused) = TimelinessQueries.Period(from, to, today);
        if (refused is not null && ModelState.IsValid)
        {
            ModelState.AddModelError(refused.Field ?? string.Empty, refused.Reason);
        }

        if (!ModelState.IsValid)
        {
            (start, end, _) = TimelinessQueries.Period(null, null, today);
        }

        return new ReportPeriod(TeamId, HubId, OfficerId, start, end);
    }
}

/// <summary>A caption and its rows, for the shared distribution table.</summary>
public sealed record ShareTable(string Caption, IReadOnlyList<Share> Rows);
