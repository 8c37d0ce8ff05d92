using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Programmes;

/// <summary>A group: its members, sessions and attendance; add a session, and fill places from the waiting list.</summary>
public sealed class GroupModel(ProgrammeQueries queries, ManageGroups groups, ManageReferral referrals) : ProgrammePageModel
{
    public GroupView View { get; private set; } = null!;

    [BindProperty]
    public SessionInput Session { get; set; } = new();

    [BindProperty]
    public JoinInput Join { get; set; } = new();

    public sealed class SessionInput
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
    }

    public sealed class JoinInput
    {
        /// <summary>The referral and the version of the person's case, as "id:version".</summary>
        public string? ReferralId { get; set; }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var view = await queries.GroupAsync(id, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var next = View.Sessions.Count == 0 ? View.Group.StartDate : View.Sessions[^1].On.AddDays(7);
        var (starts, ends) = View.Group.Time == Domain.Programmes.GroupTime.Evening ? ("18:00", "20:30") : ("09:30", "12:00");
        Session = new SessionInput { Version = View.Group.Version, On = DateParts.From(next), StartsAt = starts, EndsAt = ends };
        return Page();
    }

    public async Task<IActionResult> OnPostSessionAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var on = Session.On.Parse("the session", ModelState, "Session.On");
        var starts = Time(Session.StartsAt);
        var ends = Time(Session.EndsAt);
        if (starts is null)
        {
            ModelState.AddModelError("Session.StartsAt", "Enter the start time, like 09:30");
        }

        if (ends is null)
        {
            ModelState.AddModelError("Session.EndsAt", "Enter the end time, like 12:00");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await groups.AddSessionAsync(new SessionCommand(id, Session.Version, on, starts, ends), ct);
        return Done(outcome, $"The session on {on:d MMMM yyyy} is added.", "Session.");
    }

    public async Task<IActionResult> OnPostJoinAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Session = new SessionInput { Version = View.Group.Version };
        var parts = Join.ReferralId?.Split(':');
        var referralId = parts is { Length: 2 } ? Number(parts[0]) : null;
        var version = parts is { Length: 2 } ? Number(parts[1]) : null;
        if (referralId is null || version is null)
        {
            ModelState.AddModelError("Join.ReferralId", "Choose the person to join the group");
            return Page();
        }

        var outcome = await referrals.JoinAsync(new JoinGroupCommand(referralId.Value, version.Value, id), ct);
        if (outcome.Result is Domain.Common.Refused refused)
        {
            // Every refusal here is about the person chosen (not group ready, group full): it belongs to the one field.
            ModelState.AddModelError("Join.ReferralId", refused.Reason);
            return Page();
        }

        return Done(outcome, "The person has joined the group.", "Join.");
    }
}
