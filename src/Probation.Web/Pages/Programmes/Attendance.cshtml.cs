using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Domain.Supervision;

namespace Probation.Web.Pages.Programmes;

/// <summary>Record one member's attendance at a session: it becomes a programme-session contact on their record.</summary>
public sealed class AttendanceModel(ProgrammeQueries queries, ManageReferral referrals) : ProgrammePageModel
{
    public GroupView View { get; private set; } = null!;

    public SessionRow Session { get; private set; } = null!;

    public ReferralRow Member { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Outcome { get; set; }
        public string? Decision { get; set; }
        public string? DecisionReason { get; set; }
        public string? Notes { get; set; }
    }

    public static readonly ContactOutcome[] Outcomes = [ContactOutcome.AttendedAndComplied, ContactOutcome.AttendedNotComplied, ContactOutcome.SentHome, ContactOutcome.FailedToAttend];

    private async Task<bool> LoadAsync(int id, int sessionId, int referralId, CancellationToken ct)
    {
        var view = await queries.GroupAsync(id, ct);
        var session = view?.Sessions.SingleOrDefault(s => s.Id == sessionId);
        var member = view?.Members.SingleOrDefault(m => m.Id == referralId);
        if (view is null || session is null || member is null)
        {
            return false;
        }

        (View, Session, Member) = (view, session, member);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, int sessionId, int referralId, CancellationToken ct)
    {
        if (!await LoadAsync(id, sessionId, referralId, ct))
        {
            return NotFound();
        }

        Input.Version = Member.CaseVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int sessionId, int referralId, CancellationToken ct)
    {
        if (!await LoadAsync(id, sessionId, referralId, ct))
        {
            return NotFound();
        }

        var outcome = Choice<ContactOutcome>(Input.Outcome);
        if (outcome is null)
        {
            ModelState.AddModelError("Input.Outcome", "Select whether the person attended");
            return Page();
        }

        var result = await referrals.AttendanceAsync(new AttendanceCommand(id, sessionId, referralId, Input.Version, outcome, Input.Notes, Choice<AbsenceDecision>(Input.Decision), Input.DecisionReason), ct);
        if (result.Result is Domain.Common.Refused { Field: not ("Outcome" or "Decision" or "DecisionReason" or "Notes") } refused)
        {
            ModelState.AddModelError(string.Empty, refused.Reason);
            return Page();
        }

        return Done(result, $"Attendance for {Member.Name} is recorded.", then: $"/programmes/groups/{id}/sessions/{sessionId}");
    }
}
