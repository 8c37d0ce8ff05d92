using Microsoft.AspNetCore.Mvc;
using Probation.Application.Inspections;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Inspections;

/// <summary>
/// Domain one evidence (meetings, staff-interview questions, a judged rating per standard with its evidence),
/// professional discretion on case-based standards, and the recommendations: written by the inspection team until
/// the report is published, then tracked by the provider's senior leaders.
/// </summary>
public sealed class EvidenceModel(InspectionQueries queries, RecordInspectionEvidence evidence, RecordRecommendations recommendations) : InspectionPageModel(queries)
{
    [BindProperty]
    public MeetingInput Meeting { get; set; } = new();

    [BindProperty]
    public QuestionInput Question { get; set; } = new();

    [BindProperty]
    public DomainOneInput DomainOne { get; set; } = new();

    [BindProperty]
    public DiscretionInput Discretion { get; set; } = new();

    [BindProperty]
    public RecommendationInput Recommendation { get; set; } = new();

    [BindProperty]
    public ProgressInput Progress { get; set; } = new();

    public sealed class MeetingInput
    {
        public DateParts On { get; set; } = new();
        public string? With { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class QuestionInput
    {
        public string? StandardId { get; set; }
        public string? Text { get; set; }
        public string? Asked { get; set; }
        public string? AnsweredYes { get; set; }
    }

    public sealed class DomainOneInput
    {
        public string? StandardId { get; set; }
        public string? Rating { get; set; }
        public string? Evidence { get; set; }
    }

    public sealed class DiscretionInput
    {
        public string? StandardId { get; set; }
        public string? Rating { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class RecommendationInput
    {
        public string? Text { get; set; }
        public string? Owner { get; set; }
        public DateParts DueOn { get; set; } = new();
    }

    public sealed class ProgressInput
    {
        public int Number { get; set; }
        public string? Status { get; set; }
        public string? Progress { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Meeting = new MeetingInput { On = DateParts.From(Inspection.Today) };
        Recommendation = new RecommendationInput { DueOn = DateParts.From(Inspection.Today.AddMonths(6)) };
        return Page();
    }

    public async Task<IActionResult> OnPostMeetingAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var on = Meeting.On.Parse("the meeting", ModelState, "Meeting.On");
        return !ModelState.IsValid ? Page()
            : Done(await evidence.AddMeetingAsync(new MeetingCommand(id, on, Meeting.With, Meeting.Notes), ct), "The meeting is recorded.", "Meeting.");
    }

    public async Task<IActionResult> OnPostQuestionAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var asked = Whole(Question.Asked, "Question.Asked", "how many staff were asked");
        var yes = Whole(Question.AnsweredYes, "Question.AnsweredYes", "how many answered yes");
        return !ModelState.IsValid ? Page()
            : Done(
                await evidence.AddInterviewQuestionAsync(new InterviewQuestionCommand(id, Question.StandardId, Question.Text, asked, yes), ct),
                "The staff-interview question is recorded.", "Question.");
    }

    public async Task<IActionResult> OnPostDomainOneAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var rating = RatingOf(DomainOne.Rating, "DomainOne.Rating");
        return !ModelState.IsValid ? Page()
            : Done(
                await evidence.RateDomainOneAsync(new DomainOneRatingCommand(id, DomainOne.StandardId, rating, DomainOne.Evidence), ct),
                $"The rating of {DomainOne.StandardId} is entered.", "DomainOne.");
    }

    public async Task<IActionResult> OnPostDiscretionAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var rating = RatingOf(Discretion.Rating, "Discretion.Rating");
        return !ModelState.IsValid ? Page()
            : Done(
                await evidence.RecordDiscretionAsync(new DiscretionCommand(id, Discretion.StandardId, rating, Discretion.Reason), ct),
                $"Discretion on {Discretion.StandardId} is recorded.", "Discretion.");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, string? standard, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        return Done(await evidence.WithdrawDiscretionAsync(id, standard, ct), $"Discretion on {standard} is withdrawn.", "Discretion.");
    }

