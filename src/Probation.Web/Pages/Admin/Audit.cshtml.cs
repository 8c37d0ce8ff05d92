using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application;
using Probation.Application.Audit;

namespace Probation.Web.Pages.Admin;

public sealed class AuditModel(SearchAuditLog search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Crn { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<AuditRow>? Rows { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Crn) && !Domain.Common.Crn.TryParse(Crn, out _))
        {
            ModelState.AddModelError(nameof(Crn), Domain.Common.Crn.FormatDescription);
            return;
        }

        var user = UserName is { Length: > 256 } ? UserName[..256] : UserName;
        Rows = await search.RunAsync(new AuditSearch(Crn, user, null, null, Math.Max(1, PageNumber), 50), ct);
    }
}
