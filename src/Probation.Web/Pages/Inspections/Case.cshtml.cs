using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Identity;
using Probation.Application.Inspections;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Inspections;

/// <summary>
/// A sampled case as the inspection team sees it during fieldwork: the case's records, read-only, and the
/// inspection's case assessment for one sample's scope (draft or completed). Every view is audited with the CRN.
/// </summary>
[Authorize(Roles = Roles.Inspector)]
public sealed class CaseModel(InspectionQueries queries, RecordInspectionAssessment record) : PageModel
{
    public InspectionCaseView View { get; private set; } = null!;

    public InspectionAssessmentView Assessment { get; private set; } = null!;

    [BindProperty]
    public AssessmentInput Input { get; set; } = new();

    /// <summary>Which button sent the form: "complete" completes the assessment, anything else saves a draft.</summary>
    [BindProperty]
    public string? Send { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public sealed class AssessmentInput
    {
        public string? Scope { get; set; }
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
        public string? Judgement { get; set; }
        public string? Evidence { get; set; }
    }

    public sealed class PromptField
    {
        public string? Answer { get; set; }
    }

    private async Task<IActionResult?> LoadAsync(int id, string crn, string? scope, CancellationToken ct)
    {
        var view = await queries.CaseAsync(id, crn, "Inspection case assessment: reading the sampled case", ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        var wanted = FormInput.Choice<AssessmentScope>(scope);
        Assessment = view.Assessments.FirstOrDefault(a => a.Scope == wanted) ?? view.Assessments[0];
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id, string crn, string? scope, CancellationToken ct)
    {
        if (await LoadAsync(id, crn, scope, ct) is { } missing)
        {
            return missing;
        }

        var a = Assessment;
        Input = new AssessmentInput
        {
            Scope = a.Scope.ToString(),
            Version = a.Version,
            Judgements = a.Standards.SelectMany(s => s.KeyQuestions).Select(q => new JudgementField { Judgement = q.Judgement?.ToString(), Evidence = q.Evidence }).ToList(),
            Prompts = a.Standards.SelectMany(s => s.KeyQuestions).SelectMany(q => q.Prompts).Select(p => new PromptField { Answer = p.Answer?.ToString() }).ToList(),
            OfficerInterviewed = a.OfficerInterviewed,
            InterviewNotes = a.InterviewNotes,
            Strengths = a.Strengths,
            AreasForImprovement = a.AreasForImprovement,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string crn, CancellationToken ct)
    {
        if (await LoadAsync(id, crn, Input.Scope, ct) is { } missing)
        {
            return missing;
        }

        var questions = Assessment.Standards.SelectMany(s => s.KeyQuestions).ToList();
        var prompts = questions.SelectMany(q => q.Prompts).ToList();
        var judgements = new List<JudgementInput>();
        for (var i = 0; i < questions.Count; i++)
        {
            var sent = i < Input.Judgements.Count ? Input.Judgements[i] : new JudgementField();
            var judgement = Parse(sent.Judgement, $"Input.Judgements[{i}].Judgement", $"Choose {(questions[i].RelevantSubSampleOnly ? "yes, no or not applicable" : "yes or no")} for key question {questions[i].Id}");
            judgements.Add(new JudgementInput(questions[i].Id, judgement, sent.Evidence));
        }

        var answers = new List<PromptInput>();
        for (var i = 0; i < prompts.Count; i++)
        {
            var sent = i < Input.Prompts.Count ? Input.Prompts[i] : new PromptField();
            answers.Add(new PromptInput(prompts[i].Id, Parse(sent.Answer, $"Input.Prompts[{i}].Answer", $"Choose yes, no or not applicable for prompt {prompts[i].Id}")));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var complete = string.Equals(Send, "complete", StringComparison.Ordinal);
        var outcome = await record.RunAsync(
            new InspectionAssessmentCommand(
                id, crn, Assessment.Scope, Input.Version, judgements, answers, complete, Input.OfficerInterviewed, Input.InterviewNotes, Input.Strengths, Input.AreasForImprovement),
            ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = complete ? "The case assessment is completed." : "The case assessment is saved as a draft.";
            return Redirect($"/inspections/{id}/cases/{crn.ToLowerInvariant()}?scope={Assessment.Scope}");
        });
    }

    private Judgement? Parse(string? text, string key, string error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var judgement = FormInput.Choice<Judgement>(text);
        if (judgement is null)
        {
            ModelState.AddModelError(key, error);
        }

        return judgement;
    }

    public string Value(int index) => index < Input.Judgements.Count ? Input.Judgements[index].Judgement ?? "" : "";

    public string? Evidence(int index) => index < Input.Judgements.Count ? Input.Judgements[index].Evidence : null;

    public string Answer(int index) => index < Input.Prompts.Count ? Input.Prompts[index].Answer ?? "" : "";

    public bool HasError(string key) => GovUk.ModelStateKeys.FirstError(ModelState, key) is not null;

    public string? DescribedBy(string key, string? hint = null)
    {
        var ids = new[] { hint, HasError(key) ? GovUk.ModelStateKeys.InputId(key) + "-error" : null }.OfType<string>().ToList();
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public static string Describe(Judgement j) => j switch
    {
        Judgement.Yes => "Yes",
        Judgement.No => "No",
        _ => "Not applicable",
    };
}
