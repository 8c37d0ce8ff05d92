using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Resettlement;
using Probation.Domain.Resettlement;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Resettlement;

/// <summary>Records the day of release and what was in place: accommodation, the first appointment, benefits.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class ReleaseModel(ResettlementQueries queries, RecordRelease record) : ResettlementPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    protected override string Purpose => "Release from custody";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? Accommodation { get; set; }
        public DateParts FirstAppointmentOn { get; set; } = new();
        public string? BenefitsInPlace { get; set; }
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        if (NeedsOpenRecord() is { } back)
        {
            return back;
        }

        Input = new InputModel { Version = View.Version, On = DateParts.From(View.Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var on = Input.On.Parse("release", ModelState, "Input.On");
        var accommodation = Choice<AccommodationOnRelease>(Input.Accommodation);
        if (accommodation is null)
        {
            ModelState.AddModelError("Input.Accommodation", "Select where the person went on release");
        }

        var appointment = Input.FirstAppointmentOn.Parse("the first appointment", ModelState, "Input.FirstAppointmentOn", required: false);
        bool? benefits = Input.BenefitsInPlace switch { "yes" => true, "no" => false, _ => null };
        if (benefits is null)
        {
            ModelState.AddModelError("Input.BenefitsInPlace", "Select whether benefits were in place on release");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        return Done(await record.RunAsync(new ReleaseCommand(crn, Input.Version, on!.Value, accommodation, appointment, benefits, Input.Notes), ct), "The release is recorded.");
    }
}
