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
}
