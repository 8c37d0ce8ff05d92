using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>The assessment (standard 2.1): start, save as a draft, and complete, through the same use case as the API.</summary>
public sealed class AssessmentModel(SupervisionQueries queries, RecordAssessment record) : SupervisionPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    protected override string Purpose => "Assessment";

    public AssessmentView? Draft => View.Assessments.FirstOrDefault(a => a.CompletedOn is null);

    public sealed class NeedInput
    {
        public string? Need { get; set; }
        public string? Severity { get; set; }
        public bool LinkedToOffending { get; set; }
        public bool LinkedToHarm { get; set; }
    }

    public sealed class InputModel
    {
        public int Version { get; set; }
        public int? AssessmentId { get; set; }
        public string? Kind { get; set; }
        public DateParts StartedOn { get; set; } = new();
        public string? CurrentOffence { get; set; }
        public bool PreviousConvictionsReviewed { get; set; }
        public string? PatternsOfOffending { get; set; }
        public List<NeedInput> Needs { get; set; } = [];
        public string? Strengths { get; set; }
        public string? DiversityAndCircumstances { get; set; }
        public string? Motivation { get; set; }
        public string? PersonsViews { get; set; }
        public string? InformationSources { get; set; }
        public string? Rosh { get; set; }
        public string? RoshReasons { get; set; }
        public string? WhoIsAtRisk { get; set; }
        public bool RiskToChildren { get; set; }
        public bool RiskToKnownAdult { get; set; }
        public bool RiskToPublic { get; set; }
        public bool RiskToStaff { get; set; }
        public string? Action { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var d = Draft;
        Input = d is null
            ? new InputModel
            {
                Version = View.Version,
                Kind = (View.Assessments.Any(a => a.Kind == AssessmentKind.Initial) ? AssessmentKind.Review : AssessmentKind.Initial).ToString(),
                StartedOn = DateParts.From(View.Today),
                Needs = Enum.GetValues<Need>().Select(n => new NeedInput { Need = n.ToString() }).ToList(),
            }
            : new InputModel
            {
                Version = View.Version,
                AssessmentId = d.Id,
                Kind = d.Kind.ToString(),
                StartedOn = DateParts.From(d.StartedOn),
                CurrentOffence = d.CurrentOffence,
                PreviousConvictionsReviewed = d.PreviousConvictionsReviewed,
                PatternsOfOffending = d.PatternsOfOffending,
                Needs = Enum.GetValues<Need>().Select(n => d.Needs.FirstOrDefault(x => x.Need == n) is { } x
                    ? new NeedInput { Need = n.ToString(), Severity = x.Severity.ToString(), LinkedToOffending = x.LinkedToOffending, LinkedToHarm = x.LinkedToHarm }
                    : new NeedInput { Need = n.ToString() }).ToList(),
                Strengths = d.Strengths,
                DiversityAndCircumstances = d.DiversityAndCircumstances,
                Motivation = d.Motivation,
                PersonsViews = d.PersonsViews,
                InformationSources = d.InformationSources,
                Rosh = d.Rosh?.ToString(),
                RoshReasons = d.RoshReasons,
                WhoIsAtRisk = d.WhoIsAtRisk,
                RiskToChildren = d.RiskToChildren,
                RiskToKnownAdult = d.RiskToKnownAdult,
                RiskToPublic = d.RiskToPublic,
                RiskToStaff = d.RiskToStaff,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        if (!View.MayJudge)
        {
            return Forbid();
        }

        var kind = Choice<AssessmentKind>(Input.Kind);
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Select the kind of assessment");
        }

        var started = Input.StartedOn.Parse("the start of the assessment", ModelState, "Input.StartedOn");
        RoshLevel? rosh = null;
        if (!string.IsNullOrEmpty(Input.Rosh))
        {
            rosh = Choice<RoshLevel>(Input.Rosh);
            if (rosh is null)
            {
                ModelState.AddModelError("Input.Rosh", "Select the risk of serious harm classification");
            }
        }

        // The page lists every need once, in the order of the scale; a list posted otherwise (a need it does not know,
        // one twice, one left out) is answered with that list, keeping what was rated, never echoed back as it came.
        var posted = Input.Needs;
        Input.Needs = Enum.GetValues<Need>().Select(n => posted.FirstOrDefault(x => Choice<Need>(x.Need) == n) ?? new NeedInput { Need = n.ToString() }).ToList();
        if (posted.Any(n => Choice<Need>(n.Need) is null) || posted.Select(n => n.Need).Distinct().Count() != posted.Count)
        {
            ModelState.AddModelError("Input.Needs", "Rate the needs this page lists");
        }

        var needs = new List<NeedRating>();
        foreach (var n in Input.Needs)
        {
            var need = Choice<Need>(n.Need)!.Value;
            if (string.IsNullOrEmpty(n.Severity))
            {
                continue;
            }

            if (Choice<NeedSeverity>(n.Severity) is not { } severity)
            {
                ModelState.AddModelError("Input.Needs", "Select a severity for each need");
                continue;
            }

            needs.Add(new NeedRating(need, severity, n.LinkedToOffending, n.LinkedToHarm));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var complete = Input.Action == "complete";
        var outcome = await record.RunAsync(
            new AssessmentCommand(
                crn, Input.Version, Draft?.Id ?? Input.AssessmentId, kind!.Value, started!.Value, complete ? View.Today : null,
                Input.CurrentOffence, Input.PreviousConvictionsReviewed, Input.PatternsOfOffending, needs, Input.Strengths, Input.DiversityAndCircumstances,
                Input.Motivation, Input.PersonsViews, Input.InformationSources, rosh, Input.RoshReasons, Input.WhoIsAtRisk,
                Input.RiskToChildren, Input.RiskToKnownAdult, Input.RiskToPublic, Input.RiskToStaff),
            ct);
        return Done(outcome, complete ? "The assessment is complete." : "The assessment has been saved as a draft.");
    }
}
