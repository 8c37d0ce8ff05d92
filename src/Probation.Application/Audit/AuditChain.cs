using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Probation.Application.Data;
using Probation.Domain.Audit;

namespace Probation.Application.Audit;

/// <summary>
/// How the audit log is sealed (ADR 0018): whether this node seals in the background, how often, how long a committed
/// entry must have been visible before it is sealed (longer than any transaction writing audit rows may take), and the
/// most entries one seal covers.
/// </summary>
public sealed record AuditSealOptions(bool Enabled, TimeSpan Interval, TimeSpan Horizon, int MaxEntriesPerSeal)
{
    public static readonly AuditSealOptions Default = new(true, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), 10_000);

    /// <summary>Reads <c>Audit:Sealing</c>; a bad setting stops start-up with a clear message.</summary>
    public static AuditSealOptions Checked(bool? enabled, TimeSpan? interval, TimeSpan? horizon, int? maxEntriesPerSeal)
    {
        var options = new AuditSealOptions(
            enabled ?? Default.Enabled, interval ?? Default.Interval, horizon ?? Default.Horizon, maxEntriesPerSeal ?? Default.MaxEntriesPerSeal);
        if (options.Interval <= TimeSpan.Zero || options.Interval > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Audit:Sealing:Interval must be more than zero and at most a day, not {options.Interval}.");
        }

        if (options.Horizon < TimeSpan.Zero || options.Horizon > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException($"Audit:Sealing:Horizon must be from zero to an hour, not {options.Horizon}.");
        }

        if (options.MaxEntriesPerSeal is < 1 or > 1_000_000)
        {
            throw new InvalidOperationException($"Audit:Sealing:MaxEntriesPerSeal must be from 1 to 1,000,000, not {options.MaxEntriesPerSeal}.");
        }

        return options;
    }
}

/// <summary>What a walk of the seals found. <see cref="FirstBrokenSeal"/> is the position of the first seal whose rows no longer match.</summary>
public sealed record AuditVerification(
    bool Ok,
    int SealsChecked,
    long EntriesCovered,
    long? FirstBrokenSeal,
    long? BrokenAfterEntryId,
    long? BrokenThroughEntryId,
    string? Problem,
    long LastSealedEntryId,
    DateTime? LastSealedAtUtc,
    long UnsealedEntries);

/// <summary>
/// The audit log's hash chain (ADR 0018). Sealing appends a seal covering the next run of committed entries in id order;
/// verifying walks the seals, reads their ranges again and recomputes every hash. Neither touches the group-commit
/// writer: seals are written afterwards, from rows already committed.
/// </summary>
public sealed partial class AuditChain(ProbationDbContext db, TimeProvider clock, ILogger<AuditChain> log)
{
    private const string Domain = "probation-audit-seal-v1";

