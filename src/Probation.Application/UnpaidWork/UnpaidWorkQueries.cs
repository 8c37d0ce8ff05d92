using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

public sealed record StaffRef(int Id, string Name);

public sealed record ProjectView(
    int Id, string Name, ProjectType Type, string Beneficiary, int? SiteId, string? Site, PlacementKind Placement, bool WomenOnly, int Capacity,
    ProjectRisks Risks, string? RiskNotes, bool WeekendAvailable, Qualification? Award, IReadOnlyList<StaffRef> Supervisors, DateOnly? RetiredOn, int Version);

public sealed record SessionRow(
    int Id, DateOnly On, TimeOnly StartsAt, TimeOnly EndsAt, int ProjectId, string Project, PlacementKind Placement, bool WomenOnly,
    int SupervisorId, string Supervisor, int Capacity, int Booked, bool AttendanceRecorded, int Version);

/// <summary>A person booked on a session; a case the user may not see shows as restricted, without name or CRN.</summary>
public sealed record BookingView(
    int Id, string? Crn, string Name, bool Restricted, AttendanceOutcome? Outcome, TimeOnly? StartedAt, TimeOnly? FinishedAt,
    int PenaltyMinutes, int TravelMinutes, int CreditedMinutes, string? Reason, string? Notes, int Corrections = 0);

/// <summary>A booking cancelled before the session; a case the user may not see shows as restricted, without name, CRN or details.</summary>
public sealed record CancelledView(string? Crn, string Name, bool Restricted, CancellationReason Reason, string? Details, string CancelledBy, DateTime CancelledAtUtc);

public sealed record SessionView(
    SessionRow Session, string? Briefing, EquipmentItem EquipmentIssued, string? EquipmentNotes, string? BriefingRecordedBy, IReadOnlyList<BookingView> Bookings, bool MayRecord,
    IReadOnlyList<CancelledView> Cancelled);

/// <summary>An earlier correction of an attendance record: the values before it, what changed and why.</summary>
public sealed record CorrectionView(
    DateTime CorrectedAtUtc, string CorrectedBy, AttendanceOutcome PreviousOutcome, TimeOnly? PreviousStartedAt, TimeOnly? PreviousFinishedAt, int PreviousCreditedMinutes, string Changes, string Reason);

/// <summary>One booking on a session, for cancelling it or correcting its attendance, with the corrections made so far.</summary>
public sealed record BookingDetail(SessionRow Session, BookingView Booking, IReadOnlyList<CorrectionView> Corrections, bool MayChange);

public sealed record AssessmentView(
    int Id, DateOnly CompletedOn, string Health, string Skills, WorkDays AvailableDays, string? AvailabilityNotes, string RiskToPublic,
    string RiskToSupervisors, string DiversityNeeds, ProjectRisks RuledOut, string AssessedBy);

public sealed record PersonBookingView(
    int Id, int SessionId, DateOnly On, TimeOnly StartsAt, TimeOnly EndsAt, string Project, AttendanceOutcome? Outcome, int CreditedMinutes, Qualification? Award);

public sealed record AwardView(Qualification Qualification, int HoursTowards, int HoursNeeded, DateOnly? RegisteredOn);

/// <summary>A person's unpaid work: hours ordered, worked and remaining, the deadline, their assessment, sessions and awards.</summary>
public sealed record HoursView(
    string Crn, string Name, int Version, DateOnly Today, int? OrderedHours, HoursProgress? Progress, bool Standalone, string HeldBy,
    AssessmentView? Assessment, IReadOnlyList<PersonBookingView> Bookings, IReadOnlyList<AwardView> Awards, bool MayRecordAssessment, bool IsUnpaidWorkStaff);

public sealed record HoursLookup(HoursView? View, bool Restricted);

public sealed record CapacityView(DateOnly From, int Weeks, int PeopleWithHours, IReadOnlyList<DayCapacity> Days);

/// <summary>Reads unpaid work: projects, the session calendar, a session's bookings, a person's hours, capacity. Reads of people are audited.</summary>
public sealed class UnpaidWorkQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock, UnpaidWorkChange change)
{
    private Viewer Viewer => request.Viewer;

