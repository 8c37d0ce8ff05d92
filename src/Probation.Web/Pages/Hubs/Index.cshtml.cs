using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Organisation;
using Probation.Domain.Organisation;

namespace Probation.Web.Pages.Hubs;

public sealed class IndexModel(OrganisationQueries queries) : PageModel
{
    public IReadOnlyList<SiteRow> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Sites = await queries.SitesAsync(null, null, ct);
}

public static class SiteDisplay
{
    public static string Kind(SiteKind kind) => kind switch
    {
        SiteKind.DistrictCentre => "District centre",
        SiteKind.CommunityHub => "Community hub",
        SiteKind.Prison => "Prison",
        SiteKind.UnpaidWorkProject => "Unpaid work project",
        _ => kind.ToString(),
    };

    public static string Facilities(bool womenOnly, bool stepFree, int rooms)
    {
        var parts = new List<string>();
        if (womenOnly)
        {
            parts.Add("Women-only sessions");
        }

        if (stepFree)
        {
            parts.Add("Step-free access");
        }

        if (rooms > 0)
        {
            parts.Add(rooms == 1 ? "1 interview room" : $"{rooms} interview rooms");
        }

        return parts.Count == 0 ? "None recorded" : string.Join(", ", parts);
    }
}
