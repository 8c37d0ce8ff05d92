using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Sessions and tokens end when their account's security stamp changes: signing out (every device of the user, and a
/// copied cookie), or a system administrator disabling the account. The app checks each session and token at most
/// once a minute (<c>Session:StampCheckInterval</c>), so the tests move the clock past that.
/// </summary>
public sealed partial class SessionRevocationTests(ProbationAppFactory app) : IClassFixture<ProbationAppFactory>
{
    private static readonly TimeSpan PastTheCheck = TimeSpan.FromSeconds(61);

    /// <summary>A client that keeps no cookies itself, so a test can hold (and replay) the session cookie.</summary>
    private HttpClient Bare() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Signs in like a browser and gives the session cookie, as a <c>Cookie</c> header value.</summary>
    private async Task<string> SessionCookieAsync(string userName)
    {
        using var client = Bare();
        var form = await client.GetAsync("/sign-in");
        var antiforgery = Cookies(form).Single(c => c.StartsWith("probation.antiforgery=", StringComparison.Ordinal));
        var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = TestUsers.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return Cookies(signedIn).Single(c => c.StartsWith("probation.session=", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    private async Task<HttpStatusCode> HomeAsync(string cookie)
    {
        using var client = Bare();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task SigningOut_EndsTheUsersOtherSessions_AndACopiedCookie()
    {
        var laptop = await SessionCookieAsync("pso");
        var phone = await SessionCookieAsync("pso");
        var colleague = await SessionCookieAsync("po");
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(laptop));
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(phone));

        // Signing out on the laptop, through the page's own form.
        using (var client = Bare())
        {
            using var home = new HttpRequestMessage(HttpMethod.Get, "/");
            home.Headers.Add("Cookie", laptop);
            var page = await client.SendAsync(home);
            var antiforgery = Cookies(page).Single(c => c.StartsWith("probation.antiforgery=", StringComparison.Ordinal));
            var token = WebUtility.HtmlDecode(TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
            using var signOut = new HttpRequestMessage(HttpMethod.Post, "/sign-out")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            };
            signOut.Headers.Add("Cookie", laptop + "; " + antiforgery);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(signOut)).StatusCode);
        }

        app.Clock.Advance(PastTheCheck);
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(laptop)); // the copied cookie, replayed
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(phone)); // the same user's other device
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(colleague)); // nobody else
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsSessionsAndTokens_AndRefusesSignIn_OnlyAnAdministratorMayDoIt()
    {
        var browser = await SessionCookieAsync("caseadmin");
        var api = await app.TokenClientAsync("caseadmin");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/teams")).StatusCode);

        var po = await app.TokenClientAsync("po");
        Assert.Equal(HttpStatusCode.Forbidden, (await po.PostAsync("/api/v1/accounts/caseadmin/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(browser));

        var admin = await app.TokenClientAsync("admin");
        var missing = await admin.PostAsync("/api/v1/accounts/nobody-by-this-name/disable", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsync("/api/v1/accounts/admin/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/accounts/caseadmin/disable", null)).StatusCode);

        app.Clock.Advance(PastTheCheck);
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(browser));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/teams")).StatusCode);
        var again = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { username = "caseadmin", password = TestUsers.Password });
        Assert.NotEqual(HttpStatusCode.OK, again.StatusCode);
        var page = await ProbationAppFactory.PostSignInAsync(app.AnonymousClient(), "caseadmin", TestUsers.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, page.StatusCode);

        // Everyone else carries on: their tokens and sessions are checked and still good.
        Assert.Equal(HttpStatusCode.OK, (await po.GetAsync("/api/v1/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/audit?pageSize=1")).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
