using Microsoft.EntityFrameworkCore;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Programmes;
using Probation.Domain.Supervision;

namespace Probation.Application.Programmes;

/// <summary>One referral as the programme pages and the API list it: who, which programme, where it stands, how long they have waited.</summary>
public sealed record ReferralRow(
    int Id, string Crn, string Name, int CaseVersion, AccreditedProgramme Programme, ReferralStatus Status, DateOnly ReferredOn, DateOnly StatusChangedOn,
    GroupTime? PreferredTime, string? Reason, int? GroupId, DateOnly? StartedOn, DateOnly? EndedOn, int DaysWaited, bool OverAim, string ReferredBy, string? Notes);

public sealed record WaitingListView(DateOnly Today, int AimDays, AccreditedProgramme? Programme, WaitingFigures Figures, IReadOnlyList<ReferralRow> Waiting, IReadOnlyList<ReferralRow> Counted, bool MayManage);

public sealed record StartsView(AccreditedProgramme Programme, int ThisMonth, int NextMonth, int Aim);

public sealed record GroupRow(
    int Id, AccreditedProgramme Programme, int SiteId, string Site, GroupTime Time, DateOnly StartDate, int Capacity, int PlacesTaken,
    IReadOnlyList<string> Facilitators, int Sessions, DateOnly? NextSession, int Version);

public sealed record GroupsView(DateOnly Today, StartsView BbrStarts, IReadOnlyList<GroupRow> Groups, bool MayManage);

public sealed record AttendanceMark(int SessionId, int ReferralId, ContactOutcome? Outcome, AbsenceDecision? Decision);

public sealed record SessionRow(int Id, DateOnly On, TimeOnly StartsAt, TimeOnly EndsAt, int Recorded);

public sealed record GroupView(GroupRow Group, IReadOnlyList<SessionRow> Sessions, IReadOnlyList<ReferralRow> Members, IReadOnlyList<ReferralRow> WaitingForThisProgramme, IReadOnlyList<AttendanceMark> Attendance, bool MayManage, DateOnly Today);

public sealed record ChoiceRow(int Id, string Name);

public sealed record CaseProgrammeView(string Crn, int Version, bool MayRefer, IReadOnlyList<ReferralRow> Referrals, IReadOnlyList<ProgrammeRequirementView> Requirements);

public sealed record ProgrammeRequirementView(int Id, AccreditedProgramme Programme, string Description, bool Referred);

