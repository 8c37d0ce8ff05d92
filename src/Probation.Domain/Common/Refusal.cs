namespace Probation.Domain.Common;

/// <summary>
/// The outcome of a use case: either it was done, or it was refused by a rule with a reason the
/// user can read. Refusals are values; bugs are exceptions.
/// </summary>
public abstract record Outcome
{
    public static Done Ok() => new();

    public static Refused Refuse(string reason, string? field = null) => new(reason, field);

    public static NotFound Missing(string what) => new(what);

    public static Conflict Stale(string reason) => new(reason);
}

public sealed record Done : Outcome;

/// <summary>Refused by a rule (HTTP 422, or an error summary on a page).</summary>
public sealed record Refused(string Reason, string? Field = null) : Outcome;

/// <summary>The thing asked for does not exist, or may not be seen by this user (HTTP 404).</summary>
public sealed record NotFound(string What) : Outcome;

/// <summary>Someone else changed the record first (HTTP 409 or 412).</summary>
public sealed record Conflict(string Reason) : Outcome;

public sealed record Outcome<T>(Outcome Result, T? Value)
{
    public bool Succeeded => Result is Done;
}
