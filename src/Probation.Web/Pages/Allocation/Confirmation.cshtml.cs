using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Access;

namespace Probation.Web.Pages.Allocation;

/// <summary>
/// Shown once, straight after the user allocated the case. With no allocation of theirs to confirm (a typed address,
/// another case's reference) there is nothing to show, and the answer is "not found".
/// </summary>
public sealed class ConfirmationModel(IRequestContext request) : PageModel
{
    public string Crn { get; private set; } = string.Empty;
    public string Officer { get; private set; } = string.Empty;
    public int? TeamId { get; private set; }

    public IActionResult OnGet(string crn)
    {
        if (!Domain.Common.Crn.TryParse(crn, out var parsed) || TempData["allocated:" + parsed.Value] is not string officer)
        {
            return NotFound();
        }

        Crn = parsed.Value;
        Officer = officer;
        TeamId = request.Viewer.TeamId;
        return Page();
    }
}
