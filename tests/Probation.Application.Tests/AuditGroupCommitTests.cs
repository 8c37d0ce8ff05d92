using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Testing;

namespace Probation.Application.Tests;

/// <summary>
/// Group commit of read-audit rows (ADR 0012): concurrent reads share a transaction, each read
/// returns only once its row is committed, a failed commit fails every read in it and keeps nothing,
/// and stopping the app drains the queue. The same tests on SQLite and on PostgreSQL.
/// </summary>
public abstract class AuditGroupCommitTests(ProbationAppFactory app)
{
    private static int _run;

    // Each test's own CRNs (letter Q, a run number, a row number), so tests sharing the database do not see each other's rows.
    private static List<Crn> NewCrns(int count)
    {
        var run = Interlocked.Increment(ref _run);
        return Enumerable.Range(0, count).Select(i => Crn.Parse($"Q{run:D2}{i:D4}")).ToList();
    }

    private Func<ProbationDbContext> Contexts(params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<ProbationDbContext>();
        app.Services.GetRequiredService<DatabaseOptions>().Apply(builder);
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        var options = builder.Options;
        return () => new ProbationDbContext(options);
    }

    private static Viewer Officer(int i) => TestRequestContext.StaffViewer(1000 + i, 1, null, "ProbationOfficer");

    /// <summary>One read, as a query use case makes it: its own request, scope and AuditLog.</summary>
    private async Task ReadAsync(AuditWriter writer, Crn crn, int i, string purpose)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var audit = new AuditLog(db, new TestRequestContext(Officer(i), "GET /cases/{crn}"), app.Clock, writer);
        await audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], CancellationToken.None);
    }

    private Task<List<(string UserName, string Crn)>> RowsAsync(string purpose) =>
        app.WithDbAsync(async db => (await (
                from e in db.AuditEntries.AsNoTracking()
                join s in db.AuditSubjects.AsNoTracking() on e.Id equals s.AuditEntryId
                where e.Purpose == purpose
                select new { e.UserName, s.Crn }).ToListAsync())
            .Select(r => (r.UserName, r.Crn)).ToList());

    [Fact]
    public async Task ConcurrentReads_EachGetExactlyItsOwnRow_InFewerTransactionsThanReads()
    {
        app.SkipIfUnavailable();
        const int reads = 64;
        var purpose = "Group commit " + Guid.NewGuid().ToString("N");
        var crns = NewCrns(reads);

        // A long linger so the reads started together are grouped whatever the machine's speed.
        await using var writer = new AuditWriter(Contexts(), new AuditGroupCommitOptions(TimeSpan.FromMilliseconds(300), 1000));
        await Task.WhenAll(crns.Select((crn, i) => ReadAsync(writer, crn, i, purpose)));

        var rows = await RowsAsync(purpose);
        Assert.Equal(reads, rows.Count);
        Assert.Equal(
            crns.Select((c, i) => ($"staff{1000 + i}", c.Value)).OrderBy(r => r.Item2),
            rows.OrderBy(r => r.Crn));
        Assert.Equal(reads, writer.RowsWritten);
        Assert.InRange(writer.Commits, 1, reads - 1);
    }

    [Fact]
    public async Task RegisteredWriter_IsWhatTheAppsAuditLogUses()
    {
        app.SkipIfUnavailable();
        var writer = app.Services.GetRequiredService<AuditWriter>();
        var before = writer.RowsWritten;
        await using var scope = app.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var crn = NewCrns(1)[0];
        var purpose = "Registered writer " + Guid.NewGuid().ToString("N");
        await audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], CancellationToken.None);
        Assert.Equal(before + 1, writer.RowsWritten);
        Assert.Equal(crn.Value, Assert.Single(await RowsAsync(purpose)).Crn);
    }

    [Fact]
    public async Task CommitFailure_FailsEveryWaitingRead_AndKeepsNoRowOfTheBatch()
    {
        app.SkipIfUnavailable();
        const int reads = 20;
        var purpose = "Failed commit " + Guid.NewGuid().ToString("N");
        var crns = NewCrns(reads);

        // The batch's audit entries are inserted, then the insert of their subjects fails: the transaction must undo the entries too.
        await using var writer = new AuditWriter(
            Contexts(new FailSubjectInserts()), new AuditGroupCommitOptions(TimeSpan.FromMilliseconds(300), 1000));
        var calls = crns.Select((crn, i) => ReadAsync(writer, crn, i, purpose)).ToList();
        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<AuditWriteFailedException>(() => call);
            Assert.NotNull(ex.InnerException);
        }

        Assert.Empty(await RowsAsync(purpose));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Purpose == purpose)));
        Assert.Equal(0, writer.RowsWritten);
    }

    [Fact]
    public async Task Stopping_DrainsTheQueue_ThenRefusesNewReads()
    {
        app.SkipIfUnavailable();
        const int reads = 30;
        var purpose = "Drain " + Guid.NewGuid().ToString("N");
        var crns = NewCrns(reads + 1);
        var writer = new AuditWriter(Contexts(), new AuditGroupCommitOptions(TimeSpan.FromMilliseconds(500), 1000));
        // Each call queues its row before its first await, so all are queued (the writer still lingering) when the stop comes.
        var calls = crns.Take(reads).Select((crn, i) => ReadAsync(writer, crn, i, purpose)).ToList();
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(reads, (await RowsAsync(purpose)).Count);
        await Task.WhenAll(calls);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAsync(writer, crns[^1], reads, purpose));
        Assert.Equal(reads, (await RowsAsync(purpose)).Count);
        await writer.DisposeAsync();
    }

    private sealed class FailSubjectInserts : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("AuditLogSubjects", StringComparison.Ordinal)
                ? throw new InvalidOperationException("Disk full (simulated).")
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("AuditLogSubjects", StringComparison.Ordinal)
                ? throw new InvalidOperationException("Disk full (simulated).")
                : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class SqliteAuditGroupCommitTests(ProbationAppFactory app) : AuditGroupCommitTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresAuditGroupCommitTests(PostgresAppFactory app) : AuditGroupCommitTests(app), IClassFixture<PostgresAppFactory>;
