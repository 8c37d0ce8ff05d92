using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Probation.Application.Common;
using Probation.Application.Data;

namespace Probation.Application.Supervision;

/// <summary>
/// When the kept case statuses are computed for the new day: at start-up when today's run has not happened, then this
/// long after each UK midnight; a batch at a time, with a pause after each when one is set (a long refresh then leaves
/// the database to users' requests between batches).
/// </summary>
public sealed record CaseStatusRefreshOptions(bool Enabled, TimeSpan AfterMidnight)
{
    public static readonly CaseStatusRefreshOptions Default = new(true, TimeSpan.FromMinutes(5));

    /// <summary>Cases computed and stored in each transaction.</summary>
    public int BatchSize { get; init; } = CaseStatuses.BatchSize;

    /// <summary>A pause after each batch (none by default).</summary>
    public TimeSpan PauseBetweenBatches { get; init; }
}

/// <summary>
/// Computes every case's status for the new day (ADR 0014), so that the first caseload or team page of the morning reads
/// kept statuses like every other. Readers never depend on it: a status that does not hold is computed when it is read.
/// Once a day across the nodes (ADR 0019). Each batch of cases is stored in a transaction of its own, so a node killed
/// part way leaves whole batches; the node that takes the run over computes the cases not yet computed today.
/// </summary>
public sealed partial class CaseStatusRefresher(
    IServiceScopeFactory scopes, TimeProvider clock, CaseStatusRefreshOptions options, StartUpWork startUp, JobRuns runs, ILogger<CaseStatusRefresher> log)
    : DailyJob(clock, startUp, runs, log, options.Enabled)
{
    public const string JobName = "case-statuses";

    public override string Name => JobName;

    /// <summary>Computes today's status of every case whose kept status is not today's; returns how many.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var statuses = scope.ServiceProvider.GetRequiredService<CaseStatuses>();
        var today = Clock.Today();
        var started = Clock.GetTimestamp();
        var count = await statuses.RefreshAsync(
            db.People.Where(p => !db.CaseStatuses.Any(s => s.PersonId == p.Id && s.ComputedOn == today)), options.BatchSize, options.PauseBetweenBatches, ct);
        if (db.Database.IsSqlite())
        {
            // SQLite keeps its planner statistics only when asked: refresh those that a day's writes have made stale.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize", ct);
        }

        LogRefreshed(Log, count, today, Clock.GetElapsedTime(started).TotalMilliseconds);
        return count;
    }

    protected override TimeSpan TimeOfDay => options.AfterMidnight;

    // Readers compute what they need, so a failed refresh costs speed, not correctness; the next day's run tries again.
    protected override Task<int> RunAsync(JobRunContext run, CancellationToken ct) => RefreshAsync(ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept case statuses computed for {Day}: {Count} cases in {Milliseconds:0} ms")]
    private static partial void LogRefreshed(ILogger logger, int count, DateOnly day, double milliseconds);
}
