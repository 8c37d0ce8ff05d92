using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application;
using Probation.Application.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Web.Pages.Cases;

public sealed class IndexModel(SearchCases search) : PageModel
{
    public const int MaxQueryLength = 100;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public RoshLevel? Rosh { get; set; }

    [BindProperty(SupportsGet = true)]
    public RegistrationType? Registration { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TeamId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? OfficerId { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<CaseRow>? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Filters that failed to bind (an unknown level in the address) are reported, not ignored.
        foreach (var key in ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList())
        {
            ModelState.Remove(key);
            ModelState.AddModelError(key == "page" ? string.Empty : key, "Choose a value from the list");
        }

        var q = Q?.Trim();
        if (q is { Length: > MaxQueryLength })
        {
            ModelState.AddModelError(nameof(Q), $"Search for {MaxQueryLength} characters or fewer");
        }
        else if (!string.IsNullOrEmpty(q) && q.Any(char.IsAsciiDigit) && !Crn.TryParse(q, out _))
        {
            ModelState.AddModelError(nameof(Q), Crn.FormatDescription + ", or enter a name");
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        var searching = !string.IsNullOrEmpty(q) || Rosh is not null || Registration is not null || TeamId is not null || OfficerId is not null;
        if (searching)
        {
            Results = await search.RunAsync(new CaseSearch(q, TeamId, OfficerId, Rosh, Registration, null, Math.Max(1, PageNumber), 25), ct);
        }
    }

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["rosh"] = Rosh?.ToString(),
            ["registration"] = Registration?.ToString(),
            ["teamId"] = TeamId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["officerId"] = OfficerId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/cases", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
