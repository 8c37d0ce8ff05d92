using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Application.Cases;

public sealed record CaseSearch(
    string? Query = null,
    int? TeamId = null,
    int? OfficerId = null,
    RoshLevel? Rosh = null,
    RegistrationType? Registration = null,
    Gender? Gender = null,
    int Page = 1,
    int PageSize = 25);

/// <summary>
/// A row of a case list. Where the user may not see the case, only its CRN and
/// <see cref="AccessRestricted"/> are filled in: everything else is null.
/// </summary>
public sealed record CaseRow(
    string Crn,
    bool AccessRestricted,
    string? Name,
    DateOnly? DateOfBirth,
    Gender? Gender,
    RoshLevel? Rosh,
    int? OgrsScore,
    string? Team,
    string? ResponsibleOfficer,
    IReadOnlyList<RegistrationType>? Flags);

/// <summary>
/// Case search and case lists (an officer's caseload, a team's cases). Searching by name, or
/// filtering on risk or flags, never finds a case the user may not see: the match itself would
/// tell them something. Listing by CRN, team or officer shows such a case as "Access restricted".
/// </summary>
public sealed class SearchCases(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public async Task<Paged<CaseRow>> RunAsync(CaseSearch search, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var today = clock.Today();
        var visible = viewer.MaySeeDetails();
        var active = Registration.ActiveOn(today);
        var q = db.People.AsNoTracking().Where(viewer.InScope());

        var byDetails = search.Rosh is not null || search.Registration is not null || search.Gender is not null;
        var text = search.Query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (Crn.TryParse(text, out var crn))
            {
                q = q.Where(p => p.Crn == crn);
            }
            else
            {
                byDetails = true;
                var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3).ToArray();
                foreach (var word in words)
                {
                    var w = word;
                    q = q.Where(p => p.FirstName.ToLower().Contains(w) || p.LastName.ToLower().Contains(w));
                }
            }
        }

        if (search.TeamId is { } teamId)
        {
            q = q.Where(p => p.TeamId == teamId);
        }

        if (search.OfficerId is { } officerId)
        {
            q = q.Where(p => p.ResponsibleOfficerId == officerId);
        }

        if (search.Rosh is { } rosh)
        {
            q = q.Where(p => p.Risk.Rosh == rosh);
        }

        if (search.Gender is { } gender)
        {
            q = q.Where(p => p.Gender == gender);
        }

        if (search.Registration is { } reg)
        {
            q = q.Where(p => p.Registrations.AsQueryable().Where(active).Any(r => r.Type == reg));
        }

        if (byDetails)
        {
            q = q.Where(visible);
        }

        var page = Paging.Clamp(search.Page, search.PageSize, out var size);
        // Flat rows, then each case's access list and current flags by key in two more flat reads: reading them as
        // collections inside this one projected query cost more in shaping its joined rows than the reads save.
        var raw = await q
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => new
            {
                p.Id,
                p.Crn,
                Listed = p.AccessList.Any(),
                p.FirstName,
                p.LastName,
                p.DateOfBirth,
                p.Gender,
                p.Risk.Rosh,
                p.Risk.Ogrs,
                Team = p.Team!.Name,
                OfficerFirst = p.ResponsibleOfficer!.FirstName,
                OfficerLast = p.ResponsibleOfficer.LastName,
            })
            .ToListAsync(ct);
        var listed = raw.Where(r => r.Listed).Select(r => r.Id).ToList();
        var access = listed.Count == 0
            ? Array.Empty<CaseAccessEntry>().ToLookup(e => e.PersonId)
            : (await db.CaseAccessEntries.AsNoTracking().Where(e => EF.Parameter(listed).Contains(e.PersonId))
                .Select(e => new CaseAccessEntry { PersonId = e.PersonId, Kind = e.Kind, StaffMemberId = e.StaffMemberId }).ToListAsync(ct))
                .ToLookup(e => e.PersonId);
        var shown = raw.Where(r => CaseAccessRules.Decide(access[r.Id].ToList(), viewer.StaffMemberId).Allowed).Select(r => r.Id).ToList();
        var flags = shown.Count == 0
            ? Array.Empty<(int PersonId, RegistrationType Type)>().ToLookup(f => f.PersonId, f => f.Type)
            : (await db.Registrations.AsNoTracking().Where(active).Where(r => EF.Parameter(shown).Contains(r.PersonId))
                .Select(r => new { r.PersonId, r.Type }).ToListAsync(ct))
                .ToLookup(r => r.PersonId, r => r.Type);

        // A first page with room to spare holds every match (an officer's caseload, usually): no need to count them again.
        var total = page == 1 && raw.Count < size ? raw.Count : await q.CountAsync(ct);
        var allowed = shown.ToHashSet();
        var rows = raw.Select(r => allowed.Contains(r.Id)
                ? new CaseRow(
                    r.Crn.Value, false, $"{r.FirstName} {r.LastName}", r.DateOfBirth, r.Gender, r.Rosh, r.Ogrs?.Value, r.Team,
                    r.OfficerFirst is null ? null : $"{r.OfficerFirst} {r.OfficerLast}",
                    flags[r.Id].Distinct().Order().ToList())
                : new CaseRow(r.Crn.Value, true, null, null, null, null, null, null, null, null))
            .ToList();

        await audit.RecordReadAsync(
            AuditAction.Consulted,
            "Case list",
            rows.Where(r => !r.AccessRestricted).Select(r => Crn.Parse(r.Crn)).ToList(),
            ct);
        return new Paged<CaseRow>(rows, page, size, total);
    }
}
