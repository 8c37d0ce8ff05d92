using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Documents;

namespace Probation.Web.Pages.Cases.Letters;

/// <summary>An issued letter, as it was issued, with its PDF.</summary>
public sealed class ShowModel(LetterQueries letters) : PageModel
{
    public IssuedLetterContent Letter { get; private set; } = null!;

    public string Crn { get; private set; } = string.Empty;

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string crn, int id, CancellationToken ct)
    {
        var found = await letters.IssuedAsync(crn, id, disclosed: false, ct);
        if (found.Value is null)
        {
            return NotFound();
        }

        Letter = found.Value;
        Crn = crn.ToLowerInvariant();
        return Page();
    }
}
