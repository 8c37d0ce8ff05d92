using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Probation.Application.Common;
using Probation.Application.Data;

namespace Probation.Application.Supervision;

/// <summary>When the kept case statuses are computed for the new day: at start-up when today's are missing, then this long after each UK midnight.</summary>
public sealed record CaseStatusRefreshOptions(bool Enabled, TimeSpan AfterMidnight)
{
    public static readonly CaseStatusRefreshOptions Default = new(true, TimeSpan.FromMinutes(5));
}

/// <summary>
/// Computes every case's status for the new day (ADR 0014), so that the first caseload or team page of the morning reads
/// kept statuses like every other. Readers never depend on it: a status that does not hold is computed when it is read.
/// Running on several nodes at once is harmless (each writes the same statuses).
/// </summary>
public sealed partial class CaseStatusRefresher(IServiceScopeFactory scopes, TimeProvider clock, CaseStatusRefreshOptions options, StartUpWork startUp, ILogger<CaseStatusRefresher> log)
    : DailyJob(clock, startUp, options.Enabled)
{
    /// <summary>Computes today's status of every case whose kept status is not today's; returns how many.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var statuses = scope.ServiceProvider.GetRequiredService<CaseStatuses>();
        var today = Clock.Today();
        var started = Clock.GetTimestamp();
        var count = await statuses.RefreshAsync(db.People.Where(p => !db.CaseStatuses.Any(s => s.PersonId == p.Id && s.ComputedOn == today)), ct);
        if (db.Database.IsSqlite())
        {
            // SQLite keeps its planner statistics only when asked: refresh those that a day's writes have made stale.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize", ct);
        }

        LogRefreshed(log, count, today, Clock.GetElapsedTime(started).TotalMilliseconds);
        return count;
    }

    protected override TimeSpan TimeOfDay => options.AfterMidnight;

    protected override async Task RunAsync(bool atStartUp, CancellationToken ct)
    {
        try
        {
            await RefreshAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Readers compute what they need, so a failed refresh costs speed, not correctness; try again next time.
            LogFailed(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept case statuses computed for {Day}: {Count} cases in {Milliseconds:0} ms")]
    private static partial void LogRefreshed(ILogger logger, int count, DateOnly day, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Computing the kept case statuses failed; pages compute them as they are read")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
