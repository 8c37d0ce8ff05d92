using Probation.Domain.Allocation;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;

namespace Probation.Application.Allocation;

/// <summary>
/// Reads what the allocation matrix and the tier need from a case record. The case must be loaded
/// with its registrations and its orders' requirements.
/// </summary>
public static class CaseFacts
{
    public static AllocationInput ForMatrix(PersonOnProbation p, DateOnly today)
    {
        var flags = new HashSet<AllocationFlag>();
        foreach (var r in p.Registrations.Where(r => r.IsActive(today)))
        {
            AllocationFlag? flag = r.Type switch
            {
                RegistrationType.DomesticAbuse => AllocationFlag.CurrentDomesticAbuse,
                RegistrationType.ChildProtection => AllocationFlag.ChildProtection,
                RegistrationType.RegisteredSexOffender => AllocationFlag.RegisteredSexualOffending,
                RegistrationType.NonRegisteredSexualOffending => AllocationFlag.NonRegisteredSexualOffending,
                RegistrationType.PreviousSexualOffence => AllocationFlag.PreviousSexualOffence,
                RegistrationType.Mappa => r.MappaLevel switch
                {
                    MappaLevel.Three => AllocationFlag.MappaLevel3,
                    MappaLevel.Two => AllocationFlag.MappaLevel2,
                    _ => AllocationFlag.MappaLevel1,
                },
                RegistrationType.AdultSafeguarding => AllocationFlag.AdultSafeguarding,
                RegistrationType.Veteran => AllocationFlag.Veteran,
                _ => null,
            };
            if (flag is { } f)
            {
                flags.Add(f);
            }
        }

        var requirements = CurrentRequirements(p, today).Select(ToCode).ToHashSet();
        return new AllocationInput(p.Gender, p.Risk.Rosh, p.Risk.Ogrs, flags, requirements, Unknown(p.FactsToConfirm), p.ReceivedOn ?? today);
    }

    /// <summary>The matrix's factors the case record marks as still to be confirmed.</summary>
    public static IReadOnlySet<UnknownFactor> Unknown(FactsToConfirm toConfirm)
    {
        var unknown = new HashSet<UnknownFactor>();
        if (toConfirm.HasFlag(FactsToConfirm.DomesticAbuse))
        {
            unknown.Add(UnknownFactor.DomesticAbuse);
        }

        if (toConfirm.HasFlag(FactsToConfirm.SexualOffending))
        {
            unknown.Add(UnknownFactor.SexualOffending);
        }

        if (toConfirm.HasFlag(FactsToConfirm.ChildProtection))
        {
            unknown.Add(UnknownFactor.ChildProtection);
        }

        return unknown;
    }

    public static TierInput ForTier(PersonOnProbation p, DateOnly today)
    {
        var active = p.Registrations.Where(r => r.IsActive(today)).ToList();
        var mappa = active.Where(r => r.Type == RegistrationType.Mappa).Select(r => r.MappaLevel).Max();
        // Complexity factors the tier counts that our registers hold: child protection and adult at risk.
        var complexity = active.Select(r => r.Type).Distinct().Count(t => t is RegistrationType.ChildProtection or RegistrationType.AdultSafeguarding);
        var orders = p.Orders.Where(o => o.IsCurrent(today)).ToList();
        // Mandate for change: a current custodial sentence or licence, or a requirement other than unpaid work.
        var mandate = orders.Any(o => o.Type is OrderType.Custody or OrderType.Licence or OrderType.PostSentenceSupervision
            || o.Requirements.Any(r => r.Type != RequirementType.UnpaidWork));
        return new TierInput(p.Risk.Rosh, null, mappa, complexity, p.Risk.Ogrs, TierNeeds.Points(p.Assessments), mandate);
    }

    public static CaseType TypeOf(PersonOnProbation p, DateOnly today)
    {
        var order = p.Orders.Where(o => o.IsCurrent(today)).OrderByDescending(o => o.StartDate).FirstOrDefault()
            ?? p.Orders.OrderByDescending(o => o.StartDate).FirstOrDefault();
        return order?.Type switch
        {
            OrderType.Licence or OrderType.PostSentenceSupervision => CaseType.Licence,
            OrderType.Custody => CaseType.Custody,
            _ => CaseType.Community,
        };
    }

    public static int WorkloadPoints(PersonOnProbation p, DateOnly today) =>
        Workload.CasePoints(TierCalculator.Calculate(ForTier(p, today)), TypeOf(p, today));

    /// <summary>The training a case needs its officer to hold (recommendation 5: skills matched to the work).</summary>
    public static IReadOnlyList<CompetenceArea> RequiredCompetences(AllocationInput input)
    {
        var areas = new List<CompetenceArea>();
        if (input.Flags.Contains(AllocationFlag.CurrentDomesticAbuse) || input.Unknown.Contains(UnknownFactor.DomesticAbuse))
        {
            areas.Add(CompetenceArea.DomesticAbuse);
        }

        if (input.Flags.Contains(AllocationFlag.ChildProtection) || input.Unknown.Contains(UnknownFactor.ChildProtection))
        {
            areas.Add(CompetenceArea.ChildSafeguarding);
        }

        if (input.Flags.Overlaps([AllocationFlag.RegisteredSexualOffending, AllocationFlag.NonRegisteredSexualOffending, AllocationFlag.PreviousSexualOffence])
            || input.Unknown.Contains(UnknownFactor.SexualOffending))
        {
            areas.Add(CompetenceArea.SexualOffending);
        }

        return areas;
    }

    private static IEnumerable<Requirement> CurrentRequirements(PersonOnProbation p, DateOnly today)
    {
        var current = p.Orders.Where(o => o.IsCurrent(today) || o.StartDate > today).ToList();
        return (current.Count > 0 ? current : p.Orders).SelectMany(o => o.Requirements);
    }

    private static AllocationRequirement ToCode(Requirement r) => r.Type switch
    {
        RequirementType.RehabilitationActivity => AllocationRequirement.Rar,
        RequirementType.UnpaidWork => AllocationRequirement.UnpaidWork,
        RequirementType.AccreditedProgramme => r.Programme switch
        {
            AccreditedProgramme.BuildingBetterRelationships => AllocationRequirement.BuildingBetterRelationships,
            AccreditedProgramme.Resolve => AllocationRequirement.Resolve,
            AccreditedProgramme.DrinkImpairedDrivers => AllocationRequirement.DrinkImpairedDrivers,
            _ => AllocationRequirement.ThinkingSkillsProgramme,
        },
        RequirementType.AlcoholTreatment => AllocationRequirement.AlcoholTreatment,
        RequirementType.DrugRehabilitation => AllocationRequirement.DrugRehabilitation,
        RequirementType.MentalHealthTreatment => AllocationRequirement.MentalHealthTreatment,
        RequirementType.Curfew => AllocationRequirement.Curfew,
        RequirementType.Exclusion => AllocationRequirement.Exclusion,
        RequirementType.Residence => AllocationRequirement.Residence,
        _ => AllocationRequirement.ProhibitedActivity,
    };
}
