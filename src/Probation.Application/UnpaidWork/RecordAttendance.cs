using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

/// <summary>One person's attendance: the booking, or the person's CRN where the booking id is not known.</summary>
public sealed record AttendanceRow(int? BookingId, string? Crn, AttendanceOutcome? Outcome, TimeOnly? StartedAt, TimeOnly? FinishedAt, int PenaltyMinutes, int TravelMinutes, string? Reason, string? Notes);

public sealed record AttendanceCommand(int SessionId, int ExpectedVersion, IReadOnlyList<AttendanceRow> Rows);

/// <summary>
/// A supervisor records a whole session's attendance at once, in one transaction: each person's minutes are
/// credited by the rules, a contact goes on their record with its outcome (an enforceable one as an unacceptable
/// failure with the supervisor's reason), and a failure that reaches the order's threshold records the event the
/// responsible officer's review follows. One refused row refuses them all, naming the row and field.
/// </summary>
public sealed class RecordAttendance(UnpaidWorkChange change)
{
    public async Task<Outcome<Saved>> RunAsync(AttendanceCommand c, CancellationToken ct)
    {
        var db = change.Db;
        var (session, refusal) = await change.OpenSessionAsync(c.SessionId, ct);
        if (refusal is not null)
        {
            return UnpaidWorkChange.Fail(refusal);
        }

        if (session is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Missing("session"));
        }

        var today = change.Today;
        if (session.On > today)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Attendance can be recorded on or after the day of the session: it has not happened yet", "Rows"));
        }

        if (c.Rows.Count == 0)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Record the attendance of at least one person booked on the session", "Rows"));
        }

        var people = await change.PeopleAsync(session.Bookings.Select(b => b.PersonId).Distinct().ToList(), ct);
        var seen = new HashSet<int>();
        var contacts = new List<(Domain.Cases.PersonOnProbation Person, Contact Contact)>();
        for (var i = 0; i < c.Rows.Count; i++)
        {
            var row = c.Rows[i];
            var prefix = $"Rows[{i}].";
            var booking = row.BookingId is { } bookingId
                ? session.Bookings.SingleOrDefault(b => b.Id == bookingId)
                : Crn.TryParse(row.Crn ?? "", out var crn) && people.Values.FirstOrDefault(p => p.Crn == crn) is { } named
                    ? session.Bookings.SingleOrDefault(b => b.PersonId == named.Id)
                    : null;
            if (booking is null)
            {
                return Refuse($"Row {i + 1}: the person is not booked on this session", prefix + "BookingId");
            }

            if (!people.TryGetValue(booking.PersonId, out var person))
            {
                return Refuse($"Row {i + 1}: you do not have access to this person's case", prefix + "BookingId");
            }

            var who = $"Row {i + 1} ({person.FullName})";
            if (!seen.Add(booking.Id))
            {
                return Refuse($"{who}: the same person is recorded twice", prefix + "BookingId");
            }

            if (booking.Outcome is not null)
            {
                return Refuse($"{who}: attendance is already recorded", prefix + "Outcome");
            }

            if (SupervisionRules.Text(row.Notes, UnpaidWorkBooking.TextMaxLength, prefix + "Notes", "the notes", false) is { } notes)
            {
                return Refuse($"{who}: {notes.Reason}", notes.Field);
            }

            var ordered = person.Orders.SelectMany(o => o.Requirements).Single(r => r.Id == booking.RequirementId).UnpaidWorkHours ?? 0;
            var earlier = person.UnpaidWorkBookings.Where(b => b.RequirementId == booking.RequirementId && b.Id != booking.Id).ToList();
            var (credit, refused) = UnpaidWorkRules.Attendance(
                new AttendanceInput(row.Outcome, row.StartedAt, row.FinishedAt, row.PenaltyMinutes, row.TravelMinutes, row.Reason),
                session.StartsAt, session.EndsAt, booking.Placement, ordered,
                earlier.Sum(b => b.CreditedMinutes),
                earlier.Where(b => b.Placement == PlacementKind.EducationTrainingEmployment).Sum(b => b.CreditedMinutes),
                prefix);
            if (refused is not null)
            {
                return Refuse($"{who}: {refused.Reason}", refused.Field);
            }

            var outcome = row.Outcome!.Value;
            var reason = string.IsNullOrWhiteSpace(row.Reason) ? null : row.Reason.Trim();
            booking.Outcome = outcome;
            booking.StartedAt = row.StartedAt;
            booking.FinishedAt = row.FinishedAt;
            booking.PenaltyMinutes = row.PenaltyMinutes;
            booking.TravelMinutes = row.TravelMinutes;
            booking.CreditedMinutes = credit!.Minutes;
            booking.Reason = reason;
            booking.Notes = string.IsNullOrWhiteSpace(row.Notes) ? null : row.Notes.Trim();
            booking.RecordedBy = change.Viewer.UserName;

            // Mirror the booking held on the person's record, which the safety net reads.
            var (contactOutcome, decision) = UnpaidWorkRules.AsContact(outcome);
            var contact = new Contact
            {
                On = session.On,
                StartsAt = session.StartsAt,
                EndsAt = session.EndsAt,
                Kind = ContactKind.UnpaidWorkSession,
                SiteId = session.Project!.SiteId,
                RequirementId = booking.RequirementId,
                Outcome = contactOutcome,
                Notes = $"{session.Project.Name}: {UnpaidWorkRules.Describe(outcome).ToLowerInvariant()}, {UnpaidWorkRules.Hours(credit.Minutes)} credited" + (credit.Capped is null ? "" : $" ({credit.Capped})"),
                Decision = decision,
                DecisionReason = decision is null ? null : reason,
                DecidedOn = decision is null ? null : today,
                RecordedBy = change.Viewer.UserName,
            };
            person.Contacts.Add(contact);
            booking.Contact = contact;
            contacts.Add((person, contact));
            db.Touch(person);
        }

        var thresholds = 0;
        foreach (var (person, contact) in contacts)
        {
            if (SupervisionRules.ThresholdEvent(person, contact, change.Viewer.UserName) is { } reached)
            {
                person.SignificantEvents.Add(reached);
                thresholds++;
            }
        }

        db.Entry(session).Property(s => s.Version).OriginalValue = c.ExpectedVersion;
        session.Version = c.ExpectedVersion + 1;
        session.AttendanceRecordedOn ??= today;
        var what = $"Unpaid work attendance recorded ({session.Project!.Name}, {session.On:d MMM yyyy})" + (thresholds > 0 ? "; enforcement threshold reached" : "");
        return await change.SaveAsync(what, contacts.Select(x => x.Person.Crn), () => new Saved(session.Id, session.Version), ct);

        Outcome<Saved> Refuse(string reason, string? field)
        {
            db.ChangeTracker.Clear();
            return UnpaidWorkChange.Fail(Outcome.Refuse(reason, field));
        }
    }
}
