using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Probation.Application.Allocation;
using Probation.Domain.Allocation;

namespace Probation.Web.Pages.Allocation;

/// <summary>The case's allocation page: the matrix outcome, the ranked candidates, the choice.</summary>
public sealed class AllocateModel(AllocationQueries queries) : PageModel
{
    [BindProperty]
    public AllocationChoice Input { get; set; } = new();

    public CandidateList? Case { get; private set; }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        Case = await queries.CandidatesAsync(crn, ct);
        return Case is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        Case = await queries.CandidatesAsync(crn, ct);
        if (Case is null)
        {
            return NotFound();
        }

        var chosen = Case.Candidates.FirstOrDefault(o => o.StaffId == Input.StaffMemberId);
        if (chosen is null)
        {
            ModelState.AddModelError("Input.StaffMemberId", "Select the officer to allocate the case to");
            return Page();
        }

        var reason = Input.OverrideReason?.Trim();
        if (!chosen.WithinMatrix && !Case.ViewerMayOverride)
        {
            ModelState.AddModelError("Input.StaffMemberId", $"{chosen.Name} is outside the matrix for this case ({chosen.Reason}). Choose another officer, or ask the team manager");
            return Page();
        }

        if (!chosen.WithinMatrix && string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError("Input.OverrideReason", $"Give the reason for allocating to {chosen.Name}, who is outside the matrix for this case");
            return Page();
        }

        if (reason is { Length: > CaseAllocation.OverrideReasonMaxLength })
        {
            ModelState.AddModelError("Input.OverrideReason", $"The reason must be {CaseAllocation.OverrideReasonMaxLength} characters or fewer");
            return Page();
        }

        AllocationChoice.Save(TempData, Case.Crn, new AllocationChoice { StaffMemberId = chosen.StaffId, Version = Case.Version, OverrideReason = chosen.WithinMatrix ? null : reason });
        return Redirect($"/cases/{Case.Crn.ToLowerInvariant()}/allocate/check-answers");
    }
}

/// <summary>The choice carried from the allocation page to "Check your answers" (kept in TempData, never in the address).</summary>
public sealed class AllocationChoice
{
    public int? StaffMemberId { get; set; }
    public int Version { get; set; }
    public string? OverrideReason { get; set; }

    private static string Key(string crn) => "allocation:" + crn;

    public static void Save(ITempDataDictionary temp, string crn, AllocationChoice choice) =>
        temp[Key(crn)] = System.Text.Json.JsonSerializer.Serialize(choice);

    public static AllocationChoice? Peek(ITempDataDictionary temp, string crn) =>
        temp.Peek(Key(crn)) is string json ? System.Text.Json.JsonSerializer.Deserialize<AllocationChoice>(json) : null;

    public static void Clear(ITempDataDictionary temp, string crn) => temp.Remove(Key(crn));
}
