using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Domain.Common;

namespace Probation.Web.Infrastructure;

/// <summary>How a page shows a use case's outcome: the way the API maps it to ProblemDetails, but as an error summary.</summary>
public static class PageOutcomes
{
    /// <summary>
    /// Done runs <paramref name="onDone"/>; a refusal goes into the error summary (linked to its field,
    /// named under <paramref name="fieldPrefix"/>); a conflict too, answered 409; anything missing is a 404.
    /// </summary>
    public static IActionResult Show(this PageModel page, Outcome outcome, Func<IActionResult> onDone, string fieldPrefix = "Input.")
    {
        switch (outcome)
        {
            case Done:
                return onDone();
            case Refused r:
                page.ModelState.AddModelError(r.Field is null ? string.Empty : fieldPrefix + r.Field, r.Reason);
                return page.Page();
            case Conflict conflict:
                page.ModelState.AddModelError(string.Empty, conflict.Reason);
                page.Response.StatusCode = StatusCodes.Status409Conflict;
                return page.Page();
            default:
                return page.NotFound();
        }
    }
}
