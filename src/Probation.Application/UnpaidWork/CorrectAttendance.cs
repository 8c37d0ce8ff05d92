using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

/// <summary>The attendance as it should have been recorded, and why the record is corrected.</summary>
public sealed record CorrectionCommand(
    int SessionId, int ExpectedVersion, int BookingId, AttendanceOutcome? Outcome, TimeOnly? StartedAt, TimeOnly? FinishedAt, int PenaltyMinutes, int TravelMinutes,
    string? Reason, string? Notes, string? CorrectionReason);

/// <summary>
/// Corrects one person's attendance record after it was made (a wrong outcome or wrong times): the minutes are credited
/// again by the same rules, capped against the hours remaining without this record's own credit; the contact on the
/// person's record follows, so enforcement reads the corrected outcome. A failure corrected to an acceptable outcome
/// stops counting towards the threshold (and the threshold event it recorded is withdrawn when nothing has acted on it);
/// an acceptable outcome corrected to a failure counts as a new one would. The values before the correction are kept.
/// </summary>
public sealed class CorrectAttendance(UnpaidWorkChange change)
{
    public async Task<Outcome<Saved>> RunAsync(CorrectionCommand c, CancellationToken ct)
    {
        var db = change.Db;
        var (session, refusal) = await change.OpenSessionAsync(c.SessionId, ct);
        if (refusal is not null)
        {
            return UnpaidWorkChange.Fail(refusal);
        }

        var booking = session?.Bookings.SingleOrDefault(b => b.Id == c.BookingId);
        if (session is null || booking is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Missing("booking"));
        }

        var people = await change.PeopleAsync([booking.PersonId], ct);
        if (!people.TryGetValue(booking.PersonId, out var person))
        {
            return UnpaidWorkChange.Fail(Outcome.Missing("booking"));
        }

        if (booking.Outcome is not { } was)
        {
            return Refuse("Attendance for this person is not recorded yet: record it with the session's attendance", nameof(c.Outcome));
        }

        if (SupervisionRules.Text(c.CorrectionReason, UnpaidWorkAttendanceCorrection.TextMaxLength, nameof(c.CorrectionReason), "why the attendance record is being corrected", true) is { } why)
        {
            return Refuse(why.Reason, why.Field);
        }

        if (SupervisionRules.Text(c.Notes, UnpaidWorkBooking.TextMaxLength, nameof(c.Notes), "the notes", false) is { } notes)
        {
            return Refuse(notes.Reason, notes.Field);
        }

        var ordered = person.Orders.SelectMany(o => o.Requirements).Single(r => r.Id == booking.RequirementId).UnpaidWorkHours ?? 0;
        var recorded = booking.Attendance;
        var corrected = new AttendanceInput(c.Outcome, c.StartedAt, c.FinishedAt, c.PenaltyMinutes, c.TravelMinutes, c.Reason);
        var others = person.UnpaidWorkBookings.Where(b => b.RequirementId == booking.RequirementId && b.Id != booking.Id).Select(b => b.ToRecord());
        var (credit, refused) = UnpaidWorkRules.Correction(recorded, corrected, session.StartsAt, session.EndsAt, booking.Placement, ordered, others);
        if (refused is not null)
        {
            return Refuse(refused.Reason, refused.Field);
        }

        var outcome = c.Outcome!.Value;
        var contact = booking.ContactId is { } contactId ? person.Contacts.SingleOrDefault(x => x.Id == contactId) : null;
        if (UnpaidWorkRules.IsEnforceable(was) && !UnpaidWorkRules.IsEnforceable(outcome) && contact is not null)
        {
            // The officer's enforcement answers the failure as it was recorded: they decide what becomes of it first.
            var answered = await db.EnforcementActions.AsNoTracking().Where(e => e.ContactId == contact.Id).OrderBy(e => e.On).FirstOrDefaultAsync(ct);
            if (answered is not null)
            {
                return Refuse(
                    $"Enforcement is recorded against this failure ({RecordEnforcement.Describe(answered.Kind).ToLowerInvariant()}, {answered.On:d MMMM yyyy}): ask the responsible officer to review it before the outcome is corrected to one that is not enforceable",
                    nameof(c.Outcome));
            }
        }

        var changes = UnpaidWorkRules.DescribeCorrection(recorded, booking.CreditedMinutes, corrected, credit!.Minutes);
        booking.Corrections.Add(new UnpaidWorkAttendanceCorrection
        {
            PreviousOutcome = was,
            PreviousStartedAt = booking.StartedAt,
            PreviousFinishedAt = booking.FinishedAt,
            PreviousPenaltyMinutes = booking.PenaltyMinutes,
            PreviousTravelMinutes = booking.TravelMinutes,
            PreviousCreditedMinutes = booking.CreditedMinutes,
            PreviousReason = booking.Reason,
            Changes = changes,
            Reason = c.CorrectionReason!.Trim(),
            CorrectedBy = change.Viewer.UserName,
            CorrectedAtUtc = change.NowUtc,
        });