    private int ProviderId => Viewer.IsCaseWorker ? Viewer.ProviderId ?? -1 : -1;

    public Task<bool> IsUnpaidWorkStaffAsync(CancellationToken ct) => change.IsUnpaidWorkStaffAsync(ct);

    /// <summary>The provider's projects; those retired by today only with <paramref name="includeRetired"/> (the pickers leave them out).</summary>
    public async Task<IReadOnlyList<ProjectView>> ProjectsAsync(CancellationToken ct, bool includeRetired = false)
    {
        var providerId = ProviderId;
        var today = clock.Today();
        var projects = await db.UnpaidWorkProjects.AsNoTracking().Where(p => p.ProviderId == providerId && (includeRetired || p.RetiredOn == null || p.RetiredOn > today))
            .Include(p => p.Site).Include(p => p.Supervisors).ThenInclude(s => s.StaffMember)
            .OrderBy(p => p.Name).ToListAsync(ct);
        return projects.Select(View).ToList();
    }

    public async Task<ProjectView?> ProjectAsync(int id, CancellationToken ct)
    {
        var providerId = ProviderId;
        var project = await db.UnpaidWorkProjects.AsNoTracking().Where(p => p.ProviderId == providerId && p.Id == id)
            .Include(p => p.Site).Include(p => p.Supervisors).ThenInclude(s => s.StaffMember)
            .SingleOrDefaultAsync(ct);
        return project is null ? null : View(project);
    }

    private static ProjectView View(UnpaidWorkProject p) => new(
        p.Id, p.Name, p.Type, p.Beneficiary, p.SiteId, p.Site?.Name, p.Placement, p.WomenOnly, p.Capacity, p.Risks, p.RiskNotes, p.WeekendAvailable, p.Award,
        p.Supervisors.Select(s => new StaffRef(s.StaffMemberId, s.StaffMember!.FullName)).OrderBy(s => s.Name).ToList(), p.RetiredOn, p.Version);

    /// <summary>The provider's unpaid work supervisors, for choosing a session's supervisor.</summary>
    public async Task<IReadOnlyList<StaffRef>> SupervisorsAsync(CancellationToken ct)
    {
        var providerId = ProviderId;
        var staff = await db.Staff.AsNoTracking().Where(s => s.ProviderId == providerId && s.Grade == Domain.Organisation.StaffGrade.UnpaidWorkSupervisor && s.Active)
            .Select(s => new { s.Id, s.FirstName, s.LastName }).ToListAsync(ct);
        return staff.Select(s => new StaffRef(s.Id, $"{s.FirstName} {s.LastName}")).OrderBy(s => s.Name).ToList();
    }

    /// <summary>Sessions between two days (the calendar): counts only, no personal data.</summary>
    public async Task<IReadOnlyList<SessionRow>> SessionsAsync(DateOnly from, DateOnly to, int? projectId, CancellationToken ct)
    {
        var providerId = ProviderId;
        var q = db.UnpaidWorkSessions.AsNoTracking().Where(s => s.Project!.ProviderId == providerId && s.On >= from && s.On <= to);
        if (projectId is { } pid)
        {
            q = q.Where(s => s.ProjectId == pid);
        }

        var rows = await q.OrderBy(s => s.On).ThenBy(s => s.StartsAt).ThenBy(s => s.Project!.Name)
            .Select(s => new
            {
                s.Id,
                s.On,
                s.StartsAt,
                s.EndsAt,
                s.ProjectId,
                Project = s.Project!.Name,
                s.Project.Placement,
                s.Project.WomenOnly,
                s.SupervisorId,
                s.Supervisor!.FirstName,
                s.Supervisor.LastName,
                s.Capacity,
                Booked = s.Bookings.Count,
                s.AttendanceRecordedOn,
                s.Version,
            })
            .Take(1000).ToListAsync(ct);
        return rows.Select(s => new SessionRow(
            s.Id, s.On, s.StartsAt, s.EndsAt, s.ProjectId, s.Project, s.Placement, s.WomenOnly, s.SupervisorId, $"{s.FirstName} {s.LastName}", s.Capacity, s.Booked,
            s.AttendanceRecordedOn is not null, s.Version)).ToList();
    }

