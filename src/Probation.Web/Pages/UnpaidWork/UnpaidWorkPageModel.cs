using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.UnpaidWork;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>The unpaid work pages: provider staff only; a refused change re-renders the page with the refusal in the error summary.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public abstract class UnpaidWorkPageModel : PageModel
{
    /// <summary>Set after a successful change: the banner says what was saved.</summary>
    [TempData]
    public string? Saved { get; set; }

    /// <summary>On success back to <paramref name="then"/> (this page) with a banner; otherwise the refusal in the error summary.</summary>
    protected IActionResult Done(Outcome<Saved> outcome, string saved, string fieldPrefix, string? then = null) =>
        this.Show(outcome.Result, () =>
        {
            Saved = saved;
            return Redirect(then ?? Request.Path);
        }, fieldPrefix);

    public string ErrorClass(string key, string modifier) => GovUk.ModelStateKeys.FirstError(ModelState, key) is null ? "" : " " + modifier;

    public static string Id(string key) => GovUk.ModelStateKeys.InputId(key);

    /// <summary>Numbers here may be typed negative, so that a negative penalty or travel time is refused in words.</summary>
    protected static int? Number(string? s) => FormInput.Number(s, signed: true);

    /// <summary>Flags from the ticked boxes; unknown values are ignored (the boxes only offer known ones).</summary>
    protected static TFlags Flags<TFlags>(IEnumerable<string>? values)
        where TFlags : struct, Enum =>
        (TFlags)Enum.ToObject(typeof(TFlags), (values ?? []).Select(Choice<TFlags>).OfType<TFlags>().Aggregate(0L, (all, v) => all | Convert.ToInt64(v, CultureInfo.InvariantCulture)));

    /// <summary>A time on the 24-hour clock, or null with the GOV.UK error under <paramref name="key"/>.</summary>
    protected TimeOnly? Time(string? text, string key, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                ModelState.AddModelError(key, $"Enter the {what}");
            }

            return null;
        }

        if (FormInput.Time(text) is { } t)
        {
            return t;
        }

        ModelState.AddModelError(key, $"Enter the {what} as hours and minutes on the 24-hour clock, for example 09:30");
        return null;
    }

    /// <summary>Whole minutes (blank is 0), or null with the error under <paramref name="key"/>.</summary>
    protected int? Minutes(string? text, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        if (Number(text) is { } n)
        {
            return n;
        }

        ModelState.AddModelError(key, $"Enter the {what} as a whole number of minutes");
        return null;
    }

    public static string Days(WorkDays days) =>
        days == WorkDays.None ? "None" : string.Join(", ", Enum.GetValues<WorkDays>().Where(d => d != WorkDays.None && days.HasFlag(d)));

    public static string Equipment(EquipmentItem items) =>
        items == EquipmentItem.None ? "None recorded" : string.Join(", ", Enum.GetValues<EquipmentItem>().Where(d => d != EquipmentItem.None && items.HasFlag(d)).Select(UnpaidWorkRules.Describe));
}

/// <summary>The sub-navigation of the unpaid work pages.</summary>
public sealed record UnpaidWorkNav(string Current);
