using Microsoft.EntityFrameworkCore;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Application.Supervision;

public sealed record ContactCommand(
    string Crn,
    int ExpectedVersion,
    DateOnly On,
    TimeOnly? StartsAt,
    TimeOnly? EndsAt,
    ContactKind Kind,
    int? SiteId,
    int? RequirementId,
    ContactOutcome? Outcome,
    string? Notes,
    AbsenceDecision? Decision,
    string? DecisionReason);

public sealed record ContactOutcomeCommand(
    string Crn,
    int ExpectedVersion,
    int ContactId,
    ContactOutcome? Outcome,
    string? Notes,
    AbsenceDecision? Decision,
    string? DecisionReason,
    DateOnly? DecidedOn);

/// <summary>
/// Appointments and contacts (standard 2.3): booked ahead or recorded as they happened, with the
/// outcome; and for every failure to attend or comply, the officer's decision with their judgement in words.
/// </summary>
public sealed class RecordContact(CaseChange change)
{
    /// <summary>Appointments are booked at most a year ahead.</summary>
    public const int BookAheadDays = 365;

    public async Task<Outcome<Saved>> RunAsync(ContactCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        if (!Enum.IsDefined(c.Kind))
        {
            return CaseChange.Fail(Outcome.Refuse("Select the kind of contact", nameof(c.Kind)));
        }

        if (c.On > today.AddDays(BookAheadDays))
        {
            return CaseChange.Fail(Outcome.Refuse("Appointments can be booked up to a year ahead", nameof(c.On)));
        }

        if (SupervisionRules.Date(c.On < today ? c.On : today, today, person, nameof(c.On), "contact") is { } early)
        {
            return CaseChange.Fail(early);
        }

        if (c.Outcome is not null && c.On > today)
        {
            return CaseChange.Fail(Outcome.Refuse("An outcome can only be recorded for a contact today or in the past: this appointment has not happened yet", nameof(c.Outcome)));
        }

        if (c.StartsAt is { } s && c.EndsAt is { } e && e <= s)
        {
            return CaseChange.Fail(Outcome.Refuse("The contact must end after it starts", nameof(c.EndsAt)));
        }

        if (SupervisionRules.Text(c.Notes, Contact.TextMaxLength, nameof(c.Notes), "the notes", false) is { } notes)
        {
            return CaseChange.Fail(notes);
        }

        if (c.SiteId is { } siteId)
        {
            var site = await change.Db.Sites.AsNoTracking().SingleOrDefaultAsync(x => x.Id == siteId && x.ProviderId == person.ProviderId, ct);
            if (site is null)
            {
                return CaseChange.Fail(Outcome.Refuse("Choose one of the provider's sites", nameof(c.SiteId)));
            }

            if (c.Kind == ContactKind.CommunityHub)
            {
                var sessions = await change.Db.HubOpeningSessions.AsNoTracking().Where(x => x.SiteId == siteId).ToListAsync(ct);
                var rentals = await change.Db.HubRentalPeriods.AsNoTracking().Where(x => x.SiteId == siteId).ToListAsync(ct);
                if (SupervisionRules.HubSlot(c.On, c.StartsAt, c.EndsAt, site, sessions, rentals) is { } closed)
                {
                    return CaseChange.Fail(closed);
                }
            }
        }
        else if (c.Kind == ContactKind.CommunityHub)
        {
            return CaseChange.Fail(Outcome.Refuse("Choose the community hub", nameof(c.SiteId)));
        }

        if (c.RequirementId is { } rid && !person.Orders.SelectMany(o => o.Requirements).Any(r => r.Id == rid))
        {
            return CaseChange.Fail(Outcome.Refuse("The requirement is not one of this person's", nameof(c.RequirementId)));
        }

        var contact = new Contact
        {
            On = c.On,
            StartsAt = c.StartsAt,
            EndsAt = c.EndsAt,
            Kind = c.Kind,
            SiteId = c.SiteId,
            RequirementId = c.RequirementId,
            RecordedBy = change.Viewer.UserName,
        };
        if (Apply(contact, c.Outcome, c.Notes, c.Decision, c.DecisionReason, today, today) is { } bad)
        {
            return CaseChange.Fail(bad);
        }

        person.Contacts.Add(contact);
        var threshold = ThresholdReached(person, contact);
        return await change.SaveAsync(person, Describe(contact) + threshold, () => contact.Id, ct);
    }

