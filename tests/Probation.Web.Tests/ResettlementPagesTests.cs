using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The Through the Gate pages through the browser's forms: refusals in the GOV.UK error summary against their
/// field with nothing written; accepted work saved and shown on the record, the caseload and the case page.
/// </summary>
public abstract class ResettlementPagesTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private static string PathOf(CustodyStory s, string page = "") => $"/resettlement/{s.Crn.ToLowerInvariant()}" + (page.Length == 0 ? "" : "/" + page);

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) => await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlAsync(response);
    }

    private Task<int> CustodyCountAsync(string crn) =>
        app.WithDbAsync(async db =>
        {
            var parsed = Probation.Domain.Common.Crn.Parse(crn);
            var id = await db.People.Where(p => p.Crn == parsed).Select(p => p.Id).SingleAsync();
            return await db.CustodyRecords.CountAsync(c => c.PersonId == id);
        });

    /// <summary>Fills in the form holding the first field as a browser would: every field must be on it, and choices among its options.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var doc = await Parser.ParseDocumentAsync(await client.GetStringAsync(path));
        var form = doc.QuerySelectorAll("form[method=post]").FirstOrDefault(f => f.QuerySelector($"[name='{fields[0].Name}']") is not null);
        Assert.True(form is not null, $"No form on {path} has the field {fields[0].Name}");
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields)
        {
            var inputs = form.QuerySelectorAll($"[name='{name}']").ToList();
            Assert.True(inputs.Count > 0, $"The form on {path} has no field {name}");
            if (inputs[0] is IHtmlInputElement { Type: "radio" } && value.Length > 0)
            {
                Assert.Contains(inputs, i => i.GetAttribute("value") == value);
            }
            else if (inputs[0] is IHtmlSelectElement select && value.Length > 0)
            {
                Assert.Contains(select.Options, o => o.Value == value);
            }

            values[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response, string href, string message, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        var doc = await HtmlAsync(response);
        var summary = doc.QuerySelector(".govuk-error-summary");
        Assert.True(summary is not null, "No error summary on the page");
        var link = summary.QuerySelectorAll(".govuk-error-summary__list a").FirstOrDefault(l => l.GetAttribute("href") == href);
        Assert.True(link is not null, $"The error summary does not link to {href}: {summary.TextContent.Trim()}");
        Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
        if (href != "#main-content")
        {
            Assert.NotNull(doc.GetElementById(href[1..]));
        }

        return doc;
    }

    private static async Task<IHtmlDocument> SavedAsync(HttpClient client, HttpResponseMessage response, string path, string saved)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {(await HtmlAsync(response)).QuerySelector(".govuk-error-summary")?.TextContent.Trim()}");
        Assert.Equal(path, response.Headers.Location!.OriginalString);
        var doc = await PageAsync(client, path);
        Assert.Contains(saved, doc.QuerySelector("[data-testid=saved]")!.TextContent, StringComparison.Ordinal);
        return doc;
    }

    private static (string, string)[] Date(string key, string day, string month, string year) => [($"{key}.Day", day), ($"{key}.Month", month), ($"{key}.Year", year)];

    private static (string, string)[] Custody(string releaseDay, string releaseMonth, string releaseYear) =>
    [
        ("Input.PrisonCode", "PR-HOL"), .. Date("Input.ReceptionDate", "2", "11", "2026"), .. Date("Input.SentenceDate", "1", "9", "2026"),
        ("Input.SentenceLengthMonths", "24"), .. Date("Input.ExpectedReleaseDate", releaseDay, releaseMonth, releaseYear), ("Input.ReleaseType", "HomeDetentionCurfew"),
    ];

    [Fact]
    public async Task CustodyPage_ReleaseBeforeTheSentenceDate_IsRefused_ThenTheRecordShowsItsAlerts()
    {
        var s = await CustodyStory.NewAsync(app, "Page");
        var ttg = await app.SignInAsync("ttg");
        var path = PathOf(s, "custody");

        await RefusedAsync(await SubmitAsync(ttg, path, Custody("1", "8", "2026")), "#Input_ExpectedReleaseDate", "must be after the sentence date (1 September 2026)");
        await RefusedAsync(await SubmitAsync(ttg, path, [.. Custody("9", "12", "2026").Where(f => f.Item1 != "Input.ReleaseType")]), "#Input_ReleaseType", "Select the type of release");
        await RefusedAsync(await SubmitAsync(ttg, path, Custody("31", "2", "2027")), "#Input_ExpectedReleaseDate", "must be a real date");
        Assert.Equal(0, await CustodyCountAsync(s.Crn));

        var record = await SavedAsync(ttg, await SubmitAsync(ttg, path, Custody("9", "12", "2026")), PathOf(s), "The custody record is saved.");
        Assert.Equal(1, await CustodyCountAsync(s.Crn));
        Assert.Contains("HMP Holme House", record.QuerySelector("[data-testid=custody]")!.TextContent, StringComparison.Ordinal);
        var codes = record.QuerySelectorAll("[data-testid=alerts] li").Select(l => l.GetAttribute("data-code")).ToList();
        Assert.Equal(["ScreeningOverdue", "PlanOverdue", "NoAccommodationNearRelease", "NoHandover"], codes);
    }

    [Fact]
    public async Task ScreeningAndPlanPages_RefuseMissingAnswers_ThenRecordEveryPathway()
    {
        var s = await CustodyStory.NewAsync(app, "Plan");
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody());
        var ttg = await app.SignInAsync("ttg");

        var pathways = Enum.GetNames<Probation.Domain.Resettlement.Pathway>();
        var screening = PathOf(s, "screening");
        var partial = pathways.Take(8).Select(p => ($"Input.{p}", "SupportRequired")).ToArray();
        await RefusedAsync(await SubmitAsync(ttg, screening, [.. Date("Input.On", "5", "11", "2026"), .. partial]), "#Input_SexWork", "Select the status of sex work");
        await RefusedAsync(await SubmitAsync(ttg, screening, [.. Date("Input.On", "1", "11", "2026"), .. pathways.Select(p => ($"Input.{p}", "SupportRequired"))]), "#Input_On", "on or after the reception into prison");
        var screened = await SavedAsync(ttg, await SubmitAsync(ttg, screening, [.. Date("Input.On", "5", "11", "2026"), .. pathways.Select(p => ($"Input.{p}", "SupportRequired"))]), PathOf(s), "The resettlement needs are screened.");
        Assert.DoesNotContain("ScreeningOverdue", screened.QuerySelectorAll("[data-testid=alerts] li").Select(l => l.GetAttribute("data-code")));

        var plan = PathOf(s, "plan");
        (string, string)[] Fields(string accommodationPartner, string risk) =>
        [
            .. Date("Input.On", "20", "11", "2026"),
            .. pathways.SelectMany(p => new[]
            {
                ($"Input.{p}.Status", p == "Accommodation" ? "InProgress" : "SupportNotRequired"),
                ($"Input.{p}.Actions", p == "Accommodation" ? "Housing options appointment booked" : ""),
                ($"Input.{p}.Partner", p == "Accommodation" ? accommodationPartner : ""),
            }),
            ("Input.RiskOfHarmConsidered", risk),
        ];
        var version = await StoryClient.CaseAsync(app, s.Crn, p => p.Version);
        await RefusedAsync(await SubmitAsync(ttg, plan, Fields("", "Victim safety: no return to the family home.")), "#Input_Accommodation_Partner", "Name the partner organisation responsible for accommodation");
        await RefusedAsync(await SubmitAsync(ttg, plan, Fields("Thirteen housing", "")), "#Input_RiskOfHarmConsidered", "Enter how the plan takes account of risk of harm");
        Assert.Equal(version, await StoryClient.CaseAsync(app, s.Crn, p => p.Version));

        var saved = await SavedAsync(ttg, await SubmitAsync(ttg, plan, Fields("Thirteen housing", "Victim safety: no return to the family home.")), PathOf(s), "The resettlement plan is saved.");
        var row = saved.QuerySelector("[data-testid=pathways] tr[data-pathway=Accommodation]")!.TextContent;
        Assert.Contains("In progress", row, StringComparison.Ordinal);
        Assert.Contains("Thirteen housing", row, StringComparison.Ordinal);
        Assert.DoesNotContain("PlanOverdue", saved.QuerySelectorAll("[data-testid=alerts] li").Select(l => l.GetAttribute("data-code")));
        Assert.Contains("NoAccommodationNearRelease", saved.QuerySelectorAll("[data-testid=alerts] li").Select(l => l.GetAttribute("data-code")));
    }

    [Fact]
    public async Task HandoverAndReleasePages_RecordWhatWasInPlace_AndAStaleFormIsRefused()
    {
        var s = await CustodyStory.NewAsync(app, "Release");
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody());
        await s.WriteAsync(HttpMethod.Put, "screening", new { on = "2026-11-05", pathways = CustodyStory.Pathways() });
        await s.WriteAsync(HttpMethod.Put, "plan", new { on = "2026-11-20", pathways = CustodyStory.Pathways(accommodation: "Done"), riskOfHarmConsidered = "No identified victim." });
        var ttg = await app.SignInAsync("ttg");

        var handover = PathOf(s, "handover");
        await RefusedAsync(await SubmitAsync(ttg, handover, [.. Date("Input.On", "19", "11", "2026"), ("Input.To", "Community officer")]), "#Input_On", "cannot be dated before the plan");
        var stale = (s.Story.Version - 1).ToString(CultureInfo.InvariantCulture);
        await RefusedAsync(await SubmitAsync(ttg, handover, [.. Date("Input.On", "25", "11", "2026"), ("Input.To", "Community officer"), ("Input.Version", stale)]), "#main-content", "Someone else changed this case", HttpStatusCode.Conflict);
        var handed = await SavedAsync(ttg, await SubmitAsync(ttg, handover, [.. Date("Input.On", "25", "11", "2026"), ("Input.To", "Community officer and Thirteen housing")]), PathOf(s), "The handover is recorded.");
        Assert.Equal("No resettlement alerts: the Through the Gate work is up to date.", handed.QuerySelector("[data-testid=no-alerts]")?.TextContent);

        var release = PathOf(s, "release");
        await RefusedAsync(await SubmitAsync(ttg, release, [.. Date("Input.On", "26", "11", "2026"), ("Input.Accommodation", "TemporaryAccommodation")]), "#Input_BenefitsInPlace", "Select whether benefits were in place");
        await RefusedAsync(await SubmitAsync(ttg, release, [.. Date("Input.On", "26", "11", "2026"), ("Input.Accommodation", "TemporaryAccommodation"), .. Date("Input.FirstAppointmentOn", "25", "11", "2026"), ("Input.BenefitsInPlace", "yes")]), "#Input_FirstAppointmentOn", "on or after the day of release");
        var released = await SavedAsync(ttg, await SubmitAsync(ttg, release, [.. Date("Input.On", "26", "11", "2026"), ("Input.Accommodation", "TemporaryAccommodation"), .. Date("Input.FirstAppointmentOn", "27", "11", "2026"), ("Input.BenefitsInPlace", "no")]), PathOf(s), "The release is recorded.");
        var past = released.QuerySelector("[data-testid=past]")!.TextContent;
        Assert.Contains("Temporary accommodation", past, StringComparison.Ordinal);
        Assert.Contains("27 Nov 2026", past, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseloadPage_ListsByReleaseDate_FiltersByPrison_AndOfficersSeeButDoNotRecord()
    {
        var s = await CustodyStory.NewAsync(app, "Caseload");
        await s.WriteAsync(HttpMethod.Post, "custody", CustodyStory.Custody("PR-HOL", "2026-12-02"));
        var ttg = await app.SignInAsync("ttg");

        var caseload = await PageAsync(ttg, "/resettlement?prison=PR-HOL");
        var rows = caseload.QuerySelectorAll("[data-testid=caseload] tbody tr").ToList();
        Assert.Contains(rows, r => r.GetAttribute("data-crn") == s.Crn);
        Assert.All(rows, r => Assert.Contains("HMP Holme House", r.TextContent, StringComparison.Ordinal));
        var mine = rows.Single(r => r.GetAttribute("data-crn") == s.Crn);
        Assert.Contains("NoHandover", mine.QuerySelectorAll("li").Select(l => l.GetAttribute("data-code")));
        Assert.DoesNotContain((await PageAsync(ttg, "/resettlement?prison=PR-DUR")).QuerySelectorAll("[data-testid=caseload] tbody tr"), r => r.GetAttribute("data-crn") == s.Crn);
        Assert.NotNull(caseload.QuerySelector("a.moj-primary-navigation__link[href='/resettlement'][aria-current=page]"));

        // The case's probation officer sees custody on the case page and the record, but has no forms.
        var po = await app.SignInAsync("po");
        var casePage = await PageAsync(po, $"/cases/{s.Crn.ToLowerInvariant()}");
        Assert.Contains("HMP Holme House", casePage.QuerySelector("[data-testid=resettlement-summary]")!.TextContent, StringComparison.Ordinal);
        var record = await PageAsync(po, PathOf(s));
        Assert.Contains("HMP Holme House", record.QuerySelector("[data-testid=custody]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(record.QuerySelectorAll($"a[href='{PathOf(s, "plan")}']"));
        var form = await po.GetAsync(PathOf(s, "screening"));
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
    }
}

public sealed class SqliteResettlementPagesTests(ProbationAppFactory app) : ResettlementPagesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresResettlementPagesTests(PostgresAppFactory app) : ResettlementPagesTests(app), IClassFixture<PostgresAppFactory>;