    /// <summary>One session with the people booked on it; the read is audited against each case shown.</summary>
    public async Task<SessionView?> SessionAsync(int id, string purpose, CancellationToken ct)
    {
        var providerId = ProviderId;
        var s = await db.UnpaidWorkSessions.AsNoTracking().AsSplitQuery().Include(x => x.Project).Include(x => x.Supervisor).Include(x => x.Bookings).ThenInclude(b => b.Corrections)
            .SingleOrDefaultAsync(x => x.Id == id && x.Project!.ProviderId == providerId, ct);
        if (s is null)
        {
            return null;
        }

        var cancelled = await db.Set<UnpaidWorkBookingCancellation>().AsNoTracking().Where(c => c.SessionId == id).OrderBy(c => c.CancelledAtUtc).ToListAsync(ct);
        var visible = await VisibleAsync(s.Bookings.Select(b => b.PersonId).Concat(cancelled.Select(c => c.PersonId)).Distinct().ToList(), ct);
        var bookings = s.Bookings.Select(b => Booking(b, visible))
            .OrderBy(b => b.Restricted).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        var cancellations = cancelled.Select(c => visible.TryGetValue(c.PersonId, out var p)
            ? new CancelledView(p.Crn.Value, p.Name, false, c.Reason, c.Details, c.CancelledBy, c.CancelledAtUtc)
            : new CancelledView(null, "Restricted case", true, c.Reason, null, c.CancelledBy, c.CancelledAtUtc)).ToList();
        await audit.RecordReadAsync(AuditAction.Consulted, purpose, visible.Values.Select(p => p.Crn).ToList(), ct);
        return new SessionView(Row(s), s.Briefing, s.EquipmentIssued, s.EquipmentNotes, s.BriefingRecordedBy, bookings, await change.IsUnpaidWorkStaffAsync(ct), cancellations);
    }

    /// <summary>
    /// One booking on a session with the corrections to its attendance, for cancelling or correcting it; null when there
    /// is no such booking or the user may not see the person's case. The read is audited against the case.
    /// </summary>
    public async Task<BookingDetail?> BookingAsync(int sessionId, int bookingId, string purpose, CancellationToken ct)
    {
        var providerId = ProviderId;
        var s = await db.UnpaidWorkSessions.AsNoTracking().Include(x => x.Project).Include(x => x.Supervisor).Include(x => x.Bookings)
            .SingleOrDefaultAsync(x => x.Id == sessionId && x.Project!.ProviderId == providerId, ct);
        var b = s?.Bookings.SingleOrDefault(x => x.Id == bookingId);
        if (s is null || b is null)
        {
            return null;
        }

        var visible = await VisibleAsync([b.PersonId], ct);
        if (!visible.TryGetValue(b.PersonId, out var person))
        {
            return null;
        }

        var corrections = await db.Set<UnpaidWorkAttendanceCorrection>().AsNoTracking().Where(c => c.BookingId == bookingId).OrderByDescending(c => c.CorrectedAtUtc).ThenByDescending(c => c.Id)
            .Select(c => new CorrectionView(c.CorrectedAtUtc, c.CorrectedBy, c.PreviousOutcome, c.PreviousStartedAt, c.PreviousFinishedAt, c.PreviousCreditedMinutes, c.Changes, c.Reason))
            .ToListAsync(ct);
        await audit.RecordReadAsync(AuditAction.Consulted, purpose, [person.Crn], ct);
        return new BookingDetail(Row(s), Booking(b, visible) with { Corrections = corrections.Count }, corrections, await change.IsUnpaidWorkStaffAsync(ct));
    }

    private sealed record Visible(Crn Crn, string Name);

