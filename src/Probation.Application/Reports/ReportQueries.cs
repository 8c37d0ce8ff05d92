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
    IReadOnlyList<Share> Requirements);

public sealed record NeedShare(Need Need, string Label, int WithNeed, double Percent, int LinkedToOffending, double LinkedToOffendingPercent, int LinkedToHarm, double LinkedToHarmPercent);

public sealed record TeamNeeds(int? TeamId, string Team, int Assessed, IReadOnlyList<NeedShare> Needs);

public sealed record NeedsAnalysis(string Scope, DateOnly On, int Assessed, IReadOnlyList<NeedShare> Needs, IReadOnlyList<TeamNeeds> ByTeam);

/// <summary>
/// What leaders and the performance team read about a caseload: its profile on a day (the report's section
/// 1.2 figures) and the needs its assessments found. Counts only, never a person: nothing here is personal
/// data, so reading it is not audited (its CSV export is, as a disclosure).
/// </summary>
public sealed class ReportQueries(ProbationDbContext db, IRequestContext request, TimeProvider clock)
{
    /// <summary>A hub's caseload: people with a contact at the hub within this many days before the day.</summary>
    public const int HubWindowDays = 90;

    /// <summary>One person under supervision on the day, with who held the case then.</summary>
    private sealed record OnTheDay(PersonOnProbation Person, int OfficerId, int? TeamId);

