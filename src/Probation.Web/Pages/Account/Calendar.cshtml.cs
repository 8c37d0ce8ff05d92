using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Calendars;
using Probation.Application.Organisation;
using Probation.Domain.Common;
using Probation.Web.Api;

namespace Probation.Web.Pages.Account;

/// <summary>The user's calendar feed address: make one (shown this once), make a new one, or revoke it.</summary>
public sealed class CalendarModel(CalendarFeeds feeds, OrganisationQueries organisation) : PageModel
{
    public CalendarFeedStatus Status { get; private set; } = new(false, null);

    /// <summary>The addresses just made: shown on this answer only, never again.</summary>
    public string? AppointmentsUrl { get; private set; }

    public IReadOnlyList<(string Name, string Url)> HubUrls { get; private set; } = [];

    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Status = await feeds.StatusAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var made = await feeds.CreateAsync(ct);
        if (made.Value is { } feed)
        {
            var addresses = await CalendarApi.AddressesAsync(Request, feed, organisation, ct);
            AppointmentsUrl = addresses.AppointmentsUrl;
            HubUrls = addresses.Hubs.Select(h => (h.Name, h.Url)).ToList();
        }
        else if (made.Result switch { Refused r => r.Reason, Conflict c => c.Reason, _ => null } is { } reason)
        {
            ModelState.AddModelError(string.Empty, reason);
        }

        Status = await feeds.StatusAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (await feeds.RevokeAsync(ct))
        {
            Saved = "Your calendar feed address was revoked. Calendar apps that read it will find nothing there from now on.";
        }
        else
        {
            ModelState.AddModelError(string.Empty, "You have no calendar feed address to revoke.");
        }

        Status = await feeds.StatusAsync(ct);
        return Page();
    }
}
