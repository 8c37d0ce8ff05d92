using Probation.Domain.Cases;

namespace Probation.Domain.Inspection;

/// <summary>Who assessed a case, and why: the provider's own quality work or the inspectorate's.</summary>
public enum CaseAssessmentKind
{
    /// <summary>A quality officer audits a case (section 1.4: the quality team uses the inspectorate's guidance).</summary>
    Audit,

    /// <summary>A quality event: two practitioners audit a case together under a quality officer.</summary>
    QualityEvent,

    /// <summary>An inspector's case assessment during an inspection's fieldwork.</summary>
    Inspection,
}

/// <summary>Which standards a case assessment answers: a case supervision case (2.1–2.4), an unpaid work case (4.1), a Through the Gate case (4.2).</summary>
public enum AssessmentScope
{
    CaseSupervision,
    UnpaidWork,
    ThroughTheGate,
}

/// <summary>A prompt's answer, or a key question's judgement.</summary>
public enum Judgement
{
    Yes,
    No,
    NotApplicable,
}

public enum AssessmentStatus
{
    Draft,
    Completed,
}

/// <summary>
/// One case assessed against the framework: for each key question in scope a judgement (yes, no or not
/// applicable: a judgement, not a count of the prompts), the prompts' answers, evidence, strengths, areas for
/// improvement, and the interview with the responsible officer. It keeps the framework version it used, so its
/// results always recompute the same.
/// </summary>
public sealed class CaseAssessment
{
    public const int TextMaxLength = 4000;
    public const int FrameworkMaxLength = 10;

    public int Id { get; set; }
    public int ProviderId { get; set; }
    public int PersonId { get; set; }
    public PersonOnProbation? Person { get; set; }
    public CaseAssessmentKind Kind { get; set; }
    public AssessmentScope Scope { get; set; }
    public required string FrameworkVersion { get; set; }

    /// <summary>The inspection the assessment belongs to; none for the provider's own audits.</summary>
    public int? InspectionId { get; set; }

    /// <summary>The quality officer or inspector who assessed the case.</summary>
    public int AssessorStaffId { get; set; }

    /// <summary>The responsible officer whose work was assessed, as they were when it started.</summary>
    public int? OfficerStaffId { get; set; }

    /// <summary>A moderation: a second auditor's assessment of the same case, compared with this one.</summary>
    public int? ModeratesId { get; set; }

    public AssessmentStatus Status { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public bool OfficerInterviewed { get; set; }
    public string? InterviewNotes { get; set; }
    public string? Strengths { get; set; }
    public string? AreasForImprovement { get; set; }
    public int Version { get; set; }

    public List<KeyQuestionJudgement> Judgements { get; set; } = [];
    public List<PromptAnswer> Prompts { get; set; } = [];

    /// <summary>The practitioners auditing together at a quality event.</summary>
    public List<AssessmentParticipant> Participants { get; set; } = [];
}

public sealed class KeyQuestionJudgement
{
    public const int IdMaxLength = 10;

    public int Id { get; set; }
    public int CaseAssessmentId { get; set; }
    public required string KeyQuestionId { get; set; }

    /// <summary>None yet on a draft where the assessor has written evidence but not yet judged.</summary>
    public Judgement? Judgement { get; set; }
    public string? Evidence { get; set; }
}

public sealed class PromptAnswer
{
    public const int IdMaxLength = 12;

    public int Id { get; set; }
    public int CaseAssessmentId { get; set; }
    public required string PromptId { get; set; }
    public Judgement Answer { get; set; }
}

public sealed class AssessmentParticipant
{
    public int Id { get; set; }
    public int CaseAssessmentId { get; set; }
    public int StaffMemberId { get; set; }
}

/// <summary>Feedback from an audit to the responsible officer, as a task they acknowledge with their response.</summary>
public sealed class AuditFeedback
{
    public int Id { get; set; }
    public int CaseAssessmentId { get; set; }
    public int OfficerStaffId { get; set; }
    public required string Text { get; set; }
    public DateOnly SetOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? AcknowledgedOn { get; set; }
    public string? Response { get; set; }
}
