using Microsoft.Extensions.Diagnostics.HealthChecks;
using Probation.Application.Common;

namespace Probation.Application.Tests;

public sealed class StartUpWorkTests
{
    [Fact]
    public async Task TheReadinessCheck_NamesTheWorkStillRunning_AndIsHealthyOnceAllIsDone()
    {
        var work = new StartUpWork();
        var check = new StartUpWorkHealthCheck(work);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);

        work.Begin("statuses");
        work.Begin("report counts");
        var starting = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Degraded, starting.Status);
        Assert.Equal("Still starting: report counts, statuses", starting.Description);

        work.Done("statuses");
        Assert.Equal(["report counts"], work.Pending);
        work.Done("report counts");
        work.Done("report counts");
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);
    }
}
