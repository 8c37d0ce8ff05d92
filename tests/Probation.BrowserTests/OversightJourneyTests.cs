using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

/// <summary>
/// The team manager's oversight in a real browser: from their team's oversight figures to the cases behind an
/// overdue-review count, a direction on one of those cases with a date to check it was followed, and a staff
/// supervision session with one of their officers. Every page passes axe, error states included.
/// </summary>
public sealed partial class OversightJourneyTests(BrowserFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));

    private static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Signs in as the team manager and opens their team's oversight page from the home page.</summary>
    private static async Task<IPage> OpenTeamOversightAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync("manager");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Team oversight" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team oversight", Level = 1 })).ToBeVisibleAsync();
        Assert.Matches(TeamOversightPath(), new Uri(page.Url).AbsolutePath);
        return page;
    }

    [Fact]
    public async Task TeamManager_FollowsOverdueReviewsToACase_AndGivesADirectionToCheckInTwoWeeks()
    {
        await using var context = await app.NewContextAsync();
        var page = await OpenTeamOversightAsync(context);
        await page.AssertNoAxeViolationsAsync("team oversight");

        // A non-zero "Reviews overdue" number: an officer's, or failing that the team's total.
        var officers = page.GetByTestId("officers");
        var overdue = officers.Locator("tbody td[data-measure='ReviewsOverdue'] a");
        if (await overdue.CountAsync() == 0)
        {
            overdue = officers.Locator("tfoot td[data-measure='ReviewsOverdue'] a");
        }

        Assert.True(await overdue.CountAsync() > 0, "No officer and not the team has a review overdue, so there is no number to follow: " + await officers.InnerTextAsync());
        var count = int.Parse((await overdue.First.InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
        await overdue.First.ClickAsync();
        await Expect(page).ToHaveURLAsync(OverdueCasesUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Reviews overdue: {count}", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("cases with reviews overdue");

        // A case the manager may open (not one they are excluded from).
        var caseLink = page.GetByTestId("cases").Locator("tbody tr td:first-child a").Filter(new() { HasNotText = "Access restricted" }).First;
        var name = (await caseLink.InnerTextAsync()).Trim();
        await caseLink.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Case sections" }).GetByRole(AriaRole.Link, new() { Name = "Oversight", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Management oversight", Level = 1 })).ToBeVisibleAsync();
        Assert.Matches(CaseOversightPath(), new Uri(page.Url).AbsolutePath);
        await page.AssertNoAxeViolationsAsync("case oversight");

        // Sent empty, the form says what is missing.
        var form = page.GetByTestId("direct-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record direction" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("check date");
        await page.AssertNoAxeViolationsAsync("direction refused");

        const string direction = "Complete the overdue review this week and request police call-out information.";
        var checkBy = Today.AddDays(14);
        await form.GetByLabel("Your direction to the officer").FillAsync(direction);
        await FillDateAsync(page, "Check it was followed by", checkBy);
        await form.GetByRole(AriaRole.Button, new() { Name = "Record direction" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync($"Your direction is recorded, to check by {checkBy.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.");
        var row = page.GetByTestId("directions").Locator("tbody tr", new() { HasText = direction });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(checkBy.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        await Expect(row).ToContainTextAsync("Not yet");
        await page.AssertNoAxeViolationsAsync("direction recorded");
    }

    [Fact]
    public async Task TeamManager_RecordsAStaffSupervisionSession_DiscussingOneCase()
    {
        await using var context = await app.NewContextAsync();
        var page = await OpenTeamOversightAsync(context);

        // An officer of the team, by their name; if they hold no case the manager can see, the next officer.
        var officerLinks = page.GetByTestId("officers").Locator("tbody th a");
        var hrefs = new List<string>();
        foreach (var link in await officerLinks.AllAsync())
        {
            hrefs.Add((await link.GetAttributeAsync("href"))!);
        }

        Assert.NotEmpty(hrefs);
        var form = page.GetByTestId("supervision-form");
        await officerLinks.First.ClickAsync();
        foreach (var href in hrefs.Skip(1))
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff supervision", Level = 1 })).ToBeVisibleAsync();
            if (await form.CountAsync() > 0)
            {
                break;
            }

            await page.GotoAsync(href);
        }

        await Expect(form).ToBeVisibleAsync();
        Assert.Matches(StaffSupervisionPath(), new Uri(page.Url).AbsolutePath);
        await page.AssertNoAxeViolationsAsync("staff supervision");

        var cases = page.GetByRole(AriaRole.Group, new() { Name = "Cases discussed" });
        var first = cases.GetByRole(AriaRole.Checkbox).First;
        var discussed = CrnInLabel().Match(await cases.Locator("label").First.InnerTextAsync()).Groups[1].Value;
        Assert.NotEmpty(discussed);
        await first.CheckAsync();
        await FillDateAsync(page, "Date of the supervision", Today);
        await form.GetByLabel("Notes (optional)").FillAsync("Went through the overdue reviews; agreed to prioritise the domestic abuse cases.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record supervision" }).ClickAsync();

        await Expect(page.GetByTestId("saved")).ToHaveTextAsync($"Supervision on {Today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} recorded.");
        var session = page.GetByTestId("sessions").Locator("tbody tr", new() { HasText = "agreed to prioritise the domestic abuse cases" });
        await Expect(session).ToHaveCountAsync(1);
        await Expect(session).ToContainTextAsync(discussed);
        await page.AssertNoAxeViolationsAsync("staff supervision recorded");
    }

    [GeneratedRegex(@"^/teams/\d+/oversight$")]
    private static partial Regex TeamOversightPath();

    [GeneratedRegex(@"/teams/\d+/oversight/cases\?measure=ReviewsOverdue")]
    private static partial Regex OverdueCasesUrl();

    [GeneratedRegex(@"^/cases/[a-z]\d+/oversight$")]
    private static partial Regex CaseOversightPath();

    [GeneratedRegex(@"^/staff/\d+/supervision$")]
    private static partial Regex StaffSupervisionPath();

    [GeneratedRegex(@"\(([A-Z]\d+)\)\s*$")]
    private static partial Regex CrnInLabel();
}
