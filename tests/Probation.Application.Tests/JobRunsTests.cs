using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Probation.Application.Common;
using Probation.Application.Data;
using Probation.Testing;

namespace Probation.Application.Tests;

/// <summary>A migrated, empty database for the job-run tests: no demo data, no app.</summary>
public abstract class JobRunsStore : IAsyncLifetime
{
    private readonly TestDatabase? _database;
    private ServiceProvider? _services;

    protected JobRunsStore(TestDatabase? database) => _database = database;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException(TestDatabase.SkipReason);

    public void SkipIfUnavailable() => Assert.SkipUnless(_database is not null, TestDatabase.SkipReason);

    public async ValueTask InitializeAsync()
    {
        if (_database is null)
        {
            return;
        }

        var services = new ServiceCollection();
        services.AddProbationData(new DatabaseOptions(Enum.Parse<DatabaseProvider>(_database.Provider), _database.ConnectionString));
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProbationDbContext>().Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteJobRunsStore() : JobRunsStore(TestDatabase.Sqlite());

public sealed class PostgresJobRunsStore() : JobRunsStore(TestDatabase.Postgres());

/// <summary>
/// The leases that make each scheduled job run once a slot across nodes (ADR 0019): several nodes claiming one slot
/// at once, a run whose node died taken over once its lease runs out (and by one node only), a node that lost its
/// lease stopping, and failures recorded by their type only. Each "node" is a <see cref="JobRuns"/> of its own name
/// on the same database, as separate processes would be.
/// </summary>
public abstract class JobRunsTests(JobRunsStore store)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 0, 5, 0, TimeSpan.Zero));

    private JobRuns Node(string name) =>
        new(store.Services.GetRequiredService<IServiceScopeFactory>(), _clock, new JobRunOptions(name, Lease, null), NullLogger<JobRuns>.Instance);

    /// <summary>A job name of the test's own, so that the tests sharing the database do not meet.</summary>
    private static string NewJob() => "test-" + Guid.NewGuid().ToString("N")[..12];

    private DateTime Slot => JobSchedule.DailyAt(TimeSpan.FromMinutes(5)).SlotAt(_clock.GetUtcNow());

    private async Task<JobRun> RowAsync(string job)
    {
        await using var scope = store.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbationDbContext>().JobRuns.AsNoTracking().SingleAsync(r => r.Job == job, Ct);
    }

    private async Task ExecuteAsync(Func<ProbationDbContext, Task> change)
    {
        await using var scope = store.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<ProbationDbContext>());
    }

    [Fact]
    public async Task EightNodesClaimingOneSlotAtOnce_OneRunsIt_AndTheOthersLeaveIt()
    {
        store.SkipIfUnavailable();
        var job = NewJob();
        var ran = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(8);
        var attempts = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(
            async () =>
            {
                var node = Node($"node-{i}");
                start.SignalAndWait(Ct);
                return await node.RunAsync(job, Slot, async (run, ct) =>
                {
                    ran.Add($"node-{i}");
                    await Task.Delay(200, ct);
                    return 7;
                }, Ct);
            },
            Ct)));

        var winner = Assert.Single(ran);
        Assert.Equal(1, attempts.Count(a => a.Result == JobRunResult.Ran));
        Assert.All(attempts.Where(a => a.Result != JobRunResult.Ran), a => Assert.Contains(a.Result, new[] { JobRunResult.HeldElsewhere, JobRunResult.AlreadyFinished }));
        var row = await RowAsync(job);
        Assert.Equal((winner, 1, JobRunOutcome.Completed, 7), (row.Node, row.Attempt, row.Outcome!.Value, row.Items!.Value));
        Assert.Equal(Slot, DateTime.SpecifyKind(row.SlotAtUtc, DateTimeKind.Utc));

        // Later in the slot, nobody runs it again.
        Assert.Equal(JobRunResult.AlreadyFinished, (await Node("node-9").RunAsync(job, Slot, (_, _) => throw new InvalidOperationException("ran twice"), Ct)).Result);
    }

    [Fact]
    public async Task ARunWhoseNodeDied_IsLeftWhileItsLeaseLasts_ThenTakenOverByOneNode_WhichDoesWhatWasLeft()
    {
        store.SkipIfUnavailable();
        var job = NewJob();
        var now = _clock.GetUtcNow().UtcDateTime;
        var slot = Slot;

        // A node claimed the run and died: its row has no end, and a lease it no longer renews.
        await ExecuteAsync(db =>
        {
            db.JobRuns.Add(new JobRun { Job = job, SlotAtUtc = slot, Node = "dead", Attempt = 1, StartedAtUtc = now, LeaseUntilUtc = now + Lease });
            return db.SaveChangesAsync(Ct);
        });

        var waiting = await Node("node-1").RunAsync(job, slot, (_, _) => throw new InvalidOperationException("ran under a live lease"), Ct);
        Assert.Equal(JobRunResult.HeldElsewhere, waiting.Result);
        Assert.Equal(now + Lease, DateTime.SpecifyKind(waiting.HeldUntilUtc!.Value, DateTimeKind.Utc), TimeSpan.FromMilliseconds(1));

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var attemptsSeen = new System.Collections.Concurrent.ConcurrentBag<(string Node, int Attempt)>();
        var attempts = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(
            () => Node($"node-{i}").RunAsync(job, slot, async (run, ct) =>
            {
                attemptsSeen.Add(($"node-{i}", run.Attempt));
                await Task.Delay(100, ct);
                return 3;
            }, Ct),
            Ct)));

        var (winner, attempt) = Assert.Single(attemptsSeen);
        Assert.Equal(2, attempt);
        Assert.Equal(1, attempts.Count(a => a.Result == JobRunResult.Ran));
        var row = await RowAsync(job);
        Assert.Equal((winner, 2, JobRunOutcome.Completed), (row.Node, row.Attempt, row.Outcome!.Value));
    }

    [Fact]
    public async Task ANodeWhoseRunWasTakenOver_StopsAtItsNextRenewal_AndRecordsNothing()
    {
        store.SkipIfUnavailable();
        var job = NewJob();
        var slot = Slot;
        var working = new TaskCompletionSource();
        var stopped = new TaskCompletionSource();
        var running = Node("slow").RunAsync(job, slot, async (_, ct) =>
        {
            working.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                stopped.SetResult();
            }

            return 1;
        }, Ct);
        await working.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // The node stalled past its lease, and another took the run over.
        await ExecuteAsync(db => db.JobRuns.Where(r => r.Job == job).ExecuteUpdateAsync(s => s.SetProperty(r => r.Node, "other").SetProperty(r => r.Attempt, 2), Ct));
        _clock.Advance(Lease / 3);

        Assert.Equal(JobRunResult.LeaseLost, (await running.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Result);
        Assert.True(stopped.Task.IsCompleted);
        var row = await RowAsync(job);
        Assert.Equal(("other", 2, (DateTime?)null, (JobRunOutcome?)null), (row.Node, row.Attempt, row.FinishedAtUtc, row.Outcome));
    }

    [Fact]
    public async Task WhileANodeWorks_ItMovesItsLeaseOn_SoNoOtherNodeTakesTheRunOver()
    {
        store.SkipIfUnavailable();
        var job = NewJob();
        var slot = Slot;
        var working = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var running = Node("busy").RunAsync(job, slot, async (_, ct) =>
        {
            working.SetResult();
            await finish.Task.WaitAsync(ct);
            return 5;
        }, Ct);
        await working.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // 70 seconds on the node's clock, a second at a time: more than twice the lease it first took.
        var first = (await RowAsync(job)).LeaseUntilUtc;
        for (var i = 0; i < 70; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(30, Ct);
        }

        var lease = (await RowAsync(job)).LeaseUntilUtc;
        Assert.True(lease > first + Lease, $"The lease ends at {lease:O}, no later than twice the first ({first:O})");
        Assert.True(lease > _clock.GetUtcNow().UtcDateTime, $"The lease ended at {lease:O}, before {_clock.GetUtcNow():O}");
        Assert.Equal(JobRunResult.HeldElsewhere, (await Node("other").RunAsync(job, slot, (_, _) => throw new InvalidOperationException("took over a live run"), Ct)).Result);
        finish.SetResult();
        Assert.Equal(JobRunResult.Ran, (await running).Result);
        var row = await RowAsync(job);
        Assert.Equal(("busy", 1, JobRunOutcome.Completed, 5), (row.Node, row.Attempt, row.Outcome!.Value, row.Items!.Value));
    }

    [Fact]
    public async Task AFailedRun_IsRecordedByItsErrorTypeOnly_AndNotRunAgainInTheSlot()
    {
        store.SkipIfUnavailable();
        var job = NewJob();
        var attempt = await Node("node-1").RunAsync(job, Slot, (_, _) => throw new InvalidOperationException("Case X123456 could not be read"), Ct);
        Assert.Equal(JobRunResult.Ran, attempt.Result);
        var row = await RowAsync(job);
        Assert.Equal((JobRunOutcome.Failed, "InvalidOperationException"), (row.Outcome!.Value, row.Error));
        Assert.Equal(JobRunResult.AlreadyFinished, (await Node("node-2").RunAsync(job, Slot, (_, _) => Task.FromResult(1), Ct)).Result);
    }

    [Fact]
    public async Task EachSlotHasARunOfItsOwn()
    {
        store.SkipIfUnavailable();
        var job = NewJob();
        var schedule = JobSchedule.Every(TimeSpan.FromSeconds(5));
        var ran = 0;
        for (var i = 0; i < 3; i++)
        {
            foreach (var node in new[] { "node-1", "node-2" })
            {
                await Node(node).RunAsync(job, schedule.SlotAt(_clock.GetUtcNow()), (_, _) => Task.FromResult(++ran), Ct);
            }

            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(3, ran);
        await using var scope = store.Services.CreateAsyncScope();
        var slots = await scope.ServiceProvider.GetRequiredService<ProbationDbContext>().JobRuns.Where(r => r.Job == job).Select(r => r.SlotAtUtc).ToListAsync(Ct);
        Assert.Equal(3, slots.Distinct().Count());
    }
}

