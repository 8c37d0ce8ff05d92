using Probation.Domain.Risk;

namespace Probation.Domain.Supervision;

/// <summary>The criminogenic needs an assessment rates (standard 2.1: OASys sections).</summary>
public enum Need
{
    Accommodation,
    EducationTrainingEmployment,
    Finance,
    Relationships,
    Lifestyle,
    Drugs,
    Alcohol,
    EmotionalWellbeing,
    ThinkingAndBehaviour,
    Attitudes,
}

public enum NeedSeverity
{
    NoProblems,
    SomeProblems,
    SignificantProblems,
}

/// <summary>
/// An assessment: the analysis of offending, needs, strengths, circumstances, motivation and the
/// person's own views, and the risk of serious harm classification with its reasons (standard 2.1).
/// Saved as a draft until completed; a completed assessment is a record and does not change.
/// </summary>
public sealed class Assessment
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public AssessmentKind Kind { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public required string AssessedBy { get; set; }

    // Offending analysis.
    public string? CurrentOffence { get; set; }
    public bool PreviousConvictionsReviewed { get; set; }
    public string? PatternsOfOffending { get; set; }

    public List<AssessedNeed> Needs { get; set; } = [];

    public string? Strengths { get; set; }
    public string? DiversityAndCircumstances { get; set; }
    public string? Motivation { get; set; }
    public string? PersonsViews { get; set; }
    public string? InformationSources { get; set; }

    // Risk of serious harm.
    public RoshLevel? Rosh { get; set; }
    public string? RoshReasons { get; set; }
    public string? WhoIsAtRisk { get; set; }
    public bool RiskToChildren { get; set; }
    public bool RiskToKnownAdult { get; set; }
    public bool RiskToPublic { get; set; }
    public bool RiskToStaff { get; set; }

    public bool IsComplete => CompletedOn is not null;
}

/// <summary>One need as assessed: how severe, and whether it is linked to offending, to risk of serious harm, or both.</summary>
public sealed class AssessedNeed
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public Need Need { get; set; }
    public NeedSeverity Severity { get; set; }
    public bool LinkedToOffending { get; set; }
    public bool LinkedToHarm { get; set; }
}

/// <summary>A police or children's services check, as a record of its own: requested, chased, answered; or not needed, with why.</summary>
public sealed class AgencyCheck
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public AgencyCheckKind Kind { get; set; }
    public DateOnly? RequestedOn { get; set; }
    public DateOnly? ChasedOn { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? Summary { get; set; }
    public string? NotRequiredReason { get; set; }
    public required string RecordedBy { get; set; }
}
