using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Supervision;
using Probation.Web.GovUk;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>
/// Significant events (standard 2.4): each makes a review due; a monitoring violation needs a decision
/// instead, recorded here against that violation. Both go through the same use case as the API.
/// </summary>
public sealed class EventsModel(SupervisionQueries queries, RecordSignificantEvent record) : SupervisionPageModel(queries)
{
    protected override string Purpose => "Significant events page";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>
    /// What was sent on a violation's decision form. Each violation has its own form whose fields are named
    /// under <c>Actions[id]</c>, so the ids on the page are unique and a refusal shows on the form that was sent.
    /// </summary>
    public Dictionary<int, ActionInputModel> Actions { get; } = [];

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? Kind { get; set; }
        public string? Description { get; set; }
    }

    public sealed class ActionInputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? ActionTaken { get; set; }
    }

    /// <summary>Monitoring violations with no decision yet: each gets a form.</summary>
    public IReadOnlyList<EventView> Unactioned =>
        View.Events.Where(e => e.Kind == SignificantEventKind.MonitoringViolation && e.ActionedOn is null).OrderBy(e => e.On).ToList();

    public static string ActionKey(int eventId, string field) => $"Actions[{eventId}].{field}";

    /// <summary>What a violation's form shows: what was sent for it, else empty at the case's current version.</summary>
    public ActionInputModel ActionFor(int eventId) =>
        Actions.TryGetValue(eventId, out var sent) ? sent : new ActionInputModel { Version = View.Version };

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var on = Input.On.Parse("the event", ModelState, "Input.On");
        var kind = Choice<SignificantEventKind>(Input.Kind);
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Select what happened");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.RunAsync(new EventCommand(crn, Input.Version, on!.Value, kind!.Value, Input.Description), ct);
        return Done(outcome, "Significant event recorded: " + SafetyNet.Describe(kind.Value));
    }

    public async Task<IActionResult> OnPostActionAsync(string crn, int id, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        // The event form was not sent: it starts again from the case as it stands.
        Input = new InputModel { Version = View.Version };
        var input = new ActionInputModel();
        await TryUpdateModelAsync(input, $"Actions[{id}]");
        Actions[id] = input;
        var prefix = ActionKey(id, "");
        var on = input.On.Parse("the decision", ModelState, prefix + nameof(ActionInputModel.On));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.ActionAsync(new ActionEventCommand(crn, input.Version, id, on!.Value, input.ActionTaken), ct);
        var violation = View.Events.FirstOrDefault(e => e.Id == id);
        return Done(outcome, violation is null ? "Action recorded" : $"Action recorded on the monitoring violation of {violation.On:d MMMM yyyy}", prefix);
    }

}