    public async Task<Outcome<Saved>> OutcomeAsync(ContactOutcomeCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var contact = person.Contacts.SingleOrDefault(x => x.Id == c.ContactId);
        if (contact is null)
        {
            return CaseChange.Fail(Outcome.Missing("contact"));
        }

        var today = change.Today;
        if (contact.On > today)
        {
            return CaseChange.Fail(Outcome.Refuse("An outcome can only be recorded for a contact today or in the past: this appointment has not happened yet", nameof(c.Outcome)));
        }

        if (contact.Decision is not null)
        {
            return CaseChange.Fail(Outcome.Refuse("A decision on this absence is already recorded; record any later view as a note on a new contact"));
        }

        var decidedOn = c.DecidedOn ?? today;
        if (decidedOn < contact.On || decidedOn > today)
        {
            return CaseChange.Fail(Outcome.Refuse("The decision is made on or after the day of the contact, and not in the future", nameof(c.DecidedOn)));
        }

        if (SupervisionRules.Text(c.Notes, Contact.TextMaxLength, nameof(c.Notes), "the notes", false) is { } notes)
        {
            return CaseChange.Fail(notes);
        }

        var outcome = c.Outcome ?? contact.Outcome;
        if (contact.Outcome is not null && c.Outcome is not null && c.Outcome != contact.Outcome)
        {
            return CaseChange.Fail(Outcome.Refuse("The outcome of this contact is already recorded", nameof(c.Outcome)));
        }

        if (Apply(contact, outcome, c.Notes ?? contact.Notes, c.Decision, c.DecisionReason, decidedOn, today) is { } bad)
        {
            change.Db.ChangeTracker.Clear();
            return CaseChange.Fail(bad);
        }

        var threshold = ThresholdReached(person, contact);
        return await change.SaveAsync(person, (c.Decision is null ? "Contact outcome recorded" : "Absence decision recorded") + threshold, () => contact.Id, ct);
    }

    /// <summary>Records the threshold event when this failure reaches the order's enforcement threshold; returns what to add to the audit summary.</summary>
    private string ThresholdReached(PersonOnProbation person, Contact contact)
    {
        if (SupervisionRules.ThresholdEvent(person, contact, change.Viewer.UserName) is not { } reached)
        {
            return "";
        }

        person.SignificantEvents.Add(reached);
        return "; enforcement threshold reached";
    }

    private static Outcome? Apply(Contact contact, ContactOutcome? outcome, string? notes, AbsenceDecision? decision, string? reason, DateOnly decidedOn, DateOnly today)
    {
        if (outcome is { } o && !Enum.IsDefined(o))
        {
            return Outcome.Refuse("Select the outcome", "Outcome");
        }

        if (decision is not null && !ContactOutcomes.NeedsDecision(outcome))
        {
            return Outcome.Refuse("A decision on acceptability is recorded only for a failure to attend or comply", "Decision");
        }

        if (decision is { } d && !Enum.IsDefined(d))
        {
            return Outcome.Refuse("Select whether the absence was acceptable", "Decision");
        }

        if (decision is not null && string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Refuse("Record your judgement: why the absence is acceptable or unacceptable", "DecisionReason");
        }

        if (SupervisionRules.Text(reason, Contact.TextMaxLength, "DecisionReason", "the judgement", false) is { } tooLong)
        {
            return tooLong;
        }

        contact.Outcome = outcome;
        contact.Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (decision is not null)
        {
            contact.Decision = decision;
            contact.DecisionReason = reason!.Trim();
            contact.DecidedOn = decidedOn <= today ? decidedOn : today;
        }

        return null;
    }

    private static string Describe(Contact c) => c.Outcome switch
    {
        null => "Appointment booked",
        _ when c.Decision is not null => "Contact and absence decision recorded",
        _ => "Contact recorded",
    };
}

public sealed record EnforcementCommand(string Crn, int ExpectedVersion, DateOnly On, EnforcementKind Kind, int? ContactId, string? Notes);

