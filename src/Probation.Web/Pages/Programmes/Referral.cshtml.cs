using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Domain.Programmes;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Programmes;

/// <summary>One referral: where it stands, and moving it on (assessment, group ready, waiting list, completion, withdrawal).</summary>
public sealed class ReferralModel(ProgrammeQueries queries, ProgrammeAccess access, ManageReferral manage) : ProgrammePageModel
{
    public ReferralRow Row { get; private set; } = null!;

    public bool MayManage { get; private set; }

    /// <summary>The statuses the referral may move to from here (joining a group is done from the group's page).</summary>
    public IReadOnlyList<ReferralStatus> Next { get; private set; } = [];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Status { get; set; }
        public DateParts On { get; set; } = new();
        public string? Reason { get; set; }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var row = await queries.ReferralAsync(id, ct);
        if (row is null)
        {
            return false;
        }

        Row = row;
        MayManage = await access.MayManageAsync(ct);
        Next = ProgrammeRules.Transitions[row.Status].Where(s => s != ReferralStatus.OnProgramme).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new InputModel { Version = Row.CaseVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var status = Choice<ReferralStatus>(Input.Status);
        if (status is null)
        {
            ModelState.AddModelError("Input.Status", "Select what happens next");
        }

        var on = Input.On.Parse("the change", ModelState, "Input.On", required: false);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await manage.MoveAsync(new MoveReferralCommand(id, Input.Version, status!.Value, on, Input.Reason), ct);
        return Done(outcome, $"The referral is now {Describe(status.Value).ToLowerInvariant()}.");
    }
}
