using Probation.Domain.Cases;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Domain.Inspection;

/// <summary>How a readiness indicator answers for one case, as an inspector answers a key question: yes, no, or not applicable.</summary>
public enum Answer
{
    Yes,
    No,
    NotApplicable,
}

/// <summary>One case's answer to one indicator, with the reasons: what fell short for a no, why it does not apply yet for a not applicable.</summary>
public sealed record IndicatorResult(Answer Answer, IReadOnlyList<string> Reasons)
{
    public static readonly IndicatorResult Yes = new(Answer.Yes, []);

    public static IndicatorResult NotApplicable(string why) => new(Answer.NotApplicable, [why]);

    public static IndicatorResult No(params string[] reasons) => new(Answer.No, reasons);

    /// <summary>Yes when nothing fell short, otherwise no with every shortfall.</summary>
    public static IndicatorResult From(IReadOnlyList<string> shortfalls) => shortfalls.Count == 0 ? Yes : new(Answer.No, shortfalls);
}

/// <summary>
/// The initial assessment as the indicators read it: when it was completed and which parts it records.
/// <see cref="DomesticAbuseFlagged"/> and <see cref="ChildAtRisk"/> are as they stood on the day it was completed.
/// </summary>
public sealed record AssessmentFacts(
    DateOnly CompletedOn,
    bool OffenceAnalysed,
    bool PreviousConvictionsReviewed,
    bool PatternsOfOffending,
    bool AllNeedsRated,
    bool Strengths,
    bool Circumstances,
    bool Motivation,
    bool PersonsViews,
    bool InformationSources,
    RoshLevel? Rosh,
    bool RoshReasons,
    bool WhoIsAtRisk,
    bool DomesticAbuseFlagged,
    bool ChildAtRisk);

public sealed record ObjectiveFacts(ObjectiveLinks Links, CopiedFrom? Copied);

/// <summary>A requirement the plan schedules, and the day its delivery began (a contact for it, hours credited, a programme start), if it has.</summary>
public sealed record ScheduledFacts(RequirementType Type, DateOnly StartsOn, DateOnly? BegunOn);

/// <summary>The sentence plan as the indicators read it: when, and which parts it records.</summary>
public sealed record PlanFacts(
    DateOnly CompletedOn,
    bool PersonsInvolvement,
    int ContactsPerMonth,
    bool ContactPattern,
    bool ContingencyArrangements,
    bool DomesticAbuseMeasures,
    bool ChildSafeguardingMeasures,
    bool VictimSafety,
    IReadOnlyList<ObjectiveFacts> Objectives,
    IReadOnlyList<ScheduledFacts> Schedule);

/// <summary>A review as the indicators read it: when, and which parts it records.</summary>
public sealed record ReviewFacts(
    DateOnly CompletedOn,
    bool OffendingFactorChanges,
    bool RiskFactorChanges,
    bool PersonsInvolvement,
    bool OtherAgencyInput,
    bool PlanAdjustedOrWhyNot,
    int ObjectivesReviewed);

/// <summary>A failure to attend or comply, and the day the officer decided whether it was acceptable.</summary>
public sealed record FailureFacts(DateOnly On, DateOnly? DecidedOn);

/// <summary>A referral to a service or programme: when, and whether it closed without help (declined, not engaged, withdrawn, not suitable).</summary>
public sealed record ReferralFacts(DateOnly On, bool ClosedWithoutHelp);

/// <summary>An accredited programme requirement of the current order, and when it was first referred (a withdrawn referral does not count).</summary>
public sealed record ProgrammeRequirementFacts(AccreditedProgramme? Programme, DateOnly? ReferredOn);

/// <summary>
/// One case under supervision on a day, as the case supervision indicators (standard 2) read it: the safety net's
/// snapshot as of the day, plus the parts of the records the key questions look at. Nothing dated after the day is in it.
/// </summary>
public sealed record SupervisionCase(
    CaseSnapshot Snapshot,
    DateOnly FirstAllocated,
    bool RiskToKnownAdult,
    AssessmentFacts? Initial,
    IReadOnlyList<Need> OffendingNeeds,
    PlanFacts? Plan,
    IReadOnlyList<ReviewFacts> Reviews,
    IReadOnlyList<FailureFacts> Failures,
    IReadOnlyList<ProgrammeRequirementFacts> ProgrammeRequirements,
    IReadOnlyList<ReferralFacts> Referrals);

/// <summary>The unpaid work assessment as the indicators read it.</summary>
public sealed record UnpaidWorkAssessmentFacts(DateOnly CompletedOn, bool Health, bool RiskToPublic, bool RiskToSupervisors, bool DiversityNeeds);

/// <summary>One unpaid work requirement of a current order on a day (standard 4.1), with its case.</summary>
public sealed record UnpaidWorkCase(
    SupervisionCase Case,
    int OrderedHours,
    DateOnly OrderStart,
    UnpaidWorkAssessmentFacts? Assessment,
    IReadOnlyList<UnpaidWorkBookingRecord> Bookings,
    DateOnly? FirstAwardRegistered);
