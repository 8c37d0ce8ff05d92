using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Unpaid work through the API on each database: booking refusals, a whole session's attendance in one
/// transaction feeding hours and enforcement, bad input refused with nothing written, and the deadline alert.
/// </summary>
public abstract class UnpaidWorkApiTests(ProbationAppFactory app)
{
    private static int _sessions;
    private static int _projects;
    private static int _supervisor;

    private Task<List<int>> SupervisorsAsync() =>
        app.WithDbAsync(db => db.Staff.Where(s => s.Grade == Domain.Organisation.StaffGrade.UnpaidWorkSupervisor).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());

    /// <summary>A session on its own evening in the autumn (today is 26 November 2026), so tests never share a supervisor's time.</summary>
    private static DateOnly NextDay() => new DateOnly(2026, 9, 7).AddDays(Interlocked.Increment(ref _sessions) % 70);

    private sealed record Person(StoryClient Story, string Crn);

    private async Task<HttpClient> Upw() => await app.TokenClientAsync("upw");

    private async Task<Person> PersonAsync(string gender = "Male", int hours = 60, bool assessed = true, string[]? ruledOut = null, string? crnFirstName = null)
    {
        app.SkipIfUnavailable();
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        await story.CreateAndAllocateAsync(
            new
            {
                firstName = crnFirstName ?? "Unpaid",
                lastName = "Worker" + Interlocked.Increment(ref _projects),
                dateOfBirth = "1990-05-01",
                gender,
                teamId,
                source = "Court",
                receivedOn = "2026-09-01",
                orderType = "CommunityOrder",
                orderStart = "2026-09-01",
                lengthMonths = 12,
                court = "Teesside Magistrates' Court",
                mainOffence = "Acquisitive",
                requirements = new object[] { new { type = "UnpaidWork", unpaidWorkHours = hours }, new { type = "RehabilitationActivity", rarDays = 10 } },
                rosh = "Low",
                ogrsScore = 30,
            },
            "po");
        if (assessed)
        {
            await AssessAsync(story.Crn, ruledOut ?? []);
        }

        return new Person(story, story.Crn);
    }

