using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Quality;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Quality;

/// <summary>An officer's feedback from audits of their cases: each a task to read and answer.</summary>
public sealed class FeedbackModel(QualityQueries queries, CaseAudits audits) : PageModel
{
    public IReadOnlyList<FeedbackView> Items { get; private set; } = [];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public sealed class InputModel
    {
        public int FeedbackId { get; set; }
        public string? Response { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Items = await queries.MyFeedbackAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Items = await queries.MyFeedbackAsync(ct);
        var outcome = await audits.AcknowledgeAsync(new AcknowledgeCommand(Input.FeedbackId, Input.Response), ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = "Your response is recorded.";
            return RedirectToPage();
        });
    }
}
