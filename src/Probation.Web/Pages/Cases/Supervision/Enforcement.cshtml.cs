using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Cases;
using Probation.Domain.Supervision;
using Probation.Web.GovUk;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>
/// Enforcement (standard 2.3): what has been done about unacceptable failures, how near the order's
/// threshold the person is, and a form for the next step. The rules are the use case's, as in the API.
/// </summary>
public sealed class EnforcementModel(SupervisionQueries queries, RecordEnforcement record) : SupervisionPageModel(queries)
{
    protected override string Purpose => "Enforcement page";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? Kind { get; set; }
        public string? ContactId { get; set; }
        public string? Notes { get; set; }
    }

    /// <summary>Every unacceptable failure on the case: the ones an enforcement action can answer.</summary>
    public IReadOnlyList<ContactView> Failures => View.Contacts.Where(c => c.Decision == AbsenceDecision.Unacceptable).ToList();

    /// <summary>The failures that count towards the threshold today (the safety net counts back the same window).</summary>
    public IReadOnlyList<ContactView> FailuresInWindow =>
        Failures.Where(c => EnforcementRules.InWindow(c.On, View.Today)).ToList();

    /// <summary>What the threshold calls for on this order: breach on a community or suspended sentence order, recall on a licence.</summary>
    public string? ThresholdDecision => View.OrderType switch
    {
        OrderType.CommunityOrder or OrderType.SuspendedSentenceOrder => "breach",
        OrderType.Licence or OrderType.PostSentenceSupervision => "recall",
        _ => null,
    };

    public int Threshold => View.OrderType is { } type ? EnforcementRules.Threshold(type) : int.MaxValue;

    /// <summary>A breach or recall decision recorded on or after the latest failure in the window, if any.</summary>
    public EnforcementView? ThresholdDecisionRecorded =>
        FailuresInWindow.Count == 0
            ? null
            : View.Enforcement.Where(e => e.On >= FailuresInWindow.Max(f => f.On) && EnforcementRules.IsBreachOrRecallDecision(e.Kind)).MinBy(e => e.On);

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

        var on = Input.On.Parse("the enforcement action", ModelState, "Input.On");
        var kind = Choice<EnforcementKind>(Input.Kind);
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Select the enforcement action");
        }

        var contactId = Number(Input.ContactId);
        if (!string.IsNullOrWhiteSpace(Input.ContactId) && contactId is null)
        {
            ModelState.AddModelError("Input.ContactId", "Choose the failure from the list");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.RunAsync(new EnforcementCommand(crn, Input.Version, on!.Value, kind!.Value, contactId, Input.Notes), ct);
        return Done(outcome, "Enforcement recorded: " + RecordEnforcement.Describe(kind.Value));
    }


    public static string Describe(ContactView c) =>
        $"{c.On:d MMMM yyyy}: {Outcome(c.Outcome)} ({Kind(c.Kind)})";

    /// <summary>The contact wording of the contacts page, lower case to sit inside a sentence.</summary>
    public static string Outcome(ContactOutcome? outcome) => outcome is null ? "no outcome recorded" : ContactOutcomes.Describe(outcome).ToLowerInvariant();

    public static string Kind(ContactKind kind) => ContactOutcomes.Describe(kind).ToLowerInvariant();

    public static string Hint(EnforcementKind kind) => kind switch
    {
        EnforcementKind.BreachInitiated or EnforcementKind.LaidBeforeCourt or EnforcementKind.CourtOutcome => "Community and suspended sentence orders",
        EnforcementKind.RecallRequested or EnforcementKind.RecallOutcome => "Licences and post-sentence supervision",
        EnforcementKind.NoFurtherAction => "Give the reasons in the notes",
        EnforcementKind.ReEngagement => "Efforts to re-engage the person after enforcement or recall",
        _ => "",
    };
}
