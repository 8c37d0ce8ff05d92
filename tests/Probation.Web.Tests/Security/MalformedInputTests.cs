using System.Text;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Malformed input that made the app answer with a server error: each must be answered as bad input (4xx) and change
/// nothing.
/// </summary>
public sealed class MalformedInputTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    [Fact]
    public async Task AFormTooBigToRead_IsAnsweredAsMalformed_NotAServerError()
    {
        // More fields than the form reader allows, or a field name longer than it allows: the post is refused as
        // malformed (400), and the error page re-executed for it must not read the same form and fail into a 500.
        var own = fixture.World.Cases.Single(c => c.Tag == "Own");
        var (browser, _, token) = fixture.Clients["po"];
        var before = await (await DatabaseCensus.ForAsync(fixture.App)).TakeAsync();
        foreach (var junk in new[] { string.Join('&', Enumerable.Range(0, 1_100).Select(i => $"Input.Junk{i}=1")), new string('k', 3_000) + "=1", "code=200" })
        {
            using var content = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}&{junk}", Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await browser.PostAsync($"/cases/{own.Crn.ToLowerInvariant()}/referrals", content, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode is >= 400 and < 500 or 200, $"{junk[..Math.Min(20, junk.Length)]}: {(int)response.StatusCode}");
            if (!junk.StartsWith("code", StringComparison.Ordinal))
            {
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("The form could not be sent", body, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await (await DatabaseCensus.ForAsync(fixture.App)).TakeAsync());
    }

    [Fact]
    public async Task AJsonBodyInACharsetTheServiceCannotRead_Is415_NotAServerError()
    {
        var own = fixture.World.Cases.Single(c => c.Tag == "Own");
        var (_, api, _) = fixture.Clients["po"];
        foreach (var charset in new[] { "utf-7", "ebcdic-xx", "\"no-such\"" })
        {
            using var content = new StringContent("{\"version\":1,\"on\":\"2026-11-26\",\"kind\":\"Office\"}");
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=" + charset);
            using var response = await api.PostAsync($"/api/v1/cases/{own.Crn}/contacts", content, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AssessmentNeedsTheFormDoesNotList_AreRefusedInTheErrorSummary_NotAServerError()
    {
        var own = fixture.World.Cases.Single(c => c.Tag == "Own");
        var (browser, _, token) = fixture.Clients["po"];
        var url = $"/cases/{own.Crn.ToLowerInvariant()}/assessment";
        var form = PageForms.Read(await browser.GetStringAsync(url, TestContext.Current.CancellationToken), url).Single(f => f.Method == "POST" && f.Names.Contains("Input.Needs[0].Need"));
        var before = await (await DatabaseCensus.ForAsync(fixture.App)).TakeAsync();
        var values = form.Filled(DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().UtcDateTime))
            .Select(p => p.Key == "Input.Needs[0].Need" ? KeyValuePair.Create(p.Key, "NoSuchNeed<b>") : p.Key == "__RequestVerificationToken" ? KeyValuePair.Create(p.Key, token) : p)
            .ToList();
        using var response = await browser.PostAsync(url, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("govuk-error-summary", body, StringComparison.Ordinal);
        Assert.Contains("Rate the needs this page lists", body, StringComparison.Ordinal);
        Assert.DoesNotContain("NoSuchNeed", body, StringComparison.Ordinal);
        Assert.Equal(before, await (await DatabaseCensus.ForAsync(fixture.App)).TakeAsync());
    }
}
