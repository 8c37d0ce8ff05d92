using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Probation.Application.Data;
using Xunit;

namespace Probation.Testing;

/// <summary>
/// The whole web app on a throwaway database with the small demo provider, and a clock the test
/// controls. One per test class (a class fixture); tests in a class share its data.
/// </summary>
public partial class ProbationAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TestDatabase? _database;

    public ProbationAppFactory()
        : this(TestDatabase.Sqlite())
    {
    }

    protected ProbationAppFactory(TestDatabase? database)
    {
        _database = database;
        Clock = new FakeTimeProvider(StartTime);
    }

    /// <summary>When the test's clock starts; stories told as they happened start earlier and move it forward.</summary>
    protected virtual DateTimeOffset StartTime => new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    /// <summary>False where the database this factory needs is not there (PostgreSQL outside scripts/test).</summary>
    public bool Available => _database is not null;

    /// <summary>Call first in a test: skips it, with the reason, when the database is not there.</summary>
    public void SkipIfUnavailable() => Assert.SkipUnless(Available, TestDatabase.SkipReason);

    public FakeTimeProvider Clock { get; }

    public string DatabaseProvider => _database?.Provider ?? "none";

    /// <summary>The environment the app runs in; tests of what production shows override it.</summary>
    protected virtual string Environment => "Testing";

    /// <summary>Whether the demo provider is loaded (it is only where asked for).</summary>
    protected virtual bool SeedDemo => true;

    /// <summary>
    /// The sign-in rate limit per client address. Tests sign dozens of users in from one address within seconds, so
    /// the factory lifts it; the test of the limit itself keeps the app's own (null).
    /// </summary>
    protected virtual int? SignInAttemptsPerMinute => 100_000;

    /// <summary>
    /// Whether the app may start on a database that could lose committed rows in a crash: the test PostgreSQL server
    /// runs without fsync for speed, so its tests say so; SQLite test databases are durable and need nothing.
    /// </summary>
    protected virtual bool AcceptNonDurableStorage => _database?.Provider == "Postgres";

    /// <summary>
    /// Whether the demo provider is copied from the run's seeded template (<see cref="DemoTemplates"/>) rather than
    /// seeded afresh: the same rows, without each fixture paying for the seed.
    /// </summary>
    protected virtual bool SeedFromTemplate => true;

    /// <summary>The demo dataset's size: small keeps tests fast; the provider scale is the report's shape.</summary>
    protected virtual string DemoScale => "small";

    /// <summary>
    /// The rounds the tests' password hashes take, where the app's own (100,000) would make sign-in the tests' main cost;
    /// null keeps the app's own.
    /// </summary>
    protected virtual int? PasswordHashRounds => 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        var database = _database ?? throw new InvalidOperationException(TestDatabase.SkipReason);
        builder.UseSetting("Database:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:Probation", database.ConnectionString);
        if (SeedDemo)
        {
            builder.UseSetting("Demo:Seed", "true");
        }

        builder.UseSetting("Demo:Scale", DemoScale);
        builder.UseSetting("Demo:Password", TestUsers.Password);
        builder.UseSetting("Reports:DailyAggregates:Enabled", "false"); // tests refresh the report aggregates themselves
        if (SignInAttemptsPerMinute is { } attempts)
        {
            builder.UseSetting("Session:SignInAttemptsPerMinute", attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.UseSetting("Audit:Sealing:Enabled", "false"); // tests seal the audit log themselves
        if (AcceptNonDurableStorage)
        {
            builder.UseSetting("Database:AcceptNonDurableStorage", "true");
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);

            // Every test signs users in, many times over; the password hash's work factor is what a sign-in costs, so
            // the tests' accounts are hashed with far fewer rounds. The production tests keep the app's own and check it.
            if (PasswordHashRounds is { } rounds)
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = rounds);
            }
        });
    }

    public async ValueTask InitializeAsync()
    {
        if (Available)
        {
            if (SeedDemo && SeedFromTemplate)
            {
                await DemoTemplates.CopyIntoAsync(_database!, DemoScale, StartTime);
            }

            _ = Services; // start the host: migrations and demo data
        }
    }

    /// <summary>Stops the app without dropping its database.</summary>
    protected ValueTask DisposeHostAsync() => base.DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public async Task<T> WithDbAsync<T>(Func<ProbationDbContext, Task<T>> work)
    {
        SkipIfUnavailable();
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ProbationDbContext>());
    }

    public HttpClient AnonymousClient()
    {
        SkipIfUnavailable();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>A browser-like client signed in through the sign-in page (cookie + antiforgery).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = TestUsers.Password)
    {
        var client = AnonymousClient();
        var response = await PostSignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/sign-in");
        return await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on " + path);
    }

    /// <summary>A client carrying a bearer token from <c>POST /api/v1/auth/token</c>.</summary>
    public async Task<HttpClient> TokenClientAsync(string userName)
    {
        var client = AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = TestUsers.Password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body!.AccessToken);
        return client;
    }

    public sealed record TokenBody(string AccessToken, DateTime ExpiresAtUtc);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>The same app on a fresh PostgreSQL database.</summary>
public sealed class PostgresAppFactory() : ProbationAppFactory(TestDatabase.Postgres());
