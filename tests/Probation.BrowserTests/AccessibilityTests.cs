using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

public sealed class AccessibilityTests(BrowserFixture app)
{
    /// <summary>Every main page, checked against the WCAG 2.2 AA axe rules; all failures are reported together.</summary>
    [Fact]
    public async Task EveryMainPage_PassesAxe()
    {
        var failures = new List<string>();

        await using (var signedOut = await app.NewContextAsync())
        {
            var page = await signedOut.NewPageAsync();
            await page.GotoAsync("/sign-in");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(page, "sign-in page (signed out)");
        }

        await using (var po = await app.NewContextAsync())
        {
            var page = await po.NewPageAsync();
            await page.SignInAsync("po");
            var casePath = await page.FirstCaseloadCasePathAsync();
            await CheckAsync(page, "home page");

            // Axe must see a results table here; when the search shows none, say so and check the other pages anyway.
            await page.GotoAsync("/cases?q=a");
            if (await page.Locator("table tbody tr").CountAsync() == 0)
            {
                var shown = await page.Locator("main").InnerTextAsync();
                failures.Add($"The search {page.Url} showed no result rows, so axe could not check a results table. The page said:{Environment.NewLine}{shown}");
            }

            await CheckAsync(page, "case search results");

            foreach (var (path, what) in new[] { ("/staff", "staff"), ("/teams", "teams"), ("/hubs", "hubs") })
            {
                await page.GotoAsync(path);
                await CheckAsync(page, what);
            }

            foreach (var (path, what) in new[] { ("/accessibility", "accessibility statement"), ("/cases/z999999", "page not found") })
            {
                await page.GotoAsync(path);
                await CheckAsync(page, what);
            }

            foreach (var (list, what) in new[] { ("/staff", "a member of staff"), ("/teams", "a team") })
            {
                await page.GotoAsync(list);
                await page.GetByRole(AriaRole.Table).Locator("tbody tr td:first-child a").First.ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
                await CheckAsync(page, what);
            }

            await page.GotoAsync("/hubs");
            await page.GetByRole(AriaRole.Table).Locator("tbody tr td:first-child a").First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opening sessions each week" })).ToBeVisibleAsync();
            await CheckAsync(page, "hub week view");

            await page.GotoAsync(casePath + "/risk");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save risk profile" })).ToBeVisibleAsync();
            await CheckAsync(page, "risk profile form");

            // A demo case's supervision pages, with its history shown and each form empty.
            foreach (var section in new[] { "flags", "assessment", "checks", "plan", "contacts", "enforcement", "referrals", "events", "reviews", "alerts" })
            {
                await page.GotoAsync($"{casePath}/{section}");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
                await CheckAsync(page, $"case {section} page");
            }
        }

        await using (var pso = await app.NewContextAsync())
        {
            // A case on the PSO's own team that they are excluded from: the list row, then the page.
            var page = await pso.NewPageAsync();
            await page.SignInAsync("pso");
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Your team's cases" }).ClickAsync();
            var restrictedRow = page.Locator("tbody tr", new() { HasText = "Access restricted" }).First;
            while (await restrictedRow.CountAsync() == 0 && await page.Locator(".govuk-pagination__next a").CountAsync() > 0)
            {
                await page.Locator(".govuk-pagination__next a").ClickAsync();
            }

            await Expect(restrictedRow).ToBeVisibleAsync();
            await CheckAsync(page, "case list with a restricted row");
            var crn = (await restrictedRow.Locator("td").First.InnerTextAsync()).Trim();
            await page.GotoAsync($"/cases/{crn.ToLowerInvariant()}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access restricted" })).ToBeVisibleAsync();
            await CheckAsync(page, "access restricted page");

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
            await CheckAsync(page, "signed-out page");
        }

        foreach (var user in new[] { "manager", "leader" })
        {
            await using var context = await app.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.SignInAsync(user);
            await CheckAsync(page, $"home page ({user})");
            if (user == "manager")
            {
                // The team manager's alerts page carries the exception form.
                await page.GotoAsync("/cases?q=a");
                var first = await page.GetByRole(AriaRole.Table).Locator("tbody tr td:first-child a").First.GetAttributeAsync("href");
                await page.GotoAsync(first + "/alerts");
                await CheckAsync(page, "alerts page (team manager)");
            }
        }

        await using (var admin = await app.NewContextAsync())
        {
            var page = await admin.NewPageAsync();
            await page.SignInAsync("admin");
            var response = await page.GotoAsync("/admin/audit");
            Assert.Equal(200, response?.Status);
            await CheckAsync(page, "audit log");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));

        async Task CheckAsync(IPage page, string where)
        {
            if (await page.AxeViolationsAsync(where) is { } problem)
            {
                failures.Add(problem);
            }
        }
    }

    /// <summary>
    /// The reports, with a report's error state, and the unpaid work, programme, resettlement and inspection pages, each as
    /// the user whose work they are, checked against the WCAG 2.2 AA axe rules; all failures are reported together.
    /// </summary>
    [Fact]
    public async Task ReportsAndServicePages_PassAxe()
    {
        var failures = new List<string>();

        await using (var leader = await app.NewContextAsync())
        {
            var page = await leader.NewPageAsync();
            await page.SignInAsync("leader");
            await page.GotoAsync("/reports");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reports", Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(page, "reports");

            await page.GetByRole(AriaRole.Link, new() { Name = "Caseload profile" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload profile", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("summary")).ToBeVisibleAsync();
            await CheckAsync(page, "caseload profile");

            await page.GotoAsync("/reports/caseload-profile?On.Day=31&On.Month=2&On.Year=2026");
            await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
            await CheckAsync(page, "caseload profile with an impossible date");

            await page.GotoAsync("/reports/needs");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs analysis", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("needs")).ToBeVisibleAsync();
            await CheckAsync(page, "needs analysis");

            // The two period and readiness reports, reached from the reports page, with their charts and tables.
            await page.GotoAsync("/reports");
            await page.GetByRole(AriaRole.Link, new() { Name = "Timeliness and delivery" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeliness and delivery", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Initial assessments on time, month by month" })).ToBeVisibleAsync();
            await CheckAsync(page, "timeliness and delivery");

            await page.GotoAsync("/reports/timeliness?From.Day=1&From.Month=6&From.Year=2026&To.Day=31&To.Month=5&To.Year=2026");
            await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
            await CheckAsync(page, "timeliness with the start of the period after its end");

            await page.GotoAsync("/reports");
            await page.GetByRole(AriaRole.Link, new() { Name = "Inspection readiness" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inspection readiness", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("notice")).ToContainTextAsync("not an inspection judgement");
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "2.1 Assessment: share of cases meeting each key question" })).ToBeVisibleAsync();
            await page.GetByText("How 2.1.3 is counted").ClickAsync();
            await CheckAsync(page, "inspection readiness with a definition open");
        }

        await using (var upw = await app.NewContextAsync())
        {
            var page = await upw.NewPageAsync();
            await page.SignInAsync("upw");
            await page.GotoAsync("/unpaid-work");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unpaid work", Exact = true, Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(page, "unpaid work overview");

            var sections = page.GetByRole(AriaRole.Navigation, new() { Name = "Unpaid work" });
            foreach (var (link, heading) in new[] { ("Projects", "Projects"), ("Sessions", "Sessions") })
            {
                await sections.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
                await CheckAsync(page, $"unpaid work {link.ToLowerInvariant()}");
            }

            // A session from the calendar, when the week has one.
            var session = page.GetByTestId("calendar").Locator("a[href^='/unpaid-work/sessions/']");
            if (await session.CountAsync() > 0)
            {
                await session.First.ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
                await CheckAsync(page, "unpaid work session");
            }

            // A project's page with the forms to change and retire it; then a refused change (nothing is saved).
            await page.GotoAsync("/unpaid-work/projects");
            await page.GetByTestId("projects").Locator("a[href^='/unpaid-work/projects/']").First.ClickAsync();
            await Expect(page.GetByTestId("project")).ToBeVisibleAsync();
            await CheckAsync(page, "unpaid work project");
            await page.GetByLabel("Places", new() { Exact = true }).FillAsync("0");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the changes" }).ClickAsync();
            await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the number of places");
            await CheckAsync(page, "unpaid work project with an error");

            // Correcting a record from last week's sessions, and cancelling a booking on next week's: each form, then the form refused.
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));
            foreach (var (week, action, button, what) in new[]
            {
                (today.AddDays(-7), "correct", "Correct the record", "correcting attendance"),
                (today.AddDays(7), "cancel", "Cancel the booking", "cancelling a booking"),
            })
            {
                await page.GotoAsync($"/unpaid-work/sessions?week={week:yyyy-MM-dd}");
                var booked = page.GetByTestId("calendar").Locator("li", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"; [1-9]\d* of \d+ places booked") }).Locator("a");
                if (await booked.CountAsync() == 0)
                {
                    failures.Add($"The week of {week:d MMMM yyyy} has no session with people booked, so axe could not check {what}.");
                    continue;
                }

                await booked.First.ClickAsync();
                await page.GetByTestId(action).First.ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = button })).ToBeVisibleAsync();
                await CheckAsync(page, what);
                await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
                await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
                await CheckAsync(page, what + " with an error");
            }
        }

        await using (var programmes = await app.NewContextAsync())
        {
            var page = await programmes.NewPageAsync();
            await page.SignInAsync("programmes");
            foreach (var (path, heading, what) in new[]
            {
                ("/programmes", "Programme referrals", "programme referrals"),
                ("/programmes/waiting-list", "Waiting list", "programme waiting list"),
                ("/programmes/groups", "Programme groups", "programme groups"),
            })
            {
                await page.GotoAsync(path);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
                await CheckAsync(page, what);
            }
        }

        await using (var ttg = await app.NewContextAsync())
        {
            var page = await ttg.NewPageAsync();
            await page.SignInAsync("ttg");
            await page.GotoAsync("/resettlement");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prison resettlement caseload", Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(page, "prison resettlement caseload");
        }

        await using (var inspector = await app.NewContextAsync())
        {
            // The demo inspection in fieldwork: its samples and their cases, a sampled case, its evidence and report.
            var page = await inspector.NewPageAsync();
            await page.SignInAsync("inspector");
            await CheckAsync(page, "home page (inspector)");
            await page.GotoAsync("/inspections");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inspections", Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(page, "inspections (inspector)");
            var inspection = await page.GetByTestId("inspections").Locator("tbody a", new() { HasText = "(demo)" }).First.GetAttributeAsync("href");
            foreach (var (path, heading, what) in new[]
            {
                (inspection!, "Inspection and samples", "an inspection and its samples"),
                (inspection + "/evidence", "Evidence and ratings", "inspection evidence and ratings"),
                (inspection + "/report", "Inspection report", "inspection report"),
                ("/inspections/new", "Set up an inspection", "set up an inspection"),
            })
            {
                await page.GotoAsync(path);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
                await CheckAsync(page, what);
            }

            await page.GotoAsync(inspection!);
            var sampled = page.GetByTestId("unpaid-work-cases").Locator("tbody a");
            if (await sampled.CountAsync() == 0)
            {
                sampled = page.GetByTestId("case-supervision-cases").Locator("tbody a");
            }

            await sampled.First.ClickAsync();
            await Expect(page.GetByTestId("assessment-form")).ToBeVisibleAsync();
            await CheckAsync(page, "a sampled case with its assessment");
        }

        await using (var leader = await app.NewContextAsync())
        {
            var page = await leader.NewPageAsync();
            await page.SignInAsync("leader");
            await page.GotoAsync("/inspections");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inspections", Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(page, "inspections (the provider's senior leader)");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));

        async Task CheckAsync(IPage page, string where)
        {
            if (await page.AxeViolationsAsync(where) is { } problem)
            {
                failures.Add(problem);
            }
        }
    }

    /// <summary>Guards the tests above: axe really runs under the site's Content-Security-Policy and reports what it finds.</summary>
    [Fact]
    public async Task Axe_ReportsAPlantedViolation()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.Locator("main").EvaluateAsync("main => main.insertAdjacentHTML('beforeend', '<img src=\"/favicon.svg\">')");

        var problems = await page.AxeViolationsAsync("sign-in page with an image without alt text");

        Assert.NotNull(problems);
        Assert.Contains("image-alt", problems);
    }
}
