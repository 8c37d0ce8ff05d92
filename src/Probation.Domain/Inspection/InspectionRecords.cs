namespace Probation.Domain.Inspection;

public enum InspectionStatus
{
    /// <summary>Set up: dates, team, samples drawn. Inspectors cannot see cases yet.</summary>
    Planned,

    /// <summary>Fieldwork: the inspection team sees the sampled cases, read-only, within the fieldwork dates.</summary>
    Fieldwork,

    /// <summary>Fieldwork over: cases closed to the inspectors; ratings and report in preparation.</summary>
    Reporting,

    /// <summary>The report is published; the provider tracks its recommendations.</summary>
    Published,
}

/// <summary>The three case samples of an adult inspection of a CRC (the report's Annex 1).</summary>
public enum SampleKind
{
    /// <summary>People under community supervision for about six to seven months (community sentence or post-release).</summary>
    CaseSupervision,

    /// <summary>Unpaid work requirements that began at least three months earlier.</summary>
    UnpaidWork,

    /// <summary>People released on licence or post-sentence supervision about six weeks earlier.</summary>
    ThroughTheGate,
}

public enum RecommendationStatus
{
    Open,
    InProgress,
    Completed,
}

/// <summary>An inspection of a provider by the inspectorate: its type, framework, fieldwork dates, team, samples, evidence, ratings and recommendations.</summary>
public sealed class InspectionRecord
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int ProviderId { get; set; }
    public ProviderType ProviderType { get; set; }
    public required string FrameworkVersion { get; set; }
    public required string Title { get; set; }
    public DateOnly FieldworkFrom { get; set; }
    public DateOnly FieldworkTo { get; set; }
    public InspectionStatus Status { get; set; }
    public int LeadInspectorId { get; set; }
    public int Version { get; set; }

    public List<InspectionTeamMember> Team { get; set; } = [];
    public List<InspectionSample> Samples { get; set; } = [];
    public List<DomainOneRating> DomainOneRatings { get; set; } = [];
    public List<EnteredCounts> EnteredCounts { get; set; } = [];
    public List<InterviewQuestion> InterviewQuestions { get; set; } = [];
    public List<InspectionMeeting> Meetings { get; set; } = [];
    public List<StandardDiscretion> Discretions { get; set; } = [];
    public List<Recommendation> Recommendations { get; set; } = [];
}

public sealed class InspectionTeamMember
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public int StaffMemberId { get; set; }
}

/// <summary>A case sample: its eligibility window, confidence and margin, the seed it was drawn with, and what it drew.</summary>
public sealed class InspectionSample
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public SampleKind Kind { get; set; }
    public DateOnly EligibleFrom { get; set; }
    public DateOnly EligibleTo { get; set; }
    public double Confidence { get; set; }
    public double Margin { get; set; }
    public int Seed { get; set; }
    public int Population { get; set; }
    public int Size { get; set; }
    public DateTime DrawnAtUtc { get; set; }
    public List<SampleStratum> Strata { get; set; } = [];
    public List<SampledCase> Cases { get; set; } = [];
}

public sealed class SampleStratum
{
    public const int KeyMaxLength = 100;

    public int Id { get; set; }
    public int InspectionSampleId { get; set; }
    public required string Key { get; set; }
    public int Population { get; set; }
    public int Sample { get; set; }
}

public sealed class SampledCase
{
    public int Id { get; set; }
    public int InspectionSampleId { get; set; }
    public int PersonId { get; set; }
    public required string Stratum { get; set; }
}

/// <summary>A domain one standard's rating, judged by the inspectors and entered with its evidence.</summary>
public sealed class DomainOneRating
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public required string StandardId { get; set; }
    public Rating Rating { get; set; }
    public required string Evidence { get; set; }
}

/// <summary>
/// Key question counts for a case-based standard whose cases this product does not hold, so draws no sample for:
/// the NPS's court reports and case allocation (3.1) and statutory victim work (3.2). The inspectors assess those
/// cases from the court's and the victim liaison unit's records and enter, for each key question, how many were
/// judged yes, no and not applicable, with how many cases were assessed and where they came from.
/// </summary>
public sealed class EnteredCounts
{
    public const int MaxCases = 10_000;

    public int Id { get; set; }
    public int InspectionId { get; set; }
    public required string StandardId { get; set; }
    public int Cases { get; set; }
    public required string Source { get; set; }
    public List<EnteredKeyQuestionCount> KeyQuestions { get; set; } = [];

    /// <summary>The counts as the rating rules read them, in key question order.</summary>
    public IReadOnlyList<KeyQuestionCount> Counts() =>
        KeyQuestions.OrderBy(k => k.KeyQuestionId, StringComparer.Ordinal).Select(k => new KeyQuestionCount(k.KeyQuestionId, k.Yes, k.No, k.NotApplicable)).ToList();
}

public sealed class EnteredKeyQuestionCount
{
    public int Id { get; set; }
    public int EnteredCountsId { get; set; }
    public required string KeyQuestionId { get; set; }
    public int Yes { get; set; }
    public int No { get; set; }
    public int NotApplicable { get; set; }
}

/// <summary>A staff-interview question and how many of those asked answered yes (the report: "90 per cent of the 52 asked").</summary>
public sealed class InterviewQuestion
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public string? StandardId { get; set; }
    public required string Text { get; set; }
    public int Asked { get; set; }
    public int AnsweredYes { get; set; }
}

public sealed class InspectionMeeting
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public DateOnly On { get; set; }
    public required string With { get; set; }
    public string? Notes { get; set; }
}

/// <summary>Professional discretion on a case-based standard: the rating given instead of the calculated one, why, and who decided.</summary>
public sealed class StandardDiscretion
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public required string StandardId { get; set; }
    public Rating Rating { get; set; }
    public required string Reason { get; set; }
    public required string DecidedBy { get; set; }
}

/// <summary>A recommendation of the report, tracked to completion by the provider.</summary>
public sealed class Recommendation
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueOn { get; set; }
    public RecommendationStatus Status { get; set; }
    public string? Progress { get; set; }
    public DateOnly? CompletedOn { get; set; }
}
