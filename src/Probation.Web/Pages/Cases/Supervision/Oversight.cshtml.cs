using Microsoft.AspNetCore.Mvc;
using Probation.Application.Oversight;
using Probation.Application.Supervision;
using Probation.Domain.Oversight;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>
/// Management oversight on a case: what the team manager has countersigned, their directions and whether
/// each was followed. Only the manager of the team holding the case records it; the officer and others see it.
/// </summary>
public sealed class OversightModel(SupervisionQueries queries, RecordOversight record) : SupervisionPageModel(queries)
{
    protected override string Purpose => "Management oversight page";

    [BindProperty]
    public SignInput Sign { get; set; } = new();

    [BindProperty]
    public DirectInput Direct { get; set; } = new();

    [BindProperty]
    public CheckInput Check { get; set; } = new();

    public sealed class SignInput
    {
        public int Version { get; set; }

        /// <summary>"Plan", or "Assessment:12" / "Review:7".</summary>
        public string? Item { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class DirectInput
    {
        public int Version { get; set; }
        public string? Direction { get; set; }
        public DateParts CheckBy { get; set; } = new();
    }

    public sealed class CheckInput
    {
        public int Version { get; set; }
        public int EntryId { get; set; }
        public string? Followed { get; set; }
        public string? Comment { get; set; }
    }

    /// <summary>The work that can be countersigned and is not yet: completed assessments, the completed plan, reviews.</summary>
    public IReadOnlyList<(string Value, string Text)> Countersignable
    {
        get
        {
            bool Signed(OversightSubject s, int? id) => View.Oversight.Any(o => o.Kind == OversightKind.Countersignature && o.Subject == s && o.SubjectId == id);
            var items = new List<(string, string)>();
            items.AddRange(View.Assessments.Where(a => a.CompletedOn is not null && !Signed(OversightSubject.Assessment, a.Id))
                .Select(a => ($"Assessment:{a.Id}", $"{(a.Kind == Domain.Supervision.AssessmentKind.SignificantChange ? "Significant change" : a.Kind.ToString())} assessment completed {a.CompletedOn:d MMMM yyyy} by {a.AssessedBy}")));
            if (View.Plan is { CompletedOn: { } planned } plan && !Signed(OversightSubject.Plan, plan.Id))
            {
                items.Add(("Plan", $"Sentence plan completed {planned:d MMMM yyyy} by {plan.WrittenBy}"));
            }

            items.AddRange(View.Reviews.Where(r => !Signed(OversightSubject.Review, r.Id))
                .Select(r => ($"Review:{r.Id}", $"{(r.Kind == Domain.Supervision.ReviewKind.Triggered ? "Triggered review" : "Review")} completed {r.CompletedOn:d MMMM yyyy} by {r.ReviewedBy}")));
            return items;
        }
    }

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        Reset();
        return Page();
    }

    public async Task<IActionResult> OnPostSignAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var (subject, id) = Parse(Sign.Item);
        if (subject is null)
        {
            ModelState.AddModelError("Sign.Item", "Select the work you are countersigning");
            return Page();
        }

        var outcome = await record.CountersignAsync(new CountersignCommand(crn, Sign.Version, subject.Value, id, Sign.Comment), ct);
        return Done(outcome, $"You countersigned the {RecordOversight.Describe(subject.Value)}.", "Sign.");
    }

    public async Task<IActionResult> OnPostDirectAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var by = Direct.CheckBy.Parse("the check date", ModelState, "Direct.CheckBy");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await record.DirectAsync(new DirectionCommand(crn, Direct.Version, Direct.Direction, by), ct);
        return Done(outcome, $"Your direction is recorded, to check by {by:d MMMM yyyy}.", "Direct.");
    }

    public async Task<IActionResult> OnPostCheckAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        bool? followed = Check.Followed switch { "yes" => true, "no" => false, _ => null };
        var outcome = await record.CheckAsync(new DirectionCheckCommand(crn, Check.Version, Check.EntryId, followed, Check.Comment), ct);
        return Done(outcome, followed == true ? "You recorded that the direction was followed." : "You recorded that the direction was not followed.", "Check.");
    }

    private void Reset()
    {
        Sign = new SignInput { Version = View.Version };
        Direct = new DirectInput { Version = View.Version };
        Check = new CheckInput { Version = View.Version };
    }

    private static (OversightSubject? Subject, int? Id) Parse(string? item)
    {
        if (item == "Plan")
        {
            return (OversightSubject.Plan, null);
        }

        var parts = (item ?? "").Split(':');
        return parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? parts[0] switch
            {
                "Assessment" => (OversightSubject.Assessment, id),
                "Review" => (OversightSubject.Review, id),
                _ => (null, null),
            }
            : (null, null);
    }
}