    public async Task<CaseloadProfile?> CaseloadProfileAsync(ReportScope scope, CancellationToken ct)
    {
        var loaded = await LoadAsync(scope, ct);
        if (loaded is null)
        {
            return null;
        }

        var (name, on, people) = loaded.Value;
        var n = people.Count;
        Share S(string key, string label, int count) => new(key, label, count, Percent(count, n));
        var orders = people.Select(p => SupervisionRules.CurrentOrder(p.Person, on)).ToList();
        var officers = people.Select(p => p.OfficerId).Distinct().Count();
        var women = people.Count(p => p.Person.Gender == Gender.Female);
        var da = people.Count(p => SupervisionRules.HasActive(p.Person, RegistrationType.DomesticAbuse, on));
        var cp = people.Count(p => SupervisionRules.HasActive(p.Person, RegistrationType.ChildProtection, on));
        return new CaseloadProfile(
            name, on, n,
            women, Percent(women, n),
            da, Percent(da, n),
            cp, Percent(cp, n),
            officers, officers == 0 ? 0 : Math.Round((double)n / officers, 1),
            Enum.GetValues<RoshLevel>().Select(r => S(r.ToString(), RoshLevels.Describe(r), people.Count(p => p.Person.Risk.Rosh == r)))
                .Append(S("Unknown", "Not yet classified", people.Count(p => p.Person.Risk.Rosh is null))).ToList(),
            OgrsBandsOf(people.Select(p => p.Person.Risk.Ogrs?.Value)).Select(b => S(b.Key, b.Label, b.Count)).ToList(),
            people.Select(p => TierCalculator.Calculate(CaseFacts.ForTier(p.Person, on)).Code).GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => S(g.Key, g.Key, g.Count())).ToList(),
            Enum.GetValues<OrderType>().Select(t => S(t.ToString(), Capitalise(OrderTerms.Describe(t)), orders.Count(o => o?.Type == t))).Where(s => s.Count > 0).ToList(),
            Enum.GetValues<RequirementType>().Select(r => S(r.ToString(), SupervisionRules.Describe(r), orders.Count(o => o?.Requirements.Any(x => x.Type == r) == true))).ToList());
    }

    public async Task<NeedsAnalysis?> NeedsAsync(ReportScope scope, CancellationToken ct)
    {
        var loaded = await LoadAsync(scope, ct);
        if (loaded is null)
        {
            return null;
        }

        var (name, on, people) = loaded.Value;
        var teams = await db.Teams.AsNoTracking().Where(t => t.ProviderId == request.Viewer.ProviderId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var assessed = people.Select(p => (p.TeamId, Latest: LatestAssessment(p.Person, on))).Where(x => x.Latest is not null).ToList();
        return new NeedsAnalysis(
            name, on, assessed.Count, Shares(assessed.Select(x => x.Latest!).ToList()),
            assessed.GroupBy(x => x.TeamId).OrderBy(g => g.Key is { } id ? teams.GetValueOrDefault(id) : "~", StringComparer.Ordinal)
                .Select(g => new TeamNeeds(g.Key, g.Key is { } id ? teams.GetValueOrDefault(id) ?? "Unknown team" : "No team", g.Count(), Shares(g.Select(x => x.Latest!).ToList())))
                .ToList());
    }

    /// <summary>OGRS bands as HMPPS uses them: low under 50, medium 50–74, high 75–89, very high 90 and over.</summary>
    public static IReadOnlyList<(string Key, string Label, int Count)> OgrsBandsOf(IEnumerable<int?> scores)
    {
        var list = scores.ToList();
        return
        [
            ("Low", "Low (0–49)", list.Count(s => s < 50)),
            ("Medium", "Medium (50–74)", list.Count(s => s is >= 50 and < 75)),
            ("High", "High (75–89)", list.Count(s => s is >= 75 and < 90)),
            ("VeryHigh", "Very high (90–99)", list.Count(s => s >= 90)),
            ("Unknown", "Not known", list.Count(s => s is null)),
        ];
    }

    public static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    /// <summary>The latest assessment completed on or before the day: what the officer knew then.</summary>
    private static Assessment? LatestAssessment(PersonOnProbation p, DateOnly on) =>
        p.Assessments.Where(a => a.CompletedOn is { } c && c <= on).OrderByDescending(a => a.CompletedOn).ThenByDescending(a => a.Id).FirstOrDefault();

    private static List<NeedShare> Shares(IReadOnlyList<Assessment> assessments)
    {
        var n = assessments.Count;
        return Enum.GetValues<Need>().Select(need =>
        {
            var rated = assessments.Select(a => a.Needs.FirstOrDefault(x => x.Need == need)).Where(x => x is not null && x.Severity != NeedSeverity.NoProblems).ToList();
            var offending = rated.Count(x => x!.LinkedToOffending);
            var harm = rated.Count(x => x!.LinkedToHarm);
            return new NeedShare(need, SupervisionRules.Describe(need), rated.Count, Percent(rated.Count, n), offending, Percent(offending, n), harm, Percent(harm, n));
        }).ToList();
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>
    /// The caseload on the day in the scope: the cases a responsible officer held that day (from the
    /// allocation history), as workload counts them, whose first order had begun. Null when the scope is
    /// not the viewer's to see.
    /// </summary>
    private async Task<(string Name, DateOnly On, List<OnTheDay> People)?> LoadAsync(ReportScope scope, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var on = scope.On ?? clock.Today();
        if (await ReportScopes.NameAsync(db, viewer, scope.TeamId, scope.HubId, scope.OfficerId, ct) is not { } name)
        {
            return null;
        }

        // The tier reads the needs of the latest assessment, as the needs analysis does.
        var people = await ReportScopes.Caseload(db, viewer, scope, on).AsSplitQuery()
            .Include(p => p.Registrations).Include(p => p.Orders).ThenInclude(o => o.Requirements).Include(p => p.Allocations)
            .Include(p => p.Assessments).ThenInclude(a => a.Needs)
            .ToListAsync(ct);
        var officerTeams = await db.Staff.AsNoTracking().Where(s => s.ProviderId == viewer.ProviderId).ToDictionaryAsync(s => s.Id, s => s.TeamId, ct);
        return (name, on, people.Select(p =>
        {
            var officer = p.Allocations.Where(a => a.From <= on && (a.To is null || a.To > on)).OrderByDescending(a => a.From).First().StaffMemberId;
            return new OnTheDay(p, officer, officerTeams.GetValueOrDefault(officer));
        }).ToList());
    }
}
