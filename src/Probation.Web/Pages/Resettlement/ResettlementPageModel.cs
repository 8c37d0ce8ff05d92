using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Resettlement;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Resettlement;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Resettlement;

/// <summary>
/// The Through the Gate pages of a person in custody: each loads the resettlement record first, so a
/// refused change re-renders the page with the record as it stands and nothing else is written.
/// </summary>
[Authorize(Policy = Policies.CaseWorker)]
public abstract class ResettlementPageModel(ResettlementQueries queries) : PageModel
{
    public ResettlementView View { get; private set; } = null!;

    public string RecordUrl => $"/resettlement/{View.Crn.ToLowerInvariant()}";

    /// <summary>Set after a successful change: the record page's banner says what was saved.</summary>
    [TempData]
    public string? Saved { get; set; }

    /// <summary>What the audit log records as the reason for reading the record.</summary>
    protected abstract string Purpose { get; }

    protected async Task<IActionResult?> LoadAsync(string crn, CancellationToken ct)
    {
        var lookup = await queries.GetAsync(crn, Purpose, ct);
        if (lookup.View is null)
        {
            return NotFound();
        }

        View = lookup.View;
        return null;
    }

    /// <summary>A form page needs an open custody record, and a resettlement worker to fill it in.</summary>
    protected IActionResult? NeedsOpenRecord() =>
        View.Current is null || !View.MayRecord ? Redirect(RecordUrl) : null;

    /// <summary>On success back to the record with a banner; otherwise the refusal in the error summary.</summary>
    protected IActionResult Done(Outcome<Saved> outcome, string saved) =>
        this.Show(outcome.Result, () =>
        {
            Saved = saved;
            return Redirect(RecordUrl);
        });


    public static string Describe(Pathway p) => ResettlementRules.Describe(p);

    public static string Describe(PathwayStatus s) => ResettlementRules.Describe(s);

    /// <summary>The GOV.UK tag colour of a pathway status.</summary>
    public static string TagColour(PathwayStatus s) => s switch
    {
        PathwayStatus.NotStarted => "grey",
        PathwayStatus.InProgress => "blue",
        PathwayStatus.SupportRequired => "orange",
        PathwayStatus.Done => "green",
        _ => "turquoise",
    };
}
