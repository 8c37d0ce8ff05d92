using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;

namespace Probation.Application.Supervision;

/// <summary>What a supervision write answers: the record written and the case's new version (its concurrency token).</summary>
public sealed record Saved(int Id, int Version);

/// <summary>Who may write a kind of supervision record.</summary>
public enum WriteRight
{
    /// <summary>The responsible officer, and staff of the team holding the case (contacts, checks, events, referrals).</summary>
    ChangeCase,

    /// <summary>Professional judgement (assessment, plan, review, enforcement): officers and managers of the team, and the responsible officer.</summary>
    Judgement,

    /// <summary>A reasoned exception to an alert, or management oversight: the team manager of the team holding the case.</summary>
    TeamManager,
}

/// <summary>
/// The shared steps of every supervision write: find the case the user may see, check they may make
/// this kind of change, hold the version they saw, and save once with an audit row in the same transaction.
/// </summary>
public sealed class CaseChange(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public const string StaleMessage = "Someone else changed this case after you opened it. Reload the case to see their change, then make yours again.";

    public DateOnly Today => clock.Today();

    public Viewer Viewer => request.Viewer;

    public ProbationDbContext Db => db;

    /// <summary>Loads the case with everything the supervision rules read, or says why not.</summary>
    public async Task<(PersonOnProbation? Person, Outcome? Refusal)> OpenAsync(string crnText, int expectedVersion, WriteRight right, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return (null, Outcome.Missing("case"));
        }

        var viewer = request.Viewer;
        var person = await db.People.AsSplitQuery()
            .Where(viewer.InScope())
            .Include(p => p.AccessList)
            .Include(p => p.Registrations)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Assessments).ThenInclude(a => a.Needs)
            .Include(p => p.AgencyChecks)
            .Include(p => p.Plan).ThenInclude(x => x!.Objectives)
            .Include(p => p.Plan).ThenInclude(x => x!.Schedule)
            .Include(p => p.Contacts)
            .Include(p => p.EnforcementActions)
            .Include(p => p.SignificantEvents)
            .Include(p => p.Reviews)
            .Include(p => p.Referrals)
            .Include(p => p.AlertExceptions)
            .Include(p => p.ProgrammeReferrals)
            .Include(p => p.UnpaidWorkBookings)
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return (null, Outcome.Missing("case"));
        }

        var allowed = right switch
        {
            WriteRight.ChangeCase => viewer.MayChange(person.TeamId, person.ResponsibleOfficerId),
            WriteRight.Judgement => viewer.MayRecordRisk(person.TeamId, person.ResponsibleOfficerId),
            WriteRight.TeamManager => viewer.IsInRole(Identity.Roles.TeamManager) && viewer.TeamId is not null && viewer.TeamId == person.TeamId,
            _ => false,
        };
        if (!allowed)
        {
            return (null, Outcome.Refuse(right switch
            {
                WriteRight.Judgement => "Only the responsible officer, or a probation officer, services officer or manager of the team holding the case, can record this.",
                WriteRight.TeamManager => "Only the manager of the team holding the case can record this.",
                _ => "Only the responsible officer or staff of the team holding the case can record this.",
            }));
        }

        db.Entry(person).Property(p => p.Version).OriginalValue = expectedVersion;
        return (person, null);
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
            return new Outcome<Saved>(Outcome.Stale(StaleMessage), null);
        }

        return new Outcome<Saved>(Outcome.Ok(), new Saved(id(), person.Version));
    }

    public static Outcome<Saved> Fail(Outcome refusal) => new(refusal, null);
}
