using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Resettlement;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Resettlement;

/// <summary>A person's Through the Gate record: custody, the pathways of the plan, activities, handover and the day of release.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class RecordModel(ResettlementQueries queries) : ResettlementPageModel(queries)
{
    protected override string Purpose => "Resettlement record";

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct) =>
        await LoadAsync(crn, ct) ?? Page();
}
