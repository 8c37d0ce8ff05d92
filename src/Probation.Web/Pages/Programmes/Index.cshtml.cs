using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Domain.Cases;
using Probation.Domain.Programmes;

namespace Probation.Web.Pages.Programmes;

/// <summary>Programme referrals, latest first, filtered by programme and status.</summary>
public sealed class IndexModel(ProgrammeQueries queries) : ProgrammePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Programme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<ReferralRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var rows = await queries.ReferralsAsync(Choice<AccreditedProgramme>(Programme), Choice<ReferralStatus>(Status), ct);
        if (rows is null)
        {
            return Forbid();
        }

        Rows = rows;
        return Page();
    }
}
