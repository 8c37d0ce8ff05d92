using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Probation.BrowserTests;

/// <summary>
/// An unpaid work supervisor schedules an evening session, books a person from last week's garden group on it,
/// records the whole session's attendance at once, and the person's hours go up on their case page.
/// </summary>
public sealed partial class UnpaidWorkJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Supervisor_RecordsAWholeSessionsAttendance_AndThePersonsHoursUpdateOnTheirCasePage()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("upw");

        await page.GotoAsync("/unpaid-work");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unpaid work", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("capacity")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("unpaid work overview");

        // Someone who worked on the garden last week: a man on a mixed group, assessed, with hours left.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));
        await page.GotoAsync($"/unpaid-work/sessions?week={today.AddDays(-7):yyyy-MM-dd}");
        await page.AssertNoAxeViolationsAsync("session calendar");
        var garden = page.GetByTestId("calendar").GetByRole(AriaRole.Link, new() { NameRegex = Garden() });
        await garden.First.ClickAsync();
        var person = page.GetByTestId("recorded").Locator("a[href$='/unpaid-work']").First;
        var href = await person.GetAttributeAsync("href");
        var crn = CrnOf().Match(href!).Groups[1].Value.ToUpperInvariant();

        await page.GotoAsync($"/cases/{crn.ToLowerInvariant()}");
        var worked = page.GetByTestId("worked");
        await Expect(worked).ToBeVisibleAsync();
        var before = Minutes(await worked.InnerTextAsync());

        // Schedule this evening's session on the garden.
        await page.GotoAsync("/unpaid-work/sessions");
        await page.GetByLabel("Project").SelectOptionAsync(new SelectOptionValue { Label = (await page.GetByLabel("Project").Locator("option", new() { HasTextRegex = Garden() }).InnerTextAsync()).Trim() });
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(today.Day.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync(today.Month.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Start time").FillAsync("17:00");
        await page.GetByLabel("End time").FillAsync("20:00");
        var supervisor = page.GetByLabel("Supervisor").Locator("option", new() { HasTextRegex = Garden() }).First;
        await page.GetByLabel("Supervisor").SelectOptionAsync(new SelectOptionValue { Label = (await supervisor.InnerTextAsync()).Trim() });
        await page.GetByLabel("Places").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the session" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The session is scheduled.");
        await page.GetByTestId("calendar").GetByRole(AriaRole.Link, new() { NameRegex = EveningGarden() }).First.ClickAsync();

        // Book the person, then record the whole session's attendance (one row).
        await page.GetByLabel("Case reference number (CRN)").FillAsync(crn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("The person is booked on the session.");
        await Expect(page.GetByTestId("places")).ToHaveTextAsync("1 of 4 booked");

        // A finish time after the session ends is refused against the row, and nothing is recorded.
        var row = page.GetByTestId("attendance-row").First;
        await row.GetByLabel("Outcome").SelectOptionAsync("AttendedAndWorked");
        await row.GetByLabel("Finished").FillAsync("20:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance for the session" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("within the session's times (17:00 to 20:00)");
        await page.AssertNoAxeViolationsAsync("attendance with an error");

        row = page.GetByTestId("attendance-row").First;
        await row.GetByLabel("Outcome").SelectOptionAsync("AttendedAndWorked");
        await row.GetByLabel("Started").FillAsync("17:00");
        await row.GetByLabel("Finished").FillAsync("20:00");
        await row.GetByLabel("Penalty (minutes)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance for the session" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("Attendance is recorded and the hours credited.");
        await Expect(page.GetByTestId("recorded")).ToContainTextAsync("2 hours 30 minutes");
        await page.AssertNoAxeViolationsAsync("session with attendance recorded");

        // The case page shows the hours: 150 more minutes worked, unless the order had fewer left.
        await page.GotoAsync($"/cases/{crn.ToLowerInvariant()}");
        var ordered = Minutes(await page.GetByTestId("ordered").InnerTextAsync());
        var after = Minutes(await page.GetByTestId("worked").InnerTextAsync());
        Assert.Equal(Math.Min(before + 150, ordered), after);
        Assert.Equal(ordered - after, Minutes(await page.GetByTestId("remaining").InnerTextAsync()));
        await page.AssertNoAxeViolationsAsync("case page with unpaid work hours");
    }

    private static int Minutes(string text)
    {
        var m = HoursText().Match(text.Trim());
        Assert.True(m.Success, $"Not hours and minutes: {text}");
        var hours = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return hours * 60 + minutes;
    }

    [GeneratedRegex(@"^(?:(\d+) hours?)?\s*(?:(\d+) minutes?)?")]
    private static partial Regex HoursText();

    [GeneratedRegex("Thornaby community garden")]
    private static partial Regex Garden();

    [GeneratedRegex("17:00 to 20:00: Thornaby community garden")]
    private static partial Regex EveningGarden();

    [GeneratedRegex("/cases/([a-z0-9]+)/unpaid-work")]
    private static partial Regex CrnOf();
}
