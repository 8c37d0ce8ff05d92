using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The assessment, checks, plan and contacts pages refuse bad input with a GOV.UK error summary linked
/// to the field, and write nothing; good input is saved and shown.
/// </summary>
public abstract class SupervisionFormsTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();
    private async Task<(StoryClient Story, HttpClient Browser)> NewCaseAsync(bool domesticAbuse) =>
        (await StoryClient.NewCaseAsync(app, "Form", mainOffence: "Violence", rosh: "Medium", domesticAbuse: domesticAbuse), await app.SignInAsync("po"));

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PostAsync(HttpClient browser, string path, Dictionary<string, string> form, string? handler = null)
    {
        form["__RequestVerificationToken"] = await ProbationAppFactory.AntiforgeryTokenAsync(browser, path);
        var response = await browser.PostAsync(handler is null ? path : $"{path}?handler={handler}", new FormUrlEncodedContent(form));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response = await browser.GetAsync(response.Headers.Location);
        }

        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private static void AssertRefused(AngleSharp.Html.Dom.IHtmlDocument page, string message, string href)
    {
        var summary = page.QuerySelector(".govuk-error-summary");
        Assert.NotNull(summary);
        var link = summary.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Contains(message, StringComparison.Ordinal));
        Assert.True(link is not null, $"No error summary link saying '{message}': {summary.TextContent}");
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(href));
    }

    private Task<int> CountAsync(string crn, Func<Probation.Domain.Cases.PersonOnProbation, int> count) => StoryClient.CaseAsync(app, crn, count);

    private static Dictionary<string, string> Assessment(int version, string action) => new()
    {
        ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Kind"] = "Initial",
        ["Input.StartedOn.Day"] = "20",
        ["Input.StartedOn.Month"] = "11",
        ["Input.StartedOn.Year"] = "2026",
        ["Input.CurrentOffence"] = "Assault on his partner.",
        ["Input.PreviousConvictionsReviewed"] = "true",
        ["Input.Strengths"] = "Work.",
        ["Input.DiversityAndCircumstances"] = "None.",
        ["Input.Motivation"] = "Some.",
        ["Input.PersonsViews"] = "Regrets it.",
        ["Input.InformationSources"] = "Court papers.",
        ["Input.Rosh"] = "Medium",
        ["Input.RoshReasons"] = "Violence to a partner.",
        ["Input.WhoIsAtRisk"] = "Partner.",
        ["Input.Action"] = action,
    };

    private static void RateNeeds(Dictionary<string, string> form, int count)
    {
        var needs = Enum.GetNames<Probation.Domain.Supervision.Need>();
        for (var i = 0; i < count; i++)
        {
            form[$"Input.Needs[{i}].Need"] = needs[i];
            form[$"Input.Needs[{i}].Severity"] = "SomeProblems";
        }
    }

    [Fact]
    public async Task Assessment_UnratedNeedsAndAnUnaskedPoliceCheck_AreRefused_ThenCompleted()
    {
        var (story, browser) = await NewCaseAsync(domesticAbuse: true);
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/assessment";
        var page = Parser.ParseDocument(await browser.GetStringAsync(path));
        Assert.Equal("Assessment", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#Input_PoliceCheck"));

        var form = Assessment(story.Version, "complete");
        RateNeeds(form, 9);
        AssertRefused(await PostAsync(browser, path, form), "Rate every need", "#Input_Needs");

        RateNeeds(form, 10);
        AssertRefused(await PostAsync(browser, path, form), "request police call-out information", "#Input_PoliceCheck");
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Assessments.Count));

        var bad = Assessment(story.Version, "save");
        bad["Input.StartedOn.Day"] = "31";
        bad["Input.StartedOn.Month"] = "2";
        AssertRefused(await PostAsync(browser, path, bad), "must be a real date", "#Input_StartedOn");

        await story.WriteAsync("po", HttpMethod.Post, "checks", new { kind = "PoliceDomesticAbuse", requestedOn = "2026-11-20" });
        form["Input.Version"] = story.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = await PostAsync(browser, path, form);
        Assert.Contains("The assessment is complete.", done.QuerySelector("[data-testid=saved]")?.TextContent, StringComparison.Ordinal);
        Assert.Single(done.QuerySelectorAll("[data-testid=assessment]"));

        // The tier now reads the assessed needs: no longer provisional.
        var casePage = Parser.ParseDocument(await browser.GetStringAsync($"/cases/{story.Crn.ToLowerInvariant()}"));
        var tier = casePage.QuerySelector("[data-testid=tier]")?.TextContent ?? "";
        Assert.DoesNotContain("provisional", tier, StringComparison.Ordinal);
        Assert.Contains("needs 10 points", tier, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_NeitherDateNorReason_IsRefused_AnsweredWithoutSummary_IsRefused()
    {
        var (story, browser) = await NewCaseAsync(domesticAbuse: true);
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/checks";
        var version = story.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertRefused(await PostAsync(browser, path, new() { ["Input.Version"] = version, ["Input.Kind"] = "PoliceDomesticAbuse" }), "Enter the date of the request", "#Input_RequestedOn");
        Assert.Equal(0, await CountAsync(story.Crn, p => p.AgencyChecks.Count));

        var saved = await PostAsync(browser, path, new() { ["Input.Version"] = version, ["Input.Kind"] = "PoliceDomesticAbuse", ["Input.RequestedOn.Day"] = "2", ["Input.RequestedOn.Month"] = "11", ["Input.RequestedOn.Year"] = "2026" });
        Assert.Contains("request is recorded", saved.QuerySelector("[data-testid=saved]")?.TextContent, StringComparison.Ordinal);
        var id = (await story.SupervisionAsync()).GetProperty("checks")[0].GetProperty("id").GetInt32();
        var current = (await story.SupervisionAsync()).GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertRefused(
            await PostAsync(browser, path, new() { ["Answer.Version"] = current, ["Answer.CheckId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Answer.AnsweredOn.Day"] = "10", ["Answer.AnsweredOn.Month"] = "11", ["Answer.AnsweredOn.Year"] = "2026" }, "Answer"),
            "Enter a summary of the answer", "#Answer_Summary");
        Assert.Equal(1, await CountAsync(story.Crn, p => p.AgencyChecks.Count(c => c.AnsweredOn is null)));
    }

    [Fact]
    public async Task Plan_ObjectiveWithNoLink_IsRefused_LinkedToTheField_AndTemplateWordingIsFlagged()
    {
        var (story, browser) = await NewCaseAsync(domesticAbuse: false);
        await story.WriteAsync("po", HttpMethod.Post, "assessments", new
        {
            kind = "Initial",
            startedOn = "2026-11-20",
            completedOn = "2026-11-24",
            currentOffence = "Fight outside a pub.",
            previousConvictionsReviewed = true,
            needs = StoryClient.AllNeeds(),
            strengths = "Family.",
            diversityAndCircumstances = "None.",
            motivation = "Good.",
            personsViews = "Wants work.",
            informationSources = "Court papers.",
            rosh = "Medium",
            roshReasons = "Violence when drunk.",
            whoIsAtRisk = "Public at night.",
        });
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/plan";
        var form = new Dictionary<string, string>
        {
            ["Input.Version"] = story.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.On.Day"] = "26",
            ["Input.On.Month"] = "11",
            ["Input.On.Year"] = "2026",
            ["Input.PersonsInvolvement"] = "Agreed together.",
            ["Input.ContactsPerMonth"] = "2",
            ["Input.Objectives[0].Text"] = "Attend all appointments as directed",
            ["Input.Objectives[0].Priority"] = "1",
            ["Input.Objectives[0].TargetDate.Day"] = "31",
            ["Input.Objectives[0].TargetDate.Month"] = "5",
            ["Input.Objectives[0].TargetDate.Year"] = "2027",
        };
        AssertRefused(await PostAsync(browser, path, form), "Link objective 1", "#Input_Objectives_0__Links");
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Plan is null ? 0 : 1));

        form["Input.Objectives[0].Links"] = "Engagement";
        var saved = await PostAsync(browser, path, form);
        Assert.Contains("plan has been written", saved.QuerySelector("[data-testid=saved]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Standard wording", saved.QuerySelector("[data-testid=copied]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_HubOutsideItsSessions_FutureAttendance_AndADecisionWithoutJudgement_AreRefused()
    {
        var (story, browser) = await NewCaseAsync(domesticAbuse: false);
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/contacts";
        var version = story.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hubId = await app.WithDbAsync(db => db.Sites.Where(s => s.Kind == Probation.Domain.Organisation.SiteKind.CommunityHub).Select(s => s.Id).FirstAsync());
        Dictionary<string, string> Contact(string day, string month) => new()
        {
            ["Input.Version"] = version,
            ["Input.On.Day"] = day,
            ["Input.On.Month"] = month,
            ["Input.On.Year"] = "2026",
        };

        var hub = Contact("24", "11");
        hub["Input.Kind"] = "CommunityHub";
        hub["Input.SiteId"] = hubId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        hub["Input.StartsAt"] = "03:00";
        hub["Input.EndsAt"] = "03:30";
        AssertRefused(await PostAsync(browser, path, hub), "choose a time inside an opening session", "#Input_StartsAt");

        var future = Contact("3", "12");
        future["Input.Kind"] = "Office";
        future["Input.Outcome"] = "AttendedAndComplied";
        AssertRefused(await PostAsync(browser, path, future), "has not happened yet", "#Input_Outcome");

        var absence = Contact("24", "11");
        absence["Input.Kind"] = "Office";
        absence["Input.Outcome"] = "FailedToAttend";
        absence["Input.Decision"] = "Unacceptable";
        AssertRefused(await PostAsync(browser, path, absence), "Record your judgement", "#Input_DecisionReason");

        var badTime = Contact("24", "11");
        badTime["Input.Kind"] = "Office";
        badTime["Input.StartsAt"] = "25:99";
        AssertRefused(await PostAsync(browser, path, badTime), "24-hour clock", "#Input_StartsAt");
        Assert.Equal(0, await CountAsync(story.Crn, p => p.Contacts.Count));

        absence["Input.DecisionReason"] = "No contact, no reason.";
        var saved = await PostAsync(browser, path, absence);
        Assert.Contains("Unacceptable", saved.QuerySelector("[data-testid=contacts]")?.TextContent, StringComparison.Ordinal);

        // A page opened before someone else's change is stale: 409, and nothing is written.
        var stale = Contact("25", "11");
        stale["Input.Kind"] = "Phone";
        stale["Input.Outcome"] = "AttendedAndComplied";
        stale["__RequestVerificationToken"] = await ProbationAppFactory.AntiforgeryTokenAsync(browser, path);
        var response = await browser.PostAsync(path, new FormUrlEncodedContent(stale));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Someone else changed this case", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(story.Crn, p => p.Contacts.Count));
    }

    [Fact]
    public async Task Referrals_NeedWhoAndWhy_ThenTheirOutcome()
    {
        var (story, browser) = await NewCaseAsync(domesticAbuse: false);
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/referrals";
        var form = new Dictionary<string, string>
        {
            ["Input.Version"] = story.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.On.Day"] = "20",
            ["Input.On.Month"] = "11",
            ["Input.On.Year"] = "2026",
            ["Input.Service"] = "Housing",
        };
        AssertRefused(await PostAsync(browser, path, form), "Enter who the referral is to and why", "#Input_Detail");
        form["Input.Detail"] = "Local authority housing options team: sofa-surfing since release.";
        var saved = await PostAsync(browser, path, form);
        Assert.Contains("Awaiting", saved.QuerySelector("[data-testid=referrals]")?.TextContent, StringComparison.Ordinal);

        var view = await story.SupervisionAsync();
        var result = await PostAsync(
            browser, path,
            new()
            {
                ["Result.Version"] = view.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Result.ReferralId"] = view.GetProperty("referrals")[0].GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Result.Outcome"] = "Accepted",
                ["Result.OutcomeOn.Day"] = "25",
                ["Result.OutcomeOn.Month"] = "11",
                ["Result.OutcomeOn.Year"] = "2026",
            },
            "Outcome");
        Assert.Contains("Accepted, 25 Nov 2026", result.QuerySelector("[data-testid=referrals]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flags_AddingDomesticAbuse_MakesThePoliceCheckDue_AndAFlagEndsAfterItStarts()
    {
        var (story, browser) = await NewCaseAsync(domesticAbuse: false);
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/flags";
        var version = story.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertRefused(await PostAsync(browser, path, new() { ["Input.Version"] = version, ["Input.StartedOn.Day"] = "2", ["Input.StartedOn.Month"] = "11", ["Input.StartedOn.Year"] = "2026" }), "Select the flag", "#Input_Type");
        var added = await PostAsync(browser, path, new() { ["Input.Version"] = version, ["Input.Type"] = "DomesticAbuse", ["Input.StartedOn.Day"] = "2", ["Input.StartedOn.Month"] = "11", ["Input.StartedOn.Year"] = "2026" });
        Assert.Contains("Current domestic abuse", added.QuerySelector("[data-testid=flags]")?.TextContent, StringComparison.Ordinal);

        // Allocated today: the police check is due in five working days, and the assessment page already asks for it.
        var assessment = Parser.ParseDocument(await browser.GetStringAsync($"/cases/{story.Crn.ToLowerInvariant()}/assessment"));
        Assert.NotNull(assessment.QuerySelector("#Input_PoliceCheck"));

        var view = await story.SupervisionAsync();
        var id = view.GetProperty("flags")[0].GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var current = view.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertRefused(
            await PostAsync(browser, path, new() { ["End.Version"] = current, ["End.RegistrationId"] = id, ["End.EndedOn.Day"] = "1", ["End.EndedOn.Month"] = "11", ["End.EndedOn.Year"] = "2026" }, "End"),
            "A registration ends after it started", "#End_EndedOn");
    }

    [Fact]
    public async Task Caseload_ShowsEachCasesAlerts()
    {
        var (story, browser) = await NewCaseAsync(domesticAbuse: true);
        await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-11-02", kind = "PoliceDomesticAbuseCallOut", description = "Call-out to the home." });
        var home = Parser.ParseDocument(await browser.GetStringAsync("/"));
        var row = home.QuerySelectorAll("tbody tr").FirstOrDefault(r => r.TextContent.Contains(story.Crn, StringComparison.Ordinal));
        Assert.NotNull(row);
        var cell = row.QuerySelector("[data-testid=case-alerts]");
        Assert.NotNull(cell);
        Assert.Contains("has not been followed by a review", cell.TextContent, StringComparison.Ordinal);

        var casePage = Parser.ParseDocument(await browser.GetStringAsync($"/cases/{story.Crn.ToLowerInvariant()}"));
        Assert.NotNull(casePage.QuerySelector("[data-testid=alerts] [data-code=TriggeredReviewOverdue]"));
    }
}

public sealed class SqliteSupervisionFormsTests(ProbationAppFactory app) : SupervisionFormsTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresSupervisionFormsTests(PostgresAppFactory app) : SupervisionFormsTests(app), IClassFixture<PostgresAppFactory>;
