using Microsoft.AspNetCore.Mvc;
using Probation.Application.Cases;
using Probation.Application.Supervision;
using Probation.Domain.Risk;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>
/// The case's flags (registrations): domestic abuse, child protection, MAPPA and the rest. Adding one
/// changes what the plan must contain and which checks and visits the safety net expects.
/// </summary>
public sealed class FlagsModel(SupervisionQueries queries, RecordRegistration record) : SupervisionPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public EndModel End { get; set; } = new();

    protected override string Purpose => "Flags";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Type { get; set; }
        public DateParts StartedOn { get; set; } = new();
        public string? MappaLevel { get; set; }
        public string? MappaCategory { get; set; }
    }

    public sealed class EndModel
    {
        public int Version { get; set; }
        public int RegistrationId { get; set; }
        public DateParts EndedOn { get; set; } = new();
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version, StartedOn = DateParts.From(View.Today) };
        End = new EndModel { Version = View.Version, EndedOn = DateParts.From(View.Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        End = new EndModel { Version = View.Version, EndedOn = DateParts.From(View.Today) };
        var type = Choice<RegistrationType>(Input.Type);
        if (type is null)
        {
            ModelState.AddModelError("Input.Type", "Select the flag");
        }

        var started = Input.StartedOn.Parse("the start of the flag", ModelState, "Input.StartedOn");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.AddAsync(
            new RecordRegistrationCommand(crn, Input.Version, type!.Value, started!.Value, Choice<MappaLevel>(Input.MappaLevel), Choice<MappaCategory>(Input.MappaCategory)), ct);
        return Done(outcome, $"Flag added: {Registration.Describe(type.Value)}.");
    }

    public async Task<IActionResult> OnPostEndAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version, StartedOn = DateParts.From(View.Today) };
        var ended = End.EndedOn.Parse("the end of the flag", ModelState, "End.EndedOn");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.EndAsync(new EndRegistrationCommand(crn, End.Version, End.RegistrationId, ended!.Value), ct);
        return Done(outcome, "The flag has been ended.", "End.");
    }
}
