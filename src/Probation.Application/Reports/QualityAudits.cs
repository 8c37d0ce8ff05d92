using Probation.Domain.Inspection;

namespace Probation.Application.Reports;

/// <summary>
/// The latest quality audit result for one key question, for the whole scope (<see cref="TeamId"/> null) or one team:
/// when it was done and what the auditors found, banded as the inspection rules band it.
/// </summary>
public sealed record QualityAuditResult(string KeyQuestion, int? TeamId, DateOnly On, int Yes, int No, int? Percent, Rating? Band);

/// <summary>
/// Where the inspection readiness page finds the latest quality audit of each key question: the quality team's case
/// audits (<c>Quality.AuditedKeyQuestions</c>). Where none is recorded the page says "No audit yet".
/// </summary>
public interface IQualityAuditResults
{
    /// <summary>The latest result of each key question audited in the scope on or before the day, per team and for the scope.</summary>
    Task<IReadOnlyList<QualityAuditResult>> LatestAsync(ReportScope scope, DateOnly on, CancellationToken ct);
}
