using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Cases;

namespace Probation.Application.Imports;

/// <summary>
/// Runs an import the page started after the page has answered, so the person who started it can watch its progress.
/// The work runs on the node that took the upload; its progress is only ever read from the import's row, so every node
/// shows the same. If that node stops, the import is shown as stopped (<see cref="ImportCases.StallAfter"/>) and the same
/// file imported again finishes it.
/// </summary>
public sealed partial class CaseImportRunner(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<CaseImportRunner> log)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Starts writing a recorded import on its own scope, as the person who started it.</summary>
    public void Start(int importId, CheckedFile file, Viewer viewer, string where, string? requestId)
    {
        var task = Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var context = new ImportRequestContext(viewer, where, requestId);
            var import = new ImportCases(db, context, new AuditLog(db, context, clock), clock);
            try
            {
                await import.RunAsync(importId, file, lifetime.ApplicationStopping);
            }
            catch (Exception e)
            {
                // The exception's type only: a database's message can quote a row's values.
                Failed(log, importId, e.GetType().Name);
            }
        });
        lock (_gate)
        {
            _running.Add(task);
        }

        task.ContinueWith(t => { lock (_gate) { _running.Remove(t); } }, TaskScheduler.Default);
    }

    /// <summary>Waits for every import this node is running (tests, and a graceful stop).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_running.ToList());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Case import {ImportId} stopped on {Fault}")]
    private static partial void Failed(ILogger logger, int importId, string fault);
}

/// <summary>The person who started an import, for the audit rows its batches write after the request has ended.</summary>
public sealed class ImportRequestContext(Viewer viewer, string where, string? requestId) : IRequestContext
{
    public Viewer Viewer { get; } = viewer;

    public string Where { get; } = where;

    public string? RequestId { get; } = requestId;
}

/// <summary>The imports of the viewer's provider: the history on the import page and one import's progress.</summary>
public sealed class CaseImportQueries(ProbationDbContext db, IRequestContext request, TimeProvider clock)
{
    public async Task<IReadOnlyList<ImportReport>?> HistoryAsync(int take, CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (!ImportCases.MayImport(viewer))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var imports = await db.CaseImports.AsNoTracking().Where(i => i.ProviderId == viewer.ProviderId)
            .OrderByDescending(i => i.StartedAtUtc).ThenByDescending(i => i.Id).Take(Math.Clamp(take, 1, 100)).ToListAsync(ct);
        return imports.Select(i => ImportReport.Of(i, [], i.Stalled(now, ImportCases.StallAfter))).ToList();
    }

    /// <summary>One import of the viewer's provider, with the teams whose allocation queues its cases joined; null when there is none to see.</summary>
    public async Task<(ImportReport Report, IReadOnlyList<(int TeamId, string Team, int Cases)> Teams)?> GetAsync(int id, CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (!ImportCases.MayImport(viewer))
        {
            return null;
        }

        var import = await db.CaseImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.ProviderId == viewer.ProviderId, ct);
        if (import is null)
        {
            return null;
        }

        var teams = await db.People.AsNoTracking().Where(p => p.CaseImportId == id && p.TeamId != null)
            .GroupBy(p => p.TeamId!.Value).Select(g => new { TeamId = g.Key, Cases = g.Count() }).ToListAsync(ct);
        var ids = teams.Select(t => t.TeamId).ToList();
        var names = await db.Teams.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return (ImportReport.Of(import, [], import.Stalled(clock.GetUtcNow().UtcDateTime, ImportCases.StallAfter)),
            teams.Select(t => (t.TeamId, names.GetValueOrDefault(t.TeamId, "Team"), t.Cases)).OrderBy(t => t.Item2).ToList());
    }
}
