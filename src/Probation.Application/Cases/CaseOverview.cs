using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Application.Cases;

public sealed record RegistrationView(RegistrationType Type, string Description, DateOnly StartedOn, DateOnly? EndedOn, bool Active);

public sealed record AddressView(string Address, DateOnly From, DateOnly? To, bool Current);

public sealed record RequirementView(RequirementType Type, string Description);

public sealed record OrderView(
    int Id, OrderType Type, string Description, DateOnly StartDate, int LengthMonths, DateOnly EndDate,
    string Court, OffenceCategory MainOffence, bool Current, IReadOnlyList<RequirementView> Requirements);

public sealed record RiskView(
    RoshLevel? Rosh, IReadOnlyList<string> AtRisk, int? OgrsScore, OgrsBand? OgrsBand, DateOnly? AssessedOn,
    bool RiskToChildren, bool RiskToKnownAdult, bool RiskToPublic, bool RiskToStaff);

/// <summary>The sentence plan at a glance: when it was written and last revised, and its objectives in priority order.</summary>
public sealed record PlanSummary(DateOnly CompletedOn, DateOnly LastRevisedOn, int ContactsPerMonth, IReadOnlyList<string> Objectives);

/// <summary>One of the case's latest contacts, as the overview lists them.</summary>
public sealed record RecentContact(DateOnly On, Domain.Supervision.ContactKind Kind, Domain.Supervision.ContactOutcome? Outcome);

public sealed record CaseOverview(
    string Crn,
    string FirstName,
    string LastName,
    DateOnly DateOfBirth,
    int Age,
    Gender Gender,
    string? Ethnicity,
    bool? Disability,
    string? Religion,
    string? SexualOrientation,
    string? CurrentAddress,
    IReadOnlyList<AddressView> AddressHistory,
    string Provider,
    string? Team,
    int? TeamId,
    string? ResponsibleOfficer,
    int? ResponsibleOfficerId,
    DateOnly? AllocatedOn,
    RiskView Risk,
    IReadOnlyList<RegistrationView> Registrations,
    bool HasAccessLimits,
    IReadOnlyList<OrderView> Orders,
    int Version,
    bool ViewerMayRecordRisk,
    string Tier,
    IReadOnlyList<string> TierReasons,
    PlanSummary? Plan = null,
    IReadOnlyList<RecentContact>? RecentContacts = null);

/// <summary>The result of opening a case: shown, access restricted, or not found.</summary>
public sealed record CaseLookup(CaseOverview? Case, bool Restricted)
{
    public static readonly CaseLookup NotFound = new(null, false);
    public static readonly CaseLookup AccessRestricted = new(null, true);
}

