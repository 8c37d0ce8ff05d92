using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Documents;
using Probation.Domain.Common;
using Probation.Domain.Documents;
using Probation.Web.Infrastructure;
using Probation.Web.Letters;

namespace Probation.Web.Pages.Cases.Letters;

/// <summary>
/// Making a letter: the letter as it would be issued, to review on screen, then issued (kept against the case and
/// recorded as a disclosure). A breach report asks for the officer's proposal first.
/// </summary>
public sealed class NewModel(LetterQueries letters, LetterRenderer renderer) : PageModel
{
    public string Crn { get; private set; } = string.Empty;

    /// <summary>The letter rendered for review; null where it cannot be made (the error summary says why).</summary>
    public string? PreviewHtml { get; private set; }

    public string? Title { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Source { get; set; }

    [BindProperty]
    public string? Proposal { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public bool IsBreachReport => Kind == LetterQueries.BreachKind;

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        Crn = crn.ToLowerInvariant();
        if (IsBreachReport)
        {
            // The proposal comes first: there is nothing to review until the officer has written it.
            var view = await letters.ViewAsync(crn, ct);
            return view.Value is { MayReportBreach: true } ? Page() : view.Value is null ? NotFound() : Refuse(view.Result);
        }

        return await PreviewAsync(crn, ct);
    }

    public Task<IActionResult> OnPostPreviewAsync(string crn, CancellationToken ct)
    {
        Crn = crn.ToLowerInvariant();
        return PreviewAsync(crn, ct);
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        Crn = crn.ToLowerInvariant();
        var issued = await letters.IssueAsync(crn, Kind ?? string.Empty, Source, Proposal, renderer.RenderAsync, ct);
        return this.Show(issued.Result, () =>
        {
            Saved = $"{Probation.Domain.Documents.Letters.Describe(issued.Value!.Kind)} issued and kept against the case.";
            return Redirect($"/cases/{Crn}/letters/{issued.Value.Id}");
        }, fieldPrefix: string.Empty);
    }

    private async Task<IActionResult> PreviewAsync(string crn, CancellationToken ct)
    {
        var built = await letters.PreviewAsync(crn, Kind ?? string.Empty, Source, Proposal, ct);
        if (built.Value is { } letter)
        {
            PreviewHtml = await renderer.RenderAsync(letter);
            Title = letter.Title;
            return Page();
        }

        return built.Result is NotFound ? NotFound() : Refuse(built.Result);
    }

    private IActionResult Refuse(Outcome outcome) => this.Show(outcome, Page, fieldPrefix: string.Empty);
}
