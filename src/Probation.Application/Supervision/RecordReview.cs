using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Application.Supervision;

public sealed record EventCommand(string Crn, int ExpectedVersion, DateOnly On, SignificantEventKind Kind, string? Description);

public sealed record ActionEventCommand(string Crn, int ExpectedVersion, int EventId, DateOnly On, string? ActionTaken);

/// <summary>
/// Significant events (standard 2.4): each makes a review due. Monitoring violations (a curfew broken, an
/// exclusion zone entered) need a decision instead, recorded as the action taken.
/// </summary>
public sealed class RecordSignificantEvent(CaseChange change)
{
    public async Task<Outcome<Saved>> RunAsync(EventCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        if (!Enum.IsDefined(c.Kind))
        {
            return CaseChange.Fail(Outcome.Refuse("Select what happened", nameof(c.Kind)));
        }

        var bad = SupervisionRules.Date(c.On, change.Today, person, nameof(c.On), "event")
            ?? SupervisionRules.Text(c.Description, SignificantEvent.TextMaxLength, nameof(c.Description), "what happened", true);
        if (bad is not null)
        {
            return CaseChange.Fail(bad);
        }

        var e = new SignificantEvent { On = c.On, Kind = c.Kind, Description = c.Description!.Trim(), RecordedBy = change.Viewer.UserName };
        person.SignificantEvents.Add(e);
        return await change.SaveAsync(person, "Significant event recorded: " + SafetyNet.Describe(c.Kind), () => e.Id, ct);
    }

