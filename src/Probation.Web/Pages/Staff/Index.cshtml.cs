using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application;
using Probation.Application.Organisation;
using Probation.Domain.Organisation;

namespace Probation.Web.Pages.Staff;

public sealed class IndexModel(OrganisationQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<StaffRow> Staff { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var name = Name is { Length: > 60 } ? Name[..60] : Name;
        Staff = await queries.StaffAsync(name, null, null, ModelState.IsValid ? PageNumber : 1, 50, ct);
    }
}

public static class StaffDisplay
{
    public static string Grade(StaffGrade grade) => Probation.Application.Identity.Roles.Describe(grade.ToString());
}
