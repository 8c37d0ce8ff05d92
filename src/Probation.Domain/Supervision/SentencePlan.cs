using Probation.Domain.Cases;

namespace Probation.Domain.Supervision;

/// <summary>What a plan objective addresses: the assessed needs and the risk of harm factors (a set, stored as its bits).</summary>
[Flags]
public enum ObjectiveLinks
{
    None = 0,
    Accommodation = 1 << (int)Need.Accommodation,
    EducationTrainingEmployment = 1 << (int)Need.EducationTrainingEmployment,
    Finance = 1 << (int)Need.Finance,
    Relationships = 1 << (int)Need.Relationships,
    Lifestyle = 1 << (int)Need.Lifestyle,
    Drugs = 1 << (int)Need.Drugs,
    Alcohol = 1 << (int)Need.Alcohol,
    EmotionalWellbeing = 1 << (int)Need.EmotionalWellbeing,
    ThinkingAndBehaviour = 1 << (int)Need.ThinkingAndBehaviour,
    Attitudes = 1 << (int)Need.Attitudes,
    DomesticAbuse = 1 << 12,
    ChildSafeguarding = 1 << 13,
    RiskToKnownAdult = 1 << 14,
    RiskToPublic = 1 << 15,
    Engagement = 1 << 16,
}

/// <summary>
/// The sentence plan and its risk management plan (standard 2.2). One current plan per case:
/// written, then revised at reviews; each revision replaces the objectives and keeps the first completion date.
/// </summary>
public sealed class SentencePlan
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public DateOnly CompletedOn { get; set; }
    public DateOnly LastRevisedOn { get; set; }
    public required string WrittenBy { get; set; }

    /// <summary>How the person took part in writing the plan, in their words where possible.</summary>
    public required string PersonsInvolvement { get; set; }

    /// <summary>Contact level and pattern, from the resource level the allocation set.</summary>
    public int ContactsPerMonth { get; set; }
    public string? ContactPattern { get; set; }

    // The risk management plan.
    public string? ConstructiveInterventions { get; set; }
    public string? RestrictiveInterventions { get; set; }
    public string? ContingencyArrangements { get; set; }
    public string? OtherAgencies { get; set; }
    public string? VictimSafety { get; set; }
    public string? DomesticAbuseMeasures { get; set; }
    public string? ChildSafeguardingMeasures { get; set; }

    public List<PlanObjective> Objectives { get; set; } = [];
    public List<ScheduledRequirement> Schedule { get; set; } = [];
}

public enum CopiedFrom
{
    Template,
    AnotherCase,
}

/// <summary>One objective: what, linked to which needs or risks, in which order, by when.</summary>
public sealed class PlanObjective
{
    public const int TextMaxLength = 500;

    public int Id { get; set; }
    public int PlanId { get; set; }
    public required string Text { get; set; }

    /// <summary>The text lower-cased with punctuation and repeated spaces removed: how copies are found.</summary>
    public required string NormalisedText { get; set; }
    public ObjectiveLinks Links { get; set; }
    public int Priority { get; set; }
    public DateOnly TargetDate { get; set; }

    /// <summary>Set when the wording matches a standard template or another case's plan word for word.</summary>
    public CopiedFrom? Copied { get; set; }
}

/// <summary>When a requirement of the order will be delivered, inside the order's time.</summary>
public sealed class ScheduledRequirement
{
    public const int PatternMaxLength = 200;

    public int Id { get; set; }
    public int PlanId { get; set; }
    public int RequirementId { get; set; }
    public Requirement? Requirement { get; set; }
    public RequirementType Type { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly CompleteBy { get; set; }
    public required string Pattern { get; set; }
}
