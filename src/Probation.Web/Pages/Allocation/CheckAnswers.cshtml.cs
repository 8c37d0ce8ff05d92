using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Allocation;
using Probation.Domain.Common;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Allocation;

public sealed class CheckAnswersModel(AllocationQueries queries, AllocateCase allocate) : PageModel
{
    public CandidateList? Case { get; private set; }
    public Candidate? Officer { get; private set; }
    public AllocationChoice? Choice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct) => await LoadAsync(crn, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } redirect)
        {
            return redirect;
        }

        var outcome = await allocate.RunAsync(new AllocateCaseCommand(Case!.Crn, Officer!.StaffId, Choice!.Version, Choice.OverrideReason), ct);
        // Check your answers has no fields of its own: every refusal goes to the top of the summary.
        return this.Show(outcome is Refused r ? r with { Field = null } : outcome, () =>
        {
            AllocationChoice.Clear(TempData, Case.Crn);
            TempData["allocated:" + Case.Crn] = Officer.Name;
            return Redirect($"/cases/{Case.Crn.ToLowerInvariant()}/allocate/confirmation");
        });
    }

    private async Task<IActionResult?> LoadAsync(string crn, CancellationToken ct)
    {
        Case = await queries.CandidatesAsync(crn, ct);
        if (Case is null)
        {
            return NotFound();
        }

        Choice = AllocationChoice.Peek(TempData, Case.Crn);
        Officer = Case.Candidates.FirstOrDefault(o => o.StaffId == Choice?.StaffMemberId);
        return Officer is null ? Redirect($"/cases/{Case.Crn.ToLowerInvariant()}/allocate") : null;
    }
}
