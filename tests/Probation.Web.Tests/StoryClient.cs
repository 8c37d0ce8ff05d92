using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>A test app whose clock starts on a given day, so a case's history can be entered on the days it happened.</summary>
public abstract class StoryAppFactory : ProbationAppFactory
{
    protected StoryAppFactory()
    {
    }

    /// <summary>The same story on another database (PostgreSQL).</summary>
    protected StoryAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    protected abstract DateOnly StoryStarts { get; }

    protected override DateTimeOffset StartTime => new(StoryStarts.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
}

/// <summary>
/// Tells a case's history through the API, on the days it happened: moves the clock forward, signs in
/// afresh as the actor, sends the write with the case's version, and keeps the version it gets back.
/// </summary>
public sealed class StoryClient(ProbationAppFactory app)
{
    private readonly Dictionary<string, (DateOnly Day, HttpClient Client)> _clients = [];

    public string Crn { get; private set; } = "";

    public int Version { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private static int _people;

    /// <summary>
    /// A fresh case on the demo officer's caseload: an order of <paramref name="orderType"/> from 1 September
    /// 2026 (a RAR unless it is a licence), so each test has records of its own.
    /// </summary>
    public static async Task<StoryClient> NewCaseAsync(
        ProbationAppFactory app, string firstName, string orderType = "CommunityOrder", string mainOffence = "Acquisitive", string rosh = "Low", bool domesticAbuse = false)
    {
        app.SkipIfUnavailable();
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        var n = Interlocked.Increment(ref _people);
        await story.CreateAndAllocateAsync(
            new
            {
                firstName,
                lastName = "Tester" + n,
                dateOfBirth = "1985-01-01",
                gender = "Male",
                teamId,
                source = "Court",
                receivedOn = "2026-09-01",
                orderType,
                orderStart = "2026-09-01",
                lengthMonths = 12,
                court = "Teesside Magistrates' Court",
                mainOffence,
                requirements = orderType == "Licence" ? Array.Empty<object>() : new object[] { new { type = "RehabilitationActivity", rarDays = 10 } },
                rosh,
                ogrsScore = 30,
                registrations = domesticAbuse ? new object[] { new { type = "DomesticAbuse", startedOn = "2026-09-01" } } : Array.Empty<object>(),
            },
            "po");
        return story;
    }

    /// <summary>Reads something from the case's stored record, straight from the database.</summary>
    public static Task<T> CaseAsync<T>(ProbationAppFactory app, string crn, Func<PersonOnProbation, T> read) =>
        app.WithDbAsync(async db =>
        {
            var parsed = Probation.Domain.Common.Crn.Parse(crn);
            var p = await db.People.AsNoTracking().AsSplitQuery()
                .Include(x => x.Contacts).Include(x => x.Reviews).Include(x => x.Assessments).Include(x => x.AgencyChecks).Include(x => x.EnforcementActions)
                .Include(x => x.SignificantEvents).Include(x => x.AlertExceptions).Include(x => x.Plan).ThenInclude(x => x!.Objectives)
                .SingleAsync(x => x.Crn == parsed);
            return read(p);
        });

    /// <summary>Works on an existing case.</summary>
    public void Use(string crn, int version)
    {
        Crn = crn;
        Version = version;
    }

    public void On(DateOnly day)
    {
        var to = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        if (to > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(to);
        }
    }

    public async Task<HttpClient> As(string user)
    {
        if (_clients.TryGetValue(user, out var c) && c.Day == Today)
        {
            return c.Client;
        }

        var client = await app.TokenClientAsync(user);
        _clients[user] = (Today, client);
        return client;
    }

    public async Task<(int TeamId, int OfficerId)> OfficerAsync(string user) =>
        await app.WithDbAsync(async db =>
        {
            var s = await db.Staff.Where(x => x.UserName == user).Select(x => new { x.TeamId, x.Id }).SingleAsync();
            return (s.TeamId!.Value, s.Id);
        });

    /// <summary>Creates the case and allocates it, both today.</summary>
    public async Task CreateAndAllocateAsync(object body, string officer)
    {
        var created = await (await As("caseadmin")).PostAsJsonAsync("/api/v1/cases", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Crn = json.RootElement.GetProperty("crn").GetString()!;
        Version = json.RootElement.GetProperty("version").GetInt32();
        var (_, officerId) = await OfficerAsync(officer);
        // The case version travels as If-Match, as a client holding the case's ETag would send it.
        using var allocate = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{Crn}/allocation")
        {
            Content = JsonContent.Create(new { staffMemberId = officerId, overrideReason = "Continuity: this officer knows the family" }),
        };
        allocate.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{Version}\""));
        var allocated = await (await As("manager")).SendAsync(allocate);
        Assert.True(allocated.IsSuccessStatusCode, await allocated.Content.ReadAsStringAsync());
        Version++;
    }

    /// <summary>A write that must succeed; returns the new record's id.</summary>
    public async Task<int> WriteAsync(string user, HttpMethod method, string path, object body)
    {
        var response = await SendAsync(user, method, path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Version = json.RootElement.GetProperty("version").GetInt32();
        Assert.Equal($"\"{Version}\"", response.Headers.ETag?.Tag);
        return json.RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>A write that the product must refuse; returns the problem's detail.</summary>
    public async Task<string> RefusedAsync(string user, HttpMethod method, string path, object body, HttpStatusCode expected = HttpStatusCode.UnprocessableEntity)
    {
        var response = await SendAsync(user, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    public async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, object body)
    {
        var client = await As(user);
        var request = new HttpRequestMessage(method, $"/api/v1/cases/{Crn}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{Version}\""));
        return await client.SendAsync(request);
    }

    public async Task<List<(string Code, string Reason)>> AlertsAsync(string user = "manager")
    {
        var response = await (await As(user)).GetAsync($"/api/v1/cases/{Crn}/alerts");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray().Select(a => (a.GetProperty("code").GetString()!, a.GetProperty("reason").GetString()!)).ToList();
    }

    public async Task<List<string>> CodesAsync() => (await AlertsAsync()).Select(a => a.Code).Order(StringComparer.Ordinal).ToList();

    public async Task<JsonElement> SupervisionAsync(string user = "po")
    {
        var response = await (await As(user)).GetAsync($"/api/v1/cases/{Crn}/supervision");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Records a complete initial assessment (every need scored, RoSH low with its reasons), by default started the day before it is completed.</summary>
    public Task<int> InitialAssessmentAsync(string completedOn, string? startedOn = null, string user = "po") =>
        WriteAsync(user, HttpMethod.Post, "assessments", new
        {
            kind = "Initial",
            startedOn = startedOn ?? DateOnly.Parse(completedOn, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            completedOn,
            currentOffence = "Shop theft.",
            previousConvictionsReviewed = true,
            needs = AllNeeds(),
            strengths = "Family.",
            diversityAndCircumstances = "None.",
            motivation = "Good.",
            personsViews = "Wants work.",
            informationSources = "Court papers.",
            rosh = "Low",
            roshReasons = "No harm in the offending.",
        });

    public static object[] AllNeeds(string severity = "SomeProblems") =>
        new[] { "Accommodation", "EducationTrainingEmployment", "Finance", "Relationships", "Lifestyle", "Drugs", "Alcohol", "EmotionalWellbeing", "ThinkingAndBehaviour", "Attitudes" }
            .Select(n => (object)new { need = n, severity, linkedToOffending = severity != "NoProblems", linkedToHarm = false }).ToArray();
}
