using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>
/// The supervision pages of a case (assessment, checks, plan, contacts, enforcement, events, reviews,
/// alerts): each loads the case's supervision record first, so a refused change re-renders the page
/// with the record as it stands and nothing else is written.
/// </summary>
public abstract class SupervisionPageModel(SupervisionQueries queries) : PageModel
{
    public SupervisionView View { get; private set; } = null!;

    public string CaseUrl => $"/cases/{View.Crn.ToLowerInvariant()}";

    /// <summary>Set after a successful change: the banner says what was saved.</summary>
    [TempData]
    public string? Saved { get; set; }

    /// <summary>What the audit log records as the reason for reading the case.</summary>
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

    /// <summary>Shows the outcome: on success back to this page with a banner, otherwise the refusal in the error summary.</summary>
    protected IActionResult Done(Outcome<Saved> outcome, string saved, string? fieldPrefix = "Input.", string? then = null) =>
        this.Show(outcome.Result, () =>
        {
            Saved = saved;
            return Redirect(then ?? Request.Path);
        }, fieldPrefix ?? "Input.");

    /// <summary>The GOV.UK error modifier for a field's input when the field has an error.</summary>
    public string ErrorClass(string key, string modifier) => GovUk.ModelStateKeys.FirstError(ModelState, key) is null ? "" : " " + modifier;

    /// <summary>The ids a field's <c>aria-describedby</c> names: its hint, and its error when it has one; null (no attribute) when neither.</summary>
    public string? DescribedBy(string key, bool hint = true)
    {
        var ids = new[] { hint ? GovUk.ModelStateKeys.InputId(key) + "-hint" : null, GovUk.ModelStateKeys.FirstError(ModelState, key) is null ? null : GovUk.ModelStateKeys.InputId(key) + "-error" }.OfType<string>().ToList();
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    protected static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

}

/// <summary>The three boxes of a GOV.UK date input, bound as <c>Key.Day</c>, <c>Key.Month</c> and <c>Key.Year</c>.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly? d) => d is { } v
        ? new DateParts { Day = v.Day.ToString(CultureInfo.InvariantCulture), Month = v.Month.ToString(CultureInfo.InvariantCulture), Year = v.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>The date, or null with the GOV.UK error message for <paramref name="what"/> (for example "the contact").</summary>
    public DateOnly? Parse(string what, out string? error)
    {
        error = null;
        if (IsEmpty)
        {
            error = $"Enter the date of {what}";
            return null;
        }

        if (!int.TryParse(Day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(Month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            error = $"The date of {what} must include a day, month and year as numbers";
            return null;
        }

        if (y is < 1900 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            error = $"The date of {what} must be a real date";
            return null;
        }

        return new DateOnly(y, m, d);
    }

    /// <summary>Parses into <paramref name="modelState"/>: adds the error under <paramref name="key"/> when the date is not valid.</summary>
    public DateOnly? Parse(string what, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string key, bool required = true)
    {
        if (!required && IsEmpty)
        {
            return null;
        }

        var date = Parse(what, out var error);
        if (error is not null)
        {
            modelState.AddModelError(key, error);
        }

        return date;
    }
}

/// <summary>What the <c>_DateInput</c> partial draws: the key the value binds to and whose errors it shows.</summary>
public sealed record DateField(string Key, string Legend, DateParts Value, string? Hint = null, bool Heading = false);

/// <summary>The sub-navigation of a case's supervision pages.</summary>
public sealed record SupervisionNav(string Crn, string Name, int Alerts, string Current)
{
    public static SupervisionNav Of(SupervisionView v, string current) => new(v.Crn, v.Name, v.Alerts.Count, current);
}
