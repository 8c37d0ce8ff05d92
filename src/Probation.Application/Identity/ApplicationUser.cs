using Microsoft.AspNetCore.Identity;

namespace Probation.Application.Identity;

/// <summary>A sign-in account. Staff accounts point at their staff record; the system administrator may not.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public int? StaffMemberId { get; set; }
    public string? DisplayName { get; set; }
}

/// <summary>Roles: the staff grades plus system administrator.</summary>
public static class Roles
{
    public const string ProbationOfficer = "ProbationOfficer";
    public const string ProbationServicesOfficer = "ProbationServicesOfficer";
    public const string CaseAdministrator = "CaseAdministrator";
    public const string TeamManager = "TeamManager";
    public const string UnpaidWorkSupervisor = "UnpaidWorkSupervisor";
    public const string ProgrammeTutor = "ProgrammeTutor";
    public const string ResettlementWorker = "ResettlementWorker";
    public const string QualityOfficer = "QualityOfficer";
    public const string Inspector = "Inspector";
    public const string SeniorLeader = "SeniorLeader";
    public const string SystemAdministrator = "SystemAdministrator";

    public static readonly IReadOnlyList<string> All =
    [
        ProbationOfficer, ProbationServicesOfficer, CaseAdministrator, TeamManager, UnpaidWorkSupervisor,
        ProgrammeTutor, ResettlementWorker, QualityOfficer, Inspector, SeniorLeader, SystemAdministrator,
    ];

    /// <summary>Provider staff whose work needs case records. Inspectors see only their sample; administrators none.</summary>
    public static readonly IReadOnlyList<string> CaseWorkers =
    [
        ProbationOfficer, ProbationServicesOfficer, CaseAdministrator, TeamManager, UnpaidWorkSupervisor,
        ProgrammeTutor, ResettlementWorker, QualityOfficer, SeniorLeader,
    ];

    public static string ForGrade(Domain.Organisation.StaffGrade grade) => grade.ToString();

    public static string Describe(string role) => role switch
    {
        ProbationOfficer => "Probation officer",
        ProbationServicesOfficer => "Probation services officer",
        CaseAdministrator => "Case administrator",
        TeamManager => "Team manager",
        UnpaidWorkSupervisor => "Unpaid work supervisor",
        ProgrammeTutor => "Programme tutor",
        ResettlementWorker => "Resettlement worker",
        QualityOfficer => "Quality officer",
        Inspector => "Inspector",
        SeniorLeader => "Senior leader",
        SystemAdministrator => "System administrator",
        _ => role,
    };
}
