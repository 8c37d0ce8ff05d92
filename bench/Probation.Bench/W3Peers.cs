using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Probation.Application.Data;

namespace Probation.Bench;

/// <summary>
/// W3's limits: the hand-written SQL peers in bench/sql (w3_&lt;page&gt;.&lt;sqlite|postgres&gt;.sql) run straight against the
/// app's database by the database's own client (sqlite3 on CPU 1 beside the app, psql on CPU 0 against the server on
/// CPU 1), timed as the pages are: the same number of concurrent clients, a warm-up, three runs, the median run with its
/// p50/p95/p99. Each client is one sqlite3 or psql process running the peer over and over; each query's time is the
/// client's own timer (.timer on, \timing on), so process start-up is not counted against the SQL.
/// </summary>
public static partial class W3Peers
{
    /// <summary>The peer file for a page, or null when it has not been written yet.</summary>
    public static string? File(string? sqlDir, string page, DatabaseProvider provider)
    {
        var file = Path.GetFullPath(Path.Combine(sqlDir ?? "bench/sql", $"w3_{page}.{(provider == DatabaseProvider.Postgres ? "postgres" : "sqlite")}.sql"));
        return System.IO.File.Exists(file) ? file : null;
    }

    public sealed record Peer(Measured Measured, IReadOnlyList<(string Table, string Key, long Count)> Rows, string Tool);

    /// <summary>Runs the peer once for its answer, then a warm-up and three timed runs at <paramref name="clients"/> clients.</summary>
    public static async Task<Peer> MeasureAsync(string file, DatabaseOptions database, IReadOnlyDictionary<string, string> parameters, int clients, Settings s)
    {
        var (first, output, _) = await RunClientAsync(file, database, parameters, 1, quiet: false);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|')).Where(p => p.Length == 3 && long.TryParse(p[2], CultureInfo.InvariantCulture, out _))
            .Select(p => (p[0], p[1], long.Parse(p[2], CultureInfo.InvariantCulture))).ToList();
        var oneMs = Math.Max(first.DefaultIfEmpty(1).Max(), 0.1);

        // Repetitions per client so that a run lasts about as long as the pages' (the clients share the database's core).
        int Repetitions(TimeSpan d) => Math.Max(2, (int)Math.Ceiling(d.TotalMilliseconds / (oneMs * clients)));
        var warmUp = await RunAsync(file, database, parameters, clients, Repetitions(s.WarmUp));
        var runs = new List<RunResult>();
        for (var r = 0; r < s.Runs; r++)
        {
            runs.Add(await RunAsync(file, database, parameters, clients, Repetitions(s.Duration)));
        }

        var tool = database.Provider == DatabaseProvider.Postgres
            ? $"psql \\timing, {clients} clients, CPU 0 (server on CPU 1)"
            : $"sqlite3 .timer, {clients} clients, CPU 1 (beside the app, as its queries run)";
        return new Peer(Measured.Of(runs, warmUp), rows, $"{Path.GetFileName(file)} by {tool}");
    }

