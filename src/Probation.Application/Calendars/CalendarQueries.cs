using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Application.Calendars;

/// <summary>How a calendar read went: the calendar, or why there is none.</summary>
public sealed record CalendarLookup(string? Calendar, bool Restricted = false);

/// <summary>
/// Calendars for calendar apps: an officer's appointments, a hub's opening sessions, one appointment as a file.
/// An appointment names its case by CRN, the kind of contact and the hub, never the person's name or the notes: a
/// calendar leaves the service for whatever the user's calendar app keeps, so each read is audited as a disclosure.
/// </summary>
public sealed class CalendarQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    /// <summary>How far back a feed goes: recent appointments stay in the calendar rather than vanish once past.</summary>
    public const int DaysBack = 90;

    /// <summary>How far ahead: appointments are booked at most a year ahead.</summary>
    public const int DaysAhead = 365;

    private sealed record Appointment(int Id, DateOnly On, TimeOnly? StartsAt, TimeOnly? EndsAt, ContactKind Kind, ContactOutcome? Outcome, Crn Crn, string? Hub, Address? Address);

    /// <summary>
    /// The appointments of the cases the user holds as responsible officer, from <see cref="DaysBack"/> days ago to
    /// <see cref="DaysAhead"/> ahead, leaving out any case the user may not read. <paramref name="caseUrl"/> gives each
    /// event a link to its case.
    /// </summary>
    public async Task<string> AppointmentsAsync(Func<string, string> caseUrl, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var today = clock.Today();
        var staffId = viewer.StaffMemberId ?? -1;
        var people = db.People.AsNoTracking().Where(viewer.InScope()).Where(viewer.MaySeeDetails()).Where(p => p.ResponsibleOfficerId == staffId);
        var earliest = today.AddDays(-DaysBack);
        var latest = today.AddDays(DaysAhead);
        var rows = await (
            from c in db.Contacts.AsNoTracking()
            join p in people on c.PersonId equals p.Id
            where c.On >= earliest && c.On <= latest
            orderby c.On, c.StartsAt, c.Id
            select new Appointment(c.Id, c.On, c.StartsAt, c.EndsAt, c.Kind, c.Outcome, p.Crn, c.Site!.Name, c.Site.Address))
            .ToListAsync(ct);
        await audit.RecordReadAsync(AuditAction.Disclosed, "Calendar feed of the officer's appointments", rows.Select(r => r.Crn).Distinct().ToList(), ct);
        return ICalendar.Write("Probation appointments", clock.GetUtcNow().UtcDateTime, rows.Select(r => Event(r, caseUrl)));
    }

    /// <summary>One appointment of a case as a calendar file, for a user who may read the case.</summary>
    public async Task<CalendarLookup> AppointmentAsync(string crnText, int contactId, Func<string, string> caseUrl, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return new(null);
        }

        var viewer = request.Viewer;
        var person = await db.People.AsNoTracking().Where(viewer.InScope())
            .Where(p => p.Crn == crn).Select(p => new { p.Id, p.AccessList }).SingleOrDefaultAsync(ct);
        if (person is null)
        {
            return new(null);
        }

        if (!CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return new(null, Restricted: true);
        }

        var row = await db.Contacts.AsNoTracking()
            .Where(c => c.Id == contactId && c.PersonId == person.Id)
            .Select(c => new Appointment(c.Id, c.On, c.StartsAt, c.EndsAt, c.Kind, c.Outcome, crn, c.Site!.Name, c.Site.Address))
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return new(null);
        }

        await audit.RecordReadAsync(AuditAction.Disclosed, "Appointment downloaded as a calendar file", [crn], ct);
        return new(ICalendar.Write($"Appointment {crn.Value}", clock.GetUtcNow().UtcDateTime, [Event(row, caseUrl)]));
    }

    /// <summary>
    /// A community hub's opening sessions as weekly events, one for each session in each rental period that has not
    /// ended, from <see cref="DaysBack"/> days ago. Null where the hub is not one of the user's provider's hubs.
    /// </summary>
    public async Task<string?> HubAsync(int hubId, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var hub = await db.Sites.AsNoTracking()
            .Include(s => s.OpeningSessions).Include(s => s.RentalPeriods)
            .SingleOrDefaultAsync(s => s.Id == hubId && s.Kind == SiteKind.CommunityHub, ct);
        if (hub is null || (viewer.ProviderId is { } provider && hub.ProviderId != provider))
        {
            return null;
        }

        var from = clock.Today().AddDays(-DaysBack);
        var events = new List<CalendarEvent>();
        foreach (var rental in hub.RentalPeriods.Where(r => r.To is null || r.To >= from).OrderBy(r => r.From))
        {
            var start = rental.From > from ? rental.From : from;
            foreach (var session in hub.OpeningSessions.OrderBy(s => s.Day).ThenBy(s => s.Opens))
            {
                var first = start.AddDays(((int)session.Day - (int)start.DayOfWeek + 7) % 7);
                if (rental.To is { } end && first > end)
                {
                    continue;
                }

                events.Add(new CalendarEvent(
                    $"hub-{hub.Id}-session-{session.Id}-rental-{rental.Id}@probation",
                    first,
                    session.Opens,
                    session.Closes,
                    $"{hub.Name} open{(session.WomenOnly ? " (women only)" : string.Empty)}",
                    hub.Address.ToString(),
                    $"Opening session of {hub.Name}, {session.Day}s {session.Opens:HH\\:mm} to {session.Closes:HH\\:mm}.",
                    new WeeklyRepeat(rental.To)));
            }
        }

        return ICalendar.Write($"{hub.Name} opening sessions", clock.GetUtcNow().UtcDateTime, events);
    }

    private static CalendarEvent Event(Appointment a, Func<string, string> caseUrl)
    {
        var what = ContactOutcomes.Describe(a.Kind);
        var outcome = a.Outcome is null ? string.Empty : $" Outcome recorded: {ContactOutcomes.Describe(a.Outcome)}.";
        return new CalendarEvent(
            $"contact-{a.Id}@probation",
            a.On,
            a.StartsAt,
            a.EndsAt,
            $"{what}: {a.Crn.Value}",
            a.Hub is null ? null : a.Address is null ? a.Hub : $"{a.Hub}, {a.Address}",
            $"{what} with case {a.Crn.Value}.{outcome} Open the case: {caseUrl(a.Crn.Value)}");
    }
}
