using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Probation.Application.Common;

/// <summary>
/// Work done once a UK day for the whole service, however many nodes run it: the kept case statuses and the daily
/// report counts. Each day is a slot with one run (<see cref="JobRuns"/>, ADR 0019), due at a time of day on the UK
/// clock, or at once on a node that starts during the day before it has happened (the readiness probe waits for that
/// first attempt, see <see cref="StartUpWork"/>). A node that finds the day's run taken leaves it to the node that
/// took it, and looks again when that node's lease would run out, to take the run over if that node has died.
/// <c>Jobs:Every</c> replaces the day with a shorter slot, to rehearse the schedule.
/// </summary>
public abstract partial class DailyJob : BackgroundService
{
    private readonly TimeProvider _clock;
    private readonly StartUpWork _startUp;
    private readonly JobRuns _runs;
    private readonly ILogger _log;
    private readonly bool _enabled;

    protected DailyJob(TimeProvider clock, StartUpWork startUp, JobRuns runs, ILogger log, bool enabled)
    {
        (_clock, _startUp, _runs, _log, _enabled) = (clock, startUp, runs, log, enabled);
        if (enabled)
        {
            // Begun before the host serves, so the readiness probe never answers ready before the first attempt.
            startUp.Begin(GetType().Name);
        }
    }

    protected TimeProvider Clock => _clock;

    protected ILogger Log => _log;

    /// <summary>The job's name in the job runs and the logs.</summary>
    public abstract string Name { get; }

    /// <summary>The time of day, UK time, at which the day's run falls due.</summary>
    protected abstract TimeSpan TimeOfDay { get; }

    /// <summary>The job's slots: a UK day, or the rehearsal period.</summary>
    public JobSchedule Schedule => _runs.Options.Every is { } every ? JobSchedule.Every(every) : JobSchedule.DailyAt(TimeOfDay);

    /// <summary>
    /// One run's work; returns how many items it did. It may be cut off at any point (the node killed), so it writes in
    /// transactions that are each whole, and when <paramref name="run"/> is a later attempt it does what is left.
    /// </summary>
    protected abstract Task<int> RunAsync(JobRunContext run, CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        var first = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = _clock.GetUtcNow();
                var slot = Schedule.SlotAt(now);
                DateTimeOffset next;
                try
                {
                    var attempt = await _runs.RunAsync(Name, slot, RunAsync, stoppingToken);
                    next = Schedule.NextDue(_clock.GetUtcNow());
                    if (attempt is { Result: JobRunResult.HeldElsewhere, HeldUntilUtc: { } until } && until + Margin < next.UtcDateTime)
                    {
                        // Look again once the holder's lease would have run out: it renews it while it works.
                        next = new DateTimeOffset(until + Margin, TimeSpan.Zero);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database did not answer: try the slot again a lease's length later, or at the next slot.
                    SlotNotClaimed(_log, Name, JobRuns.Slot(slot), e.GetType().Name);
                    next = Min(Schedule.NextDue(now), now + _runs.Options.LeaseDuration);
                }
                finally
                {
                    if (first)
                    {
                        _startUp.Done(GetType().Name);
                        first = false;
                    }
                }

                await Task.Delay(Max(next - _clock.GetUtcNow(), TimeSpan.FromMilliseconds(10)), _clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Time allowed past a lease's end before looking again, for the holder's last renewal to land.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} slot {Slot}: could not be claimed ({Error}); trying again later")]
    private static partial void SlotNotClaimed(ILogger logger, string job, string slot, string error);
}
