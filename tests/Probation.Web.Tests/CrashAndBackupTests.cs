using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Probation.Application.Data;
using Probation.Domain.Common;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>A database the app runs on, opened by a test beside the app: through the model, or by plain SQL.</summary>
public sealed class Store(string provider, string connectionString)
{
    public string Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public bool IsPostgres => Provider == "Postgres";

    public ProbationDbContext Context()
    {
        var builder = new DbContextOptionsBuilder<ProbationDbContext>();
        new DatabaseOptions(Enum.Parse<DatabaseProvider>(Provider), ConnectionString).Apply(builder);
        return new ProbationDbContext(builder.Options);
    }

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Every table's row count and a checksum of its rows (in any order: each row's values are hashed, and the
    /// hashes added up), read on <paramref name="connection"/> in whatever transaction it has open.
    /// </summary>
    public async Task<SortedDictionary<string, (long Rows, string Checksum)>> ContentsAsync(DbConnection connection)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = IsPostgres
                ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var contents = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            long rows = 0;
            ulong a = 0, b = 0;
            var row = new StringBuilder();
            while (await reader.ReadAsync())
            {
                row.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(Format(reader.IsDBNull(i) ? null : reader.GetValue(i))).Append('\u001f');
                }

                var hash = SHA256.HashData(Encoding.UTF8.GetBytes(row.ToString()));
                a += BitConverter.ToUInt64(hash, 0);
                b += BitConverter.ToUInt64(hash, 8);
                rows++;
            }

            contents[table] = (rows, $"{a:x16}{b:x16}");
        }

        return contents;
    }

    /// <summary>What the database's own checks find wrong: SQLite's integrity and foreign key checks; PostgreSQL's amcheck of every index and table.</summary>
    public async Task<List<string>> IntegrityProblemsAsync()
    {
        var problems = new List<string>();
        await using var connection = await OpenAsync();
        async Task ReadAsync(string sql, Func<DbDataReader, string?> problem)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 600;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (problem(reader) is { } p)
                {
                    problems.Add(p);
                }
            }
        }

        if (IsPostgres)
        {
            await ReadAsync("CREATE EXTENSION IF NOT EXISTS amcheck", _ => null);
            await ReadAsync(
                """
                SELECT c.relname, bt_index_check(c.oid, true)::text FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE am.amname = 'btree' AND n.nspname = 'public'
                """,
                _ => null);
            await ReadAsync(
                """
                SELECT c.relname, v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
                LATERAL verify_heapam(c.oid) v WHERE n.nspname = 'public' AND c.relkind = 'r'
                """,
                r => $"{r.GetString(0)}: {r.GetString(1)}");
            await ReadAsync("SELECT conname FROM pg_constraint WHERE NOT convalidated", r => "not validated: " + r.GetString(0));
        }
        else
        {
            await ReadAsync("PRAGMA integrity_check", r => r.GetString(0) == "ok" ? null : r.GetString(0));
            await ReadAsync("PRAGMA foreign_key_check", r => $"foreign key: {r.GetValue(0)} row {r.GetValue(1)} -> {r.GetValue(2)}");
        }

        return problems;
    }

    private static string Format(object? value) => value switch
    {
        null => "\u2205",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// Sustained writes over HTTP, as officers recording contacts: each writer records contacts on a case of its own,
/// one after another, and keeps every one the app acknowledged (201 with the contact's id).
/// </summary>
public sealed class WriteLoad
{
    public sealed record Acknowledged(string Crn, int ContactId, int Version);

    private readonly List<(string Crn, HttpClient Client)> _writers;
    private readonly ConcurrentQueue<Acknowledged> _acknowledged = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    private WriteLoad(List<(string Crn, HttpClient Client)> writers, Dictionary<string, int> startVersions)
    {
        _writers = writers;
        StartVersions = startVersions;
    }

    /// <summary>Each case's version before the load.</summary>
    public Dictionary<string, int> StartVersions { get; }

    public IReadOnlyList<Acknowledged> AcknowledgedSoFar => _acknowledged.ToList();

    /// <summary>Answers other than 201 and 412 while the app was up (none are expected).</summary>
    public IReadOnlyList<string> Unexpected => _unexpected.ToList();

    public IEnumerable<string> Cases => _writers.Select(w => w.Crn);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Makes a case for each writer (created, allocated to the demo officer) on the running app.</summary>
    public static async Task<WriteLoad> PrepareAsync(AppProcess app, Store store, int writers)
    {
        int teamId, officerId;
        await using (var db = store.Context())
        {
            var po = await db.Staff.Where(s => s.UserName == "po").Select(s => new { s.TeamId, s.Id }).SingleAsync();
            (teamId, officerId) = (po.TeamId!.Value, po.Id);
        }

        using var admin = await app.TokenClientAsync("caseadmin");
        using var manager = await app.TokenClientAsync("manager");
        var list = new List<(string, HttpClient)>();
        var versions = new Dictionary<string, int>();
        var start = Today.AddDays(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < writers; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/cases", new
            {
                firstName = "Load",
                lastName = "Writer" + i,
                dateOfBirth = "1985-01-01",
                gender = "Male",
                teamId,
                source = "Court",
                receivedOn = start,
                orderType = "CommunityOrder",
                orderStart = start,
                lengthMonths = 12,
                court = "Teesside Magistrates' Court",
                mainOffence = "Acquisitive",
                requirements = new object[] { new { type = "RehabilitationActivity", rarDays = 10 } },
                rosh = "Low",
                ogrsScore = 30,
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var json = await created.Content.ReadFromJsonAsync<JsonElement>();
            var crn = json.GetProperty("crn").GetString()!;
            using var allocate = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{crn}/allocation")
            {
                Content = JsonContent.Create(new { staffMemberId = officerId, overrideReason = "Continuity: this officer knows the family" }),
            };
            allocate.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{json.GetProperty("version").GetInt32()}\""));
            using var allocated = await manager.SendAsync(allocate);
            Assert.True(allocated.IsSuccessStatusCode, await allocated.Content.ReadAsStringAsync());
            list.Add((crn, await app.TokenClientAsync("po")));
        }

        await using (var db = store.Context())
        {
            foreach (var (crn, _) in list)
            {
                versions[crn] = await db.People.Where(p => p.Crn == Crn.Parse(crn)).Select(p => p.Version).SingleAsync();
            }
        }

        return new WriteLoad(list, versions);
    }

    /// <summary>Writes until <paramref name="stop"/> or until the app stops answering.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(_writers.Select(w => Task.Run(() => WriterAsync(w.Crn, w.Client, stop))));

    private async Task WriterAsync(string crn, HttpClient client, CancellationToken stop)
    {
        var version = StartVersions[crn];
        var on = Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{crn}/contacts")
                {
                    Content = JsonContent.Create(new { on, kind = "Phone", outcome = "AttendedAndComplied", notes = "Sustained write" }),
                };
                request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
                using var response = await client.SendAsync(request, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                    version = body.GetProperty("version").GetInt32();
                    _acknowledged.Enqueue(new Acknowledged(crn, body.GetProperty("id").GetInt32(), version));
                }
                else if (response.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    using var read = await client.GetAsync($"/api/v1/cases/{crn}/supervision", CancellationToken.None);
                    version = int.Parse(read.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    _unexpected.Enqueue($"{crn}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The app is gone (killed): whatever was in flight is neither acknowledged nor promised.
                return;
            }
        }
    }

    /// <summary>
    /// What must hold in a store the load wrote to: every acknowledged contact is there on its case; and each case's
    /// contacts, its "Contact recorded" audit entries and the rise in its version agree (each write kept whole or not at all).
    /// </summary>
    public async Task<List<string>> CheckAsync(Store store, IReadOnlyCollection<Acknowledged> mustHave)
    {
        var problems = new List<string>();
        await using var db = store.Context();
        foreach (var crn in Cases)
        {
            var parsed = Crn.Parse(crn);
            var person = await db.People.AsNoTracking().Where(p => p.Crn == parsed).Select(p => new { p.Id, p.Version }).SingleAsync();
            var ids = (await db.Contacts.AsNoTracking().Where(c => c.PersonId == person.Id).Select(c => c.Id).ToListAsync()).ToHashSet();
            var audited = await db.AuditEntries.AsNoTracking().CountAsync(a => a.Purpose == "Contact recorded" && a.Subjects.Any(s => s.Crn == crn));
            var missing = mustHave.Where(a => a.Crn == crn && !ids.Contains(a.ContactId)).Select(a => a.ContactId).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{crn}: {missing.Count} acknowledged contacts missing ({string.Join(", ", missing.Take(10))})");
            }

            if (audited != ids.Count)
            {
                problems.Add($"{crn}: {ids.Count} contacts but {audited} audit entries recording them");
            }

            if (person.Version != StartVersions[crn] + ids.Count)
            {
                problems.Add($"{crn}: version {person.Version}, expected {StartVersions[crn]} + {ids.Count} contacts");
            }
        }

        return problems;
    }
}

