using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Application.Supervision;

public sealed record AlertView(AlertCode Code, AlertSeverity Severity, string Reason, DateOnly DueOn, string Resolve)
{
    public static AlertView From(PracticeAlert a, Crn crn) =>
        new(a.Code, a.Severity, a.Reason, a.DueOn, $"/cases/{crn.Value.ToLowerInvariant()}/{a.Resolve}");
}

public sealed record NeedView(Need Need, string Name, NeedSeverity Severity, bool LinkedToOffending, bool LinkedToHarm);

public sealed record AssessmentView(
    int Id, AssessmentKind Kind, DateOnly StartedOn, DateOnly? CompletedOn, string AssessedBy,
    string? CurrentOffence, bool PreviousConvictionsReviewed, string? PatternsOfOffending, IReadOnlyList<NeedView> Needs,
    string? Strengths, string? DiversityAndCircumstances, string? Motivation, string? PersonsViews, string? InformationSources,
    RoshLevel? Rosh, string? RoshReasons, string? WhoIsAtRisk, bool RiskToChildren, bool RiskToKnownAdult, bool RiskToPublic, bool RiskToStaff);

public sealed record CheckView(int Id, AgencyCheckKind Kind, DateOnly? RequestedOn, DateOnly? ChasedOn, DateOnly? AnsweredOn, string? Summary, string? NotRequiredReason, string RecordedBy);

public sealed record ObjectiveView(int Id, string Text, ObjectiveLinks Links, IReadOnlyList<string> LinkNames, int Priority, DateOnly TargetDate, CopiedFrom? Copied);

public sealed record ScheduleView(int RequirementId, RequirementType Type, DateOnly StartsOn, DateOnly CompleteBy, string Pattern);

public sealed record PlanView(
    int Id, DateOnly CompletedOn, DateOnly LastRevisedOn, string WrittenBy, string PersonsInvolvement, int ContactsPerMonth, string? ContactPattern,
    string? ConstructiveInterventions, string? RestrictiveInterventions, string? ContingencyArrangements, string? OtherAgencies, string? VictimSafety,
    string? DomesticAbuseMeasures, string? ChildSafeguardingMeasures, IReadOnlyList<ObjectiveView> Objectives, IReadOnlyList<ScheduleView> Schedule);

public sealed record ContactView(
    int Id, DateOnly On, TimeOnly? StartsAt, TimeOnly? EndsAt, ContactKind Kind, int? SiteId, string? Site, int? RequirementId, ContactOutcome? Outcome,
    string? Notes, AbsenceDecision? Decision, string? DecisionReason, DateOnly? DecidedOn, string RecordedBy);

public sealed record EnforcementView(int Id, DateOnly On, EnforcementKind Kind, int? ContactId, string? Notes, string RecordedBy);

public sealed record EventView(int Id, DateOnly On, SignificantEventKind Kind, string Description, DateOnly? ActionedOn, string? ActionTaken, bool Reviewed);

public sealed record ProgressView(int? ObjectiveId, string Objective, string Progress);

public sealed record ReviewView(
    int Id, ReviewKind Kind, DateOnly CompletedOn, int? TriggeredByEventId, IReadOnlyList<ProgressView> Progress, string OffendingFactorChanges,
    string RiskFactorChanges, string PersonsInvolvement, string? OtherAgencyInput, bool PlanAdjusted, string? WhyPlanNotAdjusted, RoshLevel? NewRosh, string ReviewedBy);

public sealed record ReferralView(int Id, DateOnly On, ReferralService Service, string Detail, ReferralOutcome Outcome, DateOnly? OutcomeOn);

/// <summary>Management oversight on the case: a countersignature (of what) or a direction and its check.</summary>
public sealed record OversightView(
    int Id, Domain.Oversight.OversightKind Kind, Domain.Oversight.OversightSubject Subject, int? SubjectId, string What, DateOnly RecordedOn, string RecordedBy,
    string? Text, DateOnly? CheckBy, DateOnly? CheckedOn, bool? Followed, string? CheckComment, bool DueForCheck);

public sealed record ExceptionView(int Id, AlertCode Code, string Reason, DateOnly RecordedOn, DateOnly Until, string RecordedBy);

public sealed record RequirementView(int Id, RequirementType Type, string Description);

