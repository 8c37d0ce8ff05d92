using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Access;
using Probation.Domain.Common;

namespace Probation.Web.Pages.Allocation;

public sealed class ConfirmationModel(IRequestContext request) : PageModel
{
    public string Crn { get; private set; } = string.Empty;
    public string? Officer { get; private set; }
    public int? TeamId { get; private set; }

    public void OnGet(string crn)
    {
        Crn = Domain.Common.Crn.TryParse(crn, out var parsed) ? parsed.Value : string.Empty;
        Officer = TempData["allocated:" + Crn] as string;
        TeamId = request.Viewer.TeamId;
    }
}
