using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>The unpaid work manager's overview: places offered against demand by day of the week, and the weekend shortfall.</summary>
public sealed class IndexModel(UnpaidWorkQueries queries) : UnpaidWorkPageModel
{
    public CapacityView Capacity { get; private set; } = null!;

    public IReadOnlyList<SessionRow> Today { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int Weeks { get; set; } = 4;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Capacity = await queries.CapacityAsync(Weeks, ct);
        Today = await queries.SessionsAsync(Capacity.From, Capacity.From, null, ct);
    }
}
