using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

/// <summary>
/// The accredited programme journey in a real browser: the officer refers from the case, the programme
/// tutor assesses the person as group ready, puts them on the waiting list, sets up a group, fills a place,
/// adds a session and takes the register; a refusal shows in the error summary. Every page passes axe.
/// </summary>
public sealed class ProgrammeJourneyTests(BrowserFixture app)
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new case with a Resolve requirement, allocated to the demo probation officer, through the API.</summary>
    private async Task<string> NewProgrammeCaseAsync()
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
        var created = await admin.PostAsJsonAsync("/api/v1/cases", new
        {
            firstName = "Riley",
            lastName = "Resolve",
            dateOfBirth = "1992-03-03",
            gender = "Male",
            teamId = me.GetProperty("teamId").GetInt32(),
            source = "Court",
            receivedOn = Today,
            orderType = "CommunityOrder",
            orderStart = Today,
            lengthMonths = 18,
            court = "Teesside Magistrates' Court",
            mainOffence = "Violence",
            requirements = new object[] { new { type = "AccreditedProgramme", programme = "Resolve", lengthMonths = 12 } },
            rosh = "Medium",
            ogrsScore = 35,
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

    private static async Task MoveAsync(IPage page, string status, string? reason = null)
    {
        await page.GetByLabel(status, new() { Exact = true }).CheckAsync();
        if (reason is not null)
        {
            await page.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    [Fact]
    public async Task Officer_Refers_AndTheProgrammeTeam_AssessesWaitsGroupsAndTakesTheRegister()
    {
        await using var context = await app.NewContextAsync();
        var crn = await NewProgrammeCaseAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("po");
        await page.GotoAsync($"/cases/{crn}");
        await Expect(page.GetByTestId("programme-summary")).ToContainTextAsync("Not referred");
        await page.GetByRole(AriaRole.Link, new() { Name = "Programme referrals for this case" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("programme referral (officer)");
        await page.GetByLabel("Evening groups only (work or caring)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("sent to the programmes team");
        var referral = await page.GetByTestId("referrals").Locator("a").First.GetAttributeAsync("href");

        await using var tutorContext = await app.NewContextAsync();
        var tutor = await tutorContext.NewPageAsync();
        await tutor.SignInAsync("programmes");
        await tutor.GetByRole(AriaRole.Link, new() { Name = "Programmes", Exact = true }).ClickAsync();
        await tutor.AssertNoAxeViolationsAsync("programme referrals");
        await tutor.GotoAsync(referral!);
        await tutor.AssertNoAxeViolationsAsync("referral");
        await MoveAsync(tutor, "Awaiting assessment");
        await Expect(tutor.GetByTestId("status")).ToHaveTextAsync("Awaiting assessment");
        await MoveAsync(tutor, "Not suitable", "");
        await Expect(tutor.Locator(".govuk-error-summary")).ToContainTextAsync("Give the reason the person is not suitable");
        await tutor.AssertNoAxeViolationsAsync("referral refused");
        await MoveAsync(tutor, "Assessed suitable and group ready");
        await MoveAsync(tutor, "On the waiting list");
        await Expect(tutor.GetByTestId("status")).ToHaveTextAsync("On the waiting list");

        await tutor.GetByRole(AriaRole.Link, new() { Name = "Waiting list" }).ClickAsync();
        await Expect(tutor.GetByTestId("waiting-figures")).ToBeVisibleAsync();
        await tutor.AssertNoAxeViolationsAsync("waiting list");
        await tutor.GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true }).ClickAsync();
        await Expect(tutor.GetByTestId("bbr-starts")).ToBeVisibleAsync();
        await tutor.AssertNoAxeViolationsAsync("groups");
        await tutor.GetByRole(AriaRole.Button, new() { Name = "Set up a group" }).ClickAsync();
        await tutor.AssertNoAxeViolationsAsync("new group");
        await tutor.GetByLabel("Resolve").CheckAsync();
        await tutor.GetByLabel("Durham District Centre").CheckAsync();
        await tutor.GetByLabel("Evening (from 5pm)").CheckAsync();
        await FillDateAsync(tutor, "Start date", DateTime.UtcNow);
        await tutor.GetByRole(AriaRole.Button, new() { Name = "Set up the group" }).ClickAsync();
        await Expect(tutor.Locator(".govuk-error-summary")).ToContainTextAsync("Choose at least one facilitator");
        await tutor.AssertNoAxeViolationsAsync("new group refused");
        await tutor.Locator("input[name='Input.Facilitators']").First.CheckAsync();
        await tutor.GetByRole(AriaRole.Button, new() { Name = "Set up the group" }).ClickAsync();
        await Expect(tutor.GetByTestId("saved")).ToContainTextAsync("group is set up");
        await tutor.AssertNoAxeViolationsAsync("group");

        var option = tutor.Locator("#Join_ReferralId option", new() { HasText = crn.ToUpperInvariant() });
        await tutor.Locator("#Join_ReferralId").SelectOptionAsync((await option.GetAttributeAsync("value"))!);
        await tutor.GetByRole(AriaRole.Button, new() { Name = "Add to the group" }).ClickAsync();
        await Expect(tutor.GetByTestId("places")).ToHaveTextAsync("1 of 10");
        await FillDateAsync(tutor, "Date of the session", DateTime.UtcNow);
        await tutor.GetByRole(AriaRole.Button, new() { Name = "Add the session" }).ClickAsync();
        await Expect(tutor.GetByTestId("saved")).ToContainTextAsync("is added");
        await tutor.GetByTestId("sessions").Locator("a").First.ClickAsync();
        await tutor.AssertNoAxeViolationsAsync("register");
        await tutor.GetByRole(AriaRole.Link, new() { Name = "Record attendance for Riley Resolve" }).ClickAsync();
        await tutor.AssertNoAxeViolationsAsync("attendance");
        await tutor.GetByLabel("Attended and complied").CheckAsync();
        await tutor.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
        await Expect(tutor.GetByTestId("register")).ToContainTextAsync("Attended and complied");

        // The officer sees the status on the case, and the session among the contacts.
        await page.GotoAsync($"/cases/{crn}");
        await Expect(page.GetByTestId("programme-summary")).ToContainTextAsync("On the programme");
        await page.AssertNoAxeViolationsAsync("case page with programme status");
    }
}