    private async Task AssessAsync(string crn, string[] ruledOut)
    {
        var version = (await HoursAsync(crn)).GetProperty("version").GetInt32();
        var response = await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/people/{crn}/assessments", new
        {
            completedOn = "2026-09-03",
            health = "Fit for outdoor work; asthma, carries an inhaler",
            skills = "Labouring, some decorating",
            availableDays = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" },
            riskToPublic = "Low",
            riskToSupervisors = "Low",
            diversityNeeds = "None identified",
            ruledOut,
        }, version);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
    }

    private async Task<int> ProjectAsync(bool womenOnly = false, string placement = "Group", string[]? risks = null, int capacity = 6, string? award = null)
    {
        var client = await Upw();
        var response = await client.PostAsJsonAsync("/api/v1/unpaid-work/projects", new
        {
            name = "Test project " + Interlocked.Increment(ref _projects),
            type = "Horticulture",
            beneficiary = "Thornaby Town Council",
            placement,
            womenOnly,
            capacity,
            risks = risks ?? [],
            weekendAvailable = true,
            award,
            supervisorIds = await SupervisorsAsync(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<(int Id, int Version, DateOnly On)> SessionAsync(int projectId, int capacity = 6, DateOnly? on = null, string starts = "18:00", string ends = "21:00")
    {
        var day = on ?? NextDay();

        // Supervisors take turns, so sessions a test puts on the same evening have one each.
        var supervisors = await SupervisorsAsync();
        var supervisorId = supervisors[Interlocked.Increment(ref _supervisor) % supervisors.Count];
        var response = await (await Upw()).PostAsJsonAsync("/api/v1/unpaid-work/sessions", new { projectId, on = day, startsAt = starts, endsAt = ends, supervisorId, capacity });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt32(), json.GetProperty("version").GetInt32(), day);
    }

    private async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, object body, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is { } v)
        {
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{v}\""));
        }

        return await (await app.TokenClientAsync(user)).SendAsync(request);
    }

    private async Task<int> BookAsync(int sessionId, int version, string crn)
    {
        var response = await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/bookings", new { crn }, version);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<(string Detail, JsonElement Json)> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        return (json.GetProperty("detail").GetString()!, json);
    }

    private Task<int> BookingsAsync(int sessionId) => app.WithDbAsync(db => db.UnpaidWorkBookings.CountAsync(b => b.SessionId == sessionId));

    private Task<int> SessionVersionAsync(int sessionId) => app.WithDbAsync(db => db.UnpaidWorkSessions.Where(s => s.Id == sessionId).Select(s => s.Version).SingleAsync());

    private async Task<JsonElement> HoursAsync(string crn, string user = "upw")
    {
        var response = await (await app.TokenClientAsync(user)).GetAsync($"/api/v1/unpaid-work/people/{crn}/hours");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task WholeSessionAttendance_CreditsHours_WritesContacts_AndAnUnacceptableAbsenceFeedsEnforcement()
    {
        var worker = await PersonAsync();
        var absent = await PersonAsync();
        var (sessionId, version, day) = await SessionAsync(await ProjectAsync(award: "Horticulture"));
        var a = await BookAsync(sessionId, version, worker.Crn);
        var b = await BookAsync(sessionId, version + 1, absent.Crn);

        var response = await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/attendance", new
        {
            rows = new object[]
            {
                new { bookingId = a, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00", penaltyMinutes = 30, travelMinutes = 20 },
                new { crn = absent.Crn, outcome = "UnacceptableAbsence", reason = "No contact and no evidence offered" },
            },
        }, version + 2);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal($"\"{version + 3}\"", response.Headers.ETag?.Tag);

        // 180 minutes - 30 penalty + 20 travel = 170 minutes credited of 60 hours.
        var hours = await HoursAsync(worker.Crn);
        var progress = hours.GetProperty("progress");
        Assert.Equal(3600, progress.GetProperty("orderedMinutes").GetInt32());
        Assert.Equal(170, progress.GetProperty("creditedMinutes").GetInt32());
        Assert.Equal(3430, progress.GetProperty("remainingMinutes").GetInt32());
        Assert.Equal("2027-09-01", progress.GetProperty("deadline").GetString());
        Assert.Equal(2, hours.GetProperty("awards")[0].GetProperty("hoursTowards").GetInt32());

        var contacts = await StoryClient.CaseAsync(app, absent.Crn, p => p.Contacts.Select(c => (c.Kind, c.Outcome, c.Decision, c.DecisionReason, c.On)).ToList());
        var failure = Assert.Single(contacts);
        Assert.Equal((Domain.Supervision.ContactKind.UnpaidWorkSession, Domain.Supervision.ContactOutcome.FailedToAttend, Domain.Supervision.AbsenceDecision.Unacceptable, "No contact and no evidence offered", day), failure);
        Assert.Contains("EnforcementDecisionDue", await absent.Story.CodesAsync());
        var worked = await StoryClient.CaseAsync(app, worker.Crn, p => p.Contacts.Single());
        Assert.Equal(Domain.Supervision.ContactOutcome.AttendedAndComplied, worked.Outcome);
        Assert.Null(worked.Decision);

        var purposes = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subjects.Any(s => s.Crn == absent.Crn)).Select(e => e.Purpose).ToListAsync());
        Assert.Contains(purposes, p => p.StartsWith("Unpaid work attendance recorded", StringComparison.Ordinal));
        Assert.Contains(purposes, p => p.StartsWith("Booked on an unpaid work session", StringComparison.Ordinal));
        var readers = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subjects.Any(s => s.Crn == worker.Crn)).Select(e => e.Purpose).ToListAsync());
        Assert.Contains("Unpaid work hours (API)", readers);
    }

    [Fact]
    public async Task SecondUnacceptableFailure_ReachesTheThreshold_AndRecordsTheEvent()
    {
        var person = await PersonAsync();
        var project = await ProjectAsync();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var (id, version, _) = await SessionAsync(project);
            await BookAsync(id, version, person.Crn);
            var response = await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/attendance", new
            {
                rows = new object[] { new { crn = person.Crn, outcome = "SentHomeForBehaviour", startedAt = "18:00", finishedAt = "19:00", reason = "Abusive to the supervisor" } },
            }, version + 1);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        var events = await StoryClient.CaseAsync(app, person.Crn, p => p.SignificantEvents.Select(e => e.Kind).ToList());
        Assert.Equal([Domain.Supervision.SignificantEventKind.NonComplianceThreshold], events);
        Assert.Equal(120, (await HoursAsync(person.Crn)).GetProperty("progress").GetProperty("creditedMinutes").GetInt32());
    }

    [Fact]
    public async Task Booking_WithoutAnAssessment_IsRefused_AndNothingIsWritten()
    {
        var person = await PersonAsync(assessed: false);
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        var (detail, json) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/bookings", new { crn = person.Crn }, version), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Complete the unpaid work assessment", detail, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty("assessment", out _));
        Assert.Equal(0, await BookingsAsync(id));
        Assert.Equal(version, await SessionVersionAsync(id));
    }

    [Fact]
    public async Task Booking_AWomanOnAMixedGroup_IsRefused_ButAWomenOnlyGroupOrIndividualPlacementIsBooked()
    {
        var woman = await PersonAsync("Female");
        var (mixed, version, _) = await SessionAsync(await ProjectAsync());
        var (detail, _) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{mixed}/bookings", new { crn = woman.Crn }, version), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("women-only or individual placements only", detail, StringComparison.Ordinal);
        Assert.Equal(0, await BookingsAsync(mixed));

        var (womenOnly, v2, _) = await SessionAsync(await ProjectAsync(womenOnly: true));
        await BookAsync(womenOnly, v2, woman.Crn);
        var (individual, v3, _) = await SessionAsync(await ProjectAsync(placement: "Individual", capacity: 1), capacity: 1);
        await BookAsync(individual, v3, woman.Crn);
    }

    [Fact]
    public async Task Booking_OntoAProjectThePersonsRiskRulesOut_IsRefused()
    {
        var person = await PersonAsync(ruledOut: ["ChildrenPresent"]);
        var (id, version, _) = await SessionAsync(await ProjectAsync(risks: ["ChildrenPresent", "PublicFacing"]));
        var (detail, _) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/bookings", new { crn = person.Crn }, version), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("children present", detail, StringComparison.Ordinal);
        Assert.Equal(0, await BookingsAsync(id));
        var (other, v2, _) = await SessionAsync(await ProjectAsync(risks: ["PublicFacing"]));
        await BookAsync(other, v2, person.Crn);
    }

    [Fact]
    public async Task Booking_OverCapacity_TheSamePersonTwice_OrAtAClashingTime_IsRefused()
    {
        var first = await PersonAsync();
        var second = await PersonAsync();
        var project = await ProjectAsync();
        var (id, version, day) = await SessionAsync(project, capacity: 1);
        await BookAsync(id, version, first.Crn);

        var (full, _) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/bookings", new { crn = second.Crn }, version + 1), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("The session is full", full, StringComparison.Ordinal);
        var (twice, _) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/bookings", new { crn = first.Crn }, version + 1), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("already booked on this session", twice, StringComparison.Ordinal);
        Assert.Equal(1, await BookingsAsync(id));

        // Another session the same evening on another project is the same person twice at once.
        var (overlapping, v2, _) = await SessionAsync(await ProjectAsync(), on: day, starts: "19:00", ends: "20:00");
        var (clash, _) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{overlapping}/bookings", new { crn = first.Crn }, v2), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("already has an appointment at that time", clash, StringComparison.Ordinal);

        // So is an office appointment the officer booked for that evening.
        second.Story.Use(second.Crn, (await HoursAsync(second.Crn)).GetProperty("version").GetInt32());
        await second.Story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = day, kind = "Office", startsAt = "20:30", endsAt = "21:30" });
        var (next, v3, _) = await SessionAsync(project, on: day, starts: "18:00", ends: "21:00");
        var (office, _) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{next}/bookings", new { crn = second.Crn }, v3), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Office appointment, 20:30 to 21:30", office, StringComparison.Ordinal);
        Assert.Equal(0, await BookingsAsync(next));
    }

    [Theory]
    [InlineData("17:30", "21:00", 0, 0, "startedAt", "within the session's times")]
    [InlineData("18:00", "21:30", 0, 0, "finishedAt", "within the session's times")]
    [InlineData("18:00", "21:00", -10, 0, "penaltyMinutes", "cannot be negative")]
    [InlineData("18:00", "19:00", 90, 0, "penaltyMinutes", "cannot be more than the 60 minutes worked")]
    [InlineData("18:00", "21:00", 0, 200, "travelMinutes", "at most 180 minutes")]
    public async Task Attendance_BadRow_RefusesTheWholeSession_NamingTheRow_AndWritesNothing(string started, string finished, int penalty, int travel, string field, string message)
    {
        var good = await PersonAsync();
        var bad = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        await BookAsync(id, version, good.Crn);
        await BookAsync(id, version + 1, bad.Crn);

        var response = await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/attendance", new
        {
            version = version + 2,
            rows = new object[]
            {
                new { crn = good.Crn, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00" },
                new { crn = bad.Crn, outcome = "AttendedAndWorked", startedAt = started, finishedAt = finished, penaltyMinutes = penalty, travelMinutes = travel },
            },
        });
        var (detail, json) = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("Row 2 (", detail, StringComparison.Ordinal);
        Assert.Contains(message, detail, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty("rows[1]." + char.ToUpperInvariant(field[0]) + field[1..], out _), json.ToString());

        Assert.Equal(version + 2, await SessionVersionAsync(id));
        Assert.Equal(0, await app.WithDbAsync(db => db.UnpaidWorkBookings.CountAsync(b => b.SessionId == id && b.Outcome != null)));
        Assert.Equal(0, await StoryClient.CaseAsync(app, good.Crn, p => p.Contacts.Count));
    }

    [Fact]
    public async Task Attendance_StaleVersion_IsAConflict_AndAnOfficerCannotRecordIt()
    {
        var person = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        await BookAsync(id, version, person.Crn);
        var body = new { rows = new object[] { new { crn = person.Crn, outcome = "AcceptableAbsence", reason = "Hospital appointment; letter seen" } } };
        await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/attendance", body, version), HttpStatusCode.PreconditionFailed);
        await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/attendance", new { version, body.rows }), HttpStatusCode.Conflict);
        var (detail, _) = await ProblemAsync(await SendAsync("po", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/attendance", body, version + 1), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Only unpaid work supervisors and managers", detail, StringComparison.Ordinal);
        Assert.Equal(0, await StoryClient.CaseAsync(app, person.Crn, p => p.Contacts.Count));

        var ok = await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/attendance", body, version + 1);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var decision = await StoryClient.CaseAsync(app, person.Crn, p => p.Contacts.Single().Decision);
        Assert.Equal(Domain.Supervision.AbsenceDecision.Acceptable, decision);
    }

    [Fact]
    public async Task Attendance_MalformedOrWithoutAVersion_IsABadRequest_AndWritesNothing()
    {
        var person = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        await BookAsync(id, version, person.Crn);
        var client = await Upw();
        var malformed = await client.PostAsync($"/api/v1/unpaid-work/sessions/{id}/attendance", new StringContent("{\"rows\": [{\"outcome\": \"Worked hard\"}]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        var (detail, _) = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/unpaid-work/sessions/{id}/attendance", new { rows = new object[] { new { crn = person.Crn, outcome = "AttendedAndWorked" } } }), HttpStatusCode.BadRequest);
        Assert.Contains("version", detail, StringComparison.Ordinal);
        Assert.Equal(version + 1, await SessionVersionAsync(id));
        Assert.Equal(0, await StoryClient.CaseAsync(app, person.Crn, p => p.Contacts.Count));
    }

    [Fact]
    public async Task Attendance_ForASessionStillToCome_IsRefused()
    {
        var person = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync(), on: new DateOnly(2026, 12, 10));
        await BookAsync(id, version, person.Crn);
        var (detail, _) = await ProblemAsync(
            await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/attendance", new { rows = new object[] { new { crn = person.Crn, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00" } } }, version + 1),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("has not happened yet", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlineAlert_IsRaised_WhenTheHoursCannotBeMetAtTheRateBooked()
    {
        // 300 hours from 1 September, nothing worked or booked by 26 November: the deadline is at risk.
        var person = await PersonAsync(hours: 300);
        Assert.Contains("UnpaidWorkDeadlineAtRisk", await person.Story.CodesAsync());
        var hours = await HoursAsync(person.Crn, "po");
        Assert.True(hours.GetProperty("progress").GetProperty("atRisk").GetBoolean());
        Assert.Contains("responsible officer", hours.GetProperty("heldBy").GetString(), StringComparison.Ordinal);

        // Two hours from the same day: one evening booked covers them.
        var small = await PersonAsync(hours: 2);
        Assert.Contains("UnpaidWorkDeadlineAtRisk", await small.Story.CodesAsync());
        var (id, version, _) = await SessionAsync(await ProjectAsync(), on: new DateOnly(2026, 12, 11));
        await BookAsync(id, version, small.Crn);
        Assert.DoesNotContain("UnpaidWorkDeadlineAtRisk", await small.Story.CodesAsync());
    }

    [Fact]
    public async Task Award_BeforeTheHoursItIsBasedOn_IsRefused()
    {
        var person = await PersonAsync();
        var version = (await HoursAsync(person.Crn)).GetProperty("version").GetInt32();
        var (detail, _) = await ProblemAsync(
            await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/people/{person.Crn}/awards", new { qualification = "Horticulture", registeredOn = "2026-11-20" }, version),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("based on 64 hours of work: 0 worked", detail, StringComparison.Ordinal);
        var crn = Domain.Common.Crn.Parse(person.Crn);
        Assert.Equal(0, await app.WithDbAsync(db => db.UnpaidWorkAwards.CountAsync(a => db.People.Any(p => p.Id == a.PersonId && p.Crn == crn))));
    }

    [Fact]
    public async Task Assessment_MissingAnswers_IsRefusedNamingTheField()
    {
        var person = await PersonAsync(assessed: false);
        var version = (await HoursAsync(person.Crn)).GetProperty("version").GetInt32();
        var (detail, json) = await ProblemAsync(
            await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/people/{person.Crn}/assessments", new { completedOn = "2026-11-20", health = "Fit", skills = "None", availableDays = new[] { "Saturday" }, riskToPublic = "Low", diversityNeeds = "None" }, version),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("risk of harm to supervisors", detail, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty("riskToSupervisors", out _));
        Assert.True((await HoursAsync(person.Crn)).GetProperty("assessment").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Hours_OfACaseTheUserIsExcludedFrom_AreRestricted_AndOthersReadThem()
    {
        app.SkipIfUnavailable();
        var crn = await app.WithDbAsync(db => db.CaseAccessEntries.Where(e => e.Kind == Domain.Access.AccessListKind.Exclusion && db.Staff.Any(s => s.Id == e.StaffMemberId && s.UserName == "pso"))
            .Select(e => db.People.Where(p => p.Id == e.PersonId).Select(p => p.Crn).First()).FirstAsync());
        var excluded = await (await app.TokenClientAsync("pso")).GetAsync($"/api/v1/unpaid-work/people/{crn.Value}/hours");
        await ProblemAsync(excluded, HttpStatusCode.Forbidden);
        var reads = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "pso" && a.Purpose == "Unpaid work hours (API)"));
        Assert.Equal(0, reads);
        Assert.Equal(HttpStatusCode.OK, (await (await Upw()).GetAsync($"/api/v1/unpaid-work/people/{crn.Value}/hours")).StatusCode);
    }

    [Fact]
    public async Task Capacity_ShowsPlacesAgainstDemandByDayOfWeek()
    {
        app.SkipIfUnavailable();
        var response = await (await Upw()).GetAsync("/api/v1/unpaid-work/capacity?weeks=4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var days = json.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("day").GetString()).ToList();
        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], days);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheUnpaidWorkEndpoints()
    {
        app.SkipIfUnavailable();
        var json = await app.AnonymousClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/unpaid-work/projects", "/api/v1/unpaid-work/sessions/{id}/attendance", "/api/v1/unpaid-work/sessions/{id}/bookings", "/api/v1/unpaid-work/people/{crn}/hours", "/api/v1/unpaid-work/capacity" })
        {
            Assert.Contains(path, json, StringComparison.Ordinal);
        }

        Assert.Contains("UnpaidWorkDeadlineAtRisk:", json, StringComparison.Ordinal);
    }
}

public sealed class SqliteUnpaidWorkApiTests(ProbationAppFactory app) : UnpaidWorkApiTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresUnpaidWorkApiTests(PostgresAppFactory app) : UnpaidWorkApiTests(app), IClassFixture<PostgresAppFactory>;
