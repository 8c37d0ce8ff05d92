using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>Pages and API through the whole web stack, on the small demo provider: the same tests on SQLite and PostgreSQL.</summary>
public abstract class WebTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private Task<(string Crn, int OfficerId)> CaseOfAsync(string userName) => app.WithDbAsync(async db =>
    {
        var staffId = await db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync();
        var crn = await db.People.Where(p => p.ResponsibleOfficerId == staffId && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => p.Crn).FirstAsync();
        return (crn.Value, staffId);
    });

    private Task<(string Crn, string FirstName, string LastName)> CaseExcludingAsync(string userName) => app.WithDbAsync(async db =>
    {
        var staffId = await db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync();
        var p = await db.People.Where(p => p.AccessList.Any(e => e.Kind == AccessListKind.Exclusion && e.StaffMemberId == staffId))
            .Select(p => new { p.Crn, p.FirstName, p.LastName }).FirstAsync();
        return (p.Crn.Value, p.FirstName, p.LastName);
    });

    [Fact]
    public async Task Anonymous_IsSentToSignIn_AndTheApiAnswers401()
    {
        var client = app.AnonymousClient();
        var page = await client.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in", page.Headers.Location!.PathAndQuery);
        var api = await client.GetAsync("/api/v1/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_ShowsTheErrorSummary()
    {
        var client = app.AnonymousClient();
        var response = await ProbationAppFactory.PostSignInAsync(client, "po", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await HtmlAsync(response);
        Assert.Contains("There is a problem", doc.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("#Input_UserName", doc.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SignIn_LocksTheAccountAfterFiveFailures()
    {
        var client = app.AnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            await ProbationAppFactory.PostSignInAsync(client, "ttg", "wrong-password-" + i);
        }

        var response = await ProbationAppFactory.PostSignInAsync(client, "ttg", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", (await HtmlAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task Po_HomeShowsTheirCaseload_AndTheCasePageLeadsWithRisk()
    {
        var client = await app.SignInAsync("po");
        var home = await HtmlAsync(await client.GetAsync("/"));
        Assert.Contains("Your caseload", home.Body!.TextContent);
        var link = home.QuerySelector("table a[href^='/cases/']")!.GetAttribute("href")!;
        var page = await HtmlAsync(await client.GetAsync(link));
        var banner = page.QuerySelector("[data-testid=risk-banner]");
        Assert.NotNull(banner);
        Assert.Contains("risk of serious harm", banner.TextContent);
        Assert.Matches("^[ABCD][0-3]", page.QuerySelector("[data-testid=tier]")!.TextContent.Trim());
        var headings = page.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.True(headings.IndexOf("Orders and requirements") > 0, "orders come after the risk banner");
    }

    [Fact]
    public async Task RolesReachOnlyTheirPages()
    {
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/cases")).StatusCode);
        var po = await app.SignInAsync("po");
        var denied = await po.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/error/403", denied.Headers.Location!.PathAndQuery);
        var inspector = await app.TokenClientAsync("inspector");
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync("/api/v1/cases")).StatusCode);
        var leader = await app.TokenClientAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/v1/cases?pageSize=5")).StatusCode);
    }

    [Fact]
    public async Task RestrictedCase_LeaksNothingToAnExcludedUser_OnPageListOrApi()
    {
        var (crn, first, last) = await CaseExcludingAsync("pso");
        var browser = await app.SignInAsync("pso");
        var page = await browser.GetAsync($"/cases/{crn.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var pageText = await page.Content.ReadAsStringAsync();
        Assert.Contains("Access restricted", pageText);
        Assert.DoesNotContain(last, pageText);

        var list = await (await browser.GetAsync($"/cases?q={crn}")).Content.ReadAsStringAsync();
        Assert.Contains("Access restricted", list);
        Assert.DoesNotContain(last, list);
        var byName = await (await browser.GetAsync($"/cases?q={Uri.EscapeDataString(last)}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(crn, byName);

        var api = await app.TokenClientAsync("pso");
        var one = await api.GetAsync($"/api/v1/cases/{crn}");
        Assert.Equal(HttpStatusCode.Forbidden, one.StatusCode);
        Assert.DoesNotContain(last, await one.Content.ReadAsStringAsync());
        var rows = await api.GetStringAsync($"/api/v1/cases?q={crn}");
        Assert.DoesNotContain(last, rows);
        Assert.DoesNotContain(first, rows);
        using var json = JsonDocument.Parse(rows);
        var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.True(item.GetProperty("accessRestricted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task ReadingACase_WritesAConsultedAuditRow_NamingTheRouteNotThePath()
    {
        var (crn, _) = await CaseOfAsync("po");
        var client = await app.SignInAsync("po");
        var before = await app.WithDbAsync(db => db.AuditSubjects.CountAsync(s => s.Crn == crn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{crn.ToLowerInvariant()}")).StatusCode);
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Subjects.Any(s => s.Crn == crn)).OrderByDescending(a => a.Id).ToListAsync());
        Assert.Equal(before + 1, rows.Count);
        Assert.Equal(AuditAction.Consulted, rows[0].Action);
        Assert.Equal("po", rows[0].UserName);
        Assert.Equal("GET /cases/{crn}", rows[0].Where);
        Assert.NotNull(rows[0].RequestId);
    }

    [Fact]
    public async Task Api_TokenThenCaseList_ReturnsAPage()
    {
        var client = await app.TokenClientAsync("manager");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/cases?pageSize=10&page=2&rosh=Medium"));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("page").GetInt32());
        Assert.Equal(10, root.GetProperty("pageSize").GetInt32());
        Assert.True(root.GetProperty("total").GetInt32() > 10);
        Assert.All(root.GetProperty("items").EnumerateArray(), i => Assert.Equal("Medium", i.GetProperty("rosh").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/cases/X12", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/cases/Z999999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/cases?rosh=Extreme", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/cases?pageSize=1000", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/staff/99999", HttpStatusCode.NotFound)]
    public async Task Api_BadInput_GetsProblemDetails(string path, HttpStatusCode expected)
    {
        var client = await app.TokenClientAsync("po");
        var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_OverlongSearch_Is400()
    {
        var client = await app.TokenClientAsync("po");
        var response = await client.GetAsync("/api/v1/cases?q=" + new string('a', 500));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Api_Token_BadCredentialsAre401_MalformedJsonIs400()
    {
        var client = app.AnonymousClient();
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "po", password = "nope-nope-nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var malformed = await client.PostAsync("/api/v1/auth/token", new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_RiskUpdate_OutOfRangeOgrsIs422_StaleIfMatchIs412_AndNeitherChangesAnything()
    {
        var (crn, _) = await CaseOfAsync("po");
        var client = await app.TokenClientAsync("po");
        var get = await client.GetAsync($"/api/v1/cases/{crn}");
        var etag = get.Headers.ETag!.Tag;
        var body = new { rosh = "High", riskToChildren = true, ogrsScore = 150, assessedOn = "2026-11-01" };
        var refused = await client.PutAsJsonAsync($"/api/v1/cases/{crn}/risk", body with { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // no version sent

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cases/{crn}/risk") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        var outOfRange = await client.SendAsync(request);
        Assert.Equal((HttpStatusCode)422, outOfRange.StatusCode);
        Assert.Contains("ogrsScore", await outOfRange.Content.ReadAsStringAsync());

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cases/{crn}/risk")
        {
            Content = JsonContent.Create(new { rosh = "High", ogrsScore = 60, assessedOn = "2026-11-01" }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"999\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);

        var after = await client.GetAsync($"/api/v1/cases/{crn}");
        Assert.Equal(etag, after.Headers.ETag!.Tag);

        var ok = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cases/{crn}/risk")
        {
            Content = JsonContent.Create(new { rosh = "High", riskToKnownAdult = true, ogrsScore = 60, assessedOn = "2026-11-01" }),
        };
        ok.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(ok)).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Altered && a.Subjects.Any(s => s.Crn == crn)));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task RiskPage_ImpossibleDate_ShowsTheErrorSummary_AndChangesNothing()
    {
        var (crn, _) = await CaseOfAsync("po");
        var client = await app.SignInAsync("po");
        var path = $"/cases/{crn.ToLowerInvariant()}/risk";
        var formHtml = await client.GetStringAsync(path);
        var doc = Parser.ParseDocument(formHtml);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = doc.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var versionBefore = await app.WithDbAsync(db => db.People.Where(p => p.Crn == Crn.Parse(crn)).Select(p => p.Version).SingleAsync());
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Version"] = version,
            ["Input.Rosh"] = "VeryHigh",
            ["Input.OgrsScore"] = "150",
            ["Input.Day"] = "31",
            ["Input.Month"] = "2",
            ["Input.Year"] = "2025",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await HtmlAsync(response);
        var summary = result.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("real date", summary);
        Assert.Contains("0 to 99", summary);
        Assert.StartsWith("Error:", result.Title);
        Assert.Equal(versionBefore, await app.WithDbAsync(db => db.People.Where(p => p.Crn == Crn.Parse(crn)).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task Form_WithoutAnAntiforgeryToken_Is400WithAClearPage_AndChangesNothing()
    {
        var (crn, _) = await CaseOfAsync("po");
        var client = await app.SignInAsync("po");
        var before = await app.WithDbAsync(db => db.People.Where(p => p.Crn == Crn.Parse(crn)).Select(p => p.Version).SingleAsync());
        var response = await client.PostAsync($"/cases/{crn.ToLowerInvariant()}/risk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Version"] = before.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Rosh"] = "Low",
            ["Input.Day"] = "1",
            ["Input.Month"] = "11",
            ["Input.Year"] = "2026",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not be sent", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.People.Where(p => p.Crn == Crn.Parse(crn)).Select(p => p.Version).SingleAsync()));
    }

    [Theory]
    [InlineData("/cases?q=X12", "one letter followed by six digits")]
    [InlineData("/cases?rosh=Extreme", "Choose a value")]
    public async Task CaseSearch_BadInput_ShowsTheErrorSummary(string path, string message)
    {
        var client = await app.SignInAsync("po");
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await HtmlAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task UnknownOrMalformedCrn_PageIs404WithAClearMessage()
    {
        var client = await app.SignInAsync("po");
        foreach (var path in new[] { "/cases/z999999", "/cases/not-a-crn" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("one letter followed by six digits", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task OrganisationPages_ShowTeamsStaffAndHubWeek()
    {
        var client = await app.SignInAsync("manager");
        Assert.Contains("Stockton-on-Tees", await client.GetStringAsync("/teams"));
        var hubs = await HtmlAsync(await client.GetAsync("/hubs"));
        var hubLink = hubs.QuerySelectorAll("a[href^='/hubs/']").First(a => a.TextContent.Length > 0).GetAttribute("href")!;
        var hub = await HtmlAsync(await client.GetAsync(hubLink));
        Assert.Equal(7, hub.QuerySelectorAll(".app-week__day").Length);
        Assert.Contains("Opening sessions", hub.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
        var api = await app.TokenClientAsync("manager");
        Assert.Contains("\"opens\"", await api.GetStringAsync("/api/v1" + hubLink));
    }

    [Fact]
    public async Task Platform_HealthOpenApiAndSecurityHeaders()
    {
        var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/cases/{crn}", openApi);
        Assert.Contains("/api/v1/auth/token", openApi);
        var signIn = await client.GetAsync("/sign-in");
        Assert.Equal("nosniff", signIn.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", signIn.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", signIn.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await app.SignInAsync("quality");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var token = await ProbationAppFactory.AntiforgeryTokenAsync(client, "/");
        await client.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task RiskPage_StaleVersion_Is409WithTheErrorSummary_AndChangesNothing()
    {
        var (crn, _) = await CaseOfAsync("po");
        var client = await app.SignInAsync("po");
        var path = $"/cases/{crn.ToLowerInvariant()}/risk";
        var doc = Parser.ParseDocument(await client.GetStringAsync(path));
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = int.Parse(doc.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Version"] = (version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Rosh"] = "VeryHigh",
            ["Input.Day"] = "1",
            ["Input.Month"] = "11",
            ["Input.Year"] = "2026",
        }));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Someone else changed this case", (await HtmlAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(version, await app.WithDbAsync(db => db.People.Where(p => p.Crn == Crn.Parse(crn)).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task RiskPage_ValidChange_IsSaved_AndTheCasePageSaysSo()
    {
        var (crn, _) = await app.WithDbAsync(async db =>
        {
            var staffId = await db.Staff.Where(s => s.UserName == "po").Select(s => s.Id).SingleAsync();
            var c = await db.People.Where(p => p.ResponsibleOfficerId == staffId && !p.AccessList.Any()).OrderByDescending(p => p.Id).Select(p => p.Crn).FirstAsync();
            return (c.Value, staffId);
        });
        var client = await app.SignInAsync("po");
        var path = $"/cases/{crn.ToLowerInvariant()}/risk";
        var doc = Parser.ParseDocument(await client.GetStringAsync(path));
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.Version"] = doc.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!,
            ["Input.Rosh"] = "VeryHigh",
            ["Input.RiskToChildren"] = "true",
            ["Input.OgrsScore"] = "91",
            ["Input.Day"] = "20",
            ["Input.Month"] = "11",
            ["Input.Year"] = "2026",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await HtmlAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains("The risk profile has been updated", page.Body!.TextContent);
        var banner = page.QuerySelector("[data-testid=risk-banner]")!;
        Assert.Contains("Very high risk of serious harm", banner.TextContent);
        Assert.Contains("Children", banner.TextContent);
        Assert.Contains("OGRS 91% (Very high)", banner.TextContent);
    }

    [Fact]
    public async Task RestrictedCase_IsOpenToStaffOnItsRestrictionList_WithTheRestrictionShown()
    {
        var crn = await app.WithDbAsync(async db =>
        {
            var manager = await db.Staff.Where(s => s.UserName == "manager").Select(s => s.Id).SingleAsync();
            var c = await db.People.Where(p => p.AccessList.Any(e => e.Kind == AccessListKind.Restriction && e.StaffMemberId == manager)).Select(p => p.Crn).FirstAsync();
            return c.Value;
        });
        var manager = await app.SignInAsync("manager");
        var page = await HtmlAsync(await manager.GetAsync($"/cases/{crn.ToLowerInvariant()}"));
        Assert.Contains("Restricted access", page.QuerySelector("[data-testid=risk-banner]")!.TextContent);
        var po = await app.SignInAsync("po");
        var denied = await po.GetAsync($"/cases/{crn.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task AuditLog_SearchByCrn_OnThePageAndTheApi()
    {
        var (crn, _) = await CaseOfAsync("po");
        var po = await app.SignInAsync("po");
        await po.GetAsync($"/cases/{crn.ToLowerInvariant()}");
        var admin = await app.SignInAsync("admin");
        var page = await HtmlAsync(await admin.GetAsync($"/admin/audit?crn={crn.ToLowerInvariant()}"));
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(crn, r));
        Assert.Contains(rows, r => r.Contains("GET /cases/{crn}", StringComparison.Ordinal) && r.Contains("po", StringComparison.Ordinal));
        var bad = await HtmlAsync(await admin.GetAsync("/admin/audit?crn=12"));
        Assert.Contains(Crn.FormatDescription, bad.QuerySelector(".govuk-error-summary")!.TextContent);

        var api = await app.TokenClientAsync("admin");
        using var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/audit?crn={crn}&pageSize=5"));
        Assert.True(json.RootElement.GetProperty("total").GetInt32() >= 1);
        Assert.All(json.RootElement.GetProperty("items").EnumerateArray(),
            i => Assert.Contains(crn, i.GetProperty("crns").EnumerateArray().Select(c => c.GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/audit?crn=12")).StatusCode);
        var poApi = await app.TokenClientAsync("po");
        Assert.Equal(HttpStatusCode.Forbidden, (await poApi.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task CasePage_ShowsTheAddressHistory()
    {
        var (crn, addresses) = await app.WithDbAsync(async db =>
        {
            var p = await db.People.Where(p => !p.AccessList.Any() && p.Addresses.Count > 1)
                .Select(p => new { p.Crn, Count = p.Addresses.Count }).FirstAsync();
            return (p.Crn.Value, p.Count);
        });
        var client = await app.SignInAsync("leader");
        var page = await HtmlAsync(await client.GetAsync($"/cases/{crn.ToLowerInvariant()}"));
        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "Address history");
        Assert.Equal(addresses, table.QuerySelectorAll("tbody tr").Length);
        var api = await app.TokenClientAsync("leader");
        using var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cases/{crn}"));
        Assert.Equal(addresses, json.RootElement.GetProperty("addressHistory").GetArrayLength());
    }

    [Theory]
    [InlineData("manager", "You oversee your team's officers", "Officers and their caseloads")]
    [InlineData("leader", "You lead the provider", "Teams and their caseloads")]
    [InlineData("admin", "You do not see case records", null)]
    [InlineData("inspector", "inspection sample", null)]
    public async Task HomePage_IsShapedByRole(string user, string duty, string? table)
    {
        var client = await app.SignInAsync(user);
        var home = await HtmlAsync(await client.GetAsync("/"));
        Assert.Contains(duty, home.Body!.TextContent);
        var captions = home.QuerySelectorAll("caption").Select(c => c.TextContent).ToList();
        if (table is null)
        {
            Assert.Empty(captions);
        }
        else
        {
            Assert.Contains(table, captions);
        }
    }

    [Fact]
    public async Task RiskProfile_IsRecordedByOfficersAndManagers_NotByCaseAdministrators()
    {
        var (crn, _) = await CaseOfAsync("po");
        var admin = await app.SignInAsync("caseadmin");
        var page = await HtmlAsync(await admin.GetAsync($"/cases/{crn.ToLowerInvariant()}"));
        Assert.Empty(page.QuerySelectorAll("a[href$='/risk']"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/cases/{crn.ToLowerInvariant()}/risk")).StatusCode);
        var api = await app.TokenClientAsync("caseadmin");
        var etag = (await api.GetAsync($"/api/v1/cases/{crn}")).Headers.ETag!.Tag;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cases/{crn}/risk")
        {
            Content = JsonContent.Create(new { rosh = "Low", assessedOn = "2026-11-01" }),
        };
        put.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        Assert.Equal((HttpStatusCode)422, (await api.SendAsync(put)).StatusCode);

        var manager = await app.SignInAsync("manager");
        var managerPage = await HtmlAsync(await manager.GetAsync($"/cases/{crn.ToLowerInvariant()}"));
        Assert.Single(managerPage.QuerySelectorAll("a[href$='/risk']"));
    }

    [Fact]
    public async Task CaseList_PagesThroughATeamsCases()
    {
        var teamId = await app.WithDbAsync(db => db.Teams.Where(t => t.Code == "STO").Select(t => t.Id).SingleAsync());
        var client = await app.SignInAsync("manager");
        var first = await HtmlAsync(await client.GetAsync($"/cases?teamId={teamId}"));
        var next = first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Contains("page=2", next);
        var second = await HtmlAsync(await client.GetAsync(next));
        Assert.Contains("Page 2 of", second.QuerySelector(".govuk-pagination")!.TextContent);
        var firstCrns = first.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToHashSet();
        Assert.DoesNotContain(second.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()), firstCrns.Contains);
    }

    [Fact]
    public async Task CaseSearch_OverlongText_ShowsTheErrorSummary()
    {
        var client = await app.SignInAsync("po");
        var response = await client.GetAsync("/cases?q=" + new string('a', 300));
        Assert.Contains("100 characters or fewer", (await HtmlAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task Api_StaffTeamsAndHubs_AnswerForSignedInStaff()
    {
        var client = await app.TokenClientAsync("manager");
        using var teams = JsonDocument.Parse(await client.GetStringAsync("/api/v1/teams"));
        // Six local teams, the interventions team and the standalone unpaid work team.
        Assert.Equal(8, teams.RootElement.GetArrayLength());
        Assert.Contains(teams.RootElement.EnumerateArray(), t => t.GetProperty("code").GetString() == "UPW" && t.GetProperty("kind").GetString() == "UnpaidWork");
        var teamId = teams.RootElement.EnumerateArray().First(t => t.GetProperty("code").GetString() == "STO").GetProperty("id").GetInt32();
        using var team = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/teams/{teamId}"));
        Assert.Equal("Stockton-on-Tees", team.RootElement.GetProperty("localAuthority").GetString());
        using var staff = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/staff?teamId={teamId}&grade=ProbationOfficer"));
        Assert.All(staff.RootElement.GetProperty("items").EnumerateArray(), s => Assert.Equal("ProbationOfficer", s.GetProperty("grade").GetString()));
        var staffId = staff.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        using var member = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/staff/{staffId}"));
        Assert.True(member.RootElement.GetProperty("training").GetArrayLength() >= 0);
        using var hubs = JsonDocument.Parse(await client.GetStringAsync("/api/v1/hubs"));
        Assert.All(hubs.RootElement.EnumerateArray(), h => Assert.Equal("CommunityHub", h.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task TheStaffList_PagedThrough_HoldsEveryActiveStaffMemberOnce_InNameOrder()
    {
        // Each page is the next run of the whole list in name order, not some staff sorted among themselves.
        var client = await app.TokenClientAsync("manager");
        var expected = await app.WithDbAsync(db =>
        {
            var providerId = db.Staff.Where(s => s.UserName == "manager").Select(s => s.ProviderId).Single();
            return db.Staff.Where(s => s.Active && s.ProviderId == providerId)
                .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync();
        });
        var shown = new List<int>();
        for (var page = 1; page <= 100; page++)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/staff?page={page}&pageSize=10"));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToList();
            if (items.Count == 0)
            {
                break;
            }

            shown.AddRange(items);
        }

        Assert.True(expected.Count > 20, $"{expected.Count} staff: too few for three pages");
        Assert.Equal(expected, shown);
    }
}

public sealed class SqliteWebTests(ProbationAppFactory app) : WebTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresWebTests(PostgresAppFactory app) : WebTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>Tests that move the clock forward; they have an app of their own so no other test sees the jump.</summary>
public sealed class SessionTimeTests(ProbationAppFactory app) : IClassFixture<ProbationAppFactory>
{
    [Fact]
    public async Task Api_ExpiredToken_IsRefused()
    {
        var client = await app.TokenClientAsync("po");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/teams")).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/teams")).StatusCode);
    }

    [Fact]
    public async Task Session_EndsAfterTheIdleTimeout()
    {
        var client = await app.SignInAsync("programmes");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Session_EndsAfterTheAbsoluteTimeout_EvenWhenActive()
    {
        var client = await app.SignInAsync("upw");
        for (var i = 1; i <= 40; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(15));
            if ((await client.GetAsync("/")).StatusCode != HttpStatusCode.OK)
            {
                Assert.InRange(i * 15, 8 * 60, 8 * 60 + 15);
                return;
            }
        }

        Assert.Fail("The session was still open after ten hours of continuous activity: the eight-hour limit did not apply.");
    }
}
