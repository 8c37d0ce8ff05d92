using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Allocation;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Organisation;

namespace Probation.Application.Allocation;

public sealed record AllocateCaseCommand(string Crn, int StaffMemberId, int ExpectedVersion, string? OverrideReason);

/// <summary>
/// Allocates (or reallocates) a case to a responsible officer. A case administrator may allocate
/// only where the matrix lets them and only within it; a team manager may go outside it with a
/// recorded reason. The decision keeps the matrix outcome, its reasons and who decided.
/// </summary>
public sealed class AllocateCase(ProbationDbContext db, IRequestContext request, AuditLog audit, AllocationMatrix matrix, TimeProvider clock)
{
    public async Task<Outcome> RunAsync(AllocateCaseCommand command, CancellationToken ct)
    {
        if (!Crn.TryParse(command.Crn, out var crn))
        {
            return Outcome.Missing("case");
        }

        var viewer = request.Viewer;
        var person = await db.People.AsSplitQuery()
            .Include(p => p.AccessList).Include(p => p.Registrations).Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Allocations)
            .Where(viewer.InScope())
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return Outcome.Missing("case");
        }

        if (!AllocationQueries.MayAllocate(viewer, person.TeamId))
        {
            return Outcome.Refuse("Only a case administrator or the team manager of the team holding the case can allocate it.");
        }

        var officer = await db.Staff.Include(s => s.Training).SingleOrDefaultAsync(s => s.Id == command.StaffMemberId && s.ProviderId == person.ProviderId, ct);
        if (officer is null)
        {
            return Outcome.Missing("member of staff");
        }

        if (!officer.Active)
        {
            return Outcome.Refuse($"{officer.FullName} is no longer active and cannot hold cases.", "StaffMemberId");
        }

        if (!officer.IsResponsibleOfficerGrade)
        {
            return Outcome.Refuse($"{officer.FullName} is not a probation officer or probation services officer.", "StaffMemberId");
        }

        if (officer.TeamId != person.TeamId)
        {
            return Outcome.Refuse($"{officer.FullName} is in another team: transfer the case to that team first.", "StaffMemberId");
        }

        if (!CaseAccessRules.Decide(person.AccessList, officer.Id).Allowed)
        {
            return Outcome.Refuse($"{officer.FullName} may not see this case (its access list keeps them out).", "StaffMemberId");
        }

        if (person.ResponsibleOfficerId == officer.Id)
        {
            return Outcome.Refuse($"{officer.FullName} already holds this case.", "StaffMemberId");
        }

        var today = clock.Today();
        var facts = CaseFacts.ForMatrix(person, today);
        var recommendation = matrix.Recommend(facts);
        var manager = viewer.IsInRole(Roles.TeamManager);
        if (recommendation.Referred && !manager)
        {
            return Outcome.Refuse("This case is referred to the team manager: " + recommendation.Reasons.Last(r => r.Rule == AllocationMatrix.RuleWhoDecides).Text);
        }

        var outside = new List<string>();
        if (recommendation.RequiredGrade == RequiredGrade.ProbationOfficer && officer.Grade != StaffGrade.ProbationOfficer)
        {
            outside.Add("the matrix requires a probation officer");
        }

        var missing = CaseFacts.RequiredCompetences(facts).Where(a => !officer.Training.Any(t => t.Area == a && t.IsCurrent(today))).ToList();
        if (missing.Count > 0)
        {
            outside.Add($"{officer.FullName} lacks current training in {string.Join(" and ", missing.Select(AllocationQueries.Describe))}");
        }

        if (recommendation.FemaleOfficerRequired && officer.Gender != Gender.Female)
        {
            outside.Add("women are allocated to female officers");
        }

        var reason = command.OverrideReason?.Trim();
        if (outside.Count > 0)
        {
            var what = string.Join("; ", outside);
            if (!manager)
            {
                return Outcome.Refuse($"This allocation is outside the matrix ({what}). Choose another officer, or ask the team manager.", "StaffMemberId");
            }

            if (string.IsNullOrEmpty(reason))
            {
                return Outcome.Refuse($"This allocation is outside the matrix ({what}). Give the reason for it.", "OverrideReason");
            }

            if (reason.Length > CaseAllocation.OverrideReasonMaxLength)
            {
                return Outcome.Refuse($"The reason must be {CaseAllocation.OverrideReasonMaxLength} characters or fewer.", "OverrideReason");
            }
        }

        db.Entry(person).Property(p => p.Version).OriginalValue = command.ExpectedVersion;
        foreach (var open in person.Allocations.Where(a => a.To is null))
        {
            open.To = today;
        }

        person.Allocations.Add(new CaseAllocation
        {
            StaffMemberId = officer.Id,
            From = today,
            DecidedAtUtc = clock.GetUtcNow().UtcDateTime,
            DecidedByUserName = viewer.UserName,
            DecidedAs = manager ? AllocationDecider.TeamManager : AllocationDecider.CaseAdministrator,
            RequiredGrade = recommendation.RequiredGrade,
            ResourceLevel = recommendation.ResourceLevel,
            FemaleOfficerRequired = recommendation.FemaleOfficerRequired,
            MatrixReasons = string.Join("\n", recommendation.Reasons.Select(r => $"{r.Rule}: {r.Text}")),
            Override = outside.Count > 0,
            OverrideReason = outside.Count > 0 ? reason : null,
        });
        person.ResponsibleOfficerId = officer.Id;
        person.AllocatedOn = today;
        db.Touch(person);
        audit.Add(AuditAction.Altered, outside.Count > 0 ? "Case allocated outside the matrix" : "Case allocated", [crn]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale("Someone else changed this case after you opened it. Reload it to see their change, then allocate again.");
        }

        return Outcome.Ok();
    }
}
