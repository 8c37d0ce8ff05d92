using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

public sealed record BookingCommand(int SessionId, int ExpectedVersion, string Crn);

/// <summary>
/// Books a person onto a session (section 4.1): only once their unpaid work assessment is complete, women on
/// women-only or individual placements, never onto a project their risk rules out, while a place is free and
/// when they have no other appointment at the time. The session's version guards its places.
/// </summary>
public sealed class BookPlacement(UnpaidWorkChange change)
{
    public async Task<Outcome<Saved>> RunAsync(BookingCommand c, CancellationToken ct)
    {
        var db = change.Db;
        var providerId = change.Viewer.ProviderId ?? -1;
        var session = await db.UnpaidWorkSessions.Include(s => s.Project).Include(s => s.Bookings)
            .SingleOrDefaultAsync(s => s.Id == c.SessionId && s.Project!.ProviderId == providerId, ct);
        if (session is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Missing("session"));
        }

        var (person, refusal) = await change.OpenAsync(c.Crn, null, staffOnly: false, ct);
        if (person is null)
        {
            return UnpaidWorkChange.Fail(refusal is NotFound ? Outcome.Refuse("No case has that CRN, or you do not have access to it", "Crn") : refusal!);
        }

        if (session.AttendanceRecordedOn is not null)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Attendance for this session is already recorded", "SessionId"));
        }

        var (order, requirement) = UnpaidWorkChange.Requirement(person, session.On);
        if (order is null || requirement is null || !order.IsCurrent(session.On))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("This person has no unpaid work requirement on an order current on the day of the session", "Crn"));
        }

        if (session.On > UnpaidWorkRules.Deadline(order.StartDate))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse($"The session is after the 12-month deadline for the hours ({UnpaidWorkRules.Deadline(order.StartDate):d MMMM yyyy})", "SessionId"));
        }

        var assessment = await db.UnpaidWorkAssessments.AsNoTracking().Where(a => a.PersonId == person.Id).OrderByDescending(a => a.CompletedOn).FirstOrDefaultAsync(ct);
        var credited = person.UnpaidWorkBookings.Where(b => b.RequirementId == requirement.Id).Sum(b => b.CreditedMinutes);
        var project = session.Project!;
        var others = person.UnpaidWorkBookings.Where(b => b.SessionId != session.Id && b.On == session.On)
            .Select(b => new Appointment(b.On, b.StartsAt, b.EndsAt, "Another unpaid work session"))
            .Concat(person.Contacts.Where(x => x.On == session.On && x.Kind != ContactKind.UnpaidWorkSession && x.Outcome is null or ContactOutcome.AttendedAndComplied)
                .Select(x => new Appointment(x.On, x.StartsAt, x.EndsAt, ContactOutcomes.Describe(x.Kind))));
        var facts = new SessionFacts(session.On, session.StartsAt, session.EndsAt, project.Name, project.Placement, project.WomenOnly, project.Risks, session.Capacity, session.Bookings.Count);
        if (UnpaidWorkRules.Booking(facts, person.Gender, assessment, requirement.UnpaidWorkHours!.Value * 60 - credited, session.Bookings.Any(b => b.PersonId == person.Id), others) is { } refused)
        {
            return UnpaidWorkChange.Fail(refused);
        }

        var booking = new UnpaidWorkBooking
        {
            PersonId = person.Id,
            RequirementId = requirement.Id,
            On = session.On,
            StartsAt = session.StartsAt,
            EndsAt = session.EndsAt,
            Placement = project.Placement,
            Award = project.Award,
            BookedBy = change.Viewer.UserName,
        };
        session.Bookings.Add(booking);
        db.Entry(session).Property(s => s.Version).OriginalValue = c.ExpectedVersion;
        session.Version = c.ExpectedVersion + 1;
        db.Touch(person);
        return await change.SaveAsync($"Booked on an unpaid work session ({project.Name}, {session.On:d MMM yyyy})", [person.Crn], () => new Saved(booking.Id, session.Version), ct);
    }
}
