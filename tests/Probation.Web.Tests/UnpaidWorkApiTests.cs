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
    private static int _future;

    private Task<List<int>> SupervisorsAsync() =>
        app.WithDbAsync(db => db.Staff.Where(s => s.Grade == Domain.Organisation.StaffGrade.UnpaidWorkSupervisor).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());

    /// <summary>A session on its own evening in the autumn (today is 26 November 2026), so tests never share a supervisor's time.</summary>
    private static DateOnly NextDay() => new DateOnly(2026, 9, 7).AddDays(Interlocked.Increment(ref _sessions) % 70);

    /// <summary>A day still to come, spread over the new year so tests rarely share one; projects here run at weekends too.</summary>
    private static DateOnly FutureDay() => new DateOnly(2027, 1, 4).AddDays(Interlocked.Increment(ref _future) % 150);

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

    private async Task<int> RecordAsync(int sessionId, int version, params object[] rows)
    {
        var response = await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/attendance", new { rows }, version);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return version + 1;
    }

    private Task<HttpResponseMessage> CorrectAsync(int sessionId, int bookingId, int version, object body, string user = "upw") =>
        SendAsync(user, HttpMethod.Put, $"/api/v1/unpaid-work/sessions/{sessionId}/attendance/{bookingId}", body, version);

    private Task<HttpResponseMessage> CancelAsync(int sessionId, int bookingId, int? version, object body) =>
        SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/bookings/{bookingId}/cancel", body, version);

    private Task<List<string>> PurposesAsync(string crn) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subjects.Any(s => s.Crn == crn)).Select(e => e.Purpose).ToListAsync());

    private Task<Domain.Supervision.Contact> ContactAsync(int bookingId) =>
        app.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => db.UnpaidWorkBookings.Any(b => b.Id == bookingId && b.ContactId == c.Id)));

    private Task<int> CorrectionsAsync(int bookingId) => app.WithDbAsync(db => db.Set<Domain.UnpaidWork.UnpaidWorkAttendanceCorrection>().CountAsync(c => c.BookingId == bookingId));

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await (await Upw()).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every detail of a project, as a change sends them, with the ones given changed.</summary>
    private async Task<Dictionary<string, object?>> ProjectBodyAsync(int id, params (string Name, object? Value)[] changes)
    {
        var p = await GetAsync($"/api/v1/unpaid-work/projects/{id}");
        var body = new Dictionary<string, object?>
        {
            ["name"] = p.GetProperty("name").GetString(),
            ["type"] = p.GetProperty("type").GetString(),
            ["beneficiary"] = p.GetProperty("beneficiary").GetString(),
            ["placement"] = p.GetProperty("placement").GetString(),
            ["womenOnly"] = p.GetProperty("womenOnly").GetBoolean(),
            ["capacity"] = p.GetProperty("capacity").GetInt32(),
            ["weekendAvailable"] = p.GetProperty("weekendAvailable").GetBoolean(),
            ["supervisorIds"] = p.GetProperty("supervisors").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToArray(),
        };
        foreach (var (name, value) in changes)
        {
            body[name] = value;
        }

        return body;
    }

    private async Task<HttpResponseMessage> ChangeProjectAsync(int id, int? ifMatch, Dictionary<string, object?> body) =>
        await SendAsync("upw", HttpMethod.Put, $"/api/v1/unpaid-work/projects/{id}", body, ifMatch);

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
    public async Task CancellingABooking_FreesThePlace_KeepsTheReason_AndIsAuditedAgainstThePerson()
    {
        var first = await PersonAsync();
        var second = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync(), capacity: 1, on: FutureDay());
        var booking = await BookAsync(id, version, first.Crn);
        var (full, _) = await ProblemAsync(await SendAsync("upw", HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{id}/bookings", new { crn = second.Crn }, version + 1), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("The session is full", full, StringComparison.Ordinal);

        var response = await CancelAsync(id, booking, version + 1, new { reason = "AcceptableAbsenceNotifiedInAdvance", details = "Hospital appointment; letter seen" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal($"\"{version + 2}\"", response.Headers.ETag?.Tag);
        Assert.Equal(0, await BookingsAsync(id));
        await BookAsync(id, version + 2, second.Crn);

        var session = await GetAsync($"/api/v1/unpaid-work/sessions/{id}");
        var cancelled = Assert.Single(session.GetProperty("cancelled").EnumerateArray());
        Assert.Equal(("AcceptableAbsenceNotifiedInAdvance", "Hospital appointment; letter seen", first.Crn), (cancelled.GetProperty("reason").GetString(), cancelled.GetProperty("details").GetString(), cancelled.GetProperty("crn").GetString()));

        // The audit row says what happened to whose record, without the free text.
        var audited = Assert.Single(await PurposesAsync(first.Crn), p => p.StartsWith("Unpaid work booking cancelled", StringComparison.Ordinal));
        Assert.EndsWith(": acceptable absence notified in advance", audited, StringComparison.Ordinal);
        Assert.DoesNotContain("Hospital", audited, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingABooking_OnceAttendanceIsRecorded_OrAfterTheDay_IsRefused_AndNothingIsWritten()
    {
        var recorded = await PersonAsync();
        var unrecorded = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        var a = await BookAsync(id, version, recorded.Crn);
        var b = await BookAsync(id, version + 1, unrecorded.Crn);
        version = await RecordAsync(id, version + 2, new { bookingId = a, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00" });

        var (attended, _) = await ProblemAsync(await CancelAsync(id, a, version, new { reason = "BookedInError" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("correct the attendance record instead", attended, StringComparison.Ordinal);
        var (past, _) = await ProblemAsync(await CancelAsync(id, b, version, new { reason = "Rebooked" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("can be cancelled up to the day of the session", past, StringComparison.Ordinal);

        Assert.Equal(2, await BookingsAsync(id));
        Assert.Equal(version, await SessionVersionAsync(id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Domain.UnpaidWork.UnpaidWorkBookingCancellation>().CountAsync(c => c.SessionId == id)));
        Assert.DoesNotContain(await PurposesAsync(unrecorded.Crn), p => p.StartsWith("Unpaid work booking cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancellingABooking_WithoutAReason_OrAgainstAStaleVersion_IsRefused()
    {
        var person = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync(), on: FutureDay());
        var booking = await BookAsync(id, version, person.Crn);

        var (_, missing) = await ProblemAsync(await CancelAsync(id, booking, version + 1, new { details = "Moved" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(missing.GetProperty("errors").TryGetProperty("reason", out _), missing.ToString());
        var (other, words) = await ProblemAsync(await CancelAsync(id, booking, version + 1, new { reason = "Other" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Describe why", other, StringComparison.Ordinal);
        Assert.True(words.GetProperty("errors").TryGetProperty("details", out _));
        await ProblemAsync(await CancelAsync(id, booking, version, new { reason = "Rebooked" }), HttpStatusCode.PreconditionFailed);
        await ProblemAsync(await CancelAsync(id, booking, null, new { version, reason = "Rebooked" }), HttpStatusCode.Conflict);
        await ProblemAsync(await CancelAsync(id, booking + 100000, version + 1, new { reason = "Rebooked" }), HttpStatusCode.NotFound);

        Assert.Equal(1, await BookingsAsync(id));
        Assert.Equal(version + 1, await SessionVersionAsync(id));
    }

    [Fact]
    public async Task CorrectingAttendance_CreditsTheMinutesAgain_AgainstTheHoursLeftWithoutItsOwnCredit_AndKeepsTheValuesBefore()
    {
        // Three hours ordered, all credited by one evening: without its own credit the correction still has the three hours to cap at.
        var person = await PersonAsync(hours: 3);
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        var booking = await BookAsync(id, version, person.Crn);
        version = await RecordAsync(id, version + 1, new { bookingId = booking, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00" });
        Assert.Equal(0, (await HoursAsync(person.Crn)).GetProperty("progress").GetProperty("remainingMinutes").GetInt32());

        var response = await CorrectAsync(id, booking, version, new
        {
            outcome = "AttendedAndWorked",
            startedAt = "18:00",
            finishedAt = "21:00",
            penaltyMinutes = 30,
            correctionReason = "The supervisor missed a late return from the break",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);

        var progress = (await HoursAsync(person.Crn)).GetProperty("progress");
        Assert.Equal((150, 30), (progress.GetProperty("creditedMinutes").GetInt32(), progress.GetProperty("remainingMinutes").GetInt32()));
        Assert.Contains("2 hours 30 minutes credited", (await ContactAsync(booking)).Notes, StringComparison.Ordinal);

        var detail = await GetAsync($"/api/v1/unpaid-work/sessions/{id}/bookings/{booking}");
        var before = Assert.Single(detail.GetProperty("corrections").EnumerateArray());
        Assert.Equal(180, before.GetProperty("previousCreditedMinutes").GetInt32());
        Assert.Equal("The supervisor missed a late return from the break", before.GetProperty("reason").GetString());
        var audited = Assert.Single(await PurposesAsync(person.Crn), p => p.StartsWith("Unpaid work attendance corrected", StringComparison.Ordinal));
        Assert.EndsWith("penalty was 0 minutes, now 30; credit was 3 hours, now 2 hours 30 minutes", audited, StringComparison.Ordinal);
        Assert.DoesNotContain("break", audited, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorrectingAFailureToAnAcceptableAbsence_LeavesNoEnforceableContact_AndWithdrawsTheThresholdEvent()
    {
        var person = await PersonAsync();
        var project = await ProjectAsync();
        var bookings = new List<(int Session, int Booking, int Version)>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var (id, version, _) = await SessionAsync(project);
            var booking = await BookAsync(id, version, person.Crn);
            bookings.Add((id, booking, await RecordAsync(id, version + 1, new { bookingId = booking, outcome = "UnacceptableAbsence", reason = "No contact and no evidence offered" })));
        }

        Assert.Equal([Domain.Supervision.SignificantEventKind.NonComplianceThreshold], await StoryClient.CaseAsync(app, person.Crn, p => p.SignificantEvents.Select(e => e.Kind).ToList()));
        var (second, secondBooking, secondVersion) = bookings[1];
        var response = await CorrectAsync(second, secondBooking, secondVersion, new
        {
            outcome = "AcceptableAbsence",
            reason = "In hospital that evening; discharge letter seen",
            correctionReason = "The letter arrived after the session",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var contact = await ContactAsync(secondBooking);
        Assert.Equal((Domain.Supervision.ContactOutcome.FailedToAttend, Domain.Supervision.AbsenceDecision.Acceptable, "In hospital that evening; discharge letter seen"), (contact.Outcome, contact.Decision, contact.DecisionReason));
        Assert.Empty(await StoryClient.CaseAsync(app, person.Crn, p => p.SignificantEvents.ToList()));
        Assert.Contains(await PurposesAsync(person.Crn), p => p.StartsWith("Unpaid work attendance corrected", StringComparison.Ordinal) && p.Contains("; threshold event withdrawn: outcome was unacceptable absence, now acceptable absence", StringComparison.Ordinal));

        // The first failure still needs the officer's decision, until it too is corrected.
        Assert.Contains("EnforcementDecisionDue", await person.Story.CodesAsync());
        var (first, firstBooking, firstVersion) = bookings[0];
        Assert.Equal(HttpStatusCode.Created, (await CorrectAsync(first, firstBooking, firstVersion, new { outcome = "AcceptableAbsence", reason = "Rang in sick before the session", correctionReason = "The call was logged late" })).StatusCode);
        Assert.DoesNotContain("EnforcementDecisionDue", await person.Story.CodesAsync());
        Assert.Equal(0, await StoryClient.CaseAsync(app, person.Crn, p => p.Contacts.Count(c => c.Decision == Domain.Supervision.AbsenceDecision.Unacceptable)));
    }

    [Fact]
    public async Task CorrectingAnAttendanceToAFailure_FeedsEnforcement_AsANewRecordWould()
    {
        var person = await PersonAsync();
        var project = await ProjectAsync();
        var (absent, v1, _) = await SessionAsync(project);
        var a = await BookAsync(absent, v1, person.Crn);
        await RecordAsync(absent, v1 + 1, new { bookingId = a, outcome = "UnacceptableAbsence", reason = "No contact" });
        var (worked, v2, _) = await SessionAsync(project);
        var b = await BookAsync(worked, v2, person.Crn);
        var version = await RecordAsync(worked, v2 + 1, new { bookingId = b, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00" });
        Assert.Empty(await StoryClient.CaseAsync(app, person.Crn, p => p.SignificantEvents.ToList()));

        var response = await CorrectAsync(worked, b, version, new
        {
            outcome = "FailedToComply",
            startedAt = "18:00",
            finishedAt = "19:00",
            reason = "Refused to carry on after the break",
            correctionReason = "Recorded as worked by mistake",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var contact = await ContactAsync(b);
        Assert.Equal((Domain.Supervision.ContactOutcome.AttendedNotComplied, Domain.Supervision.AbsenceDecision.Unacceptable), (contact.Outcome, contact.Decision));
        Assert.Equal([Domain.Supervision.SignificantEventKind.NonComplianceThreshold], await StoryClient.CaseAsync(app, person.Crn, p => p.SignificantEvents.Select(e => e.Kind).ToList()));
        Assert.Contains(await PurposesAsync(person.Crn), p => p.StartsWith("Unpaid work attendance corrected", StringComparison.Ordinal) && p.Contains("; enforcement threshold reached: outcome was attended and worked, now failed to comply", StringComparison.Ordinal));
        Assert.Equal(60, (await HoursAsync(person.Crn)).GetProperty("progress").GetProperty("creditedMinutes").GetInt32());
    }

    [Fact]
    public async Task CorrectingAFailureTheOfficerHasActedOn_IsRefused_UntilTheyReviewIt()
    {
        var person = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        var booking = await BookAsync(id, version, person.Crn);
        version = await RecordAsync(id, version + 1, new { bookingId = booking, outcome = "UnacceptableAbsence", reason = "No contact" });
        var contact = await ContactAsync(booking);
        person.Story.Use(person.Crn, (await HoursAsync(person.Crn)).GetProperty("version").GetInt32());
        await person.Story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-26", kind = "Warning", contactId = contact.Id, notes = "Warning letter sent" });

        var (detail, _) = await ProblemAsync(
            await CorrectAsync(id, booking, version, new { outcome = "AcceptableAbsence", reason = "Was at a funeral", correctionReason = "Told us afterwards" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Enforcement is recorded against this failure (warning issued", detail, StringComparison.Ordinal);
        Assert.Equal(Domain.Supervision.AbsenceDecision.Unacceptable, (await ContactAsync(booking)).Decision);
        Assert.Equal(0, await CorrectionsAsync(booking));
    }

    [Theory]
    [InlineData("17:30", "21:00", 0, 0, "startedAt", "within the session's times")]
    [InlineData("18:00", "21:30", 0, 0, "finishedAt", "within the session's times")]
    [InlineData("18:00", "21:00", -10, 0, "penaltyMinutes", "cannot be negative")]
    [InlineData("18:00", "19:00", 90, 0, "penaltyMinutes", "cannot be more than the 60 minutes worked")]
    [InlineData("18:00", "21:00", 0, 200, "travelMinutes", "at most 180 minutes")]
    public async Task CorrectingAttendance_WithBadTimesOrMinutes_IsRefused_AndNothingIsWritten(string started, string finished, int penalty, int travel, string field, string message)
    {
        var person = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        var booking = await BookAsync(id, version, person.Crn);
        version = await RecordAsync(id, version + 1, new { bookingId = booking, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00" });
        var notes = (await ContactAsync(booking)).Notes;

        var (detail, json) = await ProblemAsync(
            await CorrectAsync(id, booking, version, new { outcome = "AttendedAndWorked", startedAt = started, finishedAt = finished, penaltyMinutes = penalty, travelMinutes = travel, correctionReason = "Times mistyped" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains(message, detail, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), json.ToString());

        Assert.Equal(version, await SessionVersionAsync(id));
        Assert.Equal(180, (await HoursAsync(person.Crn)).GetProperty("progress").GetProperty("creditedMinutes").GetInt32());
        Assert.Equal(notes, (await ContactAsync(booking)).Notes);
        Assert.Equal(0, await CorrectionsAsync(booking));
    }

    [Fact]
    public async Task CorrectingAttendance_WithoutAReason_ThatChangesNothing_BeforeItIsRecorded_OrByAnOfficer_IsRefused()
    {
        var person = await PersonAsync();
        var waiting = await PersonAsync();
        var (id, version, _) = await SessionAsync(await ProjectAsync());
        var booking = await BookAsync(id, version, person.Crn);
        var unrecorded = await BookAsync(id, version + 1, waiting.Crn);
        version = await RecordAsync(id, version + 2, new { bookingId = booking, outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00" });
        var penalty = new { outcome = "AttendedAndWorked", startedAt = "18:00", finishedAt = "21:00", penaltyMinutes = 15, correctionReason = "Late start missed" };

        var (_, noReason) = await ProblemAsync(await CorrectAsync(id, booking, version, penalty with { correctionReason = " " }), HttpStatusCode.UnprocessableEntity);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("correctionReason", out _), noReason.ToString());
        var (same, _) = await ProblemAsync(await CorrectAsync(id, booking, version, penalty with { penaltyMinutes = 0 }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("changes nothing", same, StringComparison.Ordinal);
        var (notYet, _) = await ProblemAsync(await CorrectAsync(id, unrecorded, version, penalty), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("not recorded yet", notYet, StringComparison.Ordinal);
        var (officer, _) = await ProblemAsync(await CorrectAsync(id, booking, version, penalty, "po"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Only unpaid work supervisors and managers", officer, StringComparison.Ordinal);
        await ProblemAsync(await CorrectAsync(id, booking, version - 1, penalty), HttpStatusCode.PreconditionFailed);

        Assert.Equal(version, await SessionVersionAsync(id));
        Assert.Equal(0, await CorrectionsAsync(booking));
        Assert.Equal(HttpStatusCode.Created, (await CorrectAsync(id, booking, version, penalty)).StatusCode);
        Assert.Equal(1, await CorrectionsAsync(booking));
    }

    [Fact]
    public async Task ChangingAProject_TakesItsVersion_StaleIs412FromIfMatchOr409FromTheBody()
    {
        var id = await ProjectAsync();
        var read = await (await Upw()).GetAsync($"/api/v1/unpaid-work/projects/{id}");
        Assert.Equal("\"0\"", read.Headers.ETag?.Tag);
        var body = await ProjectBodyAsync(id, ("beneficiary", "Stockton Rotary Club"), ("riskNotes", "No lone working near the river"));

        await ProblemAsync(await ChangeProjectAsync(id, 5, body), HttpStatusCode.PreconditionFailed);
        body["version"] = 5;
        await ProblemAsync(await ChangeProjectAsync(id, null, body), HttpStatusCode.Conflict);
        body.Remove("version");
        Assert.Equal("Thornaby Town Council", (await GetAsync($"/api/v1/unpaid-work/projects/{id}")).GetProperty("beneficiary").GetString());

        var changed = await ChangeProjectAsync(id, 0, body);
        Assert.True(changed.StatusCode == HttpStatusCode.Created, await changed.Content.ReadAsStringAsync());
        Assert.Equal("\"1\"", changed.Headers.ETag?.Tag);
        var project = await GetAsync($"/api/v1/unpaid-work/projects/{id}");
        Assert.Equal(("Stockton Rotary Club", "No lone working near the river", 1), (project.GetProperty("beneficiary").GetString(), project.GetProperty("riskNotes").GetString(), project.GetProperty("version").GetInt32()));
        await ProblemAsync(await ChangeProjectAsync(id, 0, body), HttpStatusCode.PreconditionFailed);
        var (bad, json) = await ProblemAsync(await ChangeProjectAsync(id, 1, await ProjectBodyAsync(id, ("capacity", 0))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("number of places", bad, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty("capacity", out _));

        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Purpose.StartsWith("Unpaid work project changed (" + project.GetProperty("name").GetString())).Select(e => e.Purpose).ToListAsync());
        Assert.Equal($"Unpaid work project changed ({project.GetProperty("name").GetString()}): beneficiary Thornaby Town Council to Stockton Rotary Club; risk notes changed", Assert.Single(audited));
    }

    [Fact]
    public async Task RetiringAProject_StopsSessionsFromItsDay_KeepsThoseScheduled_AndLeavesTheProjectList()
    {
        var id = await ProjectAsync();
        var days = new[] { FutureDay(), FutureDay(), FutureDay() }.Order().ToArray();
        var (kept, _, _) = await SessionAsync(id, on: days[2]);
        var retire = await ChangeProjectAsync(id, 0, await ProjectBodyAsync(id, ("retiredOn", days[1])));
        Assert.True(retire.StatusCode == HttpStatusCode.Created, await retire.Content.ReadAsStringAsync());

        var supervisors = await SupervisorsAsync();
        var (detail, json) = await ProblemAsync(
            await (await Upw()).PostAsJsonAsync("/api/v1/unpaid-work/sessions", new { projectId = id, on = days[1], startsAt = "18:00", endsAt = "21:00", supervisorId = supervisors[0], capacity = 6 }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"is retired from {days[1]:d MMMM yyyy}", detail, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty("on", out _));
        await SessionAsync(id, on: days[0]);
        Assert.Contains((await GetAsync("/api/v1/unpaid-work/projects")).EnumerateArray(), p => p.GetProperty("id").GetInt32() == id);

        // Retired from today: gone from the list to schedule on, still there when asked for.
        Assert.Equal(HttpStatusCode.Created, (await ChangeProjectAsync(id, 1, await ProjectBodyAsync(id, ("retiredOn", "2026-11-26")))).StatusCode);
        Assert.DoesNotContain((await GetAsync("/api/v1/unpaid-work/projects")).EnumerateArray(), p => p.GetProperty("id").GetInt32() == id);
        var all = (await GetAsync("/api/v1/unpaid-work/projects?includeRetired=true")).EnumerateArray();
        Assert.Equal("2026-11-26", Assert.Single(all, p => p.GetProperty("id").GetInt32() == id).GetProperty("retiredOn").GetString());
        Assert.Equal(id, (await GetAsync($"/api/v1/unpaid-work/sessions/{kept}")).GetProperty("session").GetProperty("projectId").GetInt32());
    }

    [Fact]
    public async Task CuttingAProjectsPlaces_BelowThoseBookedOnASessionToCome_IsRefusedNamingTheSession()
    {
        var first = await PersonAsync();
        var second = await PersonAsync();
        var id = await ProjectAsync(capacity: 6);
        var day = FutureDay();
        var (session, version, _) = await SessionAsync(id, capacity: 6, on: day);
        await BookAsync(session, version, first.Crn);
        await BookAsync(session, version + 1, second.Crn);

        var (detail, json) = await ProblemAsync(await ChangeProjectAsync(id, 0, await ProjectBodyAsync(id, ("capacity", 1))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"The session on {day:d MMMM yyyy} (18:00 to 21:00) has 2 places booked", detail, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty("capacity", out _));
        Assert.Equal(6, (await GetAsync($"/api/v1/unpaid-work/projects/{id}")).GetProperty("capacity").GetInt32());

        // Cut to three: the session's own places follow, and its version moves.
        Assert.Equal(HttpStatusCode.Created, (await ChangeProjectAsync(id, 0, await ProjectBodyAsync(id, ("capacity", 3)))).StatusCode);
        var after = (await GetAsync($"/api/v1/unpaid-work/sessions/{session}")).GetProperty("session");
        Assert.Equal((3, 2, version + 3), (after.GetProperty("capacity").GetInt32(), after.GetProperty("booked").GetInt32(), after.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task MakingAProjectWomenOnly_WhileMenAreBookedOnASessionToCome_IsRefused()
    {
        var man = await PersonAsync();
        var id = await ProjectAsync();
        var day = FutureDay();
        var (session, version, _) = await SessionAsync(id, on: day);
        await BookAsync(session, version, man.Crn);
        var (detail, json) = await ProblemAsync(await ChangeProjectAsync(id, 0, await ProjectBodyAsync(id, ("womenOnly", true))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"Men are booked on the session on {day:d MMMM yyyy}", detail, StringComparison.Ordinal);
        Assert.True(json.GetProperty("errors").TryGetProperty("womenOnly", out _));
    }

    [Fact]
    public async Task OpenApi_DocumentsTheUnpaidWorkEndpoints()
    {
        app.SkipIfUnavailable();
        var json = await app.AnonymousClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/unpaid-work/projects", "/api/v1/unpaid-work/sessions/{id}/attendance", "/api/v1/unpaid-work/sessions/{id}/bookings", "/api/v1/unpaid-work/people/{crn}/hours", "/api/v1/unpaid-work/capacity",
            "/api/v1/unpaid-work/projects/{id}", "/api/v1/unpaid-work/sessions/{id}/bookings/{bookingId}/cancel", "/api/v1/unpaid-work/sessions/{id}/attendance/{bookingId}" })
        {
            Assert.Contains(path, json, StringComparison.Ordinal);
        }

        Assert.Contains("UnpaidWorkDeadlineAtRisk:", json, StringComparison.Ordinal);
    }
}

public sealed class SqliteUnpaidWorkApiTests(ProbationAppFactory app) : UnpaidWorkApiTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresUnpaidWorkApiTests(PostgresAppFactory app) : UnpaidWorkApiTests(app), IClassFixture<PostgresAppFactory>;
