namespace Probation.Domain.Audit;

/// <summary>
/// One link of the audit log's hash chain: it covers the entries whose ids are after <see cref="AfterEntryId"/> and up
/// to <see cref="ThroughEntryId"/>, and its <see cref="Hash"/> is SHA-256 of the previous seal's hash and the canonical
/// bytes of every entry in that range with its subjects. Seals are append-only like the entries they cover; the
/// position is the key, so two nodes sealing at once cannot both add the same link.
/// </summary>
public sealed class AuditSeal
{
    public const int HashLength = 64;

    /// <summary>1 for the first seal, then one more for each.</summary>
    public long Position { get; set; }

    public long AfterEntryId { get; set; }
    public long ThroughEntryId { get; set; }

    /// <summary>The entries the range held when it was sealed.</summary>
    public int EntryCount { get; set; }

    public DateTime SealedAtUtc { get; set; }

    /// <summary>Lower-case hexadecimal SHA-256.</summary>
    public required string Hash { get; set; }
}
