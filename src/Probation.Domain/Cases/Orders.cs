namespace Probation.Domain.Cases;

public enum OrderType
{
    CommunityOrder,
    SuspendedSentenceOrder,
    Licence,
    PostSentenceSupervision,

    /// <summary>Serving a custodial sentence: pre-release (Through the Gate) work.</summary>
    Custody,
}

public enum OffenceCategory
{
    Violence,
    DomesticAbuseRelated,
    Sexual,
    Acquisitive,
    Drugs,
    MotoringDrinkDriving,
    PublicOrder,
    CriminalDamage,
    Fraud,
    Other,
}

public sealed class Order
{
    public const int CourtMaxLength = 100;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public OrderType Type { get; set; }
    public DateOnly StartDate { get; set; }
    public int LengthMonths { get; set; }
    public DateOnly EndDate { get; set; }
    public required string Court { get; set; }
    public OffenceCategory MainOffence { get; set; }
    public DateOnly? TerminatedOn { get; set; }
    public List<Requirement> Requirements { get; set; } = [];

    public bool IsCurrent(DateOnly today) => StartDate <= today && today <= EndDate && TerminatedOn is null;
}

public enum RequirementType
{
    RehabilitationActivity,
    UnpaidWork,
    AccreditedProgramme,
    AlcoholTreatment,
    DrugRehabilitation,
    MentalHealthTreatment,
    Curfew,
    Exclusion,
    Residence,
    ProhibitedActivity,
}

public enum AccreditedProgramme
{
    BuildingBetterRelationships,
    Resolve,
    DrinkImpairedDrivers,
    ThinkingSkillsProgramme,
}

public sealed class Requirement
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public RequirementType Type { get; set; }

    /// <summary>Rehabilitation activity requirement: the maximum number of activity days the court set.</summary>
    public int? RarDays { get; set; }

    /// <summary>Unpaid work: hours ordered, 1 to 300 (the report notes the ceiling of 300).</summary>
    public int? UnpaidWorkHours { get; set; }

    public AccreditedProgramme? Programme { get; set; }
    public int? LengthMonths { get; set; }
}