    /// <summary>The people among <paramref name="ids"/> the user may see: in scope and not kept out by an access list.</summary>
    private async Task<Dictionary<int, Visible>> VisibleAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var viewer = Viewer;
        var people = await db.People.AsNoTracking().Where(viewer.InScope()).Where(p => ids.Contains(p.Id)).Include(p => p.AccessList)
            .Select(p => new { p.Id, p.Crn, p.FirstName, p.LastName, p.AccessList }).ToListAsync(ct);
        return people.Where(p => CaseAccessRules.Decide(p.AccessList, viewer.StaffMemberId).Allowed).ToDictionary(p => p.Id, p => new Visible(p.Crn, $"{p.FirstName} {p.LastName}"));
    }

    private static BookingView Booking(UnpaidWorkBooking b, IReadOnlyDictionary<int, Visible> visible) => visible.TryGetValue(b.PersonId, out var p)
        ? new BookingView(b.Id, p.Crn.Value, p.Name, false, b.Outcome, b.StartedAt, b.FinishedAt, b.PenaltyMinutes, b.TravelMinutes, b.CreditedMinutes, b.Reason, b.Notes, b.Corrections.Count)
        : new BookingView(b.Id, null, "Restricted case", true, b.Outcome, null, null, 0, 0, 0, null, null);

    private static SessionRow Row(UnpaidWorkSession s) => new(
        s.Id, s.On, s.StartsAt, s.EndsAt, s.ProjectId, s.Project!.Name, s.Project.Placement, s.Project.WomenOnly, s.SupervisorId, s.Supervisor!.FullName,
        s.Capacity, s.Bookings.Count, s.AttendanceRecordedOn is not null, s.Version);

    /// <summary>
    /// A person's hours; every read is audited, unless <paramref name="partOf"/> says the page showing them has audited
    /// its own read of the case already (the case page: one row per page view). Restricted when the access list keeps the user out.
    /// </summary>
    public async Task<HoursLookup> HoursAsync(string crnText, string purpose, CancellationToken ct, bool partOf = false)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return new HoursLookup(null, false);
        }

        var viewer = Viewer;
        var person = await ForHours(db.People.AsNoTracking().Where(viewer.InScope())).SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null)
        {
            return new HoursLookup(null, false);
        }

        if (!CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return new HoursLookup(null, true);
        }

        if (!partOf)
        {
            await audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], ct);
        }

        return new HoursLookup(await HoursViewAsync(person, crn, viewer, ct), false);
    }

    /// <summary>What a person's hours are read with.</summary>
    internal static IQueryable<PersonOnProbation> ForHours(IQueryable<PersonOnProbation> q) =>
        q.AsSplitQuery()
            .Include(p => p.AccessList).Include(p => p.Orders).ThenInclude(o => o.Requirements).Include(p => p.ResponsibleOfficer).Include(p => p.Team)
            .Include(p => p.UnpaidWorkBookings).ThenInclude(b => b.Session).ThenInclude(s => s!.Project);

    /// <summary>
    /// A person's hours loaded with <see cref="ForHours"/>, as <paramref name="viewer"/> sees them. The caller has
    /// decided the viewer may see the case and has audited the read.
    /// </summary>
    internal async Task<HoursView> HoursViewAsync(PersonOnProbation person, Crn crn, Viewer viewer, CancellationToken ct)
    {
        var today = clock.Today();
        var (order, requirement) = UnpaidWorkChange.Requirement(person, today);
        var bookings = requirement is null ? [] : person.UnpaidWorkBookings.Where(b => b.RequirementId == requirement.Id).ToList();
        var progress = requirement is null ? null : UnpaidWorkRules.Progress(requirement.UnpaidWorkHours!.Value, order!.StartDate, today, bookings.Select(b => b.ToRecord()));
        var assessment = await db.UnpaidWorkAssessments.AsNoTracking().Where(a => a.PersonId == person.Id).OrderByDescending(a => a.CompletedOn).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var registered = await db.UnpaidWorkAwards.AsNoTracking().Where(a => a.PersonId == person.Id).ToListAsync(ct);
        var towards = UnpaidWorkRules.HoursTowardsAwards(person.UnpaidWorkBookings.Select(b => b.ToRecord()));
        var awards = towards.Keys.Union(registered.Select(r => r.Qualification)).Order()
            .Select(q => new AwardView(q, towards.TryGetValue(q, out var h) ? h : 0, UnpaidWorkRules.HoursForAward, registered.FirstOrDefault(r => r.Qualification == q)?.RegisteredOn)).ToList();
        var standalone = UnpaidWorkRules.HeldByStandaloneTeam(order);
        var heldBy = standalone
            ? "The standalone unpaid work team (unpaid work is the order's only requirement)"
            : person.ResponsibleOfficer is { } ro ? $"{ro.FullName}, responsible officer ({person.Team?.Name})" : "Not yet allocated";
        var staff = await change.IsUnpaidWorkStaffAsync(ct);
        return new HoursView(
                crn.Value, person.FullName, person.Version, today, requirement?.UnpaidWorkHours, progress, standalone, heldBy,
                assessment is null ? null : new AssessmentView(assessment.Id, assessment.CompletedOn, assessment.Health, assessment.Skills, assessment.AvailableDays, assessment.AvailabilityNotes,
                    assessment.RiskToPublic, assessment.RiskToSupervisors, assessment.DiversityNeeds, assessment.RuledOut, assessment.AssessedBy),
                person.UnpaidWorkBookings.OrderByDescending(b => b.On).ThenByDescending(b => b.StartsAt)
                    .Select(b => new PersonBookingView(b.Id, b.SessionId, b.On, b.StartsAt, b.EndsAt, b.Session!.Project!.Name, b.Outcome, b.CreditedMinutes, b.Award)).ToList(),
                awards,
                staff || viewer.MayChange(person.TeamId, person.ResponsibleOfficerId),
                staff);
    }

    /// <summary>
    /// Places offered against demand on each day of the week over the coming weeks: demand from the days people with
    /// hours left said they can work (their latest unpaid work assessment). Counts only, no personal data.
    /// </summary>
    public async Task<CapacityView> CapacityAsync(int weeks, CancellationToken ct)
    {
        weeks = Math.Clamp(weeks, 1, 26);
        var providerId = ProviderId;
        var today = clock.Today();
        var to = today.AddDays(7 * weeks - 1);
        var sessions = await db.UnpaidWorkSessions.AsNoTracking().Where(s => s.Project!.ProviderId == providerId && s.On >= today && s.On <= to)
            .Select(s => new { s.On, s.Capacity }).ToListAsync(ct);

        var requirements = await (
                from r in db.Requirements.AsNoTracking()
                join o in db.Orders on r.OrderId equals o.Id
                join p in db.People on o.PersonId equals p.Id
                where p.ProviderId == providerId && r.Type == RequirementType.UnpaidWork && r.UnpaidWorkHours > 0
                    && o.StartDate <= today && o.EndDate >= today && o.TerminatedOn == null
                select new { r.Id, PersonId = p.Id, Ordered = r.UnpaidWorkHours!.Value * 60 })
            .ToListAsync(ct);
        var credited = await db.UnpaidWorkBookings.AsNoTracking()
            .Where(b => b.CreditedMinutes > 0 && db.People.Any(p => p.Id == b.PersonId && p.ProviderId == providerId))
            .GroupBy(b => b.RequirementId).Select(g => new { g.Key, Minutes = g.Sum(b => b.CreditedMinutes) })
            .ToDictionaryAsync(x => x.Key, x => x.Minutes, ct);
        var withHours = requirements.Where(r => r.Ordered > credited.GetValueOrDefault(r.Id)).Select(r => r.PersonId).Distinct().ToList();
        var availability = await db.UnpaidWorkAssessments.AsNoTracking().Where(a => withHours.Contains(a.PersonId))
            .Select(a => new { a.PersonId, a.CompletedOn, a.Id, a.AvailableDays }).ToListAsync(ct);
        var latest = availability.GroupBy(a => a.PersonId).Select(g => g.OrderByDescending(a => a.CompletedOn).ThenByDescending(a => a.Id).First().AvailableDays).ToList();
        return new CapacityView(today, weeks, withHours.Count, UnpaidWorkRules.Capacity(sessions.Select(s => (s.On, s.Capacity)), weeks, latest));
    }
}