public sealed record FlagView(int Id, RegistrationType Type, string Description, DateOnly StartedOn, DateOnly? EndedOn, bool Active, MappaLevel? MappaLevel, MappaCategory? MappaCategory);

/// <summary>A case's supervision record: what the case page, the supervision pages and the API show.</summary>
public sealed record SupervisionView(
    string Crn,
    string Name,
    int Version,
    DateOnly Today,
    OrderType? OrderType,
    DateOnly? OrderStart,
    DateOnly? OrderEnd,
    DateOnly? AllocatedOn,
    RoshLevel? Rosh,
    bool DomesticAbuse,
    bool ChildAtRisk,
    bool MayChange,
    bool MayJudge,
    bool IsTeamManager,
    Domain.Allocation.ResourceLevel? ResourceLevel,
    int? ContactsPerMonthForResourceLevel,
    IReadOnlyList<RequirementView> Requirements,
    IReadOnlyList<FlagView> Flags,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<AssessmentView> Assessments,
    IReadOnlyList<CheckView> Checks,
    PlanView? Plan,
    IReadOnlyList<ContactView> Contacts,
    IReadOnlyList<EnforcementView> Enforcement,
    IReadOnlyList<EventView> Events,
    IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<ReferralView> Referrals,
    IReadOnlyList<ExceptionView> Exceptions,
    IReadOnlyList<OversightView> Oversight);

public sealed record SupervisionLookup(SupervisionView? View, bool Restricted);

/// <summary>Reads a case's supervision record and its alerts; every read of a person's record is audited.</summary>
public sealed class SupervisionQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock, SafetyNet safetyNet, Domain.Allocation.AllocationMatrix matrix, CaseStatuses statuses)
{
    public async Task<SupervisionLookup> GetAsync(string crnText, string purpose, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return new SupervisionLookup(null, false);
        }

