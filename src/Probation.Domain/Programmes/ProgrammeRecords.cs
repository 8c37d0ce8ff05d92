using Probation.Domain.Cases;

namespace Probation.Domain.Programmes;

/// <summary>
/// Where a referral to an accredited programme stands, modelled on the statuses HMPPS's accredited
/// programmes service uses (submitted, awaiting assessment, assessed suitable or suitable but not ready,
/// on programme, complete, not suitable, withdrawn) with the waiting list the report describes between them.
/// </summary>
public enum ReferralStatus
{
    Submitted,
    AwaitingAssessment,

    /// <summary>Suitable and "group ready": may go on the waiting list.</summary>
    AssessedSuitable,

    /// <summary>Suitable for the programme but not yet ready for a group (for example unstable housing, active drinking).</summary>
    SuitableNotReady,
    OnWaitingList,
    OnProgramme,
    Completed,

    /// <summary>Left the programme without completing it; the reason is recorded.</summary>
    NotCompleted,
    Withdrawn,
    NotSuitable,
}

/// <summary>A group runs in the day or in the evening (the report: evening groups where necessary).</summary>
public enum GroupTime
{
    Day,
    Evening,
}

/// <summary>A referral of a person on probation to an accredited programme, to meet a requirement of their order.</summary>
public sealed class ProgrammeReferral
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int PersonId { get; set; }

    /// <summary>The programme requirement of the order the referral meets.</summary>
    public int? RequirementId { get; set; }
    public Requirement? Requirement { get; set; }
    public AccreditedProgramme Programme { get; set; }

    /// <summary>Whether the person can attend day groups, or needs an evening group (work, caring).</summary>
    public GroupTime? PreferredTime { get; set; }
    public DateOnly ReferredOn { get; set; }
    public required string ReferredBy { get; set; }
    public string? Notes { get; set; }

    public ReferralStatus Status { get; set; }
    public DateOnly StatusChangedOn { get; set; }

    /// <summary>Why it ended as it did, or why the person is not ready: required for the statuses that need one.</summary>
    public string? Reason { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public DateOnly? WaitingSince { get; set; }

    public int? GroupId { get; set; }
    public ProgrammeGroup? Group { get; set; }

    /// <summary>The day the person started: the group's start date, or the day they joined a group already running.</summary>
    public DateOnly? StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public List<ProgrammeAttendance> Attendance { get; set; } = [];
}

/// <summary>A programme group at a district centre: start date, capacity, facilitators, sessions.</summary>
public sealed class ProgrammeGroup
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public AccreditedProgramme Programme { get; set; }
    public int SiteId { get; set; }
    public Organisation.Site? Site { get; set; }
    public GroupTime Time { get; set; }
    public DateOnly StartDate { get; set; }
    public int Capacity { get; set; }
    public required string CreatedBy { get; set; }
    public List<ProgrammeFacilitator> Facilitators { get; set; } = [];
    public List<ProgrammeSession> Sessions { get; set; } = [];
    public List<ProgrammeReferral> Members { get; set; } = [];

    /// <summary>Optimistic concurrency: every change to the group, a member joining included, increments it.</summary>
    public int Version { get; set; }
}

/// <summary>A programme tutor facilitating a group.</summary>
public sealed class ProgrammeFacilitator
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public int StaffMemberId { get; set; }
    public Organisation.StaffMember? StaffMember { get; set; }
}

/// <summary>One session of a group, on a date at set times.</summary>
public sealed class ProgrammeSession
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public DateOnly On { get; set; }
    public TimeOnly StartsAt { get; set; }
    public TimeOnly EndsAt { get; set; }
}

/// <summary>A member's attendance at a session: the contact it wrote on their record carries the outcome and any decision.</summary>
public sealed class ProgrammeAttendance
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public ProgrammeSession? Session { get; set; }
    public int ReferralId { get; set; }
    public int ContactId { get; set; }
    public Supervision.Contact? Contact { get; set; }
}

/// <summary>What the safety net reads about a programme requirement of the current order: which programme, and whether a referral is in place.</summary>
public sealed record ProgrammeRequirementRecord(AccreditedProgramme? Programme, bool Referred)
{
    public static IReadOnlyList<ProgrammeRequirementRecord> Of(Order? order, IEnumerable<ProgrammeReferral> referrals) =>
        (order?.Requirements ?? [])
            .Where(r => r.Type == RequirementType.AccreditedProgramme)
            .Select(r => new ProgrammeRequirementRecord(
                r.Programme,
                referrals.Any(x => ProgrammeRules.Counts(x.Status) && (x.RequirementId == r.Id || (x.RequirementId is null && x.Programme == r.Programme)))))
            .ToList();
}
