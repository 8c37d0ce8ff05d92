using Microsoft.Extensions.Hosting;

namespace Probation.Application.Common;

/// <summary>
/// Work a node does once at start-up (the readiness probe waits for that first run, see <see cref="StartUpWork"/>) and
/// then every day at a time of day on the UK clock: the kept case statuses and the daily report counts. A run logs its
/// own failure; the next run is on schedule whatever the last one did.
/// </summary>
public abstract class DailyJob : BackgroundService
{
    private readonly TimeProvider _clock;
    private readonly StartUpWork _startUp;
    private readonly bool _enabled;

    protected DailyJob(TimeProvider clock, StartUpWork startUp, bool enabled)
    {
        (_clock, _startUp, _enabled) = (clock, startUp, enabled);
        if (enabled)
        {
            // Begun before the host serves, so the readiness probe never answers ready before the first run.
            startUp.Begin(GetType().Name);
        }
    }

    protected TimeProvider Clock => _clock;

    /// <summary>The time of day, UK time, of the daily run.</summary>
    protected abstract TimeSpan TimeOfDay { get; }

    /// <summary>One run: the first at start-up, then one a day. It logs and swallows its own failures.</summary>
    protected abstract Task RunAsync(bool atStartUp, CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        try
        {
            try
            {
                await RunAsync(atStartUp: true, stoppingToken);
            }
            finally
            {
                _startUp.Done(GetType().Name);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(UntilNext(_clock.GetUtcNow(), TimeOfDay), _clock, stoppingToken);
                await RunAsync(atStartUp: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>How long from now until the UK clock next shows the time of day.</summary>
    public static TimeSpan UntilNext(DateTimeOffset now, TimeSpan timeOfDay)
    {
        var wait = UkClock.NextUtc(now, timeOfDay) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1);
    }
}
