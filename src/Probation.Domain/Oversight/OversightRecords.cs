using Probation.Domain.Cases;

namespace Probation.Domain.Oversight;

public enum OversightKind
{
    /// <summary>The manager has read and agrees a piece of the officer's work (an assessment, plan or review).</summary>
    Countersignature,

    /// <summary>The manager's direction on the case, with a date to check it was followed.</summary>
    Direction,
}

public enum OversightSubject
{
    Case,
    Assessment,
    Plan,
    Review,
}

/// <summary>
/// Management oversight recorded on a case (the report's first recommendation): a countersignature of
/// an assessment, plan or review, or a direction with the date by which the manager will check it was followed.
/// </summary>
public sealed class OversightEntry
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public OversightKind Kind { get; set; }
    public OversightSubject Subject { get; set; }

    /// <summary>The assessment or review countersigned (the plan is one per case, so it needs none).</summary>
    public int? SubjectId { get; set; }
    public DateOnly RecordedOn { get; set; }
    public required string RecordedBy { get; set; }
    public int? ManagerStaffId { get; set; }

    /// <summary>The direction, or a countersignature's comment.</summary>
    public string? Text { get; set; }
    public DateOnly? CheckBy { get; set; }
    public DateOnly? CheckedOn { get; set; }
    public bool? Followed { get; set; }
    public string? CheckComment { get; set; }

    public bool IsDueForCheck(DateOnly today) => Kind == OversightKind.Direction && CheckedOn is null && CheckBy is { } by && by <= today;
}

/// <summary>A staff supervision session: a manager and an officer, on a day, and the cases they discussed.</summary>
public sealed class StaffSupervisionRecord
{
    public const int NotesMaxLength = 4000;

    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public int ManagerStaffId { get; set; }
    public DateOnly On { get; set; }
    public string? Notes { get; set; }
    public required string RecordedBy { get; set; }
    public List<StaffSupervisionCase> Cases { get; set; } = [];
}

/// <summary>One case discussed at a staff supervision session.</summary>
public sealed class StaffSupervisionCase
{
    public int Id { get; set; }
    public int StaffSupervisionRecordId { get; set; }
    public int PersonId { get; set; }
    public PersonOnProbation? Person { get; set; }
}
