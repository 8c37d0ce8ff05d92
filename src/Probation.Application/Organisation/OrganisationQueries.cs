using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Domain.Common;
using Probation.Domain.Organisation;

namespace Probation.Application.Organisation;

public sealed record StaffRow(int Id, string StaffCode, string Name, StaffGrade Grade, string? Team, int? TeamId, double ContractedHours, int Caseload);

public sealed record TrainingView(CompetenceArea Area, string Course, DateOnly CompletedOn, DateOnly? ExpiresOn, bool Current);

public sealed record StaffDetail(
    int Id, string StaffCode, string Name, StaffGrade Grade, Gender Gender, string? Team, int? TeamId, string? Provider,
    double ContractedHours, bool Active, int Caseload, IReadOnlyList<TrainingView> Training);

public sealed record TeamRow(int Id, string Code, string Name, TeamKind Kind, string? LocalAuthority, int StaffCount, int Caseload);

public sealed record TeamDetail(int Id, string Code, string Name, TeamKind Kind, string? LocalAuthority, string Provider, IReadOnlyList<StaffRow> Staff, IReadOnlyList<SiteRow> Sites);

public sealed record SiteRow(int Id, string Code, string Name, SiteKind Kind, string Town, string? Team, bool WomenOnlySessions, bool StepFreeAccess, int InterviewRooms, int SessionsPerWeek);

public sealed record OpeningSessionView(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes, bool WomenOnly);

public sealed record RentalView(DateOnly From, DateOnly? To, string? Landlord, bool Current);

public sealed record HubDetail(
    int Id, string Code, string Name, SiteKind Kind, string Address, string? Team, int? TeamId,
    bool WomenOnlySessions, bool StepFreeAccess, int InterviewRooms,
    IReadOnlyList<OpeningSessionView> Sessions, IReadOnlyList<RentalView> Rentals);

/// <summary>
/// Reads of the organisation: staff, teams and sites. Staff records are work data, not the personal
/// data of people on probation, so they are not audited as case reads. Scoped to the user's provider.
/// </summary>
public sealed class OrganisationQueries(ProbationDbContext db, IRequestContext request, TimeProvider clock)
{
    private int? ProviderScope => request.Viewer.ProviderId;

    private bool SeesEveryProvider => request.Viewer.ProviderId is null;

    public async Task<Paged<StaffRow>> StaffAsync(string? name, int? teamId, StaffGrade? grade, int page, int pageSize, CancellationToken ct)
    {
        var q = db.Staff.AsNoTracking().Where(s => s.Active);
        if (!SeesEveryProvider)
        {
            q = q.Where(s => s.ProviderId == ProviderScope);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var n = name.Trim().ToLowerInvariant();
            q = q.Where(s => s.FirstName.ToLower().Contains(n) || s.LastName.ToLower().Contains(n) || s.StaffCode.ToLower() == n);
        }

        if (teamId is not null)
        {
            q = q.Where(s => s.TeamId == teamId);
        }

        if (grade is not null)
        {
            q = q.Where(s => s.Grade == grade);
        }

        var total = await q.CountAsync(ct);
        page = Paging.Clamp(page, pageSize, out var size);
        var rows = await Rows(InNameOrder(q).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new Paged<StaffRow>(rows, page, size, total);
    }

    /// <summary>Staff by surname, then first name; the key keeps namesakes in one order from page to page.</summary>
    private static IOrderedQueryable<StaffMember> InNameOrder(IQueryable<StaffMember> staff) =>
        staff.OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.Id);

    /// <summary>The rows of a list of staff, in the order given.</summary>
    private IQueryable<StaffRow> Rows(IQueryable<StaffMember> staff) =>
        staff.Select(s => new StaffRow(
                s.Id, s.StaffCode, s.FirstName + " " + s.LastName, s.Grade, s.Team!.Name, s.TeamId, s.ContractedHours,
                db.People.Count(p => p.ResponsibleOfficerId == s.Id)));

