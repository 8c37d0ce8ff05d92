using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Domain.Programmes;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Programmes;

/// <summary>A case's programme requirements and referrals; the officer refers the person to the programme the order requires.</summary>
public sealed class CaseReferralModel(ProgrammeQueries queries, ReferToProgramme refer, ManageReferral manage) : ProgrammePageModel
{
    public CaseProgrammeView View { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public WithdrawModel Withdraw { get; set; } = new();

    /// <summary>The referrals the officer may still withdraw: any not yet closed.</summary>
    public IEnumerable<ReferralRow> Open => View.Referrals.Where(r => !ProgrammeRules.IsClosed(r.Status));

    public sealed class WithdrawModel
    {
        public string? ReferralId { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? RequirementId { get; set; }
        public DateParts On { get; set; } = new();
        public string? PreferredTime { get; set; }
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await queries.ForCaseAsync(crn, "Programme referrals", ct) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Input = new InputModel { Version = view.Version, RequirementId = view.Requirements.FirstOrDefault(r => !r.Referred)?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await queries.ForCaseAsync(crn, "Programme referrals", ct) is not { } view)
        {
            return NotFound();
        }

        View = view;
        var requirementId = Number(Input.RequirementId);
        if (requirementId is null)
        {
            ModelState.AddModelError("Input.RequirementId", "Choose the programme requirement");
        }

        var on = Input.On.Parse("the referral", ModelState, "Input.On", required: false);
        var time = string.IsNullOrEmpty(Input.PreferredTime) ? null : Choice<GroupTime>(Input.PreferredTime);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await refer.RunAsync(new ReferToProgrammeCommand(crn, Input.Version, requirementId, on, time, Input.Notes), ct);
        return Done(outcome, "The referral is sent to the programmes team.");
    }

    /// <summary>The officer withdraws a referral (the order is revoked, or the programme no longer fits): the reason is required and kept.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(string crn, CancellationToken ct)
    {
        if (await queries.ForCaseAsync(crn, "Programme referrals", ct) is not { } view)
        {
            return NotFound();
        }

        View = view;
        var referral = Number(Withdraw.ReferralId) is { } id ? Open.SingleOrDefault(r => r.Id == id) : null;
        if (referral is null)
        {
            ModelState.AddModelError("Withdraw.ReferralId", "Choose the referral to withdraw");
        }

        if (string.IsNullOrWhiteSpace(Withdraw.Reason))
        {
            ModelState.AddModelError("Withdraw.Reason", "Enter why the referral is withdrawn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await manage.MoveAsync(new MoveReferralCommand(referral!.Id, view.Version, ReferralStatus.Withdrawn, null, Withdraw.Reason), ct);
        return Done(outcome, "The referral is withdrawn.", "Withdraw.");
    }
}
