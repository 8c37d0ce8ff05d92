using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Inspection;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Case audits through the API on each database: a quality officer audits a case, refusals write nothing, the
/// officer gets and acknowledges feedback, a second quality officer moderates, and results count completed audits.
/// </summary>
public abstract class QualityApiTests(ProbationAppFactory app)
{
    private static readonly string[] Supervision = ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3", "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.4.3"];

    private static object Judge(string id, string judgement) => new { keyQuestionId = id, judgement, evidence = judgement == "No" ? "Not sufficient: " + id : null };

    private async Task<(HttpClient Quality, string Crn, int Id, int Version)> StartAsync(string user = "quality", string scope = "CaseSupervision")
    {
        var story = await StoryClient.NewCaseAsync(app, "Audited");
        var quality = await app.TokenClientAsync(user);
        var started = await quality.PostAsJsonAsync("/api/v1/quality/audits", new { crn = story.Crn, kind = "Audit", scope });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        return (quality, story.Crn, json.RootElement.GetProperty("id").GetInt32(), json.RootElement.GetProperty("version").GetInt32());
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int id, int version, IEnumerable<object> judgements, bool complete, object[]? prompts = null) =>
        client.PutAsJsonAsync($"/api/v1/quality/audits/{id}", new
        {
            version,
            judgements,
            prompts = prompts ?? [],
            officerInterviewed = true,
            interviewNotes = "Officer interviewed on the phone.",
            strengths = "Good working relationship.",
            areasForImprovement = "Request police call-out information at the start.",
            complete,
        });

