using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Domain.Access;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Programmes;
using Probation.Domain.Supervision;

namespace Probation.Application.Programmes;

/// <summary>
/// Who works on programmes: programme tutors, and the managers of the service-wide interventions team,
/// manage referrals, groups and attendance; team managers and senior leaders may read the figures too.
/// Case access lists still apply to every person shown.
/// </summary>
public sealed class ProgrammeAccess(ProbationDbContext db, IRequestContext request)
{
    public Viewer Viewer => request.Viewer;

    public async Task<bool> MayManageAsync(CancellationToken ct)
    {
        var v = request.Viewer;
        if (v.IsInRole(Identity.Roles.ProgrammeTutor))
        {
            return v.ProviderId is not null;
        }

        return v.IsInRole(Identity.Roles.TeamManager) && v.TeamId is { } team
            && await db.Teams.AnyAsync(t => t.Id == team && t.Kind == TeamKind.Interventions, ct);
    }

    public async Task<bool> MayReadAsync(CancellationToken ct) =>
        request.Viewer.ProviderId is not null
        && (request.Viewer.IsInRole(Identity.Roles.TeamManager) || request.Viewer.IsInRole(Identity.Roles.SeniorLeader) || await MayManageAsync(ct));

    public const string NotProgrammeStaff = "Only programme tutors and the interventions manager can manage programme referrals, groups and attendance.";
}

public sealed record ReferToProgrammeCommand(string Crn, int ExpectedVersion, int? RequirementId, DateOnly? On, GroupTime? PreferredTime, string? Notes);

