using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Probation.Web.Tests;

/// <summary>
/// Inspection readiness and timeliness on the app as it runs in production: today's figures are kept when it starts,
/// and the pages and the API say when they were counted; an earlier day is counted live.
/// </summary>
public abstract class OversightAggregatesWebTests(AggregatesAppFactory app)
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

        Assert.Fail("Today's readiness and timeliness were not counted on start-up");
    }

    [Theory]
    [InlineData("/api/v1/reports/inspection-readiness")]
    [InlineData("/api/v1/reports/timeliness")]
    public async Task OnStartUp_TheApiReadsTodaysKeptFigures_WithTheTimeTheyWereCounted(string path)
    {
        await WaitForTodaysFiguresAsync();
        var api = await app.TokenClientAsync("leader");
        var response = await api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var asAt = json.RootElement.GetProperty("asAt");
        Assert.True(asAt.GetProperty("preComputed").GetBoolean());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, asAt.GetProperty("utc").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ThePages_SayWhenTheFiguresWereCounted()
    {
        await WaitForTodaysFiguresAsync();
        var browser = await app.SignInAsync("leader");

        // The test clock is 10:00 UTC on 26 November 2026: 10:00 in London (GMT).
        Assert.Contains("Figures as at 10:00 on 26 November 2026. They are counted once a day", await browser.GetStringAsync("/reports/inspection-readiness"), StringComparison.Ordinal);
        Assert.Contains("Figures as at 10:00 on 26 November 2026. They are counted once a day", await browser.GetStringAsync("/reports/timeliness"), StringComparison.Ordinal);
        Assert.Contains("counted from the records when you opened this page", await browser.GetStringAsync("/reports/inspection-readiness?On.Day=1&On.Month=6&On.Year=2026"), StringComparison.Ordinal);
    }
}

public sealed class SqliteOversightAggregatesWebTests(AggregatesAppFactory app) : OversightAggregatesWebTests(app), IClassFixture<AggregatesAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresOversightAggregatesWebTests(AggregatesPostgresAppFactory app) : OversightAggregatesWebTests(app), IClassFixture<AggregatesPostgresAppFactory>;
