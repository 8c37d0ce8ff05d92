using Probation.Domain.Cases;
using Probation.Domain.Risk;

namespace Probation.Domain.Supervision;

public enum AssessmentKind
{
    Initial,
    Review,
    SignificantChange,
    Termination,
}

/// <summary>The parts of an assessment the safety net reads (the full record is the supervision module's).</summary>
public sealed record AssessmentRecord(AssessmentKind Kind, DateOnly StartedOn, DateOnly? CompletedOn, RoshLevel? Rosh);

public enum AgencyCheckKind
{
    /// <summary>Police domestic-abuse call-out information (recommendation 4).</summary>
    PoliceDomesticAbuse,
    ChildrensServices,
}

/// <summary>A police or children's services check: requested, chased, answered; or recorded as not needed, with why.</summary>
public sealed record AgencyCheckRecord(AgencyCheckKind Kind, DateOnly? RequestedOn, DateOnly? AnsweredOn, string? NotRequiredReason = null);

/// <summary>The parts of a sentence plan the safety net reads.</summary>
public sealed record PlanRecord(
    DateOnly? CompletedOn,
    bool HasContingencyArrangements,
    bool AddressesDomesticAbuse,
    bool AddressesChildSafeguarding,
    IReadOnlySet<RequirementType> RequirementsScheduled);

public enum ContactKind
{
    Office,
    CommunityHub,
    HomeVisit,
    Phone,
    Video,
    ProgrammeSession,
    UnpaidWorkSession,
    ThreeWayMeeting,
}

public enum ContactOutcome
{
    AttendedAndComplied,

    /// <summary>Attended but did not comply (for example unfit, or disruptive): a failure to comply, like an absence.</summary>
    AttendedNotComplied,
    FailedToAttend,
    Rescheduled,
    SentHome,
}

public static class ContactOutcomes
{
    /// <summary>Failures to attend or comply: each needs the officer's decision, acceptable or not, and why.</summary>
    public static bool NeedsDecision(ContactOutcome? outcome) =>
        outcome is ContactOutcome.FailedToAttend or ContactOutcome.AttendedNotComplied or ContactOutcome.SentHome;

    /// <summary>The outcome in words, sentence case, as every page shows it; null is an appointment still to happen.</summary>
    public static string Describe(ContactOutcome? outcome) => outcome switch
    {
        null => "Booked",
        ContactOutcome.AttendedAndComplied => "Attended and complied",
        ContactOutcome.AttendedNotComplied => "Attended but did not comply",
        ContactOutcome.FailedToAttend => "Failed to attend",
        ContactOutcome.Rescheduled => "Rescheduled",
        ContactOutcome.SentHome => "Sent home",
        _ => outcome.ToString()!,
    };

    /// <summary>The kind of contact in words, sentence case, as every page shows it.</summary>
    public static string Describe(ContactKind kind) => kind switch
    {
        ContactKind.Office => "Office appointment",
        ContactKind.CommunityHub => "Community hub",
        ContactKind.HomeVisit => "Home visit",
        ContactKind.Phone => "Phone",
        ContactKind.Video => "Video",
        ContactKind.ProgrammeSession => "Programme session",
        ContactKind.UnpaidWorkSession => "Unpaid work session",
        ContactKind.ThreeWayMeeting => "Three-way meeting",
        _ => kind.ToString(),
    };
}

public enum AbsenceDecision
{
    Acceptable,
    Unacceptable,
}

public sealed record ContactRecord(DateOnly On, ContactKind Kind, ContactOutcome? Outcome, AbsenceDecision? Decision = null);

public enum EnforcementKind
{
    Warning,
    BreachInitiated,
    LaidBeforeCourt,
    CourtOutcome,
    RecallRequested,
    RecallOutcome,
    NoFurtherAction,

    /// <summary>Efforts to re-engage the person after enforcement or recall (the report: nine cases in ten).</summary>
    ReEngagement,
}

public sealed record EnforcementRecord(DateOnly On, EnforcementKind Kind);

/// <summary>Events that make a review due (standard 2.4: reviews triggered by significant change).</summary>
public enum SignificantEventKind
{
    NewOffenceOrArrest,
    PoliceDomesticAbuseCallOut,
    ChangeOfAddressOrHousehold,
    RelationshipChange,
    ChildContactChange,
    HospitalAdmissionOfPartnerOrChild,
    NonMolestationOrderBreach,

    /// <summary>Unacceptable failures have reached the order's enforcement threshold: a review is due as well as a decision.</summary>
    NonComplianceThreshold,
    ReleaseFromCustody,
    SafeguardingReferral,
    MonitoringViolation,
}

public sealed record SignificantEventRecord(DateOnly On, SignificantEventKind Kind, bool Actioned = false);

public enum ReviewKind
{
    Scheduled,
    Triggered,
}

public sealed record ReviewRecord(ReviewKind Kind, DateOnly CompletedOn);

/// <summary>A team manager's reasoned exception to one alert on one case, until a date.</summary>
public sealed record AlertException(AlertCode Code, string Reason, DateOnly Until);

/// <summary>Everything the safety net reads about one case, as of the day it is evaluated.</summary>
public sealed record CaseSnapshot(
    OrderType OrderType,
    DateOnly OrderStart,
    DateOnly? AllocatedOn,
    RoshLevel? CurrentRosh,
    bool CurrentDomesticAbuse,
    bool ChildProtection,
    bool RiskToChildren,
    IReadOnlySet<RequirementType> Requirements,
    IReadOnlyList<AssessmentRecord> Assessments,
    IReadOnlyList<AgencyCheckRecord> Checks,
    PlanRecord? Plan,
    IReadOnlyList<ContactRecord> Contacts,
    IReadOnlyList<EnforcementRecord> Enforcement,
    IReadOnlyList<SignificantEventRecord> Events,
    IReadOnlyList<ReviewRecord> Reviews,
    IReadOnlyList<AlertException> Exceptions,
    IReadOnlyList<Programmes.ProgrammeRequirementRecord>? Programmes = null,
    UnpaidWork.UnpaidWorkSnapshot? UnpaidWork = null);
