namespace Probation.Domain.Allocation;

/// <summary>How a case reached the provider for allocation.</summary>
public enum CaseSource
{
    Court,
    Transfer,
}

/// <summary>Facts the matrix needs that were unknown or unclear when the case arrived, until someone confirms them.</summary>
[Flags]
public enum FactsToConfirm
{
    None = 0,
    DomesticAbuse = 1,
    SexualOffending = 2,
    ChildProtection = 4,
}

/// <summary>
/// One allocation of a case to a responsible officer: who, from when to when, the matrix outcome and
/// reasons at the time, who decided and, for an override, why. Reallocation ends the last one.
/// </summary>
public sealed class CaseAllocation
{
    public const int OverrideReasonMaxLength = 1000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public int StaffMemberId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public DateTime DecidedAtUtc { get; set; }
    public required string DecidedByUserName { get; set; }
    public AllocationDecider DecidedAs { get; set; }
    public RequiredGrade RequiredGrade { get; set; }
    public ResourceLevel? ResourceLevel { get; set; }
    public bool FemaleOfficerRequired { get; set; }

    /// <summary>The matrix's reasons at the time of the decision, one a line as "rule: text".</summary>
    public required string MatrixReasons { get; set; }

    /// <summary>Where the officer's rank in the candidate list was explained at the time.</summary>
    public string? CandidateReason { get; set; }

    public bool Override { get; set; }
    public string? OverrideReason { get; set; }
}
