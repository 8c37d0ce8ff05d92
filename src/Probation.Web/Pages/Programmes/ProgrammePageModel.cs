using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Supervision;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Programmes;
using Probation.Domain.Supervision;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Programmes;

/// <summary>The programme pages: referrals, the waiting list, groups, sessions and attendance, for programme staff and managers.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public abstract class ProgrammePageModel : PageModel
{
    /// <summary>Set after a successful change: the banner says what was saved.</summary>
    [TempData]
    public string? Saved { get; set; }

    /// <summary>On success back to <paramref name="then"/> (this page by default) with a banner; otherwise the refusal in the error summary.</summary>
    protected IActionResult Done(Outcome<Saved> outcome, string saved, string fieldPrefix = "Input.", string? then = null) =>
        this.Show(outcome.Result, () =>
        {
            Saved = saved;
            return Redirect(then ?? Request.Path);
        }, fieldPrefix);


    public static string Describe(AccreditedProgramme p) => ProgrammeRules.Describe(p);

    public static string Describe(ReferralStatus s) => ProgrammeRules.Describe(s);

    public static string Describe(GroupTime t) => ProgrammeRules.Describe(t);

    public static string Describe(ContactOutcome? o) => ContactOutcomes.Describe(o);

    /// <summary>The GOV.UK tag colour for a status.</summary>
    public static string Colour(ReferralStatus s) => s switch
    {
        ReferralStatus.Completed => "green",
        ReferralStatus.OnProgramme => "blue",
        ReferralStatus.OnWaitingList or ReferralStatus.AssessedSuitable => "turquoise",
        ReferralStatus.NotCompleted or ReferralStatus.NotSuitable => "red",
        ReferralStatus.Withdrawn => "grey",
        _ => "yellow",
    };
}