    /// <summary>The highest audit entry id committed now (0 when the log is empty).</summary>
    public async Task<long> HighestEntryIdAsync(CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().MaxAsync(e => (long?)e.Id, ct) ?? 0;

    /// <summary>
    /// Seals every entry committed now, after waiting <paramref name="settle"/> for transactions that may still hold a
    /// lower id to finish (zero where nothing else is writing, as in a test). Returns the seals added.
    /// </summary>
    public async Task<int> SealNowAsync(TimeSpan settle, int maxEntriesPerSeal, CancellationToken ct)
    {
        var through = await HighestEntryIdAsync(ct);
        if (settle > TimeSpan.Zero)
        {
            await Task.Delay(settle, ct);
        }

        return await SealThroughAsync(through, maxEntriesPerSeal, ct);
    }

    /// <summary>
    /// Appends seals until every entry up to <paramref name="throughAtMost"/> is sealed. Another node sealing at the same
    /// time takes the same position: whichever saves second gives up quietly and the chain stays single.
    /// </summary>
    public async Task<int> SealThroughAsync(long throughAtMost, int maxEntriesPerSeal, CancellationToken ct)
    {
        var added = 0;
        while (true)
        {
            var last = await db.AuditSeals.AsNoTracking().OrderByDescending(s => s.Position).FirstOrDefaultAsync(ct);
            var after = last?.ThroughEntryId ?? 0;
            if (after >= throughAtMost)
            {
                return added;
            }

            var entries = await EntriesAsync(after, throughAtMost, maxEntriesPerSeal, ct);
            if (entries.Count == 0)
            {
                return added;
            }

            var through = entries[^1].Id;
            var subjects = await SubjectsAsync(after, through, ct);
            var position = (last?.Position ?? 0) + 1;
            var seal = new AuditSeal
            {
                Position = position,
                AfterEntryId = after,
                ThroughEntryId = through,
                EntryCount = entries.Count,
                SealedAtUtc = clock.GetUtcNow().UtcDateTime,
                Hash = Hash(last?.Hash, position, after, through, entries, subjects),
            };

            // The position is the key: a seal another node added there first stays, and this one gives up quietly.
            var inserted = await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "AuditSeals" ("Position", "AfterEntryId", "ThroughEntryId", "EntryCount", "SealedAtUtc", "Hash")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}) ON CONFLICT DO NOTHING
                """,
                [seal.Position, seal.AfterEntryId, seal.ThroughEntryId, seal.EntryCount, seal.SealedAtUtc, seal.Hash],
                ct);
            if (inserted == 0)
            {
                LostRace(position);
                return added;
            }

            Sealed(position, after, through, entries.Count, seal.Hash);
            added++;
        }
    }

    /// <summary>Walks every seal in order, recomputing each from the rows in its range now; stops at the first that no longer matches.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var seals = await db.AuditSeals.AsNoTracking().OrderBy(s => s.Position).ToListAsync(ct);
        long covered = 0;
        string? previousHash = null;
        long previousThrough = 0;
        for (var i = 0; i < seals.Count; i++)
        {
            var seal = seals[i];
            string? problem = null;
            if (seal.Position != i + 1)
            {
                problem = $"Seal {i + 1} is missing: the seals go from {i} to {seal.Position}.";
            }
            else if (seal.AfterEntryId != previousThrough || seal.ThroughEntryId <= seal.AfterEntryId)
            {
                problem = $"Seal {seal.Position} does not continue from the seal before it (it starts after entry {seal.AfterEntryId}, the one before ends at {previousThrough}).";
            }
            else
            {
                var entries = await EntriesAsync(seal.AfterEntryId, seal.ThroughEntryId, int.MaxValue, ct);
                var subjects = await SubjectsAsync(seal.AfterEntryId, seal.ThroughEntryId, ct);
                var hash = Hash(previousHash, seal.Position, seal.AfterEntryId, seal.ThroughEntryId, entries, subjects);
                if (entries.Count != seal.EntryCount)
                {
                    problem = $"Seal {seal.Position} covered {seal.EntryCount} entries; its range now holds {entries.Count}.";
                }
                else if (!string.Equals(hash, seal.Hash, StringComparison.Ordinal))
                {
                    problem = $"The entries after {seal.AfterEntryId} through {seal.ThroughEntryId}, or their subjects, are not the ones seal {seal.Position} was made from.";
                }
            }

            if (problem is not null)
            {
                return new AuditVerification(false, i + 1, covered, seal.Position, seal.AfterEntryId, seal.ThroughEntryId, problem, seals[^1].ThroughEntryId, seals[^1].SealedAtUtc,
                    await UnsealedAsync(seals[^1].ThroughEntryId, ct));
            }

            covered += seal.EntryCount;
            previousHash = seal.Hash;
            previousThrough = seal.ThroughEntryId;
        }

        return new AuditVerification(true, seals.Count, covered, null, null, null, null, previousThrough, seals.Count > 0 ? seals[^1].SealedAtUtc : null,
            await UnsealedAsync(previousThrough, ct));
    }

    private Task<int> UnsealedAsync(long after, CancellationToken ct) => db.AuditEntries.AsNoTracking().CountAsync(e => e.Id > after, ct);

    // The rows are read as stored (the action as its text), so that a value the model could not read still counts as a change.
    private Task<List<EntryRow>> EntriesAsync(long after, long through, int limit, CancellationToken ct) =>
        db.Database.SqlQueryRaw<EntryRow>(
                """
                SELECT "Id", "AtUtc", "UserName", "StaffMemberId", "Action", "Where", "Purpose", "RequestId"
                FROM "AuditLog" WHERE "Id" > {0} AND "Id" <= {1} ORDER BY "Id" LIMIT {2}
                """,
                after, through, limit)
            .ToListAsync(ct);

    private Task<List<SubjectRow>> SubjectsAsync(long after, long through, CancellationToken ct) =>
        db.Database.SqlQueryRaw<SubjectRow>(
                """
                SELECT "Id", "AuditEntryId", "Crn" FROM "AuditLogSubjects"
                WHERE "AuditEntryId" > {0} AND "AuditEntryId" <= {1} ORDER BY "AuditEntryId", "Id"
                """,
                after, through)
            .ToListAsync(ct);

    /// <summary>
    /// SHA-256 of the previous seal's hash and the canonical bytes of the range: every number big-endian, times as UTC
    /// ticks, text as UTF-8 with its byte length before it (-1 for none), each entry followed by its subjects in id order.
    /// The same rows give the same hash on either database.
    /// </summary>
    internal static string Hash(string? previousHash, long position, long after, long through, IReadOnlyList<EntryRow> entries, IReadOnlyList<SubjectRow> subjects)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new CanonicalWriter(hash);
        writer.Text(Domain);
        writer.Bytes(previousHash is null ? new byte[32] : Convert.FromHexString(previousHash));
        writer.Int64(position);
        writer.Int64(after);
        writer.Int64(through);
        writer.Int32(entries.Count);
        var s = 0;
        var strays = 0;
        foreach (var e in entries)
        {
            writer.Int64(e.Id);
            writer.Int64(e.AtUtc.Ticks);
            writer.Text(e.UserName);
            writer.Int32(e.StaffMemberId is null ? 0 : 1);
            writer.Int32(e.StaffMemberId ?? 0);
            writer.Text(e.Action);
            writer.Text(e.Where);
            writer.Text(e.Purpose);
            writer.Text(e.RequestId);

            // Subjects come in entry order too; one naming no entry of the range is counted as a stray.
            while (s < subjects.Count && subjects[s].AuditEntryId < e.Id)
            {
                strays++;
                s++;
            }

            var first = s;
            while (s < subjects.Count && subjects[s].AuditEntryId == e.Id)
            {
                s++;
            }

            writer.Int32(s - first);
            for (var k = first; k < s; k++)
            {
                writer.Int64(subjects[k].Id);
                writer.Text(subjects[k].Crn);
            }
        }

        writer.Int32(strays + subjects.Count - s);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit log sealed: seal {Position} covers entries after {After} through {Through} ({Count} entries), hash {Hash}")]
    private partial void Sealed(long position, long after, long through, int count, string hash);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit seal {Position} was added by another node first; this one leaves it to that one")]
    private partial void LostRace(long position);

    private readonly struct CanonicalWriter(IncrementalHash hash)
    {
        public void Int64(long value)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(b, value);
            hash.AppendData(b);
        }

        public void Int32(int value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(b, value);
            hash.AppendData(b);
        }

        public void Bytes(byte[] value)
        {
            Int32(value.Length);
            hash.AppendData(value);
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Int32(-1);
                return;
            }

            Bytes(Encoding.UTF8.GetBytes(value));
        }
    }
}

/// <summary>An audit entry as stored, for sealing.</summary>
public sealed class EntryRow
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string UserName { get; set; } = "";
    public int? StaffMemberId { get; set; }
    public string Action { get; set; } = "";
    public string Where { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string? RequestId { get; set; }
}

/// <summary>An audit subject as stored, for sealing.</summary>
public sealed class SubjectRow
{
    public long Id { get; set; }
    public long AuditEntryId { get; set; }
    public string Crn { get; set; } = "";
}

/// <summary>
/// Seals the audit log in the background (ADR 0018). Each round notes the highest committed entry id; an id noted at
/// least <see cref="AuditSealOptions.Horizon"/> ago is sealed through, so a transaction still holding a lower id when
/// it was noted has long finished, and cannot land inside a range already sealed.
/// </summary>
public sealed partial class AuditSealer(IServiceScopeFactory scopes, AuditSealOptions options, ILogger<AuditSealer> log) : BackgroundService
{
    private readonly Queue<(long At, long Through)> _noted = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Interval);
        do
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RoundFailed(e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        _noted.Enqueue((now, await chain.HighestEntryIdAsync(ct)));
        long? through = null;
        while (_noted.Count > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_noted.Peek().At, now) >= options.Horizon)
        {
            through = _noted.Dequeue().Through;
        }

        if (through is { } t)
        {
            await chain.SealThroughAsync(t, options.MaxEntriesPerSeal, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log could not be sealed this round ({Error}); the next round tries again")]
    private partial void RoundFailed(string error);

    public static void Register(IServiceCollection services)
    {
        services.AddScoped<AuditChain>();
        services.AddHostedService<AuditSealer>();
    }
}
