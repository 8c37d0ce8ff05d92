using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Probation.BrowserTests;

/// <summary>Steps shared by the browser tests.</summary>
internal static class PageExtensions
{
    /// <summary>Axe rules for WCAG 2.0, 2.1 and 2.2, levels A and AA.</summary>
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
    };

    /// <summary>Signs in through the form with the demo password and waits until the app has left the sign-in page.</summary>
    public static async Task SignInAsync(this IPage page, string userName)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Username").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/sign-in", StringComparison.OrdinalIgnoreCase));
        }
        catch (TimeoutException)
        {
            var summary = page.Locator(".govuk-error-summary");
            var said = await summary.CountAsync() > 0 ? await summary.InnerTextAsync() : "(no error summary)";
            throw new TimeoutException($"Signing in as {userName} did not leave the sign-in page ({page.Url}): {said}");
        }
    }

    /// <summary>The first case link in the signed-in officer's caseload table on the home page, e.g. <c>/cases/x123456</c>.</summary>
    public static async Task<string> FirstCaseloadCasePathAsync(this IPage page)
    {
        await page.GotoAsync("/");
        var link = page.GetByRole(AriaRole.Table).Locator("tbody tr td:first-child a").First;
        var href = await link.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), "The first caseload row has no case link.");
        return href!;
    }

    /// <summary>Runs axe (WCAG 2.2 AA rule set) on the page as it is now and fails with every violation found.</summary>
    public static async Task AssertNoAxeViolationsAsync(this IPage page, string where)
    {
        var problems = await AxeViolationsAsync(page, where);
        Assert.True(problems is null, problems);
    }

    /// <summary>Runs axe (WCAG 2.2 AA rule set) on the page as it is now: null when it passes, else a description of each violation.</summary>
    public static async Task<string?> AxeViolationsAsync(this IPage page, string where)
    {
        var result = await page.RunAxe(WcagAa);
        return result.Violations.Length == 0 ? null : Describe(where, page.Url, result.Violations);
    }

    private static string Describe(string where, string url, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"{violations.Length} axe violation(s) on {where} ({url}):");
        foreach (var v in violations)
        {
            text.AppendLine().Append($"- {v.Id} [{v.Impact}]: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                text.AppendLine().Append($"    at {node.Target}: {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var message in checks.Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)))
                {
                    text.AppendLine().Append("      ").Append(message.ReplaceLineEndings(" "));
                }
            }
        }

        return text.ToString();
    }
}