/// <summary>
/// Enforcement (standard 2.3): warnings, breach to court and its outcome, recall and its outcome, and
/// re-engagement afterwards. Breach is for community and suspended sentence orders; recall for licences.
/// </summary>
public sealed class RecordEnforcement(CaseChange change)
{
    public async Task<Outcome<Saved>> RunAsync(EnforcementCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.Judgement, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        if (!Enum.IsDefined(c.Kind))
        {
            return CaseChange.Fail(Outcome.Refuse("Select the enforcement action", nameof(c.Kind)));
        }

        var bad = SupervisionRules.Date(c.On, today, person, nameof(c.On), "enforcement action")
            ?? SupervisionRules.Text(c.Notes, EnforcementAction.TextMaxLength, nameof(c.Notes), "what was decided and why",
                c.Kind is EnforcementKind.NoFurtherAction or EnforcementKind.CourtOutcome or EnforcementKind.RecallOutcome or EnforcementKind.ReEngagement);
        if (bad is not null)
        {
            return CaseChange.Fail(bad);
        }

        Contact? failure = null;
        if (c.ContactId is { } contactId)
        {
            failure = person.Contacts.SingleOrDefault(x => x.Id == contactId);
            if (failure is null || failure.Decision != AbsenceDecision.Unacceptable)
            {
                return CaseChange.Fail(Outcome.Refuse("Enforcement answers an unacceptable failure: choose one", nameof(c.ContactId)));
            }

            if (c.On < failure.On)
            {
                return CaseChange.Fail(Outcome.Refuse("Enforcement action follows the failure it answers", nameof(c.On)));
            }
        }

        var order = SupervisionRules.CurrentOrder(person, c.On);
        var community = order?.Type is OrderType.CommunityOrder or OrderType.SuspendedSentenceOrder;
        var licence = order?.Type is OrderType.Licence or OrderType.PostSentenceSupervision;
        bool Before(EnforcementKind k) => person.EnforcementActions.Any(x => x.Kind == k && x.On <= c.On);
        var rule = c.Kind switch
        {
            EnforcementKind.BreachInitiated or EnforcementKind.LaidBeforeCourt or EnforcementKind.CourtOutcome when !community =>
                "Breach proceedings are for community and suspended sentence orders; on a licence, request recall",
            EnforcementKind.RecallRequested or EnforcementKind.RecallOutcome when !licence =>
                "Recall is for licences and post-sentence supervision; on a community order, initiate breach",
            EnforcementKind.LaidBeforeCourt when !Before(EnforcementKind.BreachInitiated) => "Initiate breach before laying it before the court",
            EnforcementKind.CourtOutcome when !Before(EnforcementKind.LaidBeforeCourt) => "Record that the breach was laid before the court before its outcome",
            EnforcementKind.RecallOutcome when !Before(EnforcementKind.RecallRequested) => "Record the recall request before its outcome",
            _ => null,
        };
        if (rule is not null)
        {
            return CaseChange.Fail(Outcome.Refuse(rule, nameof(c.Kind)));
        }

        var action = new EnforcementAction { On = c.On, Kind = c.Kind, ContactId = failure?.Id, Notes = string.IsNullOrWhiteSpace(c.Notes) ? null : c.Notes.Trim(), RecordedBy = change.Viewer.UserName };
        person.EnforcementActions.Add(action);
        return await change.SaveAsync(person, "Enforcement recorded: " + Describe(c.Kind), () => action.Id, ct);
    }

    public static string Describe(EnforcementKind kind) => kind switch
    {
        EnforcementKind.Warning => "Warning issued",
        EnforcementKind.BreachInitiated => "Breach initiated",
        EnforcementKind.LaidBeforeCourt => "Laid before the court",
        EnforcementKind.CourtOutcome => "Court outcome",
        EnforcementKind.RecallRequested => "Recall requested",
        EnforcementKind.RecallOutcome => "Recall outcome",
        EnforcementKind.NoFurtherAction => "No further action",
        EnforcementKind.ReEngagement => "Re-engagement",
        _ => kind.ToString(),
    };
}
