using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;

namespace Probation.Web.Pages.Staff;

public sealed class DetailModel(OrganisationQueries queries) : PageModel
{
    public StaffDetail? Member { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Member = await queries.StaffMemberAsync(id, ct);
        return Member is null ? NotFound() : Page();
    }
}
