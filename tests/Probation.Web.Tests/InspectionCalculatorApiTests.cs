using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The stateless ratings calculator and sample size through the API: the report's own results come back as it
/// published them, and bad input is a 400 ProblemDetails naming the field.
/// </summary>
public sealed class InspectionCalculatorApiTests(ProbationAppFactory app) : IClassFixture<ProbationAppFactory>
{
    private static object Of100(string id, int percent) => new { id, yes = percent, no = 100 - percent, notApplicable = 0 };

    private static object[] DurhamTeesValley() =>
    [
        new { id = "1.1", rating = "Outstanding" },
        new { id = "1.2", rating = "Good" },
        new { id = "1.3", rating = "Good" },
        new { id = "1.4", rating = "Good" },
        new { id = "2.1", keyQuestions = new[] { Of100("2.1.1", 63), Of100("2.1.2", 57), Of100("2.1.3", 47) }, discretion = new { rating = "RequiresImprovement", reason = "Wider evidence gathered about this aspect of practice." } },
        new { id = "2.2", keyQuestions = new[] { Of100("2.2.1", 61), Of100("2.2.2", 60), new { id = "2.2.3", yes = 27, no = 47, notApplicable = 26 } } },
        new { id = "2.3", keyQuestions = new[] { Of100("2.3.1", 73), Of100("2.3.2", 52), Of100("2.3.3", 42) } },
        new { id = "2.4", keyQuestions = new[] { Of100("2.4.1", 65), Of100("2.4.2", 46), new { id = "2.4.3", yes = 19, no = 39, notApplicable = 42 } } },
        new { id = "4.1", keyQuestions = new[] { Of100("4.1.1", 61), Of100("4.1.2", 83), Of100("4.1.3", 74), Of100("4.1.4", 70) }, discretion = new { rating = "Good", reason = "Wider evidence gathered about this area of work." } },
        new { id = "4.2", keyQuestions = new[] { Of100("4.2.1", 50), Of100("4.2.2", 50), Of100("4.2.3", 50) } },
    ];

