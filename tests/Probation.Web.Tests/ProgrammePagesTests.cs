using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Programmes;
using Probation.Domain.Supervision;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The programme pages through their forms, on each database: the officer refers from the case, the programme
/// team assesses, sets up a group, fills it from the waiting list and takes the register; refusals are shown in
/// the GOV.UK error summary and write nothing; the pages show the figures the API gives.
/// </summary>
public abstract class ProgrammePagesTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await HtmlAsync(response);
    }

    /// <summary>Fills in the form on <paramref name="path"/> holding the first field and sends it as a browser would, hidden fields included.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var form = PageForms.Read(await client.GetStringAsync(path), path).PostingWith(fields[0].Name);
        Assert.True(form is not null, $"No form on {path} has the field {fields[0].Name}");
        foreach (var (name, value) in fields)
        {
            Assert.True(form.Has(name), $"The form on {path} has no field {name}");
            var named = form.Fields.Where(f => f.Name == name).ToList();
            if (named is [{ Kind: "radio" or "checkbox" }, ..] && value.Length > 0)
            {
                Assert.Contains(named, f => f.Value == value);
            }
            else if (named is [{ Kind: "select" } select, ..] && value.Length > 0)
            {
                Assert.Contains(value, select.Choices);
            }
        }

        var given = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var hidden = form.Fields.Where(f => f.Kind == "hidden" && !given.Contains(f.Name)).Select(f => KeyValuePair.Create(f.Name, f.Value));
        return await client.PostAsync(form.Action, new FormUrlEncodedContent([.. hidden, .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]));
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response, string href, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await HtmlAsync(response);
        var summary = doc.QuerySelector(".govuk-error-summary");
        Assert.True(summary is not null, "No error summary on the page");
        var link = summary.QuerySelectorAll(".govuk-error-summary__list a").FirstOrDefault(l => l.GetAttribute("href") == href);
        Assert.True(link is not null, $"The error summary does not link to {href}: {summary.TextContent.Trim()}");
        Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.GetElementById(href[1..]));
        return doc;
    }

    private static async Task<IHtmlDocument> SavedAsync(HttpClient client, HttpResponseMessage response, string saved)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {(await HtmlAsync(response)).QuerySelector(".govuk-error-summary")?.TextContent.Trim()}");
        var doc = await PageAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains(saved, doc.QuerySelector("[data-testid=saved]")!.TextContent, StringComparison.Ordinal);
        return doc;
    }

    private static (string, string)[] Date(string key, DateOnly d) =>
    [
        (key + ".Day", d.Day.ToString(CultureInfo.InvariantCulture)),
        (key + ".Month", d.Month.ToString(CultureInfo.InvariantCulture)),
        (key + ".Year", d.Year.ToString(CultureInfo.InvariantCulture)),
    ];

    private async Task<string> ReferFromTheCaseAsync(StoryClient story, HttpClient po, int requirementId)
    {
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/programme-referral";
        var referred = await SavedAsync(po, await SubmitAsync(po, path, ("Input.RequirementId", requirementId.ToString(CultureInfo.InvariantCulture)), ("Input.PreferredTime", "Day"), ("Input.Notes", "Works nights; day groups suit.")), "sent to the programmes team");
        return referred.QuerySelector("[data-testid=referrals] a")!.GetAttribute("href")!;
    }

    private static async Task MoveAsync(HttpClient client, string referral, string status, string? reason = null)
    {
        var fields = new List<(string, string)> { ("Input.Status", status) };
        if (reason is not null)
        {
            fields.Add(("Input.Reason", reason));
        }

        await SavedAsync(client, await SubmitAsync(client, referral, [.. fields]), "The referral is now");
    }

    [Fact]
    public async Task Journey_ReferralToGroupAndRegister_ThroughThePages()
    {
        var (story, requirementId) = await ProgrammeCases.NewCaseAsync(app);
        var po = await app.SignInAsync("po");
        var casePage = await PageAsync(po, $"/cases/{story.Crn.ToLowerInvariant()}");
        Assert.Contains("Not referred", casePage.QuerySelector("[data-testid=programme-summary]")!.TextContent, StringComparison.Ordinal);
        var referral = await ReferFromTheCaseAsync(story, po, requirementId);
        casePage = await PageAsync(po, $"/cases/{story.Crn.ToLowerInvariant()}");
        Assert.Contains("Submitted", casePage.QuerySelector("[data-testid=programme-summary]")!.TextContent, StringComparison.Ordinal);

        var tutor = await app.SignInAsync("programmes");
        await MoveAsync(tutor, referral, "AwaitingAssessment");
        await MoveAsync(tutor, referral, "AssessedSuitable");
        await MoveAsync(tutor, referral, "OnWaitingList");
        var waiting = await PageAsync(tutor, "/programmes/waiting-list?Programme=BuildingBetterRelationships");
        Assert.Contains(waiting.QuerySelectorAll("[data-testid=referrals] a"), a => a.GetAttribute("href") == referral);

        var (siteId, tutorId) = await app.WithDbAsync(async db => (
            await db.Sites.Where(s => s.Code == "DC-DUR").Select(s => s.Id).SingleAsync(),
            await db.Staff.Where(s => s.UserName == "programmes").Select(s => s.Id).SingleAsync()));
        var created = await SubmitAsync(tutor, "/programmes/groups/new",
            [("Input.Programme", "BuildingBetterRelationships"), ("Input.SiteId", siteId.ToString(CultureInfo.InvariantCulture)), ("Input.Time", "Day"), .. Date("Input.StartDate", Today), ("Input.Capacity", "10"), ("Input.Facilitators", tutorId.ToString(CultureInfo.InvariantCulture))]);
        var group = await SavedAsync(tutor, created, "group is set up");
        var groupPath = created.Headers.Location!.OriginalString;
        var joinChoice = group.QuerySelectorAll("#Join_ReferralId option").Select(o => o.GetAttribute("value")!).First(v => v.StartsWith(referral.Split('/')[^1] + ":", StringComparison.Ordinal));
        await SavedAsync(tutor, await SubmitAsync(tutor, groupPath, ("Join.ReferralId", joinChoice)), "has joined the group");
        group = await SavedAsync(tutor, await SubmitAsync(tutor, groupPath, [.. Date("Session.On", Today), ("Session.StartsAt", "09:30"), ("Session.EndsAt", "12:00")]), "is added");
        Assert.Equal("1 of 10", group.QuerySelector("[data-testid=places]")!.TextContent.Trim());

        var register = group.QuerySelector("[data-testid=sessions] a")!.GetAttribute("href")!;
        var record = (await PageAsync(tutor, register)).QuerySelector("[data-testid=register] a")!.GetAttribute("href")!;
        var refused = await SubmitAsync(tutor, record, ("Input.Outcome", "FailedToAttend"), ("Input.Decision", "Unacceptable"), ("Input.DecisionReason", ""));
        await RefusedAsync(refused, "#Input_DecisionReason", "Record the judgement");
        Assert.Equal(0, await StoryClient.CaseAsync(app, story.Crn, p => p.Contacts.Count));
        var after = await SavedAsync(tutor, await SubmitAsync(tutor, record, ("Input.Outcome", "AttendedAndComplied"), ("Input.Notes", "Good first session.")), "is recorded");
        Assert.Contains("Attended and complied", after.QuerySelector("[data-testid=register]")!.TextContent, StringComparison.Ordinal);
        var contact = Assert.Single(await StoryClient.CaseAsync(app, story.Crn, p => p.Contacts.ToList()));
        Assert.Equal(ContactKind.ProgrammeSession, contact.Kind);
        Assert.Equal("On the programme", (await PageAsync(tutor, referral)).QuerySelector("[data-testid=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Refusals_AreShownAgainstTheirFields_AndWriteNothing()
    {
        var (story, requirementId) = await ProgrammeCases.NewCaseAsync(app, "Resolve");
        var po = await app.SignInAsync("po");
        var referral = await ReferFromTheCaseAsync(story, po, requirementId);
        var tutor = await app.SignInAsync("programmes");
        await MoveAsync(tutor, referral, "AwaitingAssessment");
        var version = await StoryClient.CaseAsync(app, story.Crn, p => p.Version);
        await RefusedAsync(await SubmitAsync(tutor, referral, ("Input.Status", "NotSuitable"), ("Input.Reason", "")), "#Input_Reason", "Give the reason the person is not suitable");
        Assert.Equal(version, await StoryClient.CaseAsync(app, story.Crn, p => p.Version));
        Assert.Equal("Awaiting assessment", (await PageAsync(tutor, referral)).QuerySelector("[data-testid=status]")!.TextContent.Trim());

        var groups = await app.WithDbAsync(db => db.ProgrammeGroups.CountAsync());
        var siteId = await app.WithDbAsync(db => db.Sites.Where(s => s.Code == "DC-STO").Select(s => s.Id).SingleAsync());
        await RefusedAsync(
            await SubmitAsync(tutor, "/programmes/groups/new", [("Input.Programme", "Resolve"), ("Input.SiteId", siteId.ToString(CultureInfo.InvariantCulture)), ("Input.Time", "Evening"), .. Date("Input.StartDate", Today), ("Input.Capacity", "20")]),
            "#Input_Capacity", "The capacity must be from 4 to 16 places");
        Assert.Equal(groups, await app.WithDbAsync(db => db.ProgrammeGroups.CountAsync()));

        // The officer may not manage programmes: the programme pages are not theirs.
        var denied = await po.GetAsync("/programmes/waiting-list");
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden || denied.Headers.Location?.OriginalString.Contains("/error/403", StringComparison.Ordinal) == true, $"Got {(int)denied.StatusCode}");
    }

    [Fact]
    public async Task Officer_WithdrawsAReferral_WithAReason_FromTheCase()
    {
        var (story, requirementId) = await ProgrammeCases.NewCaseAsync(app, "ThinkingSkillsProgramme");
        var po = await app.SignInAsync("po");
        var referral = await ReferFromTheCaseAsync(story, po, requirementId);
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/programme-referral";
        var id = referral.Split('/')[^1];

        var version = await StoryClient.CaseAsync(app, story.Crn, p => p.Version);
        await RefusedAsync(await SubmitAsync(po, path, ("Withdraw.ReferralId", id), ("Withdraw.Reason", "  ")), "#Withdraw_Reason", "Enter why the referral is withdrawn");
        Assert.Equal(version, await StoryClient.CaseAsync(app, story.Crn, p => p.Version));

        var page = await SavedAsync(po, await SubmitAsync(po, path, ("Withdraw.ReferralId", id), ("Withdraw.Reason", "The order was revoked at court.")), "The referral is withdrawn.");
        Assert.Contains("Withdrawn", page.QuerySelector("[data-testid=referrals]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[name='Withdraw.ReferralId']"));
        var crn = Probation.Domain.Common.Crn.Parse(story.Crn);
        var stored = await app.WithDbAsync(db => db.ProgrammeReferrals.AsNoTracking().SingleAsync(r => db.People.Any(p => p.Id == r.PersonId && p.Crn == crn)));
        Assert.Equal(ReferralStatus.Withdrawn, stored.Status);
        Assert.Equal("The order was revoked at court.", stored.Reason);

        // Withdrawn, the requirement can be referred again.
        Assert.NotNull(page.QuerySelector("[name='Input.RequirementId']"));
    }

    [Fact]
    public async Task WaitingListPage_ShowsTheFiguresTheApiGives()
    {
        var (story, requirementId) = await ProgrammeCases.NewCaseAsync(app, "ThinkingSkillsProgramme");
        var po = await app.SignInAsync("po");
        await ReferFromTheCaseAsync(story, po, requirementId);
        var tutor = await app.SignInAsync("programmes");
        var page = await PageAsync(tutor, "/programmes/waiting-list?Programme=ThinkingSkillsProgramme");
        var api = await tutor.GetStringAsync("/api/v1/programmes/waiting-list?programme=ThinkingSkillsProgramme");
        using var json = JsonDocument.Parse(api);
        var figures = json.RootElement.GetProperty("figures");
        Assert.Equal(figures.GetProperty("count").GetInt32().ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=count]")!.TextContent.Trim());
        Assert.Equal(figures.GetProperty("overAim").GetInt32().ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=over-aim]")!.TextContent.Trim());
        Assert.Equal(figures.GetProperty("meanDays").GetDouble().ToString("0.0", CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=mean]")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("[data-testid=referrals] td"), td => td.TextContent.Contains(story.Crn, StringComparison.Ordinal));

        var groupsPage = await PageAsync(tutor, "/programmes/groups");
        var groups = JsonDocument.Parse(await tutor.GetStringAsync("/api/v1/programmes/groups")).RootElement;
        Assert.Equal(groups.GetProperty("bbrStarts").GetProperty("thisMonth").GetInt32().ToString(CultureInfo.InvariantCulture), groupsPage.QuerySelector("[data-testid=bbr-this-month]")!.TextContent.Trim());
    }
}

public sealed class SqliteProgrammePagesTests(ProbationAppFactory app) : ProgrammePagesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresProgrammePagesTests(PostgresAppFactory app) : ProgrammePagesTests(app), IClassFixture<PostgresAppFactory>;