/// <summary>Opens one case for reading, with its access check and audit row.</summary>
public sealed class GetCaseOverview(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    /// <summary>How many of the latest contacts the overview lists; the contacts page has them all.</summary>
    public const int RecentContactsShown = 20;

    public async Task<CaseLookup> RunAsync(string crnText, string purpose, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return CaseLookup.NotFound;
        }

        var viewer = request.Viewer;
        var person = await ForOverview(db.People.AsNoTracking().Where(viewer.InScope()))
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null)
        {
            return CaseLookup.NotFound;
        }

        if (!CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return CaseLookup.AccessRestricted;
        }

        var today = clock.Today();
        var plan = await db.SentencePlans.AsNoTracking().Where(x => x.PersonId == person.Id)
            .Select(x => new PlanSummary(x.CompletedOn, x.LastRevisedOn, x.ContactsPerMonth, x.Objectives.OrderBy(o => o.Priority).Select(o => o.Text).ToList()))
            .SingleOrDefaultAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().Where(x => x.PersonId == person.Id && x.On <= today)
            .OrderByDescending(x => x.On).ThenByDescending(x => x.StartsAt).ThenByDescending(x => x.Id).Take(RecentContactsShown)
            .Select(x => new RecentContact(x.On, x.Kind, x.Outcome))
            .ToListAsync(ct);
        var overview = Map(person, today, viewer.MayRecordRisk(person.TeamId, person.ResponsibleOfficerId)) with { Plan = plan, RecentContacts = contacts };
        await audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], ct);
        return new CaseLookup(overview, false);
    }

    /// <summary>What the overview is read with.</summary>
    internal static IQueryable<PersonOnProbation> ForOverview(IQueryable<PersonOnProbation> q) =>
        q.AsSplitQuery()
            .Include(p => p.AccessList)
            .Include(p => p.Provider)
            .Include(p => p.Team)
            .Include(p => p.ResponsibleOfficer)
            .Include(p => p.Addresses)
            .Include(p => p.Registrations)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Assessments).ThenInclude(a => a.Needs);

    internal static CaseOverview Map(PersonOnProbation p, DateOnly today, bool mayChange)
    {
        var tier = Domain.Allocation.TierCalculator.Calculate(Allocation.CaseFacts.ForTier(p, today));
        var age = today.Year - p.DateOfBirth.Year - (today < p.DateOfBirth.AddYears(today.Year - p.DateOfBirth.Year) ? 1 : 0);
        var address = p.Addresses.Where(a => a.IsCurrent(today)).OrderByDescending(a => a.From).FirstOrDefault();
        return new CaseOverview(
            p.Crn.Value, p.FirstName, p.LastName, p.DateOfBirth, age, p.Gender, p.Ethnicity, p.Disability, p.Religion, p.SexualOrientation,
            address?.Address.ToString(),
            p.Addresses.OrderByDescending(a => a.From)
                .Select(a => new AddressView(a.Address.ToString(), a.From, a.To, a.IsCurrent(today))).ToList(),
            p.Provider?.Name ?? string.Empty,
            p.Team?.Name, p.TeamId,
            p.ResponsibleOfficer?.FullName, p.ResponsibleOfficerId, p.AllocatedOn,
            new RiskView(
                p.Risk.Rosh, p.Risk.AtRisk().ToList(), p.Risk.Ogrs?.Value, p.Risk.Ogrs?.Band, p.Risk.AssessedOn,
                p.Risk.RiskToChildren, p.Risk.RiskToKnownAdult, p.Risk.RiskToPublic, p.Risk.RiskToStaff),
            p.Registrations
                .OrderByDescending(r => r.IsActive(today)).ThenByDescending(r => r.StartedOn)
                .Select(r => new RegistrationView(r.Type, r.Describe(), r.StartedOn, r.EndedOn, r.IsActive(today)))
                .ToList(),
            p.AccessList.Count > 0,
            p.Orders.OrderByDescending(o => o.StartDate)
                .Select(o => new OrderView(
                    o.Id, o.Type, OrderTerms.Describe(o.Type), o.StartDate, o.LengthMonths, o.EndDate, o.Court, o.MainOffence, o.IsCurrent(today),
                    o.Requirements.OrderBy(r => r.Type).Select(r => new RequirementView(r.Type, Describe(r))).ToList()))
                .ToList(),
            p.Version,
            mayChange,
            tier.Code + (tier.Provisional ? " (provisional)" : string.Empty),
            tier.Reasons);
    }

    public static string Describe(Requirement r) => r.Type switch
    {
        RequirementType.RehabilitationActivity => $"Rehabilitation activity requirement: {r.RarDays} days",
        RequirementType.UnpaidWork => $"Unpaid work: {r.UnpaidWorkHours} hours",
        RequirementType.AccreditedProgramme => $"Accredited programme: {DescribeProgramme(r.Programme)}",
        RequirementType.AlcoholTreatment => "Alcohol treatment",
        RequirementType.DrugRehabilitation => "Drug rehabilitation",
        RequirementType.MentalHealthTreatment => "Mental health treatment",
        RequirementType.Curfew => "Curfew",
        RequirementType.Exclusion => "Exclusion",
        RequirementType.Residence => "Residence",
        RequirementType.ProhibitedActivity => "Prohibited activity",
        _ => r.Type.ToString(),
    } + (r.LengthMonths is { } m && r.Type is not RequirementType.UnpaidWork ? $" ({m} months)" : string.Empty);

    public static string DescribeProgramme(AccreditedProgramme? p) => p switch
    {
        AccreditedProgramme.BuildingBetterRelationships => "Building Better Relationships",
        AccreditedProgramme.Resolve => "Resolve",
        AccreditedProgramme.DrinkImpairedDrivers => "Drink Impaired Drivers",
        AccreditedProgramme.ThinkingSkillsProgramme => "Thinking Skills Programme",
        _ => "not named",
    };
}
