using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Domain.Audit;
using Probation.Domain.Common;

namespace Probation.Application.Documents;

/// <summary>A person's record as one JSON document, and the name to save it under.</summary>
public sealed record SubjectAccessFile(string FileName, string Json);

/// <summary>
/// A subject access request: everything the service holds about a person, as JSON, for the team manager of the team
/// holding the case or a senior leader of the provider to review and send. It leaves the service, so it is recorded
/// as a disclosure, and written only after the audit row is saved. It leaves out the case's access list (who among
/// the staff may not see the case), which is about the staff rather than the person, and the audit log.
/// </summary>
public sealed class SubjectAccessExport(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public const string Refusal = "Only the manager of the team holding the case, or a senior leader of the provider, can export a person's record.";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Whether the user may export a case held by <paramref name="caseTeamId"/> (they must also be able to read it).</summary>
    public static bool MayExport(Viewer viewer, int? caseTeamId) =>
        (viewer.IsInRole(Roles.TeamManager) && viewer.TeamId is not null && viewer.TeamId == caseTeamId) || viewer.IsInRole(Roles.SeniorLeader);

    public async Task<Outcome<SubjectAccessFile>> ExportAsync(string crnText, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return new(Outcome.Missing("case"), null);
        }

        var viewer = request.Viewer;
        var person = await db.People.AsNoTracking().AsSplitQuery()
            .Where(viewer.InScope())
            .Include(p => p.AccessList)
            .Include(p => p.Team)
            .Include(p => p.ResponsibleOfficer)
            .Include(p => p.Addresses)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Registrations)
            .Include(p => p.Assessments).ThenInclude(a => a.Needs)
            .Include(p => p.AgencyChecks)
            .Include(p => p.Plan).ThenInclude(x => x!.Objectives)
            .Include(p => p.Plan).ThenInclude(x => x!.Schedule)
            .Include(p => p.Contacts)
            .Include(p => p.EnforcementActions)
            .Include(p => p.SignificantEvents)
            .Include(p => p.Reviews)
            .Include(p => p.Referrals)
            .Include(p => p.ProgrammeReferrals)
            .Include(p => p.Oversight)
            .Include(p => p.UnpaidWorkBookings)
            .Include(p => p.Documents)
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !viewer.MayRead(person))
        {
            return new(Outcome.Missing("case"), null);
        }

        if (!MayExport(viewer, person.TeamId))
        {
            return new(Outcome.Refuse(Refusal), null);
        }

        var custody = await db.CustodyRecords.AsNoTracking().AsSplitQuery()
            .Include(c => c.Needs).Include(c => c.Activities)
            .Where(c => c.PersonId == person.Id).OrderBy(c => c.ReceptionDate).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var export = new
        {
            Export = new
            {
                Kind = "Subject access request",
                ExportedAtUtc = now,
                ExportedBy = viewer.UserName,
                Note = "Everything the probation service holds about the person, except the list of staff who may not see the case.",
            },
            Person = new
            {
                Crn = person.Crn.Value,
                person.FirstName,
                person.LastName,
                person.DateOfBirth,
                person.Gender,
                person.Ethnicity,
                person.Disability,
                person.Religion,
                person.SexualOrientation,
                person.AccessibleFormat,
                person.ReceivedOn,
                person.AllocatedOn,
                Team = person.Team?.Name,
                ResponsibleOfficer = person.ResponsibleOfficer?.FullName,
                person.CreatedAtUtc,
            },
            Addresses = person.Addresses.OrderBy(a => a.From).Select(a => new { a.Address.Line1, a.Address.Line2, a.Address.Town, a.Address.Postcode, a.From, a.To }),
            Risk = new
            {
                person.Risk.Rosh,
                person.Risk.RiskToChildren,
                person.Risk.RiskToKnownAdult,
                person.Risk.RiskToPublic,
                person.Risk.RiskToStaff,
                Ogrs = person.Risk.Ogrs?.Value,
                person.Risk.AssessedOn,
            },
            Orders = person.Orders.OrderBy(o => o.StartDate),
            person.Registrations,
            Assessments = person.Assessments,
            person.AgencyChecks,
            person.Plan,
            Contacts = person.Contacts.OrderBy(c => c.On).ThenBy(c => c.StartsAt),
            Enforcement = person.EnforcementActions.OrderBy(e => e.On),
            person.SignificantEvents,
            person.Reviews,
            person.Referrals,
            person.ProgrammeReferrals,
            UnpaidWork = person.UnpaidWorkBookings.OrderBy(b => b.On),
            Custody = custody,
            ManagementOversight = person.Oversight,
            Letters = person.Documents.OrderBy(d => d.ProducedAtUtc).Select(d => new { d.Id, d.Kind, d.Title, d.Format, d.ProducedBy, d.ProducedAtUtc, d.Html }),
        };
        var json = JsonSerializer.Serialize(export, Options);

        audit.Add(AuditAction.Disclosed, "Subject access export of the person's record", [person.Crn]);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok(), new SubjectAccessFile($"subject-access-{person.Crn.Value}-{now:yyyyMMdd}.json", json));
    }
}