    [Fact]
    public async Task QualityOfficer_AuditsACase_DraftThenComplete_AndRefusalsWriteNothing()
    {
        var (quality, crn, id, version) = await StartAsync();

        var draft = await SaveAsync(quality, id, version, [Judge("2.1.1", "Yes"), Judge("2.1.3", "No")], complete: false, [new { promptId = "2.1.3b", answer = "No" }]);
        Assert.True(draft.StatusCode == HttpStatusCode.Created, await draft.Content.ReadAsStringAsync());
        version++;

        // Completing with key questions unjudged, a "no" without evidence, or not applicable on 2.1.3: refused, nothing written.
        var incomplete = await SaveAsync(quality, id, version, [Judge("2.1.1", "Yes")], complete: true);
        Assert.Equal((HttpStatusCode)422, incomplete.StatusCode);
        Assert.Contains("Judge key question", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noEvidence = await SaveAsync(quality, id, version, Supervision.Select(q => (object)new { keyQuestionId = q, judgement = "No" }), complete: true);
        Assert.Equal((HttpStatusCode)422, noEvidence.StatusCode);
        var notApplicable = await SaveAsync(quality, id, version, Supervision.Select(q => Judge(q, q == "2.1.3" ? "NotApplicable" : "Yes")), complete: true);
        Assert.Equal((HttpStatusCode)422, notApplicable.StatusCode);
        Assert.Equal(version, await app.WithDbAsync(db => db.CaseAssessments.Where(a => a.Id == id).Select(a => a.Version).SingleAsync()));

        // A stale version through If-Match is 412.
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/quality/audits/{id}") { Content = JsonContent.Create(new { judgements = Array.Empty<object>(), complete = false }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version - 1}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await quality.SendAsync(stale)).StatusCode);

        var complete = await SaveAsync(quality, id, version, Supervision.Select(q => Judge(q, q is "2.1.3" or "2.2.3" ? "No" : q == "2.4.3" ? "NotApplicable" : "Yes")), complete: true);
        Assert.True(complete.StatusCode == HttpStatusCode.Created, await complete.Content.ReadAsStringAsync());
        version++;

        var audit = await GetAsync(quality, $"/api/v1/quality/audits/{id}");
        Assert.Equal("Completed", audit.GetProperty("status").GetString());
        Assert.Equal(crn, audit.GetProperty("crn").GetString());
        var judgements = audit.GetProperty("standards").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray())
            .ToDictionary(q => q.GetProperty("question").GetProperty("id").GetString()!, q => q.GetProperty("judgement").GetString());
        Assert.Equal("No", judgements["2.1.3"]);
        Assert.Equal("NotApplicable", judgements["2.4.3"]);
        Assert.Equal(12, judgements.Count);

        // A completed audit's judgements stand.
        Assert.Equal((HttpStatusCode)422, (await SaveAsync(quality, id, version, [Judge("2.1.1", "No")], complete: false)).StatusCode);

        // Reads and changes are in the audit log against the case.
        var purposes = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subjects.Any(s => s.Crn == crn)).Select(e => e.Purpose).ToListAsync());
        Assert.Contains("Audit started", purposes);
        Assert.Contains("Audit completed", purposes);
        Assert.Contains("Case audit", purposes);
    }

    [Fact]
    public async Task OnlyQualityStaff_AuditCases_AndManagersReadThem()
    {
        var (_, crn, id, _) = await StartAsync();
        var po = await app.TokenClientAsync("po");
        Assert.Equal((HttpStatusCode)422, (await po.PostAsJsonAsync("/api/v1/quality/audits", new { crn, kind = "Audit", scope = "CaseSupervision" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await po.GetAsync("/api/v1/quality/audits")).StatusCode);
        var manager = await app.TokenClientAsync("manager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/quality/audits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/quality/audits/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/quality/audits")).StatusCode);
    }

    [Fact]
    public async Task QualityEvent_HasTwoPractitioners()
    {
        var story = await StoryClient.NewCaseAsync(app, "Event");
        var quality = await app.TokenClientAsync("quality");
        var (practitioners, officerId) = await app.WithDbAsync(async db =>
        {
            var officer = await db.People.Where(p => p.Crn == Probation.Domain.Common.Crn.Parse(story.Crn)).Select(p => p.ResponsibleOfficerId!.Value).SingleAsync();
            var others = await db.Staff.Where(s => s.Id != officer && s.Active && (s.Grade == Domain.Organisation.StaffGrade.ProbationOfficer || s.Grade == Domain.Organisation.StaffGrade.ProbationServicesOfficer))
                .OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();
            return (others, officer);
        });
        var before = await app.WithDbAsync(db => db.CaseAssessments.CountAsync());
        var one = await quality.PostAsJsonAsync("/api/v1/quality/audits", new { crn = story.Crn, kind = "QualityEvent", scope = "CaseSupervision", participantIds = practitioners.Take(1) });
        Assert.Equal((HttpStatusCode)422, one.StatusCode);
        var own = await quality.PostAsJsonAsync("/api/v1/quality/audits", new { crn = story.Crn, kind = "QualityEvent", scope = "CaseSupervision", participantIds = new[] { practitioners[0], officerId } });
        Assert.Equal((HttpStatusCode)422, own.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.CaseAssessments.CountAsync()));

        var two = await quality.PostAsJsonAsync("/api/v1/quality/audits", new { crn = story.Crn, kind = "QualityEvent", scope = "CaseSupervision", participantIds = practitioners });
        Assert.True(two.StatusCode == HttpStatusCode.Created, await two.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await two.Content.ReadAsStringAsync());
        var audit = await GetAsync(quality, $"/api/v1/quality/audits/{json.RootElement.GetProperty("id").GetInt32()}");
        Assert.Equal("QualityEvent", audit.GetProperty("kind").GetString());
        Assert.Equal(2, audit.GetProperty("participants").GetArrayLength());
    }

    [Fact]
    public async Task Feedback_GoesToTheOfficer_WhoAcknowledgesIt_AndASecondAuditorModerates()
    {
        var (quality, crn, id, version) = await StartAsync();
        Assert.Equal((HttpStatusCode)422, (await quality.PostAsJsonAsync($"/api/v1/quality/audits/{id}/feedback", new { text = "Too early." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SaveAsync(quality, id, version, Supervision.Select(q => Judge(q, q.EndsWith(".3", StringComparison.Ordinal) ? "No" : "Yes")), complete: true)).StatusCode);

        var feedback = await quality.PostAsJsonAsync($"/api/v1/quality/audits/{id}/feedback", new { text = "Ask for police call-out information before the plan." });
        Assert.True(feedback.StatusCode == HttpStatusCode.Created, await feedback.Content.ReadAsStringAsync());
        using var f = JsonDocument.Parse(await feedback.Content.ReadAsStringAsync());
        var feedbackId = f.RootElement.GetProperty("id").GetInt32();

        var po = await app.TokenClientAsync("po");
        var mine = await GetAsync(po, "/api/v1/quality/feedback");
        var task = mine.EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == feedbackId);
        Assert.Equal(crn, task.GetProperty("crn").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("acknowledgedOn").ValueKind);
        Assert.Equal((HttpStatusCode)422, (await po.PostAsJsonAsync($"/api/v1/quality/feedback/{feedbackId}/acknowledgement", new { response = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await po.PostAsJsonAsync($"/api/v1/quality/feedback/{feedbackId}/acknowledgement", new { response = "Done at the review." })).StatusCode);
        Assert.Equal((HttpStatusCode)422, (await po.PostAsJsonAsync($"/api/v1/quality/feedback/{feedbackId}/acknowledgement", new { response = "Again." })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.TokenClientAsync("pso")).PostAsJsonAsync($"/api/v1/quality/feedback/{feedbackId}/acknowledgement", new { response = "Not mine." })).StatusCode);

        // The first auditor cannot moderate their own audit; the second quality officer can, and disagrees on 2.1.3.
        Assert.Equal((HttpStatusCode)422, (await quality.PostAsJsonAsync("/api/v1/quality/audits", new { crn, kind = "Audit", scope = "CaseSupervision", moderatesId = id })).StatusCode);
        var second = await app.TokenClientAsync("quality2");
        var moderation = await second.PostAsJsonAsync("/api/v1/quality/audits", new { crn, kind = "Audit", scope = "CaseSupervision", moderatesId = id });
        Assert.True(moderation.StatusCode == HttpStatusCode.Created, await moderation.Content.ReadAsStringAsync());
        using var m = JsonDocument.Parse(await moderation.Content.ReadAsStringAsync());
        var moderationId = m.RootElement.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await SaveAsync(second, moderationId, m.RootElement.GetProperty("version").GetInt32(),
            Supervision.Select(q => Judge(q, q is "2.2.3" or "2.3.3" or "2.4.3" ? "No" : "Yes")), complete: true)).StatusCode);
        var compared = await GetAsync(second, $"/api/v1/quality/audits/{moderationId}/moderation");
        var disagreements = compared.GetProperty("disagreements").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(["2.1.3"], disagreements);
        Assert.Equal(12, compared.GetProperty("compared").GetInt32());
    }

    [Fact]
    public async Task Results_CountCompletedAudits_ByKeyQuestion_AndBandThem()
    {
        // Three audits of one officer's cases: 2.1.3 yes in two of three (67%: Good); 2.2.3 yes in one, one no, one not applicable (50%).
        var officer = await app.WithDbAsync(db => db.Staff.Where(s => s.UserName == "po").Select(s => s.Id).SingleAsync());
        var before = await GetAsync(await app.TokenClientAsync("quality"), $"/api/v1/quality/results?officerId={officer}");
        int Count(JsonElement results, string id, string what) => results.GetProperty("provider").GetProperty("standards").EnumerateArray()
            .SelectMany(s => s.GetProperty("keyQuestions").EnumerateArray()).Where(k => k.GetProperty("id").GetString() == id).Select(k => k.GetProperty(what).GetInt32()).SingleOrDefault();

        string[][] plans =
        [
            ["Yes", "Yes"],
            ["Yes", "No"],
            ["No", "NotApplicable"],
        ];
        foreach (var plan in plans)
        {
            var (quality, _, id, version) = await StartAsync();
            var response = await SaveAsync(quality, id, version, Supervision.Select(q => Judge(q, q == "2.1.3" ? plan[0] : q == "2.2.3" ? plan[1] : "Yes")), complete: true);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        // A draft does not count.
        await StartAsync();

        var after = await GetAsync(await app.TokenClientAsync("leader"), $"/api/v1/quality/results?officerId={officer}");
        Assert.Equal(before.GetProperty("audits").GetInt32() + 3, after.GetProperty("audits").GetInt32());
        Assert.Equal(Count(before, "2.1.3", "yes") + 2, Count(after, "2.1.3", "yes"));
        Assert.Equal(Count(before, "2.1.3", "no") + 1, Count(after, "2.1.3", "no"));
        Assert.Equal(Count(before, "2.2.3", "yes") + 1, Count(after, "2.2.3", "yes"));
        Assert.Equal(Count(before, "2.2.3", "no") + 1, Count(after, "2.2.3", "no"));
        Assert.Equal(Count(before, "2.2.3", "notApplicable") + 1, Count(after, "2.2.3", "notApplicable"));
        var yes = Count(after, "2.1.3", "yes");
        var no = Count(after, "2.1.3", "no");
        var kq = after.GetProperty("provider").GetProperty("standards").EnumerateArray().SelectMany(s => s.GetProperty("keyQuestions").EnumerateArray()).Single(k => k.GetProperty("id").GetString() == "2.1.3");
        Assert.Equal(Ratings.PercentYes(yes, no), kq.GetProperty("percent").GetInt32());
        Assert.Equal(Ratings.Band(Ratings.PercentYes(yes, no)).ToString(), kq.GetProperty("band").GetString());
        Assert.Contains(after.GetProperty("byOfficer").EnumerateArray(), o => o.GetProperty("id").GetInt32() == officer);

        // The readiness page shows the latest audit result beside each live indicator.
        var readiness = await GetAsync(await app.TokenClientAsync("leader"), $"/api/v1/reports/inspection-readiness?officerId={officer}");
        var audited = readiness.GetProperty("standards").EnumerateArray().SelectMany(s => s.GetProperty("keyQuestions").EnumerateArray())
            .Single(k => k.GetProperty("id").GetString() == "2.1.3").GetProperty("latestAudit");
        Assert.Equal(yes, audited.GetProperty("yes").GetInt32());
        Assert.Equal(no, audited.GetProperty("no").GetInt32());
        Assert.Equal(Ratings.PercentYes(yes, no), audited.GetProperty("percent").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.TokenClientAsync("leader")).GetAsync("/api/v1/quality/results?from=2026-12-01&to=2026-11-01")).StatusCode);
    }
}

public sealed class SqliteQualityApiTests(ProbationAppFactory app) : QualityApiTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresQualityApiTests(PostgresAppFactory app) : QualityApiTests(app), IClassFixture<PostgresAppFactory>;
