using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

public sealed record SessionCommand(int ProjectId, DateOnly On, TimeOnly? StartsAt, TimeOnly? EndsAt, int? SupervisorId, int? Capacity);

public sealed record BriefingCommand(int SessionId, int ExpectedVersion, string? Briefing, EquipmentItem Equipment, string? EquipmentNotes);

/// <summary>Work sessions: a day on a project with its times, supervisor and places; and on the day the briefing and equipment issued.</summary>
public sealed class ScheduleSession(UnpaidWorkChange change)
{
    /// <summary>A session is at most a long working day.</summary>
    public const int MaxMinutes = 10 * 60;

    public async Task<Outcome<Saved>> CreateAsync(SessionCommand c, CancellationToken ct)
    {
        if (!await change.IsUnpaidWorkStaffAsync(ct))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse(UnpaidWorkChange.NotStaff));
        }

        var db = change.Db;
        var providerId = change.Viewer.ProviderId!.Value;
        var project = await db.UnpaidWorkProjects.AsNoTracking().Include(p => p.Supervisors).SingleOrDefaultAsync(p => p.Id == c.ProjectId && p.ProviderId == providerId, ct);
        if (project is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Choose one of the provider's projects", nameof(c.ProjectId)));
        }

        var today = change.Today;
        if (c.On > today.AddDays(365) || c.On < today.AddDays(-365))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Sessions are scheduled up to a year ahead, or recorded up to a year back", nameof(c.On)));
        }

        if (project.IsRetiredOn(c.On))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse($"{project.Name} is retired from {project.RetiredOn:d MMMM yyyy}: no sessions can be scheduled on it from that day", nameof(c.On)));
        }

        if (UnpaidWorkRules.IsWeekend(c.On) && !project.WeekendAvailable)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse($"{project.Name} does not run at weekends", nameof(c.On)));
        }

        if (c.StartsAt is not { } starts)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Enter the start time", nameof(c.StartsAt)));
        }

        if (c.EndsAt is not { } ends || ends <= starts)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("The session must end after it starts", nameof(c.EndsAt)));
        }

        if ((ends - starts).TotalMinutes > MaxMinutes)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse($"A session is at most {MaxMinutes / 60} hours", nameof(c.EndsAt)));
        }

        if (c.Capacity is not { } capacity || capacity < 1 || capacity > project.Capacity)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse($"Enter the places on the session, from 1 to the project's {project.Capacity}", nameof(c.Capacity)));
        }

        var supervisor = c.SupervisorId is { } sid
            ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid && s.ProviderId == providerId && s.Grade == StaffGrade.UnpaidWorkSupervisor && s.Active, ct)
            : null;
        if (supervisor is null || (project.Supervisors.Count > 0 && !project.Supervisors.Any(s => s.StaffMemberId == supervisor.Id)))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Choose one of the project's supervisors", nameof(c.SupervisorId)));
        }

        var busy = await db.UnpaidWorkSessions.AnyAsync(s => s.SupervisorId == supervisor.Id && s.On == c.On && s.StartsAt < ends && starts < s.EndsAt, ct);
        if (busy)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse($"{supervisor.FullName} already supervises another session at that time", nameof(c.SupervisorId)));
        }

        var session = new UnpaidWorkSession { ProjectId = project.Id, On = c.On, StartsAt = starts, EndsAt = ends, SupervisorId = supervisor.Id, Capacity = capacity };
        db.UnpaidWorkSessions.Add(session);
        return await change.SaveAsync("Unpaid work session scheduled", [], () => new Saved(session.Id, session.Version), ct);
    }

    public async Task<Outcome<Saved>> BriefingAsync(BriefingCommand c, CancellationToken ct)
    {
        if (!await change.IsUnpaidWorkStaffAsync(ct))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse(UnpaidWorkChange.NotStaff));
        }

        var db = change.Db;
        var providerId = change.Viewer.ProviderId!.Value;
        var session = await db.UnpaidWorkSessions.Include(s => s.Project).SingleOrDefaultAsync(s => s.Id == c.SessionId && s.Project!.ProviderId == providerId, ct);
        if (session is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Missing("session"));
        }

        if (session.On > change.Today)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("The briefing is recorded on the day of the session, not before", nameof(c.Briefing)));
        }

        var bad = SupervisionRules.Text(c.Briefing, UnpaidWorkSession.TextMaxLength, nameof(c.Briefing), "what the daily briefing covered", true)
            ?? SupervisionRules.Text(c.EquipmentNotes, UnpaidWorkSession.TextMaxLength, nameof(c.EquipmentNotes), "the equipment notes", false)
            ?? ((c.Equipment & ~AllEquipment) != 0 ? new Refused("Select the equipment from the list", nameof(c.Equipment)) : null);
        if (bad is not null)
        {
            return UnpaidWorkChange.Fail(bad);
        }

        db.Entry(session).Property(s => s.Version).OriginalValue = c.ExpectedVersion;
        session.Version = c.ExpectedVersion + 1;
        session.Briefing = c.Briefing!.Trim();
        session.EquipmentIssued = c.Equipment;
        session.EquipmentNotes = string.IsNullOrWhiteSpace(c.EquipmentNotes) ? null : c.EquipmentNotes.Trim();
        session.BriefingRecordedBy = change.Viewer.UserName;
        return await change.SaveAsync("Unpaid work session briefing and equipment recorded", [], () => new Saved(session.Id, session.Version), ct);
    }

    public static readonly EquipmentItem AllEquipment = Enum.GetValues<EquipmentItem>().Aggregate(EquipmentItem.None, (all, e) => all | e);
}
