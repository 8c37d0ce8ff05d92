using Microsoft.EntityFrameworkCore;
using Probation.Domain.Common;
using Probation.Domain.Supervision;

namespace Probation.Application.Supervision;

public sealed record ObjectiveInput(string? Text, ObjectiveLinks Links, int Priority, DateOnly TargetDate);

public sealed record ScheduleInput(int RequirementId, DateOnly StartsOn, DateOnly CompleteBy, string? Pattern);

public sealed record PlanCommand(
    string Crn,
    int ExpectedVersion,
    DateOnly On,
    string? PersonsInvolvement,
    int ContactsPerMonth,
    string? ContactPattern,
    string? ConstructiveInterventions,
    string? RestrictiveInterventions,
    string? ContingencyArrangements,
    string? OtherAgencies,
    string? VictimSafety,
    string? DomesticAbuseMeasures,
    string? ChildSafeguardingMeasures,
    IReadOnlyList<ObjectiveInput> Objectives,
    IReadOnlyList<ScheduleInput> Schedule);

/// <summary>
/// Writes the sentence plan and risk management plan (standard 2.2), or revises it. Objectives worded
/// word for word like a template or another case's plan are kept but flagged, because the report found
/// standardised objectives that were not written for the person.
/// </summary>
public sealed class WritePlan(CaseChange change)
{
    public const int MaxObjectives = 12;

    public async Task<Outcome<Saved>> RunAsync(PlanCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.Judgement, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        var bad = SupervisionRules.Date(c.On, today, person, nameof(c.On), "plan")
            ?? SupervisionRules.Text(c.PersonsInvolvement, SentencePlan.TextMaxLength, nameof(c.PersonsInvolvement), "how the person was involved in the plan", true)
            ?? SupervisionRules.Text(c.ContactPattern, ScheduledRequirement.PatternMaxLength, nameof(c.ContactPattern), "the contact pattern", false);
        foreach (var (value, field) in new[]
                 {
                     (c.ConstructiveInterventions, nameof(c.ConstructiveInterventions)), (c.RestrictiveInterventions, nameof(c.RestrictiveInterventions)),
                     (c.ContingencyArrangements, nameof(c.ContingencyArrangements)), (c.OtherAgencies, nameof(c.OtherAgencies)),
                     (c.VictimSafety, nameof(c.VictimSafety)), (c.DomesticAbuseMeasures, nameof(c.DomesticAbuseMeasures)),
                     (c.ChildSafeguardingMeasures, nameof(c.ChildSafeguardingMeasures)),
                 })
        {
            bad ??= SupervisionRules.Text(value, SentencePlan.TextMaxLength, field, "this part of the plan", false);
        }

        if (bad is not null)
        {
            return CaseChange.Fail(bad);
        }

        if (c.ContactsPerMonth is < 1 or > 31)
        {
            return CaseChange.Fail(Outcome.Refuse("Set the contact level: from 1 to 31 contacts a month", nameof(c.ContactsPerMonth)));
        }

        if (c.Objectives.Count > MaxObjectives)
        {
            return CaseChange.Fail(Outcome.Refuse($"A plan has at most {MaxObjectives} objectives: prioritise", nameof(c.Objectives)));
        }

        for (var i = 0; i < c.Objectives.Count; i++)
        {
            if (SupervisionRules.Text(c.Objectives[i].Text, PlanObjective.TextMaxLength, $"Objectives[{i}].Text", $"what objective {i + 1} is", true) is { } text)
            {
                return CaseChange.Fail(text);
            }
        }

        if (c.Schedule.Any(s => SupervisionRules.Text(s.Pattern, ScheduledRequirement.PatternMaxLength, "Schedule", "how the requirement will be delivered", true) is not null))
        {
            return CaseChange.Fail(Outcome.Refuse($"Say how each scheduled requirement will be delivered, in {ScheduledRequirement.PatternMaxLength} characters or fewer", "Schedule"));
        }

        if (!person.Assessments.Any(a => a.CompletedOn is { } done && done <= c.On))
        {
            return CaseChange.Fail(Outcome.Refuse("Complete an assessment before writing the plan: the plan is built on it", nameof(c.On)));
        }

        if (person.Plan is { } existing && c.On < existing.LastRevisedOn)
        {
            return CaseChange.Fail(Outcome.Refuse($"The plan was last revised on {existing.LastRevisedOn:d MMMM yyyy}: a revision cannot be dated before that", nameof(c.On)));
        }

        var requirements = person.Orders.SelectMany(o => o.Requirements).ToDictionary(r => r.Id);
        var draft = new SentencePlan
        {
            PersonId = person.Id,
            CompletedOn = person.Plan?.CompletedOn ?? c.On,
            LastRevisedOn = c.On,
            WrittenBy = change.Viewer.UserName,
            PersonsInvolvement = c.PersonsInvolvement!.Trim(),
            ContactsPerMonth = c.ContactsPerMonth,
            ContactPattern = Clean(c.ContactPattern),
            ConstructiveInterventions = Clean(c.ConstructiveInterventions),
            RestrictiveInterventions = Clean(c.RestrictiveInterventions),
            ContingencyArrangements = Clean(c.ContingencyArrangements),
            OtherAgencies = Clean(c.OtherAgencies),
            VictimSafety = Clean(c.VictimSafety),
            DomesticAbuseMeasures = Clean(c.DomesticAbuseMeasures),
            ChildSafeguardingMeasures = Clean(c.ChildSafeguardingMeasures),
            Objectives = c.Objectives.Select(o => new PlanObjective
            {
                Text = o.Text!.Trim(),
                NormalisedText = SupervisionRules.Normalise(o.Text!),
                Links = o.Links,
                Priority = o.Priority,
                TargetDate = o.TargetDate,
            }).ToList(),
            Schedule = c.Schedule.Select(s => new ScheduledRequirement
            {
                RequirementId = s.RequirementId,
                Type = requirements.TryGetValue(s.RequirementId, out var r) ? r.Type : default,
                StartsOn = s.StartsOn,
                CompleteBy = s.CompleteBy,
                Pattern = s.Pattern!.Trim(),
            }).ToList(),
        };
        var rule = SupervisionRules.Plan(draft, person, c.On);
        if (rule is not null)
        {
            return CaseChange.Fail(rule);
        }

        // Copies: the same words in a template, or in another case's plan.
        var texts = draft.Objectives.Select(o => o.NormalisedText).Distinct().ToList();
        var ownPlanId = person.Plan?.Id ?? 0;
        var elsewhere = (await change.Db.PlanObjectives.AsNoTracking()
            .Where(o => texts.Contains(o.NormalisedText) && o.PlanId != ownPlanId)
            .Select(o => o.NormalisedText).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var o in draft.Objectives)
        {
            o.Copied = SupervisionRules.TemplateObjectives.Contains(o.NormalisedText) ? CopiedFrom.Template
                : elsewhere.Contains(o.NormalisedText) ? CopiedFrom.AnotherCase
                : null;
        }

        if (person.Plan is null)
        {
            person.Plan = draft;
        }
        else
        {
            Revise(person.Plan, draft);
        }

        var plan = person.Plan;
        return await change.SaveAsync(person, plan.CompletedOn == c.On && plan.LastRevisedOn == c.On ? "Sentence plan written" : "Sentence plan revised", () => plan.Id, ct);
    }

