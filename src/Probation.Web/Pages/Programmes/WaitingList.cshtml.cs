using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Domain.Cases;

namespace Probation.Web.Pages.Programmes;

/// <summary>The waiting list: who is waiting, how long since referral, and the figures against the one-month aim (section 1.3).</summary>
public sealed class WaitingListModel(ProgrammeQueries queries) : ProgrammePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Programme { get; set; }

    public WaitingListView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await queries.WaitingListAsync(Choice<AccreditedProgramme>(Programme), ct);
        if (view is null)
        {
            return Forbid();
        }

        View = view;
        return Page();
    }
}
