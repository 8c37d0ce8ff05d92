using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;
using Probation.Domain.UnpaidWork;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>Confirms cancelling one booking before the session, with the reason; the place is freed.</summary>
public sealed class CancelModel(UnpaidWorkQueries queries, CancelBooking cancel, TimeProvider clock) : UnpaidWorkPageModel
{
    public BookingDetail Detail { get; private set; } = null!;

    public DateOnly Today => Application.UkClock.Today(clock);

    [BindProperty]
    public int SessionVersion { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Details { get; set; }

    /// <summary>Why the booking cannot be cancelled any more, or null while it can.</summary>
    public string? TooLate => UnpaidWorkRules.Cancellation(Detail.Booking.Outcome, Detail.Session.On, Today, CancellationReason.Rebooked, null)?.Reason;

    public async Task<IActionResult> OnGetAsync(int id, int bookingId, CancellationToken ct) => await LoadAsync(id, bookingId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, int bookingId, CancellationToken ct)
    {
        if (await LoadAsync(id, bookingId, ct) is { } missing)
        {
            return missing;
        }

        var reason = Choice<CancellationReason>(Reason);
        if (!string.IsNullOrEmpty(Reason) && reason is null)
        {
            ModelState.AddModelError(nameof(Reason), "Select why the booking is cancelled");
            return Page();
        }

        var result = await cancel.RunAsync(new CancelBookingCommand(id, SessionVersion, bookingId, reason, Details), ct);
        return Done(result, $"The booking for {Detail.Booking.Name} is cancelled and the place is free.", "", $"/unpaid-work/sessions/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, int bookingId, CancellationToken ct)
    {
        if (await queries.BookingAsync(id, bookingId, "Unpaid work booking", ct) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        return null;
    }
}
