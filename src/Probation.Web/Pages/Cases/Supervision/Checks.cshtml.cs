using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Supervision;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>Police domestic abuse call-out and children's services checks (recommendation 4): request, chase, answer, or record why not needed.</summary>
public sealed class ChecksModel(SupervisionQueries queries, RecordAgencyCheck checks) : SupervisionPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public AnswerModel Answer { get; set; } = new();

    protected override string Purpose => "Agency checks";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Kind { get; set; }
        public DateParts RequestedOn { get; set; } = new();
        public string? NotRequiredReason { get; set; }
    }

    public sealed class AnswerModel
    {
        public int Version { get; set; }
        public int CheckId { get; set; }
        public DateParts AnsweredOn { get; set; } = new();
        public string? Summary { get; set; }
    }

    public static string Describe(AgencyCheckKind kind) =>
        kind == AgencyCheckKind.PoliceDomesticAbuse ? "Police domestic abuse call-outs" : "Children's services";

    public async Task<IActionResult> OnGetAsync(string crn, string? kind, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version, Kind = kind ?? (View.DomesticAbuse ? nameof(AgencyCheckKind.PoliceDomesticAbuse) : View.ChildAtRisk ? nameof(AgencyCheckKind.ChildrensServices) : null) };
        Answer = new AnswerModel { Version = View.Version, AnsweredOn = DateParts.From(View.Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Answer = new AnswerModel { Version = View.Version, AnsweredOn = DateParts.From(View.Today) };
        var kind = Choice<AgencyCheckKind>(Input.Kind);
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Select the check");
        }

        var reason = Blank(Input.NotRequiredReason);
        var requested = reason is not null && Input.RequestedOn.IsEmpty ? null : Input.RequestedOn.Parse("the request", ModelState, "Input.RequestedOn", required: reason is null);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await checks.RequestAsync(new RequestCheckCommand(crn, Input.Version, kind!.Value, requested, reason), ct);
        return Done(outcome, reason is null ? $"{Describe(kind.Value)}: the request is recorded." : $"{Describe(kind.Value)}: recorded as not needed, with your reason.");
    }

    public async Task<IActionResult> OnPostAnswerAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version };
        var answered = Answer.AnsweredOn.Parse("the answer", ModelState, "Answer.AnsweredOn");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await checks.UpdateAsync(new UpdateCheckCommand(crn, Answer.Version, Answer.CheckId, null, answered, Answer.Summary), ct);
        return Done(outcome, "The answer is recorded.", "Answer.");
    }

    public async Task<IActionResult> OnPostChaseAsync(string crn, int checkId, int version, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version };
        Answer = new AnswerModel { Version = View.Version, AnsweredOn = DateParts.From(View.Today) };
        var outcome = await checks.UpdateAsync(new UpdateCheckCommand(crn, version, checkId, View.Today, null, null), ct);
        return Done(outcome, "Recorded that you chased the check today.", "Answer.");
    }
}
