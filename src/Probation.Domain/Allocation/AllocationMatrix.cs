using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Domain.Allocation;

public enum RequiredGrade
{
    ProbationOfficer,
    ProbationOfficerOrProbationServicesOfficer,
}

/// <summary>The resource (contact) level of a case, set by its OGRS band (Annex 3).</summary>
public enum ResourceLevel
{
    Low,
    Medium,
    High,
    VeryHigh,
}

public enum AllocationDecider
{
    CaseAdministrator,
    TeamManager,
}

/// <summary>The registrations the matrix reads, by their API codes.</summary>
public enum AllocationFlag
{
    CurrentDomesticAbuse,
    ChildProtection,
    RegisteredSexualOffending,
    NonRegisteredSexualOffending,
    PreviousSexualOffence,
    MappaLevel1,
    MappaLevel2,
    MappaLevel3,
    AdultSafeguarding,
    Veteran,
}

/// <summary>The requirements the matrix reads, by their API codes.</summary>
public enum AllocationRequirement
{
    Rar,
    UnpaidWork,
    BuildingBetterRelationships,
    Resolve,
    DrinkImpairedDrivers,
    ThinkingSkillsProgramme,
    AlcoholTreatment,
    DrugRehabilitation,
    MentalHealthTreatment,
    Curfew,
    Exclusion,
    Residence,
    ProhibitedActivity,
}

/// <summary>Factors the matrix needs that may be unknown or unclear when a case arrives.</summary>
public enum UnknownFactor
{
    RoshLevel,
    OgrsScore,
    DomesticAbuse,
    SexualOffending,
    ChildProtection,
}

public sealed record AllocationInput(
    Gender Gender,
    RoshLevel? Rosh,
    OgrsScore? Ogrs,
    IReadOnlySet<AllocationFlag> Flags,
    IReadOnlySet<AllocationRequirement> Requirements,
    IReadOnlySet<UnknownFactor> Unknown,
    DateOnly ReceivedOn);

/// <summary>One reason for the outcome, naming the rule that produced it.</summary>
public sealed record AllocationReason(string Rule, string Text);

public sealed record AllocationRecommendation(
    RequiredGrade RequiredGrade,
    ResourceLevel? ResourceLevel,
    bool FemaleOfficerRequired,
    AllocationDecider DecidedBy,
    DateOnly? ReferralDueDate,
    IReadOnlyList<AllocationReason> Reasons)
{
    public bool Referred => DecidedBy == AllocationDecider.TeamManager;
}

/// <summary>
/// The settings of the allocation matrix, bound from configuration (<c>Allocation</c>) and checked at
/// start-up. The defaults are Annex 3's.
/// </summary>
public sealed class AllocationMatrixOptions
{
    /// <summary>OGRS scores from this value up are medium resource (default 50).</summary>
    public int MediumResourceFrom { get; set; } = 50;

    public int HighResourceFrom { get; set; } = 75;

    public int VeryHighResourceFrom { get; set; } = 90;

    /// <summary>Working days the team manager has to decide a referred case (default 1).</summary>
    public int ReferralWorkingDays { get; set; } = 1;

    /// <summary>Annex 3: women are allocated to female officers.</summary>
    public bool WomenToFemaleOfficers { get; set; } = true;

    /// <summary>Days between contacts for each resource level, used later by planning.</summary>
    public Dictionary<ResourceLevel, int> ContactEveryDays { get; set; } = new()
    {
        [ResourceLevel.Low] = 28,
        [ResourceLevel.Medium] = 14,
        [ResourceLevel.High] = 7,
        [ResourceLevel.VeryHigh] = 7,
    };

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(0 < MediumResourceFrom && MediumResourceFrom < HighResourceFrom && HighResourceFrom < VeryHighResourceFrom && VeryHighResourceFrom <= OgrsScore.Maximum))
        {
            errors.Add($"Allocation resource bands must rise within 1–99: medium from {MediumResourceFrom}, high from {HighResourceFrom}, very high from {VeryHighResourceFrom}.");
        }

        if (ReferralWorkingDays is < 0 or > 20)
        {
            errors.Add($"Allocation:ReferralWorkingDays must be from 0 to 20, not {ReferralWorkingDays}.");
        }

        foreach (var level in Enum.GetValues<ResourceLevel>())
        {
            if (!ContactEveryDays.TryGetValue(level, out var days) || days is < 1 or > 365)
            {
                errors.Add($"Allocation:ContactEveryDays:{level} must be from 1 to 365 days.");
            }
        }

        return errors;
    }
}

