using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Quality;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Quality;

/// <summary>One case audit: the quality officer's form for each key question while it is a draft; afterwards the judgements, feedback to the officer and moderation.</summary>
public sealed class AuditModel(QualityQueries queries, CaseAudits audits) : PageModel
{
    public AuditView View { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public FeedbackModel Feedback { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public sealed class InputModel
    {
        public int Version { get; set; }
        public List<JudgementField> Judgements { get; set; } = [];
        public List<PromptField> Prompts { get; set; } = [];
        public bool OfficerInterviewed { get; set; }
        public string? InterviewNotes { get; set; }
        public string? Strengths { get; set; }
        public string? AreasForImprovement { get; set; }
    }

    public sealed class JudgementField
    {
        public string? KeyQuestionId { get; set; }
        public string? Judgement { get; set; }
        public string? Evidence { get; set; }
    }

    public sealed class PromptField
    {
        public string? PromptId { get; set; }
        public string? Answer { get; set; }
    }

    public sealed class FeedbackModel
    {
        public string? Text { get; set; }
        public DateParts DueOn { get; set; } = new();
    }

    /// <summary>The index of each key question and prompt in the form, in framework order.</summary>
    public int IndexOf(KeyQuestion q) => View.Standards.SelectMany(s => s.Questions).ToList().FindIndex(x => x.Question.Id == q.Id);

    public int IndexOf(Prompt p) => View.Standards.SelectMany(s => s.Questions).SelectMany(x => x.Prompts).ToList().FindIndex(x => x.Prompt.Id == p.Id);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var questions = View.Standards.SelectMany(s => s.Questions).ToList();
        Input = new InputModel
        {
            Version = View.Version,
            Judgements = questions.Select(q => new JudgementField { KeyQuestionId = q.Question.Id, Judgement = q.Judgement?.ToString(), Evidence = q.Evidence }).ToList(),
            Prompts = questions.SelectMany(q => q.Prompts).Select(p => new PromptField { PromptId = p.Prompt.Id, Answer = p.Answer?.ToString() }).ToList(),
            OfficerInterviewed = View.OfficerInterviewed,
            InterviewNotes = View.InterviewNotes,
            Strengths = View.Strengths,
            AreasForImprovement = View.AreasForImprovement,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, bool complete, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var outcome = await audits.SaveAsync(new SaveAuditCommand(
            id, Input.Version,
            Input.Judgements.Select(j => new JudgementInput(j.KeyQuestionId, Choice<Judgement>(j.Judgement), j.Evidence)).ToList(),
            Input.Prompts.Select(p => new PromptInput(p.PromptId, Choice<Judgement>(p.Answer))).ToList(),
            Input.OfficerInterviewed, Input.InterviewNotes, Input.Strengths, Input.AreasForImprovement, complete), ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = complete ? "The audit is completed." : "The audit is saved as a draft.";
            return RedirectToPage(new { id });
        });
    }

    public async Task<IActionResult> OnPostFeedbackAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var due = Feedback.DueOn.IsEmpty ? null : Feedback.DueOn.Parse("the feedback's due date", ModelState, "Feedback.DueOn", required: false);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await audits.FeedbackAsync(new FeedbackCommand(id, Feedback.Text, due), ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = "The feedback is sent to the officer.";
            return RedirectToPage(new { id });
        }, "Feedback.");
    }

    public async Task<IActionResult> OnPostModerateAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var outcome = await audits.StartAsync(new StartAuditCommand(View.Crn, View.Kind == CaseAssessmentKind.QualityEvent ? CaseAssessmentKind.Audit : View.Kind, View.Scope, [], id), ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = "The moderation is started: judge the case without looking at the first audit, then compare.";
            return RedirectToPage(new { id = outcome.Value!.Id });
        });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (!queries.MayRead)
        {
            return Forbid();
        }

        if (await queries.AuditAsync(id, ct) is not { } view)
        {
            return NotFound();
        }

        View = view;
        return null;
    }
}
