using Probation.Application.Data;
using Probation.Domain.Audit;

namespace Probation.Application.Audit;

/// <summary>
/// Records that a report left the service as a file (a CSV export): a disclosure in the audit log, saved before the
/// file is sent. Aggregate reports name no case, so the row has no subjects.
/// </summary>
public sealed class RecordExport(ProbationDbContext db, AuditLog audit)
{
    public async Task RecordAsync(string what, CancellationToken ct)
    {
        audit.Add(AuditAction.Disclosed, what, []);
        await db.SaveChangesAsync(ct);
    }
}
