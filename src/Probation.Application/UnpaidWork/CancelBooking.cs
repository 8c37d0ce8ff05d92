using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

public sealed record CancelBookingCommand(int SessionId, int ExpectedVersion, int BookingId, CancellationReason? Reason, string? Details);

/// <summary>
/// Cancels a booking before the person's attendance at the session is recorded, up to the day of the session, freeing
/// the place: for example when the person is rebooked, the order is revoked, or they told the team of an absence in
/// advance. The cancellation is kept with its reason, and the session's version guards its places as booking does.
/// </summary>
public sealed class CancelBooking(UnpaidWorkChange change)
{
    public async Task<Outcome<Saved>> RunAsync(CancelBookingCommand c, CancellationToken ct)
    {
        var db = change.Db;
        var providerId = change.Viewer.ProviderId ?? -1;
        var session = await db.UnpaidWorkSessions.Include(s => s.Project).Include(s => s.Bookings)
            .SingleOrDefaultAsync(s => s.Id == c.SessionId && s.Project!.ProviderId == providerId, ct);
        var booking = session?.Bookings.SingleOrDefault(b => b.Id == c.BookingId);
        if (session is null || booking is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Missing("booking"));
        }

        // Whoever may book the person may cancel the booking: unpaid work staff, or staff who may change the case.
        var crn = await db.People.Where(p => p.Id == booking.PersonId).Select(p => p.Crn).SingleAsync(ct);
        var (person, refusal) = await change.OpenAsync(crn.Value, null, staffOnly: false, ct);
        if (person is null)
        {
            return UnpaidWorkChange.Fail(refusal is NotFound ? Outcome.Missing("booking") : refusal!);
        }

        if (UnpaidWorkRules.Cancellation(booking.Outcome, session.On, change.Today, c.Reason, c.Details) is { } refused)
        {
            db.ChangeTracker.Clear();
            return UnpaidWorkChange.Fail(refused);
        }

        var cancellation = new UnpaidWorkBookingCancellation
        {
            SessionId = session.Id,
            PersonId = person.Id,
            RequirementId = booking.RequirementId,
            On = session.On,
            Reason = c.Reason!.Value,
            Details = string.IsNullOrWhiteSpace(c.Details) ? null : c.Details.Trim(),
            BookedBy = booking.BookedBy,
            CancelledBy = change.Viewer.UserName,
            CancelledAtUtc = change.NowUtc,
        };
        db.Set<UnpaidWorkBookingCancellation>().Add(cancellation);
        db.UnpaidWorkBookings.Remove(booking);
        db.Entry(session).Property(s => s.Version).OriginalValue = c.ExpectedVersion;
        session.Version = c.ExpectedVersion + 1;
        db.Touch(person);
        var what = $"Unpaid work booking cancelled ({session.Project!.Name}, {session.On:d MMM yyyy}): {UnpaidWorkRules.Describe(cancellation.Reason).ToLowerInvariant()}";
        return await change.SaveAsync(what, [person.Crn], () => new Saved(cancellation.Id, session.Version), ct);
    }
}
