using Microsoft.AspNetCore.Hosting;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The app with the <c>Resettlement</c> configuration section set: handovers due 30 days before release.</summary>
public abstract class ResettlementSettingsFactory(TestDatabase? database) : ProbationAppFactory(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Resettlement:HandoverDaysBeforeRelease", "30");
    }
}

public sealed class SqliteResettlementSettingsFactory() : ResettlementSettingsFactory(TestDatabase.Sqlite());

public sealed class PostgresResettlementSettingsFactory() : ResettlementSettingsFactory(TestDatabase.Postgres());

/// <summary>An app whose resettlement settings are out of range: it must not start.</summary>
public sealed class BadResettlementSettingsFactory(TestDatabase? database) : ProbationAppFactory(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Resettlement:ScreeningWorkingDays", "0");
    }
}

/// <summary>The Through the Gate limits come from configuration, checked at start-up: a bad one stops the app with a clear message.</summary>
public abstract class ResettlementSettingsTests(ProbationAppFactory app, Func<TestDatabase?> database)
{
    [Fact]
    public async Task ConfiguredHandoverDays_RaiseTheAlertEarlier()
    {
        var s = await CustodyStory.NewAsync(app, "Settings");

        // 24 days before release: not yet due with the default 14 days, overdue with 30.
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody(release: "2026-12-20"));
        var current = (await s.ReadAsync()).GetProperty("current");
        Assert.Equal("2026-11-20", current.GetProperty("due").GetProperty("handover").GetString());
        Assert.Contains("NoHandover", await s.AlertCodesAsync());
    }

    [Fact]
    public async Task AnOutOfRangeSetting_StopsTheApp_WithAClearMessage()
    {
        app.SkipIfUnavailable();
        await using var bad = new BadResettlementSettingsFactory(database());
        var error = Record.Exception(() => bad.Services);
        Assert.NotNull(error);
        Assert.Contains("Resettlement:ScreeningWorkingDays must be from 1 to 60, not 0.", error.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteResettlementSettingsTests(SqliteResettlementSettingsFactory app)
    : ResettlementSettingsTests(app, TestDatabase.Sqlite), IClassFixture<SqliteResettlementSettingsFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresResettlementSettingsTests(PostgresResettlementSettingsFactory app)
    : ResettlementSettingsTests(app, TestDatabase.Postgres), IClassFixture<PostgresResettlementSettingsFactory>;
