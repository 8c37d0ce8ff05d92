using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Oversight;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Staff;

/// <summary>An officer's staff supervision sessions, and the form their team manager records one with.</summary>
public sealed class SupervisionModel(StaffSupervision supervision) : PageModel
{
    public StaffSupervisionPage Officer { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public sealed class InputModel
    {
        public DateParts On { get; set; } = new();
        public List<string> Crns { get; set; } = [];
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var on = Input.On.Parse("the supervision", ModelState, "Input.On");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await supervision.RecordAsync(new StaffSupervisionCommand(id, on, Input.Crns, Input.Notes), ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = $"Supervision on {on:d MMMM yyyy} recorded.";
            return RedirectToPage(new { id });
        });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var page = await supervision.GetAsync(id, ct);
        if (page is null)
        {
            return NotFound();
        }

        Officer = page;
        return null;
    }
}
