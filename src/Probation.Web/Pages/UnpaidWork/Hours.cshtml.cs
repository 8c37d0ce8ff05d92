using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;
using Probation.Domain.UnpaidWork;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>A person's unpaid work: hours, the deadline, their unpaid work assessment, sessions and awards.</summary>
public sealed class HoursModel(UnpaidWorkQueries queries, RecordUnpaidWorkAssessment assess, RegisterAward register) : UnpaidWorkPageModel
{
    public HoursView View { get; private set; } = null!;

    public bool Restricted { get; private set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public AssessmentInput Input { get; set; } = new();

    [BindProperty]
    public string? Award { get; set; }

    public sealed class AssessmentInput
    {
        public DateParts CompletedOn { get; set; } = new();
        public string? Health { get; set; }
        public string? Skills { get; set; }
        public List<string> AvailableDays { get; set; } = [];
        public string? AvailabilityNotes { get; set; }
        public string? RiskToPublic { get; set; }
        public string? RiskToSupervisors { get; set; }
        public string? DiversityNeeds { get; set; }
        public List<string> RuledOut { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new AssessmentInput { CompletedOn = DateParts.From(View.Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAssessmentAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var on = Input.CompletedOn.Parse("the assessment", ModelState, "Input.CompletedOn");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await assess.RunAsync(
            new UnpaidWorkAssessmentCommand(crn, Version, on!.Value, Input.Health, Input.Skills, Flags<WorkDays>(Input.AvailableDays), Input.AvailabilityNotes,
                Input.RiskToPublic, Input.RiskToSupervisors, Input.DiversityNeeds, Flags<ProjectRisks>(Input.RuledOut)),
            ct);
        return Done(result, "The unpaid work assessment is recorded.", "Input.");
    }

    public async Task<IActionResult> OnPostAwardAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        if (Choice<Qualification>(Award) is not { } q)
        {
            ModelState.AddModelError("Award", "Select the award");
            return Page();
        }

        var result = await register.RunAsync(new AwardCommand(crn, Version, q, View.Today), ct);
        if (result.Result is Domain.Common.Refused r)
        {
            ModelState.AddModelError("Award", r.Reason);
            return Page();
        }

        return Done(result, "The award is registered.", "");
    }

    private async Task<IActionResult?> LoadAsync(string crn, CancellationToken ct)
    {
        var lookup = await queries.HoursAsync(crn, "Unpaid work hours", ct);
        if (lookup.Restricted)
        {
            Restricted = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (lookup.View is null)
        {
            return NotFound();
        }

        View = lookup.View;
        return null;
    }
}
