using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Probation.Application.Data;
using Probation.Domain.Audit;

namespace Probation.Application.Audit;

/// <summary>How the read-audit writer groups rows: how long the first row of a batch waits for company, and the most rows in one transaction.</summary>
public sealed record AuditGroupCommitOptions(TimeSpan Linger, int MaxBatch)
{
    public static readonly AuditGroupCommitOptions Default = new(TimeSpan.FromMilliseconds(2), 256);
}

/// <summary>
/// Group commit of read-audit rows (ADR 0012). Concurrent requests hand their row here; one loop
/// takes every row waiting (and those arriving within <see cref="AuditGroupCommitOptions.Linger"/>),
/// saves them in one transaction, and only then releases each waiting request. A failed commit
/// fails every request in that batch, so no page is ever sent without its audit row; nothing of a
/// failed batch is kept (one transaction). Stopping the host drains the queue before it returns.
/// </summary>
public sealed class AuditWriter : IHostedService, IAsyncDisposable
{
    private readonly Func<ProbationDbContext> _newContext;
    private readonly AuditGroupCommitOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public AuditWriter(DatabaseOptions database)
        : this(ContextFactory(database), AuditGroupCommitOptions.Default)
    {
    }

    /// <summary>A writer saving through contexts from <paramref name="newContext"/> (tests pass one that fails).</summary>
    public AuditWriter(Func<ProbationDbContext> newContext, AuditGroupCommitOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        _newContext = newContext;
        _options = options;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Rows committed so far and the transactions they took (for the benchmark's report).</summary>
    public long RowsWritten => Interlocked.Read(ref _rows);

    public long Commits => Interlocked.Read(ref _commits);

    private long _rows;
    private long _commits;

    /// <summary>Queues the row and returns once it is durable; throws if its transaction failed or the writer has stopped.</summary>
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit log is shutting down: the read was not recorded, so it is not shown.");
        }

        // A cancelled request stops waiting; its row may still be committed (an audit row without a response is safe, the reverse is not).
        await pending.Done.Task.WaitAsync(ct);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes no more rows and waits until every queued row has been committed or failed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _loop.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_options.MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count < _options.MaxBatch && _options.Linger > TimeSpan.Zero && batch.Count > 0)
            {
                // The linger window: look for company every millisecond until the window closes or the batch is full.
                // Polling rather than a cancelled wait, so that closing the window throws no exception.
                var closes = Stopwatch.GetTimestamp() + (long)(_options.Linger.TotalSeconds * Stopwatch.Frequency);
                while (batch.Count < _options.MaxBatch && Stopwatch.GetTimestamp() < closes && !reader.Completion.IsCompleted)
                {
                    await Task.Delay(1);
                    while (batch.Count < _options.MaxBatch && reader.TryRead(out var next))
                    {
                        batch.Add(next);
                    }
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await using var db = _newContext();

            // Every row of the batch, or none: on PostgreSQL one statement, elsewhere one transaction.
            if (db.Database.IsNpgsql())
            {
                await InsertPostgresAsync(db, batch);
            }
            else
            {
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                await InsertEachAsync(db, batch);
                await transaction.CommitAsync(CancellationToken.None);
            }

            Interlocked.Add(ref _rows, batch.Count);
            Interlocked.Increment(ref _commits);
            foreach (var p in batch)
            {
                p.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            foreach (var p in batch)
            {
                p.Entry.Id = 0;
                p.Done.TrySetException(new AuditWriteFailedException(ex));
            }
        }
    }

    /// <summary>
    /// PostgreSQL: the whole batch in one statement of fixed text, whatever its size, so it is prepared once and reused.
    /// The entries travel as arrays, one per column; each subject names its entry by position in the batch, and the
    /// entries' keys are drawn from the log's own sequence inside the statement.
    /// </summary>
    private static async Task InsertPostgresAsync(ProbationDbContext db, List<Pending> batch)
    {
        var entries = batch.Select(p => p.Entry).ToList();
        var subjectOf = new List<long>();
        var subjectCrn = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var s in entries[i].Subjects)
            {
                subjectOf.Add(i + 1);
                subjectCrn.Add(s.Crn);
            }
        }

