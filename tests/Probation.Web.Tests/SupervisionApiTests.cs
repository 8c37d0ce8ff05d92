using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Organisation;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Supervision through the API on each database: the bad input is refused clearly and writes
/// nothing; enforcement thresholds and exceptions behave as the rules say.
/// </summary>
public abstract class SupervisionApiTests(ProbationAppFactory app)
{
    private Task<StoryClient> NewCaseAsync(string orderType = "CommunityOrder") => StoryClient.NewCaseAsync(app, "Test", orderType);

    private Task<int> CountAsync(string crn, Func<Probation.Domain.Cases.PersonOnProbation, int> count) => StoryClient.CaseAsync(app, crn, count);

    private async Task<int> VersionAsync(StoryClient story)
    {
        var response = await (await story.As("po")).GetAsync($"/api/v1/cases/{story.Crn}/supervision");
        return int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Contact_AtHubOutsideItsOpeningSessions_IsRefused_InsideIsBooked()
    {
        var story = await NewCaseAsync();
        var (hubId, day, opens, closes) = await app.WithDbAsync(async db =>
        {
            var today = new DateOnly(2026, 11, 26);
            var hubs = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.CommunityHub).Select(s => s.Id).ToListAsync();
            foreach (var id in hubs)
            {
                var rentals = await db.HubRentalPeriods.AsNoTracking().Where(r => r.SiteId == id).ToListAsync();
                var sessions = await db.HubOpeningSessions.AsNoTracking().Where(r => r.SiteId == id).ToListAsync();
                for (var d = today.AddDays(1); d < today.AddDays(15); d = d.AddDays(1))
                {
                    var s = sessions.FirstOrDefault(x => x.Day == d.DayOfWeek);
                    if (s is not null && rentals.Any(r => r.Covers(d)))
                    {
                        return (id, d, s.Opens, s.Closes);
                    }
                }
            }

            throw new InvalidOperationException("The demo provider has no open, rented hub.");
        });
        var before = await VersionAsync(story);
        var detail = await story.RefusedAsync("po", HttpMethod.Post, "contacts", new { on = day, kind = "CommunityHub", siteId = hubId, startsAt = "05:00", endsAt = "05:45" });
        Assert.Contains("choose a time inside an opening session", detail, StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync(story));
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Contacts.Count));

        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = day, kind = "CommunityHub", siteId = hubId, startsAt = opens, endsAt = opens.AddMinutes(45) < closes ? opens.AddMinutes(45) : closes });
        Assert.Equal(1, await CountAsync(story.Crn, p => p.Contacts.Count));
    }

    [Fact]
    public async Task AbsenceDecision_WithoutTheOfficersJudgement_IsRefused()
    {
        var story = await NewCaseAsync();
        var detail = await story.RefusedAsync("po", HttpMethod.Post, "contacts", new { on = "2026-11-20", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "  " });
        Assert.Contains("Record your judgement", detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Contacts.Count));

        // Recorded without a decision, it waits for one, and the safety net says so after two working days.
        var id = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-11-20", kind = "Office", outcome = "FailedToAttend" });
        Assert.Contains("AbsenceAwaitingDecision", await story.CodesAsync());
        Assert.Contains("Record your judgement", await story.RefusedAsync("po", HttpMethod.Patch, $"contacts/{id}", new { decision = "Acceptable" }), StringComparison.Ordinal);
        await story.WriteAsync("po", HttpMethod.Patch, $"contacts/{id}", new { decision = "Acceptable", decisionReason = "Hospital appointment; letter seen." });
        Assert.DoesNotContain("AbsenceAwaitingDecision", await story.CodesAsync());
    }

    [Fact]
    public async Task Attendance_InTheFuture_IsRefused_ButTheAppointmentCanBeBooked()
    {
        var story = await NewCaseAsync();
        var detail = await story.RefusedAsync("po", HttpMethod.Post, "contacts", new { on = "2026-12-03", kind = "Office", outcome = "AttendedAndComplied" });
        Assert.Contains("has not happened yet", detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Contacts.Count));
        var booked = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-12-03", kind = "Office", startsAt = "10:00", endsAt = "10:30" });
        Assert.Contains("has not happened yet", await story.RefusedAsync("po", HttpMethod.Patch, $"contacts/{booked}", new { outcome = "AttendedAndComplied" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanObjective_WithNoLinkToANeedOrRisk_IsRefused()
    {
        var story = await NewCaseAsync();
        await story.InitialAssessmentAsync("2026-11-26", startedOn: "2026-11-24");
        var detail = await story.RefusedAsync("po", HttpMethod.Put, "plan", new
        {
            on = "2026-11-26",
            personsInvolvement = "Agreed together.",
            contactsPerMonth = 2,
            objectives = new object[] { new { text = "Find work in the building trade", links = Array.Empty<string>(), priority = 1, targetDate = "2027-05-31" } },
        });
        Assert.Contains("Link objective 1", detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Plan is null ? 0 : 1));
    }

    [Fact]
    public async Task Review_DatedBeforeTheOrderStarted_IsRefused()
    {
        var story = await NewCaseAsync();
        var detail = await story.RefusedAsync("po", HttpMethod.Post, "reviews", new
        {
            kind = "Scheduled",
            completedOn = "2026-08-15",
            offendingFactorChanges = "None.",
            riskFactorChanges = "None.",
            personsInvolvement = "Took part.",
            planAdjusted = true,
        });
        Assert.Contains("on or after the order started", detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Reviews.Count));

        // A review that keeps the plan unchanged must say why.
        Assert.Contains("why the plan was not adjusted", await story.RefusedAsync("po", HttpMethod.Post, "reviews", new
        {
            kind = "Scheduled",
            completedOn = "2026-11-25",
            offendingFactorChanges = "None.",
            riskFactorChanges = "None.",
            personsInvolvement = "Took part.",
            planAdjusted = false,
        }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleVersion_IfMatchIs412_BodyVersionIs409_AndNothingIsWritten()
    {
        var story = await NewCaseAsync();
        var stale = story.Version;
        await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-11-20", kind = "RelationshipChange", description = "New partner." });
        story.Use(story.Crn, stale);
        await story.RefusedAsync("po", HttpMethod.Post, "events", new { on = "2026-11-21", kind = "ChangeOfAddressOrHousehold", description = "Moved." }, HttpStatusCode.PreconditionFailed);

        var client = await story.As("po");
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/events", new { version = stale, on = "2026-11-21", kind = "ChangeOfAddressOrHousehold", description = "Moved." });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Single((await story.SupervisionAsync()).GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task MalformedRequests_Are400_UnknownCaseIs404_OutsidersAreRefused()
    {
        var story = await NewCaseAsync();
        var client = await story.As("po");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/events", new { version = story.Version, on = "2026-11-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/events", new { version = story.Version, on = "2026-11-20", kind = "Nonsense", description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/events", new { on = "2026-11-20", kind = "RelationshipChange", description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/cases/not-a-crn/events", new { version = 1, on = "2026-11-20", kind = "RelationshipChange", description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/cases/Z999999/events", new { version = 1, on = "2026-11-20", kind = "RelationshipChange", description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/cases/Z999999/alerts")).StatusCode);

        // An inspector reads samples, never writes; unpaid work staff do not record judgements.
        Assert.Equal((HttpStatusCode)422, (await story.SendAsync("upw", HttpMethod.Post, "enforcement", new { on = "2026-11-20", kind = "Warning" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await story.SendAsync("inspector", HttpMethod.Post, "events", new { on = "2026-11-20", kind = "RelationshipChange", description = "x" })).StatusCode);
        Assert.Equal(0, await CountAsync(story.Crn, p => p.EnforcementActions.Count));
    }

    [Fact]
    public async Task CreateCase_BadInputIsRefusedWhole_AndNothingIsCreated()
    {
        app.SkipIfUnavailable();
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        var before = await app.WithDbAsync(db => db.People.CountAsync());
        var client = await story.As("caseadmin");
        var response = await client.PostAsJsonAsync("/api/v1/cases", new
        {
            firstName = "Too",
            lastName = "Many",
            dateOfBirth = "1985-01-01",
            gender = "Male",
            teamId,
            source = "Court",
            receivedOn = "2026-11-20",
            orderType = "CommunityOrder",
            orderStart = "2026-11-20",
            lengthMonths = 12,
            court = "Teesside Magistrates' Court",
            mainOffence = "Acquisitive",
            requirements = new object[] { new { type = "UnpaidWork", unpaidWorkHours = 301 } },
        });
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("1 to 300 hours", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = await client.PostAsJsonAsync("/api/v1/cases", new { firstName = "No", teamId });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task CreateCase_UnpaidWorkOnly_JoinsTheStandaloneUnpaidWorkTeam_WhichAllocatesIt()
    {
        app.SkipIfUnavailable();
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        var (upwTeamId, upwOfficerId) = await app.WithDbAsync(async db =>
        {
            var team = await db.Teams.Where(t => t.Kind == TeamKind.UnpaidWork).Select(t => t.Id).SingleAsync();
            var officer = await db.Staff.Where(s => s.TeamId == team && s.Active && (s.Grade == StaffGrade.ProbationServicesOfficer || s.Grade == StaffGrade.ProbationOfficer))
                .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            return (team, officer);
        });
        object Body(string lastName, params object[] requirements) => new
        {
            firstName = "Standalone",
            lastName,
            dateOfBirth = "1994-04-04",
            gender = "Male",
            teamId,
            source = "Court",
            receivedOn = "2026-11-20",
            orderType = "CommunityOrder",
            orderStart = "2026-11-20",
            lengthMonths = 12,
            court = "Teesside Magistrates' Court",
            mainOffence = "CriminalDamage",
            requirements,
            rosh = "Low",
            ogrsScore = 20,
        };

        var caseadmin = await story.As("caseadmin");
        var only = await caseadmin.PostAsJsonAsync("/api/v1/cases", Body("Only", new { type = "UnpaidWork", unpaidWorkHours = 120 }));
        Assert.True(only.StatusCode == HttpStatusCode.Created, await only.Content.ReadAsStringAsync());
        using var created = JsonDocument.Parse(await only.Content.ReadAsStringAsync());
        Assert.Equal(upwTeamId, created.RootElement.GetProperty("teamId").GetInt32());
        Assert.Equal("Unpaid work", created.RootElement.GetProperty("team").GetString());
        var crn = created.RootElement.GetProperty("crn").GetString()!;
        var version = created.RootElement.GetProperty("version").GetInt32();

        // With another requirement the case stays with the receiving local team.
        var mixed = await caseadmin.PostAsJsonAsync("/api/v1/cases", Body("Mixed", new { type = "UnpaidWork", unpaidWorkHours = 120 }, new { type = "RehabilitationActivity", rarDays = 10 }));
        using var mixedJson = JsonDocument.Parse(await mixed.Content.ReadAsStringAsync());
        Assert.Equal(teamId, mixedJson.RootElement.GetProperty("teamId").GetInt32());

        // The unpaid work team's queue holds it; the local team's case administrator cannot allocate it, its manager can.
        var manager = await story.As("upwmanager");
        var queue = await manager.GetStringAsync($"/api/v1/teams/{upwTeamId}/allocation-queue");
        Assert.Contains(crn, queue, StringComparison.Ordinal);
        var refused = await caseadmin.PostAsJsonAsync($"/api/v1/cases/{crn}/allocation", new { staffMemberId = upwOfficerId, version });
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var allocated = await manager.PostAsJsonAsync($"/api/v1/cases/{crn}/allocation", new { staffMemberId = upwOfficerId, version, overrideReason = "Unpaid work case manager with space this week" });
        Assert.True(allocated.IsSuccessStatusCode, await allocated.Content.ReadAsStringAsync());
        Assert.Equal(upwOfficerId, await StoryClient.CaseAsync(app, crn, p => p.ResponsibleOfficerId));
    }

    [Fact]
    public async Task CreateCase_AtTheSameMoment_EachGetsItsOwnCrn()
    {
        var (teamId, _) = await new StoryClient(app).OfficerAsync("po");
        var client = await app.TokenClientAsync("caseadmin");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.PostAsJsonAsync("/api/v1/cases", new
        {
            firstName = "Same",
            lastName = "Moment" + i,
            dateOfBirth = "1990-01-01",
            gender = "Male",
            teamId,
            source = "Court",
            receivedOn = "2026-11-20",
            orderType = "CommunityOrder",
            orderStart = "2026-11-20",
            lengthMonths = 12,
            court = "Teesside Magistrates' Court",
            mainOffence = "Acquisitive",
            requirements = new object[] { new { type = "RehabilitationActivity", rarDays = 10 } },
        })));
        var crns = new List<string>();
        foreach (var r in responses)
        {
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            crns.Add(json.RootElement.GetProperty("crn").GetString()!);
        }

        Assert.Equal(8, crns.Distinct().Count());
    }

    [Fact]
    public async Task Enforcement_CommunityOrder_WarningAtTheFirstFailure_BreachDecisionAtTheSecond()
    {
        var story = await NewCaseAsync();
        var first = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-10-06", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "No reason given; no contact." });
        Assert.Contains(await story.AlertsAsync(), a => a.Code == "EnforcementDecisionDue" && a.Reason.Contains("a warning", StringComparison.Ordinal));
        await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-10-07", kind = "Warning", contactId = first, notes = "Warning letter sent." });
        Assert.DoesNotContain("EnforcementDecisionDue", await story.CodesAsync());

        Assert.Empty(await ThresholdEventsAsync(story));
        var second = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-11-03", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "Said he forgot." });
        Assert.Contains(await story.AlertsAsync(), a => a.Code == "EnforcementDecisionDue" && a.Reason.Contains("breach decision (failure 2 within 12 months)", StringComparison.Ordinal));

        // Reaching the threshold is a significant event in itself: recorded for the officer, and a review is owed.
        var threshold = Assert.Single(await ThresholdEventsAsync(story));
        Assert.Equal("2026-11-03", threshold.GetProperty("on").GetString());
        Assert.Contains("Unacceptable failure 2 within 12 months on a community order", threshold.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(await story.AlertsAsync(), a => a.Code == "TriggeredReviewOverdue" && a.Reason.Contains("enforcement threshold on 3 Nov 2026", StringComparison.Ordinal));
        await story.WriteAsync("po", HttpMethod.Post, "reviews", new
        {
            kind = "Triggered",
            triggeredByEventId = threshold.GetProperty("id").GetInt32(),
            completedOn = "2026-11-04",
            offendingFactorChanges = "Missing appointments as his drinking has increased again.",
            riskFactorChanges = "No change to risk of harm.",
            personsInvolvement = "Discussed at the office; he agreed to an alcohol referral.",
            planAdjusted = true,
        });
        Assert.DoesNotContain("TriggeredReviewOverdue", await story.CodesAsync());

        // A second warning does not answer the threshold; recall is not for a community order; breach does.
        await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-04", kind = "Warning", contactId = second, notes = "Final warning." });
        Assert.Contains("EnforcementDecisionDue", await story.CodesAsync());
        Assert.Contains("Recall is for licences", await story.RefusedAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-05", kind = "RecallRequested", contactId = second }), StringComparison.Ordinal);
        Assert.Contains("Initiate breach before", await story.RefusedAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-05", kind = "LaidBeforeCourt" }), StringComparison.Ordinal);
        await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-05", kind = "BreachInitiated", contactId = second, notes = "Second unacceptable failure." });
        Assert.DoesNotContain("EnforcementDecisionDue", await story.CodesAsync());
        await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-19", kind = "LaidBeforeCourt" });
        await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-24", kind = "CourtOutcome", notes = "Order continued with an extra 20 hours." });
        await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-25", kind = "ReEngagement", notes = "Three-way meeting to restart the RAR." });
        Assert.Equal(6, await CountAsync(story.Crn, p => p.EnforcementActions.Count));
    }

    private static async Task<List<JsonElement>> ThresholdEventsAsync(StoryClient story)
    {
        using var json = JsonDocument.Parse(await (await story.As("po")).GetStringAsync($"/api/v1/cases/{story.Crn}/supervision"));
        return json.RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "NonComplianceThreshold").Select(e => e.Clone()).ToList();
    }

    [Fact]
    public async Task Enforcement_Licence_TheFirstUnacceptableFailureNeedsARecallDecision()
    {
        var story = await NewCaseAsync("Licence");
        var missed = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-11-10", kind = "Office", outcome = "FailedToAttend" });
        Assert.Empty(await ThresholdEventsAsync(story));
        await story.WriteAsync("po", HttpMethod.Patch, $"contacts/{missed}", new { decision = "Unacceptable", decisionReason = "Whereabouts unknown." });
        Assert.Contains(await story.AlertsAsync(), a => a.Code == "EnforcementDecisionDue" && a.Reason.Contains("a recall decision", StringComparison.Ordinal));
        Assert.Contains("the recall threshold is reached", Assert.Single(await ThresholdEventsAsync(story)).GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Breach proceedings are for community", await story.RefusedAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-11", kind = "BreachInitiated" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertException_OnlyTheTeamManager_WithAReason_HoldsTheAlertUntilItsDate()
    {
        var story = await NewCaseAsync();
        await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-11-02", kind = "NewOffenceOrArrest", description = "Arrested for shop theft; released under investigation." });
        Assert.Contains("TriggeredReviewOverdue", await story.CodesAsync());
        Assert.Contains("reason", await story.RefusedAsync("manager", HttpMethod.Post, "alert-exceptions", new { code = "TriggeredReviewOverdue", reason = "", until = "2026-12-10" }), StringComparison.Ordinal);
        Assert.Contains("not raised", await story.RefusedAsync("manager", HttpMethod.Post, "alert-exceptions", new { code = "PlanOverdue", reason = "x", until = "2026-12-10" }), StringComparison.Ordinal);
        await story.WriteAsync("manager", HttpMethod.Post, "alert-exceptions", new { code = "TriggeredReviewOverdue", reason = "Officer on leave; review booked for 8 December with the duty officer.", until = "2026-12-10" });
        Assert.DoesNotContain("TriggeredReviewOverdue", await story.CodesAsync());
        var exceptions = (await story.SupervisionAsync("manager")).GetProperty("exceptions");
        Assert.Equal("TriggeredReviewOverdue", exceptions[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ReadsAndWrites_AreAudited()
    {
        var story = await NewCaseAsync();
        await story.SupervisionAsync();
        await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-11-20", kind = "RelationshipChange", description = "New partner." });
        var purposes = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subjects.Any(s => s.Crn == story.Crn)).Select(e => e.Purpose).ToListAsync());
        Assert.Contains("Supervision record (API)", purposes);
        Assert.Contains(purposes, p => p.StartsWith("Significant event recorded", StringComparison.Ordinal));
        Assert.Contains("Case created from court", purposes);
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryAlertCode()
    {
        app.SkipIfUnavailable();
        var json = await app.AnonymousClient().GetStringAsync("/openapi/v1.json");
        foreach (var code in Enum.GetNames<Probation.Domain.Supervision.AlertCode>())
        {
            Assert.Contains(code + ":", json, StringComparison.Ordinal);
        }

        Assert.Contains("/api/v1/cases/{crn}/alerts", json, StringComparison.Ordinal);
    }
}

public sealed class SqliteSupervisionApiTests(ProbationAppFactory app) : SupervisionApiTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresSupervisionApiTests(PostgresAppFactory app) : SupervisionApiTests(app), IClassFixture<PostgresAppFactory>;
