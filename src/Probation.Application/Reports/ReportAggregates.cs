using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Probation.Application.Common;
using Probation.Application.Data;

namespace Probation.Application.Reports;

/// <summary>
/// The day's pre-computed caseload profile and needs analysis: for each provider, each officer's counts of the
/// cases they hold today (<see cref="CaseloadCounts"/>), so the provider's, a team's or an officer's figures are a
/// sum in the database rather than a read of every case; with them, the provider's inspection readiness and
/// timeliness (<see cref="OversightAggregates"/>). Each provider's rows are replaced at once, in one transaction, and
/// written through the database's bulk path; rows are only read for the day they were computed for, so a figure is
/// never more than a day old, and a day without rows is counted live.
/// </summary>
public sealed class ReportAggregates(ProbationDbContext db, TimeProvider clock, OversightAggregates oversight)
{
    /// <summary>The row each refresh writes for each provider it has counted: the provider's "figures as at" time, for every kept table.</summary>
    internal const string RefreshTable = "refresh";

    /// <summary>Refreshes in a scope of its own, as the seed command does after loading a dataset.</summary>
    public static async Task<int?> RefreshAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportAggregates>().RefreshAsync(onlyMissing: false, ct);
    }

    /// <summary>Whether every provider's rows for today have been built.</summary>
    public Task<bool> HasTodayAsync(CancellationToken ct)
    {
        var counted = Counted(db, clock.Today());
        return db.Providers.AllAsync(p => counted.Any(c => c.ProviderId == p.Id), ct);
    }

    /// <summary>When a provider's kept figures for a day were counted, or null when they have not been.</summary>
    internal static Task<DateTime?> CountedAtAsync(ProbationDbContext db, int providerId, DateOnly on, CancellationToken ct) =>
        Counted(db, on).Where(c => c.ProviderId == providerId).Select(c => (DateTime?)c.ComputedAtUtc).FirstOrDefaultAsync(ct);

    /// <summary>The "counted" rows of a day: one for each provider whose figures for the day have been written.</summary>
    private static IQueryable<DailyReportCount> Counted(ProbationDbContext db, DateOnly day) =>
        db.DailyReportCounts.AsNoTracking().Where(c => c.Day == day && c.Table == RefreshTable);

    /// <summary>
    /// The PostgreSQL advisory lock a refresh holds for its whole run, so that two refreshes never count at once: the
    /// scheduled run (once a day across the nodes, ADR 0019) and one the seed command starts, or a run that has lost its
    /// lease (its node stalled) and the run that took it over. Any fixed number serves, so long as nothing else in the
    /// database takes the same one.
    /// </summary>
    internal const long RefreshLock = 0x5052_4F42_5245_5054; // "PROBREPT"

    /// <summary>
    /// Counts today's caseload, readiness and timeliness of every provider (only those not yet counted today when
    /// <paramref name="onlyMissing"/>) as the live reports do, and replaces each provider's stored rows with them in one
    /// transaction per provider: a reader of a provider sees its old day or its new, never half of one. Returns the
    /// number of rows written, or null when another refresh of the same database is running (PostgreSQL) and this one
    /// has left it to that one.
    /// </summary>
    public Task<int?> RefreshAsync(bool onlyMissing, CancellationToken ct) =>
        RefreshAsync(onlyMissing ? UkClock.MidnightUtc(clock.Today()) : null, waitForOtherRefresh: false, ct);

    /// <summary>
    /// Counts every provider whose figures for today were not counted at or after <paramref name="notCountedSinceUtc"/>
    /// (every provider when null) and replaces its rows, one transaction per provider; so a refresh cut short and run
    /// again with the same time counts only the providers it had not reached. On PostgreSQL, when another refresh is
    /// running, this one waits for it (<paramref name="waitForOtherRefresh"/>) and then counts what that one left, or
    /// leaves the work to it and returns null.
    /// </summary>
    public async Task<int?> RefreshAsync(DateTime? notCountedSinceUtc, bool waitForOtherRefresh, CancellationToken ct)
    {
        // SQLite is one node's own file; PostgreSQL may be shared by several nodes.
        var shared = db.Database.GetDbConnection() is NpgsqlConnection;
        if (shared)
        {
            // A session lock, on a connection held open for the whole refresh (every transaction below runs on it).
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                if (waitForOtherRefresh)
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", [RefreshLock], ct);
                }
                else if (!await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_lock({0}) AS \"Value\"", RefreshLock).SingleAsync(ct))
                {
                    await db.Database.CloseConnectionAsync();
                    return null;
                }
            }
            catch
            {
                await db.Database.CloseConnectionAsync();
                throw;
            }
        }

        try
        {
            return await CountAndReplaceAsync(notCountedSinceUtc, ct);
        }
        finally
        {
            if (shared)
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [RefreshLock], CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The connection broke: its session, and with it the lock, has ended.
                }

                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task<int> CountAndReplaceAsync(DateTime? notCountedSinceUtc, CancellationToken ct)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var providers = db.Providers.AsNoTracking();
        if (notCountedSinceUtc is { } since)
        {
            var counted = Counted(db, today).Where(c => c.ComputedAtUtc >= since);
            providers = providers.Where(p => !counted.Any(c => c.ProviderId == p.Id));
        }

        var writer = new BulkWriter(db.Model);
        var written = 0;
        foreach (var provider in await providers.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct))
        {
            var caseload = await CountAsync(provider, today, now, ct);
            var counted = await oversight.CountAsync(provider, today, now, ct);
            written += await ReplaceAsync(writer, provider, [.. caseload, .. counted.Readiness, .. counted.Timeliness], ct);
        }

        // Rows left from providers that are no longer there.
        await db.DailyReportCounts.Where(c => c.Day != today).ExecuteDeleteAsync(ct);
        await db.DailyReadinessCounts.Where(c => c.Day != today).ExecuteDeleteAsync(ct);
        await db.DailyTimelinessCounts.Where(c => c.Day != today).ExecuteDeleteAsync(ct);
        await BulkWriter.ResetSequencesAsync(db, ct, typeof(DailyReportCount), typeof(DailyReadinessCount), typeof(DailyTimelinessCount));
        return written;
    }

    /// <summary>One provider's caseload profile and needs counts for today, by officer, with the provider's "counted" row.</summary>
    private async Task<List<DailyReportCount>> CountAsync(int provider, DateOnly today, DateTime now, CancellationToken ct)
    {
        var caseload = ReportScopes.Caseload(db, db.People.AsNoTracking().Where(p => p.ProviderId == provider), new ReportScope(), today);
        var people = await CaseloadSnapshot.LoadAsync(db, caseload, provider, today, ct);
        var rows = new List<DailyReportCount> { new() { Day = today, ProviderId = provider, OfficerId = 0, Table = RefreshTable, Key = RefreshTable, ComputedAtUtc = now } };
        foreach (var officer in people.GroupBy(p => (p.OfficerId, p.TeamId)))
        {
            var counts = new Dictionary<(string Table, string Key), int>();
            foreach (var p in officer)
            {
                CaseloadCounts.Add(counts, p.Person, today);
            }

            rows.AddRange(counts.Select(c => new DailyReportCount
            {
                Day = today,
                ProviderId = provider,
                TeamId = officer.Key.TeamId,
                OfficerId = officer.Key.OfficerId,
                Table = c.Key.Table,
                Key = c.Key.Key,
                Count = c.Value,
                ComputedAtUtc = now,
            }));
        }

        return rows;
    }

    /// <summary>Replaces every stored row of one provider with <paramref name="rows"/> in one transaction, through the bulk path.</summary>
    private async Task<int> ReplaceAsync(BulkWriter writer, int provider, List<object> rows, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.DailyReportCounts.Where(c => c.ProviderId == provider).ExecuteDeleteAsync(ct);
            await db.DailyReadinessCounts.Where(c => c.ProviderId == provider).ExecuteDeleteAsync(ct);
            await db.DailyTimelinessCounts.Where(c => c.ProviderId == provider).ExecuteDeleteAsync(ct);
            var count = await writer.WriteGraphAsync(db, rows, ct);
            await transaction.CommitAsync(ct);
            return count;
        });
    }

    /// <summary>
    /// The stored figures of a provider, team or officer on a day, summed in the database by team; null when the day
    /// has no rows (not today, or not yet refreshed) or the scope is a hub (a hub's caseload is who attended it, which
    /// the rows do not hold).
    /// </summary>
    internal async Task<ReportFigures?> ReadAsync(int providerId, ReportScope scope, DateOnly on, CancellationToken ct)
    {
        if (scope.HubId is not null)
        {
            return null;
        }

        var day = db.DailyReportCounts.AsNoTracking().Where(c => c.Day == on && c.ProviderId == providerId);
        if (await CountedAtAsync(db, providerId, on, ct) is not { } at)
        {
            return null;
        }

        var rows = day.Where(c => c.Table != RefreshTable);
        if (scope.TeamId is { } team)
        {
            rows = rows.Where(c => c.TeamId == team);
        }

        if (scope.OfficerId is { } officer)
        {
            rows = rows.Where(c => c.OfficerId == officer);
        }

        var sums = await rows.GroupBy(c => new { c.TeamId, c.Table, c.Key })
            .Select(g => new { g.Key.TeamId, g.Key.Table, g.Key.Key, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        var officers = await rows.Where(c => c.Table == CaseloadCounts.Summary && c.Key == CaseloadCounts.People).Select(c => c.OfficerId).Distinct().CountAsync(ct);
        var teams = sums.GroupBy(s => s.TeamId)
            .Select(g => (g.Key, (IReadOnlyDictionary<(string Table, string Key), int>)g.ToDictionary(s => (s.Table, s.Key), s => s.Count)))
            .ToList();
        return ReportFigures.FromTeams("", on, teams, officers, new FiguresAsAt(DateTime.SpecifyKind(at, DateTimeKind.Utc), true));
    }
}

/// <summary>When the daily report aggregates are rebuilt: at <see cref="RefreshHour"/> UK time each day, and on start-up when today's are missing.</summary>
public sealed class ReportAggregatesOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The hour of the day (0–23, UK time) of the daily refresh.</summary>
    public int RefreshHour { get; set; }
}

