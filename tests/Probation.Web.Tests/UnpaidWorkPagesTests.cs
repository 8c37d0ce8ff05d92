using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The unpaid work pages through their forms: a supervisor records a whole session's attendance at once and the
/// person's hours update on their case page; a refused row is shown in the error summary and nothing is written.
/// </summary>
public abstract class UnpaidWorkPagesTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();
    private static int _n;

    private async Task<string> PersonAsync(int hours = 40)
    {
        app.SkipIfUnavailable();
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        await story.CreateAndAllocateAsync(
            new
            {
                firstName = "Page",
                lastName = "Worker" + Interlocked.Increment(ref _n),
                dateOfBirth = "1991-02-03",
                gender = "Male",
                teamId,
                source = "Court",
                receivedOn = "2026-09-01",
                orderType = "CommunityOrder",
                orderStart = "2026-09-01",
                lengthMonths = 12,
                court = "Teesside Magistrates' Court",
                mainOffence = "CriminalDamage",
                // Unpaid work and a RAR: the responsible officer in the local team holds the case.
                requirements = new object[] { new { type = "UnpaidWork", unpaidWorkHours = hours }, new { type = "RehabilitationActivity", rarDays = 10 } },
                rosh = "Low",
                ogrsScore = 25,
            },
            "po");
        return story.Crn;
    }

    private async Task<int> SessionAsync(DateOnly on) => (await ProjectAndSessionAsync(on)).Session;

    private async Task<(int Project, int Session)> ProjectAndSessionAsync(DateOnly on)
    {
        var client = await app.TokenClientAsync("upw");
        var supervisors = await app.WithDbAsync(db => db.Staff.Where(s => s.Grade == Domain.Organisation.StaffGrade.UnpaidWorkSupervisor).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());
        var project = await client.PostAsJsonAsync("/api/v1/unpaid-work/projects", new
        {
            name = "Page project " + Interlocked.Increment(ref _n),
            type = "Maintenance",
            beneficiary = "Stockton Borough Council",
            placement = "Group",
            capacity = 6,
            weekendAvailable = true,
            supervisorIds = supervisors,
        });
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        var projectId = (await project.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var session = await client.PostAsJsonAsync("/api/v1/unpaid-work/sessions", new
        {
            projectId,
            on,
            startsAt = "17:00",
            endsAt = "21:00",
            supervisorId = supervisors[Interlocked.Increment(ref _n) % supervisors.Count],
            capacity = 6,
        });
        Assert.True(session.StatusCode == HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
        return (projectId, (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends the form on <paramref name="path"/> holding the first field, with its hidden fields, as a browser would.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var doc = await Parser.ParseDocumentAsync(await client.GetStringAsync(path));
        var form = doc.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"[name='{fields[0].Name}']") is not null);
        Assert.True(form is not null, $"No form on {path} has the field {fields[0].Name}");
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields)
        {
            var inputs = form.QuerySelectorAll($"[name='{name}']").ToList();
            Assert.True(inputs.Count > 0, $"The form on {path} has no field {name}");
            if (inputs[0] is IHtmlSelectElement select && value.Length > 0)
            {
                Assert.Contains(select.Options, o => o.Value == value);
            }

            values[name] = value;
        }

        return await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } a ? a : path, new FormUrlEncodedContent(values));
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response, string href, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var summary = doc.QuerySelector(".govuk-error-summary");
        Assert.True(summary is not null, "No error summary on the page");
        var link = summary.QuerySelectorAll(".govuk-error-summary__list a").FirstOrDefault(l => l.GetAttribute("href") == href);
        Assert.True(link is not null, $"The error summary does not link to {href}: {summary.TextContent.Trim()}");
        Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.GetElementById(href[1..]));
        return doc;
    }

    private async Task AssessOnPageAsync(HttpClient client, string crn)
    {
        var path = $"/cases/{crn.ToLowerInvariant()}/unpaid-work";
        var response = await SubmitAsync(client, path,
            ("Input.CompletedOn.Day", "2"), ("Input.CompletedOn.Month", "9"), ("Input.CompletedOn.Year", "2026"),
            ("Input.Health", "No health problems"), ("Input.Skills", "Labouring"), ("Input.AvailableDays", "Monday"),
            ("Input.RiskToPublic", "Low"), ("Input.RiskToSupervisors", "Low"), ("Input.DiversityNeeds", "None identified"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Supervisor_RecordsAWholeSessionsAttendance_AndTheHoursShowOnTheCasePage()
    {
        var first = await PersonAsync();
        var second = await PersonAsync();
        var client = await app.SignInAsync("upw");
        await AssessOnPageAsync(client, first);
        await AssessOnPageAsync(client, second);
        var id = await SessionAsync(new DateOnly(2026, 11, 23));
        var path = $"/unpaid-work/sessions/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, ("Book.Crn", first))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, ("Book.Crn", second))).StatusCode);

        var page = await PageAsync(client, path);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=attendance-row]").Length);
        var firstRow = page.QuerySelectorAll("[data-testid=attendance-row]").Select((r, i) => (r, i)).Single(x => x.r.TextContent.Contains(first, StringComparison.Ordinal)).i;
        var other = 1 - firstRow;
        var response = await SubmitAsync(client, path,
            ($"Rows[{firstRow}].Outcome", "AttendedAndWorked"), ($"Rows[{firstRow}].StartedAt", "17:00"), ($"Rows[{firstRow}].FinishedAt", "21:00"), ($"Rows[{firstRow}].PenaltyMinutes", "15"),
            ($"Rows[{other}].Outcome", "AcceptableAbsence"), ($"Rows[{other}].Reason", "Hospital appointment; letter seen"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());

        var done = await PageAsync(client, path);
        Assert.Contains("3 hours 45 minutes", done.QuerySelector("[data-testid=recorded]")!.TextContent, StringComparison.Ordinal);

        // The responsible officer sees the hours on the case page.
        var officer = await app.SignInAsync("po");
        var casePage = await PageAsync(officer, $"/cases/{first.ToLowerInvariant()}");
        Assert.Equal("3 hours 45 minutes", casePage.QuerySelector("[data-testid=worked]")!.TextContent.Trim());
        Assert.Equal("36 hours 15 minutes", casePage.QuerySelector("[data-testid=remaining]")!.TextContent.Trim());
        Assert.Contains("1 September 2027", casePage.QuerySelector("[data-testid=unpaid-work-hours]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attendance_FinishingAfterTheSession_IsShownAgainstTheRow_AndNothingIsWritten()
    {
        var crn = await PersonAsync();
        var client = await app.SignInAsync("upw");
        await AssessOnPageAsync(client, crn);
        var id = await SessionAsync(new DateOnly(2026, 11, 24));
        var path = $"/unpaid-work/sessions/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, ("Book.Crn", crn))).StatusCode);
        var response = await SubmitAsync(client, path, ("Rows[0].Outcome", "AttendedAndWorked"), ("Rows[0].StartedAt", "17:00"), ("Rows[0].FinishedAt", "22:00"));
        await RefusedAsync(response, "#Rows_0__FinishedAt", "within the session's times (17:00 to 21:00)");
        Assert.Equal(0, await StoryClient.CaseAsync(app, crn, p => p.Contacts.Count));
        Assert.Equal(0, await app.WithDbAsync(db => db.UnpaidWorkBookings.Where(b => b.SessionId == id).SumAsync(b => b.CreditedMinutes)));

        var bad = await SubmitAsync(client, path, ("Rows[0].Outcome", "AttendedAndWorked"), ("Rows[0].StartedAt", "5 o'clock"), ("Rows[0].FinishedAt", "21:00"));
        await RefusedAsync(bad, "#Rows_0__StartedAt", "24-hour clock");
    }

    [Fact]
    public async Task Booking_BeforeTheAssessment_IsRefusedOnThePage()
    {
        var crn = await PersonAsync();
        var client = await app.SignInAsync("upw");
        var id = await SessionAsync(new DateOnly(2026, 11, 25));
        var response = await SubmitAsync(client, $"/unpaid-work/sessions/{id}", ("Book.Crn", crn));
        await RefusedAsync(response, "#Book_Crn", "Complete the unpaid work assessment");
        Assert.Equal(0, await app.WithDbAsync(db => db.UnpaidWorkBookings.CountAsync(b => b.SessionId == id)));
    }

    [Fact]
    public async Task CancellingABooking_AsksWhy_ShowsARefusalInTheErrorSummary_ThenFreesThePlace()
    {
        var crn = await PersonAsync();
        var client = await app.SignInAsync("upw");
        await AssessOnPageAsync(client, crn);
        var id = await SessionAsync(new DateOnly(2026, 12, 14));
        var path = $"/unpaid-work/sessions/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, ("Book.Crn", crn))).StatusCode);

        var session = await PageAsync(client, path);
        Assert.Contains(crn, session.QuerySelector("[data-testid=booked]")!.TextContent, StringComparison.Ordinal);
        var cancel = session.QuerySelector("[data-testid=booked] a[data-testid=cancel]")!.GetAttribute("href")!;

        await RefusedAsync(await SubmitAsync(client, cancel, ("Details", "")), "#Reason", "Select why the booking is cancelled");
        await RefusedAsync(await SubmitAsync(client, cancel, ("Reason", "Other")), "#Details", "Describe why the booking is cancelled");
        Assert.Equal(1, await app.WithDbAsync(db => db.UnpaidWorkBookings.CountAsync(b => b.SessionId == id)));

        var done = await SubmitAsync(client, cancel, ("Reason", "Rebooked"), ("Details", "Moved to the Saturday session"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(path, done.Headers.Location?.OriginalString);
        var after = await PageAsync(client, path);
        Assert.Null(after.QuerySelector("[data-testid=booked]"));
        Assert.Contains("Rebooked on another session: Moved to the Saturday session", after.QuerySelector("[data-testid=cancelled]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0 of 6 booked", after.QuerySelector("[data-testid=places]")!.TextContent.Trim());
    }

    [Fact]
    public async Task CorrectingAttendance_ShowsBadTimesInTheErrorSummary_ThenCreditsTheHoursAgainOnTheCasePage()
    {
        var crn = await PersonAsync();
        var client = await app.SignInAsync("upw");
        await AssessOnPageAsync(client, crn);
        var id = await SessionAsync(new DateOnly(2026, 11, 19));
        var path = $"/unpaid-work/sessions/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, ("Book.Crn", crn))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, ("Rows[0].Outcome", "AttendedAndWorked"), ("Rows[0].StartedAt", "17:00"), ("Rows[0].FinishedAt", "21:00"))).StatusCode);

        var correct = (await PageAsync(client, path)).QuerySelector("[data-testid=recorded] a[data-testid=correct]")!.GetAttribute("href")!;
        var form = await PageAsync(client, correct);
        Assert.Equal("4 hours", form.QuerySelector("[data-testid=credited]")!.TextContent.Trim());

        (string, string)[] Fields(string finished, string why) =>
            [("Input.Outcome", "AttendedAndWorked"), ("Input.StartedAt", "17:00"), ("Input.FinishedAt", finished), ("Input.CorrectionReason", why)];
        await RefusedAsync(await SubmitAsync(client, correct, Fields("22:00", "Finish time mistyped")), "#Input_FinishedAt", "within the session's times (17:00 to 21:00)");
        await RefusedAsync(await SubmitAsync(client, correct, Fields("half past seven", "Finish time mistyped")), "#Input_FinishedAt", "24-hour clock");
        await RefusedAsync(await SubmitAsync(client, correct, Fields("19:30", "")), "#Input_CorrectionReason", "why the attendance record is being corrected");
        Assert.Equal(240, await app.WithDbAsync(db => db.UnpaidWorkBookings.Where(b => b.SessionId == id).SumAsync(b => b.CreditedMinutes)));

        var done = await SubmitAsync(client, correct, Fields("19:30", "Left at half past seven; the sheet said nine"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("2 hours 30 minutes", (await PageAsync(client, path)).QuerySelector("[data-testid=recorded]")!.TextContent, StringComparison.Ordinal);
        var history = await PageAsync(client, correct);
        Assert.Contains("Left at half past seven", history.QuerySelector("[data-testid=corrections]")!.TextContent, StringComparison.Ordinal);

        var casePage = await PageAsync(await app.SignInAsync("po"), $"/cases/{crn.ToLowerInvariant()}");
        Assert.Equal("2 hours 30 minutes", casePage.QuerySelector("[data-testid=worked]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ChangingAProject_ShowsBadInputInTheErrorSummary_AndRetiringItTakesItOffTheSchedulingList()
    {
        app.SkipIfUnavailable();
        var (project, _) = await ProjectAndSessionAsync(new DateOnly(2026, 11, 20));
        var client = await app.SignInAsync("upw");
        var path = $"/unpaid-work/projects/{project}";
        var name = (await PageAsync(client, path)).QuerySelector("h1")!.LastChild!.TextContent.Trim();

        (string, string)[] Details(string capacity) =>
            [("Input.Name", name), ("Input.Type", "Maintenance"), ("Input.Beneficiary", "Stockton Borough Council"), ("Input.Placement", "Group"), ("Input.Capacity", capacity), ("Input.WeekendAvailable", "true")];
        await RefusedAsync(await SubmitAsync(client, path, Details("0")), "#Input_Capacity", "Enter the number of places, from 1 to 30");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, Details("4"))).StatusCode);
        Assert.Equal("4", (await PageAsync(client, path)).QuerySelector("[data-testid=capacity]")!.TextContent.Trim());

        await RefusedAsync(await SubmitAsync(client, path, ("RetireFrom.Day", "31"), ("RetireFrom.Month", "2"), ("RetireFrom.Year", "2027")), "#RetireFrom", "must be a real date");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, path, ("RetireFrom.Day", "26"), ("RetireFrom.Month", "11"), ("RetireFrom.Year", "2026"))).StatusCode);
        Assert.Contains("Retired from 26 November 2026", (await PageAsync(client, path)).QuerySelector("[data-testid=retirement]")!.TextContent, StringComparison.Ordinal);
        var sessions = await PageAsync(client, "/unpaid-work/sessions");
        Assert.DoesNotContain(sessions.QuerySelectorAll("#Input_ProjectId option"), o => o.GetAttribute("value") == project.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Retired from 26 November 2026", (await PageAsync(client, "/unpaid-work/projects")).QuerySelector("[data-testid=projects]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upw", "/unpaid-work", true)]
    [InlineData("po", "/", true)]
    [InlineData("programmes", "/", true)]
    [InlineData("admin", "/admin/audit", false)]
    [InlineData("inspector", "/", false)]
    public async Task TheUnpaidWorkLink_ShowsOnlyToThoseWhoMayOpenThePages(string user, string page, bool shown)
    {
        app.SkipIfUnavailable();
        var client = await app.SignInAsync(user);
        var doc = await PageAsync(client, page);
        var link = doc.QuerySelector("nav[aria-label='Primary navigation'] a[href='/unpaid-work']");
        Assert.Equal(shown, link is not null);
        var opened = await client.GetAsync("/unpaid-work");
        if (shown)
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }
        else
        {
            Assert.StartsWith("/error/403", opened.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ManagerPages_ShowProjectsTheCalendarAndTheWeekendShortfall()
    {
        app.SkipIfUnavailable();
        var client = await app.SignInAsync("upw");
        var overview = await PageAsync(client, "/unpaid-work");
        Assert.NotNull(overview.QuerySelector("[data-testid=weekend-shortfall]"));
        Assert.Equal(7, overview.QuerySelectorAll("[data-testid=capacity] tbody tr").Length);
        var projects = await PageAsync(client, "/unpaid-work/projects");
        Assert.Contains("Thornaby community garden", projects.QuerySelector("[data-testid=projects]")!.TextContent, StringComparison.Ordinal);
        var calendar = await PageAsync(client, "/unpaid-work/sessions?week=2026-11-16");
        Assert.Equal(7, calendar.QuerySelectorAll("[data-testid=calendar] tbody tr").Length);
        Assert.Contains("Thornaby community garden", calendar.QuerySelector("[data-testid=calendar]")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class SqliteUnpaidWorkPagesTests(ProbationAppFactory app) : UnpaidWorkPagesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresUnpaidWorkPagesTests(PostgresAppFactory app) : UnpaidWorkPagesTests(app), IClassFixture<PostgresAppFactory>;
