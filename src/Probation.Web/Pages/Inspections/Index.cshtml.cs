using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Inspections;

namespace Probation.Web.Pages.Inspections;

/// <summary>The inspections the user may read: an inspector's own, or the provider's published ones.</summary>
public sealed class IndexModel(InspectionQueries queries, InspectionAccess access) : PageModel
{
    public IReadOnlyList<InspectionRow> Inspections { get; private set; } = [];

    public bool IsInspector { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsInspector = access.IsInspector;
        Inspections = await queries.ListAsync(ct);
    }
}
