namespace Probation.Domain.Audit;

/// <summary>
/// The kinds of processing that Data Protection Act 2018 section 62 requires a log of.
/// </summary>
public enum AuditAction
{
    Consulted,
    Collected,
    Altered,
    Disclosed,
    Erased,
}

/// <summary>
/// One append-only row of the audit log: who did what to whose data, when, where and why. It names
/// the cases by CRN and never holds case-note text.
/// </summary>
public sealed class AuditEntry
{
    public const int WhereMaxLength = 200;
    public const int PurposeMaxLength = 200;

    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string UserName { get; set; }
    public int? StaffMemberId { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>The page or endpoint, for example <c>GET /cases/{crn}</c>.</summary>
    public required string Where { get; set; }
    public required string Purpose { get; set; }
    public string? RequestId { get; set; }
    public List<AuditSubject> Subjects { get; set; } = [];
}

/// <summary>One case named by an audit row. Kept by CRN so the log outlives an erased case.</summary>
public sealed class AuditSubject
{
    public long Id { get; set; }
    public long AuditEntryId { get; set; }
    public required string Crn { get; set; }
}
