using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

public sealed partial class StylingTests(BrowserFixture app)
{
    /// <summary>
    /// The GOV.UK and MoJ scripts run under the site's Content-Security-Policy, and the styles load
    /// with Arial in place of the GOV.UK typeface (the service is not on a gov.uk domain).
    /// </summary>
    [Fact]
    public async Task Styles_Applied_AndScriptsRun()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };

        await page.SignInAsync("po");

        // The inline snippet sets the class; initAll() of each module bundle marks what it initialised.
        await Expect(page.Locator("body")).ToHaveClassAsync(FrontendSupported());
        await Expect(page.Locator("[data-module='govuk-skip-link']")).ToHaveAttributeAsync("data-govuk-skip-link-init", "");
        await Expect(page.Locator("[data-module='moj-sortable-table']").First).ToHaveAttributeAsync("data-moj-sortable-table-init", "");

        // GOV.UK Frontend's CSS makes the heading bold; the site's CSS swaps its typeface for Arial.
        var h1 = page.Locator("h1").First;
        await Expect(h1).ToHaveCSSAsync("font-weight", "700");
        var fontFamily = await h1.EvaluateAsync<string>("h => getComputedStyle(h).fontFamily");
        Assert.Contains("arial", fontFamily, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("GDS Transport", fontFamily, StringComparison.OrdinalIgnoreCase);

        Assert.True(blocked.Count == 0, "Blocked by the Content-Security-Policy:" + Environment.NewLine + string.Join(Environment.NewLine, blocked));
    }

    [GeneratedRegex(@"\bgovuk-frontend-supported\b")]
    private static partial Regex FrontendSupported();
}
