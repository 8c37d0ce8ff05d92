using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Probation.Application.Organisation;
using Probation.Application.UnpaidWork;
using Probation.Domain.UnpaidWork;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.UnpaidWork;

/// <summary>A project's details as the add and change forms send them.</summary>
public sealed class ProjectInput
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Beneficiary { get; set; }
    public string? SiteId { get; set; }
    public string? Placement { get; set; }
    public bool WomenOnly { get; set; }
    public string? Capacity { get; set; }
    public List<string> Risks { get; set; } = [];
    public string? RiskNotes { get; set; }
    public bool WeekendAvailable { get; set; }
    public string? Award { get; set; }
    public List<int> SupervisorIds { get; set; } = [];

    /// <summary>The form filled in with a project's details as they are.</summary>
    public static ProjectInput From(ProjectView p) => new()
    {
        Name = p.Name,
        Type = p.Type.ToString(),
        Beneficiary = p.Beneficiary,
        SiteId = p.SiteId?.ToString(CultureInfo.InvariantCulture),
        Placement = p.Placement.ToString(),
        WomenOnly = p.WomenOnly,
        Capacity = p.Capacity.ToString(CultureInfo.InvariantCulture),
        Risks = Enum.GetValues<ProjectRisks>().Where(r => r != ProjectRisks.None && p.Risks.HasFlag(r)).Select(r => r.ToString()).ToList(),
        RiskNotes = p.RiskNotes,
        WeekendAvailable = p.WeekendAvailable,
        Award = p.Award?.ToString(),
        SupervisorIds = p.Supervisors.Select(s => s.Id).ToList(),
    };

    /// <summary>The details sent as the use case takes them; an award not on the list goes into <paramref name="modelState"/> under <paramref name="prefix"/>.</summary>
    public ProjectCommand ToCommand(ModelStateDictionary modelState, string prefix)
    {
        Qualification? award = null;
        if (!string.IsNullOrEmpty(Award) && (award = FormInput.Choice<Qualification>(Award)) is null)
        {
            modelState.AddModelError(prefix + nameof(Award), "Select the award from the list");
        }

        var risks = (Risks ?? []).Select(FormInput.Choice<ProjectRisks>).OfType<ProjectRisks>().Aggregate(ProjectRisks.None, (all, r) => all | r);
        return new ProjectCommand(
            Name, FormInput.Choice<ProjectType>(Type), Beneficiary, FormInput.Number(SiteId, signed: true), FormInput.Choice<PlacementKind>(Placement), WomenOnly,
            FormInput.Number(Capacity, signed: true), risks, RiskNotes, WeekendAvailable, award, SupervisorIds);
    }
}

/// <summary>What the <c>_ProjectFields</c> partial draws: the details, the supervisors and sites to choose from.</summary>
public sealed record ProjectFields(ProjectInput Input, IReadOnlyList<StaffRef> Supervisors, IReadOnlyList<SiteRow> Sites);