/// <summary>The responsible officer (or their team) refers a person to the accredited programme their order requires.</summary>
public sealed class ReferToProgramme(CaseChange change)
{
    public async Task<Outcome<Saved>> RunAsync(ReferToProgrammeCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        var on = c.On ?? today;
        var requirement = person.Orders.SelectMany(o => o.Requirements).SingleOrDefault(r => r.Id == c.RequirementId);
        if (c.PreferredTime is { } t && !Enum.IsDefined(t))
        {
            return CaseChange.Fail(Outcome.Refuse("Select day or evening", nameof(c.PreferredTime)));
        }

        if (ProgrammeRules.Refer(person, person.ProgrammeReferrals, requirement, on, today, c.Notes) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        var referral = new ProgrammeReferral
        {
            RequirementId = requirement!.Id,
            Programme = requirement.Programme!.Value,
            PreferredTime = c.PreferredTime,
            ReferredOn = on,
            ReferredBy = change.Viewer.UserName,
            Notes = string.IsNullOrWhiteSpace(c.Notes) ? null : c.Notes.Trim(),
            Status = ReferralStatus.Submitted,
            StatusChangedOn = on,
        };
        person.ProgrammeReferrals.Add(referral);
        return await change.SaveAsync(person, "Programme referral made: " + ProgrammeRules.Describe(referral.Programme), () => referral.Id, ct);
    }
}

public sealed record MoveReferralCommand(int ReferralId, int ExpectedVersion, ReferralStatus Status, DateOnly? On, string? Reason);

public sealed record JoinGroupCommand(int ReferralId, int ExpectedVersion, int GroupId);

public sealed record AttendanceCommand(int GroupId, int SessionId, int ReferralId, int ExpectedVersion, ContactOutcome? Outcome, string? Notes, AbsenceDecision? Decision, string? DecisionReason);

/// <summary>
/// The programme team's changes to a referral: assessment, the waiting list, joining a group, attendance
/// and the ending. Each is a change to the person's case record, so it holds the case version, is audited,
/// and attendance writes a programme-session contact that feeds the officer's enforcement alerts.
/// </summary>
public sealed class ManageReferral(CaseChange change, ProgrammeAccess access)
{
    public async Task<Outcome<Saved>> MoveAsync(MoveReferralCommand c, CancellationToken ct)
    {
        var (person, referral, refusal) = await OpenAsync(c.ReferralId, c.ExpectedVersion, c.Status == ReferralStatus.Withdrawn, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        var on = c.On ?? today;
        if (ProgrammeRules.Move(referral!, c.Status, on, c.Reason, today) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        ProgrammeRules.Apply(referral!, c.Status, on, c.Reason);
        return await change.SaveAsync(person, $"Programme referral {ProgrammeRules.Describe(c.Status).ToLowerInvariant()}", () => referral!.Id, ct);
    }

    public async Task<Outcome<Saved>> JoinAsync(JoinGroupCommand c, CancellationToken ct)
    {
        var (person, referral, refusal) = await OpenAsync(c.ReferralId, c.ExpectedVersion, false, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var group = await change.Db.ProgrammeGroups.Include(g => g.Sessions).Include(g => g.Members)
            .SingleOrDefaultAsync(g => g.Id == c.GroupId && g.ProviderId == person.ProviderId, ct);
        if (group is null)
        {
            return CaseChange.Fail(Outcome.Refuse("Choose one of the programme groups", nameof(c.GroupId)));
        }

        var today = change.Today;
        if (ProgrammeRules.Join(referral!, group, today) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        ProgrammeRules.ApplyJoin(referral!, group, today);

        // The group's version moves too, so two people cannot take its last place at once.
        group.Version++;
        return await change.SaveAsync(person, "Programme group joined: " + ProgrammeRules.Describe(group.Programme), () => referral!.Id, ct);
    }

    public async Task<Outcome<Saved>> AttendanceAsync(AttendanceCommand c, CancellationToken ct)
    {
        var (person, referral, refusal) = await OpenAsync(c.ReferralId, c.ExpectedVersion, false, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var group = await change.Db.ProgrammeGroups.AsNoTracking().Include(g => g.Sessions)
            .SingleOrDefaultAsync(g => g.Id == c.GroupId && g.ProviderId == person.ProviderId, ct);
        var session = group?.Sessions.SingleOrDefault(s => s.Id == c.SessionId);
        if (group is null || session is null)
        {
            return CaseChange.Fail(Outcome.Missing("session"));
        }

        var today = change.Today;
        var bad = ProgrammeRules.Attendance(referral!, group, session, c.Outcome, c.Decision, c.DecisionReason, today)
            ?? SupervisionRules.Text(c.Notes, Contact.TextMaxLength, nameof(c.Notes), "the notes", false);
        if (bad is not null)
        {
            return CaseChange.Fail(bad);
        }

        var contact = new Contact
        {
            On = session.On,
            StartsAt = session.StartsAt,
            EndsAt = session.EndsAt,
            Kind = ContactKind.ProgrammeSession,
            SiteId = group.SiteId,
            RequirementId = referral!.RequirementId,
            Outcome = c.Outcome,
            Notes = string.IsNullOrWhiteSpace(c.Notes) ? null : c.Notes.Trim(),
            Decision = c.Decision,
            DecisionReason = c.Decision is null ? null : c.DecisionReason!.Trim(),
            DecidedOn = c.Decision is null ? null : today,
            RecordedBy = change.Viewer.UserName,
        };
        person.Contacts.Add(contact);
        referral.Attendance.Add(new ProgrammeAttendance { SessionId = session.Id, Contact = contact });

        // As when the officer records it: an unacceptable failure that reaches the order's threshold is a significant event.
        var what = "Programme session attendance recorded";
        if (SupervisionRules.ThresholdEvent(person, contact, change.Viewer.UserName) is { } reached)
        {
            person.SignificantEvents.Add(reached);
            what += "; enforcement threshold reached";
        }

        return await change.SaveAsync(person, what, () => referral.Id, ct);
    }

    /// <summary>Loads the referral's case with what the rules read, if the user may see it and manage programmes (or, to withdraw, change the case).</summary>
    private async Task<(PersonOnProbation? Person, ProgrammeReferral? Referral, Outcome? Refusal)> OpenAsync(int referralId, int expectedVersion, bool officerMay, CancellationToken ct)
    {
        var viewer = change.Viewer;
        var personId = await change.Db.ProgrammeReferrals.AsNoTracking().Where(r => r.Id == referralId).Select(r => (int?)r.PersonId).SingleOrDefaultAsync(ct);
        var person = personId is null ? null : await change.Db.People.AsSplitQuery()
            .Where(viewer.InScope())
            .Include(p => p.AccessList)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Contacts)
            .Include(p => p.SignificantEvents)
            .Include(p => p.ProgrammeReferrals).ThenInclude(r => r.Attendance)
            .SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return (null, null, Outcome.Missing("referral"));
        }

        if (!await access.MayManageAsync(ct) && !(officerMay && viewer.MayChange(person.TeamId, person.ResponsibleOfficerId)))
        {
            return (null, null, Outcome.Refuse(ProgrammeAccess.NotProgrammeStaff));
        }

        change.Db.Entry(person).Property(p => p.Version).OriginalValue = expectedVersion;
        return (person, person.ProgrammeReferrals.Single(r => r.Id == referralId), null);
    }
}

public sealed record GroupCommand(AccreditedProgramme? Programme, int? SiteId, GroupTime? Time, DateOnly? StartDate, int? Capacity, IReadOnlyList<int> FacilitatorIds);

public sealed record SessionCommand(int GroupId, int ExpectedVersion, DateOnly? On, TimeOnly? StartsAt, TimeOnly? EndsAt);

/// <summary>Programme groups: set one up at a district centre with its facilitators, and schedule its sessions.</summary>
public sealed class ManageGroups(ProbationDbContext db, ProgrammeAccess access, TimeProvider clock)
{
    public async Task<Outcome<Saved>> CreateAsync(GroupCommand c, CancellationToken ct)
    {
        if (!await access.MayManageAsync(ct))
        {
            return CaseChange.Fail(Outcome.Refuse(ProgrammeAccess.NotProgrammeStaff));
        }

        var providerId = access.Viewer.ProviderId!.Value;
        if (c.Programme is null)
        {
            return CaseChange.Fail(Outcome.Refuse("Select the programme", nameof(c.Programme)));
        }

        if (c.StartDate is null)
        {
            return CaseChange.Fail(Outcome.Refuse("Enter the start date", nameof(c.StartDate)));
        }

        if (c.Capacity is null)
        {
            return CaseChange.Fail(Outcome.Refuse("Enter the number of places", nameof(c.Capacity)));
        }

        var site = c.SiteId is { } siteId ? await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId && s.ProviderId == providerId, ct) : null;
        var ids = c.FacilitatorIds ?? [];
        var staff = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id) && s.ProviderId == providerId).ToListAsync(ct);
        var facilitators = ids.Select(id => staff.SingleOrDefault(s => s.Id == id)).ToList();
        if (ProgrammeRules.Group(c.Programme.Value, site, c.Time ?? (GroupTime)(-1), c.StartDate.Value, c.Capacity.Value, facilitators, clock.Today()) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        var group = new ProgrammeGroup
        {
            ProviderId = providerId,
            Programme = c.Programme.Value,
            SiteId = site!.Id,
            Time = c.Time!.Value,
            StartDate = c.StartDate.Value,
            Capacity = c.Capacity.Value,
            CreatedBy = access.Viewer.UserName,
            Facilitators = ids.Select(id => new ProgrammeFacilitator { StaffMemberId = id }).ToList(),
            Version = 1,
        };
        db.ProgrammeGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return new Outcome<Saved>(Outcome.Ok(), new Saved(group.Id, group.Version));
    }

    public async Task<Outcome<Saved>> AddSessionAsync(SessionCommand c, CancellationToken ct)
    {
        if (!await access.MayManageAsync(ct))
        {
            return CaseChange.Fail(Outcome.Refuse(ProgrammeAccess.NotProgrammeStaff));
        }

        var providerId = access.Viewer.ProviderId!.Value;
        var group = await db.ProgrammeGroups.Include(g => g.Sessions).SingleOrDefaultAsync(g => g.Id == c.GroupId && g.ProviderId == providerId, ct);
        if (group is null)
        {
            return CaseChange.Fail(Outcome.Missing("group"));
        }

        if (c.On is null)
        {
            return CaseChange.Fail(Outcome.Refuse("Enter the date of the session", nameof(c.On)));
        }

        if (c.StartsAt is null || c.EndsAt is null)
        {
            return CaseChange.Fail(Outcome.Refuse("Enter the start and end time of the session", c.StartsAt is null ? nameof(c.StartsAt) : nameof(c.EndsAt)));
        }

        db.Entry(group).Property(g => g.Version).OriginalValue = c.ExpectedVersion;
        if (ProgrammeRules.Session(group, c.On.Value, c.StartsAt.Value, c.EndsAt.Value) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        var session = new ProgrammeSession { On = c.On.Value, StartsAt = c.StartsAt.Value, EndsAt = c.EndsAt.Value };
        group.Sessions.Add(session);
        group.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CaseChange.Fail(Outcome.Stale("Someone else changed this group after you opened it. Reload the group, then make your change again."));
        }

        return new Outcome<Saved>(Outcome.Ok(), new Saved(session.Id, group.Version));
    }
}
