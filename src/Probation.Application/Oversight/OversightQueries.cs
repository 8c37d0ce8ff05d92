using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Allocation;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Oversight;
using Probation.Domain.Supervision;

namespace Probation.Application.Oversight;

/// <summary>One officer's row on the team manager's page.</summary>
public sealed record OfficerOversight(
    int StaffId,
    string Name,
    StaffGrade? Grade,
    int Points,
    double CapacityPercent,
    IReadOnlyDictionary<OversightMeasure, int> Counts,
    int OversightRecorded,
    DateOnly? LastStaffSupervision)
{
    public bool OverCapacity => CapacityPercent > 100;
}

public sealed record TeamOversight(
    int TeamId,
    string Team,
    DateOnly Today,
    int OversightWindowDays,
    IReadOnlyList<OfficerOversight> Officers,
    IReadOnlyDictionary<OversightMeasure, int> Totals,
    int AwaitingAllocation,
    int ReferredToManager);

/// <summary>The filters and sort of the team page; the API takes the same.</summary>
public sealed record OversightFilter(StaffGrade? Grade = null, bool OnlyWithHighAlerts = false, bool OnlyOverCapacity = false, OversightMeasure? SortBy = null, bool Descending = true);

public sealed record OversightCaseRow(string Crn, string? Name, bool AccessRestricted, int? OfficerId, string? Officer, int Value, IReadOnlyList<string> Reasons);

public sealed record OversightCases(int TeamId, string Team, OversightMeasure Measure, int? OfficerId, string? Officer, int Total, IReadOnlyList<OversightCaseRow> Cases);

/// <summary>
/// The team manager's view (the report's first recommendation): each officer's caseload, workload and the
/// work their cases are owed, computed from the same safety net the officers see, each number backed by its list.
/// </summary>
public sealed class OversightQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock, SafetyNet safetyNet, AllocationQueries allocation, CaseStatuses statuses)
{
    /// <summary>Oversight recorded within this many days counts on the team page.</summary>
    public const int OversightWindowDays = 90;

    private sealed record TeamCase(PersonOnProbation Person, CaseOversightFacts Facts);

