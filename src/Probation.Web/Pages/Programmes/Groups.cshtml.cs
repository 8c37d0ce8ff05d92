using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;

namespace Probation.Web.Pages.Programmes;

/// <summary>Programme groups, with Building Better Relationships starts this month against the aim of two a month.</summary>
public sealed class GroupsModel(ProgrammeQueries queries) : ProgrammePageModel
{
    public GroupsView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await queries.GroupsAsync(ct);
        if (view is null)
        {
            return Forbid();
        }

        View = view;
        return Page();
    }
}
