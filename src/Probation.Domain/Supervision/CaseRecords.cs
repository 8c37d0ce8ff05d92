namespace Probation.Domain.Supervision;

/// <summary>An appointment or contact (standard 2.3), and for an absence the officer's decision and judgement.</summary>
public sealed class Contact
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public DateOnly On { get; set; }
    public TimeOnly? StartsAt { get; set; }
    public TimeOnly? EndsAt { get; set; }
    public ContactKind Kind { get; set; }
    public int? SiteId { get; set; }
    public Organisation.Site? Site { get; set; }
    public int? RequirementId { get; set; }
    public Cases.Requirement? Requirement { get; set; }
    public ContactOutcome? Outcome { get; set; }
    public string? Notes { get; set; }
    public AbsenceDecision? Decision { get; set; }
    public string? DecisionReason { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>An enforcement step: a warning, breach proceedings and their outcome, a recall and its outcome, or re-engagement after it.</summary>
public sealed class EnforcementAction
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public DateOnly On { get; set; }
    public EnforcementKind Kind { get; set; }

    /// <summary>The failure it answers, when there is one.</summary>
    public int? ContactId { get; set; }
    public Contact? Contact { get; set; }
    public string? Notes { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A significant event: it makes a review due (or, for a monitoring violation, a decision).</summary>
public sealed class SignificantEvent
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public DateOnly On { get; set; }
    public SignificantEventKind Kind { get; set; }
    public required string Description { get; set; }
    public DateOnly? ActionedOn { get; set; }
    public string? ActionTaken { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A review of progress and of risk (standard 2.4), scheduled or triggered by an event.</summary>
public sealed class Review
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public ReviewKind Kind { get; set; }
    public DateOnly CompletedOn { get; set; }
    public int? TriggeredByEventId { get; set; }
    public SignificantEvent? TriggeredBy { get; set; }
    public List<ObjectiveProgress> Progress { get; set; } = [];
    public required string OffendingFactorChanges { get; set; }
    public required string RiskFactorChanges { get; set; }
    public required string PersonsInvolvement { get; set; }
    public string? OtherAgencyInput { get; set; }
    public bool PlanAdjusted { get; set; }
    public string? WhyPlanNotAdjusted { get; set; }
    public Risk.RoshLevel? NewRosh { get; set; }
    public required string ReviewedBy { get; set; }
}

public sealed class ObjectiveProgress
{
    public int Id { get; set; }
    public int ReviewId { get; set; }
    /// <summary>The objective reviewed; cleared if a later revision of the plan removes it.</summary>
    public int? ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }

    /// <summary>The objective's words when reviewed: plans are revised, the review keeps what it reviewed.</summary>
    public required string ObjectiveText { get; set; }
    public required string Progress { get; set; }
}

public enum ReferralService
{
    MentalHealth,
    WomensCentre,
    Housing,
    SubstanceMisuse,
    CitizenshipModule,
    EmploymentAndSkills,
    FinanceBenefitAndDebt,
    DomesticAbuseSupport,
    Other,
}

public enum ReferralOutcome
{
    Awaiting,
    Accepted,
    Declined,
    Completed,
    DidNotEngage,
}

/// <summary>A referral to a service or partner, and what came of it.</summary>
public sealed class Referral
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public DateOnly On { get; set; }
    public ReferralService Service { get; set; }
    public required string Detail { get; set; }
    public ReferralOutcome Outcome { get; set; }
    public DateOnly? OutcomeOn { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A team manager's reasoned exception to one alert on one case, until a date. The work stays owed after it.</summary>
public sealed class AlertExceptionEntry
{
    public const int ReasonMaxLength = 1000;

    /// <summary>An exception lasts at most three months before the case is looked at again.</summary>
    public const int MaxDays = 92;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public AlertCode Code { get; set; }
    public required string Reason { get; set; }
    public DateOnly RecordedOn { get; set; }
    public DateOnly Until { get; set; }
    public required string RecordedBy { get; set; }
}
