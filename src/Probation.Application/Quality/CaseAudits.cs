using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;
using SupervisionRules = Probation.Domain.Supervision.SupervisionRules;

namespace Probation.Application.Quality;

public sealed record StartAuditCommand(string? Crn, CaseAssessmentKind? Kind, AssessmentScope? Scope, IReadOnlyList<int> ParticipantIds, int? ModeratesId);

public sealed record SaveAuditCommand(
    int Id, int ExpectedVersion, IReadOnlyList<JudgementInput> Judgements, IReadOnlyList<PromptInput> Prompts,
    bool OfficerInterviewed, string? InterviewNotes, string? Strengths, string? AreasForImprovement, bool Complete);

public sealed record FeedbackCommand(int AuditId, string? Text, DateOnly? DueOn);

public sealed record AcknowledgeCommand(int FeedbackId, string? Response);

/// <summary>
/// The provider's own case audits (section 1.4): a quality officer audits a case against the inspectorate's
/// framework, alone or at a quality event with two practitioners; a second quality officer may moderate a completed
/// audit; the audit's feedback goes to the responsible officer as a task they acknowledge.
/// </summary>
public sealed class CaseAudits(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public const string NotQualityStaff = "Only quality officers audit cases.";

    /// <summary>The officer has this long to read and answer feedback, unless the quality officer sets a date.</summary>
    public const int FeedbackDays = 10;

    public async Task<Outcome<Saved>> StartAsync(StartAuditCommand c, CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (!viewer.IsInRole(Identity.Roles.QualityOfficer) || viewer.StaffMemberId is not { } me || viewer.ProviderId is not { } providerId)
        {
            return Fail(Outcome.Refuse(NotQualityStaff));
        }

        if (c.Kind is not { } kind || kind == CaseAssessmentKind.Inspection)
        {
            return Fail(Outcome.Refuse("Choose an audit or a quality event", nameof(c.Kind)));
        }

        if (c.Scope is not { } scope)
        {
            return Fail(Outcome.Refuse("Choose what the audit covers: case supervision, unpaid work or Through the Gate", nameof(c.Scope)));
        }

        if (!Crn.TryParse(c.Crn, out var crn))
        {
            return Fail(Outcome.Refuse("Enter the case reference number (CRN), for example D123456", nameof(c.Crn)));
        }

        var person = await db.People.AsNoTracking().Include(p => p.AccessList).Where(viewer.InScope()).SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, me).Allowed)
        {
            return Fail(Outcome.Refuse($"No case {crn.Value} that you may see", nameof(c.Crn)));
        }

        if (person.ResponsibleOfficerId is null)
        {
            return Fail(Outcome.Refuse("The case is not allocated yet: there is no officer's work to audit", nameof(c.Crn)));
        }

        var participants = c.ParticipantIds.Distinct().ToList();
        if (kind == CaseAssessmentKind.QualityEvent)
        {
            if (participants.Count != 2)
            {
                return Fail(Outcome.Refuse("A quality event has two practitioners: choose two", nameof(c.ParticipantIds)));
            }

            var practitioners = await db.Staff.CountAsync(s => participants.Contains(s.Id) && s.ProviderId == providerId && s.Active
                && (s.Grade == StaffGrade.ProbationOfficer || s.Grade == StaffGrade.ProbationServicesOfficer), ct);
            if (practitioners != 2)
            {
                return Fail(Outcome.Refuse("Choose two practitioners (probation officers or services officers) of the provider", nameof(c.ParticipantIds)));
            }

            if (participants.Contains(person.ResponsibleOfficerId.Value))
            {
                return Fail(Outcome.Refuse("The case's own officer cannot audit it", nameof(c.ParticipantIds)));
            }
        }
        else if (participants.Count > 0)
        {
            return Fail(Outcome.Refuse("Practitioners take part in quality events only", nameof(c.ParticipantIds)));
        }

        if (c.ModeratesId is { } moderates)
        {
            var first = await db.CaseAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == moderates && a.ProviderId == providerId && a.Kind != CaseAssessmentKind.Inspection, ct);
            if (first is null || first.PersonId != person.Id || first.Scope != scope)
            {
                return Fail(Outcome.Refuse("A moderation is of a completed audit of the same case and scope", nameof(c.ModeratesId)));
            }

            if (first.Status != AssessmentStatus.Completed)
            {
                return Fail(Outcome.Refuse("Only a completed audit can be moderated", nameof(c.ModeratesId)));
            }

            if (first.AssessorStaffId == me)
            {
                return Fail(Outcome.Refuse("A moderation is a second auditor's judgement: another quality officer moderates your audit", nameof(c.ModeratesId)));
            }
        }

        var assessment = new CaseAssessment
        {
            ProviderId = providerId,
            PersonId = person.Id,
            Kind = kind,
            Scope = scope,
            FrameworkVersion = Frameworks.Current,
            AssessorStaffId = me,
            OfficerStaffId = person.ResponsibleOfficerId,
            ModeratesId = c.ModeratesId,
            Status = AssessmentStatus.Draft,
            StartedOn = clock.Today(),
            Participants = participants.Select(id => new AssessmentParticipant { StaffMemberId = id }).ToList(),
        };
        db.CaseAssessments.Add(assessment);
        audit.Add(AuditAction.Collected, c.ModeratesId is null ? $"{CaseAssessmentRules.Describe(kind)} started" : "Audit moderation started", [crn]);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok(), new Saved(assessment.Id, assessment.Version));
    }

    public async Task<Outcome<Saved>> SaveAsync(SaveAuditCommand c, CancellationToken ct)
    {
        var (assessment, crn, refusal) = await OpenAsync(c.Id, ct);
        if (assessment is null)
        {
            return Fail(refusal!);
        }

        if (assessment.AssessorStaffId != request.Viewer.StaffMemberId)
        {
            return Fail(Outcome.Refuse("Only the quality officer who started the audit records its judgements"));
        }

        if (assessment.Status == AssessmentStatus.Completed)
        {
            return Fail(Outcome.Refuse($"The audit was completed on {assessment.CompletedOn:d MMMM yyyy}; its judgements stand"));
        }

        var framework = Frameworks.Find(assessment.FrameworkVersion)!;
        if (CaseAssessmentRules.Check(framework, assessment.Scope, c.Judgements, c.Prompts, c.Complete,
                (nameof(c.InterviewNotes), "The notes of the interview", c.InterviewNotes),
                (nameof(c.Strengths), "The strengths", c.Strengths),
                (nameof(c.AreasForImprovement), "The areas for improvement", c.AreasForImprovement)) is { } refused)
        {
            return Fail(refused);
        }

        db.Entry(assessment).Property(a => a.Version).OriginalValue = c.ExpectedVersion;
        CaseAssessmentRules.Apply(assessment, c.Judgements, c.Prompts);
        assessment.OfficerInterviewed = c.OfficerInterviewed;
        assessment.InterviewNotes = Clean(c.InterviewNotes);
        assessment.Strengths = Clean(c.Strengths);
        assessment.AreasForImprovement = Clean(c.AreasForImprovement);
        if (c.Complete)
        {
            assessment.Status = AssessmentStatus.Completed;
            assessment.CompletedOn = clock.Today();
        }

        assessment.Version++;
        audit.Add(AuditAction.Altered, c.Complete ? $"{CaseAssessmentRules.Describe(assessment.Kind)} completed" : $"{CaseAssessmentRules.Describe(assessment.Kind)} saved as a draft", [crn]);
        return await SaveChangesAsync(() => new Saved(assessment.Id, assessment.Version), ct);
    }

    public async Task<Outcome<Saved>> FeedbackAsync(FeedbackCommand c, CancellationToken ct)
    {
        var (assessment, crn, refusal) = await OpenAsync(c.AuditId, ct);
        if (assessment is null)
        {
            return Fail(refusal!);
        }

        if (assessment.Status != AssessmentStatus.Completed || assessment.OfficerStaffId is not { } officer)
        {
            return Fail(Outcome.Refuse("Complete the audit before giving the officer feedback"));
        }

        if (SupervisionRules.Text(c.Text, CaseAssessment.TextMaxLength, nameof(c.Text), "the feedback to the officer", true) is { } text)
        {
            return Fail(text);
        }

        var today = clock.Today();
        var due = c.DueOn ?? today.AddDays(FeedbackDays);
        if (due < today || due > today.AddDays(90))
        {
            return Fail(Outcome.Refuse("The feedback is due today or within 90 days", nameof(c.DueOn)));
        }

        var feedback = new AuditFeedback { CaseAssessmentId = assessment.Id, OfficerStaffId = officer, Text = c.Text!.Trim(), SetOn = today, DueOn = due };
        db.AuditFeedback.Add(feedback);
        audit.Add(AuditAction.Disclosed, "Audit feedback sent to the responsible officer", [crn]);
        return await SaveChangesAsync(() => new Saved(feedback.Id, 0), ct);
    }

    public async Task<Outcome<Saved>> AcknowledgeAsync(AcknowledgeCommand c, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var readable = db.People.Where(viewer.InScope()).Where(viewer.MaySeeDetails());
        var feedback = await db.AuditFeedback
            .Where(f => f.Id == c.FeedbackId && f.OfficerStaffId == viewer.StaffMemberId)
            .Where(f => db.CaseAssessments.Any(a => a.Id == f.CaseAssessmentId && readable.Any(p => p.Id == a.PersonId)))
            .SingleOrDefaultAsync(ct);
        if (feedback is null)
        {
            return Fail(Outcome.Missing("feedback"));
        }

        if (feedback.AcknowledgedOn is not null)
        {
            return Fail(Outcome.Refuse($"You acknowledged this feedback on {feedback.AcknowledgedOn:d MMMM yyyy}"));
        }

        if (SupervisionRules.Text(c.Response, CaseAssessment.TextMaxLength, nameof(c.Response), "your response", true) is { } text)
        {
            return Fail(text);
        }

        var crn = await db.CaseAssessments.Where(a => a.Id == feedback.CaseAssessmentId).Select(a => a.Person!.Crn).SingleAsync(ct);
        feedback.AcknowledgedOn = clock.Today();
        feedback.Response = c.Response!.Trim();
        audit.Add(AuditAction.Altered, "Audit feedback acknowledged", [crn]);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok(), new Saved(feedback.Id, 0));
    }

    /// <summary>The audit to work on, when the user is a quality officer of its provider who may see the case.</summary>
    private async Task<(CaseAssessment? Assessment, Crn Crn, Outcome? Refusal)> OpenAsync(int id, CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (!viewer.IsInRole(Identity.Roles.QualityOfficer))
        {
            return (null, default, Outcome.Refuse(NotQualityStaff));
        }

        var assessment = await db.CaseAssessments.AsSplitQuery().Include(a => a.Judgements).Include(a => a.Prompts).Include(a => a.Person!).ThenInclude(p => p.AccessList)
            .SingleOrDefaultAsync(a => a.Id == id && a.ProviderId == viewer.ProviderId && a.Kind != CaseAssessmentKind.Inspection, ct);
        if (assessment is null || !CaseAccessRules.Decide(assessment.Person!.AccessList, viewer.StaffMemberId).Allowed)
        {
            return (null, default, Outcome.Missing("audit"));
        }

        return (assessment, assessment.Person.Crn, null);
    }

    /// <summary>Saves, answering what was saved (read after the save, so new ids are known), or stale when someone saved first.</summary>
    private async Task<Outcome<Saved>> SaveChangesAsync(Func<Saved> saved, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Fail(Outcome.Stale("Someone else saved this audit after you opened it. Reload it to see their change, then make yours again."));
        }

        return new(Outcome.Ok(), saved());
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Outcome<Saved> Fail(Outcome refusal) => new(refusal, null);
}
