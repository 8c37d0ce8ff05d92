using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Allocation;
using Probation.Application.Data;
using Probation.Domain.Allocation;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Application.Reports;

/// <summary>Whose caseload a report describes, and on which day. No team, hub or officer: the whole provider.</summary>
public sealed record ReportScope(int? TeamId = null, int? HubId = null, int? OfficerId = null, DateOnly? On = null);

public sealed record Share(string Key, string Label, int Count, double Percent);

public sealed record CaseloadProfile(
    string Scope,
    DateOnly On,
    int People,
    int Women,
    double WomenPercent,
    int CurrentDomesticAbuse,
    double CurrentDomesticAbusePercent,
    int ChildSafeguarding,
    double ChildSafeguardingPercent,
    int ResponsibleOfficers,
    double AverageCasesPerOfficer,
    IReadOnlyList<Share> RoshLevels,
    IReadOnlyList<Share> OgrsBands,
    IReadOnlyList<Share> Tiers,
    IReadOnlyList<Share> OrderTypes,
    IReadOnlyList<Share> Requirements,
    FiguresAsAt? AsAt = null);

/// <summary>When a report's records were read (UTC), and whether from the day's pre-computed aggregates or live for the request.</summary>
public sealed record FiguresAsAt(DateTime Utc, bool PreComputed);

public sealed record NeedShare(Need Need, string Label, int WithNeed, double Percent, int LinkedToOffending, double LinkedToOffendingPercent, int LinkedToHarm, double LinkedToHarmPercent);

public sealed record TeamNeeds(int? TeamId, string Team, int Assessed, IReadOnlyList<NeedShare> Needs);

public sealed record NeedsAnalysis(string Scope, DateOnly On, int Assessed, IReadOnlyList<NeedShare> Needs, IReadOnlyList<TeamNeeds> ByTeam, FiguresAsAt? AsAt = null);

/// <summary>
/// What leaders and the performance team read about a caseload: its profile on a day (the report's section
/// 1.2 figures) and the needs its assessments found. Counts only, never a person: nothing here is personal
/// data, so reading it is not audited (its CSV export is, as a disclosure). Today's figures for the provider,
/// a team or an officer come from the day's pre-computed aggregates when they have been built
/// (<see cref="ReportAggregates"/>); any other day, a hub, or a day not yet built is counted live.
/// </summary>
public sealed class ReportQueries(ProbationDbContext db, IRequestContext request, TimeProvider clock, ReportAggregates aggregates)
{
    /// <summary>A hub's caseload: people with a contact at the hub within this many days before the day.</summary>
    public const int HubWindowDays = 90;

    public async Task<CaseloadProfile?> CaseloadProfileAsync(ReportScope scope, CancellationToken ct)
    {
        if (await FiguresAsync(scope, ct) is not { } f)
        {
            return null;
        }

        var c = f.Counts;
        int Count(string table, string key) => c.GetValueOrDefault((table, key));
        var n = Count(CaseloadCounts.Summary, CaseloadCounts.People);
        Share S(string key, string label, int count) => new(key, label, count, Percent(count, n));
        var women = Count(CaseloadCounts.Summary, CaseloadCounts.Women);
        var da = Count(CaseloadCounts.Summary, CaseloadCounts.CurrentDomesticAbuse);
        var cp = Count(CaseloadCounts.Summary, CaseloadCounts.ChildSafeguarding);
        var officers = f.Officers;
        return new CaseloadProfile(
            f.Name, f.On, n,
            women, Percent(women, n),
            da, Percent(da, n),
            cp, Percent(cp, n),
            officers, officers == 0 ? 0 : Math.Round((double)n / officers, 1),
            Enum.GetValues<RoshLevel>().Select(r => S(r.ToString(), RoshLevels.Describe(r), Count(CaseloadCounts.Rosh, r.ToString())))
                .Append(S(CaseloadCounts.Unknown, "Not yet classified", Count(CaseloadCounts.Rosh, CaseloadCounts.Unknown))).ToList(),
            OgrsBands.Select(b => S(b.Key, b.Label, Count(CaseloadCounts.Ogrs, b.Key))).ToList(),
            c.Where(x => x.Key.Table == CaseloadCounts.Tier && x.Value > 0).OrderBy(x => x.Key.Key, StringComparer.Ordinal)
                .Select(x => S(x.Key.Key, x.Key.Key, x.Value)).ToList(),
            Enum.GetValues<OrderType>().Select(t => S(t.ToString(), Capitalise(OrderTerms.Describe(t)), Count(CaseloadCounts.OrderType, t.ToString()))).Where(s => s.Count > 0).ToList(),
            Enum.GetValues<RequirementType>().Select(r => S(r.ToString(), SupervisionRules.Describe(r), Count(CaseloadCounts.Requirement, r.ToString()))).ToList(),
            f.AsAt);
    }

