using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Inspection;
using Probation.Domain.Programmes;
using Probation.Domain.Resettlement;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Reports;

public sealed record TeamReadiness(int? TeamId, string Team, int Yes, int No, int NotApplicable, int? Percent, Rating? Band);

public sealed record KeyQuestionReadiness(
    string Id,
    string Question,
    string Definition,
    bool RelevantSubSample,
    int Yes,
    int No,
    int NotApplicable,
    int? Percent,
    Rating? Band,
    QualityAuditResult? LatestAudit,
    IReadOnlyList<TeamReadiness> ByTeam);

public sealed record TeamStandardBand(int? TeamId, string Team, Rating? Band, string? LowestKeyQuestion, int? LowestPercent, string Reason);

public sealed record StandardReadiness(
    string Id,
    string Name,
    string Statement,
    AssessmentScope Sample,
    int Cases,
    Rating? Band,
    string? LowestKeyQuestion,
    int? LowestPercent,
    string Reason,
    IReadOnlyList<KeyQuestionReadiness> KeyQuestions,
    IReadOnlyList<TeamStandardBand> ByTeam);

public sealed record ReadinessTeam(int? TeamId, string Team);

/// <summary>Inspection readiness for a scope on a day: each case-based standard and key question, with its band, by team.</summary>
public sealed record InspectionReadiness(string Scope, DateOnly On, string Framework, string Notice, IReadOnlyList<ReadinessTeam> Teams, IReadOnlyList<StandardReadiness> Standards, FiguresAsAt? AsAt = null);

/// <summary>
/// Inspection readiness: each case-based key question's indicator over the caseload on a day, with the band the share
/// answered "yes" would fall in under the inspection rules, per team and for the scope, and the latest quality audit
/// beside it. The records are read as projections (the columns the indicators need, booleans for the words), then
/// each case is judged by the domain's <see cref="ReadinessIndicators"/>; today's counts are read from the kept daily
/// counts when they exist (ADR 0015). Counts only, never a person: reading it is
/// not audited (its CSV export is, as a disclosure).
/// </summary>
public sealed class ReadinessQueries(ProbationDbContext db, IRequestContext request, TimeProvider clock, ReadinessIndicators indicators, IQualityAuditResults audits)
{
    public const string Notice =
        "An indicator from recorded data, not an inspection judgement: it reads whether work is recorded and on time, not how good it is.";

    private static readonly int NeedCount = Enum.GetValues<Need>().Length;

    /// <summary>
    /// The outcomes that need a decision on whether the absence was acceptable. Written into the SQL as constants, so the
    /// database can see that the read of these and of home visits is answerable from the partial index
    /// <c>IX_Contacts_DecisionOrHomeVisit</c> even in a plan made once for any parameters (a prepared statement).
    /// </summary>
    private static readonly List<ContactOutcome?> NeedingDecision =
        Enum.GetValues<ContactOutcome>().Where(o => ContactOutcomes.NeedsDecision(o)).Select(o => (ContactOutcome?)o).ToList();

    /// <summary>The cases the indicators judge on the day, by sample, each with the team of the officer holding it.</summary>
    internal sealed record Cases(
        IReadOnlyList<(int PersonId, int? OfficerId, int? TeamId, SupervisionCase Case)> Supervision,
        IReadOnlyList<(int PersonId, int? OfficerId, int? TeamId, UnpaidWorkCase Case)> UnpaidWork,
        IReadOnlyList<(int PersonId, int? OfficerId, int? TeamId, CustodyRecord Record)> Custody);

