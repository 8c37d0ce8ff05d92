using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application;
using Probation.Application.Resettlement;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Resettlement;

/// <summary>The prison caseload: people in custody by expected release date with their resettlement alerts, filtered by prison.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class IndexModel(ResettlementQueries queries) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<PrisonView> Prisons { get; private set; } = [];

    public Paged<CaseloadRow> Caseload { get; private set; } = new([], 1, PageSize, 0);

    public string? Prison { get; private set; }

    public async Task OnGetAsync(string? prison, int? page, CancellationToken ct)
    {
        Prisons = await queries.PrisonsAsync(ct);
        Prison = Prisons.Any(p => p.Code == prison) ? prison : null;
        Caseload = await queries.CaseloadAsync(Prison, page ?? 1, PageSize, "Prison resettlement caseload", ct);
    }

    public string Link(int page) => Prison is null ? $"/resettlement?page={page}" : $"/resettlement?prison={Prison}&page={page}";
}
