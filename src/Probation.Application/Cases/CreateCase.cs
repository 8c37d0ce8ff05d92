using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Domain.Allocation;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Cases;

/// <summary>A new case: its CRN (assigned when none was given), id and first version.</summary>
/// <summary>The new case, and the team whose allocation queue it joined (the standalone unpaid work team when unpaid work is its only requirement).</summary>
public sealed record CreatedCase(string Crn, int Id, int Version, int TeamId, string Team);

public sealed record NewRequirement(RequirementType Type, int? RarDays, int? UnpaidWorkHours, AccreditedProgramme? Programme, int? LengthMonths);

public sealed record NewRegistration(RegistrationType Type, DateOnly StartedOn, MappaLevel? MappaLevel = null, MappaCategory? MappaCategory = null);

public sealed record CreateCaseCommand(
    string? Crn,
    string FirstName,
    string LastName,
    DateOnly DateOfBirth,
    Gender Gender,
    int TeamId,
    CaseSource Source,
    DateOnly ReceivedOn,
    Address? Address,
    OrderType OrderType,
    DateOnly OrderStart,
    int LengthMonths,
    string Court,
    OffenceCategory MainOffence,
    IReadOnlyList<NewRequirement> Requirements,
    RoshLevel? Rosh,
    bool RiskToChildren,
    bool RiskToKnownAdult,
    bool RiskToPublic,
    bool RiskToStaff,
    int? OgrsScore,
    IReadOnlyList<NewRegistration> Registrations);

