using System.Linq.Expressions;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Cases;

namespace Probation.Application.Access;

/// <summary>The signed-in user as the use cases see them: who, which staff record, which provider and team, which roles.</summary>
public sealed record Viewer(
    string UserName,
    int? StaffMemberId,
    int? ProviderId,
    int? TeamId,
    IReadOnlySet<string> Roles)
{
    /// <summary>Nobody signed in: no roles, no staff record, no cases.</summary>
    public static readonly Viewer Anonymous = new("anonymous", null, null, null, new HashSet<string>());

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsCaseWorker => Roles.Any(r => Identity.Roles.CaseWorkers.Contains(r));

    /// <summary>Team managers, senior leaders and quality officers look across a team's work (management oversight).</summary>
    public bool MayOversee =>
        ProviderId is not null
        && (IsInRole(Identity.Roles.TeamManager) || IsInRole(Identity.Roles.SeniorLeader) || IsInRole(Identity.Roles.QualityOfficer));

    /// <summary>
    /// Cases this user's role and organisation let them look for at all. Provider staff see their own
    /// provider's cases (cover and duty work needs it); inspectors see only an inspection sample, which
    /// the inspection module grants; system administrators see none.
    /// </summary>
    public Expression<Func<PersonOnProbation, bool>> InScope()
    {
        if (!IsCaseWorker || ProviderId is null)
        {
            return p => false;
        }

        var providerId = ProviderId.Value;
        return p => p.ProviderId == providerId;
    }

    /// <summary>
    /// The database form of <see cref="CaseAccessRules.Decide"/>: true where the user may see the case's
    /// details. Tests check that the two agree on every combination.
    /// </summary>
    public Expression<Func<PersonOnProbation, bool>> MaySeeDetails()
    {
        var me = StaffMemberId ?? -1;
        return p =>
            !p.AccessList.Any(e => e.Kind == AccessListKind.Exclusion && e.StaffMemberId == me)
            && (!p.AccessList.Any(e => e.Kind == AccessListKind.Restriction)
                || p.AccessList.Any(e => e.Kind == AccessListKind.Restriction && e.StaffMemberId == me));
    }

    /// <summary>
    /// The in-memory form of <see cref="InScope"/> and <see cref="MaySeeDetails"/> together, for a case already loaded with
    /// its access list: whether this user may see the case's details at all.
    /// </summary>
    public bool MayRead(PersonOnProbation person) =>
        IsCaseWorker && ProviderId is not null && person.ProviderId == ProviderId
        && CaseAccessRules.Decide(person.AccessList, StaffMemberId).Allowed;

    /// <summary>
    /// A risk of serious harm classification is an officer's judgement: the responsible officer, and
    /// probation officers, services officers and managers of the team holding the case, may record one.
    /// </summary>
    public bool MayRecordRisk(int? caseTeamId, int? responsibleOfficerId) =>
        (IsInRole(Identity.Roles.ProbationOfficer) || IsInRole(Identity.Roles.ProbationServicesOfficer) || IsInRole(Identity.Roles.TeamManager))
        && MayChange(caseTeamId, responsibleOfficerId);

    /// <summary>Who may change a case record: its responsible officer, and staff of the team that holds it.</summary>
    public bool MayChange(int? caseTeamId, int? responsibleOfficerId) =>
        IsCaseWorker && !IsInRole(Identity.Roles.Inspector)
        && ((StaffMemberId is not null && StaffMemberId == responsibleOfficerId)
            || (TeamId is not null && TeamId == caseTeamId));
}

/// <summary>What the web layer knows about the current request, for the audit log.</summary>
public interface IRequestContext
{
    Viewer Viewer { get; }

    /// <summary>The page or endpoint, for example <c>GET /cases/{crn}</c>.</summary>
    string Where { get; }

    string? RequestId { get; }
}
