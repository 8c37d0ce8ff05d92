using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.UnpaidWork;

public sealed record ProjectCommand(
    string? Name, ProjectType? Type, string? Beneficiary, int? SiteId, PlacementKind? Placement, bool WomenOnly, int? Capacity,
    ProjectRisks Risks, string? RiskNotes, bool WeekendAvailable, Qualification? Award, IReadOnlyList<int> SupervisorIds);

/// <summary>Unpaid work projects: the type of work, who benefits, where, how it is placed, who supervises and what it rules out.</summary>
public sealed class RecordProject(UnpaidWorkChange change)
{
    /// <summary>The most people one supervisor team takes on a project at once.</summary>
    public const int MaxCapacity = 30;

    public async Task<Outcome<Saved>> CreateAsync(ProjectCommand c, CancellationToken ct)
    {
        if (!await change.IsUnpaidWorkStaffAsync(ct))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse(UnpaidWorkChange.NotStaff));
        }

        var providerId = change.Viewer.ProviderId!.Value;
        var bad = SupervisionRules.Text(c.Name, UnpaidWorkProject.NameMaxLength, nameof(c.Name), "the project's name", true)
            ?? (c.Type is not { } type || !Enum.IsDefined(type) ? new Refused("Select the type of work", nameof(c.Type)) : null)
            ?? SupervisionRules.Text(c.Beneficiary, UnpaidWorkProject.NameMaxLength, nameof(c.Beneficiary), "who benefits from the work", true)
            ?? (c.Placement is not { } placement || !Enum.IsDefined(placement) ? new Refused("Select group, individual or education, training and employment", nameof(c.Placement)) : null)
            ?? (c.Capacity is not { } capacity || capacity < 1 || capacity > MaxCapacity ? new Refused($"Enter the number of places, from 1 to {MaxCapacity}", nameof(c.Capacity)) : null)
            ?? ((c.Risks & ~(ProjectRisks.ChildrenPresent | ProjectRisks.VulnerableAdultsPresent | ProjectRisks.PublicFacing | ProjectRisks.LoneWorking)) != 0 ? new Refused("Select the risks from the list", nameof(c.Risks)) : null)
            ?? SupervisionRules.Text(c.RiskNotes, UnpaidWorkProject.TextMaxLength, nameof(c.RiskNotes), "the risk notes", false)
            ?? (c.Award is { } award && !Enum.IsDefined(award) ? new Refused("Select the award from the list", nameof(c.Award)) : null);
        if (bad is not null)
        {
            return UnpaidWorkChange.Fail(bad);
        }

        var db = change.Db;
        if (c.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.ProviderId == providerId && s.Kind == SiteKind.UnpaidWorkProject, ct))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Choose one of the provider's unpaid work project sites", nameof(c.SiteId)));
        }

        var ids = c.SupervisorIds.Distinct().ToList();
        var found = await db.Staff.CountAsync(s => ids.Contains(s.Id) && s.ProviderId == providerId && s.Grade == StaffGrade.UnpaidWorkSupervisor && s.Active, ct);
        if (found != ids.Count)
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("Choose supervisors from the provider's unpaid work supervisors", nameof(c.SupervisorIds)));
        }

        var name = c.Name!.Trim();
        if (await db.UnpaidWorkProjects.AnyAsync(p => p.ProviderId == providerId && p.Name == name, ct))
        {
            return UnpaidWorkChange.Fail(Outcome.Refuse("A project with this name already exists", nameof(c.Name)));
        }

        var project = new UnpaidWorkProject
        {
            ProviderId = providerId,
            Name = name,
            Type = c.Type!.Value,
            Beneficiary = c.Beneficiary!.Trim(),
            SiteId = c.SiteId,
            Placement = c.Placement!.Value,
            WomenOnly = c.WomenOnly,
            Capacity = c.Capacity!.Value,
            Risks = c.Risks,
            RiskNotes = string.IsNullOrWhiteSpace(c.RiskNotes) ? null : c.RiskNotes.Trim(),
            WeekendAvailable = c.WeekendAvailable,
            Award = c.Award,
            Supervisors = ids.Select(id => new UnpaidWorkProjectSupervisor { StaffMemberId = id }).ToList(),
        };
        db.UnpaidWorkProjects.Add(project);
        return await change.SaveAsync("Unpaid work project added", [], () => new Saved(project.Id, 0), ct);
    }
}
