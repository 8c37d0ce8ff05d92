using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

/// <summary>
/// The inspector's journey in a real browser: from their home page to a new inspection, its case supervision sample
/// drawn and shown beside the population, and its report; then the demo inspection in fieldwork, a sampled case
/// read and assessed, and its report with the ratings. Every page passes axe, error states included.
/// </summary>
public sealed partial class InspectionJourneyTests(BrowserFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));

    private static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Inspector_SetsUpAnInspection_DrawsTheCaseSupervisionSample_AndSeesTheReport()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("inspector");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your inspections" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inspections", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("inspections");

        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an inspection" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up an inspection", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("set up an inspection");

        // Sent without its dates, the form says what is missing.
        const string title = "Inspection of probation services: journey";
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up the inspection" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the date of the start of fieldwork");
        await page.AssertNoAxeViolationsAsync("set up an inspection, refused");

        await FillDateAsync(page, "Fieldwork starts", Today.AddDays(14));
        await FillDateAsync(page, "Fieldwork ends", Today.AddDays(25));
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up the inspection" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The inspection is set up. Draw its samples before fieldwork starts.");
        Assert.Matches(InspectionPath(), new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByTestId("case-supervision-not-drawn")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("a planned inspection");

        // A seed that is not a number is refused; with the seed recorded, the sample is drawn.
        var draw = page.GetByTestId("case-supervision-draw");
        await draw.Locator("summary").ClickAsync();
        await draw.GetByLabel("Random seed (optional)").FillAsync("forty-two");
        await draw.GetByRole(AriaRole.Button, new() { Name = "Draw the case supervision sample" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The seed must be a whole number");
        await page.AssertNoAxeViolationsAsync("draw refused");

        draw = page.GetByTestId("case-supervision-draw");
        await draw.GetByLabel("Random seed (optional)").FillAsync("42");
        await draw.GetByRole(AriaRole.Button, new() { Name = "Draw the case supervision sample" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The case supervision sample is drawn.");
        await Expect(page.GetByTestId("case-supervision-seed")).ToHaveTextAsync("42");
        var strata = page.GetByTestId("case-supervision-strata");
        await Expect(strata).ToBeVisibleAsync();
        var size = int.Parse((await page.GetByTestId("case-supervision-size").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
        var sampleCells = await strata.Locator("tbody tr td:nth-child(4)").AllInnerTextsAsync();
        Assert.Equal(size, sampleCells.Sum(c => int.Parse(c.Trim(), CultureInfo.InvariantCulture)));
        await page.AssertNoAxeViolationsAsync("the sample drawn");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Inspection sections" }).GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inspection report", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("overall")).ToContainTextAsync("No overall rating: 0 of 10 standards are rated");
        await Expect(page.GetByTestId("sample-CaseSupervision")).ToContainTextAsync("We examined 0 of the " + size + " cases sampled");
        await page.AssertNoAxeViolationsAsync("the report of a planned inspection");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Inspection sections" }).GetByRole(AriaRole.Link, new() { Name = "Evidence and ratings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Evidence and ratings", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("evidence and ratings");
    }

    [Fact]
    public async Task Inspector_AssessesASampledCaseOfTheDemoInspection_AndReadsItsReport()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("inspector");
        await page.GotoAsync("/inspections");
        await page.GetByTestId("inspections").GetByRole(AriaRole.Link, new() { NameRegex = DemoTitle() }).ClickAsync();
        await Expect(page.GetByTestId("cases-open")).ToContainTextAsync("The sampled cases are open to the inspection team");
        await page.AssertNoAxeViolationsAsync("the demo inspection in fieldwork");

        // A case not yet assessed, read-only, with its assessment form.
        var row = page.GetByTestId("case-supervision-cases").Locator("tbody tr", new() { HasText = "Not started" }).First;
        var name = (await row.Locator("td a").InnerTextAsync()).Trim();
        await row.Locator("td a").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Expect(page.GetByTestId("risk-banner")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("a sampled case");

        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the assessment" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Judge key question 2.1.1 before completing the assessment");
        await page.AssertNoAxeViolationsAsync("a sampled case, assessment refused");

        var form = page.GetByTestId("assessment-form");
        foreach (var kq in new[] { "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3", "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.4.3" })
        {
            await form.GetByRole(AriaRole.Group, new() { Name = $"Key question {kq}: your judgement" }).GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        }

        await form.GetByLabel("The responsible officer was interviewed").CheckAsync();
        await form.GetByLabel("Strengths of the work").FillAsync("Risk to a former partner identified on the first day and planned for.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the assessment" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The case assessment is completed.");
        await Expect(page.GetByTestId("assessment-status")).ToContainTextAsync("Completed on");
        await page.AssertNoAxeViolationsAsync("a sampled case, assessment completed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the inspection and its samples" }).ClickAsync();
        await Expect(page.GetByTestId("case-supervision-cases").Locator("tbody tr", new() { HasText = name })).ToContainTextAsync("Completed");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Inspection sections" }).GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();
        await Expect(page.GetByTestId("overall")).ToContainTextAsync("of 30 from the ten standards");
        await Expect(page.GetByTestId("footnotes")).ToContainTextAsync("relevant sub-sample");
        await page.AssertNoAxeViolationsAsync("the demo inspection's report");
    }

    [GeneratedRegex(@"^/inspections/\d+$")]
    private static partial Regex InspectionPath();

    [GeneratedRegex(@"\(demo\)")]
    private static partial Regex DemoTitle();
}