/// <summary>
/// The app killed outright during sustained writes, and the store backed up while writes go on, on each database:
/// after a restart every acknowledged write is there and the database's own checks are clean; a backup restored to
/// a fresh store holds exactly the rows of the moment it was taken.
/// The CI form writes for a few seconds on the small demo provider. For longer runs or the large provider, set
/// PROBATION_RELIABILITY_SECONDS (seconds of writes before the kill) and PROBATION_RELIABILITY_SCALE (a scale of
/// the seed command, for example large-provider), as docs/operations.md shows.
/// </summary>
public abstract class CrashAndBackupTests
{
    private const int Writers = 4;

    protected abstract TestDatabase? NewDatabase();

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static int Seconds(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("PROBATION_RELIABILITY_SECONDS"), out var s) && s > 0 ? s : ciDefault;

    private static string? BulkScale => Environment.GetEnvironmentVariable("PROBATION_RELIABILITY_SCALE") is { Length: > 0 } scale && scale != "small" ? scale : null;

    /// <summary>A new store with the demo provider (or the bulk scale asked for), and the settings to run the app on it.</summary>
    private static async Task<Dictionary<string, string>> PrepareStoreAsync(TestDatabase database)
    {
        if (BulkScale is { } scale)
        {
            var watch = Stopwatch.StartNew();
            var seeded = await AppProcess.RunCommandAsync(AppProcess.Settings(database.Provider, database.ConnectionString, seedDemo: false), TimeSpan.FromHours(1), "seed", "--scale", scale, "--password", TestUsers.Password);
            Log($"Seeded {scale} in {watch.Elapsed.TotalSeconds:0} s: {seeded.Trim().Split('\n')[^1]}");
            return AppProcess.Settings(database.Provider, database.ConnectionString, seedDemo: false);
        }

        // The small demo provider as the app would seed it today, copied from the run's template of it (the tests on each
        // database share one seed); the app starts on the copy, finds the demo data there and seeds nothing.
        await DemoTemplates.CopyIntoAsync(database, "small", RunStart);
        return AppProcess.Settings(database.Provider, database.ConnectionString, seedDemo: true);
    }

