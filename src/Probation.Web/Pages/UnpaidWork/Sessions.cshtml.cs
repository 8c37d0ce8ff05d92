using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application;
using Probation.Application.UnpaidWork;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>Sessions as a calendar, a week at a time; unpaid work staff schedule sessions here.</summary>
public sealed class SessionsModel(UnpaidWorkQueries queries, ScheduleSession schedule, TimeProvider clock) : UnpaidWorkPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ProjectId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DateOnly Monday { get; private set; }

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    /// <summary>Every project, retired ones too, for naming the one the calendar is filtered to.</summary>
    public IReadOnlyList<ProjectView> AllProjects { get; private set; } = [];

    /// <summary>The projects sessions can be scheduled on: those retired by today are left out.</summary>
    public IReadOnlyList<ProjectView> Projects => AllProjects.Where(p => p.RetiredOn is not { } r || r > Today).ToList();

    public DateOnly Today => clock.Today();

    public IReadOnlyList<StaffRef> Supervisors { get; private set; } = [];

    public bool IsStaff { get; private set; }

    public sealed class InputModel
    {
        public string? ProjectId { get; set; }
        public DateParts On { get; set; } = new();
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? SupervisorId { get; set; }
        public string? Capacity { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new InputModel { ProjectId = ProjectId?.ToString(CultureInfo.InvariantCulture), On = DateParts.From(Monday.AddDays(7)), StartsAt = "09:00", EndsAt = "16:00" };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var on = Input.On.Parse("the session", ModelState, "Input.On");
        var starts = Time(Input.StartsAt, "Input.StartsAt", "start time", true);
        var ends = Time(Input.EndsAt, "Input.EndsAt", "end time", true);
        if (Number(Input.ProjectId) is null)
        {
            ModelState.AddModelError("Input.ProjectId", "Choose the project");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await schedule.CreateAsync(new SessionCommand(Number(Input.ProjectId)!.Value, on!.Value, starts, ends, Number(Input.SupervisorId), Number(Input.Capacity)), ct);
        return Done(result, "The session is scheduled.", "Input.", $"/unpaid-work/sessions?week={on:yyyy-MM-dd}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var day = DateOnly.TryParseExact(Week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var w) ? w : clock.Today();
        Monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        Sessions = await queries.SessionsAsync(Monday, Monday.AddDays(6), ProjectId, ct);
        AllProjects = await queries.ProjectsAsync(ct, includeRetired: true);
        Supervisors = await queries.SupervisorsAsync(ct);
        IsStaff = await queries.IsUnpaidWorkStaffAsync(ct);
    }
}
