using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Resettlement;
using Probation.Domain.Resettlement;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Resettlement;

/// <summary>Records that the person is in custody, or corrects the open custody record.</summary>
[Authorize(Policy = Policies.CaseWorker)]
public sealed class CustodyModel(ResettlementQueries queries, RecordCustody record) : ResettlementPageModel(queries)
{
    private readonly ResettlementQueries _queries = queries;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<PrisonView> Prisons { get; private set; } = [];

    protected override string Purpose => "Custody record";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? PrisonCode { get; set; }
        public DateParts ReceptionDate { get; set; } = new();
        public DateParts SentenceDate { get; set; } = new();
        public string? SentenceLengthMonths { get; set; }
        public DateParts ExpectedReleaseDate { get; set; } = new();
        public string? ReleaseType { get; set; }
        public bool WomensThroughcare { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        if (!View.MayRecord)
        {
            return Redirect(RecordUrl);
        }

        Prisons = await _queries.PrisonsAsync(ct);
        var c = View.Current;
        Input = new InputModel
        {
            Version = View.Version,
            PrisonCode = c?.PrisonCode,
            ReceptionDate = DateParts.From(c?.ReceptionDate),
            SentenceDate = DateParts.From(c?.SentenceDate),
            SentenceLengthMonths = c?.SentenceLengthMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExpectedReleaseDate = DateParts.From(c?.ExpectedReleaseDate),
            ReleaseType = c?.ReleaseType.ToString(),
            WomensThroughcare = c?.WomensThroughcare ?? false,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Prisons = await _queries.PrisonsAsync(ct);
        if (string.IsNullOrWhiteSpace(Input.PrisonCode))
        {
            ModelState.AddModelError("Input.PrisonCode", "Select the prison");
        }

        var reception = Input.ReceptionDate.Parse("reception into prison", ModelState, "Input.ReceptionDate");
        var sentence = Input.SentenceDate.Parse("the sentence", ModelState, "Input.SentenceDate");
        var months = Number(Input.SentenceLengthMonths);
        if (months is null)
        {
            ModelState.AddModelError("Input.SentenceLengthMonths", "Enter the sentence length in months, as a number");
        }

        var release = Input.ExpectedReleaseDate.Parse("expected release", ModelState, "Input.ExpectedReleaseDate");
        var type = Choice<ReleaseType>(Input.ReleaseType);
        if (type is null)
        {
            ModelState.AddModelError("Input.ReleaseType", "Select the type of release");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.RunAsync(
            new CustodyCommand(crn, Input.Version, View.Current?.Id, Input.PrisonCode, reception!.Value, sentence!.Value, months!.Value, release!.Value, type!.Value, Input.WomensThroughcare), ct);
        return Done(outcome, View.Current is null ? "The custody record is saved." : "The custody record is corrected.");
    }
}
