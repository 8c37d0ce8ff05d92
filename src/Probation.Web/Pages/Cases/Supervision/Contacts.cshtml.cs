using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Organisation;
using Probation.Application.Supervision;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>Contacts and appointments (standard 2.3), and for every failure to attend or comply the officer's decision and judgement.</summary>
public sealed class ContactsModel(SupervisionQueries queries, RecordContact record, OrganisationQueries organisation) : SupervisionPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public DecisionModel Decide { get; set; } = new();

    public IReadOnlyList<SiteRow> Sites { get; private set; } = [];

    protected override string Purpose => "Contacts";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? Kind { get; set; }
        public string? SiteId { get; set; }
        public string? RequirementId { get; set; }
        public string? Outcome { get; set; }
        public string? Notes { get; set; }
        public string? Decision { get; set; }
        public string? DecisionReason { get; set; }
    }

    public sealed class DecisionModel
    {
        public int Version { get; set; }
        public int ContactId { get; set; }
        public string? Decision { get; set; }
        public string? DecisionReason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        await SitesAsync(ct);
        Input = new InputModel { Version = View.Version, On = DateParts.From(View.Today) };
        Decide = new DecisionModel { Version = View.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        await SitesAsync(ct);
        Decide = new DecisionModel { Version = View.Version };
        var on = Input.On.Parse("the contact", ModelState, "Input.On");
        var kind = Choice<ContactKind>(Input.Kind);
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Select the kind of contact");
        }

        var starts = Time(Input.StartsAt, "Input.StartsAt", "start");
        var ends = Time(Input.EndsAt, "Input.EndsAt", "end");
        ContactOutcome? outcome = null;
        if (!string.IsNullOrEmpty(Input.Outcome) && (outcome = Choice<ContactOutcome>(Input.Outcome)) is null)
        {
            ModelState.AddModelError("Input.Outcome", "Select the outcome");
        }

        AbsenceDecision? decision = null;
        if (!string.IsNullOrEmpty(Input.Decision) && (decision = Choice<AbsenceDecision>(Input.Decision)) is null)
        {
            ModelState.AddModelError("Input.Decision", "Select whether the absence was acceptable");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await record.RunAsync(
            new ContactCommand(crn, Input.Version, on!.Value, starts, ends, kind!.Value, Number(Input.SiteId), Number(Input.RequirementId), outcome, Input.Notes, decision, Input.DecisionReason),
            ct);
        return Done(result, outcome is null ? "The appointment is booked." : "The contact is recorded.");
    }

    public async Task<IActionResult> OnPostDecideAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        await SitesAsync(ct);
        Input = new InputModel { Version = View.Version, On = DateParts.From(View.Today) };
        var decision = Choice<AbsenceDecision>(Decide.Decision);
        if (decision is null)
        {
            ModelState.AddModelError("Decide.Decision", "Select whether the absence was acceptable");
            return Page();
        }

        var result = await record.OutcomeAsync(new ContactOutcomeCommand(crn, Decide.Version, Decide.ContactId, null, null, decision, Decide.DecisionReason, null), ct);
        return Done(result, "Your decision on the absence is recorded.", "Decide.");
    }

    private async Task SitesAsync(CancellationToken ct) =>
        Sites = (await organisation.SitesAsync(null, null, ct)).Where(s => s.Kind is SiteKind.DistrictCentre or SiteKind.CommunityHub).OrderBy(s => s.Name).ToList();

    private TimeOnly? Time(string? text, string key, string which)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Infrastructure.FormInput.Time(text) is { } t)
        {
            return t;
        }

        ModelState.AddModelError(key, $"Enter the {which} time as hours and minutes on the 24-hour clock, for example 14:30");
        return null;
    }
}
