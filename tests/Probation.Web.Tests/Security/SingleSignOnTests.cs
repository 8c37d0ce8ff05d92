using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Probation.Application.Identity;
using Probation.Testing;
using Probation.Web.Infrastructure;

namespace Probation.Web.Tests.Security;

/// <summary>
/// The app with single sign-on configured against a <see cref="TestIdentityProvider"/> it reaches over HTTPS: members
/// of staff are matched by their email address, and the provider's <c>groups</c> decide three roles.
/// </summary>
public abstract class SingleSignOnAppFactory(TestDatabase? database) : ProbationAppFactory(database), IAsyncLifetime
{
    public const string Organisation = "Tees Valley Probation";

    private TestIdentityProvider? _provider;

    public TestIdentityProvider Provider => _provider ?? throw new InvalidOperationException("The identity provider has not started.");

    public CapturedLogs Logs { get; } = new();

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        _provider = await TestIdentityProvider.StartAsync();
        await InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var settings = new Dictionary<string, string>
        {
            ["Authority"] = Provider.Authority.AbsoluteUri,
            ["ClientId"] = TestIdentityProvider.ClientId,
            ["ClientSecret"] = TestIdentityProvider.ClientSecret,
            ["DisplayName"] = Organisation,
            ["AccountClaim"] = "email",
            ["MatchAccountBy"] = "Email",
            ["RoleClaim"] = "groups",
            ["RoleMappings:0:Value"] = "probation-officers",
            ["RoleMappings:0:Role"] = Roles.ProbationOfficer,
            ["RoleMappings:1:Value"] = "team-managers",
            ["RoleMappings:1:Role"] = Roles.TeamManager,
            ["RoleMappings:2:Value"] = "senior-leaders",
            ["RoleMappings:2:Role"] = Roles.SeniorLeader,
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(SingleSignOnOptions.Section + ":" + key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.Configure<OpenIdConnectOptions>(SingleSignOn.Scheme, o =>
        {
            // The provider's certificate was made for this run; the app's back channel trusts it and nothing else.
            o.BackchannelHttpHandler = Provider.TrustingHandler();

            // The provider stamps its tokens with the wall clock, so the handler checks them by it; the rest of the app
            // keeps the test's clock.
            o.TimeProvider = TimeProvider.System;
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A browser on the app: HTTPS (the handler's cookies are Secure), its own cookies, redirects followed by the test.</summary>
    public HttpClient Browser()
    {
        SkipIfUnavailable();
        return CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
    }
}

public sealed class SqliteSingleSignOnAppFactory() : SingleSignOnAppFactory(TestDatabase.Sqlite());

public sealed class PostgresSingleSignOnAppFactory() : SingleSignOnAppFactory(TestDatabase.Postgres());

/// <summary>
/// Single sign-on through the organisation's OpenID Connect provider: the whole authorisation code flow, driven hop by
/// hop between the app and a real provider, ends in the app's own session, the same as signing in with a password.
/// </summary>
public abstract class SingleSignOnTests(SingleSignOnAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private static readonly TimeSpan PastTheStampCheck = TimeSpan.FromSeconds(61);

    private TestIdentityProvider Provider => app.Provider;

    /// <summary>What the browser saw at each hop of a sign-in through the provider.</summary>
    private sealed record Journey(HttpResponseMessage Callback, HttpResponseMessage? Finish);

    /// <summary>
    /// Presses the sign-in page's button, goes to the provider as <paramref name="subject"/>, carries the provider's
    /// answer back to <c>/signin-oidc</c> as its auto-posting form would, and follows the app's redirect once.
    /// <paramref name="atProvider"/> and <paramref name="backToApp"/> let a test tamper with either hop.
    /// </summary>
    private async Task<Journey> SignInThroughProviderAsync(
        HttpClient browser, string? subject, Func<Uri, Uri>? atProvider = null, Action<Dictionary<string, string>>? backToApp = null, string returnUrl = "/")
    {
        var token = await ProbationAppFactory.AntiforgeryTokenAsync(browser, "/sign-in");
        var start = await browser.PostAsync("/sign-in/organisation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(Provider.Authority.AbsoluteUri + "connect/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Null(query["client_secret"]);

        using var providerBrowser = Provider.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, atProvider?.Invoke(authorize) ?? authorize);
        if (subject is not null)
        {
            request.Headers.Add(TestIdentityProvider.PersonHeader, subject);
        }

        var answer = await providerBrowser.SendAsync(request);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {html}");

        // The provider answers with a form that posts itself back to the app (response_mode=form_post).
        var form = Parser.ParseDocument(html).QuerySelector("form")!;
        Assert.Equal(TestIdentityProvider.RedirectUri.AbsoluteUri, form.GetAttribute("action"));
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        backToApp?.Invoke(fields);
        var callback = await browser.PostAsync(TestIdentityProvider.RedirectUri.AbsolutePath, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var next = callback.Headers.Location!;
        Assert.StartsWith("/sign-in/organisation", next.OriginalString, StringComparison.Ordinal);
        return new(callback, await browser.GetAsync(next));
    }

    private void Knows(string subject, string? email, params string[] groups) =>
        Provider.People[subject] = new ProviderPerson(subject, email, groups);

    private static string EmailOf(string userName) => $"{userName}@demo.probation.invalid";

    /// <summary>A new account, with a password and the given roles, for a test that changes it.</summary>
    private async Task<string> NewAccountAsync(string prefix, params string[] roles)
    {
        app.SkipIfUnavailable();
        var userName = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = userName, Email = EmailOf(userName), EmailConfirmed = true, LockoutEnabled = true, DisplayName = "Test Account" };
        Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }

        return userName;
    }

    private async Task<IReadOnlyList<string>> RolesOfAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetRolesAsync((await users.FindByNameAsync(userName))!)).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<JsonElement?> MeAsync(HttpClient browser)
    {
        var me = await browser.GetAsync("/api/v1/me");
        return me.StatusCode == HttpStatusCode.OK ? await me.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    private static List<string> RolesIn(JsonElement me) => me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToList();

    private Task<int> AccountCountAsync() => app.WithDbAsync(db => db.Users.CountAsync());

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [Fact]
    public async Task SignInPage_OffersTheOrganisationsAccount_BesideTheLocalForm()
    {
        var browser = app.Browser();
        var page = await browser.GetAsync("/sign-in");
        var document = Parser.ParseDocument(await page.Content.ReadAsStringAsync());
        var button = document.QuerySelectorAll("form[action='/sign-in/organisation'] button.govuk-button").Single();
        Assert.Equal($"Sign in with {SingleSignOnAppFactory.Organisation} account", button.TextContent.Trim());
        Assert.NotNull(document.QuerySelector("input[name='Input.UserName']"));

        // Browsers hold the button's redirect to the provider to the page's form-action.
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self' " + Provider.Authority.GetLeftPart(UriPartial.Authority) + ";", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownOfficer_SignsInThroughTheProvider_AndReachesTheirCaseloadOnPagesAndApi()
    {
        Knows("sub-po", EmailOf("po"), "probation-officers");
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-po");

        Assert.Equal(HttpStatusCode.Redirect, journey.Finish!.StatusCode);
        Assert.Equal("/", journey.Finish.Headers.Location!.OriginalString);
        Assert.Contains(SetCookies(journey.Finish), c => c.StartsWith("probation.session=", StringComparison.Ordinal));
        Assert.Contains(SetCookies(journey.Finish), c => c.StartsWith("Identity.External=;", StringComparison.Ordinal)); // the provider's answer is spent

        var home = await browser.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Your caseload", html, StringComparison.Ordinal);

        var me = (await MeAsync(browser))!.Value;
        Assert.Equal("po", me.GetProperty("userName").GetString());
        Assert.Equal([Roles.ProbationOfficer], RolesIn(me));
        var staffId = me.GetProperty("staffMemberId").GetInt32();
        var cases = await browser.GetFromJsonAsync<JsonElement>($"/api/v1/cases?officerId={staffId}");
        Assert.True(cases.GetProperty("total").GetInt32() > 0);
    }

    [Theory]
    [InlineData("/cases?q=smith", "/cases?q=smith")]
    [InlineData("https://elsewhere.invalid/", "/")]
    [InlineData("//elsewhere.invalid/", "/")]
    public async Task AfterSigningIn_TheOfficerReturnsToThePageTheyAskedFor_NeverToAnotherSite(string asked, string landed)
    {
        Knows("sub-po-return", EmailOf("po"), "probation-officers");
        var journey = await SignInThroughProviderAsync(app.Browser(), "sub-po-return", returnUrl: asked);
        Assert.Equal(HttpStatusCode.Redirect, journey.Finish!.StatusCode);
        Assert.Equal(landed, journey.Finish.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task MappedRoles_FollowTheProvider_UnmappedRolesAreKept_AndNothingOutsideTheMappingIsGiven()
    {
        var userName = await NewAccountAsync("sso-roles", Roles.TeamManager, Roles.CaseAdministrator);
        var localSession = await app.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await localSession.GetAsync("/")).StatusCode);

        // The provider says probation officer and no longer team manager; a group named like an app role, and one the
        // mapping does not know, give nothing.
        Knows("sub-roles", EmailOf(userName), "probation-officers", "SystemAdministrator", "finance-team");
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-roles");
        Assert.Equal(HttpStatusCode.Redirect, journey.Finish!.StatusCode);

        Assert.Equal([Roles.CaseAdministrator, Roles.ProbationOfficer], await RolesOfAsync(userName));
        Assert.Equal([Roles.CaseAdministrator, Roles.ProbationOfficer], RolesIn((await MeAsync(browser))!.Value).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(app.Logs.Entries, e => e.Text.Contains("roles changed by the identity provider: added [ProbationOfficer], removed [TeamManager]", StringComparison.Ordinal));

        // The session signed in earlier held the team manager role: the role change ends it at its next check.
        app.Clock.Advance(PastTheStampCheck);
        Assert.Equal(HttpStatusCode.Redirect, (await localSession.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task UnknownPerson_IsRefusedOnAPage_AndNoAccountIsMade()
    {
        var stranger = $"stranger-{Guid.NewGuid():N}@elsewhere.invalid";
        Knows("sub-stranger", stranger, "probation-officers");
        var before = await AccountCountAsync();
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-stranger");

        Assert.Equal(HttpStatusCode.Forbidden, journey.Finish!.StatusCode);
        var html = await journey.Finish.Content.ReadAsStringAsync();
        Assert.Contains("You cannot sign in to Probation", html, StringComparison.Ordinal);
        Assert.Contains("there is no Probation account for you", html, StringComparison.Ordinal);
        Assert.Equal(before, await AccountCountAsync());
        Assert.Null(await MeAsync(browser));

        // The log says what happened, and not to whom.
        Assert.Contains(app.Logs.Entries, e => e.Text.Contains("Single sign-on refused (NoAccount)", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Text.Contains(stranger, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PersonWithoutTheIdentifyingClaim_IsRefused()
    {
        Knows("sub-nameless", null, "probation-officers");
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-nameless");
        Assert.Equal(HttpStatusCode.Forbidden, journey.Finish!.StatusCode);
        Assert.Contains("did not tell us who you are", await journey.Finish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await MeAsync(browser));
    }

    [Fact]
    public async Task DisabledAccount_IsRefused_AndASingleSignOnSessionEndsWhenTheAccountIsDisabled()
    {
        var userName = await NewAccountAsync("sso-disabled", Roles.ProbationOfficer);
        Knows("sub-disabled", EmailOf(userName), "probation-officers");
        var earlier = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInThroughProviderAsync(earlier, "sub-disabled")).Finish!.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await earlier.GetAsync("/")).StatusCode);

        var admin = await app.TokenClientAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/accounts/{userName}/disable", null)).StatusCode);
        app.Clock.Advance(PastTheStampCheck);
        Assert.Equal(HttpStatusCode.Redirect, (await earlier.GetAsync("/")).StatusCode);

        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-disabled");
        Assert.Equal(HttpStatusCode.Forbidden, journey.Finish!.StatusCode);
        Assert.Contains("Your Probation account has been disabled", await journey.Finish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await MeAsync(browser));
    }

    [Fact]
    public async Task AccountLockedByFailedPasswords_IsRefusedToo()
    {
        var userName = await NewAccountAsync("sso-locked", Roles.ProbationOfficer);
        var guesser = app.AnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            await ProbationAppFactory.PostSignInAsync(guesser, userName, "Not-the-password-" + i);
        }

        Knows("sub-locked", EmailOf(userName), "probation-officers");
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-locked");
        Assert.Equal(HttpStatusCode.Forbidden, journey.Finish!.StatusCode);
        Assert.Contains("Your account is locked", await journey.Finish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await MeAsync(browser));
    }

    [Fact]
    public async Task TamperedState_IsRefused()
    {
        Knows("sub-po-state", EmailOf("po"), "probation-officers");
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-po-state", backToApp: fields => fields["state"] = fields["state"][..^4] + "AAAA");
        await AssertFailedAsync(browser, journey);
    }

    [Fact]
    public async Task TamperedNonce_IsRefused()
    {
        // The nonce the provider puts in its signed identity token is not the one this browser's sign-in asked for.
        Knows("sub-po-nonce", EmailOf("po"), "probation-officers");
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, "sub-po-nonce", atProvider: uri =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
            query["nonce"] = "an-attackers-nonce";
            return new UriBuilder(uri) { Query = query.ToString() }.Uri;
        });
        await AssertFailedAsync(browser, journey);
    }

    [Fact]
    public async Task AnswerReplayedInAnotherBrowser_IsRefused()
    {
        Knows("sub-po-replay", EmailOf("po"), "probation-officers");
        Dictionary<string, string>? captured = null;
        var victim = app.Browser();
        await SignInThroughProviderAsync(victim, "sub-po-replay", backToApp: fields => captured = new(fields));

        var attacker = app.Browser();
        var replay = await attacker.PostAsync(TestIdentityProvider.RedirectUri.AbsolutePath, new FormUrlEncodedContent(captured!));
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        await AssertFailedAsync(attacker, new Journey(replay, await attacker.GetAsync(replay.Headers.Location!)));
    }

    [Fact]
    public async Task CancelledAtTheProvider_IsToldOnAPage()
    {
        var browser = app.Browser();
        var journey = await SignInThroughProviderAsync(browser, subject: null);
        await AssertFailedAsync(browser, journey);
    }

    [Fact]
    public async Task FinishingWithoutAnAnswer_GoesBackToTheSignInPage()
    {
        var browser = app.Browser();
        var response = await browser.GetAsync("/sign-in/organisation");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LocalSignIn_StillWorks_BesideSingleSignOn()
    {
        var client = await app.SignInAsync("manager");
        var me = (await MeAsync(client))!.Value;
        Assert.Equal("manager", me.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var token = await app.TokenClientAsync("po");
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me")).StatusCode);
    }

    private static async Task AssertFailedAsync(HttpClient browser, Journey journey)
    {
        Assert.Equal("/sign-in/organisation?failed=true", journey.Callback.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, journey.Finish!.StatusCode);
        var html = await journey.Finish.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in did not work", html, StringComparison.Ordinal);
        Assert.Contains("govuk-heading-l", html, StringComparison.Ordinal);
        Assert.Null(await MeAsync(browser));
    }
}

public sealed class SqliteSingleSignOnTests(SqliteSingleSignOnAppFactory app) : SingleSignOnTests(app), IClassFixture<SqliteSingleSignOnAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresSingleSignOnTests(PostgresSingleSignOnAppFactory app) : SingleSignOnTests(app), IClassFixture<PostgresSingleSignOnAppFactory>;

/// <summary>With no <c>Authentication:OpenIdConnect</c> settings there is no single sign-on: no button, no way in.</summary>
public abstract class SingleSignOnOffTests(ProbationAppFactory app)
{
    [Fact]
    public async Task NotConfigured_NoButton_AndTheSingleSignOnAddressesAreNotThere()
    {
        var client = app.AnonymousClient();
        var html = await client.GetStringAsync("/sign-in");
        Assert.DoesNotContain("/sign-in/organisation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("account</button>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sign-in/organisation")).StatusCode);

        // Nothing answers the provider's return address: like any address needing a session, it sends to the sign-in page.
        var callback = await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "x", ["code"] = "y" }));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Contains("/sign-in?ReturnUrl=%2Fsignin-oidc", callback.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ProbationAppFactory.PostSignInAsync(client, "po", TestUsers.Password)).StatusCode);
    }
}

public sealed class SqliteSingleSignOnOffTests(ProbationAppFactory app) : SingleSignOnOffTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresSingleSignOnOffTests(PostgresAppFactory app) : SingleSignOnOffTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>Single sign-on settings that cannot work stop the app at start-up, saying which setting is wrong.</summary>
public sealed class SingleSignOnSettingsTests
{
    private static IConfiguration Settings(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => SingleSignOnOptions.Section + ":" + v.Key, v => v.Value)).Build();

    private static Dictionary<string, string?> Good() => new()
    {
        ["Authority"] = "https://login.example.invalid/probation/",
        ["ClientId"] = "probation-web",
        ["ClientSecret"] = "secret",
        ["DisplayName"] = "Tees Valley Probation",
        ["RoleClaim"] = "groups",
        ["RoleMappings:0:Value"] = "probation-officers",
        ["RoleMappings:0:Role"] = Roles.ProbationOfficer,
    };

    [Fact]
    public void NoSection_MeansOff() => Assert.Null(SingleSignOnOptions.FromConfiguration(new ConfigurationBuilder().Build()));

    [Fact]
    public void GoodSettings_AreTaken_WithEmailAsTheDefaultMatch()
    {
        var options = SingleSignOnOptions.FromConfiguration(Settings(Good()))!;
        Assert.Equal("email", options.AccountClaim);
        Assert.Equal(SingleSignOnMatch.Email, options.MatchAccountBy);
        Assert.True(options.MapsRoles);
        Assert.Equal([Roles.ProbationOfficer], options.ManagedRoles);
    }

    [Theory]
    [InlineData("Authority", "http://login.example.invalid/", "Authority must be an absolute HTTPS address")]
    [InlineData("Authority", "", "Authority is needed")]
    [InlineData("ClientId", "", "ClientId is needed")]
    [InlineData("ClientSecret", "", "ClientSecret is needed")]
    [InlineData("DisplayName", "", "DisplayName is needed")]
    [InlineData("RoleClaim", "", "RoleClaim is needed with RoleMappings")]
    [InlineData("RoleMappings:0:Role", "Administrator", "RoleMappings:0:Role must be one of ProbationOfficer")]
    [InlineData("RoleMappings:0:Value", "", "RoleMappings:0:Value is needed")]
    [InlineData("MatchAccountBy", "Surname", "MatchAccountBy")]
    public void BadSetting_StopsStartUp_NamingIt(string key, string value, string message)
    {
        var values = Good();
        values[key] = value;
        var error = Record.Exception(() => SingleSignOnOptions.FromConfiguration(Settings(values)));
        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Single sign-on configured against a provider that cannot be reached (nothing listens at its address).</summary>
public abstract class UnreachableProviderAppFactory(TestDatabase? database) : ProbationAppFactory(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(SingleSignOnOptions.Section + ":Authority", "https://127.0.0.1:1/");
        builder.UseSetting(SingleSignOnOptions.Section + ":ClientId", TestIdentityProvider.ClientId);
        builder.UseSetting(SingleSignOnOptions.Section + ":ClientSecret", TestIdentityProvider.ClientSecret);
        builder.UseSetting(SingleSignOnOptions.Section + ":DisplayName", SingleSignOnAppFactory.Organisation);
    }
}

public sealed class SqliteUnreachableProviderAppFactory() : UnreachableProviderAppFactory(TestDatabase.Sqlite());

public sealed class PostgresUnreachableProviderAppFactory() : UnreachableProviderAppFactory(TestDatabase.Postgres());

/// <summary>When the organisation's provider is down, pressing its button says so on a page, and the password form still works.</summary>
public abstract class UnreachableProviderTests(UnreachableProviderAppFactory app)
{
    [Fact]
    public async Task ProviderDown_TheButtonLeadsToAPageSayingSo_NotAServerError()
    {
        var client = app.AnonymousClient();
        var token = await ProbationAppFactory.AntiforgeryTokenAsync(client, "/sign-in");
        var pressed = await client.PostAsync("/sign-in/organisation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        var html = await pressed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pressed.StatusCode);
        Assert.Contains($"You cannot sign in with your {SingleSignOnAppFactory.Organisation} account at the moment", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ProbationAppFactory.PostSignInAsync(client, "po", TestUsers.Password)).StatusCode);
    }
}

public sealed class SqliteUnreachableProviderTests(SqliteUnreachableProviderAppFactory app) : UnreachableProviderTests(app), IClassFixture<SqliteUnreachableProviderAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresUnreachableProviderTests(PostgresUnreachableProviderAppFactory app) : UnreachableProviderTests(app), IClassFixture<PostgresUnreachableProviderAppFactory>;
