using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Resettlement;

namespace Probation.Application.Resettlement;

/// <summary>The Through the Gate use cases, registered with one call.</summary>
public static class ResettlementServices
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.TryAddSingleton(new ResettlementAlerts(new ResettlementOptions(), WorkingDayCalendar.EnglandAndWales));
        services.AddScoped<ResettlementChange>();
        services.AddScoped<ResettlementQueries>();
        services.AddScoped<RecordCustody>();
        services.AddScoped<RecordScreening>();
        services.AddScoped<WriteResettlementPlan>();
        services.AddScoped<RecordResettlementActivity>();
        services.AddScoped<RecordHandover>();
        services.AddScoped<RecordRelease>();
        return services;
    }
}

/// <summary>The case opened for a Through the Gate write: the person (holding the version the user saw) and their custody records.</summary>
public sealed record OpenedCustody(PersonOnProbation Person, List<CustodyRecord> Records)
{
    public CustodyRecord? Current => ResettlementRules.Current(Records);
}

/// <summary>
/// The shared steps of every Through the Gate write, as <see cref="CaseChange"/> does for supervision:
/// find the case the user may see, check they are a resettlement worker, hold the case version they saw,
/// and save once with an audit row in the same transaction.
/// </summary>
public sealed class ResettlementChange(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public const string NoCustody = "There is no open custody record for this person: record the custody first.";

    public DateOnly Today => clock.Today();

    public Viewer Viewer => request.Viewer;

    public ProbationDbContext Db => db;

    public async Task<(OpenedCustody? Opened, Outcome? Refusal)> OpenAsync(string crnText, int expectedVersion, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return (null, Outcome.Missing("case"));
        }

        var viewer = request.Viewer;
        var person = await db.People.Where(viewer.InScope()).Include(p => p.AccessList).SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return (null, Outcome.Missing("case"));
        }

        // Resettlement workers record Through the Gate work; the officers of the case see it.
        if (!viewer.IsInRole(Identity.Roles.ResettlementWorker))
        {
            return (null, Outcome.Refuse("Only a resettlement worker can record Through the Gate work."));
        }

        var records = await db.CustodyRecords.AsSplitQuery()
            .Include(c => c.Needs).Include(c => c.Activities)
            .Where(c => c.PersonId == person.Id)
            .ToListAsync(ct);
        db.Entry(person).Property(p => p.Version).OriginalValue = expectedVersion;
        return (new OpenedCustody(person, records), null);
    }

    /// <summary>Saves the change and its audit row together; a concurrent change to the case is a conflict and nothing is written.</summary>
    public async Task<Outcome<Saved>> SaveAsync(PersonOnProbation person, string what, Func<int> id, CancellationToken ct)
    {
        db.Touch(person);
        audit.Add(AuditAction.Altered, what, [person.Crn]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome<Saved>(Outcome.Stale(CaseChange.StaleMessage), null);
        }

        return new Outcome<Saved>(Outcome.Ok(), new Saved(id(), person.Version));
    }

    public static Outcome<Saved> Fail(Outcome refusal) => new(refusal, null);

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
