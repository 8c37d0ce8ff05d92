using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Probation.Application.Data;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>Start-up refuses a database that could lose committed rows in a crash, unless the operator accepts it for a throwaway database.</summary>
public sealed class DatabaseDurabilityRulesTests
{
    [Theory]
    [InlineData("wal", 2)]
    [InlineData("WAL", 3)]
    public void Sqlite_InWal_WithSynchronousFullOrExtra_IsDurable(string journal, long synchronous) =>
        Assert.Null(DatabaseDurability.SqliteProblem(journal, synchronous));

    [Theory]
    [InlineData("delete", 2, "journal_mode is delete, not WAL")]
    [InlineData("memory", 2, "journal_mode is memory, not WAL")]
    [InlineData("wal", 1, "synchronous is NORMAL, not FULL")]
    [InlineData("wal", 0, "synchronous is OFF, not FULL")]
    public void Sqlite_OtherwiseIsNot_AndTheMessageNamesTheSetting(string journal, long synchronous, string expected)
    {
        var problem = DatabaseDurability.SqliteProblem(journal, synchronous);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on", "on")]
    [InlineData("on", "local")]
    [InlineData("on", "remote_apply")]
    public void Postgres_WithFsyncAndSynchronousCommit_IsDurable(string fsync, string synchronousCommit) =>
        Assert.Null(DatabaseDurability.PostgresProblem(fsync, synchronousCommit));

    [Theory]
    [InlineData("off", "on", "fsync is off")]
    [InlineData("on", "off", "synchronous_commit is off")]
    [InlineData("off", "off", "fsync is off, not on; synchronous_commit is off, not on")]
    public void Postgres_OtherwiseIsNot_AndTheMessageNamesTheSetting(string fsync, string synchronousCommit, string expected)
    {
        var problem = DatabaseDurability.PostgresProblem(fsync, synchronousCommit);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    private static IConfiguration Config(string? accept) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(DatabaseDurability.AcceptSetting, accept)]).Build();

    [Fact]
    public void AcceptingNonDurableStorage_IsOffUnlessSet()
    {
        Assert.False(DatabaseOptions.FromConfiguration(Config(null)).AcceptNonDurableStorage);
        Assert.False(DatabaseOptions.FromConfiguration(Config("false")).AcceptNonDurableStorage);
        Assert.True(DatabaseOptions.FromConfiguration(Config("true")).AcceptNonDurableStorage);
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.FromConfiguration(Config("perhaps")));
        Assert.Contains("Database:AcceptNonDurableStorage must be true or false", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>An app whose start-up is expected to be refused: its database settings are changed after the usual ones.</summary>
public sealed class UnsafeStorageAppFactory(TestDatabase? database, string? connectionString, bool accept) : ProbationAppFactory(database)
{
    protected override bool AcceptNonDurableStorage => accept;

    protected override bool SeedDemo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (connectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Probation", connectionString);
        }
    }
}

public sealed class DatabaseDurabilityStartUpTests
{
    private static string Messages(Exception e) =>
        e is AggregateException a
            ? string.Join(" | ", a.InnerExceptions.Select(Messages))
            : e.Message + (e.InnerException is { } inner ? " | " + Messages(inner) : "");

    private static async Task<string> RefusedAsync(UnsafeStorageAppFactory app)
    {
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => app.Services);
            return Messages(error);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sqlite_InMemory_IsRefusedAtStartUp_NamingJournalMode()
    {
        var message = await RefusedAsync(new UnsafeStorageAppFactory(TestDatabase.Sqlite(), "Data Source=:memory:", accept: false));
        Assert.Contains("SQLite is not durable: journal_mode is memory, not WAL", message, StringComparison.Ordinal);
        Assert.Contains(DatabaseDurability.AcceptSetting, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_OnAFile_StartsWithoutBeingAccepted_InWalWithSynchronousFull()
    {
        await using var app = new UnsafeStorageAppFactory(TestDatabase.Sqlite(), null, accept: false);
        Assert.False(app.Services.GetRequiredService<DatabaseOptions>().AcceptNonDurableStorage);
        var (journal, synchronous) = await app.WithDbAsync(async db => (
            await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode()").SingleAsync(),
            await db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous()").SingleAsync()));
        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync("/health")).StatusCode);
    }

    private static async Task<(string Fsync, string SynchronousCommit)> ServerSettingsAsync(string? options = null)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresAdminConnection!) { Options = options };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        async Task<string> Show(string name)
        {
            await using var command = new NpgsqlCommand("SHOW " + name, connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }

        return (await Show("fsync"), await Show("synchronous_commit"));
    }

    [Fact]
    [Trait("Database", "Postgres")]
    public async Task Postgres_AsTheServerIsSet_IsRefusedWithoutTheSetting_WhenNotDurable()
    {
        var database = TestDatabase.Postgres();
        Assert.SkipWhen(database is null, TestDatabase.SkipReason);
        var (fsync, synchronousCommit) = await ServerSettingsAsync();
        var expected = DatabaseDurability.PostgresProblem(fsync, synchronousCommit);
        var app = new UnsafeStorageAppFactory(database, null, accept: false);
        if (expected is null)
        {
            // A durable server (not the test one, which runs without fsync): the app starts.
            await using (app)
            {
                Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync("/health")).StatusCode);
            }

            return;
        }

        var message = await RefusedAsync(app);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains("fsync is " + fsync, message, StringComparison.Ordinal);
        Assert.Contains(DatabaseDurability.AcceptSetting, message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "Postgres")]
    public async Task Postgres_WithSynchronousCommitOff_IsRefused_NamingIt()
    {
        var database = TestDatabase.Postgres();
        Assert.SkipWhen(database is null, TestDatabase.SkipReason);
        var connection = new NpgsqlConnectionStringBuilder(database!.ConnectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
        Assert.Equal("off", (await ServerSettingsAsync("-c synchronous_commit=off")).SynchronousCommit);
        var message = await RefusedAsync(new UnsafeStorageAppFactory(database, connection, accept: false));
        Assert.Contains("synchronous_commit is off, not on", message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "Postgres")]
    public async Task Postgres_NotDurable_StartsWhenTheOperatorAcceptsIt()
    {
        var database = TestDatabase.Postgres();
        Assert.SkipWhen(database is null, TestDatabase.SkipReason);
        var connection = new NpgsqlConnectionStringBuilder(database!.ConnectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
        await using var app = new UnsafeStorageAppFactory(database, connection, accept: true);
        Assert.True(app.Services.GetRequiredService<DatabaseOptions>().AcceptNonDurableStorage);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync("/health")).StatusCode);
        Assert.Equal("off", await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync()));
    }
}
