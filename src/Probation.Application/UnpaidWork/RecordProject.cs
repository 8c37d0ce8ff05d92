using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

public sealed record ProjectCommand(
    string? Name, ProjectType? Type, string? Beneficiary, int? SiteId, PlacementKind? Placement, bool WomenOnly, int? Capacity,
    ProjectRisks Risks, string? RiskNotes, bool WeekendAvailable, Qualification? Award, IReadOnlyList<int> SupervisorIds);

/// <summary>A project's details as they are to be from now on, with the day it is retired from (null: in use).</summary>
public sealed record ProjectUpdateCommand(int ProjectId, int ExpectedVersion, ProjectCommand Details, DateOnly? RetiredOn);

/// <summary>
/// Unpaid work projects: the type of work, who benefits, where, how it is placed, who supervises and what it rules out;
/// changed later with the project's version, and retired from a day so that no new sessions are scheduled on it.
/// </summary>
public sealed class RecordProject(UnpaidWorkChange change)
{
    /// <summary>The most people one supervisor team takes on a project at once.</summary>
    public const int MaxCapacity = 30;

    public async Task<Outcome<Saved>> CreateAsync(ProjectCommand c, CancellationToken ct)
    {
        if (!await change.IsUnpaidWorkStaffAsync(ct))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse(UnpaidWorkChange.NotStaff));
        }

        if (await ValidateAsync(c, null, ct) is { } bad)
        {
            return UnpaidWorkChange.Fail(bad);
        }

        var project = new UnpaidWorkProject
        {
            ProviderId = change.Viewer.ProviderId!.Value,
            Name = c.Name!.Trim(),
            Beneficiary = c.Beneficiary!.Trim(),
        };
        Apply(project, c);
        change.Db.UnpaidWorkProjects.Add(project);
        return await change.SaveAsync("Unpaid work project added", [], () => new Saved(project.Id, project.Version), ct);
    }

    /// <summary>
    /// Changes a project's details and its retirement. Sessions still to come keep their bookings valid: places are
    /// not cut below those booked on any of them (their own places are lowered to the project's), and the project cannot
    /// become women-only, a mixed group or involve what a booked person's assessment rules out while they are booked.
    /// </summary>
    public async Task<Outcome<Saved>> UpdateAsync(ProjectUpdateCommand u, CancellationToken ct)
    {
        if (!await change.IsUnpaidWorkStaffAsync(ct))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse(UnpaidWorkChange.NotStaff));
        }

        var db = change.Db;
        var providerId = change.Viewer.ProviderId!.Value;
        var project = await db.UnpaidWorkProjects.Include(p => p.Supervisors).SingleOrDefaultAsync(p => p.Id == u.ProjectId && p.ProviderId == providerId, ct);
        if (project is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Missing("project"));
        }

        var c = u.Details;
        if (await ValidateAsync(c, project.Id, ct) is { } bad)
        {
            return UnpaidWorkChange.Fail(bad);
        }

        var today = change.Today;
        if (u.RetiredOn is { } retired && retired != project.RetiredOn && (retired < today.AddDays(-365) || retired > today.AddDays(365)))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Retire the project from a day no more than a year back or ahead", nameof(u.RetiredOn)));
        }

        // The sessions still to come, with who is booked on them, as the booking rules read them.
        var toCome = await db.UnpaidWorkSessions.Include(s => s.Bookings)
            .Where(s => s.ProjectId == project.Id && s.On >= today && s.AttendanceRecordedOn == null)
            .ToListAsync(ct);
        var booked = toCome.SelectMany(s => s.Bookings).Select(b => b.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => booked.Contains(p.Id)).Select(p => new { p.Id, p.Crn, p.Gender }).ToDictionaryAsync(p => p.Id, ct);
        var assessments = await db.UnpaidWorkAssessments.AsNoTracking().Where(a => booked.Contains(a.PersonId))
            .Select(a => new { a.PersonId, a.CompletedOn, a.Id, a.RuledOut }).ToListAsync(ct);
        var ruledOut = assessments.GroupBy(a => a.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.CompletedOn).ThenByDescending(a => a.Id).First().RuledOut);
        var before = new ProjectFacts(project.Capacity, project.Placement, project.WomenOnly, project.Risks);
        var after = new ProjectFacts(c.Capacity!.Value, c.Placement!.Value, c.WomenOnly, c.Risks);
        var sessions = toCome.Select(s => new SessionBookings(s.On, s.StartsAt, s.EndsAt,
            s.Bookings.Select(b => new BookedPerson(people[b.PersonId].Gender, ruledOut.GetValueOrDefault(b.PersonId))).ToList()));
        if (UnpaidWorkRules.ProjectChange(before, after, sessions) is { } refused)
        {
            db.ChangeTracker.Clear();
            return UnpaidWorkChange.Fail(refused);
        }

        var changes = Changes(project, c, u.RetiredOn, await SiteNamesAsync(project.SiteId, c.SiteId, ct));
        if (changes.Count == 0)
        {
            db.ChangeTracker.Clear();
            return new Outcome<Saved>(project.Version == u.ExpectedVersion ? Outcome.Ok() : Outcome.Stale(UnpaidWorkChange.StaleMessage), new Saved(project.Id, project.Version));
        }

        Apply(project, c);
        project.RetiredOn = u.RetiredOn;

        // Sessions still to come offer no more places than the project now has, and their bookings copy its placement and award.
        var followed = new HashSet<int>();
        foreach (var s in toCome)
        {
            var sessionChanged = false;
            if (s.Capacity > project.Capacity)
            {
                s.Capacity = project.Capacity;
                sessionChanged = true;
            }

            foreach (var b in s.Bookings.Where(b => b.Placement != project.Placement || b.Award != project.Award))
            {
                b.Placement = project.Placement;
                b.Award = project.Award;
                followed.Add(b.PersonId);
                sessionChanged = true;
            }

            if (sessionChanged)
            {
                s.Version++;
            }
        }

        db.Entry(project).Property(p => p.Version).OriginalValue = u.ExpectedVersion;
        project.Version = u.ExpectedVersion + 1;
        var what = $"Unpaid work project changed ({project.Name}): {string.Join("; ", changes)}";
        return await change.SaveAsync(what, followed.Select(id => people[id].Crn), () => new Saved(project.Id, project.Version), ct);
    }

    private async Task<Refused?> ValidateAsync(ProjectCommand c, int? projectId, CancellationToken ct)
    {
        var providerId = change.Viewer.ProviderId!.Value;
        var bad = SupervisionRules.Text(c.Name, UnpaidWorkProject.NameMaxLength, nameof(c.Name), "the project's name", true)
            ?? (c.Type is not { } type || !Enum.IsDefined(type) ? new Refused("Select the type of work", nameof(c.Type)) : null)
            ?? SupervisionRules.Text(c.Beneficiary, UnpaidWorkProject.NameMaxLength, nameof(c.Beneficiary), "who benefits from the work", true)
            ?? (c.Placement is not { } placement || !Enum.IsDefined(placement) ? new Refused("Select group, individual or education, training and employment", nameof(c.Placement)) : null)
            ?? (c.Capacity is not { } capacity || capacity < 1 || capacity > MaxCapacity ? new Refused($"Enter the number of places, from 1 to {MaxCapacity}", nameof(c.Capacity)) : null)
            ?? ((c.Risks & ~RecordUnpaidWorkAssessment.AllRisks) != 0 ? new Refused("Select the risks from the list", nameof(c.Risks)) : null)
            ?? SupervisionRules.Text(c.RiskNotes, UnpaidWorkProject.TextMaxLength, nameof(c.RiskNotes), "the risk notes", false)
            ?? (c.Award is { } award && !Enum.IsDefined(award) ? new Refused("Select the award from the list", nameof(c.Award)) : null);
        if (bad is not null)
        {
            return bad;
        }

        var db = change.Db;
        if (c.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.ProviderId == providerId && s.Kind == SiteKind.UnpaidWorkProject, ct))
        {
            return new Refused("Choose one of the provider's unpaid work project sites", nameof(c.SiteId));
        }

        var ids = c.SupervisorIds.Distinct().ToList();
        var found = await db.Staff.CountAsync(s => ids.Contains(s.Id) && s.ProviderId == providerId && s.Grade == StaffGrade.UnpaidWorkSupervisor && s.Active, ct);
        if (found != ids.Count)
        {
            return new Refused("Choose supervisors from the provider's unpaid work supervisors", nameof(c.SupervisorIds));
        }

        var name = c.Name!.Trim();
        if (await db.UnpaidWorkProjects.AnyAsync(p => p.ProviderId == providerId && p.Name == name && p.Id != projectId, ct))
        {
            return new Refused("A project with this name already exists", nameof(c.Name));
        }

        return null;
    }

    private static void Apply(UnpaidWorkProject project, ProjectCommand c)
    {
        project.Name = c.Name!.Trim();
        project.Type = c.Type!.Value;
        project.Beneficiary = c.Beneficiary!.Trim();
        project.SiteId = c.SiteId;
        project.Placement = c.Placement!.Value;
        project.WomenOnly = c.WomenOnly;
        project.Capacity = c.Capacity!.Value;
        project.Risks = c.Risks;
        project.RiskNotes = string.IsNullOrWhiteSpace(c.RiskNotes) ? null : c.RiskNotes.Trim();
        project.WeekendAvailable = c.WeekendAvailable;
        project.Award = c.Award;
        var ids = c.SupervisorIds.Distinct().ToList();
        project.Supervisors.RemoveAll(s => !ids.Contains(s.StaffMemberId));
        project.Supervisors.AddRange(ids.Where(id => !project.Supervisors.Any(s => s.StaffMemberId == id)).Select(id => new UnpaidWorkProjectSupervisor { StaffMemberId = id }));
    }

    private async Task<Dictionary<int, string>> SiteNamesAsync(int? before, int? after, CancellationToken ct)
    {
        var ids = new[] { before, after }.OfType<int>().Distinct().ToList();
        return await change.Db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
    }

    /// <summary>What a change to a project changes, in words, for the audit log. Free-text notes are not quoted.</summary>
    private static List<string> Changes(UnpaidWorkProject p, ProjectCommand c, DateOnly? retiredOn, IReadOnlyDictionary<int, string> sites)
    {
        string Site(int? id) => id is { } i && sites.TryGetValue(i, out var n) ? n : "no fixed site";
        static string YesNo(bool b) => b ? "yes" : "no";
        var changes = new List<string>();
        void Add(bool changed, string what)
        {
            if (changed)
            {
                changes.Add(what);
            }
        }

        var name = c.Name!.Trim();
        Add(name != p.Name, $"name {p.Name} to {name}");
        Add(c.Type != p.Type, $"type {UnpaidWorkRules.Describe(p.Type).ToLowerInvariant()} to {UnpaidWorkRules.Describe(c.Type!.Value).ToLowerInvariant()}");
        Add(c.Beneficiary!.Trim() != p.Beneficiary, $"beneficiary {p.Beneficiary} to {c.Beneficiary.Trim()}");
        Add(c.SiteId != p.SiteId, $"site {Site(p.SiteId)} to {Site(c.SiteId)}");
        Add(c.Placement != p.Placement, $"placement {UnpaidWorkRules.Describe(p.Placement).ToLowerInvariant()} to {UnpaidWorkRules.Describe(c.Placement!.Value).ToLowerInvariant()}");
        Add(c.WomenOnly != p.WomenOnly, $"women only {YesNo(p.WomenOnly)} to {YesNo(c.WomenOnly)}");
        Add(c.Capacity != p.Capacity, $"places {p.Capacity} to {c.Capacity}");
        Add(c.Risks != p.Risks, $"what the work involves {UnpaidWorkRules.Describe(p.Risks).ToLowerInvariant()} to {UnpaidWorkRules.Describe(c.Risks).ToLowerInvariant()}");
        Add((string.IsNullOrWhiteSpace(c.RiskNotes) ? null : c.RiskNotes.Trim()) != p.RiskNotes, "risk notes changed");
        Add(c.WeekendAvailable != p.WeekendAvailable, $"weekends {YesNo(p.WeekendAvailable)} to {YesNo(c.WeekendAvailable)}");
        Add(c.Award != p.Award, $"award {(p.Award is { } a ? UnpaidWorkRules.Describe(a) : "none")} to {(c.Award is { } b ? UnpaidWorkRules.Describe(b) : "none")}");
        Add(!c.SupervisorIds.Distinct().Order().SequenceEqual(p.Supervisors.Select(s => s.StaffMemberId).Order()), "supervisors changed");
        Add(retiredOn != p.RetiredOn, retiredOn is { } r ? $"retired from {r:d MMMM yyyy}" : "back in use (no longer retired)");
        return changes;
    }
}