    /// <summary>
    /// Counts for a standard assessed outside the samples (the NPS's 3.1 and 3.2). Each standard has its own form; its
    /// fields are named by the standard (<c>Counts[3.1].Cases</c>), so their ids are the page's only ones.
    /// </summary>
    public async Task<IActionResult> OnPostCountsAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var standardId = Request.Form["Counts.StandardId"].ToString();
        var prefix = CountsPrefix(standardId);
        var cases = Whole(Request.Form[prefix + ".Cases"], prefix + ".Cases", "how many cases were assessed");
        var counts = new List<KeyQuestionCount>();
        foreach (var q in Inspection.EnteredCounts.FirstOrDefault(e => e.StandardId == standardId)?.KeyQuestions ?? [])
        {
            var key = $"{prefix}.KeyQuestions.{q.Id}";
            int? Count(string part) => FormInput.Number(Request.Form[$"{key}.{part}"], signed: true);
            var (yes, no) = (Count("Yes"), Count("No"));
            var notApplicable = string.IsNullOrWhiteSpace(Request.Form[$"{key}.NotApplicable"]) ? 0 : Count("NotApplicable");
            if (yes is null || no is null || notApplicable is null)
            {
                ModelState.AddModelError(key, $"Enter key question {q.Id}'s yes, no and not applicable counts as whole numbers");
                continue;
            }

            counts.Add(new KeyQuestionCount(q.Id, yes.Value, no.Value, notApplicable.Value));
        }

        return !ModelState.IsValid ? Page()
            : Done(
                await evidence.EnterCountsAsync(new EnteredCountsCommand(id, standardId, cases, Request.Form[prefix + ".Source"], counts), ct),
                $"The counts for {standardId} are entered.", prefix + ".");
    }

    /// <summary>The field prefix of a standard's counts form.</summary>
    public static string CountsPrefix(string standardId) => $"Counts[{standardId}]";

    /// <summary>What was posted for a field, to show again beside its error, or null on a fresh page.</summary>
    public string? Posted(string key) => Request.HasFormContentType && Request.Form.TryGetValue(key, out var v) ? v.ToString() : null;

    public async Task<IActionResult> OnPostRecommendationAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var due = Recommendation.DueOn.Parse("the recommendation's due date", ModelState, "Recommendation.DueOn");
        return !ModelState.IsValid ? Page()
            : Done(
                await recommendations.AddAsync(new RecommendationCommand(id, Recommendation.Text, Recommendation.Owner, due), ct),
                "The recommendation is written.", "Recommendation.");
    }

    public async Task<IActionResult> OnPostProgressAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        // Each recommendation has its own form; its fields are named by its number, so their ids are the page's only ones.
        Progress.Status = Request.Form[$"Progress[{Progress.Number}].Status"];
        Progress.Progress = Request.Form[$"Progress[{Progress.Number}].Progress"];
        var status = FormInput.Choice<RecommendationStatus>(Progress.Status);
        if (status is null)
        {
            ModelState.AddModelError($"Progress[{Progress.Number}].Status", "Choose the recommendation's status");
            return Page();
        }

        return Done(
            await recommendations.ProgressAsync(new ProgressCommand(id, Progress.Number, status, Progress.Progress), ct),
            $"Progress on recommendation {Progress.Number} is recorded.", $"Progress[{Progress.Number}].");
    }

    private int? Whole(string? text, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(key, $"Enter {what}");
            return null;
        }

        var n = FormInput.Number(text, signed: true);
        if (n is null)
        {
            ModelState.AddModelError(key, $"Enter {what} as a whole number");
        }

        return n;
    }

    private Rating? RatingOf(string? text, string key)
    {
        var rating = FormInput.Choice<Rating>(text);
        if (rating is null)
        {
            ModelState.AddModelError(key, "Choose a rating");
        }

        return rating;
    }
}
