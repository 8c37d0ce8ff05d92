using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The app as it runs in production: the daily report aggregates refreshed by the hosted service on start-up.</summary>
public class AggregatesAppFactory : ProbationAppFactory
{
    public AggregatesAppFactory()
        : this(TestDatabase.Sqlite())
    {
    }

    protected AggregatesAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reports:DailyAggregates:Enabled", "true");
    }
}

public sealed class AggregatesPostgresAppFactory() : AggregatesAppFactory(TestDatabase.Postgres());

/// <summary>
/// The leaders' report pages on the day's pre-computed figures: built when the app starts without them, read by the page
/// and the API with the time they were counted, and an earlier day counted live.
/// </summary>
public abstract class ReportAggregatesWebTests(AggregatesAppFactory app)
{
    private async Task WaitForTodaysFiguresAsync()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < 240; i++)
        {
            if (await app.WithDbAsync(db => db.DailyReportCounts.AnyAsync(c => c.Day == today && c.Table == "refresh")))
            {
                return;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The daily report aggregates were not built on start-up");
    }

    [Fact]
    public async Task OnStartUp_TodaysFiguresAreBuilt_AndTheApiAndPageSayWhenTheyWereCounted()
    {
        await WaitForTodaysFiguresAsync();
        var api = await app.TokenClientAsync("leader");
        var response = await api.GetAsync("/api/v1/reports/caseload-profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var asAt = json.RootElement.GetProperty("asAt");
        Assert.True(asAt.GetProperty("preComputed").GetBoolean());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, asAt.GetProperty("utc").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.True(json.RootElement.GetProperty("people").GetInt32() > 100);

        var needs = await api.GetAsync("/api/v1/reports/needs");
        using var needsJson = JsonDocument.Parse(await needs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(needsJson.RootElement.GetProperty("asAt").GetProperty("preComputed").GetBoolean());

        var browser = await app.SignInAsync("leader");
        // The test clock is 10:00 UTC on 26 November 2026: 10:00 in London (GMT).
        Assert.Contains("Figures as at 10:00 on 26 November 2026. They are counted once a day", await browser.GetStringAsync("/reports/caseload-profile"), StringComparison.Ordinal);
        Assert.Contains("Figures as at 10:00 on 26 November 2026. They are counted once a day", await browser.GetStringAsync("/reports/needs"), StringComparison.Ordinal);
        Assert.Contains("counted from the records when you opened this page", await browser.GetStringAsync("/reports/caseload-profile?On.Day=1&On.Month=6&On.Year=2026"), StringComparison.Ordinal);
    }
}

public sealed class SqliteReportAggregatesWebTests(AggregatesAppFactory app) : ReportAggregatesWebTests(app), IClassFixture<AggregatesAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresReportAggregatesWebTests(AggregatesPostgresAppFactory app) : ReportAggregatesWebTests(app), IClassFixture<AggregatesPostgresAppFactory>;
