using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// A person in custody on the demo provider, told through the API: made and allocated to the demo officer, then
/// worked by the demo resettlement worker under <c>/api/v1/resettlement/{crn}</c>.
/// </summary>
public sealed class CustodyStory(ProbationAppFactory app)
{
    private static int _people;

    public StoryClient Story { get; } = new(app);

    public string Crn => Story.Crn;

    /// <summary>A custodial sentence from 1 September 2026, allocated to the demo officer (the community responsible officer).</summary>
    public static async Task<CustodyStory> NewAsync(ProbationAppFactory app, string firstName, string gender = "Male")
    {
        app.SkipIfUnavailable();
        var s = new CustodyStory(app);
        var (teamId, _) = await s.Story.OfficerAsync("po");
        var n = Interlocked.Increment(ref _people);
        await s.Story.CreateAndAllocateAsync(
            new
            {
                firstName,
                lastName = "Custody" + n,
                dateOfBirth = "1990-05-05",
                gender,
                teamId,
                source = "Court",
                receivedOn = "2026-09-01",
                orderType = "Custody",
                orderStart = "2026-09-01",
                lengthMonths = 24,
                court = "Teesside Crown Court",
                mainOffence = "Acquisitive",
                rosh = "Medium",
                ogrsScore = 60,
            },
            "po");
        return s;
    }

    /// <summary>Received into HMP Durham on 2 November 2026, sentenced the day before to 24 months, due out on 9 December 2026.</summary>
    public static object Custody(string prison = "PR-DUR", string release = "2026-12-09") => new
    {
        prisonCode = prison,
        receptionDate = "2026-11-02",
        sentenceDate = "2026-09-01",
        sentenceLengthMonths = 24,
        expectedReleaseDate = release,
        releaseType = "ConditionalRelease",
        womensThroughcare = false,
    };

    public static object[] Pathways(string status = "SupportNotRequired", string? accommodation = null) =>
        new[] { "Accommodation", "EducationTrainingEmployment", "FinanceBenefitDebt", "Drugs", "Alcohol", "HealthAndMentalHealth", "FamilyAndRelationships", "DomesticAbuse", "SexWork" }
            .Select(p => (object)new
            {
                pathway = p,
                status = p == "Accommodation" && accommodation is not null ? accommodation : status,
                actions = "Referral made and followed up.",
                partner = "Changing Lives",
            }).ToArray();

