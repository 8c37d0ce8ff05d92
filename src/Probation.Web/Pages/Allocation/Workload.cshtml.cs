using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Allocation;
using Probation.Application.Organisation;

namespace Probation.Web.Pages.Allocation;

public sealed class WorkloadModel(AllocationQueries allocation, OrganisationQueries organisation) : PageModel
{
    public int TeamId { get; private set; }
    public string TeamName { get; private set; } = string.Empty;
    public IReadOnlyList<OfficerLoad> Officers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var team = await organisation.TeamNameAsync(id, ct);
        var officers = team is null ? null : await allocation.WorkloadAsync(id, ct);
        if (team is null || officers is null)
        {
            return NotFound();
        }

        (TeamId, TeamName, Officers) = (id, team, officers);
        return Page();
    }
}
