using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Inspection;

namespace Probation.Application.Quality;

public sealed record AuditRow(
    int Id, string Crn, string Name, CaseAssessmentKind Kind, AssessmentScope Scope, int? OfficerId, string? Officer, string? Team, string Assessor,
    AssessmentStatus Status, DateOnly StartedOn, DateOnly? CompletedOn, int Yes, int No, int? ModeratesId);

public sealed record PromptView(Prompt Prompt, Judgement? Answer);

public sealed record JudgementView(KeyQuestion Question, Judgement? Judgement, string? Evidence, IReadOnlyList<PromptView> Prompts);

public sealed record StandardView(Standard Standard, IReadOnlyList<JudgementView> Questions);

public sealed record FeedbackView(int Id, int AuditId, string Crn, string Officer, string Text, DateOnly SetOn, DateOnly DueOn, DateOnly? AcknowledgedOn, string? Response);

public sealed record AuditView(
    int Id, int Version, string Crn, string Name, CaseAssessmentKind Kind, AssessmentScope Scope, string FrameworkVersion, AssessmentStatus Status,
    DateOnly StartedOn, DateOnly? CompletedOn, int AssessorId, string Assessor, string? Officer, IReadOnlyList<string> Participants,
    bool OfficerInterviewed, string? InterviewNotes, string? Strengths, string? AreasForImprovement, IReadOnlyList<StandardView> Standards,
    int? ModeratesId, IReadOnlyList<int> ModeratedBy, IReadOnlyList<FeedbackView> Feedback, bool MayEdit, bool MayModerate);

public sealed record ModerationView(AuditView First, AuditView Second, int Compared, IReadOnlyList<Disagreement> Disagreements);

public sealed record KeyQuestionResultRow(string Id, string Text, int Yes, int No, int NotApplicable, int? Percent, Rating? Band);

public sealed record StandardResultRow(string Id, string Name, IReadOnlyList<KeyQuestionResultRow> KeyQuestions, string? Lowest, int? LowestPercent, Rating? Band);

public sealed record GroupResult(int? Id, string Name, int Audits, IReadOnlyList<StandardResultRow> Standards);

public sealed record QualityFilter(int? TeamId = null, int? OfficerId = null, DateOnly? From = null, DateOnly? To = null);

public sealed record QualityResults(DateOnly From, DateOnly To, int Audits, GroupResult Provider, IReadOnlyList<GroupResult> ByTeam, IReadOnlyList<GroupResult> ByOfficer, IReadOnlyList<GroupResult> ByMonth);

