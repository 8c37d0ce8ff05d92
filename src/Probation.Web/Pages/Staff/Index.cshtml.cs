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

    public string PageLink(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
        "/staff",
        new Dictionary<string, string?> { ["name"] = Name, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(kv => !string.IsNullOrEmpty(kv.Value)));

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