    public async Task<StaffDetail?> StaffMemberAsync(int id, CancellationToken ct)
    {
        var today = clock.Today();
        var s = await db.Staff.AsNoTracking()
            .Include(x => x.Team).Include(x => x.Provider).Include(x => x.Training)
            .SingleOrDefaultAsync(x => x.Id == id && (SeesEveryProvider || x.ProviderId == ProviderScope), ct);
        if (s is null)
        {
            return null;
        }

        var caseload = await db.People.CountAsync(p => p.ResponsibleOfficerId == id, ct);
        return new StaffDetail(
            s.Id, s.StaffCode, s.FullName, s.Grade, s.Gender, s.Team?.Name, s.TeamId, s.Provider?.Name, s.ContractedHours, s.Active, caseload,
            s.Training.OrderBy(t => t.Area).ThenByDescending(t => t.CompletedOn)
                .Select(t => new TrainingView(t.Area, t.Course, t.CompletedOn, t.ExpiresOn, t.IsCurrent(today))).ToList());
    }

    public async Task<IReadOnlyList<TeamRow>> TeamsAsync(CancellationToken ct) =>
        await db.Teams.AsNoTracking()
            .Where(t => SeesEveryProvider || t.ProviderId == ProviderScope)
            .OrderBy(t => t.Kind).ThenBy(t => t.Name)
            .Select(t => new TeamRow(
                t.Id, t.Code, t.Name, t.Kind, t.LocalAuthority,
                db.Staff.Count(s => s.TeamId == t.Id && s.Active),
                db.People.Count(p => p.TeamId == t.Id)))
            .ToListAsync(ct);

    public Task<string?> TeamNameAsync(int id, CancellationToken ct) =>
        db.Teams.AsNoTracking().Where(t => t.Id == id && (SeesEveryProvider || t.ProviderId == ProviderScope)).Select(t => t.Name).SingleOrDefaultAsync(ct);

    public async Task<TeamDetail?> TeamAsync(int id, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().Include(t => t.Provider)
            .SingleOrDefaultAsync(t => t.Id == id && (SeesEveryProvider || t.ProviderId == ProviderScope), ct);
        if (team is null)
        {
            return null;
        }

        // The whole team, however large: a team page that silently stopped at a page size would mislead.
        var staff = await Rows(InNameOrder(db.Staff.AsNoTracking().Where(s => s.Active && s.TeamId == id))).ToListAsync(ct);
        var sites = await SitesAsync(null, id, ct);
        return new TeamDetail(team.Id, team.Code, team.Name, team.Kind, team.LocalAuthority, team.Provider!.Name, staff, sites);
    }

    public async Task<IReadOnlyList<SiteRow>> SitesAsync(SiteKind? kind, int? teamId, CancellationToken ct)
    {
        var q = db.Sites.AsNoTracking().Where(s => SeesEveryProvider || s.ProviderId == ProviderScope);
        if (kind is not null)
        {
            q = q.Where(s => s.Kind == kind);
        }

        if (teamId is not null)
        {
            q = q.Where(s => s.TeamId == teamId);
        }

        return await q.OrderBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new SiteRow(
                s.Id, s.Code, s.Name, s.Kind, s.Address.Town, s.Team!.Name, s.WomenOnlySessions, s.StepFreeAccess, s.InterviewRooms,
                s.OpeningSessions.Count))
            .ToListAsync(ct);
    }

    public async Task<HubDetail?> SiteAsync(int id, CancellationToken ct)
    {
        var today = clock.Today();
        var s = await db.Sites.AsNoTracking()
            .Include(x => x.Team).Include(x => x.OpeningSessions).Include(x => x.RentalPeriods)
            .SingleOrDefaultAsync(x => x.Id == id && (SeesEveryProvider || x.ProviderId == ProviderScope), ct);
        if (s is null)
        {
            return null;
        }

        return new HubDetail(
            s.Id, s.Code, s.Name, s.Kind, s.Address.ToString(), s.Team?.Name, s.TeamId, s.WomenOnlySessions, s.StepFreeAccess, s.InterviewRooms,
            s.OpeningSessions.OrderBy(o => ((int)o.Day + 6) % 7).ThenBy(o => o.Opens)
                .Select(o => new OpeningSessionView(o.Day, o.Opens, o.Closes, o.WomenOnly)).ToList(),
            s.RentalPeriods.OrderByDescending(r => r.From).Select(r => new RentalView(r.From, r.To, r.Landlord, r.Covers(today))).ToList());
    }
}
