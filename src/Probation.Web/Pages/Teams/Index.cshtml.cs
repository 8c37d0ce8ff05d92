using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;

namespace Probation.Web.Pages.Teams;

public sealed class IndexModel(OrganisationQueries queries) : PageModel
{
    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Teams = await queries.TeamsAsync(ct);
}
