using System.Net;
using System.Net.Http.Json;
using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>The app with its own sign-in rate limit (the other test factories lift it).</summary>
public sealed class DefaultLimitsAppFactory : ProbationAppFactory
{
    protected override int? SignInAttemptsPerMinute => null;
}

/// <summary>
/// One client address may try to sign in 30 times a minute, on the form and the token endpoint together, whatever
/// names it tries: password spraying across many accounts meets this limit, where the lock-out guards one account.
/// </summary>
public sealed class SignInRateLimitTests(DefaultLimitsAppFactory app) : IClassFixture<DefaultLimitsAppFactory>
{
    [Fact]
    public async Task ThirtyAttemptsAMinute_FromOneAddress_ThenEvenTheRightPasswordWaits()
    {
        var client = app.AnonymousClient();
        for (var i = 0; i < 20; i++)
        {
            var attempt = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = $"sprayed-{i}", password = "Spring-2026-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        for (var i = 0; i < 10; i++)
        {
            var attempt = await ProbationAppFactory.PostSignInAsync(client, $"sprayed-page-{i}", "Spring-2026-password");
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode); // the form again, with its error summary
        }

        var api = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "po", password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("60", api.Headers.GetValues("Retry-After").Single());

        var page = await ProbationAppFactory.PostSignInAsync(client, "po", TestUsers.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many attempts", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sign-in")).StatusCode); // reading the form is not an attempt
    }
}
