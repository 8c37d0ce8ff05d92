using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

public sealed class AllocationJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task TeamManager_AllocatesAReferredDomesticAbuseCase_ToATrainedProbationOfficer()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("manager");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cases to allocate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cases to allocate" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("allocation queue");
        var queue = page.Url;

        // Find a case referred to the team manager because of current domestic abuse.
        var referred = page.Locator("tbody tr", new() { HasText = "Team manager" });
        var count = await referred.CountAsync();
        string? crnPath = null;
        for (var i = 0; i < count && crnPath is null; i++)
        {
            await page.GotoAsync(queue);
            await referred.Nth(i).Locator("a").First.ClickAsync();
            await page.GetByText("Why (the matrix's reasons and the tier)").ClickAsync();
            if (await page.GetByText("PO only: current domestic abuse").CountAsync() > 0)
            {
                crnPath = new Uri(page.Url).AbsolutePath;
            }
        }

        Assert.NotNull(crnPath);
        await Expect(page.GetByText("Domestic abuse", new() { Exact = false }).First).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("allocation page");
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "allocate.png"), FullPage = true });

        // Continue without choosing: the error summary asks for an officer.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the officer");
        await page.AssertNoAxeViolationsAsync("allocation page with an error");

        // The first officer within the matrix: a probation officer trained in domestic abuse.
        var options = page.Locator(".govuk-radios__item");
        ILocator? chosen = null;
        for (var i = 0; i < await options.CountAsync(); i++)
        {
            var item = options.Nth(i);
            if (!(await item.InnerTextAsync()).Contains("Outside the matrix", StringComparison.Ordinal))
            {
                chosen = item;
                break;
            }
        }

        Assert.NotNull(chosen);
        var text = await chosen.InnerTextAsync();
        Assert.Contains("(PO)", text);
        Assert.Contains("trained in domestic abuse", text);
        var officer = (await chosen.Locator("label").InnerTextAsync()).Split('.', 2)[1].Split('(')[0].Trim();
        await chosen.Locator("input").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers" })).ToBeVisibleAsync();
        await Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync(officer);
        await page.AssertNoAxeViolationsAsync("check your answers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allocate case" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Case allocated" })).ToBeVisibleAsync();
        await Expect(page.Locator(".govuk-panel__body")).ToContainTextAsync(officer);
        await page.AssertNoAxeViolationsAsync("allocation confirmation");

        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the case" }).ClickAsync();
        await Expect(page.Locator(".govuk-summary-list").Filter(new() { HasText = "Responsible officer" }).First).ToContainTextAsync(officer);

        await page.GotoAsync(queue.Replace("/allocation", "/workload", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team workload" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("team workload");
    }
}
