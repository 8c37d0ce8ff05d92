using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Inspections through the API on each database, on the small demo provider (today 26 November 2026): set up, samples
/// sized from their populations and reproducible from their seeds, the inspection team's access to sampled cases
/// (and nobody else's), case assessments, the report computed from what is recorded, domain one evidence,
/// discretion, recommendations tracked by the provider, and the report as JSON and CSV.
/// </summary>
public abstract class InspectionsApiTests(ProbationAppFactory app)
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static int _inspectors;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A refusal as ProblemDetails: its detail and the field it names, if any.</summary>
    private static async Task<(string Detail, string? Field)> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var field = json.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).FirstOrDefault() : null;
        return (json.GetProperty("detail").GetString()!, field);
    }

    private Task<int> ProviderIdAsync() => app.WithDbAsync(db => db.Providers.Select(p => p.Id).SingleAsync());

    private Task<HttpClient> InspectorAsync() => app.TokenClientAsync("inspector");

    /// <summary>Another inspector of the inspectorate, with an account, on no team yet.</summary>
    private async Task<(HttpClient Client, int StaffId)> OtherInspectorAsync()
    {
        var n = Interlocked.Increment(ref _inspectors);
        var userName = $"inspector{n}x{Guid.NewGuid():N}"[..20];
        var staffId = await app.WithDbAsync(async db =>
        {
            var staff = new StaffMember
            {
                StaffCode = $"HMIP9{n:000}",
                FirstName = "Other",
                LastName = "Inspector" + n,
                Grade = StaffGrade.Inspector,
                Gender = Gender.Male,
                ContractedHours = 37,
                UserName = userName,
            };
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return staff.Id;
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = userName, StaffMemberId = staffId, DisplayName = "Other Inspector" };
            Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Inspector);
        }

        return (await app.TokenClientAsync(userName), staffId);
    }

    private async Task<int> CreateAsync(HttpClient client, DateOnly from, DateOnly to, string title = "Inspection of probation services", params int[] team)
    {
        var json = await JsonAsync(
            await client.PostAsJsonAsync("/api/v1/inspections", new { providerId = await ProviderIdAsync(), providerType = "CRC", framework = "2018", title, fieldworkFrom = from, fieldworkTo = to, team }),
            HttpStatusCode.Created);
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        return json.GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> DetailAsync(HttpClient client, int id) => await JsonAsync(await client.GetAsync($"/api/v1/inspections/{id}"), HttpStatusCode.OK);

    private static async Task<int> VersionAsync(HttpClient client, int id) => (await DetailAsync(client, id)).GetProperty("version").GetInt32();

    private static async Task<HttpResponseMessage> DrawAsync(HttpClient client, int id, string kind, int? seed = null, double? margin = null, int? version = null) =>
        await client.PostAsJsonAsync($"/api/v1/inspections/{id}/samples", new { version = version ?? await VersionAsync(client, id), kind, seed, margin });

    private static async Task StatusAsync(HttpClient client, int id, string status) =>
        await JsonAsync(await client.PutAsJsonAsync($"/api/v1/inspections/{id}/status", new { version = await VersionAsync(client, id), status }), HttpStatusCode.OK);

    private static JsonElement Sample(JsonElement detail, string kind) => detail.GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == kind);

    private Task<List<int>> SampledAsync(int inspectionId, SampleKind kind) => app.WithDbAsync(db =>
        db.Set<InspectionSample>().Where(s => s.InspectionId == inspectionId && s.Kind == kind).SelectMany(s => s.Cases).Select(c => c.PersonId).OrderBy(x => x).ToListAsync());

    private Task<int> AssessmentCountAsync(int inspectionId) => app.WithDbAsync(db => db.CaseAssessments.CountAsync(a => a.InspectionId == inspectionId));

    /// <summary>Every key question of a scope judged as <paramref name="judge"/> says (evidence for each), ready to complete.</summary>
    private static object Assessment(AssessmentScope scope, Func<string, string> judge, bool complete = true, int version = 0) => new
    {
        version,
        complete,
        officerInterviewed = true,
        interviewNotes = "Interviewed the responsible officer.",
        judgements = CaseAssessmentRules.KeyQuestionsIn(Frameworks.Find("2018")!, scope)
            .Select(q => new { keyQuestionId = q.Id, judgement = judge(q.Id), evidence = "What the records and the interview showed for " + q.Id }).ToArray(),
        prompts = Array.Empty<object>(),
    };

    private static Task<HttpResponseMessage> AssessAsync(HttpClient client, int id, string crn, string scope, object body, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/inspections/{id}/cases/{crn}/assessments/{scope}") { Content = JsonContent.Create(body) };
        if (ifMatch is { } v)
        {
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{v}\""));
        }

        return client.SendAsync(request);
    }

    private static IReadOnlyList<string> Crns(JsonElement sample) => sample.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("crn").GetString()!).ToList();

    [Fact]
    public async Task DrawnSamples_AreSizedFromTheirPopulation_StrataAddUp_AndTheSameSeedDrawsTheSameCases()
    {
        var inspector = await InspectorAsync();
        var from = new DateOnly(2026, 11, 30);
        var id = await CreateAsync(inspector, from, from.AddDays(11));
        await JsonAsync(await DrawAsync(inspector, id, "CaseSupervision", seed: 4242), HttpStatusCode.Created);

        var detail = await DetailAsync(inspector, id);
        var sample = Sample(detail, "CaseSupervision");
        var population = sample.GetProperty("population").GetInt32();
        Assert.True(population > 5, $"the small demo should have people six to seven months into supervision, not {population}");
        Assert.Equal(Sampling.SampleSize(population), sample.GetProperty("size").GetInt32());
        Assert.Equal(4242, sample.GetProperty("seed").GetInt32());
        Assert.Equal(new DateOnly(2026, 4, 30), DateOnly.Parse(sample.GetProperty("eligibleFrom").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var strata = sample.GetProperty("strata").EnumerateArray().ToList();
        Assert.Equal(population, strata.Sum(s => s.GetProperty("population").GetInt32()));
        Assert.Equal(sample.GetProperty("size").GetInt32(), strata.Sum(s => s.GetProperty("sample").GetInt32()));
        Assert.Equal(JsonValueKind.Null, sample.GetProperty("cases").ValueKind); // planned: no case is open to the team yet

        // The eligible population counted straight from the records: orders and licences that began six to seven months
        // before the first day of fieldwork and still run then, of people only named staff are not limited to.
        var expected = await app.WithDbAsync(async db =>
        {
            var orders = await db.Orders.AsNoTracking()
                .Where(o => o.StartDate >= new DateOnly(2026, 4, 30) && o.StartDate <= new DateOnly(2026, 5, 30) && o.Type != OrderType.Custody)
                .Where(o => o.EndDate >= from && (o.TerminatedOn == null || o.TerminatedOn > from))
                .Where(o => db.People.Any(p => p.Id == o.PersonId && !p.AccessList.Any(e => e.Kind == AccessListKind.Restriction)))
                .Select(o => o.PersonId).ToListAsync();
            return orders.Distinct().Count();
        });
        Assert.Equal(expected, population);

        // Unpaid work, twice with one seed and once with another: the same cases, then others.
        await JsonAsync(await DrawAsync(inspector, id, "UnpaidWork", seed: 77), HttpStatusCode.Created);
        var first = await SampledAsync(id, SampleKind.UnpaidWork);
        var unpaid = Sample(await DetailAsync(inspector, id), "UnpaidWork");
        Assert.Equal(Sampling.SampleSize(unpaid.GetProperty("population").GetInt32()), first.Count);
        Assert.True(first.Count < unpaid.GetProperty("population").GetInt32(), "the unpaid work sample should be smaller than its population, so another seed can draw other cases");
        Assert.Equal(first.Count, unpaid.GetProperty("strata").EnumerateArray().Sum(s => s.GetProperty("sample").GetInt32()));
        Assert.All(unpaid.GetProperty("strata").EnumerateArray(), s => Assert.Equal(2, s.GetProperty("key").GetString()!.Split('|').Length)); // gender and RoSH only

        await JsonAsync(await DrawAsync(inspector, id, "UnpaidWork", seed: 77), HttpStatusCode.Created);
        Assert.Equal(first, await SampledAsync(id, SampleKind.UnpaidWork));
        await JsonAsync(await DrawAsync(inspector, id, "UnpaidWork", seed: 78), HttpStatusCode.Created);
        Assert.NotEqual(first, await SampledAsync(id, SampleKind.UnpaidWork));

        // No seed given: one is generated and recorded, and drawing with it again draws the same cases.
        await JsonAsync(await DrawAsync(inspector, id, "UnpaidWork"), HttpStatusCode.Created);
        var generated = Sample(await DetailAsync(inspector, id), "UnpaidWork").GetProperty("seed").GetInt32();
        Assert.True(generated > 0);
        var drawn = await SampledAsync(id, SampleKind.UnpaidWork);
        await JsonAsync(await DrawAsync(inspector, id, "UnpaidWork", seed: generated), HttpStatusCode.Created);
        Assert.Equal(drawn, await SampledAsync(id, SampleKind.UnpaidWork));
    }

    [Fact]
    public async Task Samples_AreFixedOnceFieldworkStarts_AndStaleVersionsAreConflicts()
    {
        var inspector = await InspectorAsync();
        var id = await CreateAsync(inspector, Today, Today.AddDays(10));
        var (detail, field) = await ProblemAsync(
            await inspector.PutAsJsonAsync($"/api/v1/inspections/{id}/status", new { version = 1, status = "Fieldwork" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Draw the case samples before fieldwork starts.", detail);
        Assert.Equal("status", field);

        await JsonAsync(await DrawAsync(inspector, id, "CaseSupervision", seed: 1), HttpStatusCode.Created);
        Assert.Equal(2, await VersionAsync(inspector, id));
        (detail, _) = await ProblemAsync(await DrawAsync(inspector, id, "CaseSupervision", seed: 2, version: 1), HttpStatusCode.Conflict);
        Assert.StartsWith("Someone else changed this inspection", detail, StringComparison.Ordinal);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/inspections/{id}/samples") { Content = JsonContent.Create(new { kind = "CaseSupervision", seed = 2 }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await ProblemAsync(await inspector.SendAsync(stale), HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, Sample(await DetailAsync(inspector, id), "CaseSupervision").GetProperty("seed").GetInt32());

        await StatusAsync(inspector, id, "Fieldwork");
        (detail, field) = await ProblemAsync(await DrawAsync(inspector, id, "CaseSupervision", seed: 3), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The samples are fixed once fieldwork starts: a sample cannot be drawn again.", detail);
        Assert.Equal("kind", field);
        Assert.Equal(1, Sample(await DetailAsync(inspector, id), "CaseSupervision").GetProperty("seed").GetInt32());

        // Only the lead draws and moves the status; an inspector of the team may not.
        var (other, otherId) = await OtherInspectorAsync();
        var team = await CreateAsync(inspector, Today, Today.AddDays(10), "With a colleague", otherId);
        (detail, _) = await ProblemAsync(await DrawAsync(other, team, "CaseSupervision"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Only the lead inspector can do this.", detail);
    }

    [Fact]
    public async Task SampledCases_OpenToTheTeamOnlyDuringFieldwork_ReadOnly_AndEveryViewIsAudited()
    {
        var inspector = await InspectorAsync();
        var id = await CreateAsync(inspector, Today.AddDays(-2), Today.AddDays(8));
        await JsonAsync(await DrawAsync(inspector, id, "CaseSupervision", seed: 11), HttpStatusCode.Created);
        var sampled = await SampledAsync(id, SampleKind.CaseSupervision);
        var (crn, other) = await app.WithDbAsync(async db =>
        {
            var inSample = await db.People.Where(p => p.Id == sampled[0]).Select(p => p.Crn).SingleAsync();
            var outside = await db.People.Where(p => !db.Set<SampledCase>().Any(c => c.PersonId == p.Id) && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => p.Crn).FirstAsync();
            return (inSample.Value, outside.Value);
        });
        Task<int> AuditRowsAsync(string user) => app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.UserName == user && e.Subjects.Any(s => s.Crn == crn)));

        // Planned: closed.
        await ProblemAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/cases/{crn}"), HttpStatusCode.NotFound);

        await StatusAsync(inspector, id, "Fieldwork");
        var before = await AuditRowsAsync("inspector");
        var view = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/cases/{crn}"), HttpStatusCode.OK);
        Assert.Equal(crn, view.GetProperty("crn").GetString());
        Assert.True(view.GetProperty("case").GetProperty("risk").TryGetProperty("rosh", out _));
        Assert.False(view.GetProperty("supervision").GetProperty("mayChange").GetBoolean());
        Assert.False(view.GetProperty("case").GetProperty("viewerMayRecordRisk").GetBoolean());
        Assert.Equal(before + 1, await AuditRowsAsync("inspector"));
        var purpose = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserName == "inspector" && e.Subjects.Any(s => s.Crn == crn)).OrderByDescending(e => e.Id).Select(e => e.Purpose).FirstAsync());
        Assert.Equal("Inspection case assessment: reading the sampled case (API)", purpose);

        // The team sees the sample's cases listed while they are open; listing them is audited too.
        var listed = Crns(Sample(await DetailAsync(inspector, id), "CaseSupervision"));
        Assert.Contains(crn, listed);
        Assert.Equal(before + 2, await AuditRowsAsync("inspector"));

        // A case no sample drew; an inspector not on the team; the provider's own staff: all not found.
        await ProblemAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/cases/{other}"), HttpStatusCode.NotFound);
        var (outsider, _) = await OtherInspectorAsync();
        await ProblemAsync(await outsider.GetAsync($"/api/v1/inspections/{id}/cases/{crn}"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.GetAsync($"/api/v1/inspections/{id}"), HttpStatusCode.NotFound);
        var po = await app.TokenClientAsync("po");
        await ProblemAsync(await po.GetAsync($"/api/v1/inspections/{id}/cases/{crn}"), HttpStatusCode.NotFound);
        await ProblemAsync(await po.GetAsync($"/api/v1/inspections/{id}"), HttpStatusCode.NotFound);

        // Everything else stays closed to inspectors: the case's own pages and API.
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync($"/api/v1/cases/{crn}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync($"/api/v1/cases/{crn}/supervision")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync($"/api/v1/cases/{crn}/contacts", new { version = 1 })).StatusCode);

        // Fieldwork over, or not yet begun, by its dates: closed, though the status is fieldwork.
        foreach (var (from, to) in new[] { (Today.AddDays(-20), Today.AddDays(-1)), (Today.AddDays(1), Today.AddDays(10)) })
        {
            var closed = await CreateAsync(inspector, from, to);
            await JsonAsync(await DrawAsync(inspector, closed, "CaseSupervision", seed: 11), HttpStatusCode.Created);
            await StatusAsync(inspector, closed, "Fieldwork");
            var closedCrn = await app.WithDbAsync(async db =>
            {
                var person = (await SampledAsync(closed, SampleKind.CaseSupervision))[0];
                return (await db.People.Where(p => p.Id == person).Select(p => p.Crn).SingleAsync()).Value;
            });
            await ProblemAsync(await inspector.GetAsync($"/api/v1/inspections/{closed}/cases/{closedCrn}"), HttpStatusCode.NotFound);
            Assert.Equal(JsonValueKind.Null, Sample(await DetailAsync(inspector, closed), "CaseSupervision").GetProperty("cases").ValueKind);
        }

        // Reporting: closed again.
        await StatusAsync(inspector, id, "Reporting");
        var rows = await AuditRowsAsync("inspector");
        await ProblemAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/cases/{crn}"), HttpStatusCode.NotFound);
        Assert.Equal(rows, await AuditRowsAsync("inspector"));
    }

    [Fact]
    public async Task CaseAssessment_BadInputWritesNothing_VersionsAreChecked_AndItCompletes()
    {
        var inspector = await InspectorAsync();
        var id = await CreateAsync(inspector, Today.AddDays(-1), Today.AddDays(9));
        await JsonAsync(await DrawAsync(inspector, id, "CaseSupervision", seed: 5), HttpStatusCode.Created);
        await StatusAsync(inspector, id, "Fieldwork");
        var crn = Crns(Sample(await DetailAsync(inspector, id), "CaseSupervision"))[0];

        // Completing with a key question unjudged; a question every case answers judged not applicable; an unknown question; a scope that did not draw the case.
        var (detail, field) = await ProblemAsync(
            await AssessAsync(inspector, id, crn, "CaseSupervision", new { version = 0, complete = true, judgements = new[] { new { keyQuestionId = "2.1.1", judgement = "Yes", evidence = "Seen." } } }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Judge key question 2.1.2 before completing the assessment", detail);
        Assert.Equal("judgements", field);
        (detail, field) = await ProblemAsync(
            await AssessAsync(inspector, id, crn, "CaseSupervision", new { version = 0, judgements = new[] { new { keyQuestionId = "2.1.1", judgement = "NotApplicable" } } }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Key question 2.1.1 applies to every case: judge it yes or no", detail);
        Assert.Equal("judgements[0].Judgement", field);
        (detail, _) = await ProblemAsync(
            await AssessAsync(inspector, id, crn, "CaseSupervision", new { version = 0, judgements = new[] { new { keyQuestionId = "4.1.1", judgement = "Yes" } } }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("'4.1.1' is not a key question of case supervision (2.1 to 2.4)", detail);
        (detail, field) = await ProblemAsync(await AssessAsync(inspector, id, crn, "UnpaidWork", Assessment(AssessmentScope.UnpaidWork, _ => "Yes")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("scope", field);
        await ProblemAsync(await AssessAsync(inspector, id, crn, "Everything", Assessment(AssessmentScope.CaseSupervision, _ => "Yes")), HttpStatusCode.BadRequest);
        (detail, _) = await ProblemAsync(
            await AssessAsync(inspector, id, crn, "CaseSupervision", WithoutEvidence(Assessment(AssessmentScope.CaseSupervision, q => q == "2.3.1" ? "No" : "Yes"))),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Give the evidence for the judgement on 2.3.1: what was not sufficient", detail);
        Assert.Equal(0, await AssessmentCountAsync(id));

        // A draft, then a stale save (409 with the version in the body, 412 with If-Match), then completed.
        var saved = await JsonAsync(await AssessAsync(inspector, id, crn, "CaseSupervision", Assessment(AssessmentScope.CaseSupervision, _ => "Yes", complete: false)), HttpStatusCode.OK);
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        await ProblemAsync(await AssessAsync(inspector, id, crn, "CaseSupervision", Assessment(AssessmentScope.CaseSupervision, _ => "No", complete: false)), HttpStatusCode.Conflict);
        await ProblemAsync(await AssessAsync(inspector, id, crn, "CaseSupervision", Assessment(AssessmentScope.CaseSupervision, _ => "No", complete: false), ifMatch: 0), HttpStatusCode.PreconditionFailed);
        var done = await AssessAsync(inspector, id, crn, "CaseSupervision", Assessment(AssessmentScope.CaseSupervision, q => q == "2.2.3" ? "NotApplicable" : "Yes"), ifMatch: 1);
        Assert.Equal(2, (await JsonAsync(done, HttpStatusCode.OK)).GetProperty("version").GetInt32());
        Assert.Equal("\"2\"", done.Headers.ETag?.Tag);

        var stored = await app.WithDbAsync(db => db.CaseAssessments.AsNoTracking().Include(a => a.Judgements).SingleAsync(a => a.InspectionId == id));
        Assert.Equal(CaseAssessmentKind.Inspection, stored.Kind);
        Assert.Equal(AssessmentStatus.Completed, stored.Status);
        Assert.Equal("2018", stored.FrameworkVersion);
        Assert.Equal(Today, stored.CompletedOn);
        Assert.Equal(12, stored.Judgements.Count);
        Assert.Equal(Judgement.NotApplicable, stored.Judgements.Single(j => j.KeyQuestionId == "2.2.3").Judgement);

        var view = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/cases/{crn}"), HttpStatusCode.OK);
        var assessment = view.GetProperty("assessments").EnumerateArray().Single();
        Assert.Equal("Completed", assessment.GetProperty("status").GetString());
        Assert.Equal(2, assessment.GetProperty("version").GetInt32());
    }

    private static object WithoutEvidence(object body)
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        foreach (var j in json["judgements"]!.AsArray())
        {
            j!["evidence"] = null;
        }

        return json;
    }

    [Fact]
    public async Task Report_RatesTheStandardsFromTheCompletedAssessments_WithDiscretionAndDomainOne_AsCountedByHand()
    {
        var inspector = await InspectorAsync();
        var id = await CreateAsync(inspector, Today.AddDays(-3), Today.AddDays(7), "Inspection counted by hand");
        foreach (var kind in new[] { "CaseSupervision", "UnpaidWork", "ThroughTheGate" })
        {
            await JsonAsync(await DrawAsync(inspector, id, kind, seed: 3), HttpStatusCode.Created);
        }

        await StatusAsync(inspector, id, "Fieldwork");
        var detail = await DetailAsync(inspector, id);
        var supervision = Crns(Sample(detail, "CaseSupervision"));
        var unpaid = Crns(Sample(detail, "UnpaidWork"));
        var gate = Crns(Sample(detail, "ThroughTheGate"));
        Assert.True(supervision.Count >= 5 && unpaid.Count >= 2 && gate.Count >= 2, $"samples of {supervision.Count}, {unpaid.Count} and {gate.Count}");

        // Four case supervision cases, by hand:
        //   2.1.1 Y Y Y N = 75%   2.1.2 all yes = 100%   2.1.3 Y N N N = 25%  → Inadequate (discretion: Requires improvement)
        //   2.2.3 Y Y NA NA = 2 of 2 relevant = 100%, the rest yes            → Outstanding
        //   2.3.2 Y Y Y N = 75%, the rest yes                                → Good
        //   2.4.1 Y Y N N = 50%, the rest yes                                → Requires improvement
        var noes = new Dictionary<string, int[]> { ["2.1.1"] = [3], ["2.1.3"] = [1, 2, 3], ["2.3.2"] = [3], ["2.4.1"] = [2, 3] };
        for (var c = 0; c < 4; c++)
        {
            var n = c;
            await JsonAsync(
                await AssessAsync(inspector, id, supervision[n], "CaseSupervision", Assessment(AssessmentScope.CaseSupervision, q =>
                    q == "2.2.3" && n >= 2 ? "NotApplicable" : noes.TryGetValue(q, out var no) && no.Contains(n) ? "No" : "Yes")),
                HttpStatusCode.OK);
        }

        // A draft saying no throughout does not count.
        await JsonAsync(await AssessAsync(inspector, id, supervision[4], "CaseSupervision", Assessment(AssessmentScope.CaseSupervision, _ => "No", complete: false)), HttpStatusCode.OK);

        // Unpaid work: 4.1.2 Y N = 50% → Requires improvement. Through the Gate: all yes → Outstanding.
        await JsonAsync(await AssessAsync(inspector, id, unpaid[0], "UnpaidWork", Assessment(AssessmentScope.UnpaidWork, _ => "Yes")), HttpStatusCode.OK);
        await JsonAsync(await AssessAsync(inspector, id, unpaid[1], "UnpaidWork", Assessment(AssessmentScope.UnpaidWork, q => q == "4.1.2" ? "No" : "Yes")), HttpStatusCode.OK);

        // Not every standard is rated yet: each says why, and there is no overall rating.
        var partial = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/report"), HttpStatusCode.OK);
        JsonElement Standard(JsonElement report, string sid) => report.GetProperty("standards").EnumerateArray().Single(s => s.GetProperty("id").GetString() == sid);
        Assert.Equal(JsonValueKind.Null, partial.GetProperty("overallRating").ValueKind);
        Assert.Equal("No overall rating: 5 of 10 standards are rated; 1.1, 1.2, 1.3, 1.4, 4.2 are missing.", partial.GetProperty("overallReason").GetString());
        Assert.Equal("Not rated yet: the inspectors have not entered their judgement on 1.1 Leadership with its evidence.", Standard(partial, "1.1").GetProperty("reason").GetString());
        Assert.Equal("Not rated yet: no through the gate (4.2) case assessment is completed.", Standard(partial, "4.2").GetProperty("reason").GetString());

        foreach (var crn in gate.Take(2))
        {
            await JsonAsync(await AssessAsync(inspector, id, crn, "ThroughTheGate", Assessment(AssessmentScope.ThroughTheGate, _ => "Yes")), HttpStatusCode.OK);
        }

        foreach (var (sid, rating) in new[] { ("1.1", "Good"), ("1.2", "Good"), ("1.3", "RequiresImprovement"), ("1.4", "Inadequate") })
        {
            await JsonAsync(await inspector.PutAsJsonAsync($"/api/v1/inspections/{id}/domain-one/{sid}", new { rating, evidence = $"Evidence for {sid}." }), HttpStatusCode.OK);
        }

        await JsonAsync(
            await inspector.PutAsJsonAsync($"/api/v1/inspections/{id}/discretions/2.1", new { rating = "RequiresImprovement", reason = "Wider evidence gathered about assessment practice." }),
            HttpStatusCode.OK);

        var report = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/report"), HttpStatusCode.OK);
        var expected = new Dictionary<string, (string Rating, int Score)>
        {
            ["1.1"] = ("Good", 2),
            ["1.2"] = ("Good", 2),
            ["1.3"] = ("RequiresImprovement", 1),
            ["1.4"] = ("Inadequate", 0),
            ["2.1"] = ("RequiresImprovement", 1),
            ["2.2"] = ("Outstanding", 3),
            ["2.3"] = ("Good", 2),
            ["2.4"] = ("RequiresImprovement", 1),
            ["4.1"] = ("RequiresImprovement", 1),
            ["4.2"] = ("Outstanding", 3),
        };
        foreach (var (sid, (rating, score)) in expected)
        {
            Assert.Equal(rating, Standard(report, sid).GetProperty("rating").GetString());
            Assert.Equal(score, Standard(report, sid).GetProperty("score").GetInt32());
        }

        Assert.Equal(16, report.GetProperty("totalScore").GetInt32());
        Assert.Equal("Good", report.GetProperty("overallRating").GetString());
        Assert.Equal("Good: 16 of 30 from the ten standards (0–5 Inadequate, 6–15 Requires improvement, 16–25 Good, 26–30 Outstanding).", report.GetProperty("overallReason").GetString());

        var assessment = Standard(report, "2.1");
        Assert.Equal("Inadequate", assessment.GetProperty("calculatedRating").GetString());
        Assert.True(assessment.GetProperty("discretionApplied").GetBoolean());
        Assert.Equal(
            "Requires improvement by professional discretion (calculated Inadequate: the lowest key question, 2.1.3, scored 25% (1 of 4 cases)). Wider evidence gathered about assessment practice.",
            assessment.GetProperty("reason").GetString());
        var footnote = report.GetProperty("footnotes").EnumerateArray().First();
        Assert.Equal(assessment.GetProperty("footnote").GetInt32(), footnote.GetProperty("number").GetInt32());
        Assert.StartsWith("In arriving at the rating for assessment (2.1), we have exercised professional discretion in relation to the case data: calculated Inadequate, rated Requires improvement by ", footnote.GetProperty("text").GetString(), StringComparison.Ordinal);

        JsonElement Kq(string sid, string kq) => Standard(report, sid).GetProperty("keyQuestions").EnumerateArray().Single(k => k.GetProperty("id").GetString() == kq);
        Assert.Equal(75, Kq("2.1", "2.1.1").GetProperty("percentYes").GetInt32());
        Assert.Equal((2, 0, 2, 100), (Kq("2.2", "2.2.3").GetProperty("yes").GetInt32(), Kq("2.2", "2.2.3").GetProperty("no").GetInt32(), Kq("2.2", "2.2.3").GetProperty("notApplicable").GetInt32(), Kq("2.2", "2.2.3").GetProperty("percentYes").GetInt32()));
        Assert.Equal("Outstanding: the lowest key question, 2.2.1, scored 100% (4 of 4 cases).", Standard(report, "2.2").GetProperty("reason").GetString());
        Assert.Equal("Requires improvement: the lowest key question, 2.4.1, scored 50% (2 of 4 cases).", Standard(report, "2.4").GetProperty("reason").GetString());
        Assert.Equal(50, Kq("4.1", "4.1.2").GetProperty("percentYes").GetInt32());
        Assert.Equal(4, report.GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "CaseSupervision").GetProperty("completed").GetInt32());

        // Withdrawn, the discretion leaves 2.1 at its calculated rating: one point less, 15, Requires improvement overall.
        Assert.Equal(HttpStatusCode.NoContent, (await inspector.DeleteAsync($"/api/v1/inspections/{id}/discretions/2.1")).StatusCode);
        var without = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{id}/report"), HttpStatusCode.OK);
        Assert.Equal("Inadequate", Standard(without, "2.1").GetProperty("rating").GetString());
        Assert.Equal(15, without.GetProperty("totalScore").GetInt32());
        Assert.Equal("RequiresImprovement", without.GetProperty("overallRating").GetString());
    }

    [Fact]
    public async Task NpsCourtAndVictimStandards_AreRatedFromTheCountsTheInspectorsEnter_AndBadCountsWriteNothing()
    {
        var inspector = await InspectorAsync();
        var nps = (await JsonAsync(
            await inspector.PostAsJsonAsync("/api/v1/inspections", new
            {
                providerId = await ProviderIdAsync(),
                providerType = "NPS",
                framework = "2018",
                title = "NPS division inspection",
                fieldworkFrom = Today.AddDays(-1),
                fieldworkTo = Today.AddDays(9),
                team = Array.Empty<int>(),
            }),
            HttpStatusCode.Created)).GetProperty("id").GetInt32();
        JsonElement Standard(JsonElement report, string sid) => report.GetProperty("standards").EnumerateArray().Single(s => s.GetProperty("id").GetString() == sid);
        var before = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{nps}/report"), HttpStatusCode.OK);
        Assert.Equal(
            "Not rated yet: the inspectors have not entered the key question counts of the 3.1 Court reports and case allocation cases they assessed.",
            Standard(before, "3.1").GetProperty("reason").GetString());
        var detail = await DetailAsync(inspector, nps);
        Assert.Equal(["3.1", "3.2"], detail.GetProperty("enteredCounts").EnumerateArray().Select(e => e.GetProperty("standardId").GetString()!).ToArray());

        object Counts(int cases, params (string Id, int Yes, int No, int Na)[] kqs) => new
        {
            cases,
            source = "Pre-sentence reports to Teesside magistrates' court in the three months before fieldwork.",
            keyQuestions = kqs.Select(k => new { id = k.Id, yes = k.Yes, no = k.No, notApplicable = k.Na }).ToArray(),
        };
        Task<HttpResponseMessage> Enter(int id, string sid, object body) => inspector.PutAsJsonAsync($"/api/v1/inspections/{id}/entered-counts/{sid}", body);

        // Refused, each naming its field, and nothing written.
        var good = Counts(40, ("3.1.1", 30, 10, 0), ("3.1.2", 20, 20, 0));
        Assert.Equal("keyQuestions.3.1.2", (await ProblemAsync(await Enter(nps, "3.1", Counts(40, ("3.1.1", 30, 10, 0), ("3.1.2", 20, 19, 0))), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal("keyQuestions.3.1.2", (await ProblemAsync(await Enter(nps, "3.1", Counts(40, ("3.1.1", 30, 10, 0))), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal("keyQuestions.3.1.1", (await ProblemAsync(await Enter(nps, "3.1", Counts(40, ("3.1.1", 0, 0, 40), ("3.1.2", 20, 20, 0))), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal("keyQuestions.3.1.1", (await ProblemAsync(await Enter(nps, "3.1", Counts(40, ("3.1.1", 50, -10, 0), ("3.1.2", 20, 20, 0))), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal("keyQuestions", (await ProblemAsync(await Enter(nps, "3.1", Counts(40, ("3.1.1", 30, 10, 0), ("3.1.2", 20, 20, 0), ("3.2.1", 1, 39, 0))), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal("cases", (await ProblemAsync(await Enter(nps, "3.1", Counts(0)), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal("standardId", (await ProblemAsync(await Enter(nps, "2.1", good), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal("keyQuestions[0]", (await ProblemAsync(await Enter(nps, "3.1", new { cases = 40, source = "Reports", keyQuestions = new[] { new { id = "3.1.1" } } }), HttpStatusCode.BadRequest)).Field);
        var crc = await CreateAsync(inspector, Today.AddDays(-1), Today.AddDays(9), "CRC inspection with no counts to enter");
        Assert.Equal("standardId", (await ProblemAsync(await Enter(crc, "3.1", good), HttpStatusCode.UnprocessableEntity)).Field);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EnteredCounts>().CountAsync(e => e.InspectionId == nps || e.InspectionId == crc)));

        // Entered, the standard is rated from its lowest key question, as a sample's would be; entered again, replaced.
        await JsonAsync(await Enter(nps, "3.1", good), HttpStatusCode.OK);
        var report = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{nps}/report"), HttpStatusCode.OK);
        Assert.Equal("RequiresImprovement", Standard(report, "3.1").GetProperty("rating").GetString());
        Assert.Equal("Requires improvement: the lowest key question, 3.1.2, scored 50% (20 of 40 cases).", Standard(report, "3.1").GetProperty("reason").GetString());
        Assert.Equal(75, Standard(report, "3.1").GetProperty("keyQuestions").EnumerateArray().First().GetProperty("percentYes").GetInt32());

        await JsonAsync(await Enter(nps, "3.1", Counts(41, ("3.1.1", 33, 7, 1), ("3.1.2", 33, 8, 0))), HttpStatusCode.OK);
        var again = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{nps}/report"), HttpStatusCode.OK);
        Assert.Equal("Outstanding: the lowest key question, 3.1.2, scored 80% (33 of 41 cases).", Standard(again, "3.1").GetProperty("reason").GetString());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<EnteredKeyQuestionCount>().CountAsync(k => db.Set<EnteredCounts>().Any(e => e.InspectionId == nps && e.Id == k.EnteredCountsId))));

        // Discretion applies to it as to any case-based standard.
        await JsonAsync(await inspector.PutAsJsonAsync($"/api/v1/inspections/{nps}/discretions/3.1", new { rating = "Good", reason = "Allocation records were incomplete." }), HttpStatusCode.OK);
        Assert.Equal("Good", Standard(await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{nps}/report"), HttpStatusCode.OK), "3.1").GetProperty("rating").GetString());
    }

    [Fact]
    public async Task AnInspectionHasOneAssessmentPerCaseAndScope_SoTwoStartedAtOnceCannotBothStand()
    {
        app.SkipIfUnavailable();
        var inspector = await InspectorAsync();
        var id = await CreateAsync(inspector, Today.AddDays(-1), Today.AddDays(9), "One assessment per case");
        var ex = await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var person = await db.People.Select(p => new { p.Id, p.ProviderId, p.ResponsibleOfficerId }).FirstAsync(p => p.ResponsibleOfficerId != null);
            var assessor = await db.Staff.Where(s => s.Grade == StaffGrade.Inspector).Select(s => s.Id).FirstAsync();
            for (var n = 0; n < 2; n++)
            {
                db.CaseAssessments.Add(new CaseAssessment
                {
                    ProviderId = person.ProviderId,
                    PersonId = person.Id,
                    Kind = CaseAssessmentKind.Inspection,
                    Scope = AssessmentScope.CaseSupervision,
                    FrameworkVersion = "2018",
                    InspectionId = id,
                    AssessorStaffId = assessor,
                    OfficerStaffId = person.ResponsibleOfficerId,
                    StartedOn = Today,
                    Version = 1,
                });
            }

            await db.SaveChangesAsync();
            return 0;
        }));
        Assert.NotNull(ex);
        Assert.Equal(0, await AssessmentCountAsync(id));
    }

    [Fact]
    public async Task DomainOneEvidence_Discretion_AndRecommendations_TrackedByTheProviderAfterPublication()
    {
        var inspector = await InspectorAsync();
        var id = await CreateAsync(inspector, Today.AddDays(-1), Today.AddDays(9), "Evidence and recommendations");
        string Path(string rest) => $"/api/v1/inspections/{id}/{rest}";

        await JsonAsync(await inspector.PostAsJsonAsync(Path("meetings"), new { on = Today, with = "Chief executive", notes = "The provider's evidence in advance." }), HttpStatusCode.Created);
        await JsonAsync(await inspector.PostAsJsonAsync(Path("interview-questions"), new { standardId = "1.2", text = "Do you have supervision arrangements in place?", asked = 52, answeredYes = 47 }), HttpStatusCode.Created);
        var (detail, field) = await ProblemAsync(await inspector.PostAsJsonAsync(Path("interview-questions"), new { text = "Too many yes", asked = 52, answeredYes = 53 }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("The number answering yes must be from 0 to the 52 asked", "answeredYes"), (detail, field));
        (_, field) = await ProblemAsync(await inspector.PutAsJsonAsync(Path("domain-one/2.1"), new { rating = "Good", evidence = "Not domain one." }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("standardId", field);
        (_, field) = await ProblemAsync(await inspector.PutAsJsonAsync(Path("domain-one/1.2"), new { rating = "Good", evidence = " " }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("evidence", field);
        await JsonAsync(await inspector.PutAsJsonAsync(Path("domain-one/1.2"), new { rating = "Good", evidence = "90% of 52 have supervision arrangements." }), HttpStatusCode.OK);
        await JsonAsync(await inspector.PutAsJsonAsync(Path("domain-one/1.2"), new { rating = "RequiresImprovement", evidence = "Oversight does not focus on practice quality." }), HttpStatusCode.OK);
        (_, field) = await ProblemAsync(await inspector.PutAsJsonAsync(Path("discretions/1.1"), new { rating = "Good", reason = "Domain one is judged." }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("standardId", field);
        (_, field) = await ProblemAsync(await inspector.PutAsJsonAsync(Path("discretions/4.1"), new { rating = "Good" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason", field);
        await JsonAsync(await inspector.PutAsJsonAsync(Path("discretions/4.1"), new { rating = "Good", reason = "Wider evidence about this area of work." }), HttpStatusCode.OK);
        await JsonAsync(await inspector.PostAsJsonAsync(Path("recommendations"), new { text = "Improve effective management oversight of practice.", owner = "Chief executive", dueOn = Today.AddMonths(6) }), HttpStatusCode.Created);
        var second = await JsonAsync(
            await inspector.PostAsJsonAsync(Path("recommendations"), new { text = "Improve the quality of work to protect victims.", owner = "Director of operations", dueOn = Today.AddMonths(9) }),
            HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("id").GetInt32());

        var evidence = await DetailAsync(inspector, id);
        var question = evidence.GetProperty("interviewQuestions").EnumerateArray().Single();
        Assert.Equal((52, 47, 90), (question.GetProperty("asked").GetInt32(), question.GetProperty("answeredYes").GetInt32(), question.GetProperty("percentYes").GetInt32()));
        Assert.Equal("RequiresImprovement", evidence.GetProperty("domainOneRatings").EnumerateArray().Single().GetProperty("rating").GetString());
        var discretion = evidence.GetProperty("discretions").EnumerateArray().Single();
        var inspectorName = await app.WithDbAsync(db => db.Staff.Where(s => s.UserName == "inspector").Select(s => s.FirstName + " " + s.LastName).SingleAsync());
        Assert.Equal(("4.1", "Good", inspectorName), (discretion.GetProperty("standardId").GetString(), discretion.GetProperty("rating").GetString(), discretion.GetProperty("decidedBy").GetString()));
        Assert.Single(evidence.GetProperty("meetings").EnumerateArray());

        // Before publication the provider sees nothing of it.
        var leader = await app.TokenClientAsync("leader");
        await ProblemAsync(await leader.PatchAsJsonAsync(Path("recommendations/1"), new { status = "InProgress", progress = "Started." }), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await JsonAsync(await leader.GetAsync("/api/v1/inspections"), HttpStatusCode.OK)).EnumerateArray(), i => i.GetProperty("id").GetInt32() == id);

        await JsonAsync(await DrawAsync(inspector, id, "CaseSupervision", seed: 9), HttpStatusCode.Created);
        foreach (var status in new[] { "Fieldwork", "Reporting", "Published" })
        {
            await StatusAsync(inspector, id, status);
        }

        (detail, _) = await ProblemAsync(await inspector.PostAsJsonAsync(Path("recommendations"), new { text = "Too late.", owner = "Anyone", dueOn = Today }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The report is published: its evidence, ratings and recommendations no longer change.", detail);
        await ProblemAsync(await inspector.PatchAsJsonAsync(Path("recommendations/1"), new { status = "InProgress", progress = "Not the inspector's to track." }), HttpStatusCode.UnprocessableEntity);

        // Published: the provider's staff read it; only a senior leader records progress, and completing needs the progress.
        Assert.Contains((await JsonAsync(await leader.GetAsync("/api/v1/inspections"), HttpStatusCode.OK)).EnumerateArray(), i => i.GetProperty("id").GetInt32() == id);
        var po = await app.TokenClientAsync("po");
        await JsonAsync(await po.GetAsync(Path("report")), HttpStatusCode.OK);
        (detail, _) = await ProblemAsync(await po.PatchAsJsonAsync(Path("recommendations/1"), new { status = "InProgress", progress = "An officer's view." }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Only a senior leader of the inspected provider records progress on its recommendations.", detail);
        await JsonAsync(await leader.PatchAsJsonAsync(Path("recommendations/1"), new { status = "InProgress", progress = "Monthly oversight audits started." }), HttpStatusCode.OK);
        (_, field) = await ProblemAsync(await leader.PatchAsJsonAsync(Path("recommendations/2"), new { status = "Completed" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("progress", field);
        await JsonAsync(await leader.PatchAsJsonAsync(Path("recommendations/2"), new { status = "Completed", progress = "Victim safety planning training completed by every officer." }), HttpStatusCode.OK);
        (_, field) = await ProblemAsync(await leader.PatchAsJsonAsync(Path("recommendations/2"), new { status = "InProgress", progress = "Reopened." }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("status", field);
        await ProblemAsync(await leader.PatchAsJsonAsync(Path("recommendations/9"), new { status = "InProgress", progress = "None such." }), HttpStatusCode.NotFound);

        var report = await JsonAsync(await inspector.GetAsync(Path("report")), HttpStatusCode.OK);
        var recommendations = report.GetProperty("recommendations").EnumerateArray().ToList();
        Assert.Equal(("InProgress", "Monthly oversight audits started."), (recommendations[0].GetProperty("status").GetString(), recommendations[0].GetProperty("progress").GetString()));
        Assert.Equal(("Completed", Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), (recommendations[1].GetProperty("status").GetString(), recommendations[1].GetProperty("completedOn").GetString()));
        Assert.Equal(90, report.GetProperty("interviewQuestions").EnumerateArray().Single().GetProperty("percentYes").GetInt32());
        Assert.Equal("Requires improvement: Oversight does not focus on practice quality.", Standard(report, "1.2").GetProperty("reason").GetString());

        static JsonElement Standard(JsonElement r, string sid) => r.GetProperty("standards").EnumerateArray().Single(s => s.GetProperty("id").GetString() == sid);
    }

    [Fact]
    public async Task Report_AsCsvAndJson_NamesNoCase_AndTheExportIsAudited()
    {
        var inspector = await InspectorAsync();
        var demo = await app.WithDbAsync(db => db.Inspections.Where(i => i.Status == InspectionStatus.Fieldwork && i.Title.Contains("(demo)")).Select(i => i.Id).SingleAsync());
        var json = await JsonAsync(await inspector.GetAsync($"/api/v1/inspections/{demo}/report"), HttpStatusCode.OK);
        Assert.Equal(10, json.GetProperty("standards").GetArrayLength());
        Assert.Equal(5, json.GetProperty("recommendations").GetArrayLength());

        var response = await inspector.GetAsync($"/api/v1/inspections/{demo}/report.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Probation.Application.Inspections.InspectionReports.CsvHeader, lines[0]);
        Assert.Equal(10, lines.Count(l => l.StartsWith("standard,", StringComparison.Ordinal)));
        Assert.Equal(19, lines.Count(l => l.StartsWith("key_question,", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.StartsWith("sample,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("interview_question,", StringComparison.Ordinal) && l.Contains(",52,90,", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(l => l.StartsWith("recommendation,", StringComparison.Ordinal)));

        // The overall row carries the JSON's figures.
        var overall = lines.Single(l => l.StartsWith("overall,", StringComparison.Ordinal));
        Assert.Contains($",{json.GetProperty("totalScore").GetInt32()},", overall, StringComparison.Ordinal);

        // No case is named: no CRN of a sampled case appears in either form.
        var crns = await app.WithDbAsync(db => db.Set<SampledCase>().Where(c => db.Set<InspectionSample>().Any(s => s.Id == c.InspectionSampleId && s.InspectionId == demo))
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => p.Crn).ToListAsync());
        var text = string.Join('\n', lines) + json.GetRawText();
        Assert.All(crns, c => Assert.DoesNotContain(c.Value, text, StringComparison.Ordinal));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.UserName == "inspector" && e.Purpose == $"Inspection report {demo} exported as CSV")));

        // Not readable: not found in either form.
        var po = await app.TokenClientAsync("po");
        Assert.Equal(HttpStatusCode.NotFound, (await po.GetAsync($"/api/v1/inspections/{demo}/report.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await po.GetAsync($"/api/v1/inspections/{demo}/report")).StatusCode);
    }

    [Fact]
    public async Task Demo_HasAnInspectionInFieldworkToday_LedByTheDemoInspector_WithItsSamplesAndAssessments()
    {
        var inspector = await InspectorAsync();
        var list = await JsonAsync(await inspector.GetAsync("/api/v1/inspections"), HttpStatusCode.OK);
        var demo = list.EnumerateArray().Single(i => i.GetProperty("title").GetString()!.Contains("(demo)", StringComparison.Ordinal));
        Assert.True(demo.GetProperty("casesOpen").GetBoolean());
        Assert.True(demo.GetProperty("isLead").GetBoolean());
        var detail = await DetailAsync(inspector, demo.GetProperty("id").GetInt32());
        Assert.Equal(3, detail.GetProperty("samples").GetArrayLength());
        foreach (var sample in detail.GetProperty("samples").EnumerateArray())
        {
            Assert.Equal(Sampling.SampleSize(sample.GetProperty("population").GetInt32()), sample.GetProperty("size").GetInt32());
            Assert.True(sample.GetProperty("completed").GetInt32() > 0, sample.GetProperty("kind").GetString());
        }

        Assert.Equal(4, detail.GetProperty("domainOneRatings").GetArrayLength());
        Assert.Contains(detail.GetProperty("interviewQuestions").EnumerateArray(), q => q.GetProperty("percentYes").GetInt32() == 96);
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryInspectionsEndpoint_WithItsProblems()
    {
        app.SkipIfUnavailable();
        var json = JsonDocument.Parse(await app.AnonymousClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = json.GetProperty("paths");
        foreach (var (path, method, problems) in new (string, string, string[])[]
        {
            ("/api/v1/inspections", "post", ["400", "403", "422"]),
            ("/api/v1/inspections/{id}", "get", ["404"]),
            ("/api/v1/inspections/{id}/samples", "post", ["400", "404", "409", "412", "422"]),
            ("/api/v1/inspections/{id}/status", "put", ["400", "404", "409", "412", "422"]),
            ("/api/v1/inspections/{id}/cases/{crn}", "get", ["400", "404"]),
            ("/api/v1/inspections/{id}/cases/{crn}/assessments/{scope}", "put", ["400", "404", "409", "412", "422"]),
            ("/api/v1/inspections/{id}/meetings", "post", ["400", "404", "422"]),
            ("/api/v1/inspections/{id}/interview-questions", "post", ["400", "404", "422"]),
            ("/api/v1/inspections/{id}/domain-one/{standardId}", "put", ["400", "404", "422"]),
            ("/api/v1/inspections/{id}/discretions/{standardId}", "put", ["400", "404", "422"]),
            ("/api/v1/inspections/{id}/entered-counts/{standardId}", "put", ["400", "404", "422"]),
            ("/api/v1/inspections/{id}/recommendations", "post", ["400", "404", "422"]),
            ("/api/v1/inspections/{id}/recommendations/{number}", "patch", ["400", "404", "422"]),
            ("/api/v1/inspections/{id}/report", "get", ["404"]),
            ("/api/v1/inspections/{id}/report.csv", "get", ["404"]),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            var operation = item.GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), path);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), path);
            foreach (var status in problems)
            {
                Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), $"{method} {path} {status}");
            }
        }
    }
}

public sealed class SqliteInspectionsApiTests(ProbationAppFactory app) : InspectionsApiTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresInspectionsApiTests(PostgresAppFactory app) : InspectionsApiTests(app), IClassFixture<PostgresAppFactory>;
