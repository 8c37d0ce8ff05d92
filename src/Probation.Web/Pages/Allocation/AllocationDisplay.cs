using Probation.Domain.Allocation;

namespace Probation.Web.Pages.Allocation;

public static class AllocationDisplay
{
    public static string Grade(RequiredGrade? grade) => grade switch
    {
        RequiredGrade.ProbationOfficer => "Probation officer",
        RequiredGrade.ProbationOfficerOrProbationServicesOfficer => "PO or PSO",
        _ => "",
    };

    public static string Decider(AllocationDecider? decider) => decider switch
    {
        AllocationDecider.TeamManager => "Team manager",
        AllocationDecider.CaseAdministrator => "Case administrator",
        _ => "",
    };
}