    public async Task<TeamOversight?> TeamAsync(int teamId, OversightFilter filter, CancellationToken ct)
    {
        var team = await TeamFor(teamId, ct);
        if (team is null)
        {
            return null;
        }

        var today = clock.Today();
        var since = today.AddDays(-OversightWindowDays);

        // The counts are each case's kept status (ADR 0014), summed by officer and team in the database in one read:
        // the team's allocated cases, whoever holds them, for the counts; and every case the team's officers hold,
        // wherever it is, for their workloads. Only the cases under supervision today count, and so only their oversight entries.
        var officers = await WithLastSupervision(allocation.TeamOfficers(teamId)).ToListAsync(ct);
        var officerIds = officers.Select(o => o.Officer.Id).ToArray();
        var totals = await statuses.TotalsByOfficerAndTeamAsync(
            db.People.Where(request.Viewer.InScope()).Where(p => p.TeamId == teamId || EF.Parameter(officerIds).Contains(p.ResponsibleOfficerId!.Value)), ct);
        var counts = totals.Where(t => t.TeamId == teamId).ToDictionary(t => t.OfficerId);
        var workloads = totals.GroupBy(t => t.OfficerId).ToDictionary(g => g.Key, g => StatusTotals.Sum(g.Key, null, g));
        var teamCases = TeamCases(teamId);
        var recorded = await (
                from o in db.OversightEntries
                where o.RecordedOn > since
                join p in teamCases on o.PersonId equals p.Id
                join s in db.CaseStatuses on p.Id equals s.PersonId
                where s.UnderSupervision
                group o by p.ResponsibleOfficerId!.Value into g
                select new { Officer = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Officer, g => g.Count, ct);

        var loads = officers.Select(o => AllocationQueries.Load(o.Officer, workloads.GetValueOrDefault(o.Officer.Id))).ToList();
        var others = counts.Values.Where(t => t.UnderSupervision > 0 && !officerIds.Contains(t.OfficerId)).Select(t => t.OfficerId).ToList();
        var otherStaff = others.Count == 0 ? [] : await WithLastSupervision(db.Staff.AsNoTracking().Where(s => others.Contains(s.Id))).ToListAsync(ct);
        var supervised = officers.Concat(otherStaff).ToDictionary(o => o.Officer.Id, o => o.LastSupervised);

        OfficerOversight Row(int id, string name, StaffGrade? grade, int points, double capacity)
        {
            var held = counts.GetValueOrDefault(id);
            return new OfficerOversight(
                id, name, grade, points, capacity,
                OversightMeasures.All.ToDictionary(m => m, m => held?.Value(m) ?? 0),
                recorded.GetValueOrDefault(id),
                supervised.GetValueOrDefault(id));
        }

        var rows = loads.Select(l => Row(l.StaffId, l.Name, l.Grade, l.Points, l.CapacityPercent))
            .Concat(otherStaff.Select(s => Row(s.Officer.Id, s.Officer.FullName, s.Officer.Grade, 0, 0)))
            .ToList();
        IEnumerable<OfficerOversight> shown = rows;
        if (filter.Grade is { } grade)
        {
            shown = shown.Where(r => r.Grade == grade);
        }

        if (filter.OnlyWithHighAlerts)
        {
            shown = shown.Where(r => r.Counts[OversightMeasure.HighAlerts] > 0);
        }

        if (filter.OnlyOverCapacity)
        {
            shown = shown.Where(r => r.OverCapacity);
        }

        shown = filter.SortBy is { } by
            ? filter.Descending ? shown.OrderByDescending(r => r.Counts[by]).ThenBy(r => r.Name) : shown.OrderBy(r => r.Counts[by]).ThenBy(r => r.Name)
            : shown.OrderBy(r => r.Name, StringComparer.Ordinal);
        var (waiting, referred) = await allocation.QueueCountsAsync(teamId, ct);
        return new TeamOversight(
            team.Id, team.Name, today, OversightWindowDays, shown.ToList(),
            OversightMeasures.All.ToDictionary(m => m, m => counts.Values.Sum(t => t.Value(m))),
            waiting, referred);
    }

    /// <summary>The cases behind one number: a measure for the team or for one officer. The names shown are audited as read.</summary>
    public async Task<OversightCases?> CasesAsync(int teamId, OversightMeasure measure, int? officerId, CancellationToken ct)
    {
        var team = await TeamFor(teamId, ct);
        if (team is null || !Enum.IsDefined(measure))
        {
            return null;
        }

        string? officerName = null;
        if (officerId is { } oid)
        {
            officerName = await db.Staff.AsNoTracking().Where(s => s.Id == oid && s.ProviderId == team.ProviderId).Select(s => s.FirstName + " " + s.LastName).SingleOrDefaultAsync(ct);
            if (officerName is null)
            {
                return null;
            }
        }

        var viewer = request.Viewer;
        var counted = (await statuses.CurrentAsync(TeamCases(teamId).Where(p => officerId == null || p.ResponsibleOfficerId == officerId), ct))
            .Values.Where(c => c.Status.Value(measure) > 0).Select(c => c.Status.PersonId).ToArray();
        var cases = await CasesAsync(TeamCases(teamId).Where(p => EF.Parameter(counted).Contains(p.Id)), ct);
        var names = await db.Staff.AsNoTracking().Where(s => s.TeamId == teamId || s.Id == officerId)
            .ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
        var rows = cases
            .Select(c => (c, Value: OversightMeasures.Value(measure, c.Facts)))
            .Where(x => x.Value > 0)
            .OrderByDescending(x => x.Value).ThenBy(x => x.c.Person.Crn.Value, StringComparer.Ordinal)
            .Select(x =>
            {
                var p = x.c.Person;
                var open = CaseAccessRules.Decide(p.AccessList, viewer.StaffMemberId).Allowed;
                return new OversightCaseRow(
                    p.Crn.Value, open ? p.FullName : null, !open, p.ResponsibleOfficerId,
                    p.ResponsibleOfficerId is { } r ? names.GetValueOrDefault(r) : null,
                    x.Value, open ? OversightMeasures.Reasons(measure, x.c.Facts) : []);
            })
            .ToList();
        await audit.RecordReadAsync(AuditAction.Consulted, "Team oversight: " + OversightMeasures.Describe(measure), rows.Where(r => !r.AccessRestricted).Select(r => Crn.Parse(r.Crn)).ToList(), ct);
        return new OversightCases(team.Id, team.Name, measure, officerId, officerName, rows.Sum(r => r.Value), rows);
    }

    private sealed record StaffWithSupervision(StaffMember Officer, DateOnly? LastSupervised);

    /// <summary>The staff with the date of each one's latest staff supervision, in the same read.</summary>
    private IQueryable<StaffWithSupervision> WithLastSupervision(IQueryable<StaffMember> staff) =>
        staff.Select(s => new StaffWithSupervision(s, db.StaffSupervisionRecords.Where(r => r.StaffMemberId == s.Id).Max(r => (DateOnly?)r.On)));

    private async Task<Team?> TeamFor(int teamId, CancellationToken ct)
    {
        var viewer = request.Viewer;
        return viewer.MayOversee
            ? await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId && t.ProviderId == viewer.ProviderId, ct)
            : null;
    }

    /// <summary>The team's allocated cases the viewer's provider holds.</summary>
    private IQueryable<PersonOnProbation> TeamCases(int teamId) =>
        db.People.Where(request.Viewer.InScope()).Where(p => p.TeamId == teamId && p.ResponsibleOfficerId != null);

    /// <summary>Cases under supervision today, each with its alerts and the records the counts read, for the reasons behind a number.</summary>
    private async Task<List<TeamCase>> CasesAsync(IQueryable<PersonOnProbation> people, CancellationToken ct)
    {
        var today = clock.Today();
        var loaded = await SupervisionQueries.WithRecords(people.AsNoTracking())
            .Include(p => p.Oversight)
            .ToListAsync(ct);
        return loaded.Where(p => CaseSnapshots.UnderSupervision(p, today))
            .Select(p =>
            {
                // One snapshot per case: the counts and the safety net read the same one.
                var snapshot = CaseSnapshots.Of(p, today);
                return new TeamCase(p, new CaseOversightFacts(
                    snapshot,
                    safetyNet.Evaluate(snapshot, today),
                    p.Oversight.Where(o => o.IsDueForCheck(today)).Select(o => o.CheckBy!.Value).Order().ToList()));
            })
            .ToList();
    }
}