/// <summary>
/// Annex 3's allocation matrix: which grade of officer a case needs, its resource level, whether a
/// female officer is required, and who decides. Pure: the same input always gives the same answer
/// with the same reasons.
/// </summary>
public sealed class AllocationMatrix(AllocationMatrixOptions options, WorkingDayCalendar calendar)
{
    public const string RulePoOnly = "1";
    public const string RuleRosh = "2";
    public const string RuleResource = "3";
    public const string RuleWomen = "4";
    public const string RuleWhoDecides = "5";

    /// <summary>How often a case at this resource level is seen, in days (the plan's contact level starts from it).</summary>
    public int ContactEveryDays(ResourceLevel level) => options.ContactEveryDays[level];

    public AllocationMatrixOptions Options => options;

    public AllocationRecommendation Recommend(AllocationInput input)
    {
        var reasons = new List<AllocationReason>();
        var needsPo = false;

        void PoOnly(string why)
        {
            needsPo = true;
            reasons.Add(new AllocationReason(RulePoOnly, $"PO only: {why} (allocation matrix rule 1)"));
        }

        // Rule 1: cases that need a probation officer whatever their risk level.
        if (input.Flags.Contains(AllocationFlag.CurrentDomesticAbuse))
        {
            PoOnly("current domestic abuse");
        }

        if (input.Flags.Contains(AllocationFlag.NonRegisteredSexualOffending))
        {
            PoOnly("non-registered sexual offending");
        }

        if (input.Flags.Contains(AllocationFlag.RegisteredSexualOffending))
        {
            // Annex 3 names non-registered sexual offending because registered cases usually sit
            // with the NPS; a registered case that reaches us needs a PO all the more.
            PoOnly("registered sexual offending (treated as sexual offending)");
        }

        if (input.Flags.Contains(AllocationFlag.PreviousSexualOffence))
        {
            PoOnly("a previous sexual offence (read apart from child protection: either one needs a PO)");
        }

        if (input.Flags.Contains(AllocationFlag.ChildProtection))
        {
            PoOnly("child protection registration (read apart from a previous sexual offence: either one needs a PO)");
        }

        if (input.Requirements.Contains(AllocationRequirement.BuildingBetterRelationships))
        {
            PoOnly("a Building Better Relationships requirement");
        }

        if (input.Requirements.Contains(AllocationRequirement.Resolve))
        {
            PoOnly("a Resolve requirement");
        }

        // Unknown safeguarding facts are treated as present until the manager decides: the report's
        // central finding is risk missed at the start.
        foreach (var (factor, what) in new[]
                 {
                     (UnknownFactor.DomesticAbuse, "whether there is current domestic abuse"),
                     (UnknownFactor.SexualOffending, "whether there is sexual offending"),
                     (UnknownFactor.ChildProtection, "whether there is child protection registration"),
                 })
        {
            if (input.Unknown.Contains(factor))
            {
                needsPo = true;
                reasons.Add(new AllocationReason(RulePoOnly, $"PO until decided: it is not known {what} (allocation matrix rule 1)"));
            }
        }

        // Rule 2: risk of serious harm decides the grade.
        var roshUnknown = input.Rosh is null || input.Unknown.Contains(UnknownFactor.RoshLevel);
        if (roshUnknown)
        {
            needsPo = true;
            reasons.Add(new AllocationReason(RuleRosh, "PO until decided: the risk of serious harm level is not known (allocation matrix rule 2)"));
        }
        else if (input.Rosh is RoshLevel.High or RoshLevel.VeryHigh)
        {
            needsPo = true;
            reasons.Add(new AllocationReason(RuleRosh, $"PO only: {RoshLevels.Describe(input.Rosh.Value).ToLowerInvariant()} risk of serious harm (allocation matrix rule 2)"));
        }
        else if (!needsPo)
        {
            reasons.Add(new AllocationReason(RuleRosh, $"PO or PSO: {RoshLevels.Describe(input.Rosh!.Value).ToLowerInvariant()} risk of serious harm and nothing in rule 1 applies (allocation matrix rule 2)"));
        }
        else
        {
            reasons.Add(new AllocationReason(RuleRosh, $"{RoshLevels.Describe(input.Rosh!.Value)} risk of serious harm would allow a PSO, but rule 1 requires a PO (allocation matrix rule 2)"));
        }

        // Rule 3: OGRS band decides the resource level.
        ResourceLevel? resource = null;
        var ogrsUnknown = input.Ogrs is null || input.Unknown.Contains(UnknownFactor.OgrsScore);
        if (ogrsUnknown)
        {
            reasons.Add(new AllocationReason(RuleResource, "Resource level not set: the OGRS score is not known (allocation matrix rule 3)"));
        }
        else
        {
            var score = input.Ogrs!.Value.Value;
            resource = score >= options.VeryHighResourceFrom ? ResourceLevel.VeryHigh
                : score >= options.HighResourceFrom ? ResourceLevel.High
                : score >= options.MediumResourceFrom ? ResourceLevel.Medium
                : ResourceLevel.Low;
            reasons.Add(new AllocationReason(
                RuleResource,
                $"{Describe(resource.Value)} resource level: OGRS {score}% (allocation matrix rule 3; contact every {options.ContactEveryDays[resource.Value]} days)"));
        }

        // Rule 4: women to female officers.
        var female = options.WomenToFemaleOfficers && input.Gender == Gender.Female;
        if (female)
        {
            reasons.Add(new AllocationReason(RuleWomen, "Female officer: women are allocated to female officers (allocation matrix rule 4)"));
        }

        // Rule 5: who decides.
        DateOnly? due = null;
        var decider = WhoDecides(input.Rosh, input.Ogrs, input.Unknown);
        if (decider == AllocationDecider.TeamManager)
        {
            due = calendar.AddWorkingDays(input.ReceivedOn, options.ReferralWorkingDays);
            reasons.Add(new AllocationReason(
                RuleWhoDecides,
                $"Referred to the team manager: {string.Join(", ", UnknownNames(input, roshUnknown, ogrsUnknown))} not known; due by {due:d MMMM yyyy} ({options.ReferralWorkingDays} working day{(options.ReferralWorkingDays == 1 ? "" : "s")}; allocation matrix rule 5)"));
        }
        else
        {
            reasons.Add(new AllocationReason(RuleWhoDecides, "A case administrator allocates: every factor the matrix needs is known (allocation matrix rule 5)"));
        }

        return new AllocationRecommendation(
            needsPo ? RequiredGrade.ProbationOfficer : RequiredGrade.ProbationOfficerOrProbationServicesOfficer,
            resource, female, decider, due, reasons);
    }

