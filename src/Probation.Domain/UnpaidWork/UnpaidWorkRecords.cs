using Probation.Domain.Organisation;

namespace Probation.Domain.UnpaidWork;

/// <summary>The kind of work a project offers (section 4.1: a range of placement types).</summary>
public enum ProjectType
{
    Horticulture,
    PaintingAndDecorating,
    Catering,
    CharityShop,
    Maintenance,
    Environmental,
    Training,
}

/// <summary>How the work is placed. Education, training and employment hours count only up to 30% of the order.</summary>
public enum PlacementKind
{
    Group,
    Individual,
    EducationTrainingEmployment,
}

/// <summary>What a project involves that a person's risk of harm can rule out (for example: no work with children).</summary>
[Flags]
public enum ProjectRisks
{
    None = 0,
    ChildrenPresent = 1,
    VulnerableAdultsPresent = 2,
    PublicFacing = 4,
    LoneWorking = 8,
}

/// <summary>Days of the week a person can work, or a project runs.</summary>
[Flags]
public enum WorkDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
}

/// <summary>Accredited awards earned through placements (the report: level 1, National Open College Network).</summary>
public enum Qualification
{
    HealthAndSafety,
    Horticulture,
    Catering,
    CustomerService,
    PaintingAndDecorating,
    TeamWork,
}

/// <summary>The equipment issue checklist a supervisor completes at the start of a session.</summary>
[Flags]
public enum EquipmentItem
{
    None = 0,
    HighVisibilityClothing = 1,
    SafetyBoots = 2,
    Gloves = 4,
    HandTools = 8,
    PowerTools = 16,
    EyeAndEarProtection = 32,
    FirstAidKit = 64,
}

/// <summary>Why a booking was cancelled before the session's attendance was recorded.</summary>
public enum CancellationReason
{
    /// <summary>Moved to another session.</summary>
    Rebooked,

    /// <summary>The order was revoked, ended or the unpaid work requirement removed.</summary>
    OrderRevokedOrEnded,

    /// <summary>The person told the unpaid work team beforehand of an absence the team accepts (for example a hospital appointment).</summary>
    AcceptableAbsenceNotifiedInAdvance,

    /// <summary>The project or session is no longer suitable for the person (for example a change of risk or of work hours).</summary>
    NoLongerSuitable,

    BookedInError,
    Other,
}

/// <summary>What happened at a session for one person. The last three of the first four and unacceptable absence are enforceable.</summary>
public enum AttendanceOutcome
{
    AttendedAndWorked,
    SentHomeForBehaviour,
    FailedToComply,
    AcceptableAbsence,
    UnacceptableAbsence,
}

/// <summary>An unpaid work project: where, for whom, what kind of work, how it is placed, and what it rules out.</summary>
public sealed class UnpaidWorkProject
{
    public const int NameMaxLength = 100;
    public const int TextMaxLength = 500;

    public int Id { get; set; }
    public int ProviderId { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }
    public required string Name { get; set; }
    public ProjectType Type { get; set; }
    public required string Beneficiary { get; set; }
    public PlacementKind Placement { get; set; }
    public bool WomenOnly { get; set; }
    public int Capacity { get; set; }
    public ProjectRisks Risks { get; set; }
    public string? RiskNotes { get; set; }
    public bool WeekendAvailable { get; set; }

    /// <summary>The accredited award placements on this project work towards, if any.</summary>
    public Qualification? Award { get; set; }

    /// <summary>The day from which no new sessions are scheduled on the project; sessions already scheduled stay.</summary>
    public DateOnly? RetiredOn { get; set; }

    /// <summary>Optimistic concurrency: editing or retiring the project changes it.</summary>
    public int Version { get; set; }

    public List<UnpaidWorkProjectSupervisor> Supervisors { get; set; } = [];

    /// <summary>Whether the project is retired on a day: sessions cannot be scheduled on it that day or later.</summary>
    public bool IsRetiredOn(DateOnly day) => RetiredOn is { } r && day >= r;
}

public sealed class UnpaidWorkProjectSupervisor
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
}

/// <summary>A work session: a day on a project, its times, supervisor and places; the briefing and equipment check recorded on the day.</summary>
public sealed class UnpaidWorkSession
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int ProjectId { get; set; }
    public UnpaidWorkProject? Project { get; set; }
    public DateOnly On { get; set; }
    public TimeOnly StartsAt { get; set; }
    public TimeOnly EndsAt { get; set; }
    public int SupervisorId { get; set; }
    public StaffMember? Supervisor { get; set; }
    public int Capacity { get; set; }
    public string? Briefing { get; set; }
    public EquipmentItem EquipmentIssued { get; set; }
    public string? EquipmentNotes { get; set; }
    public string? BriefingRecordedBy { get; set; }
    public DateOnly? AttendanceRecordedOn { get; set; }

    /// <summary>Optimistic concurrency: bookings and attendance change it.</summary>
    public int Version { get; set; }

    public List<UnpaidWorkBooking> Bookings { get; set; } = [];

    public int Minutes => (int)(EndsAt - StartsAt).TotalMinutes;
}

