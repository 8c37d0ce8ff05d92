using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

/// <summary>
/// A quality officer audits a case in a real browser: starts the audit, is stopped from completing it with a "no"
/// and no evidence, gives the evidence, completes it and sends the officer feedback; the officer answers it. Every
/// page passes axe, the error state included.
/// </summary>
public sealed class QualityAuditJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task QualityOfficer_AuditsACase_AndTheOfficerAnswersTheFeedback()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("quality");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Quality", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Case audits", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("case audits");

        // Craig's case, on the demo officer's caseload (the report's first story).
        await page.GetByLabel("Case reference number (CRN)").FillAsync("D900001");
        await page.GetByLabel("Audit by a quality officer").CheckAsync();
        await page.GetByLabel("Case supervision (2.1 to 2.4)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The audit is started.");
        await page.AssertNoAxeViolationsAsync("audit form");

        for (var i = 0; i < 12; i++)
        {
            await page.Locator(i == 2 ? $"#Input_Judgements_{i}__Judgement_No" : $"#Input_Judgements_{i}__Judgement").CheckAsync();
        }

        await page.Locator("#Input_Prompts_0__Answer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the audit" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToContainTextAsync("Give the evidence for the judgement on 2.1.3");
        await page.AssertNoAxeViolationsAsync("audit form with an error");

        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.Locator("#Input_Judgements_2__Evidence").FillAsync("Police call-out information was never requested, though domestic abuse was known at sentence.");
        await page.GetByLabel("Areas for improvement").FillAsync("Ask for police and children's services information at the start of every order.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the audit" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The audit is completed.");
        await Expect(page.GetByTestId("judgements-2.1")).ToContainTextAsync("Police call-out information was never requested");
        await page.AssertNoAxeViolationsAsync("completed audit");

        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Feedback for")).FillAsync("Request the police call-out information for Craig this week.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the feedback" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The feedback is sent to the officer.");

        await page.GotoAsync("/quality/results");
        await Expect(page.GetByTestId("results-provider")).ToContainTextAsync("2.1.3");
        await page.AssertNoAxeViolationsAsync("audit results");

        // The officer finds the feedback and answers it.
        await using var officerContext = await app.NewContextAsync();
        var officer = await officerContext.NewPageAsync();
        await officer.SignInAsync("po");
        await officer.GotoAsync("/");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Audit feedback" }).ClickAsync();
        var card = officer.Locator("[data-testid^=feedback-]", new() { HasTextString = "Request the police call-out information for Craig this week." });
        await Expect(card).ToBeVisibleAsync();
        await officer.AssertNoAxeViolationsAsync("audit feedback");
        await card.GetByLabel("What you have done or will do").FillAsync("Requested from Cleveland Police today.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Record my response" }).ClickAsync();
        await Expect(officer.GetByTestId("saved")).ToHaveTextAsync("Your response is recorded.");
    }
}