    /// <summary>
    /// Rule 5: the team manager decides when the RoSH level, the OGRS score or any factor the matrix weighs is not known;
    /// otherwise a case administrator allocates. It reads nothing else of the case (and no setting), so a count of the
    /// cases referred to a manager needs only these.
    /// </summary>
    public static AllocationDecider WhoDecides(RoshLevel? rosh, OgrsScore? ogrs, IReadOnlySet<UnknownFactor> unknown) =>
        rosh is null || ogrs is null || unknown.Count > 0 ? AllocationDecider.TeamManager : AllocationDecider.CaseAdministrator;

    private static IEnumerable<string> UnknownNames(AllocationInput input, bool roshUnknown, bool ogrsUnknown)
    {
        if (roshUnknown)
        {
            yield return "risk of serious harm";
        }

        if (ogrsUnknown)
        {
            yield return "OGRS score";
        }

        if (input.Unknown.Contains(UnknownFactor.DomesticAbuse))
        {
            yield return "domestic abuse";
        }

        if (input.Unknown.Contains(UnknownFactor.SexualOffending))
        {
            yield return "sexual offending";
        }

        if (input.Unknown.Contains(UnknownFactor.ChildProtection))
        {
            yield return "child protection";
        }
    }

    public static string Describe(ResourceLevel level) => level switch
    {
        ResourceLevel.Low => "Low",
        ResourceLevel.Medium => "Medium",
        ResourceLevel.High => "High",
        ResourceLevel.VeryHigh => "Very high",
        _ => level.ToString(),
    };
}
