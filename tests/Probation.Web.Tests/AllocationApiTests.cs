using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The allocation matrix as a what-if through the API: worked examples, refusals, documentation.</summary>
public sealed class AllocationApiTests(ProbationAppFactory app) : IClassFixture<ProbationAppFactory>
{
    private async Task<(HttpStatusCode Status, JsonDocument Body)> RecommendAsync(object body)
    {
        var client = await app.TokenClientAsync("caseadmin");
        var response = await client.PostAsJsonAsync("/api/v1/allocation/recommendation", body);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static List<(string Rule, string Text)> Reasons(JsonDocument body) =>
        body.RootElement.GetProperty("reasons").EnumerateArray()
            .Select(r => (r.GetProperty("rule").GetString()!, r.GetProperty("text").GetString()!)).ToList();

    [Fact]
    public async Task WorkedExample_WomanWithCurrentDomesticAbuse_NeedsAFemalePo_CaseAdministratorAllocates()
    {
        var (status, body) = await RecommendAsync(new
        {
            gender = "Female",
            roshLevel = "Medium",
            ogrsScore = 62,
            flags = new[] { "CurrentDomesticAbuse" },
            requirements = new[] { "Rar" },
            unknown = Array.Empty<string>(),
            receivedOn = "2026-11-23",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var root = body.RootElement;
        Assert.Equal("ProbationOfficer", root.GetProperty("requiredGrade").GetString());
        Assert.Equal("Medium", root.GetProperty("resourceLevel").GetString());
        Assert.True(root.GetProperty("femaleOfficerRequired").GetBoolean());
        Assert.Equal("CaseAdministrator", root.GetProperty("decidedBy").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("referralDueDate").ValueKind);
        var reasons = Reasons(body);
        Assert.Contains(("1", "PO only: current domestic abuse (allocation matrix rule 1)"), reasons);
        Assert.Contains(reasons, r => r.Rule == "4");
    }

    [Fact]
    public async Task WorkedExample_ChildProtectionUnknownOnFridayBeforeBankHoliday_ReferredDueTuesday()
    {
        var (status, body) = await RecommendAsync(new
        {
            gender = "Male",
            roshLevel = "Low",
            ogrsScore = 35,
            flags = Array.Empty<string>(),
            requirements = new[] { "UnpaidWork" },
            unknown = new[] { "ChildProtection" },
            receivedOn = "2026-05-22",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var root = body.RootElement;
        Assert.Equal("TeamManager", root.GetProperty("decidedBy").GetString());
        Assert.Equal("2026-05-26", root.GetProperty("referralDueDate").GetString());
        Assert.Equal("ProbationOfficer", root.GetProperty("requiredGrade").GetString());
        Assert.Equal("Low", root.GetProperty("resourceLevel").GetString());
    }

    [Fact]
    public async Task WorkedExample_LowRiskMan_AnyGrade_VeryHighResource()
    {
        var (_, body) = await RecommendAsync(new
        {
            gender = "Male",
            roshLevel = "Low",
            ogrsScore = 91,
            flags = new[] { "Veteran" },
            requirements = new[] { "ThinkingSkillsProgramme" },
            unknown = Array.Empty<string>(),
            receivedOn = "2026-11-23",
        });
        var root = body.RootElement;
        Assert.Equal("ProbationOfficerOrProbationServicesOfficer", root.GetProperty("requiredGrade").GetString());
        Assert.Equal("VeryHigh", root.GetProperty("resourceLevel").GetString());
        Assert.False(root.GetProperty("femaleOfficerRequired").GetBoolean());
    }

    [Theory]
    [InlineData("flags", "DomesticViolence")]
    [InlineData("requirements", "Juggling")]
    [InlineData("unknown", "Address")]
    public async Task UnknownCodes_Are400_NamingTheCode(string field, string code)
    {
        var body = new Dictionary<string, object?>
        {
            ["gender"] = "Male",
            ["roshLevel"] = "Low",
            ["ogrsScore"] = 40,
            ["flags"] = Array.Empty<string>(),
            ["requirements"] = Array.Empty<string>(),
            ["unknown"] = Array.Empty<string>(),
        };
        body[field] = new[] { code };
        var (status, json) = await RecommendAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(code, json.RootElement.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(-1)]
    public async Task OgrsOutOfRange_Is400(int ogrs)
    {
        var (status, json) = await RecommendAsync(new { gender = "Male", roshLevel = "Low", ogrsScore = ogrs });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("ogrsScore", out _));
    }

    [Fact]
    public async Task BadGenderOrRosh_Is400()
    {
        var (status, json) = await RecommendAsync(new { gender = "female", roshLevel = "Extreme", ogrsScore = 40 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("gender", out _));
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("roshLevel", out _));
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryCode()
    {
        var doc = await app.AnonymousClient().GetStringAsync("/openapi/v1.json");
        foreach (var code in new[]
                 {
                     "CurrentDomesticAbuse", "MappaLevel3", "BuildingBetterRelationships", "ProhibitedActivity", "SexualOffending",
                     "ProbationOfficerOrProbationServicesOfficer", "TeamManager", "VeryHigh", "NotStated",
                 })
        {
            Assert.Contains(code, doc);
        }
    }
}

/// <summary>A bad allocation setting stops the app at start-up with a message saying what is wrong.</summary>
public sealed class AllocationSettingsTests
{
    private sealed class BadBandsFactory : ProbationAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Allocation:MediumResourceFrom", "80");
        }
    }

    [Fact]
    public async Task BadResourceBands_StopStartUp()
    {
        await using var factory = new BadBandsFactory();
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("allocation matrix settings are not valid", error.ToString(), StringComparison.Ordinal);
    }
}
