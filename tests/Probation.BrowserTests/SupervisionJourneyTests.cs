using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

/// <summary>
/// The officer's supervision journey in a real browser: an initial assessment that cannot be completed
/// until the police are asked about domestic abuse, a plan with domestic abuse measures, an unacceptable
/// absence with a warning, and a review triggered by a significant event. Every page passes axe.
/// </summary>
public sealed class SupervisionJourneyTests(BrowserFixture app)
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new domestic abuse case from court, allocated to the demo probation officer, through the API.</summary>
    private async Task<string> NewDomesticAbuseCaseAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        async Task<HttpClient> As(string user)
        {
            var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = BrowserFixture.DemoPassword });
            token.EnsureSuccessStatusCode();
            var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
            var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", access);
            return client;
        }

        using var manager = await As("manager");
        using var po = await As("po");
        var me = JsonDocument.Parse(await po.GetStringAsync("/api/v1/me")).RootElement;
        var teamId = me.GetProperty("teamId").GetInt32();
        using var admin = await As("caseadmin");
        var created = await admin.PostAsJsonAsync("/api/v1/cases", new
        {
            firstName = "Jordan",
            lastName = "Journey",
            dateOfBirth = "1990-05-05",
            gender = "Male",
            teamId,
            source = "Court",
            receivedOn = Today,
            orderType = "CommunityOrder",
            orderStart = Today,
            lengthMonths = 12,
            court = "Teesside Magistrates' Court",
            mainOffence = "Violence",
            requirements = new object[] { new { type = "RehabilitationActivity", rarDays = 15 } },
            rosh = "Medium",
            riskToKnownAdult = true,
            ogrsScore = 40,
            registrations = new object[] { new { type = "DomesticAbuse", startedOn = Today } },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var crn = body.GetProperty("crn").GetString()!;
        var allocated = await manager.PostAsJsonAsync($"/api/v1/cases/{crn}/allocation", new { staffMemberId = me.GetProperty("staffMemberId").GetInt32(), version = body.GetProperty("version").GetInt32(), overrideReason = "Journey test: the officer's caseload" });
        Assert.True(allocated.IsSuccessStatusCode, await allocated.Content.ReadAsStringAsync());
        return crn.ToLowerInvariant();
    }

    private static async Task FillDateAsync(IPage page, string legend, DateTime date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ProbationOfficer_AssessesWithAPoliceCheck_PlansForDomesticAbuse_WarnsOnAnAbsence_ReviewsAfterAnEvent()
    {
        await using var context = await app.NewContextAsync();
        var crn = await NewDomesticAbuseCaseAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("po");
        await page.GotoAsync($"/cases/{crn}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jordan Journey" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("case page with alerts");

        // The assessment cannot be completed until police call-out information is sought.
        await page.GetByRole(AriaRole.Link, new() { Name = "Assessment", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Assessment", Exact = true })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("assessment form");
        await page.GetByLabel("Analysis of the current offence").FillAsync("Assaulted his partner during an argument about money.");
        await page.GetByLabel("Previous convictions and patterns of offending").FillAsync("Two previous assaults on partners.");
        await page.GetByLabel("I have reviewed previous convictions").CheckAsync();
        foreach (var need in await page.Locator("fieldset[data-need]").AllAsync())
        {
            await need.GetByLabel("Some problems").CheckAsync();
        }

        await page.GetByLabel("Strengths and protective factors").FillAsync("Steady work as a joiner.");
        await page.GetByLabel("Diversity and personal circumstances").FillAsync("No needs affecting engagement.");
        await page.GetByLabel("Motivation and readiness to change").FillAsync("Accepts he needs help with anger.");
        await page.GetByLabel("The person's own views").FillAsync("Says the relationship is over.");
        await page.GetByLabel("Information sources consulted").FillAsync("Court papers; pre-sentence report.");
        await page.GetByLabel("Medium").CheckAsync();
        await page.GetByLabel("Reasons for the classification").FillAsync("Pattern of violence towards partners.");
        await page.GetByLabel("Who is at risk, and of what").FillAsync("Current and future partners: violence.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the assessment" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("request police call-out information");
        await page.AssertNoAxeViolationsAsync("assessment refused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a draft" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("saved as a draft");

        await page.GetByRole(AriaRole.Link, new() { Name = "Agency checks" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("agency checks");
        await page.GetByLabel("Police domestic abuse call-outs").CheckAsync();
        await FillDateAsync(page, "Date requested", DateTime.UtcNow);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("request is recorded");
        await Expect(page.GetByTestId("checks")).ToContainTextAsync("Awaiting");

        await page.GetByRole(AriaRole.Link, new() { Name = "Assessment", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Analysis of the current offence")).ToHaveValueAsync("Assaulted his partner during an argument about money.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the assessment" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("assessment is complete");

        // The plan must set out domestic abuse measures.
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("plan form");
        await page.GetByLabel("How the person took part in the plan").FillAsync("Jordan chose to start with the anger work.");
        var first = page.Locator("fieldset[data-objective='0']");
        await first.GetByLabel("What will be achieved").FillAsync("Jordan will complete Building Better Relationships and use his safety plan");
        await first.GetByLabel("Domestic abuse").CheckAsync();
        await FillDateAsync(page, "Target date for objective 1", DateTime.UtcNow.AddMonths(6));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Domestic abuse is flagged: set out the measures");
        await page.AssertNoAxeViolationsAsync("plan refused");
        await page.GetByLabel("Domestic abuse measures").FillAsync("Police call-out checks every three months; home visit monthly; contact with the partner's IDVA.");
        await page.GetByLabel("Contingency arrangements").FillAsync("Any call-out: home visit within two days and a review.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("plan has been written");
        await Expect(page.GetByTestId("risk-plan")).ToContainTextAsync("IDVA");

        // An absence, judged unacceptable, with the officer's reasons.
        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("contacts");
        await page.GetByLabel("Office appointment", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Failed to attend").CheckAsync();
        await page.Locator("#Input_Decision_Unacceptable").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Record your judgement");
        await page.GetByLabel("Your judgement: why").FillAsync("No contact and no reason given; second missed call this week.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("contact is recorded");
        await Expect(page.GetByTestId("contacts")).ToContainTextAsync("Unacceptable");

        // The failure answered with a warning.
        await page.GetByRole(AriaRole.Link, new() { Name = "Enforcement", Exact = true }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("enforcement");
        await FillDateAsync(page, "Date of the action", DateTime.UtcNow);
        await page.GetByLabel("Warning issued").CheckAsync();
        await page.GetByLabel("Failure it answers (optional)").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("What was decided and why").FillAsync("Warning letter: a second unacceptable failure goes back to court.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record enforcement action" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("Warning issued");

        // A police call-out is a significant event; the review it triggers.
        await page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("events");
        await FillDateAsync(page, "Date of the event", DateTime.UtcNow);
        await page.GetByLabel("A police domestic abuse call-out").CheckAsync();
        await page.GetByLabel("Description").FillAsync("Police called to his former partner's address; no arrest.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record event" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("reviews");
        await page.GetByLabel("Triggered by a significant event").CheckAsync();
        await page.GetByLabel("The event that triggered it").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await FillDateAsync(page, "Date the review was completed", DateTime.UtcNow);
        await page.GetByLabel("Jordan will complete Building Better Relationships and use his safety plan").FillAsync("Referred to the programme; starts next month.");
        await page.GetByLabel("Changes in the factors linked to offending").FillAsync("Drinking more since the call-out.");
        await page.GetByLabel("Changes in the factors linked to risk of harm").FillAsync("Contact with his former partner again: risk to her is higher.");
        await page.GetByLabel("How the person was involved in the review").FillAsync("Jordan gave his account and agreed the changes.");
        await page.Locator("#Input_PlanAdjusted").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record review" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("review recorded");

        // Everything the case is owed today has been done.
        await page.GotoAsync($"/cases/{crn}");
        await Expect(page.GetByTestId("no-alerts")).ToBeVisibleAsync();
    }
}
