using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The benchmark peers (bare endpoint, bare GOV.UK page) exist only when Benchmark:Endpoints is set.</summary>
public abstract class BenchmarkEndpointTests(ProbationAppFactory app)
{
    [Theory]
    [InlineData("/bench/bare")]
    [InlineData("/bench/govuk")]
    [InlineData("/bench/runtime")]
    public async Task ByDefault_TheBenchmarkEndpointsAreNotThere(string path)
    {
        var client = await app.SignInAsync("po");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }
}

public sealed class SqliteBenchmarkEndpointTests(ProbationAppFactory app) : BenchmarkEndpointTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresBenchmarkEndpointTests(PostgresAppFactory app) : BenchmarkEndpointTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>With the switch on, the peers answer without sign-in: the bare endpoint a word, the bare page the site's GOV.UK assets, the runtime its compilation count.</summary>
public sealed class BenchmarkEndpointsSwitchedOnTests(BenchmarkEndpointsSwitchedOnTests.App app) : IClassFixture<BenchmarkEndpointsSwitchedOnTests.App>
{
    public sealed class App : ProbationAppFactory
    {
        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Benchmark:Endpoints", "true");
        }
    }

    [Fact]
    public async Task Switched_On_ThePeersAnswer()
    {
        var client = app.AnonymousClient();
        Assert.Equal("ok", await client.GetStringAsync("/bench/bare"));
        var page = await client.GetStringAsync("/bench/govuk");
        Assert.Contains("/lib/govuk-frontend/govuk-frontend.min.css", page, StringComparison.Ordinal);
        Assert.Contains("govuk-template__body", page, StringComparison.Ordinal);

        // The runtime's compilation count only rises: after more requests it is at least what it was.
        var before = await client.GetFromJsonAsync<Infrastructure.BenchmarkEndpoints.RuntimeWarmth>("/bench/runtime");
        Assert.NotNull(before);
        Assert.True(before.CompiledMethods > 0);
        await client.GetStringAsync("/bench/govuk");
        var after = await client.GetFromJsonAsync<Infrastructure.BenchmarkEndpoints.RuntimeWarmth>("/bench/runtime");
        Assert.True(after!.CompiledMethods >= before.CompiledMethods);
    }
}
