using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>
/// The app on its own database with the <see cref="AccessWorld"/> built in it, and every demo account signed in twice:
/// in a browser (cookie, with an antiforgery token for its forms) and through the API (bearer token). One per test class.
/// </summary>
public class WorldFixture : IAsyncLifetime
{
    public ProbationAppFactory App { get; } = new();

    public AccessWorld World { get; private set; } = null!;

    public Dictionary<string, (HttpClient Browser, HttpClient Api, string Token)> Clients { get; } = [];

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        World = await AccessWorld.BuildAsync(App);
        foreach (var user in World.Users)
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
