using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Application.Cases;

public sealed record UpdateRiskProfileCommand(
    string Crn,
    int ExpectedVersion,
    RoshLevel Rosh,
    bool RiskToChildren,
    bool RiskToKnownAdult,
    bool RiskToPublic,
    bool RiskToStaff,
    int? OgrsScore,
    DateOnly AssessedOn);

/// <summary>
/// Records a new risk of serious harm classification and OGRS score on the case. Changes only
/// when every value is valid, the user may change the case and nobody changed it meanwhile.
/// </summary>
public sealed class UpdateRiskProfile(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome> RunAsync(UpdateRiskProfileCommand command, CancellationToken ct)
    {
        if (!Crn.TryParse(command.Crn, out var crn))
        {
            return Outcome.Missing("case");
        }

        var viewer = request.Viewer;
        var person = await db.People
            .Where(viewer.InScope())
            .Include(p => p.AccessList)
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return Outcome.Missing("case");
        }

        if (!viewer.MayRecordRisk(person.TeamId, person.ResponsibleOfficerId))
        {
            return Outcome.Refuse("Only the responsible officer, or a probation officer, services officer or manager of the team holding the case, can record its risk of serious harm.");
        }

        OgrsScore? ogrs = null;
        if (command.OgrsScore is { } raw)
        {
            if (!OgrsScore.TryFrom(raw, out var score))
            {
                return Outcome.Refuse("Enter an OGRS score from 0 to 99", nameof(command.OgrsScore));
            }

            ogrs = score;
        }

        var today = clock.Today();
        if (command.AssessedOn > today)
        {
            return Outcome.Refuse("The date of the risk assessment must be today or in the past", nameof(command.AssessedOn));
        }

        if (command.AssessedOn < person.DateOfBirth)
        {
            return Outcome.Refuse("The date of the risk assessment must be after the person's date of birth", nameof(command.AssessedOn));
        }

        if (!Enum.IsDefined(command.Rosh))
        {
            return Outcome.Refuse("Select the risk of serious harm level", nameof(command.Rosh));
        }

        db.Entry(person).Property(p => p.Version).OriginalValue = command.ExpectedVersion;
        person.Risk.Rosh = command.Rosh;
        person.Risk.RiskToChildren = command.RiskToChildren;
        person.Risk.RiskToKnownAdult = command.RiskToKnownAdult;
        person.Risk.RiskToPublic = command.RiskToPublic;
        person.Risk.RiskToStaff = command.RiskToStaff;
        person.Risk.Ogrs = ogrs;
        person.Risk.AssessedOn = command.AssessedOn;
        db.Touch(person);
        audit.Add(AuditAction.Altered, "Risk profile updated", [crn]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale("Someone else changed this case after you opened it. Reload the case to see their change, then make yours again.");
        }

        return Outcome.Ok();
    }
}
