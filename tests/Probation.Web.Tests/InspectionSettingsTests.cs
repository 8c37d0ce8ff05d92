using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The app with the <c>Inspection</c> configuration section set: a case supervision window of three to nine months.</summary>
public abstract class InspectionSettingsFactory(TestDatabase? database) : ProbationAppFactory(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Inspection:CaseSupervisionFromMonths", "9");
        builder.UseSetting("Inspection:CaseSupervisionToMonths", "3");
    }
}

public sealed class SqliteInspectionSettingsFactory() : InspectionSettingsFactory(TestDatabase.Sqlite());

public sealed class PostgresInspectionSettingsFactory() : InspectionSettingsFactory(TestDatabase.Postgres());

/// <summary>An app whose case supervision window runs backwards: it must not start.</summary>
public sealed class BadInspectionSettingsFactory(TestDatabase? database) : ProbationAppFactory(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Inspection:CaseSupervisionFromMonths", "5");
    }
}

/// <summary>The samples' eligibility windows come from configuration, checked at start-up: a bad one stops the app with a clear message.</summary>
public abstract class InspectionSettingsTests(ProbationAppFactory app, Func<TestDatabase?> database)
{
    [Fact]
    public async Task ConfiguredWindow_DrawsFromThreeToNineMonthsBefore()
    {
        var inspector = await app.TokenClientAsync("inspector");
        var providerId = await app.WithDbAsync(db => db.Providers.Select(p => p.Id).SingleAsync());
        var created = await inspector.PostAsJsonAsync("/api/v1/inspections", new
        {
            providerId,
            providerType = "CRC",
            title = "Wider window",
            fieldworkFrom = "2026-12-01",
            fieldworkTo = "2026-12-11",
            team = Array.Empty<int>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var drawn = await inspector.PostAsJsonAsync($"/api/v1/inspections/{id}/samples", new { version = 1, kind = "CaseSupervision", seed = 1 });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var sample = JsonDocument.Parse(await inspector.GetStringAsync($"/api/v1/inspections/{id}")).RootElement.GetProperty("samples")[0];
        Assert.Equal("2026-03-01", sample.GetProperty("eligibleFrom").GetString());
        Assert.Equal("2026-09-01", sample.GetProperty("eligibleTo").GetString());
    }

    [Fact]
    public async Task AWindowRunningBackwards_StopsTheApp_WithAClearMessage()
    {
        app.SkipIfUnavailable();
        await using var bad = new BadInspectionSettingsFactory(database());
        var error = Record.Exception(() => bad.Services);
        Assert.NotNull(error);
        Assert.Contains(
            "Inspection:CaseSupervisionFromMonths (5) must be more than Inspection:CaseSupervisionToMonths (6): the window runs from the earlier date to the later one.",
            error.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteInspectionSettingsTests(SqliteInspectionSettingsFactory app)
    : InspectionSettingsTests(app, TestDatabase.Sqlite), IClassFixture<SqliteInspectionSettingsFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresInspectionSettingsTests(PostgresInspectionSettingsFactory app)
    : InspectionSettingsTests(app, TestDatabase.Postgres), IClassFixture<PostgresInspectionSettingsFactory>;
