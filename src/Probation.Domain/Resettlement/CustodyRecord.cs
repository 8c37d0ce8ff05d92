namespace Probation.Domain.Resettlement;

/// <summary>
/// The resettlement pathways a Through the Gate plan covers (the nine; Resettlement Passport
/// groups some of them, but the report's provider worked them apart, with women's throughcare besides).
/// </summary>
public enum Pathway
{
    Accommodation,
    EducationTrainingEmployment,
    FinanceBenefitDebt,
    Drugs,
    Alcohol,
    HealthAndMentalHealth,
    FamilyAndRelationships,
    DomesticAbuse,
    SexWork,
}

/// <summary>Where a pathway stands (Resettlement Passport's statuses, hmpps-services.md section 10).</summary>
public enum PathwayStatus
{
    NotStarted,
    InProgress,
    SupportRequired,
    SupportNotRequired,
    Declined,
    Done,
}

/// <summary>How the person is expected to leave prison.</summary>
public enum ReleaseType
{
    /// <summary>Automatic conditional release at the halfway (or set) point, on licence.</summary>
    ConditionalRelease,

    /// <summary>Home detention curfew: early release on an electronically monitored curfew.</summary>
    HomeDetentionCurfew,

    /// <summary>Release directed by the Parole Board.</summary>
    ParoleBoard,

    /// <summary>Released at the end of the custodial term with no licence (post-sentence supervision may follow).</summary>
    EndOfSentence,
}

/// <summary>Where the person slept on the first night after release.</summary>
public enum AccommodationOnRelease
{
    SettledAccommodation,
    TemporaryAccommodation,
    ApprovedPremises,
    NoFixedAbode,
}

/// <summary>
/// A period in custody of a person on probation, with the Through the Gate work around it (standard 4.2):
/// screening soon after reception, a pre-release resettlement plan across the pathways, activities,
/// the handover to the community before release, and what was in place on the day of release.
/// Its own record rather than an extension of the order: see the report of the work that built it.
/// </summary>
public sealed class CustodyRecord
{
    public const int TextMaxLength = 4000;
    public const int ShortTextMaxLength = 200;

    public int Id { get; set; }
    public int PersonId { get; set; }

    /// <summary>The prison holding the person: a site of kind Prison.</summary>
    public int PrisonId { get; set; }
    public DateOnly ReceptionDate { get; set; }
    public DateOnly SentenceDate { get; set; }
    public int SentenceLengthMonths { get; set; }
    public DateOnly ExpectedReleaseDate { get; set; }
    public ReleaseType ReleaseType { get; set; }

    /// <summary>The women's resettlement throughcare project (with Changing Lives, section 4.2 of the report).</summary>
    public bool WomensThroughcare { get; set; }
    public required string RecordedBy { get; set; }

    // Screening of resettlement needs soon after reception.
    public DateOnly? ScreenedOn { get; set; }
    public string? ScreenedBy { get; set; }

    // The pre-release resettlement plan.
    public DateOnly? PlanCompletedOn { get; set; }
    public DateOnly? PlanRevisedOn { get; set; }
    public string? PlanWrittenBy { get; set; }

    /// <summary>How the plan takes account of risk of harm (the report: just under half of plans did).</summary>
    public string? RiskOfHarmConsidered { get; set; }

    // Handover to the community responsible officer and local providers.
    public DateOnly? HandoverOn { get; set; }
    public string? HandoverTo { get; set; }
    public string? HandoverNotes { get; set; }

    // The day of release.
    public DateOnly? ReleasedOn { get; set; }
    public AccommodationOnRelease? AccommodationOnRelease { get; set; }
    public DateOnly? FirstAppointmentOn { get; set; }
    public bool? BenefitsInPlace { get; set; }
    public string? ReleaseNotes { get; set; }

    public List<ResettlementNeed> Needs { get; set; } = [];
    public List<ResettlementActivity> Activities { get; set; } = [];

    /// <summary>The last day of the sentence: an n-month sentence from a day ends the day before the same day n months later.</summary>
    public DateOnly SentenceEnd => SentenceDate.AddMonths(SentenceLengthMonths).AddDays(-1);

    public bool Released => ReleasedOn is not null;

    public PathwayStatus StatusOf(Pathway pathway) => Needs.FirstOrDefault(n => n.Pathway == pathway)?.Status ?? PathwayStatus.NotStarted;
}

/// <summary>One pathway's need in the resettlement plan: its status, what is being done and which partner organisation does it.</summary>
public sealed class ResettlementNeed
{
    public int Id { get; set; }
    public int CustodyRecordId { get; set; }
    public Pathway Pathway { get; set; }
    public PathwayStatus Status { get; set; }
    public string? Actions { get; set; }
    public string? Partner { get; set; }
    public DateOnly UpdatedOn { get; set; }
}

/// <summary>A resettlement activity delivered in prison, and the other prison services it was coordinated with.</summary>
public sealed class ResettlementActivity
{
    public int Id { get; set; }
    public int CustodyRecordId { get; set; }
    public DateOnly On { get; set; }
    public Pathway Pathway { get; set; }
    public required string Description { get; set; }
    public required string DeliveredBy { get; set; }
    public string? CoordinatedWith { get; set; }
    public required string RecordedBy { get; set; }
}
