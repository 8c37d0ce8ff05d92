using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Application.Supervision;

public sealed record NeedRating(Need Need, NeedSeverity Severity, bool LinkedToOffending, bool LinkedToHarm);

/// <summary>An assessment as entered. <c>AssessmentId</c> continues a draft; <c>CompletedOn</c> completes it.</summary>
public sealed record AssessmentCommand(
    string Crn,
    int ExpectedVersion,
    int? AssessmentId,
    AssessmentKind Kind,
    DateOnly StartedOn,
    DateOnly? CompletedOn,
    string? CurrentOffence,
    bool PreviousConvictionsReviewed,
    string? PatternsOfOffending,
    IReadOnlyList<NeedRating> Needs,
    string? Strengths,
    string? DiversityAndCircumstances,
    string? Motivation,
    string? PersonsViews,
    string? InformationSources,
    RoshLevel? Rosh,
    string? RoshReasons,
    string? WhoIsAtRisk,
    bool RiskToChildren,
    bool RiskToKnownAdult,
    bool RiskToPublic,
    bool RiskToStaff);

/// <summary>
/// Starts, continues or completes an assessment (standard 2.1). Completing it records the risk of
/// serious harm classification on the case; a completed assessment is not changed afterwards.
/// </summary>
public sealed class RecordAssessment(CaseChange change)
{
    public async Task<Outcome<Saved>> RunAsync(AssessmentCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.Judgement, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        Assessment? assessment;
        if (c.AssessmentId is { } id)
        {
            assessment = person.Assessments.SingleOrDefault(a => a.Id == id);
            if (assessment is null)
            {
                return CaseChange.Fail(Outcome.Missing("assessment"));
            }

            if (assessment.IsComplete)
            {
                return CaseChange.Fail(Outcome.Refuse("This assessment is complete and cannot be changed. Start a new assessment for a review or a significant change."));
            }
        }
        else
        {
            if (person.Assessments.Any(a => !a.IsComplete))
            {
                return CaseChange.Fail(Outcome.Refuse("This case has an assessment in progress: continue that one."));
            }

            if (c.Kind == AssessmentKind.Initial && person.Assessments.Any(a => a.Kind == AssessmentKind.Initial && a.StartedOn >= (SupervisionRules.CurrentOrder(person, today)?.StartDate ?? DateOnly.MinValue)))
            {
                return CaseChange.Fail(Outcome.Refuse("This order already has an initial assessment. Choose a review, significant change or termination assessment.", nameof(c.Kind)));
            }

            assessment = new Assessment { AssessedBy = change.Viewer.UserName };
            person.Assessments.Add(assessment);
        }

        var bad = Check(c, person, today);
        if (bad is not null)
        {
            return CaseChange.Fail(bad);
        }

        assessment.Kind = c.Kind;
        assessment.StartedOn = c.StartedOn;
        assessment.AssessedBy = change.Viewer.UserName;
        assessment.CurrentOffence = Clean(c.CurrentOffence);
        assessment.PreviousConvictionsReviewed = c.PreviousConvictionsReviewed;
        assessment.PatternsOfOffending = Clean(c.PatternsOfOffending);
        assessment.Strengths = Clean(c.Strengths);
        assessment.DiversityAndCircumstances = Clean(c.DiversityAndCircumstances);
        assessment.Motivation = Clean(c.Motivation);
        assessment.PersonsViews = Clean(c.PersonsViews);
        assessment.InformationSources = Clean(c.InformationSources);
        assessment.Rosh = c.Rosh;
        assessment.RoshReasons = Clean(c.RoshReasons);
        assessment.WhoIsAtRisk = Clean(c.WhoIsAtRisk);
        assessment.RiskToChildren = c.RiskToChildren;
        assessment.RiskToKnownAdult = c.RiskToKnownAdult;
        assessment.RiskToPublic = c.RiskToPublic;
        assessment.RiskToStaff = c.RiskToStaff;
        foreach (var rating in c.Needs)
        {
            var need = assessment.Needs.SingleOrDefault(n => n.Need == rating.Need);
            if (need is null)
            {
                need = new AssessedNeed { Need = rating.Need };
                assessment.Needs.Add(need);
            }

            need.Severity = rating.Severity;
            need.LinkedToOffending = rating.LinkedToOffending;
            need.LinkedToHarm = rating.LinkedToHarm;
        }

        if (c.CompletedOn is { } completed)
        {
            var incomplete = SupervisionRules.AssessmentCompletion(assessment, person, completed);
            if (incomplete is not null)
            {
                change.Db.ChangeTracker.Clear();
                return CaseChange.Fail(incomplete);
            }

            assessment.CompletedOn = completed;

            // The latest completed assessment is the case's risk of serious harm classification.
            if (person.Risk.AssessedOn is null || person.Risk.AssessedOn <= completed)
            {
                person.Risk.Rosh = assessment.Rosh;
                person.Risk.RiskToChildren = assessment.RiskToChildren;
                person.Risk.RiskToKnownAdult = assessment.RiskToKnownAdult;
                person.Risk.RiskToPublic = assessment.RiskToPublic;
                person.Risk.RiskToStaff = assessment.RiskToStaff;
                person.Risk.AssessedOn = completed;
            }
        }

        var what = c.CompletedOn is null ? "Assessment saved as a draft" : "Assessment completed";
        return await change.SaveAsync(person, what, () => assessment.Id, ct);
    }

