using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Probation.Application.Data;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Bench;

public static class Workloads
{
    private static double? RatioToTarget(double? ratio, double target, bool atLeast) =>
        ratio is null or <= 0 ? null : atLeast ? ratio / target : target / ratio;

    private static Latency Of(RunResult r) => new(r.P50Ms, r.P95Ms, r.P99Ms);

    private static async Task<(long Rows, long Requests)> AuditAsync(IServiceProvider sp, DateTime sinceUtc)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var q = db.AuditEntries.Where(a => a.UserName.StartsWith("bench-") && a.AtUtc >= sinceUtc);
        return (await q.LongCountAsync(), await q.Select(a => a.RequestId).Distinct().LongCountAsync());
    }

    /// <summary>Every successful request left its audit row(s): as many distinct request ids in the audit log as successful requests.</summary>
    private static async Task<Check> AuditedAsync(IServiceProvider sp, Func<Task<Measured>> measure, Action<Measured> keep)
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        var before = await AuditAsync(sp, since);
        var m = await measure();
        keep(m);
        var after = await AuditAsync(sp, since);
        var requests = after.Requests - before.Requests;
        return new Check("audit rows = requests", requests == m.Succeeded,
            $"{requests:N0} audited requests ({after.Rows - before.Rows:N0} rows) for {m.Succeeded:N0} successful requests");
    }

    public static async Task<WorkloadResult> W1Async(IServiceProvider sp, LoadTool tool, IReadOnlyList<BenchUser> officers, Settings s, DatabaseOptions database, Options o)
    {
        var targets = officers.Select(o => new Target("/", o.Cookie)).ToList();
        var bare = await tool.MeasureAsync([new Target("/bench/bare", null)], s.Connections, s);
        Measured page = null!;
        var audit = await AuditedAsync(sp, () => tool.MeasureAsync(targets, s.Connections, s), m => page = m);
        var ratio = page.Median.PerSecond / bare.Median.PerSecond;
        var floor = database.Provider == DatabaseProvider.Postgres && !s.Smoke ? await PostgresCaseloadFloorAsync(sp, officers, database, s, o) : ((double Rate, IReadOnlyList<double> Runs, string Tool)?)null;
        return new WorkloadResult(
            "W1", $"caseload page of {officers.Count} officers (caseloads near 50, alerts, audited)",
            tool.Describe(s.Connections, s.Duration),
            "bare endpoint, req/s", bare.Median.PerSecond, "req/s", page.Median.PerSecond, Of(page.Median), Of(bare.Median),
            page.Errors + bare.Errors, ratio, "≥ 0.05 of the bare endpoint; p95 ≤ 100 ms", RatioToTarget(ratio, 0.05, true),
            [
                new Check("throughput ≥ 5% of bare", ratio >= 0.05, $"{ratio:P1}"),
                new Check($"p95 ≤ 100 ms at {s.Connections} connections", page.Median.P95Ms <= 100, $"{page.Median.P95Ms:0.0} ms"),
                audit,
            ],
            Notes: WarmUpNote(page, "page") + "; " + WarmUpNote(bare, "bare endpoint")
                + (floor is { } f
                    ? string.Create(CultureInfo.InvariantCulture, $"; the database's floor, the page's own SQL and audit rows alone ({f.Tool}): {f.Rate:0} pages/s, {f.Rate / bare.Median.PerSecond:P1} of the bare endpoint (runs {string.Join(", ", f.Runs.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}), so the page at {ratio / (f.Rate / bare.Median.PerSecond):P0} of its floor")
                    : string.Empty),
            Runs: page.Runs, LimitRuns: bare.Runs);
    }

    /// <summary>
    /// What the database alone allows the caseload page on this machine: the page's two reads and its audit rows
    /// (bench/sql/w1_caseload_floor.postgres.sql), one page per transaction, by pgbench at the same concurrency on
    /// CPU 0 with the server on CPU 1, where it is when the app runs. No app can serve the page faster than this.
    /// </summary>
    private static async Task<(double Rate, IReadOnlyList<double> Runs, string Tool)> PostgresCaseloadFloorAsync(
        IServiceProvider sp, IReadOnlyList<BenchUser> officers, DatabaseOptions database, Settings s, Options o)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var ids = officers.Select(u => u.StaffId).ToList();
        var providers = await db.Staff.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.ProviderId ?? 0);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                """CREATE TABLE IF NOT EXISTS bench_floor_audit (LIKE "AuditLog" INCLUDING ALL); CREATE TABLE IF NOT EXISTS bench_floor_audit_subjects (LIKE "AuditLogSubjects" INCLUDING ALL)""",
                connection);
            await create.ExecuteNonQueryAsync();
        }

        var template = await File.ReadAllTextAsync(SqlFile(o, "w1_caseload_floor.postgres.sql"));
        var script = Path.Combine(Path.GetTempPath(), $"bench-w1-floor-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, template
            .Replace("{officers}", string.Join(",", ids), StringComparison.Ordinal)
            .Replace("{providers}", string.Join(",", ids.Select(i => providers.GetValueOrDefault(i))), StringComparison.Ordinal)
            .Replace("{count}", ids.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        try
        {
            var seconds = (int)s.Duration.TotalSeconds;
            await PgbenchTpsAsync(database, script, $"-M prepared -c {s.Connections} -T 5");
            var rates = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                rates.Add(await PgbenchTpsAsync(database, script, $"-M prepared -c {s.Connections} -T {seconds}"));
            }

            return (rates.Order().ElementAt(1), rates, $"pgbench -M prepared -c {s.Connections} -j 1 -T {seconds} -f w1_caseload_floor.postgres.sql after a 5 s warm-up, one page per transaction");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>How long the warm-up took to settle, for the notes.</summary>
    private static string WarmUpNote(Measured m, string what) =>
        m.WarmUp is { } w
            ? string.Create(CultureInfo.InvariantCulture, $"{what} warm-up {w.Seconds:0} s in {w.Windows} window{(w.Windows == 1 ? "" : "s")}, the last at {w.PerSecond:0.#} req/s")
            : string.Empty;

    public static async Task<WorkloadResult> W2Async(IServiceProvider sp, LoadTool tool, IReadOnlyList<BenchUser> officers, Settings s, DatabaseOptions database, Options o)
    {
        var targets = new List<Target>();
        var longest = officers.Max(u => u.Crns.Count);
        for (var i = 0; i < longest; i++)
        {
            targets.AddRange(officers.Where(u => i < u.Crns.Count).Select(u => new Target("/cases/" + u.Crns[i].ToLowerInvariant(), u.Cookie)));
        }

        var (limit, limitRuns, limitTool) = database.Provider == DatabaseProvider.Postgres
            ? await PostgresCommitLimitAsync(database, s, o)
            : await SqliteCommitLimitAsync(database, s);
        Measured page = null!;
        var audit = await AuditedAsync(sp, () => tool.MeasureAsync(targets, s.Connections, s), m => page = m);
        var ratio = page.Median.PerSecond / limit;
        return new WorkloadResult(
            "W2", "case page (access check, risk, plan, last 20 contacts, alerts), audited",
            tool.Describe(s.Connections, s.Duration) + "; limit: " + limitTool,
            "single-row durable commits/s", limit, "req/s", page.Median.PerSecond, Of(page.Median), null,
            page.Errors, ratio, "≥ 2× the commit rate; p95 ≤ 100 ms", RatioToTarget(ratio, 2, true),
            [
                new Check("≥ 2× durable commit rate", ratio >= 2, $"{ratio:0.00}×"),
                new Check($"p95 ≤ 100 ms at {s.Connections} connections", page.Median.P95Ms <= 100, $"{page.Median.P95Ms:0.0} ms"),
                audit,
            ],
            Notes: "limit runs (commits/s): " + string.Join(", ", limitRuns.Select(r => r.ToString("0", CultureInfo.InvariantCulture))) + "; " + WarmUpNote(page, "page"),
            Runs: page.Runs);
    }

    /// <summary>SQLite's ceiling: a sqlite3 script of autocommit single-row INSERTs, WAL and synchronous=FULL, in a file beside the database, on CPU 1.</summary>
    private static async Task<(double, IReadOnlyList<double>, string)> SqliteCommitLimitAsync(DatabaseOptions database, Settings s)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(source))!;
        var inserts = s.Smoke ? 600 : 3000;
        var script = new System.Text.StringBuilder("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nCREATE TABLE IF NOT EXISTS audit(id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, crn TEXT NOT NULL);\n");
        for (var i = 0; i < inserts; i++)
        {
            script.Append("INSERT INTO audit(at, who, crn) VALUES (strftime('%Y-%m-%dT%H:%M:%f','now'), 'bench', 'X000000');\n");
        }

        var scriptFile = Path.Combine(dir, "bench-commit-limit.sql");
        await File.WriteAllTextAsync(scriptFile, script.ToString());
        var rates = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var db = Path.Combine(dir, $"bench-commit-limit-{run}.db");
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(f);
            }

            var watch = Stopwatch.StartNew();
            await RunProcessAsync("taskset", $"-c 1 sqlite3 {db} \".read {scriptFile}\"");
            rates.Add(inserts / watch.Elapsed.TotalSeconds);
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(f);
            }
        }

        File.Delete(scriptFile);
        return (rates.Order().ElementAt(1), rates, $"sqlite3 script, {inserts} autocommit INSERTs, WAL + synchronous=FULL, same disk, CPU 1 (SQLite admits one writer at a time, so one writer is its ceiling at any concurrency)");
    }

    /// <summary>PostgreSQL's ceiling: pgbench with a one-INSERT script at the same concurrency, on CPU 0 (the server is on CPU 1).</summary>
    private static async Task<(double, IReadOnlyList<double>, string)> PostgresCommitLimitAsync(DatabaseOptions database, Settings s, Options o)
    {
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_commit_limit(id bigserial PRIMARY KEY, at timestamptz NOT NULL, who text NOT NULL, crn text NOT NULL)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var script = SqlFile(o, "commit_limit_insert.sql");
        var seconds = (int)s.Duration.TotalSeconds;
        var rates = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            rates.Add(await PgbenchTpsAsync(database, script, $"-c {s.Connections} -T {seconds}"));
        }

        return (rates.Order().ElementAt(1), rates, $"pgbench -n -c {s.Connections} -j 1 -T {seconds} -f commit_limit_insert.sql (one INSERT), CPU 0");
    }

    /// <summary>A file of bench/sql, from <c>--sql-dir</c> where the script names it (it runs from elsewhere).</summary>
    private static string SqlFile(Options o, string name) => Path.Combine(o.Get("--sql-dir") ?? "bench/sql", name);

    /// <summary>One pgbench run of <paramref name="script"/> against the database, on CPU 0 (the server is on CPU 1): its transactions a second.</summary>
    private static async Task<double> PgbenchTpsAsync(DatabaseOptions database, string script, string flags)
    {
        var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var output = await RunProcessAsync("taskset", $"-c 0 pgbench -n -j 1 {flags} -f {script} -h {cs.Host} -p {cs.Port} -U {cs.Username} {cs.Database}");
        var line = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunProcessAsync(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed: {await stderr}");
        }

        return await stdout;
    }

    /// <summary>
    /// W3's pages, timed at 5 concurrent managers and leaders, each beside its hand-written SQL peer (bench/sql/w3_*.sql)
    /// run against the same database in the same run and timed the same way (<see cref="W3Peers"/>). The caseload profile's
    /// peer is the row's ratio; the team manager page's ratio to its limit is one of the row's checks. The inspection readiness and
    /// timeliness pages (issue 6's performance point) are timed in the notes.
    /// </summary>
    public static async Task<WorkloadResult> W3Async(IServiceProvider sp, LoadTool tool, Uri baseUrl, string password, Settings s, DatabaseOptions database, Options o)
    {
        const int clients = 5;
        // The demo scales name their accounts "manager" and "leader"; the national dataset numbers one per provider
        // ("manager01", "leader01", ...): the first provider's are used.
        string leaderName, managerName;
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
            async Task<string> AccountAsync(string prefix, StaffGrade grade) =>
                await db.Staff.Where(x => x.UserName != null && x.Grade == grade && x.UserName.StartsWith(prefix))
                    .OrderBy(x => x.UserName!.Length).ThenBy(x => x.UserName).Select(x => x.UserName!).FirstAsync();
            leaderName = await AccountAsync("leader", StaffGrade.SeniorLeader);
            managerName = await AccountAsync("manager", StaffGrade.TeamManager);
        }

        var manager = await Runner.SignInAsync(baseUrl, managerName, password);
        var leader = await Runner.SignInAsync(baseUrl, leaderName, password);
        using var client = new HttpClient { BaseAddress = baseUrl };
        async Task<string> GetAsync(string path, string cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
        }

        var team = System.Text.RegularExpressions.Regex.Match(await GetAsync("/", manager), "/teams/(\\d+)/oversight").Groups[1].Value;
        int providerId;
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
            providerId = await db.Staff.Where(x => x.UserName == leaderName).Select(x => x.ProviderId!.Value).SingleAsync();
        }

        var parameters = new Dictionary<string, string>
        {
            ["provider"] = providerId.ToString(CultureInfo.InvariantCulture),
            ["on"] = Probation.Application.UkClock.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (team.Length > 0)
        {
            parameters["team"] = team;
        }

        var timed = s with { WarmUp = TimeSpan.FromSeconds(Math.Min(s.WarmUp.TotalSeconds, 2)), WarmUpLimit = TimeSpan.FromSeconds(Math.Min(s.WarmUp.TotalSeconds, 2)), Duration = TimeSpan.FromSeconds(s.Smoke ? 3 : Math.Min(s.Duration.TotalSeconds, 10)) };
        string Line(string name, Measured m) =>
            $"{name} at {clients} connections: {m.Median.PerSecond:0.0} req/s, p50 {m.Median.P50Ms:0} ms, p95 {m.Median.P95Ms:0} ms, p99 {m.Median.P99Ms:0} ms, errors {m.Errors}";
        var notes = new List<string>();

        // The team manager page: timed beside its limit, the records its counts are computed from read by SQL
        // (w3_team_source), and beside the same figures read straight from the kept statuses (w3_team), which is the
        // page's cost over its own kept data.
        var checks = new List<Check>();
        if (team.Length == 0)
        {
            notes.Add("team manager page: no team link on the manager's home page");
            checks.Add(new Check("team manager page measured", false, "no team link on the manager's home page"));
        }
        else
        {
            var teamPage = await tool.MeasureAsync([new Target($"/teams/{team}/oversight", manager)], clients, timed);
            notes.Add(Line("team manager page", teamPage));
            checks.Add(new Check($"team manager page p95 ≤ 500 ms at {clients} connections", teamPage.Median.P95Ms <= 500, $"{teamPage.Median.P95Ms:0} ms"));
            if (W3Peers.File(o.Get("--sql-dir"), "team_source", database.Provider) is { } sourceFile)
            {
                var source = await W3Peers.MeasureAsync(sourceFile, database, parameters, clients, timed);
                var teamRatio = teamPage.Median.P50Ms / source.Measured.Median.P50Ms;
                notes.Add($"team manager page's limit, the records its counts are computed from read by SQL ({source.Tool}; "
                    + string.Join(", ", source.Rows.Select(r => $"{r.Table} {r.Count:N0}")) + $" rows): p50 {source.Measured.Median.P50Ms:0} ms, p95 {source.Measured.Median.P95Ms:0} ms, page ÷ SQL {teamRatio:0.00}×");
                checks.Add(new Check("team manager page ≤ 1.25× the SQL reading its counts' records (p50)", teamRatio <= 1.25 && source.Measured.Errors == 0, $"{teamRatio:0.00}×"));
            }
            else
            {
                checks.Add(new Check("team manager page ≤ 1.25× the SQL reading its counts' records (p50)", false, "the peer w3_team_source is missing"));
            }

            if (W3Peers.File(o.Get("--sql-dir"), "team", database.Provider) is { } teamFile)
            {
                var peer = await W3Peers.MeasureAsync(teamFile, database, parameters, clients, timed);
                var teamJson = await GetAsync($"/api/v1/oversight/teams/{team}", manager);
                var (teamAgree, teamDetail) = teamJson.Length == 0
                    ? (false, "the page's figures could not be read from the API")
                    : W3Peers.CompareTeam(JsonDocument.Parse(teamJson).RootElement, peer.Rows);
                notes.Add($"team manager page's figures read straight from the kept statuses ({peer.Tool}): p50 {peer.Measured.Median.P50Ms:0} ms, p95 {peer.Measured.Median.P95Ms:0} ms, page ÷ SQL {teamPage.Median.P50Ms / peer.Measured.Median.P50Ms:0.00}×");
                checks.Add(new Check("the kept statuses read by SQL give the team page's figures", teamAgree, teamDetail));
            }
        }

        // The caseload profile beside its peer: the workload's ratio.
        var profilePage = await tool.MeasureAsync([new Target("/reports/caseload-profile", leader)], clients, timed);
        notes.Add(Line("caseload profile", profilePage));
        var profileJson = await GetAsync("/api/v1/reports/caseload-profile", leader);
        var yesterday = Probation.Application.UkClock.Today(TimeProvider.System).AddDays(-1);
        notes.Add(Line("caseload profile counted live (yesterday, not pre-computed)",
            await tool.MeasureAsync([new Target($"/reports/caseload-profile?On.Day={yesterday.Day}&On.Month={yesterday.Month}&On.Year={yesterday.Year}", leader)], clients, timed)));
        foreach (var (name, path) in new[] { ("inspection readiness", "/reports/inspection-readiness"), ("timeliness", "/reports/timeliness") })
        {
            notes.Add(Line(name, await tool.MeasureAsync([new Target(path, leader)], clients, timed)));
        }

        const string target = "≤ 1.25× the raw SQL; p95 ≤ 500 ms";
        const string name3 = "team manager page and caseload profile";
        if (W3Peers.File(o.Get("--sql-dir"), "caseload_profile", database.Provider) is not { } file)
        {
            return new WorkloadResult("W3", name3, tool.Describe(clients, timed.Duration), null, null, null, null, null, null, profilePage.Errors, null,
                target, null, [], NotMeasured: "the caseload profile's SQL peer is missing", Notes: string.Join("; ", notes));
        }

        var sql = await W3Peers.MeasureAsync(file, database, parameters, clients, timed);
        var (agree, detail) = profileJson.Length == 0
            ? (false, "the page's figures could not be read from the API")
            : W3Peers.Compare(JsonDocument.Parse(profileJson).RootElement, sql.Rows);
        var page = profilePage.Median;
        var ratio = page.P50Ms / sql.Measured.Median.P50Ms;
        notes.Add($"caseload profile's SQL peer: {sql.Measured.Median.PerSecond:0.0} queries/s, p50 {sql.Measured.Median.P50Ms:0} ms, p95 {sql.Measured.Median.P95Ms:0} ms, p99 {sql.Measured.Median.P99Ms:0} ms; "
            + "runs (p50 ms) page " + string.Join(", ", profilePage.Runs.Select(r => r.P50Ms.ToString("0", CultureInfo.InvariantCulture)))
            + ", SQL " + string.Join(", ", sql.Measured.Runs.Select(r => r.P50Ms.ToString("0", CultureInfo.InvariantCulture))));
        return new WorkloadResult("W3", name3,
            tool.Describe(clients, timed.Duration) + "; limit: " + sql.Tool,
            "hand-written SQL of the caseload profile, p50 ms", sql.Measured.Median.P50Ms, "ms p50", page.P50Ms, Of(page), Of(sql.Measured.Median),
            profilePage.Errors + sql.Measured.Errors, ratio, target, RatioToTarget(ratio, 1.25, false),
            [
                new Check("caseload profile ≤ 1.25× the raw SQL (p50)", ratio <= 1.25, $"{ratio:0.00}×"),
                new Check($"caseload profile p95 ≤ 500 ms at {clients} connections", page.P95Ms <= 500, $"{page.P95Ms:0} ms"),
                new Check("the SQL computes the page's figures", agree, detail),
                .. checks,
            ],
            Notes: string.Join("; ", notes), Runs: profilePage.Runs, LimitRuns: sql.Measured.Runs);
    }

    /// <summary>
    /// W4 in-process: every case of the largest provider read with the columns the safety net and the team page's counts
    /// read (the read behind each kept case status, ADR 0014), then the same read followed by computing each case's status.
    /// </summary>
    public static async Task<WorkloadResult> W4Async(IServiceProvider sp, Settings s, DatabaseOptions database)
    {
        int providerId;
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
            providerId = await db.People.GroupBy(p => p.ProviderId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        }

        async Task<(double Seconds, int Cases, int Alerts)> PassAsync(bool evaluate)
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
            var statuses = scope.ServiceProvider.GetRequiredService<Probation.Application.Supervision.CaseStatuses>();
            var today = Probation.Application.UkClock.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
            var ids = await db.People.AsNoTracking().Where(p => p.ProviderId == providerId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            var watch = Stopwatch.StartNew();
            var alerts = 0;
            foreach (var chunk in ids.Chunk(Probation.Application.Supervision.CaseStatuses.BatchSize))
            {
                var first = chunk[0];
                var last = chunk[^1];
                var people = db.People.Where(p => p.ProviderId == providerId && p.Id >= first && p.Id <= last);
                if (evaluate)
                {
                    alerts += (await statuses.ComputeAsync(people, today, default)).Sum(x => x.Alerts.Count);
                }
                else
                {
                    await statuses.ReadAsync(people, today, default);
                }
            }

            return (watch.Elapsed.TotalSeconds, ids.Count, alerts);
        }

        await PassAsync(true);
        var reads = new List<double>();
        var evals = new List<double>();
        var cases = 0;
        var alertCount = 0;
        for (var r = 0; r < 3; r++)
        {
            reads.Add((await PassAsync(false)).Seconds);
            var e = await PassAsync(true);
            evals.Add(e.Seconds);
            cases = e.Cases;
            alertCount = e.Alerts;
        }

        var read = reads.Order().ElementAt(1);
        var eval = evals.Order().ElementAt(1);
        var ratio = eval / read;
        var perSecond = cases / eval;
        return new WorkloadResult("W4", $"alert evaluation for a whole provider ({cases:N0} cases)", "in-process (CaseStatuses: projected read, then CaseStatus.Compute), 3 runs, median",
            "reading the same rows, s", read, "s", eval, null, null, 0, ratio, "≤ 1.5× the read; ≥ 10,000 cases/s", RatioToTarget(ratio, 1.5, false),
            [
                new Check("≤ 1.5× the read time", ratio <= 1.5, $"{ratio:0.00}×"),
                new Check("≥ 10,000 cases/s", perSecond >= 10_000, $"{perSecond:N0} cases/s, {alertCount:N0} alerts"),
            ],
            Notes: $"read runs {string.Join(", ", reads.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))} s; read+evaluate runs {string.Join(", ", evals.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))} s"
                + (database.Provider == DatabaseProvider.Postgres ? await ContactsFloorNoteAsync(database, providerId, cases) : string.Empty));
    }

    /// <summary>
    /// The floor under W4 on PostgreSQL: the contact rows the rules read for the provider (the bulk of every read),
    /// streamed out by binary COPY and thrown away, three times, the median kept. Nothing that reads them can go faster.
    /// </summary>
    private static async Task<string> ContactsFloorNoteAsync(DatabaseOptions database, int providerId, int cases)
    {
        var times = new List<double>();
        long rows = 0;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var read = $"""SELECT c."PersonId", c."On", c."Kind", c."Outcome", c."Decision" FROM "Contacts" AS c JOIN "People" AS p ON p."Id" = c."PersonId" WHERE p."ProviderId" = {providerId} AND c."On" <= current_date""";
        var buffer = new byte[1 << 16];
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            await using (var copy = await connection.BeginRawBinaryCopyAsync($"COPY ({read}) TO STDOUT (FORMAT BINARY)"))
            {
                while (await copy.ReadAsync(buffer, 0, buffer.Length) > 0)
                {
                }
            }

            times.Add(watch.Elapsed.TotalSeconds);
        }

        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM ({read}) AS r", connection))
        {
            rows = (long)(await count.ExecuteScalarAsync())!;
        }

        var floor = times.Order().ElementAt(1);
        return string.Create(CultureInfo.InvariantCulture,
            $"; the floor: the provider's {rows:N0} contact rows the rules read, streamed by binary COPY and discarded, take {floor:0.00} s (runs {string.Join(", ", times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))}), so at most {cases / floor:N0} cases/s by any reader of them on this machine");
    }

    /// <summary>W5 comes from the national loader's own measurement (seed --measure-copy --json); never a made-up figure.</summary>
    public static WorkloadResult W5(Options o)
    {
        const string target = "≥ 50% of the COPY rate";
        if (o.Get("--copy-json") is not { } file || !File.Exists(file))
        {
            return new WorkloadResult("W5", "national dataset load", "seed --scale national --measure-copy", null, null, null, null, null, null, 0, null, target, null, [],
                NotMeasured: "loader not present");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var rows = doc.RootElement.GetProperty("rowsPerSecond").GetDouble();
        var copy = doc.RootElement.GetProperty("copyRowsPerSecond").GetDouble();
        var ratio = rows / copy;
        return new WorkloadResult("W5", "national dataset load", "seed --scale national --measure-copy", "PostgreSQL COPY from a file, rows/s", copy, "rows/s", rows, null, null, 0, ratio,
            target, RatioToTarget(ratio, 0.5, true), [new Check("≥ 50% of COPY", ratio >= 0.5, $"{ratio:P0}")]);
    }

    /// <summary>W6 in-process: a stratified sample from 20,000 cases, and the ratings of a 100-case inspection from its case answers.</summary>
    public static WorkloadResult W6(Settings s)
    {
        var random = new Random(2019);
        string[] genders = ["Male", "Female"];
        string[] disposals = ["CommunityOrder", "SuspendedSentenceOrder", "Licence", "PostSentenceSupervision"];
        string[] rosh = ["Low", "Medium", "High", "VeryHigh"];
        var population = Enumerable.Range(0, 20_000)
            .Select(i => (Crn: $"X{i:D6}", Stratum: $"{genders[random.Next(10) < 8 ? 0 : 1]}|{disposals[random.Next(4)]}|{rosh[random.Next(4)]}"))
            .ToList();
        var size = Sampling.SampleSize(population.Count);
        var framework = Frameworks.Default;
        var caseStandards = Frameworks.CrcCaseStandards;
        var caseIds = caseStandards.Select(c => c.Id).ToHashSet();
        var answers = Enumerable.Range(0, 100)
            .Select(_ => caseStandards.SelectMany(st => st.KeyQuestions).ToDictionary(k => k.Id, _ => random.Next(100) switch { < 60 => 'y', < 95 => 'n', _ => '-' }))
            .ToList();

        RatingsResult? Rate()
        {
            var inputs = framework.Standards.Where(st => framework.Domains.Any(d => d.Number == st.Domain && d.ProviderTypes.Contains(ProviderType.Crc)))
                .Select(st => caseIds.Contains(st.Id)
                    ? new StandardInput(st.Id, KeyQuestions: st.KeyQuestions.Select(k => new KeyQuestionCount(
                        k.Id, answers.Count(a => a[k.Id] == 'y'), answers.Count(a => a[k.Id] == 'n'), answers.Count(a => a[k.Id] == '-'))).ToList())
                    : new StandardInput(st.Id, Rating.Good))
                .ToList();
            var (result, errors) = Ratings.Calculate(framework, ProviderType.Crc, inputs);
            return errors.Count > 0 ? throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Field + ": " + e.Message))) : result;
        }

        int Draw(int seed) => Sampling.Draw(population, p => p.Stratum, p => p.Crn, size, seed).Sample.Count;

        var iterations = s.Smoke ? 20 : 100;
        var (sample, sampleCount) = Time(i => Draw(i), iterations);
        var (ratings, overall) = Time(_ => Rate()!.TotalScore, iterations * 5);
        var ratio = sample.P95Ms / 200;
        var ratingsRatio = ratings.P95Ms / 20;
        return new WorkloadResult("W6", $"inspection: stratified sample of {sampleCount} from 20,000, ratings of a 100-case inspection", $"in-process Stopwatch, {iterations} draws and {iterations * 5} ratings after warm-up",
            null, null, "ms (p95 sample)", sample.P95Ms, sample, ratings, 0, ratio, "sample ≤ 200 ms; ratings ≤ 20 ms", RatioToTarget(Math.Max(ratio, ratingsRatio), 1, false),
            [
                new Check("sample ≤ 200 ms", sample.P95Ms <= 200, $"p95 {sample.P95Ms:0.00} ms"),
                new Check("ratings ≤ 20 ms", ratings.P95Ms <= 20, $"p95 {ratings.P95Ms:0.000} ms, total score {overall}"),
            ],
            Notes: "ratio here is p95 ÷ target (no limit); the limit latency column of the JSON holds the ratings' p50/p95/p99");
    }

    private static (Latency, int) Time(Func<int, int> work, int iterations)
    {
        var last = 0;
        for (var i = 0; i < 5; i++)
        {
            last = work(i);
        }

        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            last = work(i + 100);
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(times);
        return (new Latency(LoadTool.Percentile(times, 0.5), LoadTool.Percentile(times, 0.95), LoadTool.Percentile(times, 0.99)), last);
    }

    /// <summary>W7: bytes transferred and LCP of the caseload page vs the bare GOV.UK page, headless Chromium, a fresh (empty-cache) context per load, 3 loads each, median.</summary>
    public static async Task<WorkloadResult> W7Async(Uri baseUrl, BenchUser officer)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
        });

        async Task<(double Bytes, double LcpMs, string Timing)> LoadAsync(string path, string? cookie)
        {
            await using var context = await browser.NewContextAsync();
            if (cookie is not null)
            {
                await context.AddCookiesAsync(cookie.Split("; ").Select(c => c.Split('=', 2)).Select(kv => new Cookie { Name = kv[0], Value = kv[1], Url = baseUrl.ToString() }));
            }

            var page = await context.NewPageAsync();
            var finished = new List<IRequest>();
            page.RequestFinished += (_, r) => finished.Add(r);
            var response = await page.GotoAsync(new Uri(baseUrl, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            if (response is null || response.Status != 200)
            {
                throw new InvalidOperationException($"{path} answered {response?.Status}");
            }

            var lcp = await page.EvaluateAsync<double>("""
                () => new Promise(resolve => {
                  new PerformanceObserver(list => {
                    const entries = list.getEntries();
                    resolve(entries[entries.length - 1].startTime);
                  }).observe({ type: 'largest-contentful-paint', buffered: true });
                  setTimeout(() => resolve(-1), 3000);
                })
                """);

            // Where the time went: the document's response, parsing, the largest paint's element, and the first paint.
            var timing = await page.EvaluateAsync<string>("""
                () => new Promise(resolve => {
                  new PerformanceObserver(list => {
                    const entries = list.getEntries();
                    const last = entries[entries.length - 1];
                    const n = performance.getEntriesByType('navigation')[0];
                    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                    const el = last.element ? last.element.tagName.toLowerCase() + (last.element.className ? '.' + String(last.element.className).split(' ')[0] : '') : '?';
                    resolve(`response ${n.responseStart.toFixed(0)}–${n.responseEnd.toFixed(0)} ms, DOM ready ${n.domContentLoadedEventEnd.toFixed(0)} ms, first paint ${fcp ? fcp.startTime.toFixed(0) : '?'} ms, largest paint ${el} (${entries.length} candidates)`);
                  }).observe({ type: 'largest-contentful-paint', buffered: true });
                  setTimeout(() => resolve('no timing'), 3000);
                })
                """);

            // Bytes on the wire as the browser's network layer counts them (headers and bodies of the document and every asset).
            double bytes = 0;
            foreach (var r in finished.ToList())
            {
                if (await r.ResponseAsync() is { Status: not (200 or 304) } failed)
                {
                    throw new InvalidOperationException($"{r.Url} answered {failed.Status}: the page's assets must load for its weight to mean anything");
                }

                var sizes = await r.SizesAsync();
                bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            }

            return (bytes, lcp, timing);
        }

        var pages = new List<(double Bytes, double LcpMs, string Timing)>();
        var bares = new List<(double Bytes, double LcpMs, string Timing)>();
        await LoadAsync("/bench/govuk", null);
        for (var i = 0; i < 3; i++)
        {
            bares.Add(await LoadAsync("/bench/govuk", null));
            pages.Add(await LoadAsync("/", officer.Cookie));
        }

        var bytes = pages.Select(p => p.Bytes).Order().ElementAt(1);
        var bareBytes = bares.Select(p => p.Bytes).Order().ElementAt(1);
        var lcp = pages.Select(p => p.LcpMs).Order().ElementAt(1);
        var bareLcp = bares.Select(p => p.LcpMs).Order().ElementAt(1);
        var timings = "caseload page loads: " + string.Join("; ", pages.Select(p => $"LCP {p.LcpMs:0} ms ({p.Timing})"))
            + ". Bare page loads: " + string.Join("; ", bares.Select(p => $"LCP {p.LcpMs:0} ms ({p.Timing})"));
        var ratio = bytes / bareBytes;
        return new WorkloadResult("W7", "caseload page weight and LCP, headless Chromium", "Playwright .NET driving /usr/bin/chromium, fresh context per load, 3 loads, median",
            "bare GOV.UK page, bytes", bareBytes, "bytes", bytes, null, null, 0, ratio, "≤ 1.5× the bare page's bytes; LCP ≤ 1 s", RatioToTarget(ratio, 1.5, false),
            [
                new Check("bytes ≤ 1.5× bare", ratio <= 1.5, $"{bytes:N0} vs {bareBytes:N0} bytes"),
                new Check("LCP ≤ 1 s", lcp is > 0 and <= 1000, $"{lcp:0} ms (bare page {bareLcp:0} ms)"),
            ], Notes: timings);
    }
}