    [Fact]
    public async Task Ratings_ReproduceTheReportsPublishedResults()
    {
        var client = await app.TokenClientAsync("quality");
        var response = await client.PostAsJsonAsync("/api/v1/inspection/ratings", new { providerType = "CRC", framework = "2018", standards = DurhamTeesValley() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("CRC", root.GetProperty("providerType").GetString());
        Assert.Equal(13, root.GetProperty("totalScore").GetInt32());
        Assert.Equal("RequiresImprovement", root.GetProperty("overallRating").GetString());
        var ratings = root.GetProperty("standards").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("rating").GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["1.1"] = "Outstanding",
                ["1.2"] = "Good",
                ["1.3"] = "Good",
                ["1.4"] = "Good",
                ["2.1"] = "RequiresImprovement",
                ["2.2"] = "Inadequate",
                ["2.3"] = "Inadequate",
                ["2.4"] = "Inadequate",
                ["4.1"] = "Good",
                ["4.2"] = "RequiresImprovement",
            },
            ratings);
        var planning = root.GetProperty("standards").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "2.2");
        Assert.Equal("2.2.3", planning.GetProperty("lowestKeyQuestion").GetString());
        Assert.Equal(36, planning.GetProperty("keyQuestions")[2].GetProperty("percentYes").GetInt32());
        Assert.Equal("Inadequate: the lowest key question, 2.2.3, scored 36% (27 of 74 relevant cases).", planning.GetProperty("reason").GetString());
        var assessment = root.GetProperty("standards").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "2.1");
        Assert.True(assessment.GetProperty("discretionApplied").GetBoolean());
        Assert.Equal("Inadequate", assessment.GetProperty("calculatedRating").GetString());
        Assert.Equal(1, assessment.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task Ratings_WithFewerThanTenStandards_HaveNoOverallRating_AndSayWhy()
    {
        var client = await app.TokenClientAsync("leader");
        var response = await client.PostAsJsonAsync("/api/v1/inspection/ratings", new { providerType = "crc", standards = DurhamTeesValley().Take(5) });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("overallRating").ValueKind);
        Assert.Contains("5 of 10 standards are rated", json.RootElement.GetProperty("overallReason").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "unknown standard", """{"providerType":"CRC","standards":[{"id":"3.1","rating":"Good"}]}""", "standards[0].id" },
        { "unknown key question", """{"providerType":"CRC","standards":[{"id":"4.2","keyQuestions":[{"id":"4.2.1","yes":1,"no":1},{"id":"4.2.2","yes":1,"no":1},{"id":"4.2.9","yes":1,"no":1}]}]}""", "standards[0].keyQuestions[2].id" },
        { "missing key questions", """{"providerType":"CRC","standards":[{"id":"4.2","keyQuestions":[{"id":"4.2.1","yes":1,"no":1}]}]}""", "standards[0].keyQuestions" },
        { "negative count", """{"providerType":"CRC","standards":[{"id":"4.2","keyQuestions":[{"id":"4.2.1","yes":-1,"no":1},{"id":"4.2.2","yes":1,"no":1},{"id":"4.2.3","yes":1,"no":1}]}]}""", "standards[0].keyQuestions[0]" },
        { "no applicable cases", """{"providerType":"CRC","standards":[{"id":"4.2","keyQuestions":[{"id":"4.2.1","yes":0,"no":0,"notApplicable":24},{"id":"4.2.2","yes":1,"no":1},{"id":"4.2.3","yes":1,"no":1}]}]}""", "standards[0].keyQuestions[0]" },
        { "discretion without reason", """{"providerType":"CRC","standards":[{"id":"4.2","keyQuestions":[{"id":"4.2.1","yes":1,"no":1},{"id":"4.2.2","yes":1,"no":1},{"id":"4.2.3","yes":1,"no":1}],"discretion":{"rating":"Good"}}]}""", "standards[0].discretion.reason" },
        { "count missing", """{"providerType":"CRC","standards":[{"id":"4.2","keyQuestions":[{"id":"4.2.1","yes":1}]}]}""", "standards[0].keyQuestions[0]" },
        { "provider type", """{"providerType":"YOT","standards":[{"id":"1.1","rating":"Good"}]}""", "providerType" },
        { "framework", """{"providerType":"CRC","framework":"2031","standards":[{"id":"1.1","rating":"Good"}]}""", "framework" },
        { "no standards", """{"providerType":"CRC","standards":[]}""", "standards" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Ratings_BadInput_Is400_NamingTheField(string what, string body, string field)
    {
        var client = await app.TokenClientAsync("quality");
        var response = await client.PostAsync("/api/v1/inspection/ratings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{what}: {text}");
    }

    [Fact]
    public async Task Ratings_MalformedJsonOrAnUnknownRating_Is400()
    {
        var client = await app.TokenClientAsync("quality");
        var broken = await client.PostAsync("/api/v1/inspection/ratings", new StringContent("{\"providerType\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var rating = await client.PostAsync("/api/v1/inspection/ratings", new StringContent("""{"providerType":"CRC","standards":[{"id":"1.1","rating":"Superb"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, rating.StatusCode);
    }

    [Theory]
    [InlineData("population=300", 300, 0.8, 0.05, 107)]
    [InlineData("population=1000&confidence=0.95&margin=0.05", 1000, 0.95, 0.05, 278)]
    [InlineData("population=24", 24, 0.8, 0.05, 22)]
    [InlineData("population=0", 0, 0.8, 0.05, 0)]
    public async Task SampleSize_ForAPopulation(string query, int population, double confidence, double margin, int expected)
    {
        var client = await app.TokenClientAsync("inspector");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/inspection/sample-size?" + query));
        Assert.Equal(population, json.RootElement.GetProperty("population").GetInt32());
        Assert.Equal(confidence, json.RootElement.GetProperty("confidence").GetDouble());
        Assert.Equal(margin, json.RootElement.GetProperty("margin").GetDouble());
        Assert.Equal(expected, json.RootElement.GetProperty("sampleSize").GetInt32());
    }

    [Theory]
    [InlineData("", "population")]
    [InlineData("population=-3", "population")]
    [InlineData("population=ten", "population")]
    [InlineData("population=100&confidence=1.5", "confidence")]
    [InlineData("population=100&margin=0", "margin")]
    public async Task SampleSize_BadInput_Is400_NamingTheField(string query, string field)
    {
        var client = await app.TokenClientAsync("inspector");
        var response = await client.GetAsync("/api/v1/inspection/sample-size?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Calculator_NeedsSignIn_AndIsInTheOpenApiDocument()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/inspection/sample-size?population=10")).StatusCode);
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/inspection/ratings", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/v1/inspection/sample-size", openApi, StringComparison.Ordinal);
    }
}
