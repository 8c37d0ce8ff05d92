using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Supervision;
using Probation.Web.GovUk;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>
/// A case's practice alerts, what each one means, and the team manager's reasoned exceptions to them.
/// An exception holds an alert back for a while; it does not dismiss the work, which the use case enforces.
/// </summary>
public sealed class AlertsModel(SupervisionQueries queries, RecordAlertException record) : SupervisionPageModel(queries)
{
    protected override string Purpose => "Practice alerts page";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Code { get; set; }
        public string? Reason { get; set; }
        public DateParts Until { get; set; } = new();
    }

    /// <summary>Only an alert raised now can be held back by an exception.</summary>
    public IReadOnlyList<AlertCode> Raised => View.Alerts.Select(a => a.Code).Distinct().ToList();

    public IReadOnlyList<ExceptionView> CurrentExceptions => View.Exceptions.Where(e => e.Until >= View.Today).ToList();

    public IReadOnlyList<ExceptionView> PastExceptions => View.Exceptions.Where(e => e.Until < View.Today).ToList();

    public DateOnly LatestUntil => View.Today.AddDays(AlertExceptionEntry.MaxDays);

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

        var code = Choice<AlertCode>(Input.Code);
        if (code is null)
        {
            ModelState.AddModelError("Input.Code", "Select the alert");
        }

        var until = Input.Until.Parse("the end of the exception", ModelState, "Input.Until");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.RunAsync(new AlertExceptionCommand(crn, Input.Version, code!.Value, Input.Reason, until!.Value), ct);
        return Done(outcome, $"Exception recorded until {until.Value:d MMMM yyyy}: {Sentence(AlertCodes.Describe(code.Value))}");
    }

    public static string Sentence(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

}
