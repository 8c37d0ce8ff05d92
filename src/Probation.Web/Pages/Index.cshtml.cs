using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application;
using Probation.Application.Access;
using Probation.Application.Cases;
using Probation.Application.Identity;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages;

/// <summary>The home page: what this role does here; a responsible officer's caseload first.</summary>
public sealed class IndexModel(IRequestContext request, SearchCases search, Probation.Application.Organisation.OrganisationQueries organisation, Probation.Application.Supervision.SupervisionQueries supervision) : PageModel
{
    public string DisplayName { get; private set; } = string.Empty;
    public string RoleName { get; private set; } = string.Empty;
    public bool IsCaseWorker { get; private set; }
    public int? StaffMemberId { get; private set; }
    public int? TeamId { get; private set; }
    public Paged<CaseRow>? Caseload { get; private set; }

    /// <summary>Each caseload case's practice alerts, by CRN.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Probation.Application.Supervision.AlertView>>? Alerts { get; private set; }
    public Probation.Application.Organisation.TeamDetail? Team { get; private set; }
    public IReadOnlyList<Probation.Application.Organisation.TeamRow>? Teams { get; private set; }
    public IReadOnlyList<string> Duties { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = request.Viewer;
        DisplayName = User.FindFirst(ProbationClaims.DisplayName)?.Value ?? viewer.UserName;
        RoleName = string.Join(", ", viewer.Roles.Select(Roles.Describe));
        IsCaseWorker = viewer.IsCaseWorker;
        StaffMemberId = viewer.StaffMemberId;
        TeamId = viewer.TeamId;
        Duties = viewer.Roles.Select(RoleDuties.For).Where(d => d.Length > 0).ToList();
        if (viewer.IsInRole(Roles.TeamManager) && viewer.TeamId is { } teamId)
        {
            Team = await organisation.TeamAsync(teamId, ct);
        }

        if (viewer.IsInRole(Roles.SeniorLeader))
        {
            Teams = await organisation.TeamsAsync(ct);
        }

        if (viewer.StaffMemberId is { } me
            && (viewer.IsInRole(Roles.ProbationOfficer) || viewer.IsInRole(Roles.ProbationServicesOfficer)))
        {
            Caseload = await search.RunAsync(new CaseSearch(OfficerId: me, PageSize: 100), ct);
            Alerts = await supervision.AlertsForAsync(Caseload.Items.Where(r => !r.AccessRestricted).Select(r => r.Crn).ToList(), ct);
        }
    }
}

/// <summary>What each role does here, in a sentence, until each role's own module gives it a fuller home page.</summary>
public static class RoleDuties
{
    public static string For(string role) => role switch
    {
        Roles.ProbationOfficer or Roles.ProbationServicesOfficer => "You supervise the people on your caseload: check each case's risk of serious harm and flags first.",
        Roles.CaseAdministrator => "You find cases and keep their details up to date for the officers in your team.",
        Roles.TeamManager => "You oversee your team's officers and the cases they hold.",
        Roles.UnpaidWorkSupervisor => "You supervise people doing unpaid work; check a person's risk before they join a project.",
        Roles.ProgrammeTutor => "You deliver accredited programmes; check a person's risk and flags before a group starts.",
        Roles.ResettlementWorker => "You plan resettlement for people in prison before their release.",
        Roles.QualityOfficer => "You audit cases against the inspection standards.",
        Roles.Inspector => "You inspect the provider's work through the cases in an inspection sample.",
        Roles.SeniorLeader => "You lead the provider: its teams, their caseloads and the quality of their work.",
        Roles.SystemAdministrator => "You look after the service: accounts and the audit log. You do not see case records.",
        _ => string.Empty,
    };
}