    public async Task<Outcome<Saved>> ActionAsync(ActionEventCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.Judgement, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var e = person.SignificantEvents.SingleOrDefault(x => x.Id == c.EventId);
        if (e is null)
        {
            return CaseChange.Fail(Outcome.Missing("event"));
        }

        if (e.ActionedOn is not null)
        {
            return CaseChange.Fail(Outcome.Refuse("The action on this event is already recorded"));
        }

        if (c.On < e.On || c.On > change.Today)
        {
            return CaseChange.Fail(Outcome.Refuse("The action is taken on or after the day of the event, and not in the future", nameof(c.On)));
        }

        if (SupervisionRules.Text(c.ActionTaken, SignificantEvent.TextMaxLength, nameof(c.ActionTaken), "the decision and the action taken", true) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        e.ActionedOn = c.On;
        e.ActionTaken = c.ActionTaken!.Trim();
        return await change.SaveAsync(person, "Action on a significant event recorded", () => e.Id, ct);
    }
}

public sealed record ProgressInput(int ObjectiveId, string? Progress);

public sealed record ReviewCommand(
    string Crn,
    int ExpectedVersion,
    ReviewKind Kind,
    DateOnly CompletedOn,
    int? TriggeredByEventId,
    IReadOnlyList<ProgressInput> Progress,
    string? OffendingFactorChanges,
    string? RiskFactorChanges,
    string? PersonsInvolvement,
    string? OtherAgencyInput,
    bool PlanAdjusted,
    string? WhyPlanNotAdjusted,
    RoshLevel? NewRosh);

/// <summary>
/// A review (standard 2.4): progress against each objective, changes in the factors linked to offending and
/// to harm, the person's involvement, other agencies' input, whether the plan changed (and why not), and a
/// new risk of serious harm classification where risk changed.
/// </summary>
public sealed class RecordReview(CaseChange change)
{
    public async Task<Outcome<Saved>> RunAsync(ReviewCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.Judgement, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        if (!Enum.IsDefined(c.Kind))
        {
            return CaseChange.Fail(Outcome.Refuse("Select the kind of review", nameof(c.Kind)));
        }

        var bad = SupervisionRules.Date(c.CompletedOn, change.Today, person, nameof(c.CompletedOn), "review")
            ?? SupervisionRules.Text(c.OffendingFactorChanges, Review.TextMaxLength, nameof(c.OffendingFactorChanges), "the changes in factors linked to offending", true)
            ?? SupervisionRules.Text(c.RiskFactorChanges, Review.TextMaxLength, nameof(c.RiskFactorChanges), "the changes in factors linked to risk of harm", true)
            ?? SupervisionRules.Text(c.PersonsInvolvement, Review.TextMaxLength, nameof(c.PersonsInvolvement), "how the person was involved in the review", true)
            ?? SupervisionRules.Text(c.OtherAgencyInput, Review.TextMaxLength, nameof(c.OtherAgencyInput), "other agencies' input", false)
            ?? SupervisionRules.Text(c.WhyPlanNotAdjusted, Review.TextMaxLength, nameof(c.WhyPlanNotAdjusted), "why the plan was not adjusted", !c.PlanAdjusted);
        if (bad is not null)
        {
            return CaseChange.Fail(bad);
        }

        if (c.NewRosh is { } rosh && !Enum.IsDefined(rosh))
        {
            return CaseChange.Fail(Outcome.Refuse("Select the risk of serious harm level", nameof(c.NewRosh)));
        }

        SignificantEvent? trigger = null;
        if (c.Kind == ReviewKind.Triggered)
        {
            trigger = person.SignificantEvents.SingleOrDefault(e => e.Id == c.TriggeredByEventId);
            if (trigger is null)
            {
                return CaseChange.Fail(Outcome.Refuse("Choose the significant event that triggered this review", nameof(c.TriggeredByEventId)));
            }

            if (trigger.On > c.CompletedOn)
            {
                return CaseChange.Fail(Outcome.Refuse("A triggered review follows the event that triggered it", nameof(c.CompletedOn)));
            }
        }
        else if (c.TriggeredByEventId is not null)
        {
            return CaseChange.Fail(Outcome.Refuse("Only a triggered review names an event", nameof(c.TriggeredByEventId)));
        }

        var objectives = person.Plan?.Objectives ?? [];
        var progress = new List<ObjectiveProgress>();
        foreach (var o in objectives.OrderBy(o => o.Priority))
        {
            var text = c.Progress.FirstOrDefault(p => p.ObjectiveId == o.Id)?.Progress;
            if (SupervisionRules.Text(text, Review.TextMaxLength, $"Progress[{o.Id}]", $"the progress against objective {o.Priority} ({o.Text})", true) is { } missing)
            {
                return CaseChange.Fail(missing);
            }

            progress.Add(new ObjectiveProgress { ObjectiveId = o.Id, ObjectiveText = o.Text, Progress = text!.Trim() });
        }

        if (c.Progress.Any(p => objectives.All(o => o.Id != p.ObjectiveId)))
        {
            return CaseChange.Fail(Outcome.Refuse("Progress was given against an objective that is not in the plan", nameof(c.Progress)));
        }

        var review = new Review
        {
            Kind = c.Kind,
            CompletedOn = c.CompletedOn,
            TriggeredByEventId = trigger?.Id,
            Progress = progress,
            OffendingFactorChanges = c.OffendingFactorChanges!.Trim(),
            RiskFactorChanges = c.RiskFactorChanges!.Trim(),
            PersonsInvolvement = c.PersonsInvolvement!.Trim(),
            OtherAgencyInput = string.IsNullOrWhiteSpace(c.OtherAgencyInput) ? null : c.OtherAgencyInput.Trim(),
            PlanAdjusted = c.PlanAdjusted,
            WhyPlanNotAdjusted = c.PlanAdjusted || string.IsNullOrWhiteSpace(c.WhyPlanNotAdjusted) ? null : c.WhyPlanNotAdjusted.Trim(),
            NewRosh = c.NewRosh,
            ReviewedBy = change.Viewer.UserName,
        };
        person.Reviews.Add(review);
        if (c.NewRosh is { } level && (person.Risk.AssessedOn is null || person.Risk.AssessedOn <= c.CompletedOn))
        {
            person.Risk.Rosh = level;
            person.Risk.AssessedOn = c.CompletedOn;
        }

        return await change.SaveAsync(person, c.Kind == ReviewKind.Triggered ? "Triggered review recorded" : "Review recorded", () => review.Id, ct);
    }
}

public sealed record ReferralCommand(string Crn, int ExpectedVersion, DateOnly On, ReferralService Service, string? Detail, ReferralOutcome Outcome, DateOnly? OutcomeOn);

public sealed record ReferralOutcomeCommand(string Crn, int ExpectedVersion, int ReferralId, ReferralOutcome Outcome, DateOnly OutcomeOn);

/// <summary>Referrals to services and partners (mental health, women's centres, housing, substance misuse, citizenship modules) and their outcomes.</summary>
public sealed class RecordReferral(CaseChange change)
{
    public async Task<Outcome<Saved>> RunAsync(ReferralCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        if (!Enum.IsDefined(c.Service) || !Enum.IsDefined(c.Outcome))
        {
            return CaseChange.Fail(Outcome.Refuse("Select the service and the outcome", nameof(c.Service)));
        }

        var bad = SupervisionRules.Date(c.On, change.Today, person, nameof(c.On), "referral")
            ?? SupervisionRules.Text(c.Detail, Referral.TextMaxLength, nameof(c.Detail), "who the referral is to and why", true);
        if (bad is not null)
        {
            return CaseChange.Fail(bad);
        }

        if (c.Outcome != ReferralOutcome.Awaiting && (c.OutcomeOn is not { } when || when < c.On || when > change.Today))
        {
            return CaseChange.Fail(Outcome.Refuse("Give the date of the outcome: on or after the referral, and not in the future", nameof(c.OutcomeOn)));
        }

        var referral = new Referral { On = c.On, Service = c.Service, Detail = c.Detail!.Trim(), Outcome = c.Outcome, OutcomeOn = c.Outcome == ReferralOutcome.Awaiting ? null : c.OutcomeOn, RecordedBy = change.Viewer.UserName };
        person.Referrals.Add(referral);
        return await change.SaveAsync(person, "Referral recorded", () => referral.Id, ct);
    }

