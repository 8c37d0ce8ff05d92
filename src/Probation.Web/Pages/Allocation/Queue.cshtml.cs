using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Allocation;
using Probation.Application.Organisation;

namespace Probation.Web.Pages.Allocation;

public sealed class QueueModel(AllocationQueries allocation, OrganisationQueries organisation) : PageModel
{
    public int TeamId { get; private set; }
    public string TeamName { get; private set; } = string.Empty;
    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var team = await organisation.TeamNameAsync(id, ct);
        var rows = team is null ? null : await allocation.QueueAsync(id, ct);
        if (team is null || rows is null)
        {
            return NotFound();
        }

        (TeamId, TeamName, Rows) = (id, team, rows);
        return Page();
    }
}
