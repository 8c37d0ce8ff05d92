using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The caseload profile and needs analysis, checked against the stored records counted a second, independent way.</summary>
public abstract class ReportsTests(ProbationAppFactory app)
{
    private async Task<JsonElement> GetAsync(string user, string path)
    {
        var response = await (await app.TokenClientAsync(user)).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The people a profile on <paramref name="on"/> describes, straight from the store with the domain's own rules.</summary>
    private Task<List<PersonOnProbation>> UnderSupervisionAsync(DateOnly on, int? teamId = null) =>
        app.WithDbAsync(async db =>
        {
            var people = await db.People.AsNoTracking().AsSplitQuery().Include(p => p.Orders).Include(p => p.Registrations).Include(p => p.Allocations).ToListAsync();
            var teams = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.TeamId);
            return people.Where(p => p.Orders.Any(o => o.StartDate <= on))
                .Where(p => p.Allocations.Any(a => a.From <= on && (a.To is null || a.To > on)
                    && (teamId is null || teams[a.StaffMemberId] == teamId)))
                .ToList();
        });

    [Fact]
    public async Task CaseloadProfile_CountsThePeopleUnderSupervisionOnTheDay()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var profile = await GetAsync("leader", "/api/v1/reports/caseload-profile");
        var people = await UnderSupervisionAsync(today);
        Assert.True(people.Count > 100);
        Assert.Equal(people.Count, profile.GetProperty("people").GetInt32());
        Assert.Equal(people.Count(p => p.Gender == Gender.Female), profile.GetProperty("women").GetInt32());
        Assert.Equal(people.Count(p => p.Registrations.Any(r => r.Type == RegistrationType.DomesticAbuse && r.IsActive(today))), profile.GetProperty("currentDomesticAbuse").GetInt32());
        Assert.Equal(people.Count(p => p.Registrations.Any(r => r.Type == RegistrationType.ChildProtection && r.IsActive(today))), profile.GetProperty("childSafeguarding").GetInt32());
        var officers = people.Select(p => p.Allocations.Where(a => a.From <= today && (a.To is null || a.To > today)).OrderByDescending(a => a.From).First().StaffMemberId).Distinct().Count();
        Assert.Equal(officers, profile.GetProperty("responsibleOfficers").GetInt32());
        Assert.Equal(Math.Round((double)people.Count / officers, 1), profile.GetProperty("averageCasesPerOfficer").GetDouble());
        foreach (var distribution in new[] { "roshLevels", "ogrsBands", "tiers", "orderTypes" })
        {
            Assert.Equal(people.Count, profile.GetProperty(distribution).EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        }
    }

    [Fact]
    public async Task CaseloadProfile_ForATeam_AndOnAnEarlierDay()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var (teamId, _) = await new StoryClient(app).OfficerAsync("po");
        var team = await GetAsync("manager", $"/api/v1/reports/caseload-profile?teamId={teamId}");
        Assert.Equal((await UnderSupervisionAsync(today, teamId)).Count, team.GetProperty("people").GetInt32());

        var earlier = today.AddMonths(-6);
        var then = await GetAsync("leader", $"/api/v1/reports/caseload-profile?on={earlier:yyyy-MM-dd}");
        Assert.Equal(earlier.ToString("yyyy-MM-dd"), then.GetProperty("on").GetString());
        Assert.Equal((await UnderSupervisionAsync(earlier)).Count, then.GetProperty("people").GetInt32());
    }

    [Fact]
    public async Task Needs_ShareOfAssessedPeople_AddsUpByTeam()
    {
        var needs = await GetAsync("quality", "/api/v1/reports/needs");
        var assessed = needs.GetProperty("assessed").GetInt32();
        Assert.True(assessed > 0);
        Assert.Equal(assessed, needs.GetProperty("byTeam").EnumerateArray().Sum(t => t.GetProperty("assessed").GetInt32()));
        foreach (var need in needs.GetProperty("needs").EnumerateArray())
        {
            var with = need.GetProperty("withNeed").GetInt32();
            Assert.Equal(Math.Round(100.0 * with / assessed, 1), need.GetProperty("percent").GetDouble());
            Assert.True(need.GetProperty("linkedToOffending").GetInt32() <= with);
            Assert.Equal(with, needs.GetProperty("byTeam").EnumerateArray().Sum(t => t.GetProperty("needs").EnumerateArray().Single(n => n.GetProperty("need").GetString() == need.GetProperty("need").GetString()).GetProperty("withNeed").GetInt32()));
        }
    }

    [Fact]
    public async Task Reports_AreForOverseers_AndBadFiltersAreRefused()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.TokenClientAsync("po")).GetAsync("/api/v1/reports/caseload-profile")).StatusCode);
        var leader = await app.TokenClientAsync("leader");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/api/v1/reports/caseload-profile?teamId=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/api/v1/reports/needs?hubId=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/api/v1/reports/caseload-profile?on=yesterday")).StatusCode);
    }

    [Fact]
    public async Task ProfilePage_ShowsTheFigures_AndItsCsvExportIsAuditedAsADisclosure()
    {
        var browser = await app.SignInAsync("leader");
        var html = await browser.GetStringAsync("/reports/caseload-profile");
        Assert.Contains("Caseload profile", html, StringComparison.Ordinal);
        Assert.Contains("Cases per officer", html, StringComparison.Ordinal);
        Assert.Contains("must be a real date", await browser.GetStringAsync("/reports/caseload-profile?On.Day=31&On.Month=2&On.Year=2026"), StringComparison.Ordinal);
        Assert.Contains("Linked to harm", await browser.GetStringAsync("/reports/needs"), StringComparison.Ordinal);

        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Disclosed));
        var csv = await browser.GetAsync("/reports/caseload-profile?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("table,key,label,count,percent", text, StringComparison.Ordinal);
        Assert.Contains("summary,people,", text, StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Disclosed)));
    }
}

public sealed class SqliteReportsTests(ProbationAppFactory app) : ReportsTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresReportsTests(PostgresAppFactory app) : ReportsTests(app), IClassFixture<PostgresAppFactory>;
