using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Identity;
using Probation.Application.Inspections;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;
using Probation.Web.Pages.Cases.Supervision;

namespace Probation.Web.Pages.Inspections;

/// <summary>An inspector sets up an inspection: the provider and its type, the framework, a title, the fieldwork dates and the team.</summary>
[Authorize(Roles = Roles.Inspector)]
public sealed class NewModel(InspectionQueries queries, CreateInspection create, InspectionAccess access) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public InspectionChoices Choices { get; private set; } = null!;

    public int? Me => access.Viewer.StaffMemberId;

    public sealed class InputModel
    {
        public int? ProviderId { get; set; }
        public string? ProviderType { get; set; }
        public string? Framework { get; set; }
        public string? Title { get; set; }
        public DateParts FieldworkFrom { get; set; } = new();
        public DateParts FieldworkTo { get; set; } = new();
        public List<int> Team { get; set; } = [];
    }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Choices = await queries.ChoicesAsync(ct);
        var provider = Choices.Providers.FirstOrDefault();
        Input = new InputModel
        {
            ProviderId = provider?.Id,
            ProviderType = provider?.Type.ToString(),
            Framework = Frameworks.Current,
            Title = provider is null ? null : $"Inspection of probation services: {provider.Name}",
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await queries.ChoicesAsync(ct);
        var from = Input.FieldworkFrom.Parse("the start of fieldwork", ModelState, "Input.FieldworkFrom");
        var to = Input.FieldworkTo.Parse("the end of fieldwork", ModelState, "Input.FieldworkTo");
        var type = FormInput.Choice<ProviderType>(Input.ProviderType);
        if (type is null)
        {
            ModelState.AddModelError("Input.ProviderType", "Choose the type of provider: CRC or NPS");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await create.RunAsync(new CreateInspectionCommand(Input.ProviderId, type, Input.Framework, Input.Title, from!.Value, to!.Value, Input.Team), ct);
        return this.Show(outcome.Result, () =>
        {
            Saved = "The inspection is set up. Draw its samples before fieldwork starts.";
            return Redirect($"/inspections/{outcome.Value!.Id}");
        });
    }
}