    /// <summary>A revision keeps objectives whose words are unchanged (so reviews stay linked to them) and replaces the rest.</summary>
    private static void Revise(SentencePlan plan, SentencePlan draft)
    {
        plan.LastRevisedOn = draft.LastRevisedOn;
        plan.WrittenBy = draft.WrittenBy;
        plan.PersonsInvolvement = draft.PersonsInvolvement;
        plan.ContactsPerMonth = draft.ContactsPerMonth;
        plan.ContactPattern = draft.ContactPattern;
        plan.ConstructiveInterventions = draft.ConstructiveInterventions;
        plan.RestrictiveInterventions = draft.RestrictiveInterventions;
        plan.ContingencyArrangements = draft.ContingencyArrangements;
        plan.OtherAgencies = draft.OtherAgencies;
        plan.VictimSafety = draft.VictimSafety;
        plan.DomesticAbuseMeasures = draft.DomesticAbuseMeasures;
        plan.ChildSafeguardingMeasures = draft.ChildSafeguardingMeasures;

        var kept = new List<PlanObjective>();
        foreach (var o in draft.Objectives)
        {
            var same = plan.Objectives.FirstOrDefault(x => x.NormalisedText == o.NormalisedText && !kept.Contains(x));
            if (same is null)
            {
                kept.Add(o);
                continue;
            }

            same.Text = o.Text;
            same.Links = o.Links;
            same.Priority = o.Priority;
            same.TargetDate = o.TargetDate;
            same.Copied = o.Copied;
            kept.Add(same);
        }

        plan.Objectives.RemoveAll(x => !kept.Contains(x));
        plan.Objectives.AddRange(kept.Where(x => x.Id == 0));
        plan.Schedule.Clear();
        plan.Schedule.AddRange(draft.Schedule);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
