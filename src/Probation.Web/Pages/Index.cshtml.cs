using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application;
using Probation.Application.Access;
using Probation.Application.Cases;
using Probation.Application.Identity;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages;

/// <summary>The home page: what this role does here; a responsible officer's caseload first.</summary>
public sealed class IndexModel(IRequestContext request, SearchCases search) : PageModel
{
    public string DisplayName { get; private set; } = string.Empty;
    public string RoleName { get; private set; } = string.Empty;
    public bool IsCaseWorker { get; private set; }
    public int? StaffMemberId { get; private set; }
    public int? TeamId { get; private set; }
    public Paged<CaseRow>? Caseload { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = request.Viewer;
        DisplayName = User.FindFirst(ProbationClaims.DisplayName)?.Value ?? viewer.UserName;
        RoleName = string.Join(", ", viewer.Roles.Select(Roles.Describe));
        IsCaseWorker = viewer.IsCaseWorker;
        StaffMemberId = viewer.StaffMemberId;
        TeamId = viewer.TeamId;
        if (viewer.StaffMemberId is { } me
            && (viewer.IsInRole(Roles.ProbationOfficer) || viewer.IsInRole(Roles.ProbationServicesOfficer)))
        {
            Caseload = await search.RunAsync(new CaseSearch(OfficerId: me, PageSize: 100), ct);
        }
    }
}