    private static Outcome? Check(AssessmentCommand c, Domain.Cases.PersonOnProbation person, DateOnly today)
    {
        if (!Enum.IsDefined(c.Kind))
        {
            return Outcome.Refuse("Select the kind of assessment", nameof(c.Kind));
        }

        var bad = SupervisionRules.Date(c.StartedOn, today, person, nameof(c.StartedOn), "assessment");
        if (bad is not null)
        {
            return bad;
        }

        if (c.CompletedOn is { } done && (done < c.StartedOn || done > today))
        {
            return Outcome.Refuse("The assessment must be completed on or after the day it started, and not in the future", nameof(c.CompletedOn));
        }

        foreach (var (value, field, what) in new[]
                 {
                     (c.CurrentOffence, nameof(c.CurrentOffence), "the analysis of the current offence"),
                     (c.PatternsOfOffending, nameof(c.PatternsOfOffending), "the patterns of offending"),
                     (c.Strengths, nameof(c.Strengths), "strengths and protective factors"),
                     (c.DiversityAndCircumstances, nameof(c.DiversityAndCircumstances), "diversity and personal circumstances"),
                     (c.Motivation, nameof(c.Motivation), "motivation and readiness"),
                     (c.PersonsViews, nameof(c.PersonsViews), "the person's views"),
                     (c.InformationSources, nameof(c.InformationSources), "the information sources"),
                     (c.RoshReasons, nameof(c.RoshReasons), "the reasons for the classification"),
                     (c.WhoIsAtRisk, nameof(c.WhoIsAtRisk), "who is at risk"),
                 })
        {
            if (SupervisionRules.Text(value, Assessment.TextMaxLength, field, what, required: false) is { } tooLong)
            {
                return tooLong;
            }
        }

        if (c.Needs.GroupBy(n => n.Need).Any(g => g.Count() > 1))
        {
            return Outcome.Refuse("Rate each need once", nameof(c.Needs));
        }

        if (c.Needs.Any(n => !Enum.IsDefined(n.Need) || !Enum.IsDefined(n.Severity)))
        {
            return Outcome.Refuse("A need or severity is not one of the listed values", nameof(c.Needs));
        }

        if (c.Needs.Any(n => n.Severity == NeedSeverity.NoProblems && (n.LinkedToOffending || n.LinkedToHarm)))
        {
            return Outcome.Refuse("A need with no problems cannot be linked to offending or to harm", nameof(c.Needs));
        }

        return null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record RequestCheckCommand(string Crn, int ExpectedVersion, AgencyCheckKind Kind, DateOnly? RequestedOn, string? NotRequiredReason);

public sealed record UpdateCheckCommand(string Crn, int ExpectedVersion, int CheckId, DateOnly? ChasedOn, DateOnly? AnsweredOn, string? Summary);

/// <summary>
/// Police domestic abuse call-out and children's services checks (recommendation 4): requested, chased,
/// answered with a summary; or recorded as not needed, with the reason. A refresh is a new request.
/// </summary>
public sealed class RecordAgencyCheck(CaseChange change)
{
    public async Task<Outcome<Saved>> RequestAsync(RequestCheckCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        if (!Enum.IsDefined(c.Kind))
        {
            return CaseChange.Fail(Outcome.Refuse("Select the check", nameof(c.Kind)));
        }

        var reason = c.NotRequiredReason?.Trim();
        if (c.RequestedOn is null == string.IsNullOrEmpty(reason))
        {
            return CaseChange.Fail(Outcome.Refuse("Give either the date the check was requested, or the reason it is not needed", nameof(c.RequestedOn)));
        }

        if (c.RequestedOn is { } on && SupervisionRules.Date(on, change.Today, person, nameof(c.RequestedOn), "request") is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        if (SupervisionRules.Text(reason, AgencyCheck.TextMaxLength, nameof(c.NotRequiredReason), "the reason", false) is { } tooLong)
        {
            return CaseChange.Fail(tooLong);
        }

        if (c.RequestedOn is { } asked && person.AgencyChecks.Any(x => x.Kind == c.Kind && x.RequestedOn is not null && x.AnsweredOn is null && x.RequestedOn <= asked))
        {
            return CaseChange.Fail(Outcome.Refuse("A request for this check is still awaiting an answer: chase it, or record the answer", nameof(c.Kind)));
        }

        var check = new AgencyCheck { Kind = c.Kind, RequestedOn = c.RequestedOn, NotRequiredReason = reason, RecordedBy = change.Viewer.UserName };
        person.AgencyChecks.Add(check);
        var what = c.Kind == AgencyCheckKind.PoliceDomesticAbuse ? "police domestic abuse call-out check" : "children's services check";
        return await change.SaveAsync(person, (c.RequestedOn is null ? "Recorded as not needed: " : "Requested: ") + what, () => check.Id, ct);
    }

    public async Task<Outcome<Saved>> UpdateAsync(UpdateCheckCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var check = person.AgencyChecks.SingleOrDefault(x => x.Id == c.CheckId);
        if (check is null)
        {
            return CaseChange.Fail(Outcome.Missing("check"));
        }

        if (check.RequestedOn is not { } requested)
        {
            return CaseChange.Fail(Outcome.Refuse("This check was recorded as not needed; request a new one instead"));
        }

        if (c.ChasedOn is null && c.AnsweredOn is null)
        {
            return CaseChange.Fail(Outcome.Refuse("Give the date the check was chased or answered", nameof(c.AnsweredOn)));
        }

        var today = change.Today;
        if (c.ChasedOn is { } chased && (chased < requested || chased > today))
        {
            return CaseChange.Fail(Outcome.Refuse("A check is chased after it was requested, and not in the future", nameof(c.ChasedOn)));
        }

        if (c.AnsweredOn is { } answered)
        {
            if (check.AnsweredOn is not null)
            {
                return CaseChange.Fail(Outcome.Refuse("This check has already been answered; request a new one to refresh it", nameof(c.AnsweredOn)));
            }

            if (answered < requested || answered > today)
            {
                return CaseChange.Fail(Outcome.Refuse("A check is answered on or after it was requested, and not in the future", nameof(c.AnsweredOn)));
            }

            if (SupervisionRules.Text(c.Summary, AgencyCheck.TextMaxLength, nameof(c.Summary), "a summary of the answer", true) is { } bad)
            {
                return CaseChange.Fail(bad);
            }

            check.AnsweredOn = answered;
            check.Summary = c.Summary!.Trim();
        }

        if (c.ChasedOn is { } chasedOn)
        {
            check.ChasedOn = chasedOn;
        }

        return await change.SaveAsync(person, c.AnsweredOn is null ? "Agency check chased" : "Agency check answered", () => check.Id, ct);
    }
}
