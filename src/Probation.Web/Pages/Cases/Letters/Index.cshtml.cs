using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Documents;
using Probation.Application.Supervision;
using Probation.Domain.Documents;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Cases.Letters;

/// <summary>
/// A case's letters: those issued (kept as issued, with who produced them), the letters that can be made now, the
/// person's accessible-format need, and for a team manager or senior leader the subject access export.
/// </summary>
public sealed class IndexModel(LetterQueries letters, CaseChange change) : PageModel
{
    public LettersView View { get; private set; } = null!;

    [TempData]
    public string? Saved { get; set; }

    [BindProperty]
    public FormatInput Input { get; set; } = new();

    public sealed class FormatInput
    {
        public int Version { get; set; }
        public string? Format { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (!await LoadAsync(crn, ct))
        {
            return NotFound();
        }

        Input = new FormatInput { Version = View.Version, Format = View.Format.ToString() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (!await LoadAsync(crn, ct))
        {
            return NotFound();
        }

        var format = FormInput.Choice<AccessibleFormat>(Input.Format);
        var outcome = await letters.SetFormatAsync(change, crn, Input.Version, format, ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = $"Letters for this person will be in {Probation.Domain.Documents.Letters.Describe(format!.Value).ToLowerInvariant()}.";
            return Redirect(Request.Path);
        });
    }

    private async Task<bool> LoadAsync(string crn, CancellationToken ct)
    {
        var view = await letters.ViewAsync(crn, ct);
        if (view.Value is null)
        {
            return false;
        }

        View = view.Value;
        return true;
    }
}
