namespace Probation.Domain.Calendars;

/// <summary>
/// A user's calendar feed address: a secret in a URL that a calendar app reads without signing in. Only a hash of the
/// secret is kept, so the address is shown once, when it is made; making a new one or revoking it ends the old one.
/// </summary>
public sealed class CalendarFeed
{
    /// <summary>A SHA-256 hash, as 64 hexadecimal characters.</summary>
    public const int SecretHashLength = 64;

    public int Id { get; set; }

    /// <summary>The account whose calendar the feed shows, and as whom it is read.</summary>
    public required string UserName { get; set; }

    public required string SecretHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}
