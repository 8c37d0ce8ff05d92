using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Cases;

/// <summary>Records a new risk of serious harm classification through the same use case as the API.</summary>
public sealed class RiskModel(GetCaseOverview get, UpdateRiskProfile update) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Crn { get; private set; } = string.Empty;
    public string CaseName { get; private set; } = string.Empty;

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Rosh { get; set; }
        public bool RiskToChildren { get; set; }
        public bool RiskToKnownAdult { get; set; }
        public bool RiskToPublic { get; set; }
        public bool RiskToStaff { get; set; }
        public string? OgrsScore { get; set; }
        public string? Day { get; set; }
        public string? Month { get; set; }
        public string? Year { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        var c = await LoadAsync(crn, ct);
        if (c is null)
        {
            return NotFound();
        }

        Input = new InputModel
        {
            Version = c.Version,
            Rosh = c.Risk.Rosh?.ToString(),
            RiskToChildren = c.Risk.RiskToChildren,
            RiskToKnownAdult = c.Risk.RiskToKnownAdult,
            RiskToPublic = c.Risk.RiskToPublic,
            RiskToStaff = c.Risk.RiskToStaff,
            OgrsScore = c.Risk.OgrsScore?.ToString(CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        var c = await LoadAsync(crn, ct);
        if (c is null)
        {
            return NotFound();
        }

        RoshLevel rosh = default;
        if (string.IsNullOrEmpty(Input.Rosh) || !Enum.TryParse(Input.Rosh, out rosh) || !Enum.IsDefined(rosh))
        {
            ModelState.AddModelError("Input.Rosh", "Select the risk of serious harm level");
        }

        int? ogrs = null;
        if (!string.IsNullOrWhiteSpace(Input.OgrsScore))
        {
            if (int.TryParse(Input.OgrsScore.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var score) && OgrsScore.TryFrom(score, out _))
            {
                ogrs = score;
            }
            else
            {
                ModelState.AddModelError("Input.OgrsScore", "Enter an OGRS score as a whole number from 0 to 99");
            }
        }

        var assessedOn = ParseDate(Input.Day, Input.Month, Input.Year, out var dateError);
        if (dateError is not null)
        {
            ModelState.AddModelError("Input.AssessedOn", dateError);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await update.RunAsync(
            new UpdateRiskProfileCommand(crn, Input.Version, rosh, Input.RiskToChildren, Input.RiskToKnownAdult, Input.RiskToPublic, Input.RiskToStaff, ogrs, assessedOn!.Value),
            ct);
        return this.Show(outcome, () => Redirect($"/cases/{c.Crn.ToLowerInvariant()}?saved=true"));
    }

    private async Task<CaseOverview?> LoadAsync(string crn, CancellationToken ct)
    {
        var lookup = await get.RunAsync(crn, "Risk profile form", ct);
        if (lookup.Case is not { ViewerMayRecordRisk: true } c)
        {
            return null;
        }

        Crn = c.Crn;
        CaseName = $"{c.FirstName} {c.LastName}";
        return c;
    }

    /// <summary>GOV.UK date input: each part checked, and the whole checked as a real date (no 31 February).</summary>
    internal static DateOnly? ParseDate(string? day, string? month, string? year, out string? error) =>
        new Supervision.DateParts { Day = day, Month = month, Year = year }.Parse("the risk assessment", out error);
}
