using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;
using Probation.Domain.Common;
using Probation.Domain.UnpaidWork;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>
/// One session, for its supervisor: the daily briefing and equipment check, the people booked, booking another,
/// and the whole session's attendance entered at once.
/// </summary>
public sealed class SessionModel(UnpaidWorkQueries queries, RecordAttendance attendance, BookPlacement book, ScheduleSession schedule, TimeProvider clock) : UnpaidWorkPageModel
{
    public DateOnly Today => Application.UkClock.Today(clock);

    public SessionView View { get; private set; } = null!;

    [BindProperty]
    public int SessionVersion { get; set; }

    [BindProperty]
    public List<RowInput> Rows { get; set; } = [];

    [BindProperty]
    public BookInput Book { get; set; } = new();

    [BindProperty]
    public BriefInput Brief { get; set; } = new();

    public sealed class RowInput
    {
        public int BookingId { get; set; }
        public string? Outcome { get; set; }
        public string? StartedAt { get; set; }
        public string? FinishedAt { get; set; }
        public string? PenaltyMinutes { get; set; }
        public string? TravelMinutes { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class BookInput
    {
        public string? Crn { get; set; }
    }

    public sealed class BriefInput
    {
        public string? Briefing { get; set; }
        public List<string> Equipment { get; set; } = [];
        public string? EquipmentNotes { get; set; }
    }

    /// <summary>The bookings still waiting for attendance, in the order the form shows them.</summary>
    public IReadOnlyList<BookingView> Waiting => View.Bookings.Where(b => b.Outcome is null && !b.Restricted).ToList();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Rows = Waiting.Select(b => new RowInput { BookingId = b.Id, StartedAt = View.Session.StartsAt.ToString("HH:mm"), FinishedAt = View.Session.EndsAt.ToString("HH:mm") }).ToList();
        Brief = new BriefInput { Briefing = View.Briefing, Equipment = Enum.GetValues<EquipmentItem>().Where(e => e != EquipmentItem.None && View.EquipmentIssued.HasFlag(e)).Select(e => e.ToString()).ToList(), EquipmentNotes = View.EquipmentNotes };
        return Page();
    }

    public async Task<IActionResult> OnPostAttendanceAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var rows = new List<AttendanceRow>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var r = Rows[i];
            var key = $"Rows[{i}].";
            var outcome = Choice<AttendanceOutcome>(r.Outcome);
            if (outcome is null)
            {
                ModelState.AddModelError(key + "Outcome", $"Row {i + 1}: select the outcome");
            }

            var started = Time(r.StartedAt, key + "StartedAt", "start time", false);
            var finished = Time(r.FinishedAt, key + "FinishedAt", "finish time", false);
            var penalty = Minutes(r.PenaltyMinutes, key + "PenaltyMinutes", "penalty");
            var travel = Minutes(r.TravelMinutes, key + "TravelMinutes", "travel time");

            // An absence has no times: the form fills them in for everyone, so they are dropped here.
            var attended = outcome is { } o && UnpaidWorkRules.IsAttended(o);
            rows.Add(new AttendanceRow(r.BookingId, null, outcome, attended ? started : null, attended ? finished : null, attended ? penalty ?? 0 : 0, attended ? travel ?? 0 : 0, r.Reason, null));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await attendance.RunAsync(new AttendanceCommand(id, SessionVersion, rows), ct);
        return Done(result, "Attendance is recorded and the hours credited.", "");
    }

    public async Task<IActionResult> OnPostBookAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        if (string.IsNullOrWhiteSpace(Book.Crn) || !Crn.TryParse(Book.Crn.Trim(), out _))
        {
            ModelState.AddModelError("Book.Crn", "Enter the person's case reference number (CRN), for example X123456");
            return Page();
        }

        var result = await book.RunAsync(new BookingCommand(id, SessionVersion, Book.Crn.Trim()), ct);
        if (result.Result is Refused r)
        {
            // Every refusal is about the person being booked: shown against the CRN box.
            ModelState.AddModelError("Book.Crn", r.Reason);
            return Page();
        }

        return Done(result, "The person is booked on the session.", "Book.");
    }

    public async Task<IActionResult> OnPostBriefingAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var result = await schedule.BriefingAsync(new BriefingCommand(id, SessionVersion, Brief.Briefing, Flags<EquipmentItem>(Brief.Equipment), Brief.EquipmentNotes), ct);
        return Done(result, "The briefing and equipment check are recorded.", "Brief.");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var view = await queries.SessionAsync(id, "Unpaid work session", ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return null;
    }
}
