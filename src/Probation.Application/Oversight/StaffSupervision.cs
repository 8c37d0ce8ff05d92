using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Oversight;

namespace Probation.Application.Oversight;

public sealed record StaffSupervisionCommand(int StaffId, DateOnly? On, IReadOnlyList<string>? Crns, string? Notes);

public sealed record DiscussedCase(string Crn, string? Name, bool AccessRestricted);

public sealed record StaffSupervisionView(int Id, DateOnly On, string Manager, string? Notes, IReadOnlyList<DiscussedCase> Cases);

public sealed record OfficerCase(string Crn, string Name);

public sealed record StaffSupervisionPage(
    int StaffId, string Officer, int? TeamId, string? Team, bool MayRecord, IReadOnlyList<StaffSupervisionView> Sessions, IReadOnlyList<OfficerCase> Caseload);

/// <summary>
/// Staff supervision (the report: managers had too little time to oversee "thinking and recording"): the
/// sessions a manager holds with an officer and the cases they discussed, recorded by the officer's team manager.
/// </summary>
public sealed class StaffSupervision(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public const int MaxCases = 50;

    public async Task<StaffSupervisionPage?> GetAsync(int staffId, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var officer = await Officer(staffId, ct);
        if (officer is null)
        {
            return null;
        }

        var records = await db.StaffSupervisionRecords.AsNoTracking().AsSplitQuery()
            .Include(r => r.Cases).ThenInclude(c => c.Person!).ThenInclude(p => p.AccessList)
            .Where(r => r.StaffMemberId == staffId)
            .OrderByDescending(r => r.On).ThenByDescending(r => r.Id)
            .ToListAsync(ct);
        var managerIds = records.Select(r => r.ManagerStaffId).Distinct().ToList();
        var managers = await db.Staff.AsNoTracking().Where(s => managerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
        var caseload = await db.People.AsNoTracking().Where(viewer.InScope()).Where(viewer.MaySeeDetails())
            .Where(p => p.ResponsibleOfficerId == staffId)
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
            .Select(p => new { p.Crn, p.FirstName, p.LastName })
            .ToListAsync(ct);

        var sessions = records.Select(r => new StaffSupervisionView(
            r.Id, r.On, managers.GetValueOrDefault(r.ManagerStaffId) ?? "A former manager", r.Notes,
            r.Cases.Select(c => c.Person!).OrderBy(p => p.Crn.Value, StringComparer.Ordinal).Select(p =>
                viewer.MayRead(p)
                    ? new DiscussedCase(p.Crn.Value, p.FullName, false)
                    : new DiscussedCase(p.Crn.Value, null, true)).ToList())).ToList();
        var shown = sessions.SelectMany(s => s.Cases).Where(c => !c.AccessRestricted).Select(c => Crn.Parse(c.Crn))
            .Concat(caseload.Select(c => c.Crn)).Distinct().ToList();
        await audit.RecordReadAsync(AuditAction.Consulted, "Staff supervision records", shown, ct);
        return new StaffSupervisionPage(
            officer.Id, officer.FullName, officer.TeamId, officer.Team?.Name, MayRecord(officer), sessions,
            caseload.Select(c => new OfficerCase(c.Crn.Value, c.FirstName + " " + c.LastName)).ToList());
    }

    public async Task<Outcome<int>> RecordAsync(StaffSupervisionCommand c, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var officer = await Officer(c.StaffId, ct);
        if (officer is null)
        {
            return new(Outcome.Missing("officer"), 0);
        }

        if (!MayRecord(officer))
        {
            return new(Outcome.Refuse("Only the officer's team manager can record their supervision."), 0);
        }

        var today = clock.Today();
        if (c.On is not { } on)
        {
            return new(Outcome.Refuse("Enter the date of the supervision", nameof(c.On)), 0);
        }

        if (on > today || on < today.AddYears(-1))
        {
            return new(Outcome.Refuse("The date of the supervision must be today or within the past year", nameof(c.On)), 0);
        }

        if (Domain.Supervision.SupervisionRules.Text(c.Notes, StaffSupervisionRecord.NotesMaxLength, nameof(c.Notes), "the notes", false) is { } notes)
        {
            return new(notes, 0);
        }

        var wanted = (c.Crns ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim().ToUpperInvariant()).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new(Outcome.Refuse("Choose the cases you discussed", nameof(c.Crns)), 0);
        }

        if (wanted.Count > MaxCases)
        {
            return new(Outcome.Refuse($"Record at most {MaxCases} cases for one supervision", nameof(c.Crns)), 0);
        }

        var crns = new List<Crn>();
        foreach (var text in wanted)
        {
            if (!Crn.TryParse(text, out var crn))
            {
                return new(Outcome.Refuse($"'{text}' is not a case reference: {Crn.FormatDescription}", nameof(c.Crns)), 0);
            }

            crns.Add(crn);
        }

        var people = await db.People.Where(viewer.InScope()).Where(viewer.MaySeeDetails())
            .Where(p => crns.Contains(p.Crn) && p.ResponsibleOfficerId == officer.Id)
            .Select(p => new { p.Id, p.Crn })
            .ToListAsync(ct);
        var missing = crns.Except(people.Select(p => p.Crn)).ToList();
        if (missing.Count > 0)
        {
            return new(Outcome.Refuse($"Not on {officer.FullName}'s caseload: {string.Join(", ", missing.Select(m => m.Value))}", nameof(c.Crns)), 0);
        }

        var record = new StaffSupervisionRecord
        {
            StaffMemberId = officer.Id,
            ManagerStaffId = viewer.StaffMemberId!.Value,
            On = on,
            Notes = string.IsNullOrWhiteSpace(c.Notes) ? null : c.Notes.Trim(),
            RecordedBy = viewer.UserName,
            Cases = people.Select(p => new StaffSupervisionCase { PersonId = p.Id }).ToList(),
        };
        db.StaffSupervisionRecords.Add(record);
        audit.Add(AuditAction.Collected, "Case discussed in staff supervision", people.Select(p => p.Crn));
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok(), record.Id);
    }

    private bool MayRecord(StaffMember officer)
    {
        var viewer = request.Viewer;
        return viewer.IsInRole(Identity.Roles.TeamManager) && viewer.StaffMemberId is not null && viewer.TeamId is not null
            && viewer.TeamId == officer.TeamId && viewer.StaffMemberId != officer.Id;
    }

    /// <summary>An officer of the viewer's provider, for an overseer; nobody else sees staff supervision.</summary>
    private async Task<StaffMember?> Officer(int staffId, CancellationToken ct)
    {
        var viewer = request.Viewer;
        return viewer.MayOversee
            ? await db.Staff.AsNoTracking().Include(s => s.Team).SingleOrDefaultAsync(s => s.Id == staffId && s.ProviderId == viewer.ProviderId, ct)
            : null;
    }
}
