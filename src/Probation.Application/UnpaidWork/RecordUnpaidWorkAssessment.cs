using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

public sealed record UnpaidWorkAssessmentCommand(
    string Crn, int ExpectedVersion, DateOnly CompletedOn, string? Health, string? Skills, WorkDays AvailableDays, string? AvailabilityNotes,
    string? RiskToPublic, string? RiskToSupervisors, string? DiversityNeeds, ProjectRisks RuledOut);

/// <summary>
/// The unpaid work assessment (section 4.1: "all assessments have been undertaken prior to anyone being allocated to a
/// placement"): health, skills, availability, risk of harm to the public and to supervisors, diversity needs, and which
/// kinds of project the risk rules out.
/// </summary>
public sealed class RecordUnpaidWorkAssessment(UnpaidWorkChange change)
{
    public async Task<Outcome<Saved>> RunAsync(UnpaidWorkAssessmentCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, staffOnly: false, ct);
        if (person is null)
        {
            return UnpaidWorkChange.Fail(refusal!);
        }

        var max = UnpaidWorkAssessment.TextMaxLength;
        var bad = SupervisionRules.Date(c.CompletedOn, change.Today, person, nameof(c.CompletedOn), "assessment")
            ?? SupervisionRules.Text(c.Health, max, nameof(c.Health), "the person's health and any limits on the work they can do", true)
            ?? SupervisionRules.Text(c.Skills, max, nameof(c.Skills), "the person's skills and experience", true)
            ?? (c.AvailableDays == WorkDays.None || (c.AvailableDays & ~AllDays) != 0 ? new Refused("Select the days the person can work", nameof(c.AvailableDays)) : null)
            ?? SupervisionRules.Text(c.AvailabilityNotes, max, nameof(c.AvailabilityNotes), "the availability notes", false)
            ?? SupervisionRules.Text(c.RiskToPublic, max, nameof(c.RiskToPublic), "the risk of harm to the public", true)
            ?? SupervisionRules.Text(c.RiskToSupervisors, max, nameof(c.RiskToSupervisors), "the risk of harm to supervisors", true)
            ?? SupervisionRules.Text(c.DiversityNeeds, max, nameof(c.DiversityNeeds), "diversity needs (or that none were identified)", true)
            ?? ((c.RuledOut & ~AllRisks) != 0 ? new Refused("Select what the risk rules out from the list", nameof(c.RuledOut)) : null);
        if (bad is not null)
        {
            return UnpaidWorkChange.Fail(bad);
        }

        if (UnpaidWorkChange.Requirement(person, c.CompletedOn).Requirement is null)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("This person has no unpaid work requirement", nameof(c.Crn)));
        }

        var assessment = new UnpaidWorkAssessment
        {
            PersonId = person.Id,
            CompletedOn = c.CompletedOn,
            Health = c.Health!.Trim(),
            Skills = c.Skills!.Trim(),
            AvailableDays = c.AvailableDays,
            AvailabilityNotes = string.IsNullOrWhiteSpace(c.AvailabilityNotes) ? null : c.AvailabilityNotes.Trim(),
            RiskToPublic = c.RiskToPublic!.Trim(),
            RiskToSupervisors = c.RiskToSupervisors!.Trim(),
            DiversityNeeds = c.DiversityNeeds!.Trim(),
            RuledOut = c.RuledOut,
            AssessedBy = change.Viewer.UserName,
        };
        change.Db.UnpaidWorkAssessments.Add(assessment);
        change.Db.Touch(person);
        return await change.SaveAsync("Unpaid work assessment recorded", [person.Crn], () => new Saved(assessment.Id, person.Version), ct);
    }

    public static readonly WorkDays AllDays = Enum.GetValues<WorkDays>().Aggregate(WorkDays.None, (all, d) => all | d);

    public static readonly ProjectRisks AllRisks = Enum.GetValues<ProjectRisks>().Aggregate(ProjectRisks.None, (all, d) => all | d);
}

public sealed record AwardCommand(string Crn, int ExpectedVersion, Qualification Qualification, DateOnly RegisteredOn);

/// <summary>Registers an accredited award once the person has worked the hours it is based on (the report: 64).</summary>
public sealed class RegisterAward(UnpaidWorkChange change)
{
    public async Task<Outcome<Saved>> RunAsync(AwardCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, staffOnly: true, ct);
        if (person is null)
        {
            return UnpaidWorkChange.Fail(refusal!);
        }

        if (!Enum.IsDefined(c.Qualification))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Select the award", nameof(c.Qualification)));
        }

        if (SupervisionRules.Date(c.RegisteredOn, change.Today, person, nameof(c.RegisteredOn), "registration") is { } date)
        {
            return UnpaidWorkChange.Fail(date);
        }

        var hours = UnpaidWorkRules.HoursTowardsAwards(person.UnpaidWorkBookings.Where(b => b.On <= c.RegisteredOn).Select(b => b.ToRecord()));
        var worked = hours.TryGetValue(c.Qualification, out var h) ? h : 0;
        if (worked < UnpaidWorkRules.HoursForAward)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse(
                $"{UnpaidWorkRules.Describe(c.Qualification)} is based on {UnpaidWorkRules.HoursForAward} hours of work: {worked} worked towards it so far", nameof(c.Qualification)));
        }

        var db = change.Db;
        if (db.UnpaidWorkAwards.Any(a => a.PersonId == person.Id && a.Qualification == c.Qualification))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("This award is already registered", nameof(c.Qualification)));
        }

        var award = new UnpaidWorkAward { PersonId = person.Id, Qualification = c.Qualification, RegisteredOn = c.RegisteredOn, HoursTowards = worked, RecordedBy = change.Viewer.UserName };
        db.UnpaidWorkAwards.Add(award);
        db.Touch(person);
        return await change.SaveAsync("Unpaid work award registered: " + UnpaidWorkRules.Describe(c.Qualification), [person.Crn], () => new Saved(award.Id, person.Version), ct);
    }
}
