using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Application.Demo;
using Probation.Application.Demo.Bulk;

namespace Probation.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Probation.Web -- seed --scale provider --password ...</c>: brings the
/// configured database up to date and loads a generated dataset, then exits. The bulk scales
/// (<c>national</c>, <c>large-provider</c>) load through the database's bulk path with progress;
/// <c>--providers N</c> loads only the first N providers; <c>--measure-copy</c> then measures PostgreSQL's COPY limit beside it and <c>--json file</c> writes the figures.
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

        var scaleName = Option("--scale") ?? app.Configuration["Demo:Scale"];
        var password = Option("--password") ?? app.Configuration["Demo:Password"];
        if (BulkScale.TryParse(scaleName) is { } bulk)
        {
            // --providers N: only the first N providers of the scale (a shorter run of the same rows).
            if (int.TryParse(Option("--providers"), System.Globalization.CultureInfo.InvariantCulture, out var first) && first > 0)
            {
                bulk = bulk with { Providers = bulk.Providers.Take(first).ToList() };
            }

            var result = await new BulkSeeder(app.Services, app.Services.GetRequiredService<TimeProvider>())
                .LoadAsync(bulk, password ?? "", Console.Out, CancellationToken.None);
            if (args.Contains("--measure-copy"))
            {
                await using var measuring = app.Services.CreateAsyncScope();
                var measured = await CopyLimit.MeasureAsync(measuring.ServiceProvider.GetRequiredService<DbContextOptions<ProbationDbContext>>(), result, CancellationToken.None);
                var json = measured.ToJson();
                await Console.Out.WriteLineAsync(json);
                if (Option("--json") is { } file)
                {
                    await File.WriteAllTextAsync(file, json);
                }
            }

            await Probation.Application.Reports.ReportAggregates.RefreshAsync(app.Services, CancellationToken.None);
            await Console.Out.WriteLineAsync($"Seeded scale '{bulk.Name}'.");
            return 0;
        }

        var scale = DemoScale.Parse(scaleName);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>()
            .InitialiseAsync(new DemoOptions(true, scale, password), CancellationToken.None);
        await Probation.Application.Reports.ReportAggregates.RefreshAsync(app.Services, CancellationToken.None);
        await Console.Out.WriteLineAsync($"Seeded scale '{scale.Name}'.");
        return 0;
    }
}