public sealed class SqliteJobRunsTests(SqliteJobRunsStore store) : JobRunsTests(store), IClassFixture<SqliteJobRunsStore>;

[Trait("Database", "Postgres")]
public sealed class PostgresJobRunsTests(PostgresJobRunsStore store) : JobRunsTests(store), IClassFixture<PostgresJobRunsStore>;

/// <summary>A job's slots: a UK day (through summer time), or a fixed period from UTC midnight for rehearsals.</summary>
public sealed class JobScheduleTests
{
    [Theory]
    [InlineData("2026-11-27T10:00:00Z", "2026-11-27T00:00:00Z", "2026-11-28T00:05:00Z")] // winter: GMT
    [InlineData("2026-11-27T00:03:00Z", "2026-11-27T00:00:00Z", "2026-11-27T00:05:00Z")] // before the day's run is due
    [InlineData("2026-07-01T10:00:00Z", "2026-06-30T23:00:00Z", "2026-07-01T23:05:00Z")] // summer: the UK day began at 23:00 UTC
    [InlineData("2026-06-30T23:30:00Z", "2026-06-30T23:00:00Z", "2026-07-01T23:05:00Z")] // 00:30 BST on 1 July: the day's run was due at 00:05 BST
    [InlineData("2026-03-29T12:00:00Z", "2026-03-29T00:00:00Z", "2026-03-29T23:05:00Z")] // the day the clocks go forward
    public void ADailyJob_HasOneSlotAUkDay(string now, string slot, string nextDue)
    {
        var schedule = JobSchedule.DailyAt(TimeSpan.FromMinutes(5));
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(slot, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, schedule.SlotAt(at));
        Assert.Equal(DateTimeKind.Utc, schedule.SlotAt(at).Kind);
        var due = schedule.NextDue(at);
        Assert.Equal(DateTimeOffset.Parse(nextDue, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Theory]
    [InlineData("2026-11-27T10:00:04.999Z", "2026-11-27T10:00:00Z", "2026-11-27T10:00:05Z")]
    [InlineData("2026-11-27T10:00:05Z", "2026-11-27T10:00:05Z", "2026-11-27T10:00:10Z")]
    public void ARehearsal_HasSlotsOfItsPeriodFromMidnight(string now, string slot, string nextDue)
    {
        var schedule = JobSchedule.Every(TimeSpan.FromSeconds(5));
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(slot, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, schedule.SlotAt(at));
        Assert.Equal(DateTimeOffset.Parse(nextDue, System.Globalization.CultureInfo.InvariantCulture), schedule.NextDue(at));
    }

    [Theory]
    [InlineData(null, "00:00:00.5", null, "Jobs:LeaseDuration")]
    [InlineData(null, null, "00:00:07", "Jobs:Every")]
    [InlineData(" ", null, null, "Jobs:Node")]
    public void BadJobSettings_StopStartUp_NamingTheSetting(string? node, string? lease, string? every, string setting)
    {
        static TimeSpan? Time(string? text) => text is null ? null : TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var error = Assert.Throws<InvalidOperationException>(() => JobRunOptions.Checked(node, Time(lease), Time(every)));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByDefault_EachNodeHasANameOfItsOwn_AndLeasesLastTwoMinutes()
    {
        var options = JobRunOptions.Checked(null, null, null);
        Assert.Equal(TimeSpan.FromMinutes(2), options.LeaseDuration);
        Assert.Null(options.Every);
        Assert.NotEqual(JobRunOptions.DefaultNode(), options.Node);
        Assert.StartsWith(Environment.MachineName, options.Node, StringComparison.Ordinal);
    }
}
