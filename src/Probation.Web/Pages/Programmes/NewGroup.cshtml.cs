using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Domain.Cases;
using Probation.Domain.Programmes;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Programmes;

/// <summary>Set up a programme group at a district centre: programme, day or evening, start date, places and facilitators.</summary>
public sealed class NewGroupModel(ProgrammeQueries queries, ProgrammeAccess access, ManageGroups groups) : ProgrammePageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ChoiceRow> Sites { get; private set; } = [];

    public IReadOnlyList<ChoiceRow> Tutors { get; private set; } = [];

    public sealed class InputModel
    {
        public string? Programme { get; set; }
        public string? SiteId { get; set; }
        public string? Time { get; set; }
        public DateParts StartDate { get; set; } = new();
        public string? Capacity { get; set; }
        public List<int> Facilitators { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await access.MayManageAsync(ct))
        {
            return Forbid();
        }

        (Sites, Tutors) = await queries.ChoicesAsync(ct);
        Input.Capacity = "10";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.MayManageAsync(ct))
        {
            return Forbid();
        }

        (Sites, Tutors) = await queries.ChoicesAsync(ct);
        var programme = Choice<AccreditedProgramme>(Input.Programme);
        if (programme is null)
        {
            ModelState.AddModelError("Input.Programme", "Select the programme");
        }

        var siteId = Number(Input.SiteId);
        if (siteId is null)
        {
            ModelState.AddModelError("Input.SiteId", "Choose the district centre");
        }

        var time = Choice<GroupTime>(Input.Time);
        if (time is null)
        {
            ModelState.AddModelError("Input.Time", "Select day or evening");
        }

        var start = Input.StartDate.Parse("the first session", ModelState, "Input.StartDate");
        var capacity = Number(Input.Capacity);
        if (capacity is null)
        {
            ModelState.AddModelError("Input.Capacity", "Enter the number of places as a whole number, like 10");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await groups.CreateAsync(new GroupCommand(programme, siteId, time, start, capacity, Input.Facilitators), ct);
        return Done(outcome, $"The {Describe(programme!.Value)} group is set up.", then: outcome.Value is { } saved ? $"/programmes/groups/{saved.Id}" : null);
    }
}
