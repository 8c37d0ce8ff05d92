using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Domain.Allocation;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;

namespace Probation.Application.Reports;

/// <summary>The people every report describes: who the viewer may count, narrowed to a team, hub or officer.</summary>
internal static class ReportScopes
{
    /// <summary>
    /// The name the report is headed with: the provider's, or the team's, officer's or hub's when one is chosen (the last
    /// of those named wins). Null when the viewer may not read reports, or a team, hub or officer is not in their provider.
    /// </summary>
    public static async Task<string?> NameAsync(ProbationDbContext db, Viewer viewer, int? teamId, int? hubId, int? officerId, CancellationToken ct)
    {
        if (!viewer.MayOversee)
        {
            return null;
        }

        var provider = viewer.ProviderId!.Value;
        var name = await db.Providers.AsNoTracking().Where(p => p.Id == provider).Select(p => p.Name).SingleAsync(ct);
        if (teamId is { } team)
        {
            name = await db.Teams.AsNoTracking().Where(t => t.Id == team && t.ProviderId == provider).Select(t => t.Name).SingleOrDefaultAsync(ct);
            if (name is null)
            {
                return null;
            }
        }

        if (officerId is { } officer)
        {
            name = await db.Staff.AsNoTracking().Where(s => s.Id == officer && s.ProviderId == provider).Select(s => s.FirstName + " " + s.LastName).SingleOrDefaultAsync(ct);
            if (name is null)
            {
                return null;
            }
        }

        if (hubId is { } hub)
        {
            name = await db.Sites.AsNoTracking().Where(s => s.Id == hub && s.ProviderId == provider && s.Kind == SiteKind.CommunityHub).Select(s => s.Name).SingleOrDefaultAsync(ct);
        }

        return name;
    }

    /// <summary>
    /// The caseload on a day in the scope: the cases a responsible officer held that day (from the allocation history),
    /// as workload counts them, whose first order had begun; for a hub, those with a contact there in the
    /// <see cref="ReportQueries.HubWindowDays"/> days to the day.
    /// </summary>
    public static IQueryable<PersonOnProbation> Caseload(ProbationDbContext db, Viewer viewer, ReportScope scope, DateOnly on) =>
        Caseload(db, db.People.AsNoTracking().Where(viewer.InScope()), scope, on);

    /// <summary>The caseload on a day among the people given (a viewer's, or a whole provider's for the daily aggregates).</summary>
    public static IQueryable<PersonOnProbation> Caseload(ProbationDbContext db, IQueryable<PersonOnProbation> people, ReportScope scope, DateOnly on)
    {
        var query = people
            .Where(p => p.Orders.Any(o => o.StartDate <= on))
            .Where(p => p.Allocations.Any(a => a.From <= on && (a.To == null || a.To > on)));
        if (scope.TeamId is { } teamId)
        {
            query = query.Where(p => p.Allocations.Any(a => a.From <= on && (a.To == null || a.To > on) && db.Staff.Any(s => s.Id == a.StaffMemberId && s.TeamId == teamId)));
        }

        if (scope.OfficerId is { } officerId)
        {
            query = query.Where(p => p.Allocations.Any(a => a.From <= on && (a.To == null || a.To > on) && a.StaffMemberId == officerId));
        }

        if (scope.HubId is { } hubId)
        {
            var from = on.AddDays(-ReportQueries.HubWindowDays);
            query = query.Where(p => p.Contacts.Any(c => c.SiteId == hubId && c.On > from && c.On <= on));
        }

        return query;
    }

