using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Application.Demo.Bulk;

/// <summary>
/// A bulk dataset: one or more providers, each made by the demo generator with its own seed and size.
/// <see cref="National"/> is 21 providers from 6,000 to 20,000 people (273,000 in all);
/// <see cref="LargeProvider"/> is one large provider of 20,000 people (the issue's "provider" scale; the
/// <c>provider</c> demo scale stays the 8,700-person provider the report describes).
/// </summary>
public sealed record BulkScale(string Name, IReadOnlyList<DemoScale> Providers)
{
    public const int PeoplePerOfficer = 51;

    public static BulkScale National { get; } = new("national",
        Enumerable.Range(0, 21).Select(i => Sized($"national-{i + 1:D2}", 6_000 + (700 * i)) with { Depth = DemoDepth.National }).ToList());

    public static BulkScale LargeProvider { get; } = new("large-provider", [Sized("large-provider", 20_000) with { Depth = DemoDepth.LargeProvider }]);

    public int People => Providers.Sum(p => p.People);

    /// <summary>A provider of <paramref name="people"/> with the demo's caseload per officer and hubs in proportion.</summary>
    public static DemoScale Sized(string name, int people) =>
        new(name, people, Math.Max(24, people / PeoplePerOfficer), Math.Clamp(people / 250, 8, 99));

    public static BulkScale? TryParse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "national" => National,
        "large-provider" => LargeProvider,
        _ => null,
    };
}

/// <summary>What a bulk load wrote: rows and seconds per table, the whole load's time and its contacts figures.</summary>
public sealed record BulkLoadResult(IReadOnlyDictionary<string, (long Rows, TimeSpan Time)> Tables, TimeSpan Elapsed, string ContactsTable)
{
    public long Rows => Tables.Values.Sum(t => t.Rows);

    public long RowsOf(string table) => Tables.TryGetValue(table, out var t) ? t.Rows : 0;
}

/// <summary>
/// Loads a <see cref="BulkScale"/> into an empty, migrated database: provider by provider (each generated,
/// streamed out in chunks of cases and forgotten), through a context whose saves go to the
/// <see cref="BulkWriter"/>, so the demo generator and its seeding steps are reused as they are. In a
/// multi-provider load every provider's codes, CRN letter and account names are made its own once it is
/// written. Afterwards: identity sequences reset, statistics gathered, and sign-in accounts made.
/// </summary>
public sealed class BulkSeeder(IServiceProvider services, TimeProvider clock)
{
    private const int ChunkSize = 2_500;

    // One letter per provider for its CRNs; the generator writes D, so D is left for the provider being loaded.
    private const string CrnLetters = "ABCEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>The accounts every provider of a multi-provider load gets (with its number): officer, team manager, senior leader.</summary>
    public static readonly string[] ProviderAccounts = ["po", "manager", "leader"];

    public static string AccountName(string account, int provider, int providers) =>
        providers == 1 ? account : $"{account}{provider + 1:D2}";

    public async Task<BulkLoadResult> LoadAsync(BulkScale scale, string password, TextWriter progress, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(password) || password.Length < DemoOptions.MinimumPasswordLength)
        {
            throw new InvalidOperationException($"A password of at least {DemoOptions.MinimumPasswordLength} characters is needed for the demo accounts.");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>().InitialiseAsync(new DemoOptions(false, DemoScale.Provider, null), ct);
        }

        await using var optionsScope = services.CreateAsyncScope();
        var options = optionsScope.ServiceProvider.GetRequiredService<DbContextOptions<ProbationDbContext>>();
        BulkWriter writer;
        await using (var plain = new ProbationDbContext(options))
        {
            if (await plain.Providers.AnyAsync(ct))
            {
                throw new InvalidOperationException("The database already holds providers: a bulk load needs an empty database.");
            }

            writer = new BulkWriter(plain.Model);
        }

