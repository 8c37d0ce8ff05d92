using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Probation.Application.Data;

/// <summary>
/// Start-up's check that a committed change (an audit row above all) survives a crash or a power cut: SQLite in
/// write-ahead logging with <c>synchronous</c> FULL (or EXTRA); PostgreSQL with <c>fsync</c> and
/// <c>synchronous_commit</c> on. The app refuses to start otherwise, unless the operator has set
/// <c>Database:AcceptNonDurableStorage</c> for a throwaway database (the test servers run without fsync for speed).
/// </summary>
public static partial class DatabaseDurability
{
    public const string AcceptSetting = "Database:AcceptNonDurableStorage";

    /// <summary>What is unsafe about SQLite settings read back from a connection, or null when they are durable.</summary>
    public static string? SqliteProblem(string? journalMode, long synchronous)
    {
        var problems = new List<string>();
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"journal_mode is {journalMode ?? "unknown"}, not WAL (an in-memory database, or a file system without write-ahead logging)");
        }

        // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
        if (synchronous < 2)
        {
            problems.Add($"synchronous is {SynchronousName(synchronous)}, not FULL");
        }

        return problems.Count == 0 ? null : "SQLite is not durable: " + string.Join("; ", problems) + ".";
    }

    /// <summary>What is unsafe about PostgreSQL's settings (as <c>SHOW</c> gives them), or null when they are durable.</summary>
    public static string? PostgresProblem(string? fsync, string? synchronousCommit)
    {
        var problems = new List<string>();
        if (!string.Equals(fsync, "on", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"fsync is {fsync ?? "unknown"}, not on");
        }

        if (synchronousCommit is null || string.Equals(synchronousCommit, "off", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"synchronous_commit is {synchronousCommit ?? "unknown"}, not on");
        }

        return problems.Count == 0 ? null : "PostgreSQL is not durable: " + string.Join("; ", problems) + ".";
    }

    /// <summary>Reads the settings through the app's own connection and refuses to go on when they are unsafe and not accepted.</summary>
    public static async Task CheckAsync(ProbationDbContext db, bool acceptNonDurable, ILogger log, CancellationToken ct)
    {
        string? problem;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.IsNpgsql())
            {
                problem = PostgresProblem(await ShowAsync(db, "SHOW fsync", ct), await ShowAsync(db, "SHOW synchronous_commit", ct));
            }
            else
            {
                var journal = await ShowAsync(db, "PRAGMA journal_mode", ct);
                var synchronous = long.TryParse(await ShowAsync(db, "PRAGMA synchronous", ct), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : -1;
                problem = SqliteProblem(journal, synchronous);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (problem is null)
        {
            return;
        }

        if (!acceptNonDurable)
        {
            throw new InvalidOperationException(
                problem + " A committed audit row could be lost in a crash, so the service does not start. Fix the database's settings; "
                + $"only for a throwaway database (tests) set {AcceptSetting}=true.");
        }

        AcceptedNonDurable(log, problem);
    }

    private static async Task<string?> ShowAsync(ProbationDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static string SynchronousName(long value) => value switch
    {
        0 => "OFF",
        1 => "NORMAL",
        2 => "FULL",
        3 => "EXTRA",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem} Going on because Database:AcceptNonDurableStorage is true: use this only for a throwaway database.")]
    private static partial void AcceptedNonDurable(ILogger log, string problem);
}
