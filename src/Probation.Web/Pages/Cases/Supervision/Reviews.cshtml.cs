using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Web.GovUk;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>
/// Reviews (standard 2.4): progress against each objective of the plan, changes in the factors linked to
/// offending and harm, the person's involvement, other agencies' input, and whether the plan changed.
/// </summary>
public sealed class ReviewsModel(SupervisionQueries queries, RecordReview record) : SupervisionPageModel(queries)
{
    protected override string Purpose => "Reviews page";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Kind { get; set; }
        public string? TriggeredByEventId { get; set; }
        public DateParts CompletedOn { get; set; } = new();

        /// <summary>Progress keyed by objective id: the use case refuses a missing one as <c>Progress[id]</c>.</summary>
        public Dictionary<int, string?> Progress { get; set; } = [];
        public string? OffendingFactorChanges { get; set; }
        public string? RiskFactorChanges { get; set; }
        public string? PersonsInvolvement { get; set; }
        public string? OtherAgencyInput { get; set; }
        public string? PlanAdjusted { get; set; }
        public string? WhyPlanNotAdjusted { get; set; }
        public string? NewRosh { get; set; }
    }

    public IReadOnlyList<ObjectiveView> Objectives => View.Plan?.Objectives ?? [];

    /// <summary>The latest police and children's services checks, for the prompt to refresh them at review.</summary>
    public CheckView? LatestCheck(AgencyCheckKind kind) =>
        View.Checks.Where(c => c.Kind == kind).OrderByDescending(c => c.AnsweredOn ?? c.RequestedOn ?? DateOnly.MinValue).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(string crn, int? eventId, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version };

        // Reached from an event that has not been reviewed: the review it needs is a triggered one.
        if (eventId is { } id && View.Events.Any(e => e.Id == id))
        {
            Input.Kind = nameof(ReviewKind.Triggered);
            Input.TriggeredByEventId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var kind = Choice<ReviewKind>(Input.Kind);
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Select the kind of review");
        }

        // Only a triggered review names its event; a choice left in the hidden select of a scheduled one is not sent on.
        int? eventId = null;
        if (kind == ReviewKind.Triggered)
        {
            eventId = Number(Input.TriggeredByEventId);
            if (eventId is null)
            {
                ModelState.AddModelError("Input.TriggeredByEventId", "Choose the significant event that triggered this review");
            }
        }

        var completedOn = Input.CompletedOn.Parse("the review", ModelState, "Input.CompletedOn");
        bool? planAdjusted = Input.PlanAdjusted switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        if (planAdjusted is null)
        {
            ModelState.AddModelError("Input.PlanAdjusted", "Select whether the plan was adjusted");
        }

        RoshLevel? rosh = null;
        if (!string.IsNullOrEmpty(Input.NewRosh))
        {
            rosh = Choice<RoshLevel>(Input.NewRosh);
            if (rosh is null)
            {
                ModelState.AddModelError("Input.NewRosh", "Select the risk of serious harm level, or no change");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var progress = Input.Progress.Select(p => new ProgressInput(p.Key, p.Value)).ToList();
        var outcome = await record.RunAsync(
            new ReviewCommand(
                crn, Input.Version, kind!.Value, completedOn!.Value, eventId, progress, Input.OffendingFactorChanges, Input.RiskFactorChanges,
                Input.PersonsInvolvement, Input.OtherAgencyInput, planAdjusted!.Value, planAdjusted.Value ? null : Input.WhyPlanNotAdjusted, rosh),
            ct);
        return Done(outcome, kind == ReviewKind.Triggered ? "Triggered review recorded" : "Review recorded");
    }

    public static string ProgressKey(int objectiveId) => $"Input.Progress[{objectiveId}]";

}
