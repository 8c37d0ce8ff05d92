using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Malformed input to every route the app maps, as a user who may use it and sometimes as nobody: broken route values,
/// query strings, form fields, JSON bodies, content types and headers, drawn from a seeded source. No answer may be a
/// server error or show a stack trace or SQL; a write that is refused must change no row of any table; and at the end
/// the database must pass its own integrity checks, and hold no text longer than its model allows.
/// </summary>
/// <remarks>
/// The CI run sends <see cref="CiRequests"/> requests on SQLite with the fixed seed <see cref="CiSeed"/>, and
/// <see cref="CiRequestsOnPostgres"/> more on PostgreSQL with the next seed, so the two draw different requests. For a longer run set
/// <c>PROBATION_FUZZ_REQUESTS</c> (the seed is then drawn at random and printed); <c>PROBATION_FUZZ_SEED</c> replays a run,
/// and <c>PROBATION_FUZZ_ONLY</c> (request numbers, comma-separated) sends only the requests a failure names.
/// </remarks>
public abstract partial class MalformedInputTests(WorldFixture fixture, ITestOutputHelper output)
{
    public const int CiRequests = 10_000;
    public const int CiRequestsOnPostgres = 2_500;
    public const int CiSeed = 20_261_126;

    private bool OnPostgres => fixture.App.DatabaseProvider == "Postgres";

    /// <summary>Writes sent together between two censuses.</summary>
    private const int WriteBatch = 4;

    private static readonly string[] JunkFieldNames =
    [
        "Input[0]", "Input.On.Day.Day", "Input.Notes[]", "__proto__", "constructor.prototype", "a[b][c]", "Input..Notes", ".Input", "Input.",
        "handler", "__RequestVerificationToken[]", "Input.Version.Value", "Input[Notes]", "%00", "Input.On[1]",
    ];

    /// <summary>One request sent and what came back.</summary>
    private sealed record Sent(int Index, Reach Reach, string Variant, string Method, string Url, int Status, string? Location, bool Accepted, string? Fault, double Milliseconds);

