using Probation.Domain.Common;

namespace Probation.Domain.Risk;

/// <summary>Risk of serious harm (RoSH) level, as classified in the assessment.</summary>
public enum RoshLevel
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>The current risk picture of a case: RoSH level and to whom, and the likelihood of reoffending.</summary>
public sealed class RiskProfile
{
    public RoshLevel? Rosh { get; set; }
    public bool RiskToChildren { get; set; }
    public bool RiskToKnownAdult { get; set; }
    public bool RiskToPublic { get; set; }
    public bool RiskToStaff { get; set; }
    public OgrsScore? Ogrs { get; set; }
    public DateOnly? AssessedOn { get; set; }

    public IEnumerable<string> AtRisk()
    {
        if (RiskToChildren)
        {
            yield return "Children";
        }

        if (RiskToKnownAdult)
        {
            yield return "Known adult";
        }

        if (RiskToPublic)
        {
            yield return "Public";
        }

        if (RiskToStaff)
        {
            yield return "Staff";
        }
    }
}

public enum RegistrationType
{
    /// <summary>Current domestic abuse perpetrator: Annex 3 puts these cases with a probation officer.</summary>
    DomesticAbuse,
    ChildProtection,
    RegisteredSexOffender,
    NonRegisteredSexualOffending,
    PreviousSexualOffence,
    Mappa,
    AdultSafeguarding,
    Veteran,
}

public enum MappaLevel
{
    One = 1,
    Two = 2,
    Three = 3,
}

public enum MappaCategory
{
    One = 1,
    Two = 2,
    Three = 3,
    Four = 4,
}

/// <summary>A register or flag on the case, with the dates it applies.</summary>
public sealed class Registration
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public RegistrationType Type { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public MappaLevel? MappaLevel { get; set; }
    public MappaCategory? MappaCategory { get; set; }

    public bool IsActive(DateOnly today) => StartedOn <= today && (EndedOn is null || today < EndedOn);

    /// <summary>The database form of <see cref="IsActive"/>, for queries.</summary>
    public static System.Linq.Expressions.Expression<Func<Registration, bool>> ActiveOn(DateOnly today) =>
        r => r.StartedOn <= today && (r.EndedOn == null || r.EndedOn > today);

    public static string Describe(RegistrationType type) => type switch
    {
        RegistrationType.DomesticAbuse => "Current domestic abuse",
        RegistrationType.ChildProtection => "Child protection",
        RegistrationType.RegisteredSexOffender => "Registered sexual offender",
        RegistrationType.NonRegisteredSexualOffending => "Non-registered sexual offending",
        RegistrationType.PreviousSexualOffence => "Previous sexual offence",
        RegistrationType.Mappa => "MAPPA",
        RegistrationType.AdultSafeguarding => "Adult safeguarding",
        RegistrationType.Veteran => "Veteran",
        _ => type.ToString(),
    };

    public string Describe() => Type == RegistrationType.Mappa && MappaLevel is not null
        ? $"MAPPA level {(int)MappaLevel}" + (MappaCategory is null ? string.Empty : $", category {(int)MappaCategory}")
        : Describe(Type);
}

public static class RoshLevels
{
    public static string Describe(RoshLevel level) => level switch
    {
        RoshLevel.Low => "Low",
        RoshLevel.Medium => "Medium",
        RoshLevel.High => "High",
        RoshLevel.VeryHigh => "Very high",
        _ => level.ToString(),
    };

    public static string Describe(OgrsBand band) => band switch
    {
        OgrsBand.Low => "Low",
        OgrsBand.Medium => "Medium",
        OgrsBand.High => "High",
        OgrsBand.VeryHigh => "Very high",
        _ => band.ToString(),
    };
}