        var reason = string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason.Trim();
        booking.Outcome = outcome;
        booking.StartedAt = c.StartedAt;
        booking.FinishedAt = c.FinishedAt;
        booking.PenaltyMinutes = c.PenaltyMinutes;
        booking.TravelMinutes = c.TravelMinutes;
        booking.CreditedMinutes = credit.Minutes;
        booking.Reason = reason;
        if (c.Notes is not null)
        {
            booking.Notes = string.IsNullOrWhiteSpace(c.Notes) ? null : c.Notes.Trim();
        }

        // The contact on the person's record follows the corrected outcome, as recording would have written it.
        var (contactOutcome, decision) = UnpaidWorkRules.AsContact(outcome);
        var today = change.Today;
        if (contact is null)
        {
            contact = new Contact
            {
                On = session.On,
                StartsAt = session.StartsAt,
                EndsAt = session.EndsAt,
                Kind = ContactKind.UnpaidWorkSession,
                SiteId = session.Project!.SiteId,
                RequirementId = booking.RequirementId,
                RecordedBy = change.Viewer.UserName,
            };
            person.Contacts.Add(contact);
            booking.Contact = contact;
        }

        var decisionChanged = contact.Decision != decision;
        contact.Outcome = contactOutcome;
        contact.Notes = $"{session.Project!.Name}: {UnpaidWorkRules.Describe(outcome).ToLowerInvariant()}, {UnpaidWorkRules.Hours(credit.Minutes)} credited"
            + (credit.Capped is null ? "" : $" ({credit.Capped})") + $" (corrected {today:d MMM yyyy})";
        contact.Decision = decision;
        contact.DecisionReason = decision is null ? null : reason;
        contact.DecidedOn = decision is null ? null : decisionChanged ? today : contact.DecidedOn ?? today;

        var threshold = "";
        if (decision == AbsenceDecision.Unacceptable)
        {
            if (SupervisionRules.ThresholdEvent(person, contact, change.Viewer.UserName) is { } reached)
            {
                person.SignificantEvents.Add(reached);
                threshold = "; enforcement threshold reached";
            }
        }
        else if (UnpaidWorkRules.IsEnforceable(was))
        {
            threshold = await WithdrawThresholdEventsAsync(person, contact.On, ct) ? "; threshold event withdrawn" : "";
        }

        db.Entry(session).Property(s => s.Version).OriginalValue = c.ExpectedVersion;
        session.Version = c.ExpectedVersion + 1;
        db.Touch(person);
        // The audit summary is short (200 characters): what happened to enforcement comes before the detail of the change.
        var what = $"Unpaid work attendance corrected ({session.Project.Name}, {session.On:d MMM yyyy}){threshold}: {changes}";
        return await change.SaveAsync(what, [person.Crn], () => new Saved(booking.Id, session.Version), ct);

        Outcome<Saved> Refuse(string message, string? field)
        {
            db.ChangeTracker.Clear();
            return UnpaidWorkChange.Fail(Outcome.Refuse(message, field));
        }
    }

    /// <summary>
    /// A threshold event no longer stands when the unacceptable failures in the 12 months up to its day fall below the
    /// order's threshold once a failure on <paramref name="on"/> stops counting. Those it affects (on that day or in the
    /// 12 months after it) are withdrawn, unless a review has followed one or it has been actioned, which keep it as part of the record.
    /// </summary>
    private async Task<bool> WithdrawThresholdEventsAsync(PersonOnProbation person, DateOnly on, CancellationToken ct)
    {
        var failures = person.Contacts.Where(x => x.Decision == AbsenceDecision.Unacceptable).Select(x => x.On).ToList();
        var withdrawn = false;
        foreach (var e in person.SignificantEvents.Where(e => e.Kind == SignificantEventKind.NonComplianceThreshold && e.ActionedOn is null && EnforcementRules.InWindow(on, e.On)).ToList())
        {
            var type = SupervisionRules.CurrentOrder(person, e.On)?.Type ?? OrderType.CommunityOrder;
            if (EnforcementRules.FailuresInWindow(failures, e.On) >= EnforcementRules.Threshold(type) || await change.Db.Reviews.AnyAsync(r => r.TriggeredByEventId == e.Id, ct))
            {
                continue;
            }

            person.SignificantEvents.Remove(e);
            change.Db.SignificantEvents.Remove(e);
            withdrawn = true;
        }

        return withdrawn;
    }
}