    private static async Task<RunResult> RunAsync(string file, DatabaseOptions database, IReadOnlyDictionary<string, string> parameters, int clients, int repetitions)
    {
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => RunClientAsync(file, database, parameters, repetitions, quiet: true)));
        var seconds = watch.Elapsed.TotalSeconds;
        var all = results.SelectMany(r => r.Latencies).Order().ToArray();
        var errors = results.Sum(r => r.Failed ? repetitions - r.Latencies.Count : 0);
        return new RunResult(all.Length / seconds, LoadTool.Percentile(all, 0.50), LoadTool.Percentile(all, 0.95), LoadTool.Percentile(all, 0.99), all.Length + errors, errors, seconds);
    }

    /// <summary>One client: the peer <paramref name="repetitions"/> times in one sqlite3 or psql process; each query's time in ms.</summary>
    private static async Task<(List<double> Latencies, string Output, bool Failed)> RunClientAsync(
        string file, DatabaseOptions database, IReadOnlyDictionary<string, string> parameters, int repetitions, bool quiet)
    {
        var script = new StringBuilder();
        ProcessStartInfo start;
        Regex timer;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            start = new ProcessStartInfo("taskset", ["-c", "0", "psql", "-X", "-A", "-t", "-q", "-F", "|", "-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture),
                "-U", cs.Username!, "-d", cs.Database!, .. parameters.SelectMany(p => new[] { "-v", $"{p.Key}={p.Value}" })]);
            if (cs.Password is { } password)
            {
                start.Environment["PGPASSWORD"] = password;
            }

            // Server settings a peer asks for in its header ("-- server options: -c name=value (why)").
            if (ServerOptions(file) is { } options)
            {
                start.Environment["PGOPTIONS"] = options;
            }

            script.Append("\\timing on\n");
            if (quiet)
            {
                script.Append("\\o /dev/null\n");
            }

            for (var i = 0; i < repetitions; i++)
            {
                script.Append(CultureInfo.InvariantCulture, $"\\i {file}\n");
            }

            timer = PsqlTime();
        }
        else
        {
            var db = Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
            start = new ProcessStartInfo("taskset", ["-c", "1", "sqlite3", "-readonly", db]);
            foreach (var (key, value) in parameters)
            {
                // A number as it is; anything else (a date) as text.
                script.Append(CultureInfo.InvariantCulture, $".parameter set :{key} {(long.TryParse(value, CultureInfo.InvariantCulture, out _) ? value : $"\"'{value}'\"")}\n");
            }

            script.Append(".timer on\n");
            if (quiet)
            {
                script.Append(".output /dev/null\n");
            }

            for (var i = 0; i < repetitions; i++)
            {
                script.Append(CultureInfo.InvariantCulture, $".read {file}\n");
            }

            timer = SqliteTime();
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(script.ToString());
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        var output = await stdout;
        var failed = p.ExitCode != 0 || (await stderr).Contains("rror", StringComparison.Ordinal);
        var latencies = new List<double>();
        var lines = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            var m = timer.Match(line);
            if (m.Success)
            {
                latencies.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (database.Provider == DatabaseProvider.Postgres ? 1 : 1000));
            }
            else
            {
                lines.Append(line).Append('\n');
            }
        }

        return (latencies, lines.ToString(), failed);
    }

    /// <summary>
    /// Whether the peer computes the page's figures: every non-zero count of the caseload profile (as the API returns it)
    /// against the peer's rows. Null when the API could not be read.
    /// </summary>
    public static (bool Agree, string Detail) Compare(JsonElement profile, IReadOnlyList<(string Table, string Key, long Count)> peer)
    {
        var page = new Dictionary<(string, string), long>();
        foreach (var key in new[] { "people", "women", "currentDomesticAbuse", "childSafeguarding", "responsibleOfficers" })
        {
            page[("summary", key)] = profile.GetProperty(key).GetInt64();
        }

        foreach (var (table, property) in new[] { ("rosh", "roshLevels"), ("ogrs", "ogrsBands"), ("tier", "tiers"), ("orderType", "orderTypes"), ("requirement", "requirements") })
        {
            foreach (var share in profile.GetProperty(property).EnumerateArray())
            {
                page[(table, share.GetProperty("key").GetString()!)] = share.GetProperty("count").GetInt64();
            }
        }

        var pageRows = page.Where(x => x.Value != 0).ToDictionary();
        var peerRows = peer.Where(x => x.Count != 0).ToDictionary(x => (x.Table, x.Key), x => x.Count);
        var differ = pageRows.Keys.Union(peerRows.Keys).Where(k => pageRows.GetValueOrDefault(k) != peerRows.GetValueOrDefault(k)).ToList();
        return differ.Count == 0
            ? (true, $"all {pageRows.Count} figures agree ({pageRows[("summary", "people")]:N0} people)")
            : (false, $"{differ.Count} figures differ: " + string.Join(", ", differ.Take(5).Select(k => $"{k.Item1}/{k.Item2} page {pageRows.GetValueOrDefault(k)} SQL {peerRows.GetValueOrDefault(k)}")));
    }

    /// <summary>The PostgreSQL settings a peer's header asks for, as PGOPTIONS: "-- server options: -c jit=off (why)".</summary>
    private static string? ServerOptions(string file) =>
        System.IO.File.ReadLines(file).TakeWhile(l => l.StartsWith("--", StringComparison.Ordinal))
            .Select(l => ServerOptionsLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value.Trim();

    /// <summary>
    /// Whether the team page's kept-status peer reads the page's figures: every officer's counts, oversight recorded,
    /// workload points and last staff supervision, and the allocation queue, as the API returns them.
    /// </summary>
    public static (bool Agree, string Detail) CompareTeam(JsonElement team, IReadOnlyList<(string Table, string Key, long Count)> peer)
    {
        var page = new Dictionary<(string, string), long>();
        foreach (var officer in team.GetProperty("officers").EnumerateArray())
        {
            var id = officer.GetProperty("staffId").GetInt32().ToString(CultureInfo.InvariantCulture);
            foreach (var count in officer.GetProperty("counts").EnumerateObject())
            {
                page[(count.Name, id)] = count.Value.GetInt64();
            }

            page[("OversightRecorded", id)] = officer.GetProperty("oversightRecorded").GetInt64();
            page[("WorkloadPoints", id)] = officer.GetProperty("points").GetInt64();
            var supervised = officer.GetProperty("lastStaffSupervision");
            page[("Officer", id)] = supervised.ValueKind == JsonValueKind.Null ? 0 : long.Parse(supervised.GetString()!.Replace("-", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }

        page[("Waiting", "")] = team.GetProperty("awaitingAllocation").GetInt64();
        page[("ReferredToManager", "")] = team.GetProperty("referredToManager").GetInt64();
        var peerRows = peer.ToDictionary(x => (x.Table, x.Key), x => x.Count);

        // Officers outside the team who hold its cases are on the page without supervision dates or points of their own.
        var teamOfficers = peer.Where(x => x.Table == "Officer").Select(x => x.Key).ToHashSet();
        var compared = page.Where(x => teamOfficers.Contains(x.Key.Item2) || x.Key.Item2.Length == 0 || (x.Key.Item1 != "Officer" && x.Key.Item1 != "WorkloadPoints")).ToDictionary();
        var missing = teamOfficers.Where(o => !page.ContainsKey(("Officer", o))).ToList();
        var differ = compared.Keys.Union(peerRows.Keys).Where(k => compared.GetValueOrDefault(k) != peerRows.GetValueOrDefault(k)).ToList();
        return differ.Count == 0 && missing.Count == 0
            ? (true, $"all {compared.Count} figures agree ({teamOfficers.Count} officers, {compared.Where(x => x.Key.Item1 == "Cases").Sum(x => x.Value):N0} cases)")
            : (false, $"{differ.Count} figures differ, {missing.Count} officers missing from the page: "
                + string.Join(", ", differ.Take(5).Select(k => $"{k.Item1}/{k.Item2} page {compared.GetValueOrDefault(k)} SQL {peerRows.GetValueOrDefault(k)}")));
    }

    [GeneratedRegex(@"^--\s*server options:\s*([^(]+)")]
    private static partial Regex ServerOptionsLine();

    [GeneratedRegex(@"^Run Time: real ([0-9.]+)")]
    private static partial Regex SqliteTime();

    [GeneratedRegex(@"^Time: ([0-9.]+) ms")]
    private static partial Regex PsqlTime();
}
