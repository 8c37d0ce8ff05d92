using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;
using Probation.Domain.Organisation;
using Probation.Domain.UnpaidWork;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>Unpaid work projects: the list, and for unpaid work staff a form to add one.</summary>
public sealed class ProjectsModel(UnpaidWorkQueries queries, RecordProject record, Application.Organisation.OrganisationQueries organisation) : UnpaidWorkPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ProjectView> Projects { get; private set; } = [];

    public IReadOnlyList<StaffRef> Supervisors { get; private set; } = [];

    public IReadOnlyList<Application.Organisation.SiteRow> Sites { get; private set; } = [];

    public bool IsStaff { get; private set; }

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? Beneficiary { get; set; }
        public string? SiteId { get; set; }
        public string? Placement { get; set; }
        public bool WomenOnly { get; set; }
        public string? Capacity { get; set; }
        public List<string> Risks { get; set; } = [];
        public string? RiskNotes { get; set; }
        public bool WeekendAvailable { get; set; }
        public string? Award { get; set; }
        public List<int> SupervisorIds { get; set; } = [];
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var type = Choice<ProjectType>(Input.Type);
        var placement = Choice<PlacementKind>(Input.Placement);
        Qualification? award = null;
        if (!string.IsNullOrEmpty(Input.Award) && (award = Choice<Qualification>(Input.Award)) is null)
        {
            ModelState.AddModelError("Input.Award", "Select the award from the list");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await record.CreateAsync(
            new ProjectCommand(Input.Name, type, Input.Beneficiary, Number(Input.SiteId), placement, Input.WomenOnly, Number(Input.Capacity),
                Flags<ProjectRisks>(Input.Risks), Input.RiskNotes, Input.WeekendAvailable, award, Input.SupervisorIds),
            ct);
        return Done(result, "The project is added.", "Input.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Projects = await queries.ProjectsAsync(ct);
        IsStaff = await queries.IsUnpaidWorkStaffAsync(ct);
        Supervisors = await queries.SupervisorsAsync(ct);
        Sites = (await organisation.SitesAsync(SiteKind.UnpaidWorkProject, null, ct)).OrderBy(s => s.Name).ToList();
    }
}
