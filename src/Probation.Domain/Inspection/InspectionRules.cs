using Probation.Domain.Common;

namespace Probation.Domain.Inspection;

/// <summary>
/// The rules of an inspection as a record: when its inspectors may see the sampled cases, how its status moves,
/// when samples may be drawn, and what its evidence must hold. Each refusal says why and names its field.
/// </summary>
public static class InspectionRules
{
    public const int MaxFieldworkDays = 92;

    /// <summary>
    /// The inspection team sees its sampled cases only during fieldwork: the status is Fieldwork and today is
    /// within the fieldwork dates. Before, after, or once the inspection moves to reporting, the cases are closed.
    /// </summary>
    public static bool CasesOpen(InspectionStatus status, DateOnly fieldworkFrom, DateOnly fieldworkTo, DateOnly today) =>
        status == InspectionStatus.Fieldwork && fieldworkFrom <= today && today <= fieldworkTo;

    /// <summary>Why the cases are closed to the inspectors today, or null when they are open.</summary>
    public static string? WhyCasesClosed(InspectionStatus status, DateOnly fieldworkFrom, DateOnly fieldworkTo, DateOnly today) =>
        status switch
        {
            InspectionStatus.Planned => "Fieldwork has not started: the sampled cases open to the inspection team when the lead inspector starts fieldwork.",
            InspectionStatus.Reporting or InspectionStatus.Published => "Fieldwork is over: the sampled cases are closed to the inspection team.",
            _ when today < fieldworkFrom => $"Fieldwork starts on {fieldworkFrom:d MMMM yyyy}: the sampled cases open on that day.",
            _ when today > fieldworkTo => $"Fieldwork ended on {fieldworkTo:d MMMM yyyy}: the sampled cases are closed to the inspection team.",
            _ => null,
        };

