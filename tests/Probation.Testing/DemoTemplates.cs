using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Probation.Testing;

/// <summary>
/// The demo provider seeded once per test run and copied into each fixture's database. Seeding depends only on the
/// database engine, the scale and the day the fixture's clock starts (the generator is seeded by a constant and reads no
/// settings), so fixtures that share those start from the same rows the app itself would have written, in a file copy
/// (SQLite) or <c>CREATE DATABASE … TEMPLATE</c> (PostgreSQL) instead of a fresh seed. The app still starts as usual
/// on the copy: it applies migrations (none are due), finds the demo data present and seeds nothing.
/// </summary>
public static class DemoTemplates
{
    private static readonly ConcurrentDictionary<(string Provider, string Scale, DateTimeOffset Start), Lazy<Task<TestDatabase>>> Built = new();

    static DemoTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();

    /// <summary>Fills <paramref name="target"/>, not yet created, with a copy of the seeded template, seeding it first if no fixture has.</summary>
    public static async Task CopyIntoAsync(TestDatabase target, string scale, DateTimeOffset start)
    {
        var key = (target.Provider, scale, start);
        var template = await Built.GetOrAdd(key, k => new Lazy<Task<TestDatabase>>(() => BuildAsync(k.Provider, k.Scale, k.Start))).Value;
        await template.CopyToAsync(target);
    }

    private static async Task<TestDatabase> BuildAsync(string provider, string scale, DateTimeOffset start)
    {
        var database = (provider == "Postgres" ? TestDatabase.Postgres() : TestDatabase.Sqlite())
            ?? throw new InvalidOperationException(TestDatabase.SkipReason);
        var seeder = new TemplateFactory(database, scale, start);
        await seeder.InitializeAsync(); // migrations and the demo seed, with the fixture's settings
        await seeder.StopAsync();
        await database.PrepareAsTemplateAsync();
        return database;
    }

    private static void DropAll()
    {
        foreach (var template in Built.Values.Where(t => t.IsValueCreated && t.Value.IsCompletedSuccessfully))
        {
            try
            {
                template.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is NpgsqlException or IOException or SqliteException)
            {
                // A template left behind is in the throwaway server or the temp folder; nothing else reads it.
            }
        }
    }

    /// <summary>The app as a fixture starts it, only to seed the template: no start-up jobs write into it.</summary>
    private sealed class TemplateFactory(TestDatabase database, string scale, DateTimeOffset start) : ProbationAppFactory(database)
    {
        protected override DateTimeOffset StartTime => start;

        protected override string DemoScale => scale;

        protected override bool SeedFromTemplate => false;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CaseStatus:RefreshDaily", "false"); // kept statuses are each fixture's own start-up work
        }

        /// <summary>Stops the app and lets go of the database, keeping it.</summary>
        public async Task StopAsync()
        {
            await DisposeHostAsync();
            GC.SuppressFinalize(this);
        }
    }
}
