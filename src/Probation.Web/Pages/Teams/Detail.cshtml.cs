using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;

namespace Probation.Web.Pages.Teams;

public sealed class DetailModel(OrganisationQueries queries) : PageModel
{
    public TeamDetail? Team { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Team = await queries.TeamAsync(id, ct);
        return Team is null ? NotFound() : Page();
    }
}
