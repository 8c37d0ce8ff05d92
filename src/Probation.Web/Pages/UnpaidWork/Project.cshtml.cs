using Microsoft.AspNetCore.Mvc;
using Probation.Application.UnpaidWork;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>One project: its details, changed by unpaid work staff with the project's version; and retiring it from a day, or putting it back in use.</summary>
public sealed class ProjectModel(UnpaidWorkQueries queries, RecordProject record, Application.Organisation.OrganisationQueries organisation, TimeProvider clock) : UnpaidWorkPageModel
{
    public ProjectView Project { get; private set; } = null!;

    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public DateParts RetireFrom { get; set; } = new();

    public IReadOnlyList<StaffRef> Supervisors { get; private set; } = [];

    public IReadOnlyList<Application.Organisation.SiteRow> Sites { get; private set; } = [];

    public bool IsStaff { get; private set; }

    public DateOnly Today => Application.UkClock.Today(clock);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Input = ProjectInput.From(Project);
        Version = Project.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var command = Input.ToCommand(ModelState, "Input.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await record.UpdateAsync(new ProjectUpdateCommand(id, Version, command, Project.RetiredOn), ct);
        return Done(result, "The project's details are changed.", "Input.");
    }

    public async Task<IActionResult> OnPostRetireAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Input = ProjectInput.From(Project);
        var on = RetireFrom.Parse("retirement", ModelState, "RetireFrom");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await record.UpdateAsync(new ProjectUpdateCommand(id, Version, Input.ToCommand(ModelState, "Input."), on), ct);
        if (result.Result is Refused { Field: nameof(ProjectUpdateCommand.RetiredOn) } r)
        {
            ModelState.AddModelError("RetireFrom", r.Reason);
            return Page();
        }

        return Done(result, $"The project is retired from {on:d MMMM yyyy}: no new sessions can be scheduled on it from that day. Sessions already scheduled stay.", "Input.");
    }

    public async Task<IActionResult> OnPostReinstateAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Input = ProjectInput.From(Project);
        var result = await record.UpdateAsync(new ProjectUpdateCommand(id, Version, Input.ToCommand(ModelState, "Input."), null), ct);
        return Done(result, "The project is back in use: sessions can be scheduled on it.", "Input.");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.ProjectAsync(id, ct) is not { } project)
        {
            return NotFound();
        }

        Project = project;
        IsStaff = await queries.IsUnpaidWorkStaffAsync(ct);
        Supervisors = await queries.SupervisorsAsync(ct);
        Sites = (await organisation.SitesAsync(SiteKind.UnpaidWorkProject, null, ct)).OrderBy(s => s.Name).ToList();
        return null;
    }
}
