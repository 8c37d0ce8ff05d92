using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>
/// The app on its own database with the <see cref="AccessWorld"/> built in it, and every demo account signed in twice:
/// in a browser (cookie, with an antiforgery token for its forms) and through the API (bearer token). One per test class;
/// this one on SQLite, <see cref="PostgresWorldFixture"/> on PostgreSQL.
/// </summary>
public class WorldFixture : IAsyncLifetime
{
    private AccessWorld? _world;

    public WorldFixture()
        : this(new ProbationAppFactory())
    {
    }

    protected WorldFixture(ProbationAppFactory app) => App = app;

    public ProbationAppFactory App { get; }

    /// <summary>The world; reading it skips the test where the database is not there (PostgreSQL outside scripts/test).</summary>
    public AccessWorld World
    {
        get
        {
            App.SkipIfUnavailable();
            return _world!;
        }
    }

    public Dictionary<string, (HttpClient Browser, HttpClient Api, string Token)> Clients { get; } = [];

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        if (!App.Available)
        {
            return;
        }

        _world = await AccessWorld.BuildAsync(App);
        foreach (var user in _world.Users)
        {
            var browser = await App.SignInAsync(user.UserName);
            var token = await ProbationAppFactory.AntiforgeryTokenAsync(browser, "/");
            Clients[user.UserName] = (browser, await App.TokenClientAsync(user.UserName), token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same world on PostgreSQL: its queries, constraints and transactions are another engine's.</summary>
public sealed class PostgresWorldFixture() : WorldFixture(new PostgresAppFactory());
