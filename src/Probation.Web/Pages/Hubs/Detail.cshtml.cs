using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;

namespace Probation.Web.Pages.Hubs;

public sealed class DetailModel(OrganisationQueries queries) : PageModel
{
    public HubDetail? Hub { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Hub = await queries.SiteAsync(id, ct);
        return Hub is null ? NotFound() : Page();
    }
}