    /// <summary>When this test run began: the day the demo provider is seeded for, as a fresh seed by the app today would be.</summary>
    private static readonly DateTimeOffset RunStart = DateTimeOffset.UtcNow;

    [Fact]
    public async Task KilledDuringSustainedWrites_EveryAcknowledgedWriteIsThereAfterRestart_AndTheChecksAreClean()
    {
        var database = NewDatabase();
        Assert.SkipUnless(database is not null, TestDatabase.SkipReason);
        await using var _ = database;
        var store = new Store(database.Provider, database.ConnectionString);
        var settings = await PrepareStoreAsync(database);

        WriteLoad load;
        IReadOnlyList<WriteLoad.Acknowledged> acknowledged;
        await using (var app = await AppProcess.StartAsync(settings))
        {
            load = await WriteLoad.PrepareAsync(app, store, Writers);
            using var stop = new CancellationTokenSource();
            var writing = load.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(Seconds(10)));
            Assert.Empty(load.Unexpected);
            app.Kill();
            await writing;
            acknowledged = load.AcknowledgedSoFar;
        }

        Log($"{database.Provider}: {acknowledged.Count} writes acknowledged by {Writers} writers in {Seconds(10)} s before SIGKILL");
        Assert.True(acknowledged.Count >= 20, $"Only {acknowledged.Count} writes were acknowledged before the kill");
        Assert.Empty(await store.IntegrityProblemsAsync());