    public async Task<NeedsAnalysis?> NeedsAsync(ReportScope scope, CancellationToken ct)
    {
        if (await FiguresAsync(scope, ct) is not { } f)
        {
            return null;
        }

        var teams = await db.Teams.AsNoTracking().Where(t => t.ProviderId == request.Viewer.ProviderId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new NeedsAnalysis(
            f.Name, f.On, f.Counts.GetValueOrDefault((CaseloadCounts.Summary, CaseloadCounts.Assessed)), Shares(f.Counts),
            f.ByTeam.Where(t => t.Counts.GetValueOrDefault((CaseloadCounts.Summary, CaseloadCounts.Assessed)) > 0)
                .OrderBy(t => t.TeamId is { } id ? teams.GetValueOrDefault(id) : "~", StringComparer.Ordinal)
                .Select(t => new TeamNeeds(t.TeamId, t.TeamId is { } id ? teams.GetValueOrDefault(id) ?? "Unknown team" : "No team",
                    t.Counts.GetValueOrDefault((CaseloadCounts.Summary, CaseloadCounts.Assessed)), Shares(t.Counts)))
                .ToList(),
            f.AsAt);
    }

    /// <summary>The OGRS bands' keys and labels, in the order the tables show them.</summary>
    private static readonly (string Key, string Label)[] OgrsBands =
    [
        (nameof(OgrsBand.Low), "Low (0–49)"),
        (nameof(OgrsBand.Medium), "Medium (50–74)"),
        (nameof(OgrsBand.High), "High (75–89)"),
        (nameof(OgrsBand.VeryHigh), "Very high (90–99)"),
        (CaseloadCounts.Unknown, "Not known"),
    ];

    /// <summary>An OGRS score's band key, as the domain bands it (<see cref="OgrsScore.Band"/>), or "Unknown" with no score.</summary>
    public static string OgrsBandOf(int? score) => score is { } s ? OgrsScore.From(s).Band.ToString() : CaseloadCounts.Unknown;

    /// <summary>OGRS bands as HMPPS uses them: low under 50, medium 50–74, high 75–89, very high 90 and over.</summary>
    public static IReadOnlyList<(string Key, string Label, int Count)> OgrsBandsOf(IEnumerable<int?> scores)
    {
        var bands = scores.Select(OgrsBandOf).ToList();
        return OgrsBands.Select(b => (b.Key, b.Label, bands.Count(x => x == b.Key))).ToList();
    }

    public static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    /// <summary>The latest assessment completed on or before the day: what the officer knew then.</summary>
    internal static Assessment? LatestAssessment(PersonOnProbation p, DateOnly on) =>
        p.Assessments.Where(a => a.CompletedOn is { } c && c <= on).OrderByDescending(a => a.CompletedOn).ThenByDescending(a => a.Id).FirstOrDefault();

    private static List<NeedShare> Shares(IReadOnlyDictionary<(string Table, string Key), int> counts)
    {
        var n = counts.GetValueOrDefault((CaseloadCounts.Summary, CaseloadCounts.Assessed));
        return Enum.GetValues<Need>().Select(need =>
        {
            var key = need.ToString();
            var rated = counts.GetValueOrDefault((CaseloadCounts.Need, key));
            var offending = counts.GetValueOrDefault((CaseloadCounts.NeedOffending, key));
            var harm = counts.GetValueOrDefault((CaseloadCounts.NeedHarm, key));
            return new NeedShare(need, SupervisionRules.Describe(need), rated, Percent(rated, n), offending, Percent(offending, n), harm, Percent(harm, n));
        }).ToList();
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>
    /// The counts of the caseload on the day in the scope: the cases a responsible officer held that day (from the
    /// allocation history), as workload counts them, whose first order had begun. From the day's aggregates when
    /// they hold the day and the scope (not a hub); otherwise counted live. Null when the scope is not the viewer's to see.
    /// </summary>
    private async Task<ReportFigures?> FiguresAsync(ReportScope scope, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var on = scope.On ?? clock.Today();
        if (await ReportScopes.NameAsync(db, viewer, scope.TeamId, scope.HubId, scope.OfficerId, ct) is not { } name)
        {
            return null;
        }

        var provider = viewer.ProviderId!.Value;
        if (await aggregates.ReadAsync(provider, scope, on, ct) is { } stored)
        {
            return stored with { Name = name };
        }

        var people = await CaseloadSnapshot.LoadAsync(db, ReportScopes.Caseload(db, viewer, scope, on), provider, on, ct);
        return ReportFigures.Count(name, on, people, new FiguresAsAt(clock.GetUtcNow().UtcDateTime, false));
    }
}

/// <summary>A report's counts: overall, the number of officers holding the cases, and by team.</summary>
internal sealed record ReportFigures(
    string Name,
    DateOnly On,
    IReadOnlyDictionary<(string Table, string Key), int> Counts,
    int Officers,
    IReadOnlyList<(int? TeamId, IReadOnlyDictionary<(string Table, string Key), int> Counts)> ByTeam,
    FiguresAsAt AsAt)
{
    /// <summary>Counts the people live: each under their officer's team, the whole being the sum of the teams.</summary>
    public static ReportFigures Count(string name, DateOnly on, IReadOnlyList<OnTheDay> people, FiguresAsAt asAt)
    {
        var teams = new Dictionary<int, Dictionary<(string Table, string Key), int>>();
        foreach (var p in people)
        {
            var team = p.TeamId ?? NoTeam;
            if (!teams.TryGetValue(team, out var counts))
            {
                teams[team] = counts = [];
            }

            CaseloadCounts.Add(counts, p.Person, on);
        }

        return FromTeams(name, on, teams.Select(t => (t.Key == NoTeam ? null : (int?)t.Key, (IReadOnlyDictionary<(string, string), int>)t.Value)).ToList(),
            people.Select(p => p.OfficerId).Distinct().Count(), asAt);
    }

    /// <summary>The figures from each team's counts: the whole is their sum.</summary>
    public static ReportFigures FromTeams(string name, DateOnly on, IReadOnlyList<(int? TeamId, IReadOnlyDictionary<(string Table, string Key), int> Counts)> teams, int officers, FiguresAsAt asAt)
    {
        var all = new Dictionary<(string Table, string Key), int>();
        foreach (var (key, count) in teams.SelectMany(t => t.Counts))
        {
            all[key] = all.GetValueOrDefault(key) + count;
        }

        return new ReportFigures(name, on, all, officers, teams, asAt);
    }

    private const int NoTeam = int.MinValue;
}