    public async Task<InspectionReadiness?> ReadinessAsync(ReportScope scope, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var on = scope.On ?? clock.Today();
        if (await ReportScopes.NameAsync(db, viewer, scope.TeamId, scope.HubId, scope.OfficerId, ct) is not { } name)
        {
            return null;
        }

        var provider = viewer.ProviderId!.Value;
        var (tally, asAt) = await OversightAggregates.ReadinessAsync(db, provider, scope, on, ct) is { } kept
            ? kept
            : (Tally(indicators, await CasesAsync(db, ReportScopes.Caseload(db, viewer, scope, on), provider, on, ct), on, byOfficer: false)
                .ToDictionary(x => (x.Key.TeamId, x.Key.KeyQuestion), x => x.Value), new FiguresAsAt(clock.GetUtcNow().UtcDateTime, false));
        var teamNames = await db.Teams.AsNoTracking().Where(t => t.ProviderId == viewer.ProviderId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string TeamName(int? id) => id is { } t ? teamNames.GetValueOrDefault(t) ?? "Unknown team" : "No team";
        var teams = tally.Keys.Select(k => k.TeamId)
            .Distinct().Select(id => new ReadinessTeam(id, TeamName(id)))
            .OrderBy(t => t.TeamId is null).ThenBy(t => t.Team, StringComparer.Ordinal).ToList();
        var audited = await audits.LatestAsync(scope, on, ct);

        var standards = new List<StandardReadiness>();
        foreach (var standard in Frameworks.CrcCaseStandards)
        {
            Count Of(string keyQuestion, int? team) => tally.GetValueOrDefault((team, keyQuestion));
            Count All(string keyQuestion) => teams.Aggregate(default(Count), (sum, t) => sum + Of(keyQuestion, t.TeamId));
            var keyQuestions = standard.KeyQuestions.Select(kq =>
            {
                var all = All(kq.Id);
                var count = new KeyQuestionCount(kq.Id, all.Yes, all.No);
                return new KeyQuestionReadiness(
                    kq.Id, kq.Text, indicators.Define(kq.Id), kq.RelevantSubSampleOnly, all.Yes, all.No, all.NotApplicable, count.PercentYes, Band(count),
                    audited.FirstOrDefault(a => a.KeyQuestion == kq.Id && a.TeamId is null),
                    teams.Select(t =>
                    {
                        var c = Of(kq.Id, t.TeamId);
                        var r = new KeyQuestionCount(kq.Id, c.Yes, c.No);
                        return new TeamReadiness(t.TeamId, t.Team, r.Yes, r.No, c.NotApplicable, r.PercentYes, Band(r));
                    }).ToList());
            }).ToList();
            var rating = Ratings.Rate(keyQuestions.Select(k => new KeyQuestionCount(k.Id, k.Yes, k.No)).ToList());

            // Every case of a sample answers each of its key questions, so the first one's answers count its cases.
            var cases = All(standard.KeyQuestions[0].Id).Cases;
            standards.Add(new StandardReadiness(
                standard.Id, standard.Name, standard.Statement, standard.Scope!.Value, cases,
                rating.Rating, rating.LowestKeyQuestion, rating.LowestPercent, rating.Reason, keyQuestions,
                teams.Select(t =>
                {
                    var r = Ratings.Rate(keyQuestions.Select(k => k.ByTeam.Single(x => x.TeamId == t.TeamId)).Select((x, i) => new KeyQuestionCount(keyQuestions[i].Id, x.Yes, x.No)).ToList());
                    return new TeamStandardBand(t.TeamId, t.Team, r.Rating, r.LowestKeyQuestion, r.LowestPercent, r.Reason);
                }).ToList()));
        }

        return new InspectionReadiness(name, on, Frameworks.Current, Notice, teams, standards, asAt);
    }

    /// <summary>How many cases answer a key question yes, no and not applicable.</summary>
    internal readonly record struct Count(int Yes, int No, int NotApplicable)
    {
        public int Cases => Yes + No + NotApplicable;

        public static Count operator +(Count a, Count b) => new(a.Yes + b.Yes, a.No + b.No, a.NotApplicable + b.NotApplicable);
    }

    /// <summary>
    /// Each sample's cases' answers to its key questions, counted by the officer holding the case (when
    /// <paramref name="byOfficer"/>; otherwise all under null) and that officer's team.
    /// </summary>
    internal static Dictionary<(int? OfficerId, int? TeamId, string KeyQuestion), Count> Tally(ReadinessIndicators indicators, Cases cases, DateOnly on, bool byOfficer)
    {
        var tally = new Dictionary<(int?, int?, string), Count>();
        void Add(int? officer, int? team, string keyQuestion, Answer answer)
        {
            var key = (byOfficer ? officer : null, team, keyQuestion);
            tally[key] = tally.GetValueOrDefault(key) + answer switch
            {
                Answer.Yes => new Count(1, 0, 0),
                Answer.No => new Count(0, 1, 0),
                _ => new Count(0, 0, 1),
            };
        }

        foreach (var standard in Frameworks.CrcCaseStandards)
        {
            foreach (var kq in standard.KeyQuestions)
            {
                switch (standard.Scope!.Value)
                {
                    case AssessmentScope.CaseSupervision:
                        foreach (var c in cases.Supervision)
                        {
                            Add(c.OfficerId, c.TeamId, kq.Id, indicators.CaseSupervision(kq.Id, c.Case, on).Answer);
                        }

                        break;
                    case AssessmentScope.UnpaidWork:
                        foreach (var c in cases.UnpaidWork)
                        {
                            Add(c.OfficerId, c.TeamId, kq.Id, indicators.UnpaidWork(kq.Id, c.Case, on).Answer);
                        }

                        break;
                    default:
                        foreach (var c in cases.Custody)
                        {
                            Add(c.OfficerId, c.TeamId, kq.Id, indicators.ThroughTheGate(kq.Id, c.Record, on).Answer);
                        }

                        break;
                }
            }
        }

        return tally;
    }

    private static Rating? Band(KeyQuestionCount r) => r.PercentYes is { } p ? Ratings.Band(p) : null;

    /// <summary>
    /// Reads the caseload on the day (<paramref name="scope"/>.On must be set) into the cases each sample judges: what
    /// the safety net reads, through the same <see cref="CaseSnapshots.Of"/> the officers' alerts use, built from the columns
    /// it needs; and the parts of the records the key questions look at. Nothing dated after the day is read.
    /// </summary>
    internal Task<Cases> CasesAsync(ReportScope scope, CancellationToken ct) =>
        CasesAsync(db, ReportScopes.Caseload(db, request.Viewer, scope, scope.On!.Value), request.Viewer.ProviderId!.Value, scope.On!.Value, ct);

    /// <summary>
    /// The contacts of the people up to the day that the key questions judge: absences needing a decision, and attended
    /// home visits. Read through the partial index <c>IX_Contacts_DecisionOrHomeVisit</c>, whose filter is this condition.
    /// </summary>
    internal static IQueryable<Contact> JudgedContacts(ProbationDbContext db, int[] people, DateOnly on) =>
        db.Contacts.AsNoTracking().Where(c => people.Contains(c.PersonId) && c.On <= on
            && (EF.Constant(NeedingDecision).Contains(c.Outcome) || (c.Kind == ContactKind.HomeVisit && c.Outcome == ContactOutcome.AttendedAndComplied)));

    /// <summary>The cases of a caseload (the people given) on the day, for the provider's officers and teams.</summary>
    internal static async Task<Cases> CasesAsync(ProbationDbContext db, IQueryable<PersonOnProbation> caseload, int providerId, DateOnly on, CancellationToken ct)
    {
        // The caseload's ids, read once: each read below looks them up rather than working the caseload out again
        // (on a past day, from every case's orders and allocations: about 0.4 s a read for a provider at national scale).
        var people = await caseload.Select(p => p.Id).ToArrayAsync(ct);
        var history = await AllocationHistory.LoadAsync(db, people, providerId, ct);

        var basics = await db.People.AsNoTracking().Where(p => people.Contains(p.Id))
            .Select(p => new { p.Id, p.Gender, p.Risk.Rosh, p.Risk.RiskToChildren, p.Risk.RiskToKnownAdult }).ToListAsync(ct);
        var orders = (await db.Orders.AsNoTracking().Include(o => o.Requirements).Where(o => people.Contains(o.PersonId)).ToListAsync(ct)).ToLookup(o => o.PersonId);
        var registrations = (await db.Registrations.AsNoTracking().Where(r => people.Contains(r.PersonId)).ToListAsync(ct)).ToLookup(r => r.PersonId);

        var assessments = (await db.Assessments.AsNoTracking().Where(a => people.Contains(a.PersonId) && a.StartedOn <= on)
            .Select(a => new
            {
                a.Id,
                a.PersonId,
                a.Kind,
                a.StartedOn,
                a.CompletedOn,
                a.Rosh,
                a.RiskToChildren,
                a.PreviousConvictionsReviewed,
                Offence = a.CurrentOffence != null && a.CurrentOffence.Trim() != string.Empty,
                Patterns = a.PatternsOfOffending != null && a.PatternsOfOffending.Trim() != string.Empty,
                AllRated = a.Needs.Count() >= NeedCount,
                Strengths = a.Strengths != null && a.Strengths.Trim() != string.Empty,
                Circumstances = a.DiversityAndCircumstances != null && a.DiversityAndCircumstances.Trim() != string.Empty,
                Motivation = a.Motivation != null && a.Motivation.Trim() != string.Empty,
                Views = a.PersonsViews != null && a.PersonsViews.Trim() != string.Empty,
                Sources = a.InformationSources != null && a.InformationSources.Trim() != string.Empty,
                Reasons = a.RoshReasons != null && a.RoshReasons.Trim() != string.Empty,
                Who = a.WhoIsAtRisk != null && a.WhoIsAtRisk.Trim() != string.Empty,
            }).ToListAsync(ct))
            .Select(a => a with { CompletedOn = a.CompletedOn <= on ? a.CompletedOn : null })
            .ToLookup(a => a.PersonId);
        var offendingNeeds = (await db.Assessments.AsNoTracking().Where(a => people.Contains(a.PersonId) && a.CompletedOn <= on)
            .SelectMany(a => a.Needs).Where(n => n.Severity == NeedSeverity.SignificantProblems && n.LinkedToOffending).Select(n => new { n.AssessmentId, n.Need })
            .ToListAsync(ct)).ToLookup(n => n.AssessmentId, n => n.Need);
        var checks = (await db.AgencyChecks.AsNoTracking().Where(c => people.Contains(c.PersonId) && (c.RequestedOn == null || c.RequestedOn <= on))
            .Select(c => new { c.PersonId, c.Kind, c.RequestedOn, c.AnsweredOn, c.NotRequiredReason }).ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => new AgencyCheck { Kind = c.Kind, RequestedOn = c.RequestedOn, AnsweredOn = c.AnsweredOn <= on ? c.AnsweredOn : null, NotRequiredReason = c.NotRequiredReason, RecordedBy = string.Empty });

        var plans = await db.SentencePlans.AsNoTracking().AsSplitQuery().Where(p => people.Contains(p.PersonId) && p.CompletedOn <= on)
            .Select(p => new
            {
                p.Id,
                p.PersonId,
                p.CompletedOn,
                p.ContactsPerMonth,
                p.ContingencyArrangements,
                p.DomesticAbuseMeasures,
                p.ChildSafeguardingMeasures,
                Involvement = p.PersonsInvolvement.Trim() != string.Empty,
                Pattern = p.ContactPattern != null && p.ContactPattern.Trim() != string.Empty,
                Victims = p.VictimSafety != null && p.VictimSafety.Trim() != string.Empty,
                Objectives = p.Objectives.Select(o => new { o.Links, o.Copied }).ToList(),
                Schedule = p.Schedule.Select(s => new { s.RequirementId, s.Type, s.StartsOn }).ToList(),
            }).ToDictionaryAsync(p => p.PersonId, ct);

        var contacts = (await JudgedContacts(db, people, on)
            .Select(c => new { c.PersonId, c.On, c.Kind, c.Outcome, c.Decision, c.DecidedOn }).ToListAsync(ct))
            .Select(c => c.Decision is not null && (c.DecidedOn ?? c.On) > on ? c with { Decision = null, DecidedOn = null } : c)
            .ToLookup(c => c.PersonId);
        var begunWithContact = await db.Contacts.AsNoTracking()
            .Where(c => people.Contains(c.PersonId) && c.RequirementId != null && c.On <= on && c.Outcome == ContactOutcome.AttendedAndComplied)
            .GroupBy(c => c.RequirementId!.Value).Select(g => new { g.Key, First = g.Min(c => c.On) }).ToDictionaryAsync(x => x.Key, x => x.First, ct);
        var enforcement = (await db.EnforcementActions.AsNoTracking().Where(e => people.Contains(e.PersonId) && e.On <= on)
            .Select(e => new { e.PersonId, e.On, e.Kind }).ToListAsync(ct)).ToLookup(e => e.PersonId, e => new EnforcementAction { On = e.On, Kind = e.Kind, RecordedBy = string.Empty });
        var events = (await db.SignificantEvents.AsNoTracking().Where(e => people.Contains(e.PersonId) && e.On <= on)
            .Select(e => new { e.PersonId, e.On, e.Kind, e.ActionedOn }).ToListAsync(ct))
            .ToLookup(e => e.PersonId, e => new SignificantEvent { On = e.On, Kind = e.Kind, ActionedOn = e.ActionedOn <= on ? e.ActionedOn : null, Description = string.Empty, RecordedBy = string.Empty });
        var reviews = (await db.Reviews.AsNoTracking().Where(r => people.Contains(r.PersonId) && r.CompletedOn <= on)
            .Select(r => new
            {
                r.PersonId,
                r.Kind,
                r.CompletedOn,
                Offending = r.OffendingFactorChanges.Trim() != string.Empty,
                Risk = r.RiskFactorChanges.Trim() != string.Empty,
                Involvement = r.PersonsInvolvement.Trim() != string.Empty,
                Agencies = r.OtherAgencyInput != null && r.OtherAgencyInput.Trim() != string.Empty,
                Adjusted = r.PlanAdjusted || (r.WhyPlanNotAdjusted != null && r.WhyPlanNotAdjusted.Trim() != string.Empty),
                Progress = r.Progress.Count(),
            }).ToListAsync(ct)).ToLookup(r => r.PersonId);
        var referrals = (await db.Referrals.AsNoTracking().Where(r => people.Contains(r.PersonId) && r.On <= on)
            .Select(r => new { r.PersonId, r.On, r.Outcome, r.OutcomeOn }).ToListAsync(ct))
            .ToLookup(r => r.PersonId, r => new ReferralFacts(r.On, r.Outcome is ReferralOutcome.Declined or ReferralOutcome.DidNotEngage && r.OutcomeOn <= on));
        var programmeReferrals = (await db.ProgrammeReferrals.AsNoTracking().Where(r => people.Contains(r.PersonId) && r.ReferredOn <= on)
            .Select(r => new { r.PersonId, r.RequirementId, r.Programme, r.Status, r.StatusChangedOn, r.ReferredOn, r.StartedOn }).ToListAsync(ct))
            .ToLookup(r => r.PersonId, r => new ProgrammeReferral
            {
                // A status changed after the day was not yet known on it: read the referral as still open then.
                RequirementId = r.RequirementId,
                Programme = r.Programme,
                ReferredOn = r.ReferredOn,
                ReferredBy = string.Empty,
                Status = r.StatusChangedOn <= on ? r.Status : ReferralStatus.Submitted,
                StatusChangedOn = r.StatusChangedOn <= on ? r.StatusChangedOn : r.ReferredOn,
                StartedOn = r.StartedOn <= on ? r.StartedOn : null,
            });
        var exceptions = (await db.AlertExceptions.AsNoTracking().Where(e => people.Contains(e.PersonId) && e.RecordedOn <= on)
            .Select(e => new { e.PersonId, e.Code, e.RecordedOn, e.Until }).ToListAsync(ct))
            .ToLookup(e => e.PersonId, e => new AlertExceptionEntry { Code = e.Code, RecordedOn = e.RecordedOn, Until = e.Until, Reason = string.Empty, RecordedBy = string.Empty });

        var bookings = (await db.UnpaidWorkBookings.AsNoTracking().Where(b => people.Contains(b.PersonId))
            .Select(b => new { b.PersonId, b.RequirementId, b.On, b.StartsAt, b.EndsAt, b.Outcome, b.CreditedMinutes, b.Placement, b.Award }).ToListAsync(ct))
            .ToLookup(b => b.PersonId, b => b.On <= on
                ? new UnpaidWorkBooking { RequirementId = b.RequirementId, On = b.On, StartsAt = b.StartsAt, EndsAt = b.EndsAt, Outcome = b.Outcome, CreditedMinutes = b.CreditedMinutes, Placement = b.Placement, Award = b.Award, BookedBy = string.Empty }
                : new UnpaidWorkBooking { RequirementId = b.RequirementId, On = b.On, StartsAt = b.StartsAt, EndsAt = b.EndsAt, Placement = b.Placement, Award = b.Award, BookedBy = string.Empty });
        var upwAssessments = (await db.UnpaidWorkAssessments.AsNoTracking().Where(a => people.Contains(a.PersonId) && a.CompletedOn <= on)
            .Select(a => new
            {
                a.PersonId,
                a.CompletedOn,
                Health = a.Health.Trim() != string.Empty,
                Public = a.RiskToPublic.Trim() != string.Empty,
                Supervisors = a.RiskToSupervisors.Trim() != string.Empty,
                Diversity = a.DiversityNeeds.Trim() != string.Empty,
            }).ToListAsync(ct))
            .ToLookup(a => a.PersonId, a => new UnpaidWorkAssessmentFacts(a.CompletedOn, a.Health, a.Public, a.Supervisors, a.Diversity));
        var awards = await db.UnpaidWorkAwards.AsNoTracking().Where(a => people.Contains(a.PersonId) && a.RegisteredOn <= on)
            .GroupBy(a => a.PersonId).Select(g => new { g.Key, First = g.Min(a => a.RegisteredOn) }).ToDictionaryAsync(x => x.Key, x => x.First, ct);

        var lookBack = ReadinessIndicators.WindowStart(on);
        var custody = (await db.CustodyRecords.AsNoTracking().AsSplitQuery().Include(c => c.Needs).Include(c => c.Activities)
            .Where(c => people.Contains(c.PersonId) && c.ReceptionDate <= on && (c.ReleasedOn == null || c.ReleasedOn >= lookBack))
            .ToListAsync(ct)).Select(c => AsOf(c, on)).ToList();

        var supervision = new List<(int, int?, int?, SupervisionCase)>();
        var unpaidWork = new List<(int, int?, int?, UnpaidWorkCase)>();
        foreach (var b in basics)
        {
            var id = b.Id;
            var holder = history.OfficerOn(id, on);
            var team = history.TeamOf(holder);
            var plan = plans.GetValueOrDefault(id);
            var shell = new PersonOnProbation
            {
                Id = id,
                FirstName = string.Empty,
                LastName = string.Empty,
                Gender = b.Gender,
                Risk = new RiskProfile { Rosh = b.Rosh, RiskToChildren = b.RiskToChildren, RiskToKnownAdult = b.RiskToKnownAdult },
                ResponsibleOfficerId = holder,
                AllocatedOn = history.CoveringFrom(id, on),
                Orders = orders[id].ToList(),
                Registrations = registrations[id].ToList(),
                Assessments = assessments[id].Select(a => new Assessment { Kind = a.Kind, StartedOn = a.StartedOn, CompletedOn = a.CompletedOn, Rosh = a.Rosh, AssessedBy = string.Empty }).ToList(),
                AgencyChecks = checks[id].ToList(),
                Plan = plan is null ? null : new SentencePlan
                {
                    CompletedOn = plan.CompletedOn,
                    WrittenBy = string.Empty,
                    PersonsInvolvement = string.Empty,
                    ContingencyArrangements = plan.ContingencyArrangements,
                    DomesticAbuseMeasures = plan.DomesticAbuseMeasures,
                    ChildSafeguardingMeasures = plan.ChildSafeguardingMeasures,
                    Schedule = plan.Schedule.Select(s => new ScheduledRequirement { RequirementId = s.RequirementId, Type = s.Type, StartsOn = s.StartsOn, Pattern = string.Empty }).ToList(),
                },
                Contacts = contacts[id].Select(c => new Contact { On = c.On, Kind = c.Kind, Outcome = c.Outcome, Decision = c.Decision, DecidedOn = c.DecidedOn, RecordedBy = string.Empty }).ToList(),
                EnforcementActions = enforcement[id].ToList(),
                SignificantEvents = events[id].ToList(),
                Reviews = reviews[id].Select(r => new Review { Kind = r.Kind, CompletedOn = r.CompletedOn, OffendingFactorChanges = string.Empty, RiskFactorChanges = string.Empty, PersonsInvolvement = string.Empty, ReviewedBy = string.Empty }).ToList(),
                AlertExceptions = exceptions[id].ToList(),
                ProgrammeReferrals = programmeReferrals[id].ToList(),
                UnpaidWorkBookings = bookings[id].ToList(),
            };
            var order = SupervisionRules.CurrentOrder(shell, on);
            if (order is null || !order.IsCurrent(on) || history.FirstAllocated(id) is not { } first)
            {
                continue;
            }

            var snapshot = CaseSnapshots.Of(shell, on);
            var initial = assessments[id].Where(a => a.Kind == AssessmentKind.Initial && a.CompletedOn is not null).MinBy(a => a.CompletedOn);
            var latest = assessments[id].Where(a => a.CompletedOn is not null).OrderBy(a => a.CompletedOn).ThenBy(a => a.Id).LastOrDefault();
            var referralsOf = shell.ProgrammeReferrals.Where(r => ProgrammeRules.Counts(r.Status)).ToList();
            DateOnly? ProgrammeStart(Requirement r) => referralsOf.Where(x => Meets(x, r)).Select(x => x.StartedOn).Min();
            var supervised = new SupervisionCase(
                snapshot,
                first,
                b.RiskToKnownAdult,
                initial is null ? null : new AssessmentFacts(
                    initial.CompletedOn!.Value, initial.Offence, initial.PreviousConvictionsReviewed, initial.Patterns, initial.AllRated, initial.Strengths,
                    initial.Circumstances, initial.Motivation, initial.Views, initial.Sources, initial.Rosh, initial.Reasons, initial.Who,
                    SupervisionRules.HasActive(shell, RegistrationType.DomesticAbuse, initial.CompletedOn.Value),
                    SupervisionRules.HasActive(shell, RegistrationType.ChildProtection, initial.CompletedOn.Value) || initial.RiskToChildren),
                latest is null ? [] : offendingNeeds[latest.Id].ToList(),
                plan is null ? null : new PlanFacts(
                    plan.CompletedOn, plan.Involvement, plan.ContactsPerMonth, plan.Pattern,
                    !string.IsNullOrWhiteSpace(plan.ContingencyArrangements), !string.IsNullOrWhiteSpace(plan.DomesticAbuseMeasures),
                    !string.IsNullOrWhiteSpace(plan.ChildSafeguardingMeasures), plan.Victims,
                    plan.Objectives.Select(o => new ObjectiveFacts(o.Links, o.Copied)).ToList(),
                    plan.Schedule.Where(s => SafetyNet.ScheduledRequirements.Contains(s.Type)).Select(s =>
                    {
                        var requirement = order.Requirements.FirstOrDefault(r => r.Id == s.RequirementId);
                        DateOnly? begun = s.Type switch
                        {
                            RequirementType.UnpaidWork => shell.UnpaidWorkBookings.Where(x => x.RequirementId == s.RequirementId && x.CreditedMinutes > 0).Select(x => (DateOnly?)x.On).Min(),
                            RequirementType.AccreditedProgramme => requirement is null ? null : ProgrammeStart(requirement),
                            _ => begunWithContact.TryGetValue(s.RequirementId, out var d) ? d : null,
                        };
                        return new ScheduledFacts(s.Type, s.StartsOn, begun);
                    }).ToList()),
                reviews[id].Select(r => new ReviewFacts(r.CompletedOn, r.Offending, r.Risk, r.Involvement, r.Agencies, r.Adjusted, r.Progress)).ToList(),
                contacts[id].Where(c => ContactOutcomes.NeedsDecision(c.Outcome)).Select(c => new FailureFacts(c.On, c.Decision is null ? null : c.DecidedOn ?? c.On)).ToList(),
                order.Requirements.Where(r => r.Type == RequirementType.AccreditedProgramme)
                    .Select(r => new ProgrammeRequirementFacts(r.Programme, referralsOf.Where(x => Meets(x, r)).Select(x => (DateOnly?)x.ReferredOn).Min())).ToList(),
                referrals[id].Concat(programmeReferrals[id].Select(r => new ReferralFacts(r.ReferredOn, r.Status is ReferralStatus.Withdrawn or ReferralStatus.NotSuitable or ReferralStatus.NotCompleted))).ToList());

            if (order.Type != OrderType.Custody)
            {
                supervision.Add((id, holder, team, supervised));
            }

            if (UnpaidWorkRules.Snapshot(order, shell.UnpaidWorkBookings) is { } upw)
            {
                var requirement = order.Requirements.First(r => r.Type == RequirementType.UnpaidWork && r.UnpaidWorkHours > 0);
                unpaidWork.Add((id, holder, team, new UnpaidWorkCase(
                    supervised, upw.OrderedHours, upw.OrderStart, upwAssessments[id].MinBy(a => a.CompletedOn),
                    shell.UnpaidWorkBookings.Where(x => x.RequirementId == requirement.Id).Select(x => x.ToRecord()).ToList(),
                    awards.TryGetValue(id, out var award) ? award : null)));
            }
        }

        var officerOf = basics.ToDictionary(b => b.Id, b => history.OfficerOn(b.Id, on));
        return new Cases(supervision, unpaidWork, custody.Select(c => (c.PersonId, officerOf.GetValueOrDefault(c.PersonId), history.TeamOf(officerOf.GetValueOrDefault(c.PersonId)), c)).ToList());
    }

    /// <summary>Whether a programme referral meets a requirement, as the safety net matches them.</summary>
    private static bool Meets(ProgrammeReferral x, Requirement r) => x.RequirementId == r.Id || (x.RequirementId is null && x.Programme == r.Programme);

    /// <summary>A custody record as it stood on the day: work recorded after it is not yet done.</summary>
    private static CustodyRecord AsOf(CustodyRecord c, DateOnly on)
    {
        static DateOnly? By(DateOnly? d, DateOnly on) => d <= on ? d : null;
        c.ScreenedOn = By(c.ScreenedOn, on);
        c.PlanCompletedOn = By(c.PlanCompletedOn, on);
        c.HandoverOn = By(c.HandoverOn, on);
        if (c.ReleasedOn > on)
        {
            c.ReleasedOn = null;
            c.AccommodationOnRelease = null;
            c.FirstAppointmentOn = null;
        }

        c.Needs = c.Needs.Where(n => n.UpdatedOn <= on).ToList();
        c.Activities = c.Activities.Where(a => a.On <= on).ToList();
        return c;
    }
}
