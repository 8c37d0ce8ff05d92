using System.Net;
using System.Text.Json;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The demo provider at its full size: about 8,700 people, as the report's provider.</summary>
public sealed class ProviderScaleAppFactory : ProbationAppFactory
{
    protected override string DemoScale => "provider";
}

/// <summary>
/// The report's caseload shape (section 1.2): about 51 cases per officer, domestic abuse in about 40%,
/// child safeguarding in about 10%, about one in five women. Computed by the product's own caseload
/// profile from the seeded demo provider, as a senior leader reads it.
/// </summary>
public sealed class DemoProfileTests(ProviderScaleAppFactory app) : IClassFixture<ProviderScaleAppFactory>
{
    [Fact]
    public async Task CaseloadProfile_OfTheDemoProvider_HasTheReportsShape()
    {
        var response = await (await app.TokenClientAsync("leader")).GetAsync("/api/v1/reports/caseload-profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var p = json.RootElement;
        var summary = $"people {p.GetProperty("people")}, officers {p.GetProperty("responsibleOfficers")}, per officer {p.GetProperty("averageCasesPerOfficer")}, "
            + $"DA {p.GetProperty("currentDomesticAbusePercent")}%, safeguarding {p.GetProperty("childSafeguardingPercent")}%, women {p.GetProperty("womenPercent")}%";
        TestContext.Current.SendDiagnosticMessage("Demo provider profile: " + summary);
        Assert.True(p.GetProperty("people").GetInt32() is >= 8_000 and <= 8_900, summary);
        Assert.True(p.GetProperty("averageCasesPerOfficer").GetDouble() is >= 48.0 and <= 54.0, summary);
        Assert.True(p.GetProperty("currentDomesticAbusePercent").GetDouble() is >= 37.0 and <= 43.0, summary);
        Assert.True(p.GetProperty("childSafeguardingPercent").GetDouble() is >= 8.0 and <= 12.0, summary);
        Assert.True(p.GetProperty("womenPercent").GetDouble() is >= 18.0 and <= 22.0, summary);
    }
}
