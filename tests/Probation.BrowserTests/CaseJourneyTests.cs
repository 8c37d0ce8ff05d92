using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

public sealed partial class CaseJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Po_SignsIn_OpensCaseFromCaseload_SeesRiskBanner()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.SignInAsync("po");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your caseload" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("home page (po)");

        var firstCase = page.GetByRole(AriaRole.Table).Locator("tbody tr td:first-child a").First;
        var name = (await firstCase.InnerTextAsync()).Trim();
        await firstCase.ClickAsync();

        await Expect(page).ToHaveURLAsync(CasePath());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        var banner = page.GetByTestId("risk-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner.GetByRole(AriaRole.Heading)).ToContainTextAsync(RiskOfSeriousHarm());
        await page.AssertNoAxeViolationsAsync("case page");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "case.png"), FullPage = true });
    }

    [Fact]
    public async Task RiskForm_WithImpossibleDate_ShowsErrorSummary_AndChangesNothing()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("po");
        var casePath = await page.FirstCaseloadCasePathAsync();

        await page.GotoAsync(casePath);
        var bannerHeading = page.GetByTestId("risk-banner").GetByRole(AriaRole.Heading);
        var before = (await bannerHeading.InnerTextAsync()).Trim();

        await page.GotoAsync(casePath + "/risk");
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync("31");
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync("2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save risk profile" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { NameRegex = RealDate() })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync(ErrorTitle());
        await page.AssertNoAxeViolationsAsync("risk form with an error");

        await page.GotoAsync(casePath);
        await Expect(bannerHeading).ToHaveTextAsync(before);
    }

    [GeneratedRegex(@"/cases/[a-z0-9]+$")]
    private static partial Regex CasePath();

    [GeneratedRegex("risk of serious harm", RegexOptions.IgnoreCase)]
    private static partial Regex RiskOfSeriousHarm();

    [GeneratedRegex("real date")]
    private static partial Regex RealDate();

    [GeneratedRegex("^Error: ")]
    private static partial Regex ErrorTitle();
}
