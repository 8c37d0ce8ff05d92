namespace Probation.Domain.Access;

public enum AccessListKind
{
    /// <summary>The named member of staff may not see the case; everyone else may.</summary>
    Exclusion,

    /// <summary>Only the staff named on restriction entries may see the case.</summary>
    Restriction,
}

/// <summary>An entry on a case's exclusion or restriction list (limited access offender).</summary>
public sealed class CaseAccessEntry
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public int StaffMemberId { get; set; }
    public AccessListKind Kind { get; set; }
}

public sealed record AccessDecision(bool Allowed, string Reason)
{
    public static readonly AccessDecision Open = new(true, "No access limits on this case");
}

/// <summary>
/// Who may see a case with access limits. Exclusion wins over restriction: a person named on both
/// lists is kept out. Nobody is exempt by role, system administrators included.
/// </summary>
public static class CaseAccessRules
{
    public static AccessDecision Decide(IReadOnlyCollection<CaseAccessEntry> entries, int? staffMemberId)
    {
        if (entries.Count == 0)
        {
            return AccessDecision.Open;
        }

        if (staffMemberId is { } me && entries.Any(e => e.Kind == AccessListKind.Exclusion && e.StaffMemberId == me))
        {
            return new AccessDecision(false, "Excluded from this case");
        }

        var restricted = entries.Any(e => e.Kind == AccessListKind.Restriction);
        if (!restricted)
        {
            return new AccessDecision(true, "Not on the exclusion list");
        }

        return staffMemberId is { } id && entries.Any(e => e.Kind == AccessListKind.Restriction && e.StaffMemberId == id)
            ? new AccessDecision(true, "Named on the restriction list")
            : new AccessDecision(false, "Not named on the restriction list");
    }
}
