using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Supervision;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>Referrals to services and partners (standard 2.3): mental health, women's centres, housing, substance misuse, citizenship modules; and what came of them.</summary>
public sealed class ReferralsModel(SupervisionQueries queries, RecordReferral record) : SupervisionPageModel(queries)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public OutcomeModel Result { get; set; } = new();

    protected override string Purpose => "Referrals";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? Service { get; set; }
        public string? Detail { get; set; }
    }

    public sealed class OutcomeModel
    {
        public int Version { get; set; }
        public int ReferralId { get; set; }
        public string? Outcome { get; set; }
        public DateParts OutcomeOn { get; set; } = new();
    }

    public static string Describe(ReferralService s) => s switch
    {
        ReferralService.MentalHealth => "Mental health service",
        ReferralService.WomensCentre => "Women's centre",
        ReferralService.Housing => "Housing",
        ReferralService.SubstanceMisuse => "Substance misuse service",
        ReferralService.CitizenshipModule => "Citizenship module (RAR day)",
        ReferralService.EmploymentAndSkills => "Employment and skills",
        ReferralService.FinanceBenefitAndDebt => "Finance, benefit and debt",
        ReferralService.DomesticAbuseSupport => "Domestic abuse support",
        _ => "Other",
    };

    public static string Describe(ReferralOutcome o) => o switch
    {
        ReferralOutcome.Awaiting => "Awaiting",
        ReferralOutcome.Accepted => "Accepted",
        ReferralOutcome.Declined => "Declined by the service",
        ReferralOutcome.Completed => "Completed",
        ReferralOutcome.DidNotEngage => "Did not engage",
        _ => o.ToString(),
    };

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version, On = DateParts.From(View.Today) };
        Result = new OutcomeModel { Version = View.Version, OutcomeOn = DateParts.From(View.Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Result = new OutcomeModel { Version = View.Version, OutcomeOn = DateParts.From(View.Today) };
        var on = Input.On.Parse("the referral", ModelState, "Input.On");
        var service = Choice<ReferralService>(Input.Service);
        if (service is null)
        {
            ModelState.AddModelError("Input.Service", "Select the service");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.RunAsync(new ReferralCommand(crn, Input.Version, on!.Value, service!.Value, Input.Detail, ReferralOutcome.Awaiting, null), ct);
        return Done(outcome, $"The referral to {Describe(service.Value).ToLowerInvariant()} is recorded.");
    }

    public async Task<IActionResult> OnPostOutcomeAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Input = new InputModel { Version = View.Version, On = DateParts.From(View.Today) };
        var result = Choice<ReferralOutcome>(Result.Outcome);
        if (result is null or ReferralOutcome.Awaiting)
        {
            ModelState.AddModelError("Result.Outcome", "Select the outcome");
        }

        var on = Result.OutcomeOn.Parse("the outcome", ModelState, "Result.OutcomeOn");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.OutcomeAsync(new ReferralOutcomeCommand(crn, Result.Version, Result.ReferralId, result!.Value, on!.Value), ct);
        return Done(outcome, "The outcome of the referral is recorded.", "Result.");
    }
}
