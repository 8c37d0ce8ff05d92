using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Oversight;
using Probation.Domain.Supervision;

namespace Probation.Application.Oversight;

public sealed record CountersignCommand(string Crn, int ExpectedVersion, OversightSubject Subject, int? SubjectId, string? Comment);

public sealed record DirectionCommand(string Crn, int ExpectedVersion, string? Direction, DateOnly? CheckBy);

public sealed record DirectionCheckCommand(string Crn, int ExpectedVersion, int EntryId, bool? Followed, string? Comment);

/// <summary>
/// Management oversight on a case, recorded by the manager of the team holding it: countersigning an
/// assessment, plan or review; a direction with the date to check it; and that check.
/// </summary>
public sealed class RecordOversight(CaseChange change)
{
    /// <summary>A direction is checked within a year.</summary>
    public const int MaxCheckDays = 365;

    public async Task<Outcome<Saved>> CountersignAsync(CountersignCommand c, CancellationToken ct)
    {
        var (person, refusal) = await OpenAsync(c.Crn, c.ExpectedVersion, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var subjectId = c.Subject == OversightSubject.Plan ? person.Plan?.Id : c.SubjectId;
        var refused = c.Subject switch
        {
            OversightSubject.Assessment => person.Assessments.SingleOrDefault(a => a.Id == c.SubjectId) switch
            {
                null => Outcome.Refuse("Choose one of this case's assessments", nameof(c.SubjectId)),
                { CompletedOn: null } => Outcome.Refuse("Only a completed assessment can be countersigned", nameof(c.SubjectId)),
                _ => null,
            },
            OversightSubject.Plan => person.Plan?.CompletedOn is null ? Outcome.Refuse("The sentence plan is not completed yet, so it cannot be countersigned", nameof(c.Subject)) : null,
            OversightSubject.Review => person.Reviews.Any(r => r.Id == c.SubjectId) ? null : Outcome.Refuse("Choose one of this case's reviews", nameof(c.SubjectId)),
            _ => Outcome.Refuse("Choose what you are countersigning: an assessment, the plan or a review", nameof(c.Subject)),
        } ?? (Refused?)SupervisionRules.Text(c.Comment, OversightEntry.TextMaxLength, nameof(c.Comment), "your comment", false);
        if (refused is not null)
        {
            return CaseChange.Fail(refused);
        }

        if (person.Oversight.FirstOrDefault(o => o.Kind == OversightKind.Countersignature && o.Subject == c.Subject && o.SubjectId == subjectId) is { } earlier)
        {
            return CaseChange.Fail(Outcome.Refuse($"This was countersigned on {earlier.RecordedOn:d MMMM yyyy}", nameof(c.SubjectId)));
        }

        var entry = new OversightEntry
        {
            Kind = OversightKind.Countersignature,
            Subject = c.Subject,
            SubjectId = subjectId,
            RecordedOn = change.Today,
            RecordedBy = change.Viewer.UserName,
            ManagerStaffId = change.Viewer.StaffMemberId,
            Text = string.IsNullOrWhiteSpace(c.Comment) ? null : c.Comment.Trim(),
        };
        person.Oversight.Add(entry);
        return await change.SaveAsync(person, $"Management oversight: {Describe(c.Subject)} countersigned", () => entry.Id, ct);
    }

    public async Task<Outcome<Saved>> DirectAsync(DirectionCommand c, CancellationToken ct)
    {
        var (person, refusal) = await OpenAsync(c.Crn, c.ExpectedVersion, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var today = change.Today;
        var refused = SupervisionRules.Text(c.Direction, OversightEntry.TextMaxLength, nameof(c.Direction), "your direction to the officer", true)
            ?? (c.CheckBy is not { } by ? Outcome.Refuse("Enter the date by which you will check the direction was followed", nameof(c.CheckBy))
                : by <= today || by > today.AddDays(MaxCheckDays) ? Outcome.Refuse("The check date must be after today and within a year", nameof(c.CheckBy))
                : null);
        if (refused is not null)
        {
            return CaseChange.Fail(refused);
        }

        var entry = new OversightEntry
        {
            Kind = OversightKind.Direction,
            Subject = OversightSubject.Case,
            RecordedOn = today,
            RecordedBy = change.Viewer.UserName,
            ManagerStaffId = change.Viewer.StaffMemberId,
            Text = c.Direction!.Trim(),
            CheckBy = c.CheckBy,
        };
        person.Oversight.Add(entry);
        return await change.SaveAsync(person, "Management oversight: direction recorded", () => entry.Id, ct);
    }

    public async Task<Outcome<Saved>> CheckAsync(DirectionCheckCommand c, CancellationToken ct)
    {
        var (person, refusal) = await OpenAsync(c.Crn, c.ExpectedVersion, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var entry = person.Oversight.SingleOrDefault(o => o.Id == c.EntryId && o.Kind == OversightKind.Direction);
        if (entry is null)
        {
            return CaseChange.Fail(Outcome.Missing("direction"));
        }

        var refused = entry.CheckedOn is { } done ? Outcome.Refuse($"This direction was checked on {done:d MMMM yyyy}")
            : c.Followed is null ? Outcome.Refuse("Select whether the direction was followed", nameof(c.Followed))
            : SupervisionRules.Text(c.Comment, OversightEntry.TextMaxLength, nameof(c.Comment), "what was not done and what happens next", c.Followed == false);
        if (refused is not null)
        {
            return CaseChange.Fail(refused);
        }

        entry.CheckedOn = change.Today;
        entry.Followed = c.Followed;
        entry.CheckComment = string.IsNullOrWhiteSpace(c.Comment) ? null : c.Comment.Trim();
        return await change.SaveAsync(person, "Management oversight: direction checked", () => entry.Id, ct);
    }

    public static string Describe(OversightSubject subject) => subject switch
    {
        OversightSubject.Assessment => "assessment",
        OversightSubject.Plan => "sentence plan",
        OversightSubject.Review => "review",
        _ => "case",
    };

    private async Task<(Domain.Cases.PersonOnProbation? Person, Outcome? Refusal)> OpenAsync(string crn, int version, CancellationToken ct)
    {
        var opened = await change.OpenAsync(crn, version, WriteRight.TeamManager, ct);
        if (opened.Person is { } person)
        {
            await change.Db.Entry(person).Collection(p => p.Oversight).LoadAsync(ct);
        }

        return opened;
    }
}