        var ids = await db.Database.SqlQueryRaw<long>(
            """
            WITH e AS MATERIALIZED (
                SELECT nextval(pg_get_serial_sequence('"AuditLog"', 'Id')) AS id, u.*
                FROM unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}) WITH ORDINALITY AS u(at, who, staff, action, place, purpose, request, ord)
            ), entries AS (
                INSERT INTO "AuditLog" ("Id", "AtUtc", "UserName", "StaffMemberId", "Action", "Where", "Purpose", "RequestId")
                SELECT id, at, who, staff, action, place, purpose, request FROM e
            ), subjects AS (
                INSERT INTO "AuditLogSubjects" ("AuditEntryId", "Crn")
                SELECT e.id, s.crn FROM unnest({7}, {8}) AS s(ord, crn) JOIN e ON e.ord = s.ord
            )
            SELECT id AS "Value" FROM e ORDER BY ord
            """,
            new NpgsqlParameter<DateTime[]>("p0", entries.Select(e => e.AtUtc).ToArray()),
            new NpgsqlParameter<string[]>("p1", entries.Select(e => e.UserName).ToArray()),
            new NpgsqlParameter<int?[]>("p2", entries.Select(e => e.StaffMemberId).ToArray()),
            new NpgsqlParameter<string[]>("p3", entries.Select(e => e.Action.ToString()).ToArray()),
            new NpgsqlParameter<string[]>("p4", entries.Select(e => e.Where).ToArray()),
            new NpgsqlParameter<string[]>("p5", entries.Select(e => e.Purpose).ToArray()),
            new NpgsqlParameter<string?[]>("p6", entries.Select(e => e.RequestId).ToArray()),
            new NpgsqlParameter<long[]>("p7", subjectOf.ToArray()),
            new NpgsqlParameter<string[]>("p8", subjectCrn.ToArray()))
            .ToListAsync(CancellationToken.None);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Id = ids[i];
        }
    }

    /// <summary>
    /// SQLite (in-process, so a statement costs no round trip): each entry by a plain parameterised INSERT rather than
    /// through the change tracker, its key coming back for its subjects to name, then the subjects in multi-row INSERTs.
    /// </summary>
    private static async Task InsertEachAsync(ProbationDbContext db, List<Pending> batch)
    {
        var subjects = new List<(long EntryId, string Crn)>();
        foreach (var p in batch)
        {
            var e = p.Entry;
            e.Id = (await db.Database.SqlQueryRaw<long>(
                """INSERT INTO "AuditLog" ("AtUtc", "UserName", "StaffMemberId", "Action", "Where", "Purpose", "RequestId") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}) RETURNING "Id" AS "Value" """,
                e.AtUtc, e.UserName, OrDbNull(e.StaffMemberId), e.Action.ToString(), e.Where, e.Purpose, OrDbNull(e.RequestId))
                .ToListAsync(CancellationToken.None)).Single();
            subjects.AddRange(e.Subjects.Select(s => (e.Id, s.Crn)));
        }

        foreach (var chunk in subjects.Chunk(SubjectsPerInsert))
        {
            // Only placeholders are put together here; the values travel as parameters.
            var sql = """INSERT INTO "AuditLogSubjects" ("AuditEntryId", "Crn") VALUES """
                + string.Join(", ", chunk.Select((_, i) => "({" + (2 * i).ToString(CultureInfo.InvariantCulture) + "}, {" + ((2 * i) + 1).ToString(CultureInfo.InvariantCulture) + "})"));
            await db.Database.ExecuteSqlRawAsync(
                sql,
                chunk.SelectMany(s => new object[] { s.EntryId, s.Crn }),
                CancellationToken.None);
        }
    }

    /// <summary>Subjects written by one multi-row INSERT (two parameters each, well inside both databases' limits).</summary>
    private const int SubjectsPerInsert = 500;

    /// <summary>A null value as a raw SQL argument: a typed null the providers can bind.</summary>
    private static object OrDbNull<T>(T? value) => value is null ? DBNull.Value : value;

    private static Func<ProbationDbContext> ContextFactory(DatabaseOptions database)
    {
        var builder = new DbContextOptionsBuilder<ProbationDbContext>();
        database.Apply(builder);
        var options = builder.Options;
        return () => new ProbationDbContext(options);
    }

    /// <summary>Registers the writer once, as a singleton the host stops (draining the queue) at shutdown.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Done);
}

/// <summary>The transaction holding a read's audit row failed: the read must not be shown.</summary>
public sealed class AuditWriteFailedException(Exception inner)
    : Exception("The audit row for this read could not be saved, so the read is refused.", inner);
