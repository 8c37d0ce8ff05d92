using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Oversight;
using Probation.Domain.Oversight;

namespace Probation.Web.Pages.Oversight;

/// <summary>The cases behind one number of the team oversight page, each with why it counts.</summary>
public sealed class CasesModel(OversightQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Measure { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Officer { get; set; }

    public OversightCases List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!Enum.TryParse<OversightMeasure>(Measure, false, out var measure) || !Enum.IsDefined(measure) || int.TryParse(Measure, out _))
        {
            return NotFound();
        }

        var list = await queries.CasesAsync(id, measure, Officer, ct);
        if (list is null)
        {
            return NotFound();
        }

        List = list;
        return Page();
    }
}
