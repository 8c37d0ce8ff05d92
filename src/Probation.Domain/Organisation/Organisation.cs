using Probation.Domain.Common;

namespace Probation.Domain.Organisation;

public enum ProviderKind
{
    /// <summary>Community Rehabilitation Company: low and medium risk of serious harm cases.</summary>
    Crc,

    /// <summary>National Probation Service: high and very high risk, MAPPA, court work.</summary>
    Nps,
}

public sealed class Provider
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public ProviderKind Kind { get; set; }
}

public enum TeamKind
{
    /// <summary>A local team aligned to one local authority (six in the report).</summary>
    LocalTeam,

    /// <summary>The service-wide interventions team: accredited programmes, unpaid work, Through the Gate.</summary>
    Interventions,

    /// <summary>
    /// The standalone unpaid work team (section 4.1): it manages the cases whose only requirement is unpaid
    /// work; cases with other requirements stay with their responsible officer in a local team.
    /// </summary>
    UnpaidWork,
}

public static class TeamKinds
{
    /// <summary>Teams that hold cases and responsible officers: the local teams and the standalone unpaid work team.</summary>
    public static bool HoldsCases(TeamKind kind) => kind is TeamKind.LocalTeam or TeamKind.UnpaidWork;
}

public sealed class Team
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public TeamKind Kind { get; set; }

    /// <summary>The local authority a local team is aligned to; none for service-wide teams.</summary>
    public string? LocalAuthority { get; set; }
}

public enum SiteKind
{
    DistrictCentre,
    CommunityHub,
    Prison,
    UnpaidWorkProject,
}

/// <summary>A postal address, kept as entered; only the postcode is normalised.</summary>
public sealed class Address
{
    public const int LineMaxLength = 100;
    public const int PostcodeMaxLength = 8;

    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public required string Town { get; set; }
    public required string Postcode { get; set; }

    public override string ToString() =>
        string.Join(", ", new[] { Line1, Line2, Town, Postcode }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

public sealed class Site
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public SiteKind Kind { get; set; }
    public required Address Address { get; set; }

    /// <summary>Hubs only (section 1.4): sessions kept for women, step-free access, rooms for private interviews.</summary>
    public bool WomenOnlySessions { get; set; }
    public bool StepFreeAccess { get; set; }
    public int InterviewRooms { get; set; }

    public List<HubOpeningSession> OpeningSessions { get; set; } = [];
    public List<HubRentalPeriod> RentalPeriods { get; set; } = [];
}

/// <summary>A weekly opening session of a community hub (the report: hubs are rented for set periods).</summary>
public sealed class HubOpeningSession
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
    public bool WomenOnly { get; set; }
}

/// <summary>A period for which the provider rents a hub's premises.</summary>
public sealed class HubRentalPeriod
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public string? Landlord { get; set; }

    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);
}

public enum StaffGrade
{
    ProbationOfficer,
    ProbationServicesOfficer,
    CaseAdministrator,
    TeamManager,
    UnpaidWorkSupervisor,
    ProgrammeTutor,
    ResettlementWorker,
    QualityOfficer,
    Inspector,
    SeniorLeader,
}

public enum CompetenceArea
{
    DomesticAbuse,
    ChildSafeguarding,
    SexualOffending,
    MentalHealth,
    Mappa,
    AdultSafeguarding,
    WorkingWithWomen,
    AccreditedProgrammeDelivery,
}

public sealed class StaffMember
{
    public const int NameMaxLength = 60;

    public int Id { get; set; }

    /// <summary>The provider employing this member of staff; none for inspectors (HM Inspectorate of Probation).</summary>
    public int? ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    public required string StaffCode { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public StaffGrade Grade { get; set; }
    public Gender Gender { get; set; }

    /// <summary>Contracted hours a week (37 is full time).</summary>
    public double ContractedHours { get; set; }

    /// <summary>Hours a week taken off case work (training, union duties, a phased return): workload reductions.</summary>
    public double ReductionHours { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>The sign-in name of this member of staff, where they have an account.</summary>
    public string? UserName { get; set; }

    public List<TrainingRecord> Training { get; set; } = [];

    public string FullName => $"{FirstName} {LastName}";

    public bool IsResponsibleOfficerGrade => Grade is StaffGrade.ProbationOfficer or StaffGrade.ProbationServicesOfficer;
}

/// <summary>Training and competence records (recommendation 3: skills in domestic abuse and child safeguarding).</summary>
public sealed class TrainingRecord
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public CompetenceArea Area { get; set; }
    public required string Course { get; set; }
    public DateOnly CompletedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }

    public bool IsCurrent(DateOnly today) => CompletedOn <= today && (ExpiresOn is null || today <= ExpiresOn);
}