        var watch = Stopwatch.StartNew();
        var today = clock.Today();
        var accounts = new List<(string UserName, StaffMember Staff)>();
        await using (var db = new ProbationDbContext(new DbContextOptionsBuilder<ProbationDbContext>(options).AddInterceptors(new BulkSaveInterceptor(writer)).Options))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.SeedingNewCases = true;
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.OpenConnectionAsync(ct);
            var restore = await PrepareForLoadAsync(db, ct);
            var foreignKeys = await DropForeignKeysAsync(db, ct);
            var peopleDone = 0;
            for (var i = 0; i < scale.Providers.Count; i++)
            {
                var size = scale.Providers[i];
                var seed = DemoDataGenerator.Seed + (i * 7_919);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var data = DemoDataGenerator.Generate(size, today, seed);
                var staff = data.Staff.ToList();
                var demoAccounts = data.DemoAccounts.ToDictionary();
                if (i > 0)
                {
                    // The inspector belongs to no provider: the first provider's is the inspectorate's one.
                    staff.RemoveAll(s => s.Provider is null && s.Grade == StaffGrade.Inspector);
                    demoAccounts.Remove("inspector");
                }

                var chosen = scale.Providers.Count == 1
                    ? demoAccounts
                    : demoAccounts.Where(a => ProviderAccounts.Contains(a.Key)).ToDictionary();
                foreach (var (account, member) in chosen)
                {
                    member.UserName = AccountName(account, i, scale.Providers.Count);
                    accounts.Add((member.UserName, member));
                }

                db.Providers.Add(data.Provider);
                db.Teams.AddRange(data.Teams);
                db.Sites.AddRange(data.Sites);
                db.Staff.AddRange(staff);
                await db.SaveChangesAsync(ct);
                var providerId = data.Provider.Id;

                // The cases and everything recorded on them go straight from the generated objects to the
                // database (no change tracking), a chunk of cases at a time with one COPY per table.
                db.ChangeTracker.Clear();
                foreach (var chunk in data.People.Chunk(ChunkSize))
                {
                    await writer.WriteGraphAsync(db, chunk.Select(p => DemoSeeder.Link(p, providerId)), ct);
                    peopleDone += chunk.Length;
                    await ReportAsync(progress, writer, watch.Elapsed, i, scale, peopleDone);
                }

                db.ChangeTracker.Clear();
                await DemoProgrammes.SeedAsync(db, today, ct, providerId);
                db.ChangeTracker.Clear();
                await DemoResettlement.SeedAsync(db, today, ct, providerId);
                db.ChangeTracker.Clear();
                await DemoUnpaidWork.SeedAsync(db, providerId, today, seed, ct, size.Depth?.UnpaidWorkWeeks ?? 12);
                db.ChangeTracker.Clear();
                if (scale.Providers.Count > 1)
                {
                    await MakeCodesOwnAsync(db, providerId, i, ct);
                }

                await transaction.CommitAsync(ct);
                await ReportAsync(progress, writer, watch.Elapsed, i, scale, peopleDone);
            }

            await RestoreForeignKeysAsync(db, writer, foreignKeys, progress, ct);
            await BulkWriter.ResetSequencesAsync(db, ct);
            await RestoreAsync(db, restore, ct);
            await progress.WriteLineAsync("Gathering statistics (ANALYZE)...");
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            await db.Database.CloseConnectionAsync();
        }

        var loaded = watch.Elapsed;
        await using (var scope = services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            foreach (var (userName, staff) in accounts)
            {
                var role = staff.FirstName == "System" && staff.LastName == "Administrator" ? Roles.SystemAdministrator : Roles.ForGrade(staff.Grade);
                await seeder.EnsureUserAsync(userName, staff, role, password);
            }
        }

        await using var model = new ProbationDbContext(options);
        var result = new BulkLoadResult(writer.Written, loaded, model.Model.FindEntityType(typeof(Contact))!.GetTableName()!);
        await WriteSummaryAsync(progress, result, accounts.Count, watch.Elapsed);
        return result;
    }

    /// <summary>
    /// Gives a provider that has just been written its own codes (team, site, staff and provider codes end
    /// with its number) and its own CRN letter, so the next provider, generated with the same codes, fits
    /// beside it. Identifiers come from the model.
    /// </summary>
    private static async Task MakeCodesOwnAsync(ProbationDbContext db, int providerId, int index, CancellationToken ct)
    {
        var suffix = $"-{index + 1:D2}";
        await db.Providers.Where(p => p.Id == providerId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Code, p => p.Code + suffix).SetProperty(p => p.Name, p => p.Name + " " + (index + 1)), ct);
        await db.Teams.Where(t => t.ProviderId == providerId).ExecuteUpdateAsync(u => u.SetProperty(t => t.Code, t => t.Code + suffix), ct);
        await db.Sites.Where(s => s.ProviderId == providerId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Code, s => s.Code + suffix), ct);
        var first = index == 0; // the inspectorate's inspector, of no provider, comes with the first
        await db.Staff.Where(s => s.ProviderId == providerId || (first && s.ProviderId == null)).ExecuteUpdateAsync(u => u.SetProperty(s => s.StaffCode, s => s.StaffCode + suffix), ct);
        var sql = db.GetService<ISqlGenerationHelper>();
        var people = db.Model.FindEntityType(typeof(Domain.Cases.PersonOnProbation))!;
        var table = StoreObjectIdentifier.Table(people.GetTableName()!, people.GetSchema());
        var crn = sql.DelimitIdentifier(people.FindProperty(nameof(Domain.Cases.PersonOnProbation.Crn))!.GetColumnName(table)!);
        var provider = sql.DelimitIdentifier(people.FindProperty(nameof(Domain.Cases.PersonOnProbation.ProviderId))!.GetColumnName(table)!);
        var letter = $"'{CrnLetters[index]}'";