    public async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, object body, int? version = null)
    {
        var request = new HttpRequestMessage(method, $"/api/v1/resettlement/{Crn}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version ?? Story.Version}\""));
        return await (await Story.As(user)).SendAsync(request);
    }

    /// <summary>A write that must succeed; returns the record's id.</summary>
    public async Task<int> WriteAsync(HttpMethod method, string path, object body, string user = "ttg")
    {
        var response = await SendAsync(user, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{method} {path}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        Story.Use(Crn, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal($"\"{Story.Version}\"", response.Headers.ETag?.Tag);
        return json.RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>A write the product must refuse: the ProblemDetails' detail, and the field it names (if any).</summary>
    public async Task<(string Detail, string? Field)> RefusedAsync(HttpMethod method, string path, object body, HttpStatusCode expected = HttpStatusCode.UnprocessableEntity, string user = "ttg", int? version = null)
    {
        var response = await SendAsync(user, method, path, body, version);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        var field = json.RootElement.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).FirstOrDefault() : null;
        return (json.RootElement.GetProperty("detail").GetString()!, field);
    }

    public async Task<JsonElement> ReadAsync(string user = "ttg")
    {
        var response = await (await Story.As(user)).GetAsync($"/api/v1/resettlement/{Crn}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<List<string>> AlertCodesAsync() =>
        (await ReadAsync()).GetProperty("current").GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("code").GetString()!).ToList();
}

/// <summary>
/// Through the Gate through the API on each database: bad input refused clearly and nothing written; the
/// work from reception to release resolving each alert; access, versions and audit as the supervision API.
/// </summary>
public abstract class ResettlementApiTests(ProbationAppFactory app)
{
    private Task<int> CustodyCountAsync(string crn) =>
        app.WithDbAsync(async db =>
        {
            var parsed = Probation.Domain.Common.Crn.Parse(crn);
            var id = await db.People.Where(p => p.Crn == parsed).Select(p => p.Id).SingleAsync();
            return await db.CustodyRecords.CountAsync(c => c.PersonId == id);
        });

    private Task<int> VersionAsync(string crn) => StoryClient.CaseAsync(app, crn, p => p.Version);

    [Fact]
    public async Task Custody_WithReleaseBeforeTheSentenceDate_IsRefused_AndNothingIsWritten()
    {
        var s = await CustodyStory.NewAsync(app, "Early");
        var before = await VersionAsync(s.Crn);
        var (detail, field) = await s.RefusedAsync(HttpMethod.Post, "custody", new
        {
            prisonCode = "PR-DUR",
            receptionDate = "2026-11-02",
            sentenceDate = "2026-09-01",
            sentenceLengthMonths = 24,
            expectedReleaseDate = "2026-08-01",
            releaseType = "ConditionalRelease",
        });
        Assert.Equal("The expected release date must be after the sentence date (1 September 2026)", detail);
        Assert.Equal("expectedReleaseDate", field);
        Assert.Equal(0, await CustodyCountAsync(s.Crn));
        Assert.Equal(before, await VersionAsync(s.Crn));
    }

    [Fact]
    public async Task Custody_BadOrMissingInput_IsRefused_NeverA500()
    {
        var s = await CustodyStory.NewAsync(app, "Bad");
        Assert.Equal("prisonCode", (await s.RefusedAsync(HttpMethod.Post, "custody", new
        {
            prisonCode = "DC-STO",
            receptionDate = "2026-11-02",
            sentenceDate = "2026-09-01",
            sentenceLengthMonths = 24,
            expectedReleaseDate = "2026-12-09",
            releaseType = "ConditionalRelease",
        })).Field);
        Assert.Contains("releaseType", (await s.RefusedAsync(HttpMethod.Post, "custody", new
        {
            prisonCode = "PR-DUR",
            receptionDate = "2026-11-02",
            sentenceDate = "2026-09-01",
            sentenceLengthMonths = 24,
            expectedReleaseDate = "2026-12-09",
        }, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        Assert.Equal("expectedReleaseDate", (await s.RefusedAsync(HttpMethod.Post, "custody", CustodyStory.Custody(release: "2026-10-30"))).Field); // before reception
        Assert.Equal(0, await CustodyCountAsync(s.Crn));

        // Nothing to screen before the custody is recorded.
        Assert.Contains("no open custody record", (await s.RefusedAsync(HttpMethod.Put, "screening", new { on = "2026-11-03", pathways = CustodyStory.Pathways() })).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromReceptionToRelease_EachPieceOfWork_ResolvesItsAlert()
    {
        var s = await CustodyStory.NewAsync(app, "Through");
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody());

        // 26 November: screening was due on 9 November, the plan too (twelve weeks before release is earlier), release is 13 days away.
        Assert.Equal(["ScreeningOverdue", "PlanOverdue", "NoAccommodationNearRelease", "NoHandover"], await s.AlertCodesAsync());
        var record = await s.ReadAsync();
        Assert.Equal("2026-11-09", record.GetProperty("current").GetProperty("due").GetProperty("screening").GetString());
        Assert.Equal(13, record.GetProperty("current").GetProperty("daysToRelease").GetInt32());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("communityOfficer").GetString()));

        // Screening must rate every pathway; then it resolves its alert.
        Assert.Contains("sex work", (await s.RefusedAsync(HttpMethod.Put, "screening", new { on = "2026-11-05", pathways = CustodyStory.Pathways().Take(8).ToArray() })).Detail, StringComparison.Ordinal);
        await s.WriteAsync(HttpMethod.Put, "screening", new { on = "2026-11-05", pathways = CustodyStory.Pathways("SupportRequired") });
        Assert.DoesNotContain("ScreeningOverdue", await s.AlertCodesAsync());

        // The plan: work under way needs a partner; risk of harm must be considered.
        var noPartner = CustodyStory.Pathways().Select((p, i) => i == 0 ? new { pathway = "Accommodation", status = "SupportRequired", actions = "Housing options referral", partner = (string?)null } : p).ToArray();
        var (detail, field) = await s.RefusedAsync(HttpMethod.Put, "plan", new { on = "2026-11-20", pathways = noPartner, riskOfHarmConsidered = "Victim lives in Stockton: exclusion zone requested." });
        Assert.Equal("Name the partner organisation responsible for accommodation", detail);
        Assert.Equal("accommodation.Partner", field);
        Assert.Equal("riskOfHarmConsidered", (await s.RefusedAsync(HttpMethod.Put, "plan", new { on = "2026-11-20", pathways = CustodyStory.Pathways(), riskOfHarmConsidered = " " })).Field);
        await s.WriteAsync(HttpMethod.Put, "plan", new { on = "2026-11-20", pathways = CustodyStory.Pathways(accommodation: "SupportRequired"), riskOfHarmConsidered = "Victim lives in Stockton: exclusion zone requested." });
        Assert.Equal(["NoAccommodationNearRelease", "NoHandover"], await s.AlertCodesAsync());
        await s.WriteAsync(HttpMethod.Put, "plan", new { on = "2026-11-25", pathways = CustodyStory.Pathways(accommodation: "Done"), riskOfHarmConsidered = "Victim lives in Stockton: exclusion zone requested." });
        Assert.Equal(["NoHandover"], await s.AlertCodesAsync());

        await s.WriteAsync(HttpMethod.Post, "activities", new { on = "2026-11-24", pathway = "FinanceBenefitDebt", description = "Universal Credit advance claim prepared", deliveredBy = "Jobcentre Plus work coach", coordinatedWith = "Prison employment hub" });
        Assert.Equal("to", (await s.RefusedAsync(HttpMethod.Put, "handover", new { on = "2026-11-26", to = "" })).Field);
        await s.WriteAsync(HttpMethod.Put, "handover", new { on = "2026-11-26", to = "Community responsible officer and Thirteen housing", notes = "Plan and risk information shared." });
        Assert.Empty(await s.AlertCodesAsync());

        // The day of release: what was in place. The record then closes.
        Assert.Equal("accommodation", (await s.RefusedAsync(HttpMethod.Put, "release", new { on = "2026-11-26", benefitsInPlace = true })).Field);
        await s.WriteAsync(HttpMethod.Put, "release", new { on = "2026-11-26", accommodation = "SettledAccommodation", firstAppointmentOn = "2026-11-27", benefitsInPlace = true });
        var released = await s.ReadAsync();
        Assert.Equal(JsonValueKind.Null, released.GetProperty("current").ValueKind);
        var past = Assert.Single(released.GetProperty("past").EnumerateArray());
        Assert.Equal("SettledAccommodation", past.GetProperty("accommodationOnRelease").GetString());
        Assert.Equal("Released", past.GetProperty("stage").GetString());
        Assert.Single(past.GetProperty("activities").EnumerateArray());
        Assert.Contains("no open custody record", (await s.RefusedAsync(HttpMethod.Post, "activities", new { on = "2026-11-26", pathway = "Drugs", description = "x", deliveredBy = "y" })).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustodyCorrection_IsCheckedLikeANewRecord_AndASecondOpenRecordIsRefused()
    {
        var s = await CustodyStory.NewAsync(app, "Correct");
        var id = await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody());
        var (detail, field) = await s.RefusedAsync(HttpMethod.Put, $"custody/{id}", CustodyStory.Custody(release: "2026-08-31"));
        Assert.Equal("expectedReleaseDate", field);
        Assert.Contains("after the sentence date", detail, StringComparison.Ordinal);
        Assert.Equal("2026-12-09", (await s.ReadAsync()).GetProperty("current").GetProperty("expectedReleaseDate").GetString());

        Assert.Equal(id, await s.WriteAsync(HttpMethod.Put, $"custody/{id}", CustodyStory.Custody("PR-HOL", "2027-01-15")));
        var current = (await s.ReadAsync()).GetProperty("current");
        Assert.Equal("2027-01-15", current.GetProperty("expectedReleaseDate").GetString());
        Assert.Equal("PR-HOL", current.GetProperty("prisonCode").GetString());

        Assert.Contains("still open", (await s.RefusedAsync(HttpMethod.Post, "custody", CustodyStory.Custody())).Detail, StringComparison.Ordinal);
        await s.RefusedAsync(HttpMethod.Put, $"custody/{id + 100000}", CustodyStory.Custody(), HttpStatusCode.NotFound);
        Assert.Equal(1, await CustodyCountAsync(s.Crn));
    }

    [Fact]
    public async Task OnlyResettlementWorkers_Record_TheCasesOfficerReadsIt()
    {
        var s = await CustodyStory.NewAsync(app, "Roles");
        var (detail, _) = await s.RefusedAsync(HttpMethod.Post, "custody", CustodyStory.Custody(), user: "po");
        Assert.Equal("Only a resettlement worker can record Through the Gate work.", detail);
        Assert.Equal(0, await CustodyCountAsync(s.Crn));
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody());
        var seen = await s.ReadAsync("po");
        Assert.Equal("HMP Durham", seen.GetProperty("current").GetProperty("prison").GetString());
        Assert.False(seen.GetProperty("mayRecord").GetBoolean());
    }

    [Fact]
    public async Task CaseAccessLists_StillApply_ToTheRecordTheWritesAndTheCaseload()
    {
        var s = await CustodyStory.NewAsync(app, "Restricted");
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody("PR-DUR", "2026-12-03"));
        var (_, officerId) = await s.Story.OfficerAsync("po");
        await app.WithDbAsync(async db =>
        {
            var parsed = Probation.Domain.Common.Crn.Parse(s.Crn);
            var personId = await db.People.Where(p => p.Crn == parsed).Select(p => p.Id).SingleAsync();
            db.CaseAccessEntries.Add(new Probation.Domain.Access.CaseAccessEntry { PersonId = personId, StaffMemberId = officerId, Kind = Probation.Domain.Access.AccessListKind.Restriction });
            return await db.SaveChangesAsync();
        });

        // Only the officer is on the list now: the resettlement worker is kept out, and nothing they send is written.
        var ttg = await s.Story.As("ttg");
        Assert.Equal(HttpStatusCode.Forbidden, (await ttg.GetAsync($"/api/v1/resettlement/{s.Crn}")).StatusCode);
        await s.RefusedAsync(HttpMethod.Put, "screening", new { on = "2026-11-05", pathways = CustodyStory.Pathways() }, HttpStatusCode.NotFound);
        using var json = JsonDocument.Parse(await ttg.GetStringAsync("/api/v1/resettlement/caseload?prison=PR-DUR&pageSize=100"));
        Assert.DoesNotContain(s.Crn, json.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("crn").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await (await s.Story.As("po")).GetAsync($"/api/v1/resettlement/{s.Crn}")).StatusCode);
    }

    [Fact]
    public async Task StaleVersions_AreAnswered412ForIfMatch_409ForTheBody_AndWriteNothing()
    {
        var s = await CustodyStory.NewAsync(app, "Stale");
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody());
        var stale = s.Story.Version - 1;
        await s.RefusedAsync(HttpMethod.Put, "screening", new { on = "2026-11-05", pathways = CustodyStory.Pathways() }, HttpStatusCode.PreconditionFailed, version: stale);

        var body = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/resettlement/{s.Crn}/screening")
        {
            Content = JsonContent.Create(new { version = stale, on = "2026-11-05", pathways = CustodyStory.Pathways() }),
        };
        var response = await (await s.Story.As("ttg")).SendAsync(body);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("ScreeningOverdue", await s.AlertCodesAsync());
    }

    [Fact]
    public async Task Caseload_ListsPeopleByReleaseDate_FilteredByPrison_WithTheirAlerts()
    {
        var later = await CustodyStory.NewAsync(app, "Later");
        await later.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody("PR-HOL", "2027-03-01"));
        var sooner = await CustodyStory.NewAsync(app, "Sooner");
        await sooner.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody("PR-HOL", "2026-12-09"));
        var elsewhere = await CustodyStory.NewAsync(app, "Elsewhere");
        await elsewhere.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody("PR-DUR"));

        var client = await later.Story.As("ttg");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/resettlement/caseload?prison=PR-HOL&pageSize=100"));
        var rows = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("PR-HOL", r.GetProperty("prisonCode").GetString()));
        var dates = rows.Select(r => r.GetProperty("expectedReleaseDate").GetString()!).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        var crns = rows.Select(r => r.GetProperty("crn").GetString()).ToList();
        Assert.True(crns.IndexOf(sooner.Crn) >= 0 && crns.IndexOf(sooner.Crn) < crns.IndexOf(later.Crn));
        Assert.DoesNotContain(elsewhere.Crn, crns);
        var soonerRow = rows.Single(r => r.GetProperty("crn").GetString() == sooner.Crn);
        Assert.Contains("NoAccommodationNearRelease", soonerRow.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/resettlement/caseload?pageSize=1000")).StatusCode);
    }

    [Fact]
    public async Task ReadsAndWrites_AreAudited()
    {
        var s = await CustodyStory.NewAsync(app, "Audit");
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody());
        await s.ReadAsync();
        var client = await s.Story.As("ttg");
        await client.GetStringAsync("/api/v1/resettlement/caseload?prison=PR-DUR&pageSize=100");
        var purposes = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subjects.Any(x => x.Crn == s.Crn)).Select(e => e.Purpose).ToListAsync());
        Assert.Contains("Custody recorded", purposes);
        Assert.Contains("Resettlement record (API)", purposes);
        Assert.Contains("Prison resettlement caseload (API)", purposes);
    }

    [Fact]
    public async Task Demo_HoldsPeopleInBothPrisons_AtEveryStage_WithEveryAlertAndPathwayStatus()
    {
        var (records, prisons) = await app.WithDbAsync(async db =>
        {
            var demo = await db.CustodyRecords.AsNoTracking().Include(c => c.Needs).Where(c => c.RecordedBy == "demo").ToListAsync();
            var codes = await db.Sites.AsNoTracking().Where(s => demo.Select(c => c.PrisonId).Contains(s.Id)).Select(s => s.Code).ToListAsync();
            return (demo, codes);
        });
        Assert.Equal(["PR-DUR", "PR-HOL"], prisons.Order(StringComparer.Ordinal));
        var today = new DateOnly(2026, 11, 26);
        Assert.All(records, c => Assert.Null(Probation.Domain.Resettlement.ResettlementRules.Custody(c.ReceptionDate, c.SentenceDate, c.SentenceLengthMonths, c.ExpectedReleaseDate, today)));
        Assert.Equal(
            ["Awaiting screening", "Handed over", "Plan written", "Released", "Screened"],
            records.Select(Probation.Application.Resettlement.ResettlementQueries.Stage).Distinct().Order(StringComparer.Ordinal));
        var alerts = new Probation.Domain.Resettlement.ResettlementAlerts(new(), Probation.Domain.Common.WorkingDayCalendar.EnglandAndWales);
        Assert.Equal(
            Enum.GetValues<Probation.Domain.Resettlement.ResettlementAlertCode>().Order(),
            records.SelectMany(c => alerts.Evaluate(c, today)).Select(a => a.Code).Distinct().Order());
        Assert.Equal(Enum.GetValues<Probation.Domain.Resettlement.PathwayStatus>().Order(), records.SelectMany(c => c.Needs).Select(n => n.Status).Distinct().Order());
        Assert.Contains(records, c => c.Released && c.AccommodationOnRelease is not null && c.BenefitsInPlace is not null);
        Assert.Contains(records, c => !c.Released && alerts.Evaluate(c, today).Count == 0);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheEndpointsAndEveryAlertCode()
    {
        app.SkipIfUnavailable();
        var json = await app.AnonymousClient().GetStringAsync("/openapi/v1.json");
        foreach (var code in Enum.GetNames<Probation.Domain.Resettlement.ResettlementAlertCode>())
        {
            Assert.Contains(code + ":", json, StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/api/v1/resettlement/caseload", "/api/v1/resettlement/{crn}", "/api/v1/resettlement/{crn}/plan", "/api/v1/resettlement/{crn}/release" })
        {
            Assert.Contains(path, json, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteResettlementApiTests(ProbationAppFactory app) : ResettlementApiTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresResettlementApiTests(PostgresAppFactory app) : ResettlementApiTests(app), IClassFixture<PostgresAppFactory>;
