using System.Globalization;
using System.Security.Cryptography;

namespace Probation.Application.Common;

/// <summary>
/// One run of a scheduled job for one slot of its schedule (ADR 0019): the row that makes the run happen once however
/// many nodes share the database. A node claims the run by inserting the row (the job and slot are its key, so only one
/// insert succeeds), keeps its lease while it works, and records how it ended. A run whose node died (its lease ran out
/// with no end recorded) is taken over by another node, which counts one more attempt.
/// </summary>
public sealed class JobRun
{
    public const int JobMaxLength = 60;
    public const int NodeMaxLength = 120;
    public const int ErrorMaxLength = 200;

    /// <summary>The job's name, for example <c>case-statuses</c>.</summary>
    public required string Job { get; init; }

    /// <summary>When the slot began (UTC): UK midnight of the day for a daily job.</summary>
    public DateTime SlotAtUtc { get; init; }

    /// <summary>The node holding the run (<see cref="JobRunOptions.Node"/>): the one that claimed it, or took it over last.</summary>
    public required string Node { get; set; }

    /// <summary>1 for the first claim, one more for each takeover.</summary>
    public int Attempt { get; set; }

    /// <summary>When the current attempt began.</summary>
    public DateTime StartedAtUtc { get; set; }

    /// <summary>Until when the holder keeps the run: it moves this on while it works; once it has passed with no end recorded, another node may take over.</summary>
    public DateTime LeaseUntilUtc { get; set; }

    /// <summary>When the run ended, or null while it runs (or when its node died).</summary>
    public DateTime? FinishedAtUtc { get; set; }

    public JobRunOutcome? Outcome { get; set; }

    /// <summary>How many items the run computed or wrote (cases, rows), as the job counts them.</summary>
    public int? Items { get; set; }

    /// <summary>The type of the error a failed run ended with: never its message, which may hold data from a row.</summary>
    public string? Error { get; set; }
}

public enum JobRunOutcome
{
    Completed,
    Failed,
}

/// <summary>
/// How the nodes share the scheduled jobs (<c>Jobs:*</c> settings): the node's name in the job runs, how long a run's
/// lease lasts before another node may take it over, and, for rehearsing the schedule, a period that replaces every
/// job's daily time.
/// </summary>
public sealed record JobRunOptions(string Node, TimeSpan LeaseDuration, TimeSpan? Every)
{
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromMinutes(2);

    public static readonly JobRunOptions Default = new(DefaultNode(), DefaultLeaseDuration, null);

    /// <summary>How long finished runs are kept: the record of which node ran what, for operators.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(90);

    /// <summary>The host's name, the process id and a random part, so that a node restarted with the same name and id is still told apart.</summary>
    public static string DefaultNode()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        return name.Length <= JobRun.NodeMaxLength ? name : name[^JobRun.NodeMaxLength..];
    }

    /// <summary>The options from the settings, checked: a bad setting stops start-up with a clear message.</summary>
    public static JobRunOptions Checked(string? node, TimeSpan? leaseDuration, TimeSpan? every)
    {
        var errors = new List<string>();
        if (node is not null && (string.IsNullOrWhiteSpace(node) || node.Length > JobRun.NodeMaxLength))
        {
            errors.Add($"Jobs:Node must be 1 to {JobRun.NodeMaxLength} characters.");
        }

        var lease = leaseDuration ?? DefaultLeaseDuration;
        if (lease < TimeSpan.FromSeconds(1) || lease > TimeSpan.FromHours(1))
        {
            errors.Add($"Jobs:LeaseDuration must be from 00:00:01 to 01:00:00, not {lease}.");
        }

        if (every is { } e && (e < TimeSpan.FromSeconds(1) || e > TimeSpan.FromDays(1) || TimeSpan.FromDays(1).Ticks % e.Ticks != 0))
        {
            errors.Add($"Jobs:Every must divide a day and be from 00:00:01 to 1.00:00:00, not {e}.");
        }

        return errors.Count > 0
            ? throw new InvalidOperationException("The job settings are not valid: " + string.Join(" ", errors))
            : new JobRunOptions(node?.Trim() ?? DefaultNode(), lease, every);
    }
}

/// <summary>
/// When a job's runs are due. Time is cut into slots; each slot has one run. A daily job's slot is a UK day, due at a
/// time of day (and at once on a node that starts during the day before its run has happened).
/// </summary>
public abstract record JobSchedule
{
    /// <summary>When the slot that covers <paramref name="now"/> began, in UTC: its run's key.</summary>
    public abstract DateTime SlotAt(DateTimeOffset now);

    /// <summary>The next instant after <paramref name="now"/> at which a run falls due.</summary>
    public abstract DateTimeOffset NextDue(DateTimeOffset now);

    public static JobSchedule DailyAt(TimeSpan timeOfDay) => new Daily(timeOfDay);

    public static JobSchedule Every(TimeSpan period) => new Periodic(period);

    /// <summary>One slot a UK day, its run due at <paramref name="TimeOfDay"/> on the UK clock.</summary>
    private sealed record Daily(TimeSpan TimeOfDay) : JobSchedule
    {
        public override DateTime SlotAt(DateTimeOffset now) => UkClock.MidnightUtc(UkClock.DateOf(now));

        public override DateTimeOffset NextDue(DateTimeOffset now) => UkClock.NextUtc(now, TimeOfDay);
    }

    /// <summary>Slots of a fixed length from UTC midnight, each due as it begins.</summary>
    private sealed record Periodic(TimeSpan Period) : JobSchedule
    {
        public override DateTime SlotAt(DateTimeOffset now) =>
            new(now.UtcTicks - (now.UtcTicks % Period.Ticks), DateTimeKind.Utc);

        public override DateTimeOffset NextDue(DateTimeOffset now) => new(SlotAt(now) + Period, TimeSpan.Zero);
    }
}
