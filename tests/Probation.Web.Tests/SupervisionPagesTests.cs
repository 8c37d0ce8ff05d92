using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Application.Cases;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The supervision pages of a case, through the browser's forms: what the use cases refuse is shown
/// in the GOV.UK error summary against its field and writes nothing; what they accept is saved and shown.
/// Each test makes its own case through the API, so no test sees another's records.
/// </summary>
public abstract class SupervisionPagesTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();
    /// <summary>A fresh community order case from 1 September 2026 on the demo officer's caseload.</summary>
    private Task<StoryClient> NewCaseAsync() => StoryClient.NewCaseAsync(app, "Page");

    private static string PathOf(StoryClient story, string page) => $"/cases/{story.Crn.ToLowerInvariant()}/{page}";

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlAsync(response);
    }

    private Task<T> CaseAsync<T>(StoryClient story, Func<PersonOnProbation, T> read) => StoryClient.CaseAsync(app, story.Crn, read);

    /// <summary>
    /// Fills in the form on <paramref name="path"/> that holds the first field and sends it, as a browser would:
    /// every field sent must be on that form (and a radio's or select's value one of its choices), and the
    /// antiforgery token and the case version come from the form unless the test gives its own.
    /// </summary>
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
            if (inputs[0] is IHtmlInputElement { Type: "radio" } && value.Length > 0)
            {
                Assert.Contains(inputs, i => i.GetAttribute("value") == value);
            }
            else if (inputs[0] is IHtmlSelectElement select && value.Length > 0)
            {
                Assert.Contains(select.Options, o => o.Value == value);
            }

            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : path;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>A refusal: the page again (or a 409), the GOV.UK error summary linking to the field, and the message.</summary>
    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response, string href, string message, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        var doc = await HtmlAsync(response);
        var summary = doc.QuerySelector(".govuk-error-summary");
        Assert.True(summary is not null, "No error summary on the page");
        var link = summary.QuerySelectorAll(".govuk-error-summary__list a").FirstOrDefault(l => l.GetAttribute("href") == href);
        Assert.True(link is not null, $"The error summary does not link to {href}: {summary.TextContent.Trim()}");
        Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
        if (href != "#main-content")
        {
            Assert.NotNull(doc.GetElementById(href[1..]));
            Assert.StartsWith("Error:", doc.Title, StringComparison.Ordinal);
        }

        return doc;
    }

    /// <summary>A change accepted: back to the page, which says what was saved.</summary>
    private async Task<IHtmlDocument> SavedAsync(HttpClient client, HttpResponseMessage response, string path, string saved)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {(await HtmlAsync(response)).QuerySelector(".govuk-error-summary")?.TextContent.Trim()}");
        Assert.Equal(path, response.Headers.Location!.OriginalString);
        var doc = await PageAsync(client, path);
        Assert.Contains(saved, doc.QuerySelector("[data-testid=saved]")!.TextContent, StringComparison.Ordinal);
        return doc;
    }

    private static void AssertPage(IHtmlDocument doc, string heading, string section)
    {
        Assert.Equal(heading, doc.QuerySelector("h1")!.TextContent.Trim());
        var current = Assert.Single(doc.QuerySelectorAll(".moj-sub-navigation a[aria-current=page]"));
        Assert.EndsWith("/" + section, current.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector(".govuk-error-summary"));
    }

    private static string Text(IHtmlDocument doc, string selector) => doc.QuerySelector(selector)?.TextContent ?? "";

    [Fact]
    public async Task CaseOverview_ShowsThePlanAtAGlance_AndTheLatestTwentyContacts_MostRecentFirst()
    {
        var story = await NewCaseAsync();
        var po = await app.SignInAsync("po");
        var overview = await PageAsync(po, $"/cases/{story.Crn.ToLowerInvariant()}");
        Assert.Contains("No sentence plan yet.", overview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No contacts recorded.", overview.Body!.TextContent, StringComparison.Ordinal);

        var first = new DateOnly(2026, 10, 1);
        for (var i = 0; i < 22; i++)
        {
            await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = first.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind = i == 21 ? "HomeVisit" : "Office", outcome = "AttendedAndComplied" });
        }

        await story.InitialAssessmentAsync("2026-11-25");
        await story.WriteAsync("po", HttpMethod.Put, "plan", new
        {
            on = "2026-11-25",
            personsInvolvement = "Agreed together.",
            contactsPerMonth = 2,
            objectives = new object[]
            {
                new { text = "Stay away from the shop", links = new[] { "ThinkingAndBehaviour" }, priority = 2, targetDate = "2027-05-31" },
                new { text = "Find work in the building trade", links = new[] { "EducationTrainingEmployment" }, priority = 1, targetDate = "2027-05-31" },
            },
        });

        overview = await PageAsync(po, $"/cases/{story.Crn.ToLowerInvariant()}");
        var rows = overview.QuerySelectorAll("[data-testid=recent-contacts] tbody tr");
        Assert.Equal(GetCaseOverview.RecentContactsShown, rows.Length);
        Assert.StartsWith("22 Oct 2026Home visit", rows[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("3 Oct 2026", rows[^1].TextContent.Trim(), StringComparison.Ordinal);
        var plan = Text(overview, "[data-testid=plan-summary]");
        Assert.Contains("25 November 2026", plan, StringComparison.Ordinal);
        Assert.Contains("2 a month", plan, StringComparison.Ordinal);
        Assert.True(plan.IndexOf("Find work in the building trade", StringComparison.Ordinal) < plan.IndexOf("Stay away from the shop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnforcementPage_CountsFailuresAgainstTheThreshold_RefusesBadInput_AndRecordsTheBreach()
    {
        var story = await NewCaseAsync();
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-10-06", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "No reason given; no contact." });
        var second = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-11-03", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "Said he forgot." });
        var path = PathOf(story, "enforcement");
        var po = await app.SignInAsync("po");

        var page = await PageAsync(po, path);
        AssertPage(page, "Enforcement", "enforcement");
        Assert.Contains("2 of 2: a breach decision is due", Text(page, "[data-testid=threshold]"), StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=failures] tbody tr").Length);
        Assert.Contains("No enforcement action recorded", Text(page, "[data-testid=enforcement]"), StringComparison.Ordinal);

        // No further action is a judgement: it needs the reasons.
        await RefusedAsync(
            await SubmitAsync(po, path, ("Input.On.Day", "5"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Kind", "NoFurtherAction"), ("Input.ContactId", ""), ("Input.Notes", "  ")),
            "#Input_Notes", "Enter what was decided and why");
        await RefusedAsync(
            await SubmitAsync(po, path, ("Input.On.Day", "31"), ("Input.On.Month", "2"), ("Input.On.Year", "2026"), ("Input.Kind", "Warning"), ("Input.Notes", "Warning letter.")),
            "#Input_On", "must be a real date");
        var noKind = await RefusedAsync(
            await SubmitAsync(po, path, ("Input.On.Day", "5"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Notes", "Warning letter.")),
            "#Input_Kind", "Select the enforcement action");
        Assert.Equal("Warning letter.", noKind.QuerySelector("#Input_Notes")!.TextContent);
        Assert.Equal(0, await CaseAsync(story, p => p.EnforcementActions.Count));

        var version = await CaseAsync(story, p => p.Version);
        await RefusedAsync(
            await SubmitAsync(po, path, ("Input.On.Day", "5"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Kind", "BreachInitiated"), ("Input.Notes", "Second failure."), ("Input.Version", (version - 1).ToString(CultureInfo.InvariantCulture))),
            "#main-content", "Someone else changed this case", HttpStatusCode.Conflict);
        Assert.Equal(0, await CaseAsync(story, p => p.EnforcementActions.Count));
        Assert.Equal(version, await CaseAsync(story, p => p.Version));

        var saved = await SavedAsync(
            po,
            await SubmitAsync(po, path, ("Input.On.Day", "5"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Kind", "BreachInitiated"), ("Input.ContactId", second.ToString(CultureInfo.InvariantCulture)), ("Input.Notes", "Second unacceptable failure in four weeks.")),
            path,
            "Enforcement recorded: Breach initiated");
        var row = Assert.Single(saved.QuerySelectorAll("[data-testid=enforcement] tbody tr"));
        Assert.Contains("Breach initiated", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 November 2026", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Second unacceptable failure in four weeks.", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("a breach decision was recorded", Text(saved, "[data-testid=threshold]"), StringComparison.Ordinal);
        Assert.Equal(1, await CaseAsync(story, p => p.EnforcementActions.Count(e => e.Kind == Probation.Domain.Supervision.EnforcementKind.BreachInitiated && e.ContactId == second)));
    }

    [Fact]
    public async Task EventsPage_RecordsAnEvent_AndTheDecisionOnAMonitoringViolation()
    {
        var story = await NewCaseAsync();
        var path = PathOf(story, "events");
        var po = await app.SignInAsync("po");
        AssertPage(await PageAsync(po, path), "Significant events", "events");

        await RefusedAsync(
            await SubmitAsync(po, path, ("Input.On.Day", "25"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Kind", "MonitoringViolation"), ("Input.Description", "")),
            "#Input_Description", "Enter what happened");
        await RefusedAsync(
            await SubmitAsync(po, path, ("Input.On.Day", "25"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Description", "Out after curfew.")),
            "#Input_Kind", "Select what happened");
        Assert.Equal(0, await CaseAsync(story, p => p.SignificantEvents.Count));

        var saved = await SavedAsync(
            po,
            await SubmitAsync(po, path, ("Input.On.Day", "25"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Kind", "MonitoringViolation"), ("Input.Description", "Curfew monitoring: out of the address after 9pm.")),
            path,
            "Significant event recorded: A monitoring violation");
        var id = await CaseAsync(story, p => p.SignificantEvents.Single().Id);
        Assert.Contains("Curfew monitoring: out of the address after 9pm.", Text(saved, $"[data-event-id='{id}']"), StringComparison.Ordinal);
        Assert.Contains("No decision recorded", Text(saved, $"[data-event-id='{id}']"), StringComparison.Ordinal);

        // The decision on the violation has its own form; a refusal is shown against that form's fields.
        var day = $"Actions[{id}].On.Day";
        var month = $"Actions[{id}].On.Month";
        var year = $"Actions[{id}].On.Year";
        var taken = $"Actions[{id}].ActionTaken";
        await RefusedAsync(await SubmitAsync(po, path, (day, "26"), (month, "11"), (year, "2026"), (taken, " ")), $"#Actions_{id}__ActionTaken", "Enter the decision and the action taken");
        await RefusedAsync(await SubmitAsync(po, path, (day, "24"), (month, "11"), (year, "2026"), (taken, "Warning given.")), $"#Actions_{id}__On", "on or after the day of the event");
        await RefusedAsync(await SubmitAsync(po, path, (day, "31"), (month, "2"), (year, "2026"), (taken, "Warning given.")), $"#Actions_{id}__On", "must be a real date");
        Assert.Null(await CaseAsync(story, p => p.SignificantEvents.Single().ActionedOn));

        var actioned = await SavedAsync(
            po,
            await SubmitAsync(po, path, (day, "26"), (month, "11"), (year, "2026"), (taken, "Final warning given; curfew hours explained again.")),
            path,
            "Action recorded on the monitoring violation of 25 November 2026");
        Assert.Contains("Final warning given; curfew hours explained again.", Text(actioned, $"[data-event-id='{id}']"), StringComparison.Ordinal);
        Assert.Null(actioned.QuerySelector($"[name='{taken}']"));
        Assert.Equal(new DateOnly(2026, 11, 26), await CaseAsync(story, p => p.SignificantEvents.Single().ActionedOn));

        var version = await CaseAsync(story, p => p.Version);
        await RefusedAsync(
            await SubmitAsync(po, path, ("Input.On.Day", "26"), ("Input.On.Month", "11"), ("Input.On.Year", "2026"), ("Input.Kind", "RelationshipChange"), ("Input.Description", "New partner."), ("Input.Version", (version - 1).ToString(CultureInfo.InvariantCulture))),
            "#main-content", "Someone else changed this case", HttpStatusCode.Conflict);
        Assert.Equal(1, await CaseAsync(story, p => p.SignificantEvents.Count));
    }

    [Fact]
    public async Task ReviewsPage_TriggeredByAnEvent_RefusesBadReviews_AndRecordsProgressPerObjective()
    {
        var story = await NewCaseAsync();
        await story.InitialAssessmentAsync("2026-11-25");
        await story.WriteAsync("po", HttpMethod.Put, "plan", new
        {
            on = "2026-11-25",
            personsInvolvement = "Agreed together.",
            contactsPerMonth = 2,
            objectives = new object[] { new { text = "Find work in the building trade", links = new[] { "EducationTrainingEmployment" }, priority = 1, targetDate = "2027-05-31" } },
        });
        var eventId = await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-11-20", kind = "ChangeOfAddressOrHousehold", description = "Moved in with his sister." });
        var objectiveId = await app.WithDbAsync(db => db.People.Where(p => p.Crn == Crn.Parse(story.Crn)).SelectMany(p => p.Plan!.Objectives).Select(o => o.Id).SingleAsync());
        var path = PathOf(story, "reviews");
        var po = await app.SignInAsync("po");

        var page = await PageAsync(po, $"{path}?eventId={eventId}");
        AssertPage(page, "Reviews", "reviews");
        Assert.NotNull(page.QuerySelector("[data-testid=no-reviews]"));
        Assert.True(((IHtmlInputElement)page.QuerySelector("#Input_Kind_Triggered")!).IsChecked);
        Assert.Equal(eventId.ToString(CultureInfo.InvariantCulture), ((IHtmlSelectElement)page.QuerySelector("#Input_TriggeredByEventId")!).Value);
        var progressName = $"Input.Progress[{objectiveId}]";
        var progress = page.QuerySelector($"textarea[name='{progressName}']")!;
        Assert.Equal("Find work in the building trade", page.QuerySelector($"label[for='{progress.Id}']")!.TextContent.Trim());

        (string, string)[] Review(string day, string month, string year, string progressText, string adjusted, string why) =>
        [
            ("Input.Kind", "Triggered"), ("Input.TriggeredByEventId", eventId.ToString(CultureInfo.InvariantCulture)),
            ("Input.CompletedOn.Day", day), ("Input.CompletedOn.Month", month), ("Input.CompletedOn.Year", year),
            (progressName, progressText), ("Input.OffendingFactorChanges", "Stable address with his sister."),
            ("Input.RiskFactorChanges", "Two children live in the household."), ("Input.PersonsInvolvement", "Took part; wants to stay there."),
            ("Input.OtherAgencyInput", ""), ("Input.PlanAdjusted", adjusted), ("Input.WhyPlanNotAdjusted", why), ("Input.NewRosh", "Medium"),
        ];

        await RefusedAsync(await SubmitAsync(po, path, Review("15", "8", "2026", "Applied for two jobs.", "yes", "")), "#Input_CompletedOn", "on or after the order started (1 September 2026)");
        await RefusedAsync(await SubmitAsync(po, path, Review("26", "11", "2026", "Applied for two jobs.", "no", "")), "#Input_WhyPlanNotAdjusted", "Enter why the plan was not adjusted");
        await RefusedAsync(await SubmitAsync(po, path, Review("26", "11", "2026", "", "no", "Objectives still fit.")), $"#Input_Progress_{objectiveId}_", "Enter the progress against objective 1 (Find work in the building trade)");
        var noChoice = await RefusedAsync(await SubmitAsync(po, path, Review("26", "11", "2026", "Applied for two jobs.", "", "")), "#Input_PlanAdjusted", "Select whether the plan was adjusted");
        Assert.Equal("Applied for two jobs.", noChoice.QuerySelector($"textarea[name='{progressName}']")!.TextContent);
        Assert.Equal(0, await CaseAsync(story, p => p.Reviews.Count));

        var saved = await SavedAsync(po, await SubmitAsync(po, path, Review("26", "11", "2026", "Applied for two labouring jobs.", "no", "The objectives still fit.")), path, "Triggered review recorded");
        var card = saved.QuerySelector(".govuk-summary-card")!.TextContent;
        Assert.Contains("Triggered review, 26 November 2026", card, StringComparison.Ordinal);
        Assert.Contains("Moved in with his sister.", card, StringComparison.Ordinal);
        Assert.Contains("Applied for two labouring jobs.", card, StringComparison.Ordinal);
        Assert.Contains("No: The objectives still fit.", card, StringComparison.Ordinal);
        Assert.Contains("Medium", card, StringComparison.Ordinal);
        var review = await CaseAsync(story, p => Assert.Single(p.Reviews));
        Assert.Equal(eventId, review.TriggeredByEventId);
        Assert.Equal(Probation.Domain.Risk.RoshLevel.Medium, await CaseAsync(story, p => p.Risk.Rosh));
    }

    [Fact]
    public async Task AlertsPage_OnlyTheTeamManagerRecordsAnException_WithAReason()
    {
        var story = await NewCaseAsync();
        await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-11-02", kind = "NewOffenceOrArrest", description = "Arrested for shop theft; released under investigation." });
        var path = PathOf(story, "alerts");

        var po = await app.SignInAsync("po");
        var seen = await PageAsync(po, path);
        AssertPage(seen, "Practice alerts", "alerts");
        Assert.NotNull(seen.QuerySelector("[data-testid=alerts] [data-code=TriggeredReviewOverdue]"));
        Assert.Contains("Raised", Text(seen, "[data-testid=alert-codes] tr[data-code=TriggeredReviewOverdue]"), StringComparison.Ordinal);
        Assert.Null(seen.QuerySelector("[name='Input.Code']"));

        // Even posted by hand, the officer's exception is refused by the use case and nothing is written.
        var token = await ProbationAppFactory.AntiforgeryTokenAsync(po, PathOf(story, "events"));
        var version = await CaseAsync(story, p => p.Version);
        await RefusedAsync(
            await po.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture),
                ["Input.Code"] = "TriggeredReviewOverdue",
                ["Input.Reason"] = "Busy.",
                ["Input.Until.Day"] = "10",
                ["Input.Until.Month"] = "12",
                ["Input.Until.Year"] = "2026",
            })),
            "#main-content",
            "Only the manager of the team holding the case");

        var manager = await app.SignInAsync("manager");
        AssertPage(await PageAsync(manager, path), "Practice alerts", "alerts");
        await RefusedAsync(
            await SubmitAsync(manager, path, ("Input.Code", "TriggeredReviewOverdue"), ("Input.Reason", ""), ("Input.Until.Day", "10"), ("Input.Until.Month", "12"), ("Input.Until.Year", "2026")),
            "#Input_Reason", "Enter the reason for the exception");
        await RefusedAsync(
            await SubmitAsync(manager, path, ("Input.Code", "TriggeredReviewOverdue"), ("Input.Reason", "On leave."), ("Input.Until.Day", "10"), ("Input.Until.Month", "6"), ("Input.Until.Year", "2027")),
            "#Input_Until", "up to 92 days ahead");
        await RefusedAsync(
            await SubmitAsync(manager, path, ("Input.Code", ""), ("Input.Reason", "On leave."), ("Input.Until.Day", "10"), ("Input.Until.Month", "12"), ("Input.Until.Year", "2026")),
            "#Input_Code", "Select the alert");
        Assert.Equal(0, await CaseAsync(story, p => p.AlertExceptions.Count));

        var saved = await SavedAsync(
            manager,
            await SubmitAsync(manager, path, ("Input.Code", "TriggeredReviewOverdue"), ("Input.Reason", "Officer on leave; review booked for 8 December with the duty officer."), ("Input.Until.Day", "10"), ("Input.Until.Month", "12"), ("Input.Until.Year", "2026")),
            path,
            "Exception recorded until 10 December 2026");
        Assert.Contains("Officer on leave; review booked for 8 December", Text(saved, "[data-testid=current-exceptions] tr[data-code=TriggeredReviewOverdue]"), StringComparison.Ordinal);
        Assert.Contains("Exception until 10 December 2026", Text(saved, "[data-testid=alert-codes] tr[data-code=TriggeredReviewOverdue]"), StringComparison.Ordinal);
        Assert.Null(saved.QuerySelector("[data-testid=alerts] [data-code=TriggeredReviewOverdue]"));
        Assert.Equal(1, await CaseAsync(story, p => p.AlertExceptions.Count));
    }

    [Fact]
    public async Task Pages_OfAnUnknownCase_AreNotFound()
    {
        app.SkipIfUnavailable();
        var po = await app.SignInAsync("po");
        foreach (var page in new[] { "enforcement", "events", "reviews", "alerts" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await po.GetAsync($"/cases/z999999/{page}")).StatusCode);
        }
    }
}

public sealed class SqliteSupervisionPagesTests(ProbationAppFactory app) : SupervisionPagesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresSupervisionPagesTests(PostgresAppFactory app) : SupervisionPagesTests(app), IClassFixture<PostgresAppFactory>;
