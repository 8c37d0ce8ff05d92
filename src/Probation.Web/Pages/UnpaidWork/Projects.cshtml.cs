using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;
using Probation.Domain.Organisation;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>Unpaid work projects: the list (retired ones marked), and for unpaid work staff a form to add one and a link to change each.</summary>
public sealed class ProjectsModel(UnpaidWorkQueries queries, RecordProject record, Application.Organisation.OrganisationQueries organisation, TimeProvider clock) : UnpaidWorkPageModel
{
    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    public IReadOnlyList<ProjectView> Projects { get; private set; } = [];

    public IReadOnlyList<StaffRef> Supervisors { get; private set; } = [];

    public IReadOnlyList<Application.Organisation.SiteRow> Sites { get; private set; } = [];

    public bool IsStaff { get; private set; }

    public DateOnly Today => Application.UkClock.Today(clock);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var command = Input.ToCommand(ModelState, "Input.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await record.CreateAsync(command, ct);
        return Done(result, "The project is added.", "Input.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Projects = await queries.ProjectsAsync(ct, includeRetired: true);
        IsStaff = await queries.IsUnpaidWorkStaffAsync(ct);
        Supervisors = await queries.SupervisorsAsync(ct);
        Sites = (await organisation.SitesAsync(SiteKind.UnpaidWorkProject, null, ct)).OrderBy(s => s.Name).ToList();
    }
}
