using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Resettlement;
using Probation.Domain.Supervision;

namespace Probation.Application.Resettlement;

public sealed record ResettlementAlertView(ResettlementAlertCode Code, AlertSeverity Severity, string Reason, DateOnly DueOn, string Resolve)
{
    public static ResettlementAlertView From(ResettlementAlert a, Crn crn) =>
        new(a.Code, a.Severity, a.Reason, a.DueOn, $"/resettlement/{crn.Value.ToLowerInvariant()}/{a.Resolve}");
}

public sealed record PathwayView(Pathway Pathway, string Name, PathwayStatus Status, string StatusName, bool Complete, string? Actions, string? Partner, DateOnly? UpdatedOn);

public sealed record ActivityView(int Id, DateOnly On, Pathway Pathway, string PathwayName, string Description, string DeliveredBy, string? CoordinatedWith, string RecordedBy);

public sealed record CustodyView(
    int Id, string PrisonCode, string Prison, DateOnly ReceptionDate, DateOnly SentenceDate, int SentenceLengthMonths, DateOnly SentenceEnd,
    DateOnly ExpectedReleaseDate, int DaysToRelease, ReleaseType ReleaseType, bool WomensThroughcare, string RecordedBy,
    DateOnly? ScreenedOn, string? ScreenedBy, DateOnly? PlanCompletedOn, DateOnly? PlanRevisedOn, string? PlanWrittenBy, string? RiskOfHarmConsidered,
    DateOnly? HandoverOn, string? HandoverTo, string? HandoverNotes,
    DateOnly? ReleasedOn, AccommodationOnRelease? AccommodationOnRelease, DateOnly? FirstAppointmentOn, bool? BenefitsInPlace, string? ReleaseNotes,
    ResettlementDueDates Due, string Stage, IReadOnlyList<PathwayView> Pathways, IReadOnlyList<ActivityView> Activities, IReadOnlyList<ResettlementAlertView> Alerts);

/// <summary>A person's Through the Gate record: the open custody record (if any) with its alerts, and past ones.</summary>
public sealed record ResettlementView(
    string Crn, string Name, Gender Gender, int Version, DateOnly Today, string? CommunityOfficer, bool MayRecord,
    CustodyView? Current, IReadOnlyList<CustodyView> Past);

public sealed record ResettlementLookup(ResettlementView? View, bool Restricted);

public sealed record PrisonView(int Id, string Code, string Name);

/// <summary>One person on a prison caseload: by expected release date, with the stage reached and the alerts raised.</summary>
public sealed record CaseloadRow(
    string Crn, string Name, string PrisonCode, string Prison, DateOnly ExpectedReleaseDate, int DaysToRelease, ReleaseType ReleaseType,
    bool WomensThroughcare, string? CommunityOfficer, string Stage, IReadOnlyList<ResettlementAlertView> Alerts);

/// <summary>Reads Through the Gate records; every read of a person's record is audited.</summary>
public sealed class ResettlementQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock, ResettlementAlerts alerts)
{
    public async Task<IReadOnlyList<PrisonView>> PrisonsAsync(CancellationToken ct)
    {
        var providerId = request.Viewer.ProviderId ?? -1;
        return await db.Sites.AsNoTracking()
            .Where(s => s.Kind == SiteKind.Prison && s.ProviderId == providerId)
            .OrderBy(s => s.Name)
            .Select(s => new PrisonView(s.Id, s.Code, s.Name))
            .ToListAsync(ct);
    }

    public async Task<ResettlementLookup> GetAsync(string crnText, string purpose, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return new ResettlementLookup(null, false);
        }