/// <summary>
/// What the quality team, managers and leaders read of case audits: the audits, one audit with its judgements,
/// a moderation's disagreements, results by team, officer and month, and an officer's feedback tasks. Lists of
/// cases are audited with the CRNs they show; results are counts only.
/// </summary>
public sealed class QualityQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    /// <summary>Quality officers, team managers and senior leaders read audits and their results.</summary>
    public bool MayRead => request.Viewer.MayOversee;

    private IQueryable<CaseAssessment> Audits()
    {
        var viewer = request.Viewer;
        // Only audits of cases whose details this user may see: the access list's rule, as every case read applies it.
        var visible = db.People.Where(viewer.MaySeeDetails()).Select(p => p.Id);
        return db.CaseAssessments.AsNoTracking()
            .Where(a => a.ProviderId == viewer.ProviderId && a.Kind != CaseAssessmentKind.Inspection && visible.Contains(a.PersonId));
    }

    public async Task<IReadOnlyList<AuditRow>?> ListAsync(QualityFilter filter, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }

        var query = Audits();
        if (filter.OfficerId is { } officer)
        {
            query = query.Where(a => a.OfficerStaffId == officer);
        }

        if (filter.TeamId is { } team)
        {
            query = query.Where(a => db.Staff.Any(s => s.Id == a.OfficerStaffId && s.TeamId == team));
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.StartedOn >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.StartedOn <= to);
        }

        var rows = await query.OrderByDescending(a => a.StartedOn).ThenByDescending(a => a.Id).Take(500)
            .Select(a => new
            {
                a.Id,
                a.Person!.Crn,
                a.Person.FirstName,
                a.Person.LastName,
                a.Kind,
                a.Scope,
                a.OfficerStaffId,
                Officer = db.Staff.Where(s => s.Id == a.OfficerStaffId).Select(s => new { s.FirstName, s.LastName, Team = s.Team!.Name }).FirstOrDefault(),
                Assessor = db.Staff.Where(s => s.Id == a.AssessorStaffId).Select(s => s.FirstName + " " + s.LastName).First(),
                a.Status,
                a.StartedOn,
                a.CompletedOn,
                Yes = a.Judgements.Count(j => j.Judgement == Judgement.Yes),
                No = a.Judgements.Count(j => j.Judgement == Judgement.No),
                a.ModeratesId,
            })
            .ToListAsync(ct);
        await audit.RecordReadAsync(AuditAction.Consulted, "Case audits listed", rows.Select(r => r.Crn).Distinct().ToList(), ct);
        return rows.Select(r => new AuditRow(
            r.Id, r.Crn.Value, r.FirstName + " " + r.LastName, r.Kind, r.Scope, r.OfficerStaffId, r.Officer is null ? null : r.Officer.FirstName + " " + r.Officer.LastName, r.Officer?.Team,
            r.Assessor, r.Status, r.StartedOn, r.CompletedOn, r.Yes, r.No, r.ModeratesId)).ToList();
    }

    public async Task<AuditView?> AuditAsync(int id, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }

        var view = await ViewAsync(id, ct);
        if (view is not null)
        {
            await audit.RecordReadAsync(AuditAction.Consulted, "Case audit", [Crn.Parse(view.Crn)], ct);
        }

        return view;
    }

    public async Task<ModerationView?> ModerationAsync(int id, CancellationToken ct)
    {
        if (!MayRead || await ViewAsync(id, ct) is not { ModeratesId: { } firstId } second || await ViewAsync(firstId, ct) is not { } first)
        {
            return null;
        }

        var framework = Frameworks.Find(first.FrameworkVersion)!;
        var a = await db.CaseAssessments.AsNoTracking().Include(x => x.Judgements).Include(x => x.Prompts).SingleAsync(x => x.Id == first.Id, ct);
        var b = await db.CaseAssessments.AsNoTracking().Include(x => x.Judgements).Include(x => x.Prompts).SingleAsync(x => x.Id == second.Id, ct);
        await audit.RecordReadAsync(AuditAction.Consulted, "Case audit moderation", [Crn.Parse(first.Crn)], ct);
        return new ModerationView(first, second, CaseAssessmentRules.KeyQuestionsIn(framework, first.Scope).Count, CaseAssessmentRules.Compare(framework, a, b));
    }

    private async Task<AuditView?> ViewAsync(int id, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var a = await Audits().AsSplitQuery().Include(x => x.Judgements).Include(x => x.Prompts).Include(x => x.Participants).Include(x => x.Person)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }

        var staffIds = a.Participants.Select(p => p.StaffMemberId).Append(a.AssessorStaffId).Append(a.OfficerStaffId ?? 0).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
        var moderatedBy = await db.CaseAssessments.AsNoTracking().Where(x => x.ModeratesId == a.Id).Select(x => x.Id).ToListAsync(ct);
        var feedback = await db.AuditFeedback.AsNoTracking().Where(f => f.CaseAssessmentId == a.Id).OrderBy(f => f.Id).ToListAsync(ct);
        var framework = Frameworks.Find(a.FrameworkVersion)!;
        var standards = CaseAssessmentRules.StandardsIn(framework, a.Scope).Select(s => new StandardView(s, s.KeyQuestions.Select(q =>
        {
            var j = a.Judgements.FirstOrDefault(x => x.KeyQuestionId == q.Id);
            return new JudgementView(q, j?.Judgement, j?.Evidence, q.Prompts.Select(p => new PromptView(p, a.Prompts.FirstOrDefault(x => x.PromptId == p.Id)?.Answer)).ToList());
        }).ToList())).ToList();
        var quality = viewer.IsInRole(Identity.Roles.QualityOfficer);
        return new AuditView(
            a.Id, a.Version, a.Person!.Crn.Value, a.Person.FullName, a.Kind, a.Scope, a.FrameworkVersion, a.Status, a.StartedOn, a.CompletedOn,
            a.AssessorStaffId, names.GetValueOrDefault(a.AssessorStaffId, "Unknown"), a.OfficerStaffId is { } o ? names.GetValueOrDefault(o) : null,
            a.Participants.Select(p => names.GetValueOrDefault(p.StaffMemberId, "Unknown")).ToList(),
            a.OfficerInterviewed, a.InterviewNotes, a.Strengths, a.AreasForImprovement, standards, a.ModeratesId, moderatedBy,
            feedback.Select(f => new FeedbackView(f.Id, a.Id, a.Person.Crn.Value, names.GetValueOrDefault(f.OfficerStaffId, "Unknown"), f.Text, f.SetOn, f.DueOn, f.AcknowledgedOn, f.Response)).ToList(),
            MayEdit: quality && a.Status == AssessmentStatus.Draft && a.AssessorStaffId == viewer.StaffMemberId,
            MayModerate: quality && a.Status == AssessmentStatus.Completed && a.ModeratesId is null && a.AssessorStaffId != viewer.StaffMemberId);
    }

    /// <summary>
    /// Key question results of completed audits in the period (moderations left out: they are second opinions on
    /// audits already counted), for the provider, each team, each officer and each month, banded as the
    /// inspectorate bands them.
    /// </summary>
    public async Task<QualityResults?> ResultsAsync(QualityFilter filter, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }

        var today = clock.Today();
        var to = filter.To ?? today;
        var from = filter.From ?? to.AddMonths(-12).AddDays(1);
        var query = Audits().Where(a => a.Status == AssessmentStatus.Completed && a.ModeratesId == null && a.CompletedOn >= from && a.CompletedOn <= to);
        if (filter.OfficerId is { } officer)
        {
            query = query.Where(a => a.OfficerStaffId == officer);
        }

        if (filter.TeamId is { } team)
        {
            query = query.Where(a => db.Staff.Any(s => s.Id == a.OfficerStaffId && s.TeamId == team));
        }

        var audits = await query.AsSplitQuery().Include(a => a.Judgements).ToListAsync(ct);
        var officerIds = audits.Select(a => a.OfficerStaffId ?? 0).Distinct().ToList();
        var officers = await db.Staff.AsNoTracking().Where(s => officerIds.Contains(s.Id))
            .Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName, s.TeamId, Team = s.Team!.Name }).ToDictionaryAsync(s => s.Id, ct);

        // Each audit with the officer it was of, looked up once.
        var rows = audits.Select(a => (Audit: a, Officer: officers.GetValueOrDefault(a.OfficerStaffId ?? 0))).ToList();
        GroupResult Group(int? id, string name, IEnumerable<CaseAssessment> group)
        {
            var list = group.ToList();
            return new(id, name, list.Count, Results(list));
        }

        return new QualityResults(
            from, to, audits.Count,
            Group(null, "Provider", audits),
            rows.GroupBy(r => (r.Officer?.TeamId, Team: r.Officer?.Team ?? "No team")).OrderBy(g => g.Key.Team, StringComparer.Ordinal)
                .Select(g => Group(g.Key.TeamId, g.Key.Team, g.Select(r => r.Audit))).ToList(),
            rows.GroupBy(r => (r.Audit.OfficerStaffId, Name: r.Officer?.Name ?? "Unknown")).OrderBy(g => g.Key.Name, StringComparer.Ordinal)
                .Select(g => Group(g.Key.OfficerStaffId, g.Key.Name, g.Select(r => r.Audit))).ToList(),
            audits.GroupBy(a => new DateOnly(a.CompletedOn!.Value.Year, a.CompletedOn.Value.Month, 1)).OrderBy(g => g.Key)
                .Select(g => Group(null, g.Key.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), g)).ToList());
    }

    /// <summary>Each standard's key question results over the audits; a standard with no audits of its scope is left out.</summary>
    public static IReadOnlyList<StandardResultRow> Results(IReadOnlyCollection<CaseAssessment> audits)
    {
        var framework = Frameworks.Find(Frameworks.Current)!;
        var rows = new List<StandardResultRow>();
        foreach (var scope in Enum.GetValues<AssessmentScope>())
        {
            var inScope = audits.Where(a => a.Scope == scope && a.FrameworkVersion == framework.Version).ToList();
            if (inScope.Count == 0)
            {
                continue;
            }

            foreach (var standard in CaseAssessmentRules.StandardsIn(framework, scope))
            {
                var counts = CaseAssessmentRules.Count(standard.KeyQuestions, inScope);
                var questions = standard.KeyQuestions.Zip(counts, (q, c) =>
                {
                    int? percent = c.Yes + c.No == 0 ? null : Ratings.PercentYes(c.Yes, c.No);
                    return new KeyQuestionResultRow(q.Id, q.Text, c.Yes, c.No, c.NotApplicable, percent, percent is { } p ? Ratings.Band(p) : null);
                }).ToList();
                var lowest = questions.Where(q => q.Percent is not null).MinBy(q => q.Percent);
                rows.Add(new StandardResultRow(standard.Id, standard.Name, questions, lowest?.Id, lowest?.Percent, lowest?.Band));
            }
        }

        return rows;
    }

    /// <summary>The provider's practitioners (probation officers and services officers) who may take part in a quality event.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> PractitionersAsync(CancellationToken ct)
    {
        var provider = request.Viewer.ProviderId;
        var rows = await db.Staff.AsNoTracking()
            .Where(s => s.ProviderId == provider && s.Active && (s.Grade == Domain.Organisation.StaffGrade.ProbationOfficer || s.Grade == Domain.Organisation.StaffGrade.ProbationServicesOfficer))
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new { s.Id, Name = s.LastName + ", " + s.FirstName + " (" + s.Team!.Name + ")" })
            .ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The signed-in officer's feedback from audits of their cases, open first.</summary>
    public async Task<IReadOnlyList<FeedbackView>> MyFeedbackAsync(CancellationToken ct)
    {
        var me = request.Viewer.StaffMemberId;
        if (me is null)
        {
            return [];
        }

        // Feedback on a case the officer may no longer read (moved to another provider, or restricted since) is not shown.
        var readable = db.People.Where(request.Viewer.InScope()).Where(request.Viewer.MaySeeDetails());
        var rows = await db.AuditFeedback.AsNoTracking().Where(f => f.OfficerStaffId == me)
            .Join(db.CaseAssessments, f => f.CaseAssessmentId, a => a.Id, (f, a) => new { f, a.PersonId })
            .Join(readable, x => x.PersonId, p => p.Id, (x, p) => new { x.f, p.Crn })
            .OrderBy(x => x.f.AcknowledgedOn != null).ThenBy(x => x.f.DueOn).ToListAsync(ct);
        var officer = request.Viewer.UserName;
        if (rows.Count > 0)
        {
            await audit.RecordReadAsync(AuditAction.Consulted, "Audit feedback", rows.Select(r => r.Crn).Distinct().ToList(), ct);
        }

        return rows.Select(r => new FeedbackView(r.f.Id, r.f.CaseAssessmentId, r.Crn.Value, officer, r.f.Text, r.f.SetOn, r.f.DueOn, r.f.AcknowledgedOn, r.f.Response)).ToList();
    }
}
