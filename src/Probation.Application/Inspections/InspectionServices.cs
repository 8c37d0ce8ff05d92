using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Inspection;

namespace Probation.Application.Inspections;

/// <summary>The inspection use cases, registered with one call.</summary>
public static class InspectionServices
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.TryAddSingleton(new InspectionSampleOptions());
        services.AddScoped<InspectionAccess>();
        services.AddScoped<InspectionQueries>();
        services.AddScoped<InspectionReports>();
        services.AddScoped<CreateInspection>();
        services.AddScoped<DrawSample>();
        services.AddScoped<ChangeInspectionStatus>();
        services.AddScoped<RecordInspectionAssessment>();
        services.AddScoped<RecordInspectionEvidence>();
        services.AddScoped<RecordRecommendations>();
        return services;
    }
}

/// <summary>What an inspection write answers: the record written and the version of the record that carries one.</summary>
public sealed record InspectionSaved(int Id, int Version);

/// <summary>
/// Who may do what with an inspection. Inspectors read and work on the inspections whose team they are on; the
/// lead inspector draws the samples and moves the status. The provider's own staff read an inspection of their
/// provider once its report is published; its senior leaders track the recommendations. Anyone else is told the
/// inspection does not exist, so its existence is not disclosed either.
/// </summary>
public sealed class InspectionAccess(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public Viewer Viewer => request.Viewer;

    public DateOnly Today => clock.Today();

    public ProbationDbContext Db => db;

    public AuditLog Audit => audit;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>An inspector of HM Inspectorate of Probation with a staff record.</summary>
    public bool IsInspector => Viewer.IsInRole(Roles.Inspector) && Viewer.StaffMemberId is not null;

    /// <summary>Provider staff whose provider an inspection may be of.</summary>
    public bool IsProviderStaff => Viewer.IsCaseWorker && Viewer.ProviderId is not null;

    /// <summary>The inspections this user may read.</summary>
    /// <summary>The inspections this user may read, with what their detail page and report show: the samples' strata, the evidence, ratings, discretion and recommendations.</summary>
    public IQueryable<InspectionRecord> ReadableWithEvidence() =>
        Readable().AsNoTracking().AsSplitQuery()
            .Include(i => i.Samples).ThenInclude(s => s.Strata)
            .Include(i => i.DomainOneRatings)
            .Include(i => i.EnteredCounts).ThenInclude(e => e.KeyQuestions)
            .Include(i => i.InterviewQuestions)
            .Include(i => i.Meetings)
            .Include(i => i.Discretions)
            .Include(i => i.Recommendations);

    public IQueryable<InspectionRecord> Readable()
    {
        var me = Viewer.StaffMemberId ?? -1;
        if (IsInspector)
        {
            return db.Inspections.Where(i => i.Team.Any(t => t.StaffMemberId == me));
        }

        if (IsProviderStaff)
        {
            var providerId = Viewer.ProviderId!.Value;
            return db.Inspections.Where(i => i.ProviderId == providerId && i.Status == InspectionStatus.Published);
        }

        return db.Inspections.Where(i => false);
    }

    public bool OnTeam(InspectionRecord i) => IsInspector && i.Team.Any(t => t.StaffMemberId == Viewer.StaffMemberId);

    public bool IsLead(InspectionRecord i) => IsInspector && i.LeadInspectorId == Viewer.StaffMemberId;

    /// <summary>A senior leader of the inspected provider: tracks the recommendations once the report is published.</summary>
    public bool MayTrackRecommendations(InspectionRecord i) =>
        i.Status == InspectionStatus.Published && Viewer.IsInRole(Roles.SeniorLeader) && Viewer.ProviderId == i.ProviderId;

    /// <summary>Opens an inspection for a change by a member of its team (the lead alone, where <paramref name="leadOnly"/>).</summary>
    public async Task<(InspectionRecord? Inspection, Outcome? Refusal)> OpenForTeamAsync(int id, bool leadOnly, CancellationToken ct, Func<IQueryable<InspectionRecord>, IQueryable<InspectionRecord>>? include = null)
    {
        if (!IsInspector)
        {
            return (null, Outcome.Missing("inspection"));
        }

        var q = db.Inspections.Include(i => i.Team).AsQueryable();
        var inspection = await (include is null ? q : include(q)).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null || !OnTeam(inspection))
        {
            return (null, Outcome.Missing("inspection"));
        }

        if (leadOnly && !IsLead(inspection))
        {
            return (null, Outcome.Refuse("Only the lead inspector can do this."));
        }

        return (inspection, null);
    }

    /// <summary>Holds the version the user saw, so a change made meanwhile by someone else is a conflict.</summary>
    public void Expect(InspectionRecord inspection, int expectedVersion)
    {
        db.Entry(inspection).Property(i => i.Version).OriginalValue = expectedVersion;
        inspection.Version = expectedVersion + 1;
    }

    public const string StaleMessage = "Someone else changed this inspection after you opened it. Reload it to see their change, then make yours again.";

    /// <summary>Saves a change with its audit row in one transaction; a concurrent change is a conflict and nothing is written.</summary>
    public async Task<Outcome<InspectionSaved>> SaveAsync(string what, IEnumerable<Crn> subjects, Func<InspectionSaved> saved, CancellationToken ct, AuditAction action = AuditAction.Altered)
    {
        audit.Add(action, what, subjects);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome<InspectionSaved>(Outcome.Stale(StaleMessage), null);
        }
        catch (DbUpdateException)
        {
            // A unique row raced another: two inspectors starting the same case's assessment, or entering the same
            // standard's counts, at the same moment. The first stands; the second reloads and sees it.
            db.ChangeTracker.Clear();
            return new Outcome<InspectionSaved>(Outcome.Stale(StaleMessage), null);
        }

        return new Outcome<InspectionSaved>(Outcome.Ok(), saved());
    }

    public static Outcome<InspectionSaved> Fail(Outcome refusal) => new(refusal, null);

    public static string Describe(ProviderType type) => type == ProviderType.Crc ? "CRC" : "NPS";
}
