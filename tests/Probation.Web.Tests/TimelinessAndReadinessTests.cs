using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Application;
using Probation.Domain.Audit;
using Probation.Domain.Inspection;
using Probation.Domain.Oversight;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The timeliness and inspection readiness reports through the API and the pages: their shape, filters, refusals and audited exports.</summary>
public abstract class TimelinessAndReadinessTests(ProbationAppFactory app)
{
    private DateOnly Today => app.Clock.Today();

    private async Task<JsonElement> GetAsync(string user, string path)
    {
        var response = await (await app.TokenClientAsync(user)).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement? Body)> ProblemAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Timeliness_ByDefault_CoversTwelveCalendarMonthsToToday_WithEveryMeasureAndItsDefinition()
    {
        var report = await GetAsync("leader", "/api/v1/reports/timeliness");
        var firstOfMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-11);
        Assert.Equal(firstOfMonth.ToString("yyyy-MM-dd"), report.GetProperty("from").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), report.GetProperty("to").GetString());
        var measures = report.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(Enum.GetNames<TimelinessMeasure>(), measures.Select(m => m.GetProperty("measure").GetString()));
        foreach (var m in measures)
        {
            Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("definition").GetString()));
            var numerator = m.GetProperty("numerator").GetDouble();
            var denominator = m.GetProperty("denominator").GetDouble();
            Assert.Equal(denominator == 0 ? JsonValueKind.Null : JsonValueKind.Number, m.GetProperty("percent").ValueKind);
            Assert.InRange(numerator, 0, denominator);
            Assert.Equal(12, m.GetProperty("months").GetArrayLength());
            Assert.Equal(denominator, Math.Round(m.GetProperty("months").EnumerateArray().Sum(x => x.GetProperty("denominator").GetDouble()), 1));
            Assert.Equal(numerator, Math.Round(m.GetProperty("byTeam").EnumerateArray().Sum(x => x.GetProperty("numerator").GetDouble()), 1));
        }

        // The small demo has assessments, reviews and appointments in any year to date.
        Assert.All(measures.Where(m => m.GetProperty("measure").GetString() is "InitialAssessments" or "Reviews" or "AppointmentCompliance"),
            m => Assert.True(m.GetProperty("denominator").GetDouble() > 0));
    }

    [Fact]
    public async Task Timeliness_ForATeamAndAPeriod_IsPartOfTheProvider()
    {
        var (teamId, _) = await new StoryClient(app).OfficerAsync("po");
        var from = Today.AddMonths(-6);
        var query = $"from={from:yyyy-MM-dd}&to={Today:yyyy-MM-dd}";
        var provider = await GetAsync("leader", "/api/v1/reports/timeliness?" + query);
        var team = await GetAsync("manager", $"/api/v1/reports/timeliness?teamId={teamId}&" + query);
        Assert.Equal(from.ToString("yyyy-MM-dd"), team.GetProperty("from").GetString());
        foreach (var (p, t) in provider.GetProperty("measures").EnumerateArray().Zip(team.GetProperty("measures").EnumerateArray()))
        {
            var ofTeam = p.GetProperty("byTeam").EnumerateArray().SingleOrDefault(x => x.GetProperty("teamId").ValueKind == JsonValueKind.Number && x.GetProperty("teamId").GetInt32() == teamId);
            var expected = ofTeam.ValueKind == JsonValueKind.Undefined ? 0 : ofTeam.GetProperty("denominator").GetDouble();
            Assert.Equal(expected, t.GetProperty("denominator").GetDouble());
            Assert.Equal(7, t.GetProperty("months").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("from=2026-06-01&to=2026-05-31", "from")]
    [InlineData("to=2099-01-01", "to")]
    [InlineData("from=2020-01-01&to=2026-01-01", "from")]
    public async Task Timeliness_APeriodTheRulesRefuse_IsAProblemNamingTheField(string query, string field)
    {
        var (status, media, body) = await ProblemAsync(await app.TokenClientAsync("leader"), "/api/v1/reports/timeliness?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", media);
        Assert.True(body!.Value.GetProperty("errors").TryGetProperty(field, out _), body.Value.ToString());
    }

    [Theory]
    [InlineData("/api/v1/reports/timeliness?from=last-week")]
    [InlineData("/api/v1/reports/timeliness?teamId=abc")]
    [InlineData("/api/v1/reports/inspection-readiness?on=yesterday")]
    [InlineData("/api/v1/reports/inspection-readiness?officerId=1.5")]
    [InlineData("/api/v1/reports/inspection-readiness?on=2099-01-01")]
    public async Task MalformedFilters_AreBadRequests_AsProblems(string path)
    {
        var (status, media, _) = await ProblemAsync(await app.TokenClientAsync("leader"), path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", media);
    }

    [Theory]
    [InlineData("/api/v1/reports/timeliness")]
    [InlineData("/api/v1/reports/inspection-readiness")]
    public async Task Reports_AreForOverseers_AndAnUnknownTeamIsNotFound(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.TokenClientAsync("po")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.TokenClientAsync("admin")).GetAsync(path)).StatusCode);
        var leader = await app.TokenClientAsync("leader");
        var (status, media, _) = await ProblemAsync(leader, path + "?teamId=999999");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync(path + "?hubId=999999")).StatusCode);
        foreach (var user in new[] { "manager", "quality" })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await app.TokenClientAsync(user)).GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Readiness_HasEveryCaseBasedKeyQuestion_WithItsBandAndNoAuditYet()
    {
        var readiness = await GetAsync("quality", "/api/v1/reports/inspection-readiness");
        Assert.Equal(Today.ToString("yyyy-MM-dd"), readiness.GetProperty("on").GetString());
        Assert.Equal("2018", readiness.GetProperty("framework").GetString());
        Assert.Contains("not an inspection judgement", readiness.GetProperty("notice").GetString(), StringComparison.Ordinal);
        var standards = readiness.GetProperty("standards").EnumerateArray().ToList();
        Assert.Equal(["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"], standards.Select(s => s.GetProperty("id").GetString()));
        var keyQuestions = standards.SelectMany(s => s.GetProperty("keyQuestions").EnumerateArray()).ToList();
        Assert.Equal(Frameworks.CrcCaseKeyQuestions.Select(k => k.Id), keyQuestions.Select(k => k.GetProperty("id").GetString()));
        foreach (var k in keyQuestions)
        {
            var yes = k.GetProperty("yes").GetInt32();
            var no = k.GetProperty("no").GetInt32();
            Assert.Equal(Ratings.PercentYesOrNone(yes, no), k.GetProperty("percent").ValueKind == JsonValueKind.Null ? null : k.GetProperty("percent").GetInt32());
            if (Ratings.PercentYesOrNone(yes, no) is { } p)
            {
                Assert.Equal(Ratings.Band(p).ToString(), k.GetProperty("band").GetString());
            }

            Assert.Equal(JsonValueKind.Null, k.GetProperty("latestAudit").ValueKind);
            Assert.Equal(yes, k.GetProperty("byTeam").EnumerateArray().Sum(t => t.GetProperty("yes").GetInt32()));
            Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("definition").GetString()));
        }

        foreach (var s in standards)
        {
            var lowest = s.GetProperty("keyQuestions").EnumerateArray().Select(k => k.GetProperty("percent")).ToList();
            if (lowest.All(p => p.ValueKind == JsonValueKind.Number))
            {
                Assert.Equal(lowest.Min(p => p.GetInt32()), s.GetProperty("lowestPercent").GetInt32());
                Assert.Equal(Ratings.Band(lowest.Min(p => p.GetInt32())).ToString(), s.GetProperty("band").GetString());
            }
        }

        Assert.True(standards[0].GetProperty("cases").GetInt32() > 50);
    }

    [Fact]
    public async Task Readiness_ForATeamOnAnEarlierDay()
    {
        var (teamId, _) = await new StoryClient(app).OfficerAsync("po");
        var earlier = Today.AddMonths(-3);
        var team = await GetAsync("manager", $"/api/v1/reports/inspection-readiness?teamId={teamId}&on={earlier:yyyy-MM-dd}");
        Assert.Equal(earlier.ToString("yyyy-MM-dd"), team.GetProperty("on").GetString());
        var teams = team.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal(teamId, Assert.Single(teams).GetProperty("teamId").GetInt32());
    }

    [Fact]
    public async Task OpenApi_DocumentsBothReports_TheirFiltersAndProblems()
    {
        app.SkipIfUnavailable();
        using var doc = JsonDocument.Parse(await app.AnonymousClient().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var (path, filters) in new[]
        {
            ("/api/v1/reports/timeliness", new[] { "teamId", "hubId", "officerId", "from", "to" }),
            ("/api/v1/reports/inspection-readiness", new[] { "teamId", "hubId", "officerId", "on" }),
        })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(filters, get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            foreach (var status in new[] { "200", "400", "404" })
            {
                Assert.True(get.GetProperty("responses").TryGetProperty(status, out _), $"{path} documents no {status}");
            }
        }

        var description = paths.GetProperty("/api/v1/reports/timeliness").GetProperty("get").GetProperty("description").GetString()!;
        Assert.All(Enum.GetNames<TimelinessMeasure>(), m => Assert.Contains(m + " (", description, StringComparison.Ordinal));
        var readiness = paths.GetProperty("/api/v1/reports/inspection-readiness").GetProperty("get").GetProperty("description").GetString()!;
        Assert.All(Frameworks.CrcCaseKeyQuestions, k => Assert.Contains(k.Id + ": ", readiness, StringComparison.Ordinal));
        Assert.Contains("not an inspection judgement", readiness, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ShowTheFigures_ChartsWithTheirTables_AndTheIndexLinksThem()
    {
        var browser = await app.SignInAsync("leader");
        var index = await browser.GetStringAsync("/reports");
        Assert.Contains("href=\"/reports/timeliness\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/inspection-readiness\"", index, StringComparison.Ordinal);

        var timeliness = await browser.GetStringAsync("/reports/timeliness");
        Assert.Contains("<h1 class=\"govuk-heading-l\">Timeliness and delivery</h1>", timeliness, StringComparison.Ordinal);
        Assert.Equal(Enum.GetValues<TimelinessMeasure>().Length, Count(timeliness, "role=\"img\""));
        Assert.Contains("Initial assessments on time by month</caption>", timeliness, StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-InitialAssessments-title\">Initial assessments on time, month by month</title>", timeliness, StringComparison.Ordinal);

        var readiness = await browser.GetStringAsync("/reports/inspection-readiness");
        Assert.Contains("An indicator from recorded data, not an inspection judgement", readiness, StringComparison.Ordinal);
        Assert.Equal(Frameworks.CrcCaseKeyQuestions.Count(), Count(readiness, ">No audit yet<"));
        Assert.Contains("How 2.1.3 is counted", readiness, StringComparison.Ordinal);
        Assert.Contains("How 2.2.3 is counted (relevant cases only)", readiness, StringComparison.Ordinal);
        Assert.Equal(Frameworks.CrcCaseStandards.Count * 2, Count(readiness, "role=\"img\""));
        Assert.Contains("2.1 Assessment: key questions</caption>", readiness, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    [Theory]
    [InlineData("/reports/timeliness?From.Day=31&From.Month=2&From.Year=2026", "The date of the start of the period must be a real date")]
    [InlineData("/reports/timeliness?From.Day=1&From.Month=6&From.Year=2026&To.Day=31&To.Month=5&To.Year=2026", "The start of the period must be on or before its end")]
    [InlineData("/reports/timeliness?To.Day=1&To.Month=1&To.Year=2099", "The end of the period must be today or in the past")]
    [InlineData("/reports/inspection-readiness?On.Day=1&On.Month=1&On.Year=2099", "The day must be today or in the past")]
    public async Task Pages_WithBadFilters_ShowTheErrorSummary_AndTheDefaultReport(string path, string error)
    {
        var html = await (await app.SignInAsync("leader")).GetStringAsync(path);
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains(error, html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reports/timeliness?handler=Csv", "table,measure,month,team,numerator,denominator,percent,unit", "period,InitialAssessments,")]
    [InlineData("/reports/inspection-readiness?handler=Csv", "standard,keyQuestion,team,yes,no,notApplicable,percent,band,latestAudit", "2.1,2.1.3,,")]
    public async Task CsvExports_HaveEveryTable_AndAreAuditedAsADisclosure(string path, string header, string row)
    {
        var browser = await app.SignInAsync("leader");
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Disclosed));
        var csv = await browser.GetAsync(path);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith(header + "\n", text, StringComparison.Ordinal);
        Assert.Contains("\n" + row, text, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Disclosed).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Disclosed)));
        Assert.Equal("leader", audit.UserName);
        Assert.Contains("exported as CSV", audit.Purpose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_AreNotFound_ForSomeoneWhoMayNotReadReports()
    {
        var po = await app.SignInAsync("po");
        Assert.Equal(HttpStatusCode.NotFound, (await po.GetAsync("/reports/timeliness")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await po.GetAsync("/reports/inspection-readiness?handler=Csv")).StatusCode);
    }
}

public sealed class SqliteTimelinessAndReadinessTests(ProbationAppFactory app) : TimelinessAndReadinessTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresTimelinessAndReadinessTests(PostgresAppFactory app) : TimelinessAndReadinessTests(app), IClassFixture<PostgresAppFactory>;
