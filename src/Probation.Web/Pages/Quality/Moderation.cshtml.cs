using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Quality;

namespace Probation.Web.Pages.Quality;

/// <summary>A moderation beside the audit it moderates: where the two auditors judged differently.</summary>
public sealed class ModerationModel(QualityQueries queries) : PageModel
{
    public ModerationView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!queries.MayRead)
        {
            return Forbid();
        }

        if (await queries.ModerationAsync(id, ct) is not { } view)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