    public async Task<Outcome<Saved>> OutcomeAsync(ReferralOutcomeCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var referral = person.Referrals.SingleOrDefault(r => r.Id == c.ReferralId);
        if (referral is null)
        {
            return CaseChange.Fail(Outcome.Missing("referral"));
        }

        if (!Enum.IsDefined(c.Outcome) || c.Outcome == ReferralOutcome.Awaiting)
        {
            return CaseChange.Fail(Outcome.Refuse("Select the outcome", nameof(c.Outcome)));
        }

        if (c.OutcomeOn < referral.On || c.OutcomeOn > change.Today)
        {
            return CaseChange.Fail(Outcome.Refuse("The outcome is on or after the referral, and not in the future", nameof(c.OutcomeOn)));
        }

        referral.Outcome = c.Outcome;
        referral.OutcomeOn = c.OutcomeOn;
        return await change.SaveAsync(person, "Referral outcome recorded", () => referral.Id, ct);
    }
}

public sealed record AlertExceptionCommand(string Crn, int ExpectedVersion, AlertCode Code, string? Reason, DateOnly Until);

/// <summary>
/// A team manager's reasoned exception to an alert that is raised now, for up to three months. It does
/// not dismiss the work: the alert returns when the exception ends if the work is still owed.
/// </summary>
public sealed class RecordAlertException(CaseChange change, SafetyNet safetyNet)
{
    public async Task<Outcome<Saved>> RunAsync(AlertExceptionCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.TeamManager, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        if (!Enum.IsDefined(c.Code))
        {
            return CaseChange.Fail(Outcome.Refuse("Select the alert", nameof(c.Code)));
        }

        if (!CaseSnapshots.Alerts(safetyNet, person, today).Any(a => a.Code == c.Code))
        {
            return CaseChange.Fail(Outcome.Refuse("That alert is not raised on this case", nameof(c.Code)));
        }

        if (SupervisionRules.Text(c.Reason, AlertExceptionEntry.ReasonMaxLength, nameof(c.Reason), "the reason for the exception", true) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        if (c.Until <= today || c.Until > today.AddDays(AlertExceptionEntry.MaxDays))
        {
            return CaseChange.Fail(Outcome.Refuse($"An exception lasts from tomorrow up to {AlertExceptionEntry.MaxDays} days ahead", nameof(c.Until)));
        }

        var entry = new AlertExceptionEntry { Code = c.Code, Reason = c.Reason!.Trim(), RecordedOn = today, Until = c.Until, RecordedBy = change.Viewer.UserName };
        person.AlertExceptions.Add(entry);
        return await change.SaveAsync(person, "Exception recorded to alert " + c.Code, () => entry.Id, ct);
    }
}