    /// <summary>
    /// The people whose work in a period a report may count: anyone a team's officer (or the officer) held at some time
    /// in it, or for a hub anyone with a contact there in it. Which officer each piece of work counts for is decided
    /// later, by who held the case on its day.
    /// </summary>
    public static IQueryable<PersonOnProbation> InPeriod(ProbationDbContext db, Viewer viewer, int? teamId, int? hubId, int? officerId, DateOnly from, DateOnly to)
    {
        var query = db.People.AsNoTracking().Where(viewer.InScope());
        if (teamId is { } team)
        {
            query = query.Where(p => p.Allocations.Any(a => a.From <= to && (a.To == null || a.To > from) && db.Staff.Any(s => s.Id == a.StaffMemberId && s.TeamId == team)));
        }

        if (officerId is { } officer)
        {
            query = query.Where(p => p.Allocations.Any(a => a.From <= to && (a.To == null || a.To > from) && a.StaffMemberId == officer));
        }

        if (hubId is { } hub)
        {
            query = query.Where(p => p.Contacts.Any(c => c.SiteId == hub && c.On >= from && c.On <= to));
        }

        return query;
    }
}

/// <summary>Who held each case when: the officer responsible on a day, and the case's first allocation.</summary>
internal sealed class AllocationHistory(IEnumerable<(int PersonId, int StaffMemberId, DateOnly From, DateOnly? To)> allocations, IReadOnlyDictionary<int, int?> officerTeams)
{
    private readonly Dictionary<int, List<(int Staff, DateOnly From, DateOnly? To)>> _byPerson = allocations
        .GroupBy(a => a.PersonId)
        .ToDictionary(g => g.Key, g => g.OrderBy(a => a.From).Select(a => (a.StaffMemberId, a.From, a.To)).ToList());

    /// <summary>The officer holding the case on the day (the latest allocation covering it), or null.</summary>
    public int? OfficerOn(int personId, DateOnly on) => Covering(personId, on).Select(a => (int?)a.Staff).LastOrDefault();

    /// <summary>When the latest allocation covering the day began (the case's allocation date as it stood that day), or null.</summary>
    public DateOnly? CoveringFrom(int personId, DateOnly on) => Covering(personId, on).Select(a => (DateOnly?)a.From).Max();

    /// <summary>The case's allocations covering the day, earliest first.</summary>
    private IEnumerable<(int Staff, DateOnly From, DateOnly? To)> Covering(int personId, DateOnly on) =>
        _byPerson.TryGetValue(personId, out var list) ? list.Where(a => a.From <= on && (a.To is null || a.To > on)) : [];

    public int? TeamOf(int? officer) => officer is { } id ? officerTeams.GetValueOrDefault(id) : null;

    /// <summary>The case's first allocation to a responsible officer: the clock for its initial assessment and plan.</summary>
    public DateOnly? FirstAllocated(int personId) => _byPerson.TryGetValue(personId, out var list) && list.Count > 0 ? list[0].From : null;

    /// <summary>The allocations of the people a query gives.</summary>
    public static Task<AllocationHistory> LoadAsync(ProbationDbContext db, IQueryable<int> people, int providerId, CancellationToken ct) =>
        LoadAsync(db, db.CaseAllocations.Where(a => people.Contains(a.PersonId)), providerId, ct);

    /// <summary>The allocations of the people whose ids have been read already.</summary>
    public static Task<AllocationHistory> LoadAsync(ProbationDbContext db, int[] people, int providerId, CancellationToken ct) =>
        LoadAsync(db, db.CaseAllocations.Where(a => people.Contains(a.PersonId)), providerId, ct);

    private static async Task<AllocationHistory> LoadAsync(ProbationDbContext db, IQueryable<CaseAllocation> allocations, int providerId, CancellationToken ct)
    {
        var rows = await allocations.AsNoTracking()
            .Select(a => new { a.PersonId, a.StaffMemberId, a.From, a.To }).ToListAsync(ct);
        var teams = await db.Staff.AsNoTracking().Where(s => s.ProviderId == providerId).ToDictionaryAsync(s => s.Id, s => s.TeamId, ct);
        return new AllocationHistory(rows.Select(r => (r.PersonId, r.StaffMemberId, r.From, r.To)), teams);
    }
}