/// <summary>One person booked on one session, and what was credited. The day, times, placement and award are copied from the session.</summary>
public sealed class UnpaidWorkBooking
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int SessionId { get; set; }
    public UnpaidWorkSession? Session { get; set; }
    public int PersonId { get; set; }
    public int RequirementId { get; set; }
    public DateOnly On { get; set; }
    public TimeOnly StartsAt { get; set; }
    public TimeOnly EndsAt { get; set; }
    public PlacementKind Placement { get; set; }
    public Qualification? Award { get; set; }
    public AttendanceOutcome? Outcome { get; set; }
    public TimeOnly? StartedAt { get; set; }
    public TimeOnly? FinishedAt { get; set; }
    public int PenaltyMinutes { get; set; }
    public int TravelMinutes { get; set; }
    public int CreditedMinutes { get; set; }
    public string? Reason { get; set; }
    public string? Notes { get; set; }
    /// <summary>The contact attendance wrote on the person's record.</summary>
    public int? ContactId { get; set; }
    public Supervision.Contact? Contact { get; set; }
    public required string BookedBy { get; set; }
    public string? RecordedBy { get; set; }
    public List<UnpaidWorkAttendanceCorrection> Corrections { get; set; } = [];

    /// <summary>The attendance as recorded, in the shape the rules read it.</summary>
    public AttendanceInput Attendance => new(Outcome, StartedAt, FinishedAt, PenaltyMinutes, TravelMinutes, Reason);

    public UnpaidWorkBookingRecord ToRecord() => new(On, StartsAt, EndsAt, Outcome, CreditedMinutes, Placement, Award);
}

/// <summary>A booking cancelled before its session's attendance was recorded: the place was freed, and this says who, when and why.</summary>
public sealed class UnpaidWorkBookingCancellation
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int SessionId { get; set; }
    public int PersonId { get; set; }
    public int RequirementId { get; set; }
    public DateOnly On { get; set; }
    public CancellationReason Reason { get; set; }
    public string? Details { get; set; }
    public required string BookedBy { get; set; }
    public required string CancelledBy { get; set; }
    public DateTime CancelledAtUtc { get; set; }
}

/// <summary>A correction to an attendance record already made: the values before it, what changed and why. The booking holds the values after it.</summary>
public sealed class UnpaidWorkAttendanceCorrection
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int BookingId { get; set; }
    public AttendanceOutcome PreviousOutcome { get; set; }
    public TimeOnly? PreviousStartedAt { get; set; }
    public TimeOnly? PreviousFinishedAt { get; set; }
    public int PreviousPenaltyMinutes { get; set; }
    public int PreviousTravelMinutes { get; set; }
    public int PreviousCreditedMinutes { get; set; }
    public string? PreviousReason { get; set; }

    /// <summary>What changed, in words, without the free text: as the audit row says it.</summary>
    public required string Changes { get; set; }

    /// <summary>Why the record was corrected.</summary>
    public required string Reason { get; set; }
    public required string CorrectedBy { get; set; }
    public DateTime CorrectedAtUtc { get; set; }
}

/// <summary>The unpaid work assessment that must be complete before a first session (section 4.1).</summary>
public sealed class UnpaidWorkAssessment
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public DateOnly CompletedOn { get; set; }
    public required string Health { get; set; }
    public required string Skills { get; set; }
    public WorkDays AvailableDays { get; set; }
    public string? AvailabilityNotes { get; set; }
    public required string RiskToPublic { get; set; }
    public required string RiskToSupervisors { get; set; }
    public required string DiversityNeeds { get; set; }

    /// <summary>Project features the person's risk rules out.</summary>
    public ProjectRisks RuledOut { get; set; }
    public required string AssessedBy { get; set; }
}

/// <summary>An accredited award registered for a person, from the hours they worked towards it.</summary>
public sealed class UnpaidWorkAward
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Qualification Qualification { get; set; }
    public DateOnly RegisteredOn { get; set; }
    public int HoursTowards { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A booking as the rules read it.</summary>
public sealed record UnpaidWorkBookingRecord(
    DateOnly On, TimeOnly StartsAt, TimeOnly EndsAt, AttendanceOutcome? Outcome, int CreditedMinutes, PlacementKind Placement, Qualification? Award = null)
{
    public int Minutes => (int)(EndsAt - StartsAt).TotalMinutes;
}

/// <summary>What the safety net reads about a case's unpaid work requirement.</summary>
public sealed record UnpaidWorkSnapshot(int OrderedHours, DateOnly OrderStart, IReadOnlyList<UnpaidWorkBookingRecord> Bookings);
