using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Audit;
using Probation.Domain.Oversight;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Management oversight: the team manager's page, whose every number is the length of the list behind it;
/// oversight recorded on a case; staff supervision. Each through the API and the pages, on both databases.
/// </summary>
public abstract class OversightTests(ProbationAppFactory app)
{
    private Task<StoryClient> NewCaseAsync() => StoryClient.NewCaseAsync(app, "Oversight");

    private async Task<JsonElement> TeamAsync(string user, int teamId, string query = "")
    {
        var response = await (await app.TokenClientAsync(user)).GetAsync($"/api/v1/oversight/teams/{teamId}{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Officer(JsonElement team, int staffId) =>
        team.GetProperty("officers").EnumerateArray().Single(o => o.GetProperty("staffId").GetInt32() == staffId);

    private static int Count(JsonElement row, OversightMeasure m) => row.GetProperty("counts").GetProperty(m.ToString()).GetInt32();

    [Fact]
    public async Task EachNumber_IsTheListBehindIt_ForTheTeamAndEachOfficer()
    {
        var story = await NewCaseAsync();
        var (teamId, poId) = await story.OfficerAsync("po");
        var manager = await app.TokenClientAsync("manager");
        var team = await TeamAsync("manager", teamId);
        foreach (var m in OversightMeasures.All)
        {
            using var all = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/oversight/teams/{teamId}/cases?measure={m}"));
            var rows = all.RootElement.GetProperty("cases").EnumerateArray().ToList();
            var total = team.GetProperty("totals").GetProperty(m.ToString()).GetInt32();
            Assert.Equal(total, all.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(total, rows.Sum(r => r.GetProperty("value").GetInt32()));
            Assert.All(rows, r => Assert.True(r.GetProperty("value").GetInt32() > 0));
            Assert.Equal(total, team.GetProperty("officers").EnumerateArray().Sum(o => Count(o, m)));

            using var mine = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/oversight/teams/{teamId}/cases?measure={m}&officer={poId}"));
            Assert.Equal(Count(Officer(team, poId), m), mine.RootElement.GetProperty("total").GetInt32());
        }

        Assert.True(Count(Officer(team, poId), OversightMeasure.Cases) > 0);
    }

    [Fact]
    public async Task TheQueueAndWorkloadNumbers_AreTheAllocationPagesNumbers()
    {
        var story = await NewCaseAsync();
        var (teamId, _) = await story.OfficerAsync("po");
        var manager = await app.TokenClientAsync("manager");
        var team = await TeamAsync("manager", teamId);

        // Waiting for allocation: the queue's length; referred to the manager: the queue's cases the matrix leaves to them.
        using var queue = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/teams/{teamId}/allocation-queue"));
        var rows = queue.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, team.GetProperty("awaitingAllocation").GetInt32());
        var referred = rows.Count(r => r.GetProperty("decidedBy").ValueKind == JsonValueKind.String && r.GetProperty("decidedBy").GetString() == "TeamManager");
        var restricted = rows.Count(r => r.GetProperty("accessRestricted").GetBoolean());
        Assert.InRange(team.GetProperty("referredToManager").GetInt32(), referred, referred + restricted);

        // Each officer's points and capacity: the workload allocation weighs, over every case they hold.
        using var workload = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/teams/{teamId}/workload"));
        var loads = workload.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(loads);
        foreach (var load in loads)
        {
            var officer = Officer(team, load.GetProperty("staffId").GetInt32());
            Assert.Equal(load.GetProperty("points").GetInt32(), officer.GetProperty("points").GetInt32());
            Assert.Equal(load.GetProperty("capacityPercent").GetDouble(), officer.GetProperty("capacityPercent").GetDouble());
        }

        Assert.Contains(loads, l => l.GetProperty("points").GetInt32() > 0);
    }

    [Fact]
    public async Task RecordedWork_MovesTheNumbers_ByExactlyWhatWasRecorded()
    {
        var story = await NewCaseAsync();
        var (teamId, poId) = await story.OfficerAsync("po");
        var before = Officer(await TeamAsync("manager", teamId), poId);

        await story.WriteAsync("po", HttpMethod.Post, "checks", new { kind = "ChildrensServices", requestedOn = story.Today.ToString("yyyy-MM-dd") });
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = story.Today.AddDays(-1).ToString("yyyy-MM-dd"), kind = "Office", outcome = "FailedToAttend" });
        var direction = await story.WriteAsync("manager", HttpMethod.Post, "oversight/directions", new { direction = "Chase the children's services check.", checkBy = story.Today.AddDays(7).ToString("yyyy-MM-dd") });

        // A direction whose check date has come (set straight in the store: the clock cannot run backwards).
        var crn = Probation.Domain.Common.Crn.Parse(story.Crn);
        // Like any change to a case's records, it moves the case's version on.
        var version = await app.WithDbAsync(async db =>
        {
            var entry = await db.OversightEntries.SingleAsync(o => o.Id == direction);
            entry.CheckBy = story.Today;
            await db.SaveChangesAsync();
            return await db.People.Where(p => p.Crn == crn).Select(p => p.Version).SingleAsync();
        });
        Assert.Equal(story.Version + 1, version);
        story.Use(story.Crn, version);

        var after = Officer(await TeamAsync("manager", teamId), poId);
        Assert.Equal(Count(before, OversightMeasure.Cases), Count(after, OversightMeasure.Cases));
        Assert.Equal(Count(before, OversightMeasure.ChecksAwaitingAnswer) + 1, Count(after, OversightMeasure.ChecksAwaitingAnswer));
        Assert.Equal(Count(before, OversightMeasure.AbsencesAwaitingDecision) + 1, Count(after, OversightMeasure.AbsencesAwaitingDecision));
        Assert.Equal(Count(before, OversightMeasure.DirectionsDueForCheck) + 1, Count(after, OversightMeasure.DirectionsDueForCheck));
        Assert.Equal(before.GetProperty("oversightRecorded").GetInt32() + 1, after.GetProperty("oversightRecorded").GetInt32());

        using var list = JsonDocument.Parse(await (await app.TokenClientAsync("manager")).GetStringAsync($"/api/v1/oversight/teams/{teamId}/cases?measure=ChecksAwaitingAnswer&officer={poId}"));
        var row = list.RootElement.GetProperty("cases").EnumerateArray().Single(r => r.GetProperty("crn").GetString() == story.Crn);
        Assert.Contains("Children's services check requested on", row.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Consulted && e.Subjects.Any(s => s.Crn == crn.Value)).Select(e => e.Purpose).ToListAsync()),
            p => p == "Team oversight: Checks awaiting an answer");

        // Checking the direction takes it off the count.
        await story.WriteAsync("manager", HttpMethod.Patch, $"oversight/directions/{direction}", new { followed = true });
        Assert.Equal(Count(before, OversightMeasure.DirectionsDueForCheck), Count(Officer(await TeamAsync("manager", teamId), poId), OversightMeasure.DirectionsDueForCheck));
    }

    [Fact]
    public async Task Filters_AndSort_ApplyToTheOfficers_AndBadValuesAre400()
    {
        var (teamId, _) = await new StoryClient(app).OfficerAsync("po");
        var psos = await TeamAsync("manager", teamId, "?grade=ProbationServicesOfficer");
        Assert.NotEmpty(psos.GetProperty("officers").EnumerateArray());
        Assert.All(psos.GetProperty("officers").EnumerateArray(), o => Assert.Equal("ProbationServicesOfficer", o.GetProperty("grade").GetString()));

        var sorted = (await TeamAsync("manager", teamId, "?sort=Cases&order=desc")).GetProperty("officers").EnumerateArray().Select(o => Count(o, OversightMeasure.Cases)).ToList();
        Assert.Equal(sorted.OrderDescending(), sorted);
        var high = await TeamAsync("manager", teamId, "?highAlerts=true");
        Assert.All(high.GetProperty("officers").EnumerateArray(), o => Assert.True(Count(o, OversightMeasure.HighAlerts) > 0));

        var manager = await app.TokenClientAsync("manager");
        foreach (var bad in new[] { "?grade=Wizard", "?sort=Nothing", "?order=sideways", "?grade=3" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"/api/v1/oversight/teams/{teamId}{bad}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"/api/v1/oversight/teams/{teamId}/cases?measure=Everything")).StatusCode);
    }

    [Fact]
    public async Task OnlyOverseers_OfTheProvider_SeeTheTeamPage()
    {
        var (teamId, _) = await new StoryClient(app).OfficerAsync("po");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.TokenClientAsync("po")).GetAsync($"/api/v1/oversight/teams/{teamId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.TokenClientAsync("po")).GetAsync($"/api/v1/oversight/teams/{teamId}/cases?measure=Cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.TokenClientAsync("manager")).GetAsync("/api/v1/oversight/teams/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.TokenClientAsync("leader")).GetAsync($"/api/v1/oversight/teams/{teamId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.TokenClientAsync("quality")).GetAsync($"/api/v1/oversight/teams/{teamId}")).StatusCode);
    }

    [Fact]
    public async Task Directions_AreTheTeamManagers_WithACheckDate_AndAreCheckedOnce()
    {
        var story = await NewCaseAsync();
        var next = story.Today.AddDays(14).ToString("yyyy-MM-dd");
        Assert.Contains("manager of the team", await story.RefusedAsync("po", HttpMethod.Post, "oversight/directions", new { direction = "Do it.", checkBy = next }), StringComparison.Ordinal);
        Assert.Contains("direction", await story.RefusedAsync("manager", HttpMethod.Post, "oversight/directions", new { direction = " ", checkBy = next }), StringComparison.Ordinal);
        Assert.Contains("after today", await story.RefusedAsync("manager", HttpMethod.Post, "oversight/directions", new { direction = "Do it.", checkBy = story.Today.ToString("yyyy-MM-dd") }), StringComparison.Ordinal);
        Assert.Contains("check", await story.RefusedAsync("manager", HttpMethod.Post, "oversight/directions", new { direction = "Do it." }), StringComparison.Ordinal);
        var crn = Probation.Domain.Common.Crn.Parse(story.Crn);
        Assert.Equal(0, await app.WithDbAsync(db => db.OversightEntries.CountAsync(o => db.People.Any(p => p.Id == o.PersonId && p.Crn == crn))));

        var id = await story.WriteAsync("manager", HttpMethod.Post, "oversight/directions", new { direction = "Request police call-out information and revise the risk management plan.", checkBy = next });
        Assert.Contains("what was not done", await story.RefusedAsync("manager", HttpMethod.Patch, $"oversight/directions/{id}", new { followed = false }), StringComparison.Ordinal);
        await story.WriteAsync("manager", HttpMethod.Patch, $"oversight/directions/{id}", new { followed = false, comment = "Check not requested; asked again, to be done by Friday." });
        Assert.Contains("was checked on", await story.RefusedAsync("manager", HttpMethod.Patch, $"oversight/directions/{id}", new { followed = true }), StringComparison.Ordinal);

        var oversight = (await story.SupervisionAsync("po")).GetProperty("oversight");
        var entry = Assert.Single(oversight.EnumerateArray());
        Assert.Equal("Direction", entry.GetProperty("kind").GetString());
        Assert.False(entry.GetProperty("followed").GetBoolean());
        Assert.Equal(story.Today.ToString("yyyy-MM-dd"), entry.GetProperty("checkedOn").GetString());
    }

    [Fact]
    public async Task Countersignatures_OnlyOfCompletedWork_AndOnlyOnce()
    {
        var story = await NewCaseAsync();
        var started = await story.WriteAsync("po", HttpMethod.Post, "assessments", new { kind = "Initial", startedOn = story.Today.ToString("yyyy-MM-dd"), currentOffence = "Theft." });
        Assert.Contains("completed assessment", await story.RefusedAsync("manager", HttpMethod.Post, "oversight/countersignatures", new { subject = "Assessment", subjectId = started }), StringComparison.Ordinal);
        Assert.Contains("not completed", await story.RefusedAsync("manager", HttpMethod.Post, "oversight/countersignatures", new { subject = "Plan" }), StringComparison.Ordinal);
        Assert.Contains("reviews", await story.RefusedAsync("manager", HttpMethod.Post, "oversight/countersignatures", new { subject = "Review", subjectId = 999999 }), StringComparison.Ordinal);

        var review = await story.WriteAsync("po", HttpMethod.Post, "reviews", new
        {
            kind = "Scheduled",
            completedOn = story.Today.ToString("yyyy-MM-dd"),
            offendingFactorChanges = "Drinking less.",
            riskFactorChanges = "None.",
            personsInvolvement = "Took part.",
            planAdjusted = true,
        });
        await story.WriteAsync("manager", HttpMethod.Post, "oversight/countersignatures", new { subject = "Review", subjectId = review, comment = "Good analysis of the drinking." });
        Assert.Contains("was countersigned on", await story.RefusedAsync("manager", HttpMethod.Post, "oversight/countersignatures", new { subject = "Review", subjectId = review }), StringComparison.Ordinal);
        var entry = Assert.Single((await story.SupervisionAsync("po")).GetProperty("oversight").EnumerateArray());
        Assert.StartsWith("Review completed", entry.GetProperty("what").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffSupervision_ByTheTeamManager_OfCasesOnTheOfficersCaseload()
    {
        var story = await NewCaseAsync();
        var (_, poId) = await story.OfficerAsync("po");
        var manager = await app.TokenClientAsync("manager");
        var today = story.Today;

        async Task<HttpResponseMessage> Post(HttpClient c, object body) => await c.PostAsJsonAsync($"/api/v1/staff/{poId}/supervision", body);
        var before = await app.WithDbAsync(db => db.StaffSupervisionRecords.CountAsync());
        Assert.Equal((HttpStatusCode)422, (await Post(manager, new { on = today.AddDays(1), crns = new[] { story.Crn } })).StatusCode);
        Assert.Equal((HttpStatusCode)422, (await Post(manager, new { on = today, crns = Array.Empty<string>() })).StatusCode);
        var notHers = await app.WithDbAsync(db => db.People.Where(p => p.ResponsibleOfficerId != poId && p.ResponsibleOfficerId != null).Select(p => p.Crn).FirstAsync());
        var refused = await Post(manager, new { on = today, crns = new[] { story.Crn, notHers.Value } });
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        Assert.Contains(notHers.Value, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(await app.TokenClientAsync("po"), new { on = today, crns = new[] { story.Crn } })).StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.StaffSupervisionRecords.CountAsync()));

        var created = await Post(manager, new { on = today, crns = new[] { story.Crn.ToLowerInvariant() }, notes = "Discussed the new case's risk of harm." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var page = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/staff/{poId}/supervision"));
        var session = page.RootElement.GetProperty("sessions")[0];
        Assert.Equal(story.Crn, session.GetProperty("cases")[0].GetProperty("crn").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.TokenClientAsync("po")).GetAsync($"/api/v1/staff/{poId}/supervision")).StatusCode);

        var (teamId, _) = await story.OfficerAsync("po");
        Assert.Equal(today.ToString("yyyy-MM-dd"), Officer(await TeamAsync("manager", teamId), poId).GetProperty("lastStaffSupervision").GetString());
    }

    [Fact]
    public async Task TeamPage_ShowsEachOfficerWithLinkedNumbers_AndTheCasesPageListsThem()
    {
        var story = await NewCaseAsync();
        var (teamId, poId) = await story.OfficerAsync("po");
        var manager = await app.SignInAsync("manager");
        var html = await manager.GetStringAsync($"/teams/{teamId}/oversight");
        Assert.Contains("Team oversight", html, StringComparison.Ordinal);
        Assert.Contains($"data-officer=\"{poId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"/teams/{teamId}/oversight/cases?measure=Cases&amp;officer={poId}", html, StringComparison.Ordinal);
        Assert.Contains("What each number counts", html, StringComparison.Ordinal);
        var cases = await manager.GetStringAsync($"/teams/{teamId}/oversight/cases?measure=Cases&officer={poId}");
        Assert.Contains(story.Crn, cases, StringComparison.Ordinal);

        var disclosed = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Disclosed));
        var csv = await manager.GetAsync($"/teams/{teamId}/oversight?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("officer,grade,capacityPercent,Cases,HighAlerts", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("\"Team\"", lines[^1], StringComparison.Ordinal);
        Assert.Equal(disclosed + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Disclosed)));

        Assert.Contains("Choose a grade", await manager.GetStringAsync($"/teams/{teamId}/oversight?grade=Wizard"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/teams/{teamId}/oversight/cases?measure=Nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("po")).GetAsync($"/teams/{teamId}/oversight")).StatusCode);
    }

    [Fact]
    public async Task CaseOversightPage_RefusesAnEmptyDirection_WithAnErrorSummary_AndRecordsAGoodOne()
    {
        var story = await NewCaseAsync();
        var manager = await app.SignInAsync("manager");
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/oversight";
        var token = await ProbationAppFactory.AntiforgeryTokenAsync(manager, path);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Direct.Version"] = story.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Direct.Direction"] = "",
            ["Direct.CheckBy.Day"] = story.Today.AddDays(10).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Direct.CheckBy.Month"] = story.Today.AddDays(10).Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Direct.CheckBy.Year"] = story.Today.AddDays(10).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var refused = await manager.PostAsync(path + "?handler=Direct", new FormUrlEncodedContent(form));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Enter your direction to the officer", html, StringComparison.Ordinal);

        form["Direct.Direction"] = "Book a home visit within a week.";
        var saved = await manager.PostAsync(path + "?handler=Direct", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = await manager.GetStringAsync(saved.Headers.Location);
        Assert.Contains("Your direction is recorded", shown, StringComparison.Ordinal);
        Assert.Contains("Book a home visit within a week.", shown, StringComparison.Ordinal);

        // The officer sees the direction but no forms.
        var po = await (await app.SignInAsync("po")).GetStringAsync(path);
        Assert.Contains("Book a home visit within a week.", po, StringComparison.Ordinal);
        Assert.DoesNotContain("direct-form", po, StringComparison.Ordinal);
    }
}

public sealed class SqliteOversightTests(ProbationAppFactory app) : OversightTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresOversightTests(PostgresAppFactory app) : OversightTests(app), IClassFixture<PostgresAppFactory>;
