using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Probation.Application.Common;

/// <summary>
/// The work a node does once at start-up before its pages are at full speed: computing today's kept case statuses
/// (ADR 0014) and the day's report counts (ADR 0013). Pages are right without it, only slower, so nothing waits for it
/// but the readiness probe: a load balancer sends users to a node once its first pages are as quick as the rest.
/// </summary>
public sealed class StartUpWork
{
    private readonly ConcurrentDictionary<string, byte> pending = new(StringComparer.Ordinal);

    /// <summary>Marks a piece of start-up work as begun; call before the host starts serving.</summary>
    public void Begin(string name) => pending[name] = 0;

    /// <summary>Marks it finished, whether it succeeded or not (a failure costs speed, not correctness).</summary>
    public void Done(string name) => pending.TryRemove(name, out _);

    public IReadOnlyList<string> Pending => pending.Keys.Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Ready once the start-up work is done (<c>/health/ready</c>); until then degraded, naming what is still running (the
/// node works, only slower, so this is not an error; the readiness endpoint answers 503 for it).
/// </summary>
public sealed class StartUpWorkHealthCheck(StartUpWork work) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(work.Pending is { Count: > 0 } pending
            ? HealthCheckResult.Degraded("Still starting: " + string.Join(", ", pending))
            : HealthCheckResult.Healthy());
}