#pragma warning disable EF1002 // identifiers come from the model and the letter from a fixed list
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {crn} = {letter} || substr({crn}, 2) WHERE {provider} = {providerId.ToString(CultureInfo.InvariantCulture)}", ct);
#pragma warning restore EF1002
    }

    /// <summary>
    /// PostgreSQL: the foreign keys are taken off for the load and put back, exactly as they were, after it
    /// (as pg_restore does: data, then constraints). Checked row by row, each key of each row locks the row it
    /// points at; put back, each is checked once over the whole table. A row pointing at nothing fails the load
    /// when its key is put back.
    /// </summary>
    private static async Task<IReadOnlyList<(string Table, string Name, string Definition)>> DropForeignKeysAsync(ProbationDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return [];
        }

        var keys = new List<(string, string, string)>();
        await using (var command = new NpgsqlCommand(
            "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid " +
            "WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace ORDER BY c.relname, k.conname", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (table, name, _) in keys)
        {
#pragma warning disable CA2100 // identifiers read from the catalogue, quoted
            await using var drop = new NpgsqlCommand($"ALTER TABLE {Quote(table)} DROP CONSTRAINT {Quote(name)}", connection);
#pragma warning restore CA2100
            await drop.ExecuteNonQueryAsync(ct);
        }

        return keys;
    }

    private static async Task RestoreForeignKeysAsync(
        ProbationDbContext db, BulkWriter writer, IReadOnlyList<(string Table, string Name, string Definition)> keys, TextWriter progress, CancellationToken ct)
    {
        if (keys.Count == 0 || db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return;
        }

        await progress.WriteLineAsync($"Putting back {keys.Count} foreign keys, each checked over its whole table...");
        foreach (var (table, name, definition) in keys)
        {
            var watch = Stopwatch.StartNew();
#pragma warning disable CA2100 // identifiers and definitions read from the catalogue
            await using var add = new NpgsqlCommand($"ALTER TABLE {Quote(table)} ADD CONSTRAINT {Quote(name)} {definition}", connection);
#pragma warning restore CA2100
            await add.ExecuteNonQueryAsync(ct);

            // The check is part of writing the table: its time counts in the table's rate.
            writer.AddTime(table, watch.Elapsed);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>SQLite: settings for a load (no waiting for the disk, a large page cache); returns what to put back.</summary>
    private static async Task<IReadOnlyList<(string Pragma, string Value)>> PrepareForLoadAsync(ProbationDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is NpgsqlConnection)
        {
            return [];
        }

        var restore = new List<(string, string)>();
        foreach (var (pragma, value) in new[] { ("synchronous", "OFF"), ("cache_size", "-262144"), ("temp_store", "MEMORY") })
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // fixed pragma names
            command.CommandText = $"PRAGMA {pragma}";
            var old = Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture)!;
            command.CommandText = $"PRAGMA {pragma} = {value}";
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(ct);
            restore.Add((pragma, old));
        }

        return restore;
    }

    private static async Task RestoreAsync(ProbationDbContext db, IReadOnlyList<(string Pragma, string Value)> restore, CancellationToken ct)
    {
        foreach (var (pragma, value) in restore)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // fixed pragma names and the values read from them
            command.CommandText = $"PRAGMA {pragma} = {value}";
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static Task ReportAsync(TextWriter progress, BulkWriter writer, TimeSpan elapsed, int provider, BulkScale scale, int peopleDone)
    {
        var written = writer.Written;
        var rows = written.Values.Sum(t => t.Rows);
        var done = (double)peopleDone / scale.People;
        var eta = done > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - done) / done) : TimeSpan.Zero;
        var largest = written.OrderByDescending(t => t.Value.Rows).Take(3)
            .Select(t => $"{t.Key} {t.Value.Rows:N0}");
        return progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed:hh\\:mm\\:ss}] provider {provider + 1}/{scale.Providers.Count}, people {peopleDone:N0}/{scale.People:N0} ({done:P0}), " +
            $"{rows:N0} rows at {rows / Math.Max(0.001, elapsed.TotalSeconds):N0} rows/s ({string.Join(", ", largest)}), ETA {eta:hh\\:mm\\:ss}"));
    }

    private static async Task WriteSummaryAsync(TextWriter progress, BulkLoadResult result, int accounts, TimeSpan total)
    {
        await progress.WriteLineAsync("table                              rows     write s    rows/s (writing)");
        foreach (var (table, (rows, time)) in result.Tables.OrderByDescending(t => t.Value.Rows))
        {
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{table,-28} {rows,12:N0} {time.TotalSeconds,10:N1} {rows / Math.Max(0.001, time.TotalSeconds),12:N0}"));
        }

        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:N1} s ({result.Rows / Math.Max(0.001, result.Elapsed.TotalSeconds):N0} rows/s overall, generation included); " +
            $"{accounts} sign-in accounts in {(total - result.Elapsed).TotalSeconds:N1} s."));
    }
}
