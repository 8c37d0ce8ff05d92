using System.Diagnostics;
using System.Net;

namespace Probation.Bench;

/// <summary>One measured run of a closed-loop HTTP load: throughput, latency percentiles, errors.</summary>
public sealed record RunResult(double PerSecond, double P50Ms, double P95Ms, double P99Ms, long Requests, long Errors, double Seconds)
{
    /// <summary>For a warm-up: how many windows it took to settle (see <see cref="LoadTool.MeasureAsync"/>).</summary>
    public int Windows { get; init; } = 1;
}

/// <summary>Each request a worker sends: a path and the cookie of the user it is sent as.</summary>
public sealed record Target(string Path, string? Cookie);

/// <summary>
/// A small closed-loop load tool (like wrk): <c>connections</c> workers, each sends a request and,
/// when its response has been read, the next. The same tool, settings and connection count measure
/// a workload and its limit, so their ratio is fair.
/// </summary>
public sealed class LoadTool(Uri baseUrl)
{
    public Uri BaseUrl => baseUrl;

    public string Describe(int connections, TimeSpan duration) =>
        $"Probation.Bench closed-loop HttpClient, {connections} connections, {duration.TotalSeconds:0} s per run, pinned to CPU 0";

    /// <summary>Fewer methods than this compiled in a warm-up window, and the service is warm.</summary>
    public const int SettledMethods = 25;

    /// <summary>The app's count of compiled methods, or null where it does not say (benchmark endpoints off).</summary>
    private async Task<long?> CompiledMethodsAsync()
    {
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/bench/runtime"));
            return doc.RootElement.GetProperty("compiledMethods").GetInt64();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task<RunResult> RunAsync(IReadOnlyList<Target> targets, int connections, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[connections];
        var errors = new long[connections];
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = new List<double>(4096);
            latencies[w] = mine;
            var i = w;
            while (stop.Elapsed < duration)
            {
                var target = targets[i % targets.Count];
                i += connections;
                using var request = new HttpRequestMessage(HttpMethod.Get, target.Path);
                if (target.Cookie is not null)
                {
                    request.Headers.Add("Cookie", target.Cookie);
                }

                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        errors[w]++;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    errors[w]++;
                }

                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new RunResult(
            all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), all.Length, errors.Sum(), seconds);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Warm-up, then three measured runs; the median run (by throughput) is reported, all three are kept.</summary>
    public async Task<Measured> MeasureAsync(IReadOnlyList<Target> targets, int connections, Settings s)
    {
        var warmUp = await WarmUpAsync(targets, connections, s);
        var runs = new List<RunResult>();
        for (var r = 0; r < s.Runs; r++)
        {
            runs.Add(await RunAsync(targets, connections, s.Duration));
        }

        return Measured.Of(runs, warmUp);
    }

    /// <summary>
    /// Warm-up windows of <see cref="Settings.WarmUp"/> until the service is warm, at most <see cref="Settings.WarmUpLimit"/>
    /// in all. The runtime compiles hot code again, with what it has learnt, for minutes after it starts (ADR 0017), so
    /// warm means: the app's runtime compiled fewer than <see cref="SettledMethods"/> methods in the last window
    /// (<c>/bench/runtime</c>). A server runs for days, so its warm rate is the one users meet. The windows are summed
    /// into one result (their requests count towards the audit check); the rate, and the latencies, are the last window's.
    /// </summary>
    private async Task<RunResult> WarmUpAsync(IReadOnlyList<Target> targets, int connections, Settings s)
    {
        var compiled = await CompiledMethodsAsync();
        var window = await RunAsync(targets, connections, s.WarmUp);
        var requests = window.Requests;
        var errors = window.Errors;
        var seconds = window.Seconds;
        var windows = 1;
        while (seconds + s.WarmUp.TotalSeconds <= s.WarmUpLimit.TotalSeconds)
        {
            var now = await CompiledMethodsAsync();
            var settled = compiled is not null && now is not null && now - compiled < SettledMethods;
            compiled = now;
            if (settled)
            {
                break;
            }

            window = await RunAsync(targets, connections, s.WarmUp);
            requests += window.Requests;
            errors += window.Errors;
            seconds += window.Seconds;
            windows++;
        }

        return window with { Requests = requests, Errors = errors, Seconds = seconds, Windows = windows };
    }
}

/// <summary>The median of the measured runs, and all of them.</summary>
public sealed record Measured(RunResult Median, IReadOnlyList<RunResult> Runs, RunResult? WarmUp = null)
{
    public static Measured Of(IReadOnlyList<RunResult> runs, RunResult? warmUp = null) =>
        new(runs.OrderBy(r => r.PerSecond).ElementAt(runs.Count / 2), runs, warmUp);

    /// <summary>Successful requests of the warm-up and every run: each must have left its audit row.</summary>
    public long Succeeded => Runs.Append(WarmUp).OfType<RunResult>().Sum(r => r.Requests - r.Errors);

    public long Errors => Runs.Sum(r => r.Errors);
}

/// <summary>How each workload is run: a warm-up window (repeated until warm, up to <see cref="WarmUpLimit"/>), then <see cref="Runs"/> runs.</summary>
public sealed record Settings(TimeSpan WarmUp, TimeSpan Duration, int Runs, int Connections, bool Smoke)
{
    public TimeSpan WarmUpLimit { get; init; } = WarmUp;
}
