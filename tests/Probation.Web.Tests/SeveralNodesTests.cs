using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Probation.Application;
using Probation.Application.Common;
using Probation.Application.Reports;
using Probation.Application.Supervision;
using Probation.Testing;
using Xunit.Sdk;
using Xunit.v3;

namespace Probation.Web.Tests;

/// <summary>
/// One PostgreSQL database with the demo provider, seeded by a first node ("node-a") that stays up for the tests; its
/// own scheduled jobs are off, so each test decides which nodes run them.
/// </summary>
public sealed class SeveralNodesDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public Store? Store { get; private set; }

    public AppProcess? First { get; private set; }

    public TimeSpan SeedTime { get; private set; }

    /// <summary>
    /// Two nodes still up after the kill test (the node that took the run over, and the killed node started again), both
    /// behind the loopback load balancer: the sign-in test uses them as its other two nodes rather than start two more.
    /// </summary>
    public AppProcess[]? Others { get; set; }

    public async ValueTask InitializeAsync()
    {
        _database = TestDatabase.Postgres();
        if (_database is null)
        {
            return;
        }

        Store = new Store(_database.Provider, _database.ConnectionString);
        var watch = Stopwatch.StartNew();
        First = await AppProcess.StartAsync(Settings("node-a", seedDemo: true, jobs: false));
        SeedTime = watch.Elapsed;
    }

    /// <summary>
    /// A node's settings: the stamp check every 2 s (so that revocation reaches every node quickly), its jobs on or off,
    /// and its log as JSON lines, with each job run's start, end, takeover or leaving (Debug) in it.
    /// </summary>
    public Dictionary<string, string> Settings(string node, bool seedDemo = false, bool jobs = true)
    {
        var settings = AppProcess.Settings("Postgres", Store!.ConnectionString, seedDemo);
        settings["Jobs__Node"] = node;
        settings["CaseStatus__RefreshDaily"] = jobs ? "true" : "false";
        settings["Reports__DailyAggregates__Enabled"] = jobs ? "true" : "false";
        settings["Session__StampCheckInterval"] = SeveralNodesTests.StampCheck.ToString();
        settings["Logging__Console__FormatterName"] = "json";
        settings["Logging__LogLevel__Probation.Application"] = "Information";
        settings["Logging__LogLevel__Probation.Application.Common.JobRuns"] = "Debug";
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Others ?? [])
        {
            await node.DisposeAsync();
        }

        if (First is not null)
        {
            await First.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// Two or three nodes of the app, each its own process on its own port, on one PostgreSQL database: a sign-in on one
/// node is good on every other (cookie, antiforgery token, bearer token) and a disabled account is refused on every
/// node within the stamp check interval; each scheduled job runs once a slot across the nodes; and a node killed part
/// way through a run leaves whole batches, which another node completes once the dead node's lease has run out.
/// </summary>
[Trait("Database", "Postgres")]
[TestMethodOrderer(typeof(SeveralNodesOrder))]
public sealed partial class SeveralNodesTests(SeveralNodesDatabase db) : IClassFixture<SeveralNodesDatabase>
{
    /// <summary>
    /// The kill test first, as its two nodes are left up for the sign-in test (which starts two of its own when they are
    /// not there); the slots test last.
    /// </summary>
    public static readonly string[] Order =
    [
        nameof(ANodeKilledPartWayThroughARun_LeavesWholeBatches_AndAnotherNodeFinishesTheRunOnceTheLeaseRunsOut),
        nameof(ASignInOnOneNode_IsGoodOnEveryOther_AndADisabledAccountIsRefusedOnEveryNodeWithinTheStampCheck),
        nameof(ThreeNodes_RunEachJobOnceASlot),
    ];

    public static readonly TimeSpan StampCheck = TimeSpan.FromSeconds(2);

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void SkipIfUnavailable() => Assert.SkipUnless(db.First is not null, TestDatabase.SkipReason);

    private static async Task<AppProcess[]> StartAsync(params Dictionary<string, string>[] settings) =>
        await Task.WhenAll(settings.Select(s => AppProcess.StartAsync(s)));

    // ---- Sign-in across nodes ----

    private static HttpClient Bare(AppProcess node) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    private static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    /// <summary>Signs in through the sign-in page of <paramref name="node"/>; returns the session cookie.</summary>
    private static async Task<string> SignInAsync(AppProcess node, string userName) => (await SignInAsync(node, userName, forwardedProto: null)).Cookie;

    /// <summary>Signs in, as through a load balancer that says what scheme the client used; returns the session cookie and whether it was marked Secure.</summary>
    private static async Task<(string Cookie, bool Secure)> SignInAsync(AppProcess node, string userName, string? forwardedProto)
    {
        using var client = Bare(node);
        using var form = await client.GetAsync("/sign-in", Ct);
        var antiforgery = Cookies(form).Single(c => c.StartsWith("probation.antiforgery=", StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = TestUsers.Password,
                ["__RequestVerificationToken"] = Token(await form.Content.ReadAsStringAsync(Ct)),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        if (forwardedProto is not null)
        {
            post.Headers.Add("X-Forwarded-Proto", forwardedProto);
            post.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }

        using var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("probation.session=", StringComparison.Ordinal));
        return (cookie.Split(';')[0], cookie.Split(';').Any(p => p.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<HttpResponseMessage> GetAsync(AppProcess node, string path, string? cookie = null, string? bearer = null)
    {
        using var client = Bare(node);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<string> BearerAsync(AppProcess node, string userName)
    {
        using var client = Bare(node);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = TestUsers.Password }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ProbationAppFactory.TokenBody>(Ct))!.AccessToken;
    }

    [Fact]
    public async Task ASignInOnOneNode_IsGoodOnEveryOther_AndADisabledAccountIsRefusedOnEveryNodeWithinTheStampCheck()
    {
        SkipIfUnavailable();
        Log($"node-a seeded the demo provider and answered in {db.SeedTime.TotalSeconds:0.0} s");
        var watch = Stopwatch.StartNew();
        var kept = db.Others is not null;
        var started = db.Others ?? await StartAsync(BehindProxy(db.Settings("node-b", jobs: false)), BehindProxy(db.Settings("node-c", jobs: false)));
        db.Others = null;
        await using var b = started[0];
        await using var c = started[1];
        var a = db.First!;
        Log(kept
            ? "node-b and node-c are the kill test's two nodes, still up (today's run done there, so their jobs are idle)"
            : $"node-b and node-c answered in {watch.Elapsed.TotalSeconds:0.0} s");

        // A page that needs sign-in: each node sends a stranger to sign in, and shows it with node-a's cookie.
        await using var context = db.Store!.Context();
        var officer = await context.Staff.Where(s => s.UserName == "po").Select(s => s.Id).SingleAsync(Ct);
        var person = await context.People.Where(p => p.ResponsibleOfficerId == officer).OrderBy(p => p.Id).Select(p => new { p.Id, p.Crn }).FirstAsync(Ct);
        var crn = person.Crn.Value;
        var casePath = $"/cases/{crn.ToLowerInvariant()}";
        var session = await SignInAsync(a, "po");
        foreach (var node in new[] { b, c })
        {
            using var stranger = await GetAsync(node, casePath);
            Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
            using var page = await GetAsync(node, casePath, session);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Signed in as </span>po<", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // A form opened on node-a (its antiforgery cookie and token) is posted to node-b, and saved.
        var contactsPath = casePath + "/contacts";
        using var opened = await GetAsync(a, contactsPath, session);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var antiforgery = Cookies(opened).Single(c => c.StartsWith("probation.antiforgery=", StringComparison.Ordinal));
        var html = await opened.Content.ReadAsStringAsync(Ct);
        var yesterday = TimeProvider.System.Today().AddDays(-1);
        var form = new Dictionary<string, string>
        {
            ["Input.Version"] = VersionField().Match(html).Groups[1].Value,
            ["Input.On.Day"] = yesterday.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.On.Month"] = yesterday.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.On.Year"] = yesterday.Year.ToString(CultureInfo.InvariantCulture),
            ["Input.Kind"] = "Phone",
            ["Input.Outcome"] = "AttendedAndComplied",
        };
        var contactsBefore = await context.Contacts.CountAsync(x => x.PersonId == person.Id, Ct);

        async Task<HttpStatusCode> PostAsync(AppProcess node, bool withToken)
        {
            using var client = Bare(node);
            var fields = new Dictionary<string, string>(form);
            if (withToken)
            {
                fields["__RequestVerificationToken"] = Token(html);
            }

            using var post = new HttpRequestMessage(HttpMethod.Post, contactsPath) { Content = new FormUrlEncodedContent(fields) };
            post.Headers.Add("Cookie", session + "; " + antiforgery);
            using var response = await client.SendAsync(post, Ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(c, withToken: false)); // the token is checked
        Assert.Equal(HttpStatusCode.Redirect, await PostAsync(b, withToken: true));
        Assert.Equal(contactsBefore + 1, await context.Contacts.CountAsync(x => x.PersonId == person.Id, Ct));

        // A bearer token from node-a is good on node-b and node-c.
        var bearer = await BearerAsync(a, "po");
        foreach (var node in new[] { b, c })
        {
            using var read = await GetAsync(node, $"/api/v1/cases/{crn}", bearer: bearer);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // Behind a load balancer that ends TLS: node-b trusts it (Proxy:KnownProxies), so the session cookie is marked
        // Secure for the client's HTTPS; node-a names no proxy and ignores the same headers from anyone.
        Assert.True((await SignInAsync(b, "po", forwardedProto: "https")).Secure);
        Assert.False((await SignInAsync(a, "po", forwardedProto: "https")).Secure);

        // An account disabled on node-a: its token and session are refused on every node within the stamp check.
        var caseadminToken = await BearerAsync(a, "caseadmin");
        var caseadminSession = await SignInAsync(a, "caseadmin");
        var all = new[] { a, b, c };
        foreach (var node in all)
        {
            // Each node has checked them, and keeps them as checked for the interval.
            using var api = await GetAsync(node, "/api/v1/teams", bearer: caseadminToken);
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            using var page = await GetAsync(node, "/", caseadminSession);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var admin = await BearerAsync(a, "admin");
        using (var client = Bare(a))
        {
            using var disable = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts/caseadmin/disable");
            disable.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", admin);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(disable, Ct)).StatusCode);
        }

        var disabled = Stopwatch.StartNew();
        var refused = new Dictionary<string, TimeSpan>();
        var names = new Dictionary<AppProcess, string> { [a] = "node-a", [b] = "node-b", [c] = "node-c" };
        while (refused.Count < 6 && disabled.Elapsed < StampCheck + TimeSpan.FromSeconds(10))
        {
            foreach (var node in all)
            {
                if (!refused.ContainsKey(names[node] + " token"))
                {
                    using var api = await GetAsync(node, "/api/v1/teams", bearer: caseadminToken);
                    if (api.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        refused[names[node] + " token"] = disabled.Elapsed;
                    }
                }

                if (!refused.ContainsKey(names[node] + " session"))
                {
                    using var page = await GetAsync(node, "/", caseadminSession);
                    if (page.StatusCode == HttpStatusCode.Redirect)
                    {
                        refused[names[node] + " session"] = disabled.Elapsed;
                    }
                }
            }

            await Task.Delay(100, Ct);
        }

        Log($"Disabled account refused (stamp check {StampCheck.TotalSeconds:0} s): " + string.Join(", ", refused.OrderBy(r => r.Key).Select(r => $"{r.Key} after {r.Value.TotalSeconds:0.0} s")));
        Assert.Equal(6, refused.Count);

        // Within the interval, give or take a request's time on a busy machine.
        Assert.All(refused, r => Assert.True(r.Value <= StampCheck + TimeSpan.FromSeconds(1.5), $"{r.Key} was still good {r.Value.TotalSeconds:0.0} s after the account was disabled"));
        using (var other = await GetAsync(c, "/api/v1/teams", bearer: bearer))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode); // everyone else carries on
        }
    }

    /// <summary>The settings of a node behind a load balancer on the loopback address.</summary>
    private static Dictionary<string, string> BehindProxy(Dictionary<string, string> settings)
    {
        settings["Proxy__KnownProxies__0"] = "127.0.0.1";
        return settings;
    }

    // ---- Scheduled jobs ----

    /// <summary>One line of a node's JSON log.</summary>
    private sealed record LogLine(string Node, int EventId, string Category, JsonElement State)
    {
        public string Text(string name) => State.TryGetProperty(name, out var v) ? v.ToString() : "";
    }

    private static List<LogLine> Lines(string node, AppProcess process)
    {
        var lines = new List<LogLine>();
        foreach (var text in process.Log.Split('\n'))
        {
            if (!text.StartsWith('{'))
            {
                continue;
            }

            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            lines.Add(new LogLine(node, root.GetProperty("EventId").GetInt32(), root.GetProperty("Category").GetString()!, root.GetProperty("State").Clone()));
        }

        return lines;
    }

    private const string JobRunsCategory = "Probation.Application.Common.JobRuns";

    private static class JobEvent
    {
        public const int Started = 1;
        public const int Finished = 2;
        public const int TakenOver = 4;
        public const int LeftToAnotherNode = 5;
        public const int AlreadyFinished = 6;
    }

    private static IEnumerable<LogLine> JobLines(IEnumerable<LogLine> lines, int eventId) =>
        lines.Where(l => l.Category == JobRunsCategory && l.EventId == eventId);

    private static string SlotText(DateTime slot) => JobRuns.Slot(slot);

    [Fact]
    public async Task ThreeNodes_RunEachJobOnceASlot()
    {
        SkipIfUnavailable();
        var period = TimeSpan.FromSeconds(10);
        var schedule = JobSchedule.Every(period);
        var names = new[] { "node-1", "node-2", "node-3" };
        var watch = Stopwatch.StartNew();
        var started = await StartAsync(names.Select(n => Every(db.Settings(n), period)).ToArray());
        var nodes = names.Zip(started).ToDictionary(p => p.First, p => p.Second);
        try
        {
            var allUp = DateTimeOffset.UtcNow;
            Log($"Three nodes answered in {watch.Elapsed.TotalSeconds:0.0} s, slots of {period.TotalSeconds:0} s");

            // Two whole slots after every node is up, each run of both jobs in them finished.
            var window = Enumerable.Range(1, 2).Select(i => schedule.SlotAt(allUp) + (period * i)).ToList();
            var jobs = new[] { CaseStatusRefresher.JobName, ReportAggregatesRefresher.JobName };
            List<JobRun> rows = [];
            var until = Stopwatch.StartNew();
            while (until.Elapsed < TimeSpan.FromSeconds(120))
            {
                await using var context = db.Store!.Context();
                rows = await context.JobRuns.AsNoTracking().Where(r => names.Contains(r.Node)).ToListAsync(Ct);
                if (window.All(s => jobs.All(j => rows.Any(r => r.Job == j && Utc(r.SlotAtUtc) == s && r.FinishedAtUtc != null))))
                {
                    break;
                }

                await Task.Delay(250, Ct);
            }

            // The logs once the end of every run finished by then is in them: a node writes its log a moment after the row.
            var finished = rows.Where(r => r.FinishedAtUtc is not null).ToList();
            List<LogLine> lines;
            for (var logs = Stopwatch.StartNew(); ; await Task.Delay(100, Ct))
            {
                lines = nodes.SelectMany(n => Lines(n.Key, n.Value)).ToList();
                var ended = JobLines(lines, JobEvent.Finished).Select(l => (l.Text("Job"), l.Text("Slot"))).ToHashSet();
                if (finished.All(r => ended.Contains((r.Job, SlotText(Utc(r.SlotAtUtc))))) || logs.Elapsed > TimeSpan.FromSeconds(30))
                {
                    break;
                }
            }

            Log($"Waited {watch.Elapsed.TotalSeconds:0.0} s in all; {rows.Count} runs recorded by these nodes");
            int Considered(string job, DateTime slot) => lines
                .Where(l => l.Category == JobRunsCategory && l.EventId is JobEvent.Started or JobEvent.LeftToAnotherNode or JobEvent.AlreadyFinished)
                .Where(l => l.Text("Job") == job && l.Text("Slot") == SlotText(slot))
                .Select(l => l.Node).Distinct().Count();
            foreach (var job in jobs)
            {
                foreach (var slot in window)
                {
                    var row = rows.SingleOrDefault(r => r.Job == job && Utc(r.SlotAtUtc) == slot);
                    Assert.True(row is { FinishedAtUtc: not null }, $"{job} has no finished run for the slot {SlotText(slot)}");
                    Assert.Equal((JobRunOutcome.Completed, 1), (row.Outcome!.Value, row.Attempt));
                    Log($"{job} {SlotText(slot)}: run by {row.Node} ({row.Items} items, {(Utc(row.FinishedAtUtc!.Value) - Utc(row.StartedAtUtc)).TotalMilliseconds:0} ms); considered by {Considered(job, slot)} of the 3 nodes");
                }

                // The claim was contended: other nodes came to the job's slots and left them to the node that had them.
                var contended = rows.Where(r => r.Job == job).Count(r => Considered(job, Utc(r.SlotAtUtc)) >= 2);
                Log($"{job}: {contended} of {rows.Count(r => r.Job == job)} slots were considered by two or more nodes");
                Assert.True(contended >= 1, $"No slot of {job} was considered by more than one node");
            }

            // Every run the logs show started once, on the node the database names, and finished there once.
            foreach (var row in finished)
            {
                var slot = SlotText(Utc(row.SlotAtUtc));
                var starts = JobLines(lines, JobEvent.Started).Where(l => l.Text("Job") == row.Job && l.Text("Slot") == slot).ToList();
                var ends = JobLines(lines, JobEvent.Finished).Where(l => l.Text("Job") == row.Job && l.Text("Slot") == slot).ToList();
                Assert.True(starts.Count == 1 && starts[0].Node == row.Node, $"{row.Job} {slot} started {starts.Count} times ({string.Join(", ", starts.Select(s => s.Node))}), recorded for {row.Node}");
                Assert.True(ends.Count == 1 && ends[0].Node == row.Node, $"{row.Job} {slot} finished {ends.Count} times ({string.Join(", ", ends.Select(s => s.Node))}), recorded for {row.Node}");
                Assert.Equal(row.Items!.Value.ToString(CultureInfo.InvariantCulture), ends[0].Text("Items"));
            }

            // No slot started twice anywhere, and each job's own work ran no more often than its runs started.
            var started2 = JobLines(lines, JobEvent.Started).GroupBy(l => (Job: l.Text("Job"), Slot: l.Text("Slot"))).ToList();
            Assert.All(started2, g => Assert.True(g.Count() == 1, $"{g.Key.Job} {g.Key.Slot} started on {string.Join(", ", g.Select(l => l.Node))}"));
            foreach (var (job, category) in new[] { (CaseStatusRefresher.JobName, typeof(CaseStatusRefresher).FullName!), (ReportAggregatesRefresher.JobName, typeof(ReportAggregatesRefresher).FullName!) })
            {
                foreach (var node in names)
                {
                    var work = lines.Count(l => l.Node == node && l.Category == category);
                    var runs = JobLines(lines, JobEvent.Started).Count(l => l.Node == node && l.Text("Job") == job);
                    var ended = JobLines(lines, JobEvent.Finished).Count(l => l.Node == node && l.Text("Job") == job);
                    Assert.InRange(work, ended, runs);
                }
            }

            var byNode = rows.Where(r => r.FinishedAtUtc is not null).GroupBy(r => r.Node).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            Log($"{rows.Count(r => r.FinishedAtUtc is not null)} runs finished over {rows.Select(r => r.SlotAtUtc).Distinct().Count()} slots, each once; runs by node: {string.Join(", ", byNode)}");
        }
        finally
        {
            foreach (var node in nodes.Values)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> Every(Dictionary<string, string> settings, TimeSpan period)
    {
        settings["Jobs__Every"] = period.ToString();
        return settings;
    }

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    [Fact]
    public async Task ANodeKilledPartWayThroughARun_LeavesWholeBatches_AndAnotherNodeFinishesTheRunOnceTheLeaseRunsOut()
    {
        SkipIfUnavailable();
        const int batch = 20;
        var pause = TimeSpan.FromSeconds(0.2);
        var lease = TimeSpan.FromSeconds(3);
        Dictionary<string, string> Slow(string node)
        {
            var settings = db.Settings(node);
            settings["Reports__DailyAggregates__Enabled"] = "false";
            settings["CaseStatus__RefreshBatchSize"] = batch.ToString(CultureInfo.InvariantCulture);
            settings["CaseStatus__RefreshPause"] = pause.ToString();
            settings["Jobs__LeaseDuration"] = lease.ToString();
            return BehindProxy(settings); // for the sign-in test, which goes on with these nodes
        }

        // Today's statuses are gone, as when the day turns; no node has run today's refresh.
        var today = TimeProvider.System.Today();
        var slot = JobSchedule.DailyAt(CaseStatusRefreshOptions.Default.AfterMidnight).SlotAt(DateTimeOffset.UtcNow);
        List<int> people;
        await using (var context = db.Store!.Context())
        {
            await context.CaseStatuses.ExecuteDeleteAsync(Ct);
            await context.JobRuns.Where(r => r.Job == CaseStatusRefresher.JobName && r.SlotAtUtc == slot).ExecuteDeleteAsync(Ct);
            people = await context.People.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(Ct);
        }

        var watch = Stopwatch.StartNew();
        var started = await StartAsync(Slow("node-d"), Slow("node-e"));
        var nodes = new Dictionary<string, AppProcess> { ["node-d"] = started[0], ["node-e"] = started[1] };
        try
        {
            Log($"node-d and node-e answered in {watch.Elapsed.TotalSeconds:0.0} s; {people.Count} cases, {batch} a batch, {pause.TotalSeconds:0.0} s between batches, leases of {lease.TotalSeconds:0} s");

            // Wait until one node holds today's run and has stored a few batches, then kill it.
            JobRun? run = null;
            var computed = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                await using var context = db.Store.Context();
                run = await context.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Job == CaseStatusRefresher.JobName && r.SlotAtUtc == slot, Ct);
                computed = await context.CaseStatuses.CountAsync(s => s.ComputedOn == today, Ct);
                Assert.True(run?.FinishedAtUtc is null, "The run ended before it could be killed");
                if (run is not null && computed >= 2 * batch)
                {
                    break;
                }

                await Task.Delay(100, Ct);
            }

            Assert.True(run is not null && computed >= 2 * batch && computed < people.Count - batch, $"No run part way through to kill ({computed} of {people.Count} computed)");
            var killed = run.Node;
            var survivor = nodes.Keys.Single(n => n != killed);
            nodes[killed].Kill();
            var killedAt = DateTime.UtcNow;

            // At once, in one snapshot: the run is still the dead node's, unfinished, and the statuses are whole batches, in order.
            List<int> stored;
            await using (var connection = new NpgsqlConnection(db.Store.ConnectionString))
            {
                await connection.OpenAsync(Ct);
                await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Ct);
                await using (var read = new NpgsqlCommand("""SELECT "Node", "Attempt", "FinishedAtUtc" IS NULL FROM "JobRuns" WHERE "Job" = @job AND "SlotAtUtc" = @slot""", connection, snapshot))
                {
                    read.Parameters.AddWithValue("job", CaseStatusRefresher.JobName);
                    read.Parameters.AddWithValue("slot", slot);
                    await using var reader = await read.ExecuteReaderAsync(Ct);
                    Assert.True(await reader.ReadAsync(Ct));
                    Assert.Equal((killed, 1, true), (reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2)));
                }

                stored = [];
                await using (var read = new NpgsqlCommand("""SELECT "PersonId" FROM "CaseStatuses" WHERE "ComputedOn" = @today ORDER BY "PersonId" """, connection, snapshot))
                {
                    read.Parameters.AddWithValue("today", today);
                    await using var reader = await read.ExecuteReaderAsync(Ct);
                    while (await reader.ReadAsync(Ct))
                    {
                        stored.Add(reader.GetInt32(0));
                    }
                }
            }

            Log($"{killed} killed (SIGKILL) holding today's run with {stored.Count} of {people.Count} cases stored ({stored.Count / (double)batch:0.##} batches)");
            Assert.Equal(0, stored.Count % batch);
            Assert.Equal(people.Take(stored.Count), stored);
            Assert.InRange(stored.Count, batch, people.Count - batch);

            // The other node takes the run over once the lease has run out, and computes the rest.
            JobRun? finished = null;
            while (DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(120))
            {
                await using var context = db.Store.Context();
                finished = await context.JobRuns.AsNoTracking().SingleAsync(r => r.Job == CaseStatusRefresher.JobName && r.SlotAtUtc == slot, Ct);
                if (finished.FinishedAtUtc is not null)
                {
                    break;
                }

                await Task.Delay(200, Ct);
            }

            Assert.NotNull(finished?.FinishedAtUtc);
            Assert.Equal((survivor, 2, JobRunOutcome.Completed, people.Count - stored.Count), (finished.Node, finished.Attempt, finished.Outcome!.Value, finished.Items!.Value));
            await using (var context = db.Store.Context())
            {
                Assert.Equal(people, await context.CaseStatuses.Where(s => s.ComputedOn == today).OrderBy(s => s.PersonId).Select(s => s.PersonId).ToListAsync(Ct));
            }

            var takenOver = Assert.Single(JobLines(Lines(survivor, nodes[survivor]), JobEvent.TakenOver), l => l.Text("Job") == CaseStatusRefresher.JobName);
            Assert.Equal(killed, takenOver.Text("Holder"));
            var deadLines = Lines(killed, nodes[killed]);
            Assert.Single(JobLines(deadLines, JobEvent.Started), l => l.Text("Job") == CaseStatusRefresher.JobName);
            Assert.DoesNotContain(JobLines(deadLines, JobEvent.Finished), l => l.Text("Job") == CaseStatusRefresher.JobName);
            Log($"{survivor} took the run over {(Utc(finished.StartedAtUtc) - killedAt).TotalSeconds:0.0} s after the kill and computed the other {finished.Items} cases in {(Utc(finished.FinishedAtUtc!.Value) - Utc(finished.StartedAtUtc)).TotalSeconds:0.0} s");

            // The killed node, started again, finds today's run done and leaves it.
            watch.Restart();
            var restarted = await AppProcess.StartAsync(Slow(killed));
            await nodes[killed].DisposeAsync();
            nodes[killed] = restarted;
            await WaitReadyAsync(restarted);
            var again = Lines(killed, restarted);
            Assert.Single(JobLines(again, JobEvent.AlreadyFinished), l => l.Text("Job") == CaseStatusRefresher.JobName && l.Text("Holder") == survivor);
            Assert.DoesNotContain(JobLines(again, JobEvent.Started), l => l.Text("Job") == CaseStatusRefresher.JobName);
            Log($"{killed} restarted (ready in {watch.Elapsed.TotalSeconds:0.0} s): today's run is done, and it ran nothing");

            // Both left up, idle, for the sign-in test.
            db.Others = [nodes[survivor], restarted];
            nodes.Clear();
        }
        finally
        {
            foreach (var node in nodes.Values)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task WaitReadyAsync(AppProcess node)
    {
        using var client = Bare(node);
        for (var i = 0; i < 600; i++)
        {
            using var ready = await client.GetAsync("/health/ready", Ct);
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("The node never answered ready");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Input.Version\"[^>]*value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}

/// <summary>Runs <see cref="SeveralNodesTests"/> in the order of <see cref="SeveralNodesTests.Order"/>.</summary>
public sealed class SeveralNodesOrder : ITestMethodOrderer
{
    public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
        where TTestMethod : notnull, ITestMethod =>
        testMethods.OrderBy(m => m is null ? -1 : Array.IndexOf(SeveralNodesTests.Order, m.MethodName)).ToList();
}