        await using (var app = await AppProcess.StartAsync(settings))
        {
            Assert.Empty(await load.CheckAsync(store, acknowledged));

            // The restarted app shows them, and takes the next write on each case.
            using var po = await app.TokenClientAsync("po");
            foreach (var crn in load.Cases)
            {
                using var read = await po.GetAsync($"/api/v1/cases/{crn}/contacts");
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                var shown = (await read.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToHashSet();
                Assert.All(acknowledged.Where(a => a.Crn == crn), a => Assert.Contains(a.ContactId, shown));
                using var next = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{crn}/contacts")
                {
                    Content = JsonContent.Create(new { on = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), kind = "Phone", outcome = "AttendedAndComplied" }),
                };
                next.Headers.IfMatch.Add(read.Headers.ETag!);
                using var written = await po.SendAsync(next);
                Assert.Equal(HttpStatusCode.Created, written.StatusCode);
            }
        }

        Assert.Empty(await store.IntegrityProblemsAsync());
    }

    [Fact]
    public async Task OnlineBackupDuringWrites_RestoredToAFreshStore_HoldsExactlyTheSnapshot()
    {
        var database = NewDatabase();
        Assert.SkipUnless(database is not null, TestDatabase.SkipReason);
        await using var _ = database;
        var store = new Store(database.Provider, database.ConnectionString);
        var settings = await PrepareStoreAsync(database);
        var work = Directory.CreateTempSubdirectory("probation-backup-");
        var restoredName = $"probation_restored_{Guid.NewGuid():N}";
        try
        {
            WriteLoad load;
            IReadOnlyList<WriteLoad.Acknowledged> beforeBackup;
            SortedDictionary<string, (long Rows, string Checksum)> snapshot;
            var backupFile = Path.Combine(work.FullName, database.Provider == "Postgres" ? "probation.dump" : "probation-backup.db");
            var backupWatch = new Stopwatch();
            await using (var app = await AppProcess.StartAsync(settings))
            {
                load = await WriteLoad.PrepareAsync(app, store, Writers);
                using var stop = new CancellationTokenSource();
                var writing = load.RunAsync(stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(Seconds(3)));
                for (var i = 0; i < 600 && load.AcknowledgedSoFar.Count == 0; i++)
                {
                    await Task.Delay(100);
                }

                beforeBackup = load.AcknowledgedSoFar;
                var duringBackup = beforeBackup.Count;
                backupWatch.Start();
                snapshot = store.IsPostgres ? await PgDumpAsync(store, backupFile) : await SqliteBackupAsync(store, backupFile);
                backupWatch.Stop();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await stop.CancelAsync();
                await writing;
                Assert.Empty(load.Unexpected);
                Assert.True(load.AcknowledgedSoFar.Count > duringBackup, "Writes went on after the backup");
                Log($"{database.Provider}: backup taken while {Writers} writers wrote ({duringBackup} writes acknowledged before it began, {load.AcknowledgedSoFar.Count} in all); with the snapshot's checksums, {backupWatch.Elapsed.TotalSeconds:0.00} s");
            }

            // Restore to a fresh store.
            var restored = store.IsPostgres
                ? new Store("Postgres", new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = restoredName }.ConnectionString)
                : new Store("Sqlite", $"Data Source={Path.Combine(work.FullName, "probation-restored.db")};Pooling=false");
            var restoreWatch = Stopwatch.StartNew();
            if (store.IsPostgres)
            {
                await PgRestoreAsync(store, restoredName, backupFile);
            }
            else
            {
                SqliteRestore(backupFile, restored.ConnectionString);
            }

            restoreWatch.Stop();
            await using (var connection = await restored.OpenAsync())
            {
                var contents = await restored.ContentsAsync(connection);
                Assert.Equal(snapshot.Keys, contents.Keys);
                Assert.All(snapshot, t => Assert.True(t.Value == contents[t.Key], $"{t.Key}: snapshot {t.Value}, restored {contents[t.Key]}"));
            }

            var rows = snapshot.Values.Sum(t => t.Rows);
            Log($"{database.Provider}: restored {rows:N0} rows in {snapshot.Count} tables in {restoreWatch.Elapsed.TotalSeconds:0.00} s ({BulkScale ?? "small demo"} dataset); row counts and checksums equal the snapshot's");
            Assert.Empty(await restored.IntegrityProblemsAsync());
            Assert.Empty(await load.CheckAsync(restored, beforeBackup));

            // The app runs on the restored store.
            await using (var app = await AppProcess.StartAsync(AppProcess.Settings(restored.Provider, restored.ConnectionString, seedDemo: false)))
            {
                using var po = await app.TokenClientAsync("po");
                var crn = load.Cases.First();
                using var read = await po.GetAsync($"/api/v1/cases/{crn}/contacts");
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                var shown = (await read.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToHashSet();
                Assert.All(beforeBackup.Where(a => a.Crn == crn), a => Assert.Contains(a.ContactId, shown));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            SqliteConnection.ClearAllPools();
            if (store.IsPostgres && TestDatabase.PostgresAdminConnection is { } admin)
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{restoredName}\" WITH (FORCE)";
                await drop.ExecuteNonQueryAsync();
            }

            work.Delete(recursive: true);
        }
    }

    /// <summary>SQLite's online backup (the backup API, as <c>sqlite3 probation.db ".backup FILE"</c>): a consistent copy while writers go on.</summary>
    private static async Task<SortedDictionary<string, (long Rows, string Checksum)>> SqliteBackupAsync(Store store, string file)
    {
        await using (var source = (SqliteConnection)await store.OpenAsync())
        await using (var target = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await target.OpenAsync();
            var watch = Stopwatch.StartNew();
            source.BackupDatabase(target);
            Log($"Sqlite: the backup API copied the store in {watch.Elapsed.TotalSeconds:0.00} s");
        }

        var backup = new Store("Sqlite", $"Data Source={file};Mode=ReadOnly;Pooling=false");
        await using var connection = await backup.OpenAsync();
        return await backup.ContentsAsync(connection);
    }

    private static void SqliteRestore(string backupFile, string restoredConnection)
    {
        using var source = new SqliteConnection($"Data Source={backupFile};Mode=ReadOnly;Pooling=false");
        using var target = new SqliteConnection(restoredConnection);
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    /// <summary>
    /// <c>pg_dump -Fc</c> while writers go on. The dump is taken in a snapshot this test holds open and reads
    /// the rows of too (<c>pg_export_snapshot</c>, <c>pg_dump --snapshot</c>), so the rows it expects to be restored are
    /// exactly the dump's.
    /// </summary>
    private static async Task<SortedDictionary<string, (long Rows, string Checksum)>> PgDumpAsync(Store store, string file)
    {
        await using var connection = (NpgsqlConnection)await store.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        var snapshotId = (string)(await export.ExecuteScalarAsync())!;
        var watch = Stopwatch.StartNew();
        var dump = PgToolAsync("pg_dump", store.ConnectionString, "--format=custom", "--snapshot=" + snapshotId, "--file=" + file);
        var contents = await store.ContentsAsync(connection);
        await dump;
        Log($"Postgres: pg_dump finished {watch.Elapsed.TotalSeconds:0.00} s after it started ({new FileInfo(file).Length / 1048576.0:0.0} MB)");
        await transaction.CommitAsync();
        return contents;
    }

    private static async Task PgRestoreAsync(Store store, string restoredName, string file)
    {
        await using (var connection = (NpgsqlConnection)await store.OpenAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{restoredName}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var target = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Database = restoredName }.ConnectionString;
        await PgToolAsync("pg_restore", target, "--no-owner", "--exit-on-error", "--jobs=2", file);
    }

    /// <summary>A PostgreSQL client tool of the newest installed version (the same search as scripts/test's), run against the database of <paramref name="connectionString"/>.</summary>
    private static async Task PgToolAsync(string tool, string connectionString, params string[] args)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(bin ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--host=" + c.Host, "--port=" + c.Port, "--username=" + c.Username, "--dbname=" + c.Database }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        if (!string.IsNullOrEmpty(c.Password))
        {
            start.Environment["PGPASSWORD"] = c.Password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {await output}{await error}");
    }
}

public sealed class SqliteCrashAndBackupTests : CrashAndBackupTests
{
    protected override TestDatabase? NewDatabase() => TestDatabase.Sqlite();
}

public sealed class PostgresCrashAndBackupTests : CrashAndBackupTests
{
    protected override TestDatabase? NewDatabase() => TestDatabase.Postgres();
}
