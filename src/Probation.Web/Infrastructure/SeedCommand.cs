using Probation.Application.Demo;

namespace Probation.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Probation.Web -- seed --scale provider --password ...</c>: brings the
/// configured database up to date and loads a generated dataset, then exits.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var scale = DemoScale.Parse(Option("--scale") ?? app.Configuration["Demo:Scale"]);
        var password = Option("--password") ?? app.Configuration["Demo:Password"];
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>()
            .InitialiseAsync(new DemoOptions(true, scale, password), CancellationToken.None);
        await Console.Out.WriteLineAsync($"Seeded scale '{scale.Name}'.");
        return 0;
    }
}
