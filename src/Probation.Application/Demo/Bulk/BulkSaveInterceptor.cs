using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Probation.Application.Data;

namespace Probation.Application.Demo.Bulk;

/// <summary>
/// Sends a bulk-load context's SaveChanges through the <see cref="BulkWriter"/> instead of one statement
/// per row, so the demo generators' own saves (projects, sessions, groups, custody records) take the
/// bulk path unchanged. Added rows are written in bulk; the few changed rows are then saved by EF as usual.
/// </summary>
public sealed class BulkSaveInterceptor(BulkWriter writer) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = eventData.Context!;
        db.ChangeTracker.DetectChanges();
        var written = await writer.WriteAddedAsync(db, cancellationToken);

        // The few rows a generator changes (a referral joining its group) are saved by EF as usual.
        return db.ChangeTracker.Entries().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            ? result
            : InterceptionResult<int>.SuppressWithResult(written);
    }
}
