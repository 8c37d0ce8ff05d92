using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

/// <summary>
/// The resettlement worker's Through the Gate journey in a real browser: custody refused with a release date
/// before the sentence, then recorded; needs screened; a plan refused until the partner is named; an activity,
/// the handover and the day of release; and the officer seeing it on the case page. Every page passes axe.
/// </summary>
public sealed class ResettlementJourneyTests(BrowserFixture app)
{
    private static readonly DateTime Now = DateTime.UtcNow;

    /// <summary>A new custodial sentence from court, allocated to the demo probation officer, through the API.</summary>
    private async Task<string> NewCustodyCaseAsync()
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
        using var admin = await As("caseadmin");
        var sentenced = Now.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = await admin.PostAsJsonAsync("/api/v1/cases", new
        {
            firstName = "Riley",
            lastName = "Gateway",
            dateOfBirth = "1992-02-02",
            gender = "Female",
            teamId = me.GetProperty("teamId").GetInt32(),
            source = "Court",
            receivedOn = sentenced,
            orderType = "Custody",
            orderStart = sentenced,
            lengthMonths = 12,
            court = "Teesside Crown Court",
            mainOffence = "Acquisitive",
            rosh = "Medium",
            ogrsScore = 55,
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
    public async Task ResettlementWorker_RecordsCustody_ScreensAndPlans_HandsOver_AndRecordsTheRelease()
    {
        await using var context = await app.NewContextAsync();
        var crn = await NewCustodyCaseAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("ttg");

        await page.GetByRole(AriaRole.Link, new() { Name = "Resettlement", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prison resettlement caseload" })).ToBeVisibleAsync();
        await page.GetByLabel("Prison").SelectOptionAsync(new SelectOptionValue { Label = "HMP Durham" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByTestId("caseload")).ToContainTextAsync("HMP Durham");
        await page.AssertNoAxeViolationsAsync("prison resettlement caseload");

        await page.GotoAsync($"/resettlement/{crn}");
        await Expect(page.GetByTestId("no-custody")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("resettlement record without custody");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record custody" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("custody form");
        await page.GetByLabel("Prison").SelectOptionAsync(new SelectOptionValue { Label = "HMP Durham" });
        await FillDateAsync(page, "Date of reception into prison", Now.AddDays(-10));
        await FillDateAsync(page, "Date of sentence", Now.AddDays(-30));
        await page.GetByLabel("Sentence length in months").FillAsync("12");
        await FillDateAsync(page, "Expected release date", Now.AddDays(-60));
        await page.GetByLabel("Home detention curfew").CheckAsync();
        await page.GetByLabel("Supported by the women's resettlement throughcare project").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the custody record" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("must be after the sentence date");
        await page.AssertNoAxeViolationsAsync("custody refused");
        await FillDateAsync(page, "Expected release date", Now.AddDays(60));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the custody record" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("custody record is saved");
        await Expect(page.GetByTestId("alerts")).ToContainTextAsync("not screened");
        await page.AssertNoAxeViolationsAsync("resettlement record with alerts");

        await page.GetByRole(AriaRole.Link, new() { Name = "Screen resettlement needs" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("screening form");
        foreach (var pathway in new[] { "Accommodation", "Education, training and employment", "Finance, benefit and debt", "Drugs", "Alcohol", "Health and mental health", "Family and relationships", "Domestic abuse", "Sex work" })
        {
            await page.GetByLabel(pathway, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = pathway == "Accommodation" ? "Support required" : "Support not required" });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the screening" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("needs are screened");

        await page.GetByRole(AriaRole.Link, new() { Name = "Write the resettlement plan" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("plan form");
        var accommodation = page.Locator("fieldset[data-pathway=Accommodation]");
        await accommodation.GetByLabel("Actions").FillAsync("Housing options appointment before release.");
        await page.GetByLabel("How the plan takes account of risk of harm").FillAsync("No identified victim; approved address checked.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Name the partner organisation responsible for accommodation");
        await page.AssertNoAxeViolationsAsync("plan refused");
        await accommodation.GetByLabel("Partner organisation responsible").FillAsync("Changing Lives");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("resettlement plan is saved");
        await Expect(page.GetByTestId("pathways")).ToContainTextAsync("Changing Lives");

        await page.GetByRole(AriaRole.Link, new() { Name = "Record an activity" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("activity form");
        await page.GetByLabel("Pathway").SelectOptionAsync(new SelectOptionValue { Label = "Finance, benefit and debt" });
        await page.GetByLabel("What the activity was").FillAsync("Bank account opened.");
        await page.GetByLabel("Delivered by").FillAsync("Prison work coach");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the activity" }).ClickAsync();
        await Expect(page.GetByTestId("activities")).ToContainTextAsync("Bank account opened.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Record the handover" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("handover form");
        await page.GetByLabel("Who the handover was to").FillAsync("Community officer and Changing Lives");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the handover" }).ClickAsync();
        await Expect(page.GetByTestId("handover")).ToContainTextAsync("Community officer and Changing Lives");

        await page.GetByRole(AriaRole.Link, new() { Name = "Record the release" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("release form");
        await page.GetByLabel("Approved premises").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the release" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("benefits were in place");
        await page.AssertNoAxeViolationsAsync("release refused");
        await page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the release" }).ClickAsync();
        await Expect(page.GetByTestId("past")).ToContainTextAsync("Approved premises");
        await page.AssertNoAxeViolationsAsync("resettlement record after release");

        // The case's officer sees it on the case page.
        await using var officer = await app.NewContextAsync();
        var po = await officer.NewPageAsync();
        await po.SignInAsync("po");
        await po.GotoAsync($"/cases/{crn}");
        await Expect(po.GetByTestId("resettlement-summary")).ToContainTextAsync("Released");
        await po.AssertNoAxeViolationsAsync("case page with custody and resettlement");
    }
}