    public static Refused? CheckDetails(string? title, DateOnly from, DateOnly to)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return new Refused("Enter the inspection's title", "Title");
        }

        if (title.Trim().Length > InspectionRecord.TitleMaxLength)
        {
            return new Refused($"The title must be {InspectionRecord.TitleMaxLength} characters or fewer", "Title");
        }

        if (to < from)
        {
            return new Refused($"Fieldwork must end on or after the day it starts ({from:d MMMM yyyy})", "FieldworkTo");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxFieldworkDays)
        {
            return new Refused($"Fieldwork lasts at most {MaxFieldworkDays} days; {from:d MMMM yyyy} to {to:d MMMM yyyy} is longer", "FieldworkTo");
        }

        return null;
    }

    /// <summary>Samples are drawn while the inspection is planned; once fieldwork starts they are fixed, so the cases assessed are the cases drawn.</summary>
    public static Refused? CheckDraw(InspectionStatus status, ProviderType type, SampleKind kind)
    {
        if (status != InspectionStatus.Planned)
        {
            return new Refused("The samples are fixed once fieldwork starts: a sample cannot be drawn again.", "Kind");
        }

        return SampleEligibility.SamplesFor(type).Contains(kind)
            ? null
            : new Refused($"An inspection of an NPS division draws no {SampleEligibility.Describe(kind).ToLowerInvariant()} sample: that is CRC-specific work (domain four).", "Kind");
    }

    /// <summary>The status moves one way: planned, fieldwork (with at least one sample drawn), reporting, published.</summary>
    public static Refused? CheckStatusChange(InspectionStatus from, InspectionStatus to, int samplesDrawn)
    {
        var next = Next(from);
        if (next != to)
        {
            return new Refused(next is { } n
                ? $"An inspection that is {Describe(from).ToLowerInvariant()} moves next to {Describe(n).ToLowerInvariant()}, not {Describe(to).ToLowerInvariant()}."
                : "The report is published: the inspection's status does not change again.", "Status");
        }

        return to == InspectionStatus.Fieldwork && samplesDrawn == 0
            ? new Refused("Draw the case samples before fieldwork starts.", "Status")
            : null;
    }

    public static InspectionStatus? Next(InspectionStatus status) => status switch
    {
        InspectionStatus.Planned => InspectionStatus.Fieldwork,
        InspectionStatus.Fieldwork => InspectionStatus.Reporting,
        InspectionStatus.Reporting => InspectionStatus.Published,
        _ => null,
    };

    public static string Describe(InspectionStatus status) => status switch
    {
        InspectionStatus.Planned => "Planned",
        InspectionStatus.Fieldwork => "Fieldwork",
        InspectionStatus.Reporting => "Reporting",
        _ => "Published",
    };

    public static string Describe(RecommendationStatus status) => status switch
    {
        RecommendationStatus.Open => "Open",
        RecommendationStatus.InProgress => "In progress",
        _ => "Completed",
    };

    /// <summary>The evidence, ratings and recommendations are the inspectors' until the report is published; then they stand as published.</summary>
    public static Refused? CheckEvidenceOpen(InspectionStatus status) =>
        status == InspectionStatus.Published ? new Refused("The report is published: its evidence, ratings and recommendations no longer change.") : null;

    /// <summary>A staff-interview question: how many were asked, and how many of them answered yes.</summary>
    public static Refused? CheckInterviewQuestion(string? text, int asked, int answeredYes)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Refused("Enter the question the staff were asked", "Text");
        }

        if (text.Trim().Length > InspectionRecord.TitleMaxLength * 2)
        {
            return new Refused($"The question must be {InspectionRecord.TitleMaxLength * 2} characters or fewer", "Text");
        }

        if (asked < 1)
        {
            return new Refused("Enter how many staff were asked: 1 or more", "Asked");
        }

        return answeredYes < 0 || answeredYes > asked
            ? new Refused($"The number answering yes must be from 0 to the {asked} asked", "AnsweredYes")
            : null;
    }

    /// <summary>The percentage answering yes, rounded as key questions are (the report: "90 per cent of the 52").</summary>
    public static int PercentYes(int asked, int answeredYes) => Ratings.PercentYes(answeredYes, asked - answeredYes);

    public static Refused? CheckText(string? text, string field, string what, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? new Refused($"Enter {what}", field) : null;
        }

        return text.Trim().Length > max ? new Refused($"{char.ToUpperInvariant(what[0])}{what[1..]} must be {max} characters or fewer", field) : null;
    }

    /// <summary>
    /// After publication the provider tracks each recommendation to completion: completing one needs the progress
    /// that completed it; a completed one stays completed.
    /// </summary>
    public static Refused? CheckProgress(RecommendationStatus current, RecommendationStatus status, string? progress)
    {
        if (current == RecommendationStatus.Completed && status != RecommendationStatus.Completed)
        {
            return new Refused("This recommendation is completed: it cannot be opened again.", "Status");
        }

        if (status == RecommendationStatus.Completed && string.IsNullOrWhiteSpace(progress))
        {
            return new Refused("Say what was done to complete the recommendation", "Progress");
        }

        return CheckText(progress, "Progress", "the progress", InspectionRecord.TextMaxLength, required: false);
    }

    /// <summary>
    /// The case-based standards of a provider type that no sample of this product draws cases for: the NPS's 3.1 and
    /// 3.2, whose cases are court reports and victims. Their key question counts are entered by the inspectors.
    /// </summary>
    public static IReadOnlyList<Standard> RatedFromEnteredCounts(Framework framework, ProviderType type) =>
        framework.StandardsFor(type)
            .Where(s => s.CaseBased && !Enum.GetValues<AssessmentScope>().Any(scope => CaseAssessmentRules.StandardsIn(framework, scope).Contains(s)))
            .ToList();

    /// <summary>
    /// Counts entered for a standard assessed outside the product's samples: every key question of the standard once,
    /// none negative, each adding up to the cases assessed, and each applying to at least one case so the standard
    /// can be rated from it. Refusals name the field: <c>Cases</c>, <c>Source</c> or <c>KeyQuestions.{id}</c>.
    /// </summary>
    public static Refused? CheckEnteredCounts(Standard standard, int? cases, IReadOnlyList<KeyQuestionCount>? counts, string? source)
    {
        if (cases is not { } assessed || assessed < 1)
        {
            return new Refused($"Enter how many {standard.Id} cases were assessed, 1 or more", "Cases");
        }

        if (assessed > EnteredCounts.MaxCases)
        {
            return new Refused($"Enter {EnteredCounts.MaxCases:N0} cases or fewer", "Cases");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return new Refused("Enter which cases were assessed and from whose records", "Source");
        }

        if (source.Trim().Length > InspectionRecord.TextMaxLength)
        {
            return new Refused($"Where the cases came from must be {InspectionRecord.TextMaxLength} characters or fewer", "Source");
        }

        counts ??= [];
        if (counts.FirstOrDefault(c => !standard.KeyQuestions.Any(q => q.Id == c.Id?.Trim())) is { } unknown)
        {
            return new Refused($"'{unknown.Id}' is not a key question of {standard.Id}: use {string.Join(", ", standard.KeyQuestions.Select(q => q.Id))}", "KeyQuestions");
        }

        foreach (var question in standard.KeyQuestions)
        {
            var field = $"KeyQuestions.{question.Id}";
            var given = counts.Where(c => c.Id.Trim() == question.Id).ToList();
            if (given.Count != 1)
            {
                return new Refused(given.Count == 0 ? $"Enter the counts for key question {question.Id}" : $"Enter the counts for key question {question.Id} once", field);
            }

            var c = given[0];
            if (c.Yes < 0 || c.No < 0 || c.NotApplicable < 0)
            {
                return new Refused($"The counts for key question {question.Id} cannot be negative", field);
            }

            if (c.Yes + c.No + c.NotApplicable != assessed)
            {
                return new Refused($"The counts for key question {question.Id} add up to {c.Yes + c.No + c.NotApplicable}: each key question's yes, no and not applicable add up to the {assessed} cases assessed", field);
            }

            if (c.Applicable == 0)
            {
                return new Refused($"Key question {question.Id} applies to none of the {assessed} cases: {standard.Id} cannot be rated from them", field);
            }
        }

        return null;
    }
}
