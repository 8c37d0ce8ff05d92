using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Application.Reports;
using Probation.Domain.Inspection;

namespace Probation.Application.Quality;

/// <summary>
/// The latest quality audit result of each key question for the readiness page: the quality team's completed audits
/// and quality events (not moderations) in the <see cref="WindowDays"/> days to the day, for the scope and for each
/// team of the audited officers. A hub's scope has no audit result: audits follow officers, not hubs.
/// </summary>
public sealed class AuditedKeyQuestions(ProbationDbContext db, IRequestContext request) : IQualityAuditResults
{
    /// <summary>A quarter's audits make the latest result.</summary>
    public const int WindowDays = 91;

    public async Task<IReadOnlyList<QualityAuditResult>> LatestAsync(ReportScope scope, DateOnly on, CancellationToken ct)
    {
        if (scope.HubId is not null || request.Viewer.ProviderId is not { } provider)
        {
            return [];
        }

        var from = on.AddDays(-WindowDays + 1);
        var query = db.CaseAssessments.AsNoTracking()
            .Where(a => a.ProviderId == provider && a.Kind != CaseAssessmentKind.Inspection && a.ModeratesId == null && a.Status == AssessmentStatus.Completed
                && a.CompletedOn >= from && a.CompletedOn <= on);
        if (scope.OfficerId is { } officer)
        {
            query = query.Where(a => a.OfficerStaffId == officer);
        }

        if (scope.TeamId is { } team)
        {
            query = query.Where(a => db.Staff.Any(s => s.Id == a.OfficerStaffId && s.TeamId == team));
        }

        // Each judgement with the team of the audited officer, joined once (an audit with no officer has no team).
        var rows = await (
            from a in query
            from j in a.Judgements
            where j.Judgement != null
            join s in db.Staff on a.OfficerStaffId equals s.Id into officers
            from o in officers.DefaultIfEmpty()
            select new { j.KeyQuestionId, j.Judgement, a.CompletedOn, TeamId = o == null ? null : o.TeamId })
            .ToListAsync(ct);
        QualityAuditResult Result(string id, int? teamId, IReadOnlyCollection<(Judgement? Judgement, DateOnly? On)> of)
        {
            var count = new KeyQuestionCount(id, of.Count(x => x.Judgement == Judgement.Yes), of.Count(x => x.Judgement == Judgement.No));
            return new QualityAuditResult(id, teamId, of.Max(x => x.On)!.Value, count.Yes, count.No, count.PercentYes, count.PercentYes is { } p ? Ratings.Band(p) : null);
        }

        return rows.GroupBy(r => r.KeyQuestionId)
            .SelectMany(g => g.GroupBy(r => r.TeamId)
                .Select(t => Result(g.Key, t.Key, t.Select(x => (x.Judgement, x.CompletedOn)).ToList()))
                .Prepend(Result(g.Key, null, g.Select(x => (x.Judgement, x.CompletedOn)).ToList())))
            .ToList();
    }
}
