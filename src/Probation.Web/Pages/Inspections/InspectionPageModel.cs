using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Inspections;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Inspections;

/// <summary>
/// The pages of one inspection: each loads the inspection first (404 when the user may not read it), so a refused
/// change re-renders the page with the inspection as it stands and nothing else is written.
/// </summary>
public abstract class InspectionPageModel(InspectionQueries queries) : PageModel
{
    public InspectionDetail Inspection { get; private set; } = null!;

    public string InspectionUrl => $"/inspections/{Inspection.Id}";

    /// <summary>Set after a successful change: the banner says what was saved.</summary>
    [TempData]
    public string? Saved { get; set; }

    /// <summary>What the audit log records as the reason, when the page lists sampled cases.</summary>
    protected virtual string Purpose => "Inspection";

    protected async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var detail = await queries.DetailAsync(id, Purpose, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Inspection = detail;
        return null;
    }

    /// <summary>On success back to <paramref name="then"/> (this page by default) with a banner; otherwise the refusal in the error summary.</summary>
    protected IActionResult Done(Outcome<InspectionSaved> outcome, string saved, string fieldPrefix, string? then = null) =>
        this.Show(outcome.Result, () =>
        {
            Saved = saved;
            return Redirect(then ?? Request.Path);
        }, fieldPrefix);

    /// <summary>The GOV.UK error modifier for a field's input when the field has an error.</summary>
    public string ErrorClass(string key, string modifier) => GovUk.ModelStateKeys.FirstError(ModelState, key) is null ? "" : " " + modifier;

    /// <summary>The id of a field's error message when it has one, for <c>aria-describedby</c> (null: no attribute).</summary>
    public string? ErrorId(string key, string? also = null)
    {
        var ids = new[] { also, GovUk.ModelStateKeys.FirstError(ModelState, key) is null ? null : GovUk.ModelStateKeys.InputId(key) + "-error" }.OfType<string>().ToList();
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public static string Describe(InspectionStatus s) => InspectionRules.Describe(s);

    public static string Describe(ProviderType t) => InspectionAccess.Describe(t);

    public static string Describe(SampleKind k) => SampleEligibility.Describe(k);

    public static string Describe(Rating r) => Ratings.Describe(r);

    public static string Describe(RecommendationStatus s) => InspectionRules.Describe(s);

    public static string StatusColour(InspectionStatus s) => s switch
    {
        InspectionStatus.Planned => "grey",
        InspectionStatus.Fieldwork => "blue",
        InspectionStatus.Reporting => "purple",
        _ => "green",
    };

    public static string RatingColour(Rating r) => r switch
    {
        Rating.Outstanding => "green",
        Rating.Good => "turquoise",
        Rating.RequiresImprovement => "yellow",
        _ => "red",
    };

    public static string Percent(double p) => p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string Slug(SampleKind k) => k switch
    {
        SampleKind.UnpaidWork => "unpaid-work",
        SampleKind.ThroughTheGate => "through-the-gate",
        _ => "case-supervision",
    };
}

/// <summary>The sub-navigation of an inspection's pages.</summary>
public sealed record InspectionNav(int Id, string Title, string Current);
