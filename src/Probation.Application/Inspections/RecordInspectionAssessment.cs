using Microsoft.EntityFrameworkCore;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Inspection;

namespace Probation.Application.Inspections;

/// <summary>
/// An inspector's case assessment of a sampled case, for one sample's scope: each key question's judgement with its
/// evidence, the prompts' answers, and the interview with the responsible officer. <see cref="Version"/> is the
/// version of the assessment the inspector saw: 0 before it was first saved.
/// </summary>
public sealed record InspectionAssessmentCommand(
    int InspectionId,
    string Crn,
    AssessmentScope? Scope,
    int Version,
    IReadOnlyList<JudgementInput> Judgements,
    IReadOnlyList<PromptInput> Prompts,
    bool Complete,
    bool OfficerInterviewed,
    string? InterviewNotes,
    string? Strengths,
    string? AreasForImprovement);

/// <summary>
/// Saves an inspector's case assessment as a draft or completes it. The case must be open to the inspector (their
/// inspection, in fieldwork, within its dates, and sampled); the answers are checked and written by the case
/// assessment rules every assessment shares; a change made meanwhile by someone else is a conflict.
/// </summary>
public sealed class RecordInspectionAssessment(InspectionAccess access, InspectionQueries queries)
{
    public const string StaleMessage = "Someone else saved this case assessment after you opened it. Reload the case to see their answers, then make yours again.";

    public async Task<Outcome<InspectionSaved>> RunAsync(InspectionAssessmentCommand c, CancellationToken ct)
    {
        var opened = await queries.OpenCaseAsync(c.InspectionId, c.Crn, ct);
        if (opened is null)
        {
            return InspectionAccess.Fail(Outcome.Missing("case"));
        }

        var scopes = opened.Samples.Select(CaseAssessmentRules.ScopeOf).ToList();
        if (c.Scope is not { } scope || !scopes.Contains(scope))
        {
            return InspectionAccess.Fail(Outcome.Refuse(
                $"This case is assessed for {string.Join(" and ", scopes.Select(s => CaseAssessmentRules.Describe(s).ToLowerInvariant()))}: the samples that drew it", "Scope"));
        }

        var inspection = opened.Inspection;
        var framework = Frameworks.Find(inspection.FrameworkVersion)!;
        var refused = CaseAssessmentRules.Check(
            framework, scope, c.Judgements, c.Prompts, c.Complete,
            ("InterviewNotes", "The notes of the interview with the responsible officer", c.InterviewNotes),
            ("Strengths", "The strengths", c.Strengths),
            ("AreasForImprovement", "The areas for improvement", c.AreasForImprovement));
        if (refused is not null)
        {
            return InspectionAccess.Fail(refused);
        }

        var db = access.Db;
        var assessment = await db.CaseAssessments.Include(a => a.Judgements).Include(a => a.Prompts)
            .Where(a => a.InspectionId == inspection.Id && a.PersonId == opened.PersonId && a.Kind == CaseAssessmentKind.Inspection && a.Scope == scope)
            .OrderBy(a => a.Id)
            .FirstOrDefaultAsync(ct);
        var today = access.Today;
        if (assessment is null)
        {
            if (c.Version != 0)
            {
                return InspectionAccess.Fail(Outcome.Stale(StaleMessage));
            }

            var officer = await db.People.AsNoTracking().Where(p => p.Id == opened.PersonId).Select(p => p.ResponsibleOfficerId).SingleAsync(ct);
            assessment = new CaseAssessment
            {
                ProviderId = inspection.ProviderId,
                PersonId = opened.PersonId,
                Kind = CaseAssessmentKind.Inspection,
                Scope = scope,
                FrameworkVersion = inspection.FrameworkVersion,
                InspectionId = inspection.Id,
                AssessorStaffId = access.Viewer.StaffMemberId!.Value,
                OfficerStaffId = officer,
                StartedOn = today,
                Version = 1,
            };
            db.CaseAssessments.Add(assessment);
        }
        else
        {
            db.Entry(assessment).Property(a => a.Version).OriginalValue = c.Version;
            assessment.Version = c.Version + 1;
        }

        CaseAssessmentRules.Apply(assessment, c.Judgements, c.Prompts);
        assessment.Status = c.Complete ? AssessmentStatus.Completed : AssessmentStatus.Draft;
        assessment.CompletedOn = c.Complete ? today : null;
        assessment.OfficerInterviewed = c.OfficerInterviewed;
        assessment.InterviewNotes = Blank(c.InterviewNotes);
        assessment.Strengths = Blank(c.Strengths);
        assessment.AreasForImprovement = Blank(c.AreasForImprovement);
        var saved = await access.SaveAsync(
            $"Inspection case assessment {(c.Complete ? "completed" : "saved as a draft")}: {CaseAssessmentRules.Describe(scope).ToLowerInvariant()}",
            [opened.Crn], () => new InspectionSaved(assessment.Id, assessment.Version), ct);
        return saved.Result is Conflict ? InspectionAccess.Fail(Outcome.Stale(StaleMessage)) : saved;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
