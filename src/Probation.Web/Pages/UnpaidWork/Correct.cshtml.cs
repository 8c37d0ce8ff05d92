using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;
using Probation.Domain.UnpaidWork;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>Corrects one person's attendance record after it was made, with the reason; earlier corrections are listed with the values before each.</summary>
public sealed class CorrectModel(UnpaidWorkQueries queries, CorrectAttendance correct) : UnpaidWorkPageModel
{
    public BookingDetail Detail { get; private set; } = null!;

    [BindProperty]
    public int SessionVersion { get; set; }

    [BindProperty]
    public CorrectionInput Input { get; set; } = new();

    public sealed class CorrectionInput
    {
        public string? Outcome { get; set; }
        public string? StartedAt { get; set; }
        public string? FinishedAt { get; set; }
        public string? PenaltyMinutes { get; set; }
        public string? TravelMinutes { get; set; }
        public string? Reason { get; set; }
        public string? CorrectionReason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int bookingId, CancellationToken ct)
    {
        if (await LoadAsync(id, bookingId, ct) is { } missing)
        {
            return missing;
        }

        var b = Detail.Booking;
        Input = new CorrectionInput
        {
            Outcome = b.Outcome?.ToString(),
            StartedAt = b.StartedAt?.ToString("HH:mm"),
            FinishedAt = b.FinishedAt?.ToString("HH:mm"),
            PenaltyMinutes = b.PenaltyMinutes == 0 ? null : b.PenaltyMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TravelMinutes = b.TravelMinutes == 0 ? null : b.TravelMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Reason = b.Reason,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int bookingId, CancellationToken ct)
    {
        if (await LoadAsync(id, bookingId, ct) is { } missing)
        {
            return missing;
        }

        var outcome = Choice<AttendanceOutcome>(Input.Outcome);
        if (outcome is null)
        {
            ModelState.AddModelError("Input.Outcome", "Select the outcome");
        }

        var started = Time(Input.StartedAt, "Input.StartedAt", "start time", false);
        var finished = Time(Input.FinishedAt, "Input.FinishedAt", "finish time", false);
        var penalty = Minutes(Input.PenaltyMinutes, "Input.PenaltyMinutes", "penalty");
        var travel = Minutes(Input.TravelMinutes, "Input.TravelMinutes", "travel time");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // An absence has no times: as on the session's attendance form, any left in the boxes are dropped.
        var attended = UnpaidWorkRules.IsAttended(outcome!.Value);
        var result = await correct.RunAsync(
            new CorrectionCommand(id, SessionVersion, bookingId, outcome, attended ? started : null, attended ? finished : null, attended ? penalty ?? 0 : 0, attended ? travel ?? 0 : 0,
                Input.Reason, null, Input.CorrectionReason),
            ct);
        return Done(result, $"{Detail.Booking.Name}'s attendance record is corrected and the hours credited again.", "Input.", $"/unpaid-work/sessions/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, int bookingId, CancellationToken ct)
    {
        if (await queries.BookingAsync(id, bookingId, "Unpaid work attendance record", ct) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        return null;
    }
}
