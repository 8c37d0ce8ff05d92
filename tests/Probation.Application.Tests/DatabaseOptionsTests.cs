using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Probation.Application.Data;
using Probation.Testing;

namespace Probation.Application.Tests;

public sealed class DatabaseOptionsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void NothingSet_IsSqliteWithTheDefaultFile()
    {
        var options = DatabaseOptions.FromConfiguration(Config());
        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal(DatabaseOptions.DefaultSqlite, options.ConnectionString);
    }

    [Theory]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    public void Provider_IsReadWhateverItsCase(string text, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseOptions.FromConfiguration(Config(("Database:Provider", text), ("ConnectionStrings:Probation", "Host=x"))).Provider);

    [Theory]
    [InlineData("Oracle")]
    [InlineData("7")]
    public void UnknownProvider_StopsStartUpWithAClearMessage(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.FromConfiguration(Config(("Database:Provider", text))));
        Assert.Contains("must be Sqlite or Postgres", error.Message);
    }

    [Fact]
    public void Postgres_WithoutAConnectionString_StopsStartUpWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.FromConfiguration(Config(("Database:Provider", "Postgres"))));
        Assert.Contains("ConnectionStrings:Probation", error.Message);
    }
}

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void AConnectionStringThatSaysNothing_GetsPreparationAndNoResetOnClose()
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseOptions.WithPostgresDefaults("Host=db;Database=probation;Password=secret"));
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("db", settings.Host);
        Assert.Equal("secret", settings.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;Auto Prepare Min Usages=5;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;AutoPrepareMinUsages=5;NoResetOnClose=false")]
    [InlineData("Host=db;max auto prepare=0;auto prepare min usages=5;no reset on close=false")]
    public void WhatTheOperatorSet_IsKept(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseOptions.WithPostgresDefaults(connectionString));
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal(5, settings.AutoPrepareMinUsages);
        Assert.False(settings.NoResetOnClose);
    }
}

/// <summary>The app's own PostgreSQL connections prepare a statement they run again, so it is planned once per connection.</summary>
public sealed class PostgresPreparationTests(PostgresAppFactory app) : IClassFixture<PostgresAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AQueryRunTwiceOnAConnection_IsPrepared()
    {
        app.SkipIfUnavailable();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            const string prepared = "SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%-- A preparation check%' AND statement NOT LIKE '%pg_prepared_statements%'";
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>(prepared).SingleAsync(Ct));
            var first = await db.Teams.TagWith("A preparation check").OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(Ct);
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>(prepared).SingleAsync(Ct));
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(first, await db.Teams.TagWith("A preparation check").Where(t => t.Id >= first).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(Ct));
            }

            Assert.Equal(1, await db.Database.SqlQueryRaw<int>(prepared).SingleAsync(Ct));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