/// <summary>
/// A new case from court or by transfer: the person, the order and its requirements, the risk profile
/// as known, and the registrations. It joins the receiving team's allocation queue, or, when unpaid work is the
/// order's only requirement, the standalone unpaid work team's (section 4.1). Refused whole if any part is wrong.
/// </summary>
public sealed class CreateCase(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<CreatedCase>> RunAsync(CreateCaseCommand c, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == c.TeamId && t.ProviderId == viewer.ProviderId, ct);
        if (team is null)
        {
            return Fail(Outcome.Missing("team"));
        }

        if (!viewer.MayChange(team.Id, null))
        {
            return Fail(Outcome.Refuse(ReceivingTeamOnly));
        }

        var today = clock.Today();
        var refusal = Check(c, today);
        if (refusal is not null)
        {
            return Fail(refusal);
        }

        Crn crn;
        if (!string.IsNullOrWhiteSpace(c.Crn))
        {
            if (!Domain.Common.Crn.TryParse(c.Crn, out crn))
            {
                return Fail(Outcome.Refuse(Domain.Common.Crn.FormatDescription, nameof(c.Crn)));
            }

            if (await db.People.AnyAsync(p => p.Crn == crn, ct))
            {
                return Fail(Outcome.Refuse($"A case with CRN {crn.Value} already exists. A transfer keeps its CRN: find the case instead.", nameof(c.Crn)));
            }
        }
        else
        {
            crn = await NextCrnAsync(ct);
        }

        // A dedicated team manages standalone unpaid work cases; every other case stays with the receiving team.
        var holding = HeldByStandaloneTeam(c)
            ? await db.Teams.AsNoTracking().Where(t => t.ProviderId == team.ProviderId && t.Kind == TeamKind.UnpaidWork).OrderBy(t => t.Id).FirstOrDefaultAsync(ct) ?? team
            : team;
        var person = NewPerson(c, crn, team.ProviderId, holding.Id, clock.GetUtcNow().UtcDateTime);
        db.People.Add(person);
        var entry = audit.Add(AuditAction.Collected, c.Source == CaseSource.Court ? "Case created from court" : "Case received by transfer", [crn]);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 10)
            {
                // Another case took the CRN between the check and the save: a CRN sent is a conflict to
                // report; an assigned one is simply the next free number.
                if (!await db.People.AsNoTracking().AnyAsync(p => p.Crn == crn, ct))
                {
                    throw;
                }

                if (!string.IsNullOrWhiteSpace(c.Crn))
                {
                    db.ChangeTracker.Clear();
                    return Fail(Outcome.Refuse($"A case with CRN {crn.Value} already exists. A transfer keeps its CRN: find the case instead.", nameof(c.Crn)));
                }

                // Cases saved at the same moment all count the same cases: spread the next tries apart.
                crn = await NextCrnAsync(Random.Shared.Next(1, 4 * attempt + 8), ct);
                person.Crn = crn;
                entry.Subjects[0].Crn = crn.Value;
            }
        }

        return new Outcome<CreatedCase>(Outcome.Ok(), new CreatedCase(crn.Value, person.Id, person.Version, holding.Id, holding.Name));
    }

    public const string ReceivingTeamOnly = "Only staff of the receiving team can create a case for it.";

    private static Outcome<CreatedCase> Fail(Outcome refusal) => new(refusal, null);

    /// <summary>Whether the case goes to the standalone unpaid work team: unpaid work is its order's only requirement (section 4.1).</summary>
    public static bool HeldByStandaloneTeam(CreateCaseCommand c) =>
        UnpaidWorkRules.HeldByStandaloneTeam(new Order { Court = c.Court, Requirements = c.Requirements.Select(r => new Requirement { Type = r.Type }).ToList() });

    /// <summary>The new case record a checked command describes, held by <paramref name="holdingTeamId"/>: one place that says what a new case is, for one case or a file of them.</summary>
    public static PersonOnProbation NewPerson(CreateCaseCommand c, Crn crn, int providerId, int holdingTeamId, DateTime nowUtc)
    {
        var order = new Order
        {
            Type = c.OrderType,
            StartDate = c.OrderStart,
            LengthMonths = c.LengthMonths,
            EndDate = OrderTerms.EndDate(c.OrderStart, c.LengthMonths),
            Court = c.Court.Trim(),
            MainOffence = c.MainOffence,
            Requirements = c.Requirements.Select(r => new Requirement
            {
                Type = r.Type,
                RarDays = r.Type == RequirementType.RehabilitationActivity ? r.RarDays : null,
                UnpaidWorkHours = r.Type == RequirementType.UnpaidWork ? r.UnpaidWorkHours : null,
                Programme = r.Type == RequirementType.AccreditedProgramme ? r.Programme : null,
                LengthMonths = r.LengthMonths,
            }).ToList(),
        };
        return new PersonOnProbation
        {
            Crn = crn,
            FirstName = c.FirstName.Trim(),
            LastName = c.LastName.Trim(),
            DateOfBirth = c.DateOfBirth,
            Gender = c.Gender,
            ProviderId = providerId,
            TeamId = holdingTeamId,
            ReceivedOn = c.ReceivedOn,
            Source = c.Source,
            Risk = new RiskProfile
            {
                Rosh = c.Rosh,
                RiskToChildren = c.RiskToChildren,
                RiskToKnownAdult = c.RiskToKnownAdult,
                RiskToPublic = c.RiskToPublic,
                RiskToStaff = c.RiskToStaff,
                Ogrs = c.OgrsScore is { } o ? OgrsScore.From(o) : null,
                AssessedOn = c.Rosh is null ? null : c.ReceivedOn,
            },
            Orders = [order],
            Registrations = c.Registrations.Select(r => new Registration { Type = r.Type, StartedOn = r.StartedOn, MappaLevel = r.MappaLevel, MappaCategory = r.MappaCategory }).ToList(),
            Addresses = c.Address is null ? [] : [new AddressRecord { Address = Trimmed(c.Address), From = c.ReceivedOn }],
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>The first reason the command is refused, or null when every value is acceptable.</summary>
    public static Outcome? Check(CreateCaseCommand c, DateOnly today) => Checks(c, today).FirstOrDefault();

    /// <summary>Every reason the command is refused, in the order a form asks for the values (a file's row shows them all).</summary>
    public static IEnumerable<Refused> Checks(CreateCaseCommand c, DateOnly today)
    {
        foreach (var text in new[]
                 {
                     SupervisionRules.Text(c.FirstName, PersonOnProbation.NameMaxLength, nameof(c.FirstName), "the first name", true),
                     SupervisionRules.Text(c.LastName, PersonOnProbation.NameMaxLength, nameof(c.LastName), "the last name", true),
                     SupervisionRules.Text(c.Court, Order.CourtMaxLength, nameof(c.Court), "the sentencing court", true),
                 })
        {
            if (text is not null)
            {
                yield return text;
            }
        }

        if (c.DateOfBirth > today.AddYears(-18))
        {
            yield return Outcome.Refuse("A person on adult probation must be 18 or over: check the date of birth", nameof(c.DateOfBirth));
        }

        if (c.DateOfBirth < today.AddYears(-110))
        {
            yield return Outcome.Refuse("Check the date of birth", nameof(c.DateOfBirth));
        }

        if (c.ReceivedOn > today)
        {
            yield return Outcome.Refuse("The date the case was received must be today or in the past", nameof(c.ReceivedOn));
        }

        if (c.OrderStart > c.ReceivedOn.AddDays(7) || c.OrderStart < c.DateOfBirth.AddYears(18))
        {
            yield return Outcome.Refuse("The order must start after the person turned 18 and no more than a week after the case was received", nameof(c.OrderStart));
        }

        if (OrderTerms.TryEndDate(c.OrderType, c.OrderStart, c.LengthMonths) is { Succeeded: false, Result: Refused length })
        {
            yield return length;
        }

        if (c.Requirements.Count > 12)
        {
            yield return Outcome.Refuse("An order has at most 12 requirements", nameof(c.Requirements));
        }

        if (c.Requirements.Count > 0 && c.OrderType is OrderType.Licence or OrderType.PostSentenceSupervision or OrderType.Custody)
        {
            yield return Outcome.Refuse($"A {OrderTerms.Describe(c.OrderType)} has licence conditions, not community requirements", nameof(c.Requirements));
        }

        foreach (var r in c.Requirements)
        {
            switch (r.Type)
            {
                case RequirementType.UnpaidWork when r.UnpaidWorkHours is null:
                    yield return Outcome.Refuse("Enter the unpaid work hours", "UnpaidWorkHours");
                    break;
                case RequirementType.UnpaidWork when OrderTerms.CheckUnpaidWorkHours(r.UnpaidWorkHours!.Value) is { } bad:
                    yield return bad;
                    break;
                case RequirementType.RehabilitationActivity when r.RarDays is null or < 1 or > 365:
                    yield return Outcome.Refuse("Enter the rehabilitation activity days, from 1 to 365", "RarDays");
                    break;
                case RequirementType.AccreditedProgramme when r.Programme is null:
                    yield return Outcome.Refuse("Select the accredited programme", "Programme");
                    break;
            }
        }

        if (c.OgrsScore is { } ogrs && !OgrsScore.TryFrom(ogrs, out _))
        {
            yield return Outcome.Refuse("Enter an OGRS score from 0 to 99", nameof(c.OgrsScore));
        }

        if (c.Registrations.Any(r => r.StartedOn > today))
        {
            yield return Outcome.Refuse("A registration must start today or in the past", nameof(c.Registrations));
        }

        if (c.Registrations.GroupBy(r => r.Type).Any(g => g.Count() > 1))
        {
            yield return Outcome.Refuse("Give each kind of registration once", nameof(c.Registrations));
        }

        if (c.Registrations.Any(r => r.Type == RegistrationType.Mappa && (r.MappaLevel is null || r.MappaCategory is null)))
        {
            yield return Outcome.Refuse("A MAPPA registration needs its level and category", nameof(c.Registrations));
        }

        if (c.Address is { } a)
        {
            foreach (var text in new[]
                     {
                         SupervisionRules.Text(a.Line1, Address.LineMaxLength, "Address.Line1", "the first line of the address", true),
                         SupervisionRules.Text(a.Line2, Address.LineMaxLength, "Address.Line2", "the second line of the address", false),
                         SupervisionRules.Text(a.Town, Address.LineMaxLength, "Address.Town", "the town", true),
                         SupervisionRules.Text(a.Postcode, Address.PostcodeMaxLength, "Address.Postcode", "the postcode", true),
                     })
            {
                if (text is not null)
                {
                    yield return text;
                }
            }
        }
    }

    private static Address Trimmed(Address a) => new() { Line1 = a.Line1.Trim(), Line2 = a.Line2?.Trim(), Town = a.Town.Trim(), Postcode = a.Postcode.Trim().ToUpperInvariant() };

    /// <summary>New CRNs from court use the letter N and the first free number from the case count on.</summary>
    private async Task<Crn> NextCrnAsync(CancellationToken ct) => await NextCrnAsync(0, ct);

    /// <summary>The CRN given to the <paramref name="number"/>th case from court that came without one.</summary>
    internal static Crn AssignedCrn(long number) => Domain.Common.Crn.Parse($"N{number % 1_000_000:D6}");

    private async Task<Crn> NextCrnAsync(int skip, CancellationToken ct)
    {
        var next = (await db.People.MaxAsync(p => (int?)p.Id, ct) ?? 0) + 1 + skip;
        while (true)
        {
            var crn = AssignedCrn(next);
            if (!await db.People.AnyAsync(p => p.Crn == crn, ct))
            {
                return crn;
            }

            next++;
        }
    }
}

public sealed record RecordRegistrationCommand(string Crn, int ExpectedVersion, RegistrationType Type, DateOnly StartedOn, MappaLevel? MappaLevel, MappaCategory? MappaCategory);

public sealed record EndRegistrationCommand(string Crn, int ExpectedVersion, int RegistrationId, DateOnly EndedOn);

/// <summary>Adds or ends a registration (domestic abuse, child protection, MAPPA and the rest): risk flags that drive the safety net and the matrix.</summary>
public sealed class RecordRegistration(CaseChange change)
{
    public async Task<Outcome<Saved>> AddAsync(RecordRegistrationCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.Judgement, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        if (c.StartedOn > change.Today)
        {
            return CaseChange.Fail(Outcome.Refuse("A registration must start today or in the past", nameof(c.StartedOn)));
        }

        if (person.Registrations.Any(r => r.Type == c.Type && r.IsActive(c.StartedOn)))
        {
            return CaseChange.Fail(Outcome.Refuse($"The case already has a {Registration.Describe(c.Type).ToLowerInvariant()} registration on that date", nameof(c.Type)));
        }

        if (c.Type == RegistrationType.Mappa && (c.MappaLevel is null || c.MappaCategory is null))
        {
            return CaseChange.Fail(Outcome.Refuse("A MAPPA registration needs its level and category", nameof(c.MappaLevel)));
        }

        var registration = new Registration { Type = c.Type, StartedOn = c.StartedOn, MappaLevel = c.MappaLevel, MappaCategory = c.MappaCategory };
        person.Registrations.Add(registration);
        return await change.SaveAsync(person, "Registration added: " + Registration.Describe(c.Type), () => registration.Id, ct);
    }

    public async Task<Outcome<Saved>> EndAsync(EndRegistrationCommand c, CancellationToken ct)
    {
        var (person, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, WriteRight.Judgement, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        var registration = person.Registrations.SingleOrDefault(r => r.Id == c.RegistrationId);
        if (registration is null)
        {
            return CaseChange.Fail(Outcome.Missing("registration"));
        }

        if (c.EndedOn > change.Today || c.EndedOn <= registration.StartedOn)
        {
            return CaseChange.Fail(Outcome.Refuse("A registration ends after it started, today or in the past", nameof(c.EndedOn)));
        }

        registration.EndedOn = c.EndedOn;
        return await change.SaveAsync(person, "Registration ended: " + Registration.Describe(registration.Type), () => registration.Id, ct);
    }
}