        var viewer = request.Viewer;
        var person = await ForView(db.People.AsNoTracking().Where(viewer.InScope()))
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null)
        {
            return new SupervisionLookup(null, false);
        }

        if (!CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return new SupervisionLookup(null, true);
        }

        await audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], ct);
        return new SupervisionLookup(View(person, crn, viewer), false);
    }

    /// <summary>Everything the supervision record shows, loaded with one query per collection.</summary>
    internal static IQueryable<PersonOnProbation> ForView(IQueryable<PersonOnProbation> q) =>
        WithRecords(q)
            .Include(p => p.Assessments).ThenInclude(a => a.Needs)
            .Include(p => p.Plan).ThenInclude(x => x!.Objectives)
            .Include(p => p.Reviews).ThenInclude(r => r.Progress)
            .Include(p => p.Referrals)
            .Include(p => p.Contacts).ThenInclude(c => c.Site)
            .Include(p => p.Allocations)
            .Include(p => p.Oversight);

    /// <summary>
    /// The supervision record of a case loaded with <see cref="ForView"/>, as <paramref name="viewer"/> sees it. The
    /// caller has decided the viewer may see the case and has audited the read.
    /// </summary>
    internal SupervisionView View(PersonOnProbation person, Crn crn, Viewer viewer)
    {
        var today = clock.Today();
        var order = SupervisionRules.CurrentOrder(person, today);
        var alerts = CaseSnapshots.Alerts(safetyNet, person, today).Select(a => AlertView.From(a, crn)).ToList();
        var events = person.SignificantEvents.OrderByDescending(e => e.On).ToList();
        var resource = person.Allocations.Where(a => a.To is null).OrderByDescending(a => a.From).Select(a => a.ResourceLevel).FirstOrDefault();
        return new SupervisionView(
                crn.Value,
                person.FullName,
                person.Version,
                today,
                order?.Type,
                order?.StartDate,
                order?.EndDate,
                person.ResponsibleOfficerId is null ? null : person.AllocatedOn,
                person.Risk.Rosh,
                SupervisionRules.HasActive(person, RegistrationType.DomesticAbuse, today),
                SupervisionRules.ChildAtRisk(person, today),
                viewer.MayChange(person.TeamId, person.ResponsibleOfficerId),
                viewer.MayRecordRisk(person.TeamId, person.ResponsibleOfficerId),
                viewer.IsInRole(Identity.Roles.TeamManager) && viewer.TeamId == person.TeamId,
                resource,
                resource is { } level ? Math.Max(1, (int)Math.Round(30.0 / matrix.ContactEveryDays(level))) : null,
                person.Orders.Where(o => o == order).SelectMany(o => o.Requirements).Select(r => new RequirementView(r.Id, r.Type, Cases.GetCaseOverview.Describe(r))).ToList(),
                person.Registrations.OrderByDescending(r => r.IsActive(today)).ThenByDescending(r => r.StartedOn)
                    .Select(r => new FlagView(r.Id, r.Type, Registration.Describe(r.Type), r.StartedOn, r.EndedOn, r.IsActive(today), r.MappaLevel, r.MappaCategory)).ToList(),
                alerts,
                person.Assessments.OrderByDescending(a => a.StartedOn).Select(a => new AssessmentView(
                    a.Id, a.Kind, a.StartedOn, a.CompletedOn, a.AssessedBy, a.CurrentOffence, a.PreviousConvictionsReviewed, a.PatternsOfOffending,
                    a.Needs.OrderBy(n => n.Need).Select(n => new NeedView(n.Need, SupervisionRules.Describe(n.Need), n.Severity, n.LinkedToOffending, n.LinkedToHarm)).ToList(),
                    a.Strengths, a.DiversityAndCircumstances, a.Motivation, a.PersonsViews, a.InformationSources, a.Rosh, a.RoshReasons, a.WhoIsAtRisk,
                    a.RiskToChildren, a.RiskToKnownAdult, a.RiskToPublic, a.RiskToStaff)).ToList(),
                person.AgencyChecks.OrderByDescending(c => c.RequestedOn ?? DateOnly.MinValue).Select(c => new CheckView(c.Id, c.Kind, c.RequestedOn, c.ChasedOn, c.AnsweredOn, c.Summary, c.NotRequiredReason, c.RecordedBy)).ToList(),
                person.Plan is { } p
                    ? new PlanView(p.Id, p.CompletedOn, p.LastRevisedOn, p.WrittenBy, p.PersonsInvolvement, p.ContactsPerMonth, p.ContactPattern,
                        p.ConstructiveInterventions, p.RestrictiveInterventions, p.ContingencyArrangements, p.OtherAgencies, p.VictimSafety,
                        p.DomesticAbuseMeasures, p.ChildSafeguardingMeasures,
                        p.Objectives.OrderBy(o => o.Priority).Select(o => new ObjectiveView(o.Id, o.Text, o.Links, LinkNames(o.Links), o.Priority, o.TargetDate, o.Copied)).ToList(),
                        p.Schedule.Select(s => new ScheduleView(s.RequirementId, s.Type, s.StartsOn, s.CompleteBy, s.Pattern)).ToList())
                    : null,
                person.Contacts.OrderByDescending(c => c.On).ThenByDescending(c => c.StartsAt).Select(c => new ContactView(
                    c.Id, c.On, c.StartsAt, c.EndsAt, c.Kind, c.SiteId, c.Site?.Name, c.RequirementId, c.Outcome, c.Notes, c.Decision, c.DecisionReason, c.DecidedOn, c.RecordedBy)).ToList(),
                person.EnforcementActions.OrderByDescending(e => e.On).Select(e => new EnforcementView(e.Id, e.On, e.Kind, e.ContactId, e.Notes, e.RecordedBy)).ToList(),
                events.Select(e => new EventView(e.Id, e.On, e.Kind, e.Description, e.ActionedOn, e.ActionTaken, person.Reviews.Any(r => r.CompletedOn >= e.On))).ToList(),
                person.Reviews.OrderByDescending(r => r.CompletedOn).Select(r => new ReviewView(
                    r.Id, r.Kind, r.CompletedOn, r.TriggeredByEventId, r.Progress.Select(x => new ProgressView(x.ObjectiveId, x.ObjectiveText, x.Progress)).ToList(),
                    r.OffendingFactorChanges, r.RiskFactorChanges, r.PersonsInvolvement, r.OtherAgencyInput, r.PlanAdjusted, r.WhyPlanNotAdjusted, r.NewRosh, r.ReviewedBy)).ToList(),
                person.Referrals.OrderByDescending(r => r.On).Select(r => new ReferralView(r.Id, r.On, r.Service, r.Detail, r.Outcome, r.OutcomeOn)).ToList(),
                person.AlertExceptions.OrderByDescending(e => e.RecordedOn).Select(e => new ExceptionView(e.Id, e.Code, e.Reason, e.RecordedOn, e.Until, e.RecordedBy)).ToList(),
                person.Oversight.OrderByDescending(o => o.RecordedOn).ThenByDescending(o => o.Id).Select(o => new OversightView(
                    o.Id, o.Kind, o.Subject, o.SubjectId, OversightWhat(person, o), o.RecordedOn, o.RecordedBy, o.Text, o.CheckBy, o.CheckedOn, o.Followed, o.CheckComment,
                    o.IsDueForCheck(today))).ToList());
    }

    /// <summary>The alerts on each of a list of cases the user may see (a caseload page), from the cases' kept statuses (ADR 0014).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AlertView>>> AlertsForAsync(IReadOnlyCollection<string> crns, CancellationToken ct)
    {
        var wanted = crns.Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<AlertView>>();
        }

        var viewer = request.Viewer;
        // One array parameter rather than one parameter per CRN: the SQL stays the same whatever the caseload's size,
        // so it is built once and cached instead of being expanded again on every page.
        var found = await statuses.CurrentAsync(
            db.People.Where(viewer.InScope()).Where(viewer.MaySeeDetails()).Where(p => EF.Parameter(wanted).Contains(p.Crn)), ct);
        return found.Values.ToDictionary(
            f => f.Crn.Value,
            f => (IReadOnlyList<AlertView>)f.Status.Alerts.Select(a => AlertView.From(a, f.Crn)).ToList());
    }

    /// <summary>Everything the safety net reads, loaded with one query per collection.</summary>
    internal static IQueryable<PersonOnProbation> WithRecords(IQueryable<PersonOnProbation> q) =>
        q.AsSplitQuery()
            .Include(p => p.AccessList)
            .Include(p => p.Registrations)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Assessments)
            .Include(p => p.AgencyChecks)
            .Include(p => p.Plan).ThenInclude(x => x!.Schedule)
            .Include(p => p.Contacts)
            .Include(p => p.EnforcementActions)
            .Include(p => p.SignificantEvents)
            .Include(p => p.Reviews)
            .Include(p => p.AlertExceptions)
            .Include(p => p.ProgrammeReferrals)
            .Include(p => p.UnpaidWorkBookings);

    /// <summary>What an oversight entry is about, in words: the work countersigned, or the direction.</summary>
    private static string OversightWhat(PersonOnProbation person, Domain.Oversight.OversightEntry o) => o.Subject switch
    {
        Domain.Oversight.OversightSubject.Assessment => person.Assessments.FirstOrDefault(a => a.Id == o.SubjectId) is { } a
            ? $"{(a.Kind == AssessmentKind.SignificantChange ? "Significant change" : a.Kind.ToString())} assessment completed {a.CompletedOn:d MMMM yyyy}" : "An assessment",
        Domain.Oversight.OversightSubject.Plan => "Sentence plan",
        Domain.Oversight.OversightSubject.Review => person.Reviews.FirstOrDefault(r => r.Id == o.SubjectId) is { } r
            ? $"{(r.Kind == ReviewKind.Triggered ? "Triggered review" : "Review")} completed {r.CompletedOn:d MMMM yyyy}" : "A review",
        _ => "Direction",
    };

    public static IReadOnlyList<string> LinkNames(ObjectiveLinks links)
    {
        var names = new List<string>();
        foreach (var need in Enum.GetValues<Need>())
        {
            if (links.HasFlag((ObjectiveLinks)(1 << (int)need)))
            {
                names.Add(SupervisionRules.Describe(need));
            }
        }

        if (links.HasFlag(ObjectiveLinks.DomesticAbuse))
        {
            names.Add("Domestic abuse");
        }

        if (links.HasFlag(ObjectiveLinks.ChildSafeguarding))
        {
            names.Add("Child safeguarding");
        }

        if (links.HasFlag(ObjectiveLinks.RiskToKnownAdult))
        {
            names.Add("Risk to a known adult");
        }

        if (links.HasFlag(ObjectiveLinks.RiskToPublic))
        {
            names.Add("Risk to the public");
        }

        if (links.HasFlag(ObjectiveLinks.Engagement))
        {
            names.Add("Engagement and compliance");
        }

        return names;
    }
}
