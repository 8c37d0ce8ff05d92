using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

/// <summary>
/// The shared steps of the unpaid work writes: who counts as unpaid work staff, opening a person's record
/// with the case access rules applied, and saving once with the audit row in the same transaction.
/// </summary>
public sealed class UnpaidWorkChange(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public const string NotStaff = "Only unpaid work supervisors and managers can record this.";

    public DateOnly Today => clock.Today();

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public Viewer Viewer => request.Viewer;

    public ProbationDbContext Db => db;

    public AuditLog Audit => audit;

    /// <summary>Unpaid work supervisors, and managers of the interventions team (which runs unpaid work) and of the standalone unpaid work team.</summary>
    public async Task<bool> IsUnpaidWorkStaffAsync(CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (viewer.ProviderId is null || viewer.IsInRole(Identity.Roles.Inspector))
        {
            return false;
        }

        if (viewer.IsInRole(Identity.Roles.UnpaidWorkSupervisor))
        {
            return true;
        }

        return viewer.IsInRole(Identity.Roles.TeamManager) && viewer.TeamId is { } team
            && await db.Teams.AnyAsync(t => t.Id == team && (t.Kind == TeamKind.Interventions || t.Kind == TeamKind.UnpaidWork), ct);
    }

    /// <summary>
    /// Loads the people the user may see among <paramref name="ids"/>, tracked, with what the unpaid work rules
    /// and the enforcement threshold read. People on whose exclusion or restriction list the user is kept out are left out.
    /// </summary>
    /// <summary>
    /// A session of the viewer's provider with its project and bookings, tracked for a change by unpaid work staff:
    /// the refusal when the viewer is not unpaid work staff; a null session when there is no such session.
    /// </summary>
    public async Task<(UnpaidWorkSession? Session, Outcome? Refusal)> OpenSessionAsync(int sessionId, CancellationToken ct)
    {
        if (!await IsUnpaidWorkStaffAsync(ct))
        {
            return (null, Outcome.Refuse(NotStaff));
        }

        var providerId = Viewer.ProviderId!.Value;
        var session = await db.UnpaidWorkSessions.Include(s => s.Project).Include(s => s.Bookings)
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.Project!.ProviderId == providerId, ct);
        return (session, null);
    }

    public async Task<Dictionary<int, PersonOnProbation>> PeopleAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var people = await Records(db.People.Where(viewer.InScope()).Where(p => ids.Contains(p.Id))).ToListAsync(ct);
        return people.Where(p => CaseAccessRules.Decide(p.AccessList, viewer.StaffMemberId).Allowed).ToDictionary(p => p.Id);
    }

    /// <summary>Opens one person's record for an unpaid work write: unpaid work staff, or staff who may change the case.</summary>
    public async Task<(PersonOnProbation? Person, Outcome? Refusal)> OpenAsync(string crnText, int? expectedVersion, bool staffOnly, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return (null, Outcome.Missing("case"));
        }

        var viewer = request.Viewer;
        var person = await Records(db.People.Where(viewer.InScope())).SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return (null, Outcome.Missing("case"));
        }

        var staff = await IsUnpaidWorkStaffAsync(ct);
        if (!staff && (staffOnly || !viewer.MayChange(person.TeamId, person.ResponsibleOfficerId)))
        {
            return (null, Outcome.Refuse(staffOnly ? NotStaff : "Only unpaid work staff, the responsible officer or staff of the team holding the case can record this."));
        }

        if (expectedVersion is { } v)
        {
            db.Entry(person).Property(p => p.Version).OriginalValue = v;
        }

        return (person, null);
    }

    /// <summary>The order's unpaid work requirement on a day: the current order's, with hours.</summary>
    public static (Order? Order, Requirement? Requirement) Requirement(PersonOnProbation person, DateOnly on)
    {
        var order = Domain.Supervision.SupervisionRules.CurrentOrder(person, on);
        return (order, order?.Requirements.FirstOrDefault(r => r.Type == RequirementType.UnpaidWork && r.UnpaidWorkHours > 0));
    }

    /// <summary>Saves the change and its audit row together; a concurrent change is a conflict and nothing is written.</summary>
    public async Task<Outcome<Saved>> SaveAsync(string what, IEnumerable<Crn> subjects, Func<Saved> saved, CancellationToken ct)
    {
        audit.Add(AuditAction.Altered, what, subjects);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome<Saved>(Outcome.Stale(StaleMessage), null);
        }
        catch (DbUpdateException)
        {
            // The unique place per person per session: a second booking raced the first. Any other failure (the
            // database unreachable, a disk full) is not a refusal: nothing was saved, and it goes up as an error.
            var booked = db.ChangeTracker.Entries<UnpaidWorkBooking>().Where(e => e.State == EntityState.Added)
                .Select(e => (e.Entity.SessionId, e.Entity.PersonId)).ToList();
            db.ChangeTracker.Clear();
            foreach (var (sessionId, personId) in booked)
            {
                if (await db.UnpaidWorkBookings.AsNoTracking().AnyAsync(b => b.SessionId == sessionId && b.PersonId == personId, ct))
                {
                    return new Outcome<Saved>(Outcome.Refuse("This person is already booked on this session", "Crn"), null);
                }
            }

            throw;
        }

        return new Outcome<Saved>(Outcome.Ok(), saved());
    }

    public const string StaleMessage = "Someone else changed this record after you opened it. Reload it to see their change, then make yours again.";

    public static Outcome<Saved> Fail(Outcome refusal) => new(refusal, null);

    private static IQueryable<PersonOnProbation> Records(IQueryable<PersonOnProbation> q) =>
        q.AsSplitQuery()
            .Include(p => p.AccessList)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Contacts)
            .Include(p => p.SignificantEvents)
            .Include(p => p.UnpaidWorkBookings);
}
