using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;

namespace Probation.Web.Pages.Programmes;

/// <summary>A session's register: each member, and their attendance once recorded.</summary>
public sealed class SessionModel(ProgrammeQueries queries) : ProgrammePageModel
{
    public GroupView View { get; private set; } = null!;

    public SessionRow Session { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int sessionId, CancellationToken ct)
    {
        var view = await queries.GroupAsync(id, ct);
        var session = view?.Sessions.SingleOrDefault(s => s.Id == sessionId);
        if (view is null || session is null)
        {
            return NotFound();
        }

        (View, Session) = (view, session);
        return Page();
    }
}
