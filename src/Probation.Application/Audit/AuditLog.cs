using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Domain.Audit;
using Probation.Domain.Common;

namespace Probation.Application.Audit;

/// <summary>
/// Adds rows to the audit log in the caller's unit of work, so that a change and the row that
/// records it are saved in one transaction. Reads call <see cref="RecordReadAsync"/>, which returns
/// once the row is durable: through the group-commit <see cref="AuditWriter"/> where one is
/// registered (ADR 0012), else with a save of its own.
/// </summary>
public sealed class AuditLog(ProbationDbContext db, IRequestContext request, TimeProvider clock, AuditWriter? writer = null)
{
    public AuditEntry Add(AuditAction action, string purpose, IEnumerable<Crn> subjects)
    {
        var entry = Create(action, purpose, subjects);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>A row for the caller to write itself, in its own transaction, through the bulk path (an import's batch of cases).</summary>
    public AuditEntry NewEntry(AuditAction action, string purpose, IEnumerable<Crn> subjects) => Create(action, purpose, subjects);

    private AuditEntry Create(AuditAction action, string purpose, IEnumerable<Crn> subjects) =>
        new()
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserName = request.Viewer.UserName,
            StaffMemberId = request.Viewer.StaffMemberId,
            Action = action,
            Where = Truncate(request.Where, AuditEntry.WhereMaxLength),
            Purpose = Truncate(purpose, AuditEntry.PurposeMaxLength),
            RequestId = request.RequestId is null ? null : Truncate(request.RequestId, 64),
            Subjects = subjects.Distinct().Select(c => new AuditSubject { Crn = c.Value }).ToList(),
        };

    /// <summary>Records that personal data was shown (consulted) or sent out (disclosed). Nothing is written when no case was shown.</summary>
    public async Task RecordReadAsync(AuditAction action, string purpose, IReadOnlyCollection<Crn> subjects, CancellationToken ct)
    {
        if (subjects.Count == 0)
        {
            return;
        }

        if (writer is null)
        {
            Add(action, purpose, subjects);
            await db.SaveChangesAsync(ct);
            return;
        }

        // The response waits for its row: a read is never shown unless its audit row is committed.
        await writer.WriteAsync(Create(action, purpose, subjects), ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

public sealed record AuditSearch(string? Crn, string? UserName, DateOnly? From, DateOnly? To, int Page = 1, int PageSize = 50);

public sealed record AuditRow(long Id, DateTime AtUtc, string UserName, AuditAction Action, string Where, string Purpose, string? RequestId, IReadOnlyList<string> Crns);

/// <summary>The system administrator's search of the audit log.</summary>
public sealed class SearchAuditLog(ProbationDbContext db)
{
    public async Task<Paged<AuditRow>> RunAsync(AuditSearch search, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Crn) && Crn.TryParse(search.Crn, out var crn))
        {
            var value = crn.Value;
            q = q.Where(a => a.Subjects.Any(s => s.Crn == value));
        }

        if (!string.IsNullOrWhiteSpace(search.UserName))
        {
            var user = search.UserName.Trim();
            q = q.Where(a => a.UserName == user);
        }

        if (search.From is { } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.AtUtc >= fromUtc);
        }

        if (search.To is { } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.AtUtc < toUtc);
        }

        var total = await q.CountAsync(ct);
        var page = Paging.Clamp(search.Page, search.PageSize, out var size);
        var rows = await q.OrderByDescending(a => a.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(a => new
            {
                a.Id,
                a.AtUtc,
                a.UserName,
                a.Action,
                a.Where,
                a.Purpose,
                a.RequestId,
                Crns = a.Subjects.OrderBy(s => s.Crn).Select(s => s.Crn).Take(20).ToList(),
            })
            .ToListAsync(ct);
        return new Paged<AuditRow>(
            rows.Select(r => new AuditRow(r.Id, DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc), r.UserName, r.Action, r.Where, r.Purpose, r.RequestId, r.Crns)).ToList(),
            page, size, total);
    }
}