/// <summary>
/// Refreshes the daily report aggregates once a UK day across the nodes (ADR 0019): at the configured hour, or at
/// start-up when the day's run has not happened. Each provider's rows are replaced in a transaction of their own, so a
/// node killed part way leaves whole providers, and the node that takes the run over counts the providers not counted
/// since the day began. A failed refresh is logged (by its error's type only) and leaves the reports counting live
/// until the next day's run.
/// </summary>
public sealed partial class ReportAggregatesRefresher(
    IServiceScopeFactory scopes, TimeProvider clock, ReportAggregatesOptions options, StartUpWork startUp, JobRuns runs, ILogger<ReportAggregatesRefresher> log)
    : DailyJob(clock, startUp, runs, log, options.Enabled)
{
    public const string JobName = "report-aggregates";

    public override string Name => JobName;

    protected override TimeSpan TimeOfDay => TimeSpan.FromHours(options.RefreshHour);

    protected override async Task<int> RunAsync(JobRunContext run, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var aggregates = scope.ServiceProvider.GetRequiredService<ReportAggregates>();
        var started = Clock.GetTimestamp();

        // The providers counted since the slot began are done: by an earlier attempt at this run, when this one took it over.
        var rows = await aggregates.RefreshAsync(run.SlotAtUtc, waitForOtherRefresh: true, ct) ?? 0;
        Refreshed(Log, rows, Clock.GetElapsedTime(started).TotalSeconds);
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily report aggregates refreshed: {Rows} rows in {Seconds:0.0} s")]
    private static partial void Refreshed(ILogger logger, int rows, double seconds);
}
