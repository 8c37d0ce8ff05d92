using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Quality;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Quality;

/// <summary>The quality team's audits: the list, and the form a quality officer starts an audit or a quality event with.</summary>
public sealed class IndexModel(QualityQueries queries, CaseAudits audits) : PageModel
{
    public IReadOnlyList<AuditRow> Audits { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Practitioners { get; private set; } = [];

    public bool MayStart => User.IsInRole("QualityOfficer");

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public sealed class InputModel
    {
        public string? Crn { get; set; }
        public string? Kind { get; set; } = nameof(CaseAssessmentKind.Audit);
        public string? Scope { get; set; } = nameof(AssessmentScope.CaseSupervision);
        public List<string?> ParticipantIds { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
        {
            return denied;
        }

        var kind = FormInput.Choice<CaseAssessmentKind>(Input.Kind);
        var scope = FormInput.Choice<AssessmentScope>(Input.Scope);
        var participants = Input.ParticipantIds.Select(p => FormInput.Number(p)).OfType<int>().ToList();
        var outcome = await audits.StartAsync(new StartAuditCommand(Input.Crn, kind, scope, kind == CaseAssessmentKind.QualityEvent ? participants : [], null), ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = kind == CaseAssessmentKind.QualityEvent ? "The quality event is started." : "The audit is started.";
            return RedirectToPage("Audit", new { id = outcome.Value!.Id });
        });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await queries.ListAsync(new QualityFilter(), ct) is not { } rows)
        {
            return Forbid();
        }

        Audits = rows;
        Practitioners = MayStart ? await queries.PractitionersAsync(ct) : [];
        return null;
    }
}
