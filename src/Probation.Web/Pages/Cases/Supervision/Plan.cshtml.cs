using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Domain.Cases;
using Probation.Domain.Supervision;

namespace Probation.Web.Pages.Cases.Supervision;

/// <summary>The sentence plan and risk management plan (standard 2.2): written with the person, revised at reviews.</summary>
public sealed class PlanModel(SupervisionQueries queries, WritePlan write) : SupervisionPageModel(queries)
{
    /// <summary>Rows offered for objectives; blank rows are ignored.</summary>
    public const int ObjectiveRows = 5;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    protected override string Purpose => "Sentence plan";

    public sealed class ObjectiveRow
    {
        public string? Text { get; set; }
        public List<string> Links { get; set; } = [];
        public string? Priority { get; set; }
        public DateParts TargetDate { get; set; } = new();
    }

    public sealed class ScheduleRow
    {
        public int RequirementId { get; set; }
        public bool Include { get; set; }
        public DateParts StartsOn { get; set; } = new();
        public DateParts CompleteBy { get; set; } = new();
        public string? Pattern { get; set; }
    }

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateParts On { get; set; } = new();
        public string? PersonsInvolvement { get; set; }
        public string? ContactsPerMonth { get; set; }
        public string? ContactPattern { get; set; }
        public string? ConstructiveInterventions { get; set; }
        public string? RestrictiveInterventions { get; set; }
        public string? ContingencyArrangements { get; set; }
        public string? OtherAgencies { get; set; }
        public string? VictimSafety { get; set; }
        public string? DomesticAbuseMeasures { get; set; }
        public string? ChildSafeguardingMeasures { get; set; }
        public List<ObjectiveRow> Objectives { get; set; } = [];
        public List<ScheduleRow> Schedule { get; set; } = [];
    }

    /// <summary>Whether the requirement is one the plan must schedule (the safety net checks these).</summary>
    public static bool MustSchedule(RequirementType t) =>
        t is RequirementType.RehabilitationActivity or RequirementType.UnpaidWork or RequirementType.AccreditedProgramme;

    public static IEnumerable<(ObjectiveLinks Link, string Name)> AllLinks() =>
        Enum.GetValues<ObjectiveLinks>().Where(l => l != ObjectiveLinks.None).Select(l => (l, SupervisionQueries.LinkNames(l)[0]));

    public async Task<IActionResult> OnGetAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        var p = View.Plan;
        Input = new InputModel
        {
            Version = View.Version,
            On = DateParts.From(View.Today),
            PersonsInvolvement = p?.PersonsInvolvement,
            ContactsPerMonth = (p?.ContactsPerMonth ?? View.ContactsPerMonthForResourceLevel ?? 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ContactPattern = p?.ContactPattern,
            ConstructiveInterventions = p?.ConstructiveInterventions,
            RestrictiveInterventions = p?.RestrictiveInterventions,
            ContingencyArrangements = p?.ContingencyArrangements,
            OtherAgencies = p?.OtherAgencies,
            VictimSafety = p?.VictimSafety,
            DomesticAbuseMeasures = p?.DomesticAbuseMeasures,
            ChildSafeguardingMeasures = p?.ChildSafeguardingMeasures,
            Objectives = (p?.Objectives ?? []).Select(o => new ObjectiveRow
            {
                Text = o.Text,
                Links = AllLinks().Where(l => o.Links.HasFlag(l.Link)).Select(l => l.Link.ToString()).ToList(),
                Priority = o.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TargetDate = DateParts.From(o.TargetDate),
            }).ToList(),
            Schedule = View.Requirements.Select(r => p?.Schedule.FirstOrDefault(s => s.RequirementId == r.Id) is { } s
                ? new ScheduleRow { RequirementId = r.Id, Include = true, StartsOn = DateParts.From(s.StartsOn), CompleteBy = DateParts.From(s.CompleteBy), Pattern = s.Pattern }
                : new ScheduleRow { RequirementId = r.Id }).ToList(),
        };
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crn, CancellationToken ct)
    {
        if (await LoadAsync(crn, ct) is { } missing)
        {
            return missing;
        }

        if (!View.MayJudge)
        {
            return Forbid();
        }

        var on = Input.On.Parse("the plan", ModelState, "Input.On");
        var contacts = Number(Input.ContactsPerMonth);
        if (contacts is null)
        {
            ModelState.AddModelError("Input.ContactsPerMonth", "Enter the number of contacts a month as a whole number");
        }

        var objectives = new List<ObjectiveInput>();
        for (var i = 0; i < Input.Objectives.Count; i++)
        {
            var row = Input.Objectives[i];
            if (string.IsNullOrWhiteSpace(row.Text))
            {
                continue;
            }

            var links = row.Links.Select(Choice<ObjectiveLinks>).OfType<ObjectiveLinks>().Aggregate(ObjectiveLinks.None, (all, l) => all | l);
            var priority = Number(row.Priority);
            if (priority is null)
            {
                ModelState.AddModelError($"Input.Objectives[{i}].Priority", $"Give objective {i + 1} a priority as a number");
            }

            var target = row.TargetDate.Parse($"the target for objective {i + 1}", ModelState, $"Input.Objectives[{i}].TargetDate");
            objectives.Add(new ObjectiveInput(row.Text, links, priority ?? 0, target ?? default));
        }

        var schedule = new List<ScheduleInput>();
        foreach (var row in Input.Schedule.Where(r => r.Include))
        {
            var starts = row.StartsOn.Parse("the start of the requirement", ModelState, "Input.Schedule");
            var by = row.CompleteBy.Parse("the planned end of the requirement", ModelState, "Input.Schedule");
            schedule.Add(new ScheduleInput(row.RequirementId, starts ?? default, by ?? default, row.Pattern));
        }

        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var outcome = await write.RunAsync(
            new PlanCommand(
                crn, Input.Version, on!.Value, Input.PersonsInvolvement, contacts!.Value, Input.ContactPattern, Input.ConstructiveInterventions,
                Input.RestrictiveInterventions, Input.ContingencyArrangements, Input.OtherAgencies, Input.VictimSafety, Input.DomesticAbuseMeasures,
                Input.ChildSafeguardingMeasures, objectives, schedule),
            ct);
        Pad();
        return Done(outcome, View.Plan is null ? "The plan has been written." : "The plan has been revised.");
    }

    private void Pad()
    {
        while (Input.Objectives.Count < Math.Max(ObjectiveRows, (View.Plan?.Objectives.Count ?? 0) + 1))
        {
            Input.Objectives.Add(new ObjectiveRow());
        }
    }
}