    [Fact]
    public async Task EveryRoute_MalformedInput_NeverAServerErrorOrLeak_AndRefusedWritesChangeNothing()
    {
        var requested = Environment.GetEnvironmentVariable("PROBATION_FUZZ_REQUESTS");
        var count = int.TryParse(requested, out var n) && n > 0 ? n : OnPostgres ? CiRequestsOnPostgres : CiRequests;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PROBATION_FUZZ_SEED"), out var s) ? s : requested is null ? CiSeed + (OnPostgres ? 1 : 0) : System.Random.Shared.Next();
        Report($"Malformed input: seed {seed}, {count} requests (replay with PROBATION_FUZZ_SEED={seed} PROBATION_FUZZ_REQUESTS={count})");

        var app = fixture.App;
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var watch = Stopwatch.StartNew();
        var reaches = await Reach.FindAsync(fixture, today);
        var probeTime = watch.Elapsed;
        Report($"Reaches: {reaches.Count} over {reaches.Select(r => r.Route).Distinct().Count()} routes in {probeTime.TotalSeconds:0.0} s: "
            + string.Join(", ", reaches.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        await using var census = await DatabaseCensus.ForAsync(app);
        var anonymous = app.AnonymousClient();

        // Requests are spread over the reaches in turn, each drawn from its own seed so that a run replays whatever the
        // order the answers come back in. Writes go one at a time, with the census around each; reads alongside.
        // Reports read a whole provider's cases, and cost many times any other page: they get one turn in a cycle where
        // every other reach gets three, so that the run's time goes to the many routes rather than the few heavy ones.
        var order = new Bogus.Randomizer(seed).Shuffle(reaches.SelectMany(r => Enumerable.Repeat(r, r.Route.Template.Contains("/reports/", StringComparison.Ordinal) ? 1 : 3))).ToList();
        var only = (Environment.GetEnvironmentVariable("PROBATION_FUZZ_ONLY") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
        var plan = Enumerable.Range(0, count).Where(i => only.Count == 0 || only.Contains(i)).Select(i => (Index: i, Reach: order[i % order.Count])).ToList();
        var sent = new ConcurrentBag<Sent>();
        var before = await census.TakeAsync();
        watch.Restart();

        async Task<Sent> SendAsync(int index, Reach reach)
        {
            var draw = new Malformed(unchecked((seed * 1_000_003) + index));
            var (variant, request, anonymousRequest) = Build(draw, reach, today);
            using (request)
            {
                var started = Stopwatch.GetTimestamp();
                var client = anonymousRequest ? anonymous : reach.Route.IsPage ? fixture.Clients[reach.User.UserName].Browser : fixture.Clients[reach.User.UserName].Api;
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString;
                var fault = status >= 500 ? "server error" : Leak(body);
                return new Sent(index, reach, variant, request.Method.Method, request.RequestUri!.OriginalString, status, location, IsAccepted(reach, status, location, body), fault, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        // Writes go in small batches sent together, with the census before and after each batch. A batch whose writes were
        // all refused must leave every figure as it was. Where one of them was accepted the figures may move, so each
        // refused write of that batch is sent again alone with the census around it (and where a batch that accepted
        // nothing moved them, each is sent again alone to find which one did).
        var writeFaults = new List<string>();
        var censusTime = TimeSpan.Zero;
        var replayed = 0;
        async Task<long[]> CountAsync()
        {
            var counted = Stopwatch.GetTimestamp();
            var figures = await census.TakeAsync();
            censusTime += Stopwatch.GetElapsedTime(counted);
            return figures;
        }

        var writes = Task.Run(async () =>
        {
            var last = before;
            foreach (var batch in plan.Where(p => p.Reach.IsWrite).Chunk(WriteBatch))
            {
                var results = await Task.WhenAll(batch.Select(p => SendAsync(p.Index, p.Reach)));
                foreach (var result in results)
                {
                    sent.Add(result);
                }

                var now = await CountAsync();
                var moved = census.Difference(last, now);
                if (moved.Length > 0 && results.Any(x => !x.Accepted))
                {
                    var found = writeFaults.Count;
                    foreach (var first in results.Where(x => !x.Accepted))
                    {
                        last = await CountAsync();
                        var again = await SendAsync(first.Index, first.Reach);
                        replayed++;
                        now = await CountAsync();
                        if (!again.Accepted && census.Difference(last, now) is { Length: > 0 } changed)
                        {
                            writeFaults.Add($"#{again.Index} {again.Method} {Short(again.Url)} [{again.Variant}] → {again.Status}, yet {changed}");
                        }
                    }

                    if (results.All(x => !x.Accepted) && writeFaults.Count == found)
                    {
                        writeFaults.Add($"a batch of refused writes (#{string.Join(", #", results.Select(x => x.Index))}) changed {moved}, and none did alone");
                    }
                }

                last = now;
            }
        });
        var reads = Parallel.ForEachAsync(
            plan.Where(p => !p.Reach.IsWrite),
            new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = TestContext.Current.CancellationToken },
            async (p, _) => sent.Add(await SendAsync(p.Index, p.Reach)));
        await Task.WhenAll(writes, reads);
        var runTime = watch.Elapsed;

        var after = await census.TakeAsync();
        var integrity = await census.IntegrityProblemsAsync();
        var overLong = await census.OverLongTextAsync();
        var all = sent.OrderBy(x => x.Index).ToList();
        var faults = all.Where(x => x.Fault is not null).Select(x => $"#{x.Index} {x.Method} {Short(x.Url)} as {x.Reach.User.UserName} [{x.Variant}] → {x.Status}: {x.Fault}").ToList();
        var acceptedWrites = all.Count(x => x.Reach.IsWrite && x.Accepted);

        Report($"Malformed input: {all.Count} requests in {runTime.TotalSeconds:0.0} s ({all.Count / runTime.TotalSeconds:0} a second; finding the {reaches.Count} reaches took {probeTime.TotalSeconds:0.0} s); seed {seed}");
        Report("By status: " + string.Join(", ", all.GroupBy(x => x.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));
        Report("By kind: " + string.Join(", ", all.GroupBy(x => x.Reach.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()} ({g.Select(x => x.Reach.Route).Distinct().Count()} routes, {g.Average(x => x.Milliseconds):0} ms each)"))
            + $"; the census around the writes took {censusTime.TotalSeconds:0.0} s");
        Report("Costliest routes: " + string.Join(", ", all.GroupBy(x => (x.Reach.Method, x.Reach.Route.Template)).OrderByDescending(g => g.Sum(x => x.Milliseconds)).Take(5).Select(g => $"{g.Key.Method} {g.Key.Template} {g.Sum(x => x.Milliseconds) / 1000:0.0} s")));
        Report("By variant: " + string.Join(", ", all.GroupBy(x => x.Variant).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        Report($"Writes: {all.Count(x => x.Reach.IsWrite)}, {all.Count(x => x.Reach.IsWrite) - acceptedWrites} refused (census checked around each, {replayed} of them sent again alone where their batch held an accepted write), {acceptedWrites} accepted; rows changed over the run: {census.Difference(before, after)}");
        Report($"Integrity: {(integrity.Count == 0 ? "clean" : string.Join("; ", integrity))}; over-long text: {overLong.Count}");

        Assert.True(all.Count == plan.Count && (only.Count > 0 || plan.Count == count), $"{all.Count} of {count} requests were sent");
        Assert.True(reaches.Select(r => r.Route).Distinct().Count() > 150, $"only {reaches.Select(r => r.Route).Distinct().Count()} routes were reached");
        Assert.True(faults.Count == 0, $"{faults.Count} server errors or leaks (seed {seed}):\n" + string.Join('\n', faults.Take(60)));
        Assert.True(writeFaults.Count == 0, $"{writeFaults.Count} refused writes changed rows (seed {seed}):\n" + string.Join('\n', writeFaults.Take(60)));
        Assert.Empty(integrity);
        Assert.Empty(overLong);
    }

    [Fact]
    public async Task AFormTooBigToRead_IsAnsweredAsMalformed_NotAServerError()
    {
        // More fields than the form reader allows, or a field name longer than it allows: the post is refused as
        // malformed (400), and the error page re-executed for it must not read the same form and fail into a 500.
        var own = fixture.World.Cases.Single(c => c.Tag == "Own");
        var (browser, _, token) = fixture.Clients["po"];
        await using var census = await DatabaseCensus.ForAsync(fixture.App);
        var before = await census.TakeAsync();
        foreach (var junk in new[] { string.Join('&', Enumerable.Range(0, 1_100).Select(i => $"Input.Junk{i}=1")), new string('k', 3_000) + "=1", "code=200" })
        {
            using var content = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}&{junk}", Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await browser.PostAsync($"/cases/{own.Crn.ToLowerInvariant()}/referrals", content, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode is >= 400 and < 500 or 200, $"{junk[..Math.Min(20, junk.Length)]}: {(int)response.StatusCode}");
            if (!junk.StartsWith("code", StringComparison.Ordinal))
            {
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("The form could not be sent", body, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await census.TakeAsync());
    }

    /// <summary>
    /// PostgreSQL cannot hold a NUL character in text: one in a query failed there as a 500 (a prison filter on the
    /// resettlement caseload). It is refused as malformed on either engine, and nothing is written.
    /// </summary>
    [Fact]
    public async Task ANulCharacter_InAQuery_IsRefusedAsMalformed_AndWritesNothing()
    {
        var ttg = fixture.Clients["ttg"].Api;
        var ct = TestContext.Current.CancellationToken;
        var before = await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contacts, ct));

        using var query = await ttg.GetAsync("/api/v1/resettlement/caseload?prison=A%00B", ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, query.StatusCode);
        Assert.Equal("application/problem+json", query.Content.Headers.ContentType?.MediaType);

        Assert.Equal(before, await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contacts, ct)));
    }

    /// <summary>A report period ending in year 1 could not be counted back twelve months (a 500); it is refused as malformed.</summary>
    [Fact]
    public async Task AReportPeriodBeforeTheRecordsBegin_IsRefusedAsMalformed_NotAServerError()
    {
        var leader = fixture.Clients["leader"].Api;
        foreach (var query in new[] { "to=0001-01-01", "from=0001-01-01", "from=1999-12-31&to=2000-06-01" })
        {
            using var response = await leader.GetAsync("/api/v1/reports/timeliness?" + query, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("1 January 2000", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AJsonBodyInACharsetTheServiceCannotRead_Is415_NotAServerError()
    {
        var own = fixture.World.Cases.Single(c => c.Tag == "Own");
        var (_, api, _) = fixture.Clients["po"];
        foreach (var charset in new[] { "utf-7", "ebcdic-xx", "\"no-such\"" })
        {
            using var content = new StringContent("{\"version\":1,\"on\":\"2026-11-26\",\"kind\":\"Office\"}");
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=" + charset);
            using var response = await api.PostAsync($"/api/v1/cases/{own.Crn}/contacts", content, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AssessmentNeedsTheFormDoesNotList_AreRefusedInTheErrorSummary_NotAServerError()
    {
        var own = fixture.World.Cases.Single(c => c.Tag == "Own");
        var (browser, _, token) = fixture.Clients["po"];
        var url = $"/cases/{own.Crn.ToLowerInvariant()}/assessment";
        var form = PageForms.Read(await browser.GetStringAsync(url, TestContext.Current.CancellationToken), url).Single(f => f.Method == "POST" && f.Names.Contains("Input.Needs[0].Need"));
        await using var census = await DatabaseCensus.ForAsync(fixture.App);
        var before = await census.TakeAsync();
        var values = form.Filled(DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().UtcDateTime))
            .Select(p => p.Key == "Input.Needs[0].Need" ? KeyValuePair.Create(p.Key, "NoSuchNeed<b>") : p.Key == "__RequestVerificationToken" ? KeyValuePair.Create(p.Key, token) : p)
            .ToList();
        using var response = await browser.PostAsync(url, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("govuk-error-summary", body, StringComparison.Ordinal);
        Assert.Contains("Rate the needs this page lists", body, StringComparison.Ordinal);
        Assert.DoesNotContain("NoSuchNeed", body, StringComparison.Ordinal);
        Assert.Equal(before, await census.TakeAsync());
    }

    /// <summary>Whether the app took the request: a 2xx, or a page's redirect anywhere but the error or sign-in page, or a page drawn without an error summary.</summary>
    private static bool IsAccepted(Reach reach, int status, string? location, string body) => status switch
    {
        >= 200 and < 300 when reach.Route.IsPage && reach.IsWrite => !body.Contains("govuk-error-summary", StringComparison.Ordinal),
        >= 200 and < 300 => true,
        >= 300 and < 400 => location is null || !(location.Contains("/error", StringComparison.Ordinal) || location.Contains("/sign-in", StringComparison.Ordinal)),
        _ => false,
    };

    /// <summary>What in an answer gives the server's insides away: a stack frame, an exception's name, a file and line, or SQL and its errors.</summary>
    private static string? Leak(string body) => LeakPattern().Match(body) is { Success: true } m ? $"leak \"{Short(body.Substring(Math.Max(0, m.Index - 60), Math.Min(body.Length - Math.Max(0, m.Index - 60), 200)))}\"" : null;

    // Non-backtracking: an answer may echo tens of thousands of word characters, where a backtracking \w+Exception is quadratic.
    [GeneratedRegex(@"\n\s+at [\w.`<>\[\]]+\(|\w+Exception(: |\b \(0x)|Exception of type|--- End of (inner exception )?stack trace|\.cs:line \d|SELECT |INSERT INTO|UPDATE ""|DELETE FROM|SQLite Error|SqliteException|Npgsql|syntax error|no such (table|column)|constraint failed", RegexOptions.NonBacktracking)]
    private static partial Regex LeakPattern();

    private static string Short(string s) => s.Length > 160 ? s[..160] + $"… ({s.Length} chars)" : s;

    /// <summary>One malformed request for <paramref name="reach"/>: the variant's name, the request, and whether it goes without signing in.</summary>
    private (string Variant, HttpRequestMessage Request, bool Anonymous) Build(Malformed draw, Reach reach, DateOnly today)
    {
        var r = draw.Random;
        if (r.Number(19) == 0)
        {
            var request = Request(reach.Method, reach.Url);
            Body(draw, reach, today, request, mutate: false);
            if (r.Bool())
            {
                request.Headers.TryAddWithoutValidation("Authorization", r.ArrayElement(new[] { "Bearer junk", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + new string('a', 5_000) }));
            }

            return ("anonymous", request, true);
        }

        var variants = reach.IsWrite
            ? reach.Route.IsPage
                ? new[] { "form field", "form field", "form field", "duplicate keys", "missing fields", "junk fields", "broken body", "antiforgery token", "handler", "header", "route value" }
                : new[] { "json field", "json field", "json field", "json body", "json body", "content type", "if-match", "junk fields", "route value", "header" }
            : new[] { "route value", "route value", "query", "query", "query", "header", "handler", "path" };
        var variant = r.ArrayElement(variants);
        var url = variant switch
        {
            "route value" => MangleRoute(draw, reach),
            "query" => reach.Url + (reach.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Query(draw, reach),
            "handler" => Path(reach.Url) + "?handler=" + draw.Encoded(),
            "path" => reach.Url.TrimEnd('/') + r.ArrayElement(new[] { "/%2e%2e/%2e%2e/admin/audit", "//", "/.", "/%2f", "/x/../..", "/" + draw.Segment(), "%00", ".json", "/;x=1" }),
            _ => reach.Url,
        };
        var built = Request(reach.Method, url);
        if (variant == "header" || r.Number(6) == 0)
        {
            for (var i = r.Number(1, 3); i > 0; i--)
            {
                var (name, value) = draw.OddHeader();
                built.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (variant == "if-match")
        {
            built.Headers.TryAddWithoutValidation("If-Match", r.ArrayElement(new[] { "junk", "\"-1\"", "W/\"1\"", "*", "\"99999999999\"", "\"1\", \"2\"", "\"\"", "\"2147483648\"", "\"0x1\"", " " }));
        }

        Body(draw, reach, today, built, mutate: true, variant);
        return (variant, built, false);
    }

    /// <summary>A request for <paramref name="url"/>, cut to the longest a URI may be (the rest of a longer one would never reach a server).</summary>
    /// <remarks>
    /// A NUL in the path is left out (sent as %01): servers refuse it before any app sees it (Kestrel answers 400), and
    /// the test host throws on it.
    /// </remarks>
    private static HttpRequestMessage Request(string method, string url)
    {
        url = url.Length > MaxUrl ? url[..MaxUrl] : url;
        url = url.StartsWith('/') ? url : "/" + url;
        var path = Path(url);
        url = Regex.Replace(path, "%00", "%01", RegexOptions.IgnoreCase) + url[path.Length..];

        // Absolute, so that a path starting "//" stays a path rather than naming a host.
        return new(new HttpMethod(method), new Uri("http://localhost" + url, UriKind.Absolute));
    }

    private const int MaxUrl = 30_000;

    private static string Path(string url) => url.Split('?')[0];

    /// <summary>The URL with one route value (or, without any, one segment) replaced by a malformed one.</summary>
    private static string MangleRoute(Malformed draw, Reach reach)
    {
        var path = Path(reach.Url);
        var rest = reach.Url[path.Length..];
        var template = reach.Route.Template.Split('/');
        var segments = path.Split('/');
        var candidates = Enumerable.Range(1, segments.Length - 1).Where(i => i < template.Length && template[i].StartsWith('{')).ToList();
        var at = candidates.Count > 0 ? draw.Random.ArrayElement(candidates.ToArray()) : draw.Random.Number(1, segments.Length - 1);
        segments[at] = draw.Segment();
        return string.Join('/', segments) + rest;
    }

    /// <summary>A query string of the route's own parameters and some it does not know, with malformed values and repeated keys.</summary>
    private static string Query(Malformed draw, Reach reach)
    {
        var r = draw.Random;
        var names = reach.QueryNames.Concat(["page", "sort", "q", "id", "crn", "from", "to", "on", "teamId", "handler"]).Distinct().ToArray();
        var pairs = new List<string>();
        for (var i = r.Number(1, 4); i > 0; i--)
        {
            var name = r.Number(5) == 0 ? draw.Encoded() : Uri.EscapeDataString(r.ArrayElement(names));
            pairs.Add($"{name}={draw.Encoded()}");
            if (r.Number(3) == 0)
            {
                pairs.Add($"{name}={draw.Encoded()}");
            }
        }

        if (r.Number(10) == 0)
        {
            pairs.AddRange(Enumerable.Range(0, r.Number(500, 3_000)).Select(i => $"k{i}=v"));
        }

        return string.Join('&', pairs);
    }

    /// <summary>The body of a write: the page's form or the API's JSON, made malformed the way <paramref name="variant"/> says.</summary>
    private void Body(Malformed draw, Reach reach, DateOnly today, HttpRequestMessage request, bool mutate, string variant = "")
    {
        if (!reach.IsWrite)
        {
            return;
        }

        if (reach.Route.IsPage)
        {
            FormBody(draw, reach, today, request, mutate ? variant : string.Empty);
        }
        else
        {
            JsonBody(draw, reach, today, request, mutate ? variant : string.Empty);
        }
    }

    private void FormBody(Malformed draw, Reach reach, DateOnly today, HttpRequestMessage request, string variant)
    {
        var r = draw.Random;
        var token = fixture.Clients[reach.User.UserName].Token;
        var pairs = reach.Form!.Filled(today).Select(p => (Key: Uri.EscapeDataString(p.Key), Value: Malformed.Escape(p.Key == "__RequestVerificationToken" ? token : p.Value))).ToList();
        switch (variant)
        {
            case "form field":
                for (var i = r.Number(1, 3); i > 0 && pairs.Count > 0; i--)
                {
                    var at = r.Number(pairs.Count - 1);
                    if (pairs[at].Key != "__RequestVerificationToken")
                    {
                        pairs[at] = (pairs[at].Key, draw.Encoded());
                    }
                }

                break;
            case "duplicate keys":
                foreach (var at in Enumerable.Range(0, r.Number(1, 3)).Select(_ => r.Number(pairs.Count - 1)).Distinct().ToList())
                {
                    pairs.Add((pairs[at].Key, r.Bool() ? draw.Encoded() : pairs[at].Value));
                }

                break;
            case "missing fields":
                pairs = pairs.Where(p => p.Key == "__RequestVerificationToken" || r.Number(2) == 0).ToList();
                break;
            case "junk fields":
                pairs.AddRange(Enumerable.Range(0, r.Number(1, 4)).Select(_ => (Uri.EscapeDataString(r.ArrayElement(JunkFieldNames)), draw.Encoded())));
                if (r.Number(4) == 0)
                {
                    pairs.AddRange(Enumerable.Range(0, r.Number(1_000, 1_500)).Select(i => ($"Input.Junk{i}", "1")));
                }

                if (r.Number(4) == 0)
                {
                    pairs.Add((new string('k', r.Number(2_100, 9_000)), "1"));
                }

                break;
            case "antiforgery token":
                pairs = pairs.Where(p => p.Key != "__RequestVerificationToken").ToList();
                if (r.Bool())
                {
                    pairs.Add(("__RequestVerificationToken", r.Bool() ? draw.Encoded() : Malformed.Escape(token[..^4] + "AAAA")));
                }

                break;
        }

        var text = string.Join('&', pairs.Select(p => $"{p.Key}={p.Value}"));
        if (variant == "broken body")
        {
            request.Content = r.Number(3) switch
            {
                0 => Bytes(draw.BrokenJsonBody("{\"Input.Notes\":\"x\"}"), "application/json"),
                1 => Bytes(Encoding.UTF8.GetBytes(text), draw.OddContentType()),
                _ => Bytes([.. Encoding.UTF8.GetBytes(text), .. Encoding.UTF8.GetBytes("&"), 0xFF, 0xFE, 0x25, 0x7A, 0x3D, 0xC3], "application/x-www-form-urlencoded"),
            };
            return;
        }

        request.Content = Bytes(Encoding.UTF8.GetBytes(text), "application/x-www-form-urlencoded");
    }

    private void JsonBody(Malformed draw, Reach reach, DateOnly today, HttpRequestMessage request, string variant)
    {
        var r = draw.Random;
        var body = reach.Body is null ? new JsonObject { ["version"] = 1 } : JsonBodies.Valid(reach.Body, fixture.World, today);
        switch (variant)
        {
            case "json field":
                for (var i = r.Number(1, 3); i > 0; i--)
                {
                    Mutate(draw, body);
                }

                break;
            case "junk fields":
                for (var i = r.Number(1, 4); i > 0; i--)
                {
                    body[r.ArrayElement(new[] { "$type", "__proto__", "constructor", "$id", "$ref", "Version", "VERSION", "id", "x" + r.Number(99) })] = draw.JsonValue();
                }

                break;
        }

        var text = draw.Render(body);
        request.Content = variant switch
        {
            "json body" => Bytes(draw.BrokenJsonBody(text), "application/json"),
            "content type" => Bytes(Encoding.UTF8.GetBytes(text), draw.OddContentType()),
            _ => Bytes(Encoding.UTF8.GetBytes(text), "application/json"),
        };
    }

    /// <summary>Replaces one value somewhere in <paramref name="node"/> (nested objects and lists included) with a malformed one.</summary>
    private static void Mutate(Malformed draw, JsonObject node)
    {
        var keys = node.Select(p => p.Key).ToArray();
        if (keys.Length == 0)
        {
            node["version"] = draw.JsonValue();
            return;
        }

        var key = draw.Random.ArrayElement(keys);
        switch (node[key])
        {
            case JsonObject inner when draw.Random.Bool():
                Mutate(draw, inner);
                break;
            case JsonArray { Count: > 0 } list when list[0] is JsonObject first && draw.Random.Bool():
                Mutate(draw, first);
                break;
            default:
                node[key] = draw.JsonValue();
                break;
        }
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private void Report(string text)
    {
        text = $"[{fixture.App.DatabaseProvider}] {text}";
        output.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
    }
}

public sealed class SqliteMalformedInputTests(WorldFixture fixture, ITestOutputHelper output) : MalformedInputTests(fixture, output), IClassFixture<WorldFixture>;

[Trait("Database", "Postgres")]
public sealed class PostgresMalformedInputTests(PostgresWorldFixture fixture, ITestOutputHelper output) : MalformedInputTests(fixture, output), IClassFixture<PostgresWorldFixture>;