/// <summary>
/// What the programme pages and API read. Every list of people is filtered by case access lists and
/// audited with the case reference numbers it shows.
/// </summary>
public sealed class ProgrammeQueries(ProbationDbContext db, ProgrammeAccess access, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReferralRow>?> ReferralsAsync(AccreditedProgramme? programme, ReferralStatus? status, CancellationToken ct)
    {
        if (!await access.MayReadAsync(ct))
        {
            return null;
        }

        var q = Referrals();
        if (programme is { } p)
        {
            q = q.Where(r => r.Programme == p);
        }

        if (status is { } s)
        {
            q = q.Where(r => r.Status == s);
        }

        var rows = await ToRowsAsync(q.OrderByDescending(r => r.ReferredOn).ThenBy(r => r.Id).Take(500), ct);
        await AuditAsync(rows, "Programme referrals", ct);
        return rows;
    }

    public async Task<ReferralRow?> ReferralAsync(int id, CancellationToken ct)
    {
        if (!await access.MayReadAsync(ct))
        {
            return null;
        }

        var rows = await ToRowsAsync(Referrals().Where(r => r.Id == id), ct);
        await AuditAsync(rows, "Programme referral", ct);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// The waiting list: everyone referred in the last twelve months who has started or is still waiting
    /// (withdrawn and not suitable never start), days from referral to start or to today, against the one-month aim.
    /// </summary>
    public async Task<WaitingListView?> WaitingListAsync(AccreditedProgramme? programme, CancellationToken ct)
    {
        if (!await access.MayReadAsync(ct))
        {
            return null;
        }

        var today = clock.Today();
        var since = today.AddYears(-1);
        var q = Referrals().Where(r => r.ReferredOn >= since && r.Status != ReferralStatus.Withdrawn && r.Status != ReferralStatus.NotSuitable);
        if (programme is { } p)
        {
            q = q.Where(r => r.Programme == p);
        }

        var counted = await ToRowsAsync(q, ct);
        var waiting = counted.Where(r => ProgrammeRules.IsWaiting(r.Status)).OrderByDescending(r => r.DaysWaited).ThenBy(r => r.Id).ToList();
        var figures = WaitingFigures.From(counted.Select(r => WaitingFigures.Of(r.ReferredOn, r.StartedOn, today)).ToList());
        await AuditAsync(waiting, "Programme waiting list", ct);
        return new WaitingListView(today, ProgrammeRules.WaitingAimDays, programme, figures, waiting,
            counted.OrderBy(r => r.ReferredOn).ThenBy(r => r.Id).ToList(), await access.MayManageAsync(ct));
    }

    public async Task<GroupsView?> GroupsAsync(CancellationToken ct)
    {
        if (!await access.MayReadAsync(ct))
        {
            return null;
        }

        var today = clock.Today();
        var groups = await GroupRowsAsync(db.ProgrammeGroups.AsNoTracking().Where(g => g.ProviderId == access.Viewer.ProviderId), today, ct);
        var starts = groups.Select(g => (g.Programme, g.StartDate)).ToList();
        var bbr = new StartsView(
            AccreditedProgramme.BuildingBetterRelationships,
            ProgrammeRules.StartsInMonth(starts, AccreditedProgramme.BuildingBetterRelationships, today),
            ProgrammeRules.StartsInMonth(starts, AccreditedProgramme.BuildingBetterRelationships, today.AddMonths(1)),
            ProgrammeRules.BbrStartsPerMonthAim);
        return new GroupsView(today, bbr, groups.OrderByDescending(g => g.StartDate).ThenBy(g => g.Id).ToList(), await access.MayManageAsync(ct));
    }

    public async Task<GroupView?> GroupAsync(int id, CancellationToken ct)
    {
        if (!await access.MayReadAsync(ct))
        {
            return null;
        }

        var today = clock.Today();
        var group = (await GroupRowsAsync(db.ProgrammeGroups.AsNoTracking().Where(g => g.Id == id && g.ProviderId == access.Viewer.ProviderId), today, ct)).SingleOrDefault();
        if (group is null)
        {
            return null;
        }

        var members = await ToRowsAsync(Referrals().Where(r => r.GroupId == id).OrderBy(r => r.StartedOn).ThenBy(r => r.Id), ct);
        var waiting = await ToRowsAsync(Referrals().Where(r => r.Programme == group.Programme && r.Status == ReferralStatus.OnWaitingList).OrderBy(r => r.ReferredOn).ThenBy(r => r.Id), ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var marks = await db.Set<ProgrammeAttendance>().AsNoTracking().Where(a => memberIds.Contains(a.ReferralId))
            .Select(a => new AttendanceMark(a.SessionId, a.ReferralId, a.Contact!.Outcome, a.Contact.Decision)).ToListAsync(ct);
        var sessions = await db.Set<ProgrammeSession>().AsNoTracking().Where(s => s.GroupId == id).OrderBy(s => s.On).ToListAsync(ct);
        await AuditAsync([.. members, .. waiting], "Programme group", ct);
        return new GroupView(
            group,
            sessions.Select(s => new SessionRow(s.Id, s.On, s.StartsAt, s.EndsAt, marks.Count(m => m.SessionId == s.Id))).ToList(),
            members,
            waiting.OrderByDescending(w => w.PreferredTime == group.Time).ThenBy(w => w.ReferredOn).ToList(),
            marks,
            await access.MayManageAsync(ct),
            today);
    }

    /// <summary>The district centres and programme tutors a group can be set up with.</summary>
    public async Task<(IReadOnlyList<ChoiceRow> Sites, IReadOnlyList<ChoiceRow> Tutors)> ChoicesAsync(CancellationToken ct)
    {
        var providerId = access.Viewer.ProviderId;
        var sites = await db.Sites.AsNoTracking().Where(s => s.ProviderId == providerId && s.Kind == Domain.Organisation.SiteKind.DistrictCentre)
            .OrderBy(s => s.Name).Select(s => new ChoiceRow(s.Id, s.Name)).ToListAsync(ct);
        var tutors = await db.Staff.AsNoTracking().Where(s => s.ProviderId == providerId && s.Grade == Domain.Organisation.StaffGrade.ProgrammeTutor)
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).Select(s => new ChoiceRow(s.Id, s.FirstName + " " + s.LastName)).ToListAsync(ct);
        return (sites, tutors);
    }

    /// <summary>
    /// A case's programme referrals and its programme requirements, for the case page and the referral page. The
    /// case page has already audited the read of the case; <paramref name="purpose"/> set audits this read as well.
    /// </summary>
    public async Task<CaseProgrammeView?> ForCaseAsync(string crnText, string? purpose, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return null;
        }

        var viewer = access.Viewer;
        var person = await db.People.AsNoTracking().AsSplitQuery()
            .Where(viewer.InScope()).Where(viewer.MaySeeDetails())
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.ProgrammeReferrals)
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null)
        {
            return null;
        }

        if (purpose is not null)
        {
            await audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], ct);
        }

        var today = clock.Today();
        var order = SupervisionRules.CurrentOrder(person, today);
        var programmeRequirements = (order?.IsCurrent(today) == true ? order.Requirements : [])
            .Where(r => r.Type == RequirementType.AccreditedProgramme && r.Programme is not null)
            .Select(r => new ProgrammeRequirementView(r.Id, r.Programme!.Value, ProgrammeRules.Describe(r.Programme.Value),
                person.ProgrammeReferrals.Any(x => ProgrammeRules.Counts(x.Status) && x.RequirementId == r.Id)))
            .ToList();
        var rows = person.ProgrammeReferrals.OrderByDescending(r => r.ReferredOn).ThenByDescending(r => r.Id)
            .Select(r => Row(r, person.Crn.Value, person.FullName, person.Version, today)).ToList();
        return new CaseProgrammeView(crn.Value, person.Version, viewer.MayChange(person.TeamId, person.ResponsibleOfficerId), rows, programmeRequirements);
    }

    private IQueryable<ProgrammeReferral> Referrals()
    {
        var viewer = access.Viewer;
        var people = db.People.Where(viewer.InScope()).Where(viewer.MaySeeDetails()).Select(p => p.Id);
        return db.ProgrammeReferrals.AsNoTracking().Where(r => people.Contains(r.PersonId));
    }

    private async Task<List<ReferralRow>> ToRowsAsync(IQueryable<ProgrammeReferral> q, CancellationToken ct)
    {
        var today = clock.Today();
        var rows = await q.Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r, p.Crn, p.FirstName, p.LastName, p.Version }).ToListAsync(ct);
        return rows.Select(x => Row(x.r, x.Crn.Value, x.FirstName + " " + x.LastName, x.Version, today)).ToList();
    }

    private static ReferralRow Row(ProgrammeReferral r, string crn, string name, int version, DateOnly today)
    {
        var wait = WaitingFigures.Of(r.ReferredOn, r.StartedOn, today);
        return new ReferralRow(r.Id, crn, name, version, r.Programme, r.Status, r.ReferredOn, r.StatusChangedOn, r.PreferredTime, r.Reason, r.GroupId,
            r.StartedOn, r.EndedOn, wait.Days, wait.OverAim && (r.StartedOn is not null || ProgrammeRules.IsWaiting(r.Status)), r.ReferredBy, r.Notes);
    }

    private async Task<List<GroupRow>> GroupRowsAsync(IQueryable<ProgrammeGroup> q, DateOnly today, CancellationToken ct)
    {
        var groups = await q.Select(g => new
        {
            g.Id,
            g.Programme,
            g.SiteId,
            Site = g.Site!.Name,
            g.Time,
            g.StartDate,
            g.Capacity,
            Taken = g.Members.Count(m => m.Status == ReferralStatus.OnProgramme || m.Status == ReferralStatus.Completed || m.Status == ReferralStatus.NotCompleted),
            Facilitators = g.Facilitators.Select(f => f.StaffMember!.FirstName + " " + f.StaffMember.LastName).ToList(),
            Sessions = g.Sessions.Count,
            Next = g.Sessions.Where(s => s.On >= today).OrderBy(s => s.On).Select(s => (DateOnly?)s.On).FirstOrDefault(),
            g.Version,
        }).ToListAsync(ct);
        return groups.Select(g => new GroupRow(g.Id, g.Programme, g.SiteId, g.Site, g.Time, g.StartDate, g.Capacity, g.Taken, g.Facilitators, g.Sessions, g.Next, g.Version)).ToList();
    }

    private Task AuditAsync(IEnumerable<ReferralRow> rows, string purpose, CancellationToken ct) =>
        audit.RecordReadAsync(AuditAction.Consulted, purpose, rows.Select(r => Crn.Parse(r.Crn)).Distinct().ToList(), ct);
}