        var viewer = request.Viewer;
        var person = await db.People.AsNoTracking().Where(viewer.InScope())
            .Include(p => p.AccessList)
            .Include(p => p.ResponsibleOfficer)
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null)
        {
            return new ResettlementLookup(null, false);
        }

        if (!CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return new ResettlementLookup(null, true);
        }

        await audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], ct);
        return new ResettlementLookup(await ViewAsync(person, crn, viewer, ct), false);
    }

    /// <summary>
    /// The resettlement record of a person (loaded with their responsible officer), as <paramref name="viewer"/> sees
    /// it. The caller has decided the viewer may see the case and has audited the read.
    /// </summary>
    internal async Task<ResettlementView> ViewAsync(Domain.Cases.PersonOnProbation person, Crn crn, Viewer viewer, CancellationToken ct)
    {
        var records = await db.CustodyRecords.AsNoTracking().AsSplitQuery()
            .Include(c => c.Needs).Include(c => c.Activities)
            .Where(c => c.PersonId == person.Id)
            .OrderByDescending(c => c.ReceptionDate)
            .ToListAsync(ct);
        var prisonIds = records.Select(r => r.PrisonId).Distinct().ToList();
        var prisons = await db.Sites.AsNoTracking().Where(s => prisonIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => (s.Code, s.Name), ct);
        var today = clock.Today();
        var current = ResettlementRules.Current(records);
        return new ResettlementView(
                crn.Value,
                person.FullName,
                person.Gender,
                person.Version,
                today,
                person.ResponsibleOfficer?.FullName,
                viewer.IsInRole(Identity.Roles.ResettlementWorker),
                current is null ? null : ToView(current, prisons[current.PrisonId], crn, today),
                records.Where(r => r != current).Select(r => ToView(r, prisons[r.PrisonId], crn, today)).ToList());
    }

    /// <summary>
    /// The resettlement record for the case page's summary, only where the person has a custody record: a case
    /// with none shows nothing from this module, so nothing is read and nothing audited.
    /// </summary>
    public async Task<ResettlementView?> SummaryAsync(string crnText, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return null;
        }

        var any = await db.CustodyRecords.AnyAsync(c => db.People.Any(p => p.Id == c.PersonId && p.Crn == crn), ct);
        return any ? (await GetAsync(crnText, "Custody and resettlement summary on the case page", ct)).View : null;
    }

    /// <summary>
    /// The people in custody the user may see, not yet released, soonest release first; a prison code narrows it
    /// to one prison. Everyone shown is audited as consulted.
    /// </summary>
    public async Task<Paged<CaseloadRow>> CaseloadAsync(string? prisonCode, int page, int pageSize, string purpose, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var people = db.People.AsNoTracking().Where(viewer.InScope()).Where(viewer.MaySeeDetails());
        var prisons = db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Prison);
        if (!string.IsNullOrWhiteSpace(prisonCode))
        {
            var code = prisonCode.Trim().ToUpperInvariant();
            prisons = prisons.Where(s => s.Code == code);
        }

        var open = db.CustodyRecords.AsNoTracking()
            .Where(c => c.ReleasedOn == null)
            .Where(c => people.Any(p => p.Id == c.PersonId))
            .Where(c => prisons.Any(s => s.Id == c.PrisonId));
        var total = await open.CountAsync(ct);
        var number = Paging.Clamp(page, pageSize, out var size);
        var records = await open.Include(c => c.Needs)
            .OrderBy(c => c.ExpectedReleaseDate).ThenBy(c => c.Id)
            .Skip((number - 1) * size).Take(size)
            .ToListAsync(ct);
        var personIds = records.Select(r => r.PersonId).ToList();
        var who = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Crn, p.FirstName, p.LastName, Officer = p.ResponsibleOfficer == null ? null : p.ResponsibleOfficer.FirstName + " " + p.ResponsibleOfficer.LastName })
            .ToDictionaryAsync(p => p.Id, ct);
        var prisonIds = records.Select(r => r.PrisonId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => prisonIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => (s.Code, s.Name), ct);
        var today = clock.Today();
        var rows = records.Select(r =>
        {
            var p = who[r.PersonId];
            var (code, name) = sites[r.PrisonId];
            return new CaseloadRow(
                p.Crn.Value, $"{p.FirstName} {p.LastName}", code, name, r.ExpectedReleaseDate, r.ExpectedReleaseDate.DayNumber - today.DayNumber, r.ReleaseType,
                r.WomensThroughcare, p.Officer, Stage(r), alerts.Evaluate(r, today).Select(a => ResettlementAlertView.From(a, p.Crn)).ToList());
        }).ToList();
        await audit.RecordReadAsync(AuditAction.Consulted, purpose, rows.Select(r => Crn.Parse(r.Crn)).ToList(), ct);
        return new Paged<CaseloadRow>(rows, number, size, total);
    }

    /// <summary>How far the Through the Gate work has got, in words.</summary>
    public static string Stage(CustodyRecord r) =>
        r.ReleasedOn is not null ? "Released"
        : r.HandoverOn is not null ? "Handed over"
        : r.PlanCompletedOn is not null ? "Plan written"
        : r.ScreenedOn is not null ? "Screened"
        : "Awaiting screening";

    private CustodyView ToView(CustodyRecord r, (string Code, string Name) prison, Crn crn, DateOnly today) => new(
        r.Id, prison.Code, prison.Name, r.ReceptionDate, r.SentenceDate, r.SentenceLengthMonths, r.SentenceEnd,
        r.ExpectedReleaseDate, r.ExpectedReleaseDate.DayNumber - today.DayNumber, r.ReleaseType, r.WomensThroughcare, r.RecordedBy,
        r.ScreenedOn, r.ScreenedBy, r.PlanCompletedOn, r.PlanRevisedOn, r.PlanWrittenBy, r.RiskOfHarmConsidered,
        r.HandoverOn, r.HandoverTo, r.HandoverNotes,
        r.ReleasedOn, r.AccommodationOnRelease, r.FirstAppointmentOn, r.BenefitsInPlace, r.ReleaseNotes,
        alerts.DueDates(r), Stage(r),
        Enum.GetValues<Pathway>().Select(p =>
        {
            var n = r.Needs.FirstOrDefault(x => x.Pathway == p);
            var status = n?.Status ?? PathwayStatus.NotStarted;
            return new PathwayView(p, ResettlementRules.Describe(p), status, ResettlementRules.Describe(status), ResettlementRules.IsComplete(status), n?.Actions, n?.Partner, n?.UpdatedOn);
        }).ToList(),
        r.Activities.OrderByDescending(a => a.On).ThenByDescending(a => a.Id)
            .Select(a => new ActivityView(a.Id, a.On, a.Pathway, ResettlementRules.Describe(a.Pathway), a.Description, a.DeliveredBy, a.CoordinatedWith, a.RecordedBy)).ToList(),
        alerts.Evaluate(r, today).Select(a => ResettlementAlertView.From(a, crn)).ToList());
}
