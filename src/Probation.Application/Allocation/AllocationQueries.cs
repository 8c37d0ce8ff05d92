using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Application.Supervision;
using Probation.Domain.Access;
using Probation.Domain.Allocation;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Application.Allocation;

public sealed record QueueRow(
    string Crn, bool AccessRestricted, string? Name, Gender? Gender, DateOnly? ReceivedOn, CaseSource? Source,
    RequiredGrade? RequiredGrade, AllocationDecider? DecidedBy, DateOnly? ReferralDueDate, bool Overdue, int WorkingDaysWaiting);

public sealed record OfficerLoad(int StaffId, string Name, StaffGrade Grade, Gender Gender, double ContractedHours, double ReductionHours, int Cases, int Points, double AvailablePoints, double CapacityPercent);

public sealed record Candidate(
    int StaffId, string Name, StaffGrade Grade, Gender Gender, int Rank, bool GradeEligible, IReadOnlyList<CompetenceArea> MissingCompetences,
    bool GenderSuitable, bool PreviousOfficer, int Cases, int Points, double AvailablePoints, double CapacityNow, double CapacityAfter, string Reason)
{
    public bool WithinMatrix => GradeEligible && MissingCompetences.Count == 0 && GenderSuitable;

    public bool OverCapacityAfter => CapacityAfter > 100;
}

public sealed record CandidateList(
    string Crn, string Name, int? TeamId, string? Team, int Version, bool Allocated, string? CurrentOfficer, AllocationRecommendation Recommendation,
    IReadOnlyList<CompetenceArea> RequiredCompetences, int CasePoints, string Tier, IReadOnlyList<string> TierReasons, IReadOnlyList<Candidate> Candidates,
    bool ViewerMayAllocate, bool ViewerMayOverride);

/// <summary>
/// The reads of allocation: a team's queue, the ranked candidates for a case, and each officer's
/// workload. A case's tier and points are computed from its record on every read of the case; an officer's workload
/// sums the points kept in each case's status, which holds only while the case record and the day are unchanged.
/// </summary>
public sealed class AllocationQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, AllocationMatrix matrix, WorkingDayCalendar calendar, TimeProvider clock, CaseStatuses statuses)
{
    private IQueryable<PersonOnProbation> CasesWithFacts() =>
        db.People.AsNoTracking().AsSplitQuery()
            .Include(p => p.Registrations)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Assessments).ThenInclude(a => a.Needs);

    public async Task<IReadOnlyList<QueueRow>?> QueueAsync(int teamId, CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.ProviderId == viewer.ProviderId, ct) || !viewer.IsCaseWorker)
        {
            return null;
        }

        var today = clock.Today();
        var people = await CasesWithFacts().Include(p => p.AccessList)
            .Where(viewer.InScope())
            .Where(p => p.TeamId == teamId && p.ResponsibleOfficerId == null)
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id)
            .ToListAsync(ct);
        var rows = people.Select(p =>
        {
            var waited = WorkingDaysBetween(p.ReceivedOn ?? today, today);
            if (!CaseAccessRules.Decide(p.AccessList, viewer.StaffMemberId).Allowed)
            {
                return new QueueRow(p.Crn.Value, true, null, null, p.ReceivedOn, p.Source, null, null, null, false, waited);
            }

            var r = matrix.Recommend(CaseFacts.ForMatrix(p, today));
            return new QueueRow(
                p.Crn.Value, false, p.FullName, p.Gender, p.ReceivedOn, p.Source, r.RequiredGrade, r.DecidedBy, r.ReferralDueDate,
                r.ReferralDueDate is { } due && due < today, waited);
        }).ToList();

        await audit.RecordReadAsync(AuditAction.Consulted, "Allocation queue", rows.Where(r => !r.AccessRestricted).Select(r => Crn.Parse(r.Crn)).ToList(), ct);
        return rows;
    }

    /// <summary>How many of a team's cases wait for allocation, and how many of those the matrix refers to the team manager. Counts only: nothing personal is read out, so nothing is audited.</summary>
    public async Task<(int Waiting, int ReferredToManager)> QueueCountsAsync(int teamId, CancellationToken ct)
    {
        // Who decides (matrix rule 5) reads only the RoSH level, the OGRS score and the facts still to confirm: one read of those.
        var queue = await db.People.AsNoTracking().Where(p => p.TeamId == teamId && p.ResponsibleOfficerId == null)
            .Select(p => new { p.Risk.Rosh, p.Risk.Ogrs, p.FactsToConfirm }).ToListAsync(ct);
        return (queue.Count, queue.Count(p => AllocationMatrix.WhoDecides(p.Rosh, p.Ogrs, CaseFacts.Unknown(p.FactsToConfirm)) == AllocationDecider.TeamManager));
    }

    public async Task<IReadOnlyList<OfficerLoad>?> WorkloadAsync(int teamId, CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.ProviderId == viewer.ProviderId, ct))
        {
            return null;
        }

        var officers = await TeamOfficers(teamId).OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
        var loads = await LoadsAsync(officers, ct);
        return officers.Select(o => loads[o.Id]).ToList();
    }

    public async Task<CandidateList?> CandidatesAsync(string crnText, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return null;
        }

        var viewer = request.Viewer;
        var person = await CasesWithFacts().Include(p => p.AccessList).Include(p => p.Allocations).Include(p => p.Team).Include(p => p.ResponsibleOfficer)
            .Where(viewer.InScope())
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        if (person is null || !CaseAccessRules.Decide(person.AccessList, viewer.StaffMemberId).Allowed)
        {
            return null;
        }

        var today = clock.Today();
        var facts = CaseFacts.ForMatrix(person, today);
        var recommendation = matrix.Recommend(facts);
        var required = CaseFacts.RequiredCompetences(facts);
        var tier = TierCalculator.Calculate(CaseFacts.ForTier(person, today));
        var casePoints = Workload.CasePoints(tier, CaseFacts.TypeOf(person, today));

        var officers = await db.Staff.AsNoTracking().Include(s => s.Training)
            .Where(s => s.TeamId == person.TeamId && s.Active && (s.Grade == StaffGrade.ProbationOfficer || s.Grade == StaffGrade.ProbationServicesOfficer))
            .ToListAsync(ct);
        officers = officers.Where(o => CaseAccessRules.Decide(person.AccessList, o.Id).Allowed).ToList();
        var loads = await LoadsAsync(officers, ct);
        var previous = person.Allocations.Select(a => a.StaffMemberId).ToHashSet();

        var candidates = officers.Select(o =>
            {
                var load = loads[o.Id];
                var holdsCase = person.ResponsibleOfficerId == o.Id;
                var after = Workload.CapacityPercent(load.Points + (holdsCase ? 0 : casePoints), load.AvailablePoints);
                var eligible = recommendation.RequiredGrade == RequiredGrade.ProbationOfficerOrProbationServicesOfficer || o.Grade == StaffGrade.ProbationOfficer;
                var missing = required.Where(area => !o.Training.Any(t => t.Area == area && t.IsCurrent(today))).ToList();
                var genderOk = !recommendation.FemaleOfficerRequired || o.Gender == Gender.Female;
                return (Officer: o, Load: load, Eligible: eligible, Missing: missing, GenderOk: genderOk, Previous: previous.Contains(o.Id), After: after);
            })
            // Recommendation 5: eligible grade, then the training the case needs, then a female officer where
            // required, then capacity after allocation, then continuity with an earlier officer.
            .OrderBy(c => c.Eligible ? 0 : 1)
            .ThenBy(c => c.Missing.Count)
            .ThenBy(c => c.GenderOk ? 0 : 1)
            .ThenBy(c => c.After)
            .ThenBy(c => c.Previous ? 0 : 1)
            .ThenBy(c => c.Officer.LastName)
            .Select((c, i) => new Candidate(
                c.Officer.Id, c.Officer.FullName, c.Officer.Grade, c.Officer.Gender, i + 1, c.Eligible, c.Missing, c.GenderOk, c.Previous,
                c.Load.Cases, c.Load.Points, c.Load.AvailablePoints, c.Load.CapacityPercent, c.After,
                Explain(c.Officer, c.Eligible, c.Missing, required, c.GenderOk, recommendation.FemaleOfficerRequired, c.Load.CapacityPercent, c.After, c.Previous)))
            .ToList();

        var mayAllocate = MayAllocate(viewer, person.TeamId);
        await audit.RecordReadAsync(AuditAction.Consulted, "Allocation candidates", [crn], ct);
        return new CandidateList(
            person.Crn.Value, person.FullName, person.TeamId, person.Team?.Name, person.Version, person.ResponsibleOfficerId is not null,
            person.ResponsibleOfficer?.FullName, recommendation, required, casePoints, tier.Code + (tier.Provisional ? " (provisional)" : string.Empty), tier.Reasons,
            candidates, mayAllocate && (!recommendation.Referred || viewer.IsInRole(Roles.TeamManager)), mayAllocate && viewer.IsInRole(Roles.TeamManager));
    }

    internal static bool MayAllocate(Viewer viewer, int? caseTeamId) =>
        (viewer.IsInRole(Roles.CaseAdministrator) || viewer.IsInRole(Roles.TeamManager)) && viewer.TeamId is not null && viewer.TeamId == caseTeamId;

    /// <summary>Each officer's cases and workload points today, from the cases' kept statuses (ADR 0014), which hold each case's points.</summary>
    private async Task<Dictionary<int, OfficerLoad>> LoadsAsync(IReadOnlyCollection<StaffMember> officers, CancellationToken ct)
    {
        var ids = officers.Select(o => o.Id).ToArray();
        var totals = await statuses.TotalsByOfficerAsync(db.People.Where(p => p.ResponsibleOfficerId != null && EF.Parameter(ids).Contains(p.ResponsibleOfficerId.Value)), ct);
        return officers.ToDictionary(o => o.Id, o => Load(o, totals.GetValueOrDefault(o.Id)));
    }

    /// <summary>A team's active probation officers and PSOs: who allocation weighs, and whose workloads the team pages show.</summary>
    internal IQueryable<StaffMember> TeamOfficers(int teamId) =>
        db.Staff.AsNoTracking().Where(s => s.TeamId == teamId && s.Active && (s.Grade == StaffGrade.ProbationOfficer || s.Grade == StaffGrade.ProbationServicesOfficer));

    /// <summary>An officer's workload from the kept statuses of every case they hold.</summary>
    internal static OfficerLoad Load(StaffMember officer, StatusTotals? held)
    {
        var points = held?.WorkloadPoints ?? 0;
        var available = Workload.AvailablePoints(officer.ContractedHours, officer.ReductionHours);
        return new OfficerLoad(
            officer.Id, officer.FullName, officer.Grade, officer.Gender, officer.ContractedHours, officer.ReductionHours,
            held?.Held ?? 0, points, Math.Round(available, 1), Workload.CapacityPercent(points, available));
    }

    private int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                days++;
            }
        }

        return days;
    }

    private static string Explain(
        StaffMember o, bool eligible, IReadOnlyList<CompetenceArea> missing, IReadOnlyList<CompetenceArea> required, bool genderOk, bool femaleRequired,
        double now, double after, bool previous)
    {
        var parts = new List<string>
        {
            eligible
                ? $"eligible grade ({(o.Grade == StaffGrade.ProbationOfficer ? "PO" : "PSO")})"
                : "not eligible: the matrix requires a probation officer",
        };
        if (required.Count > 0)
        {
            parts.Add(missing.Count == 0
                ? "trained in " + string.Join(" and ", required.Select(Describe))
                : "lacks current training in " + string.Join(" and ", missing.Select(Describe)));
        }

        if (femaleRequired)
        {
            parts.Add(genderOk ? "female officer" : "not a female officer, which the matrix requires");
        }

        parts.Add($"capacity {now:0.#}% now, {after:0.#}% after{(after > 100 ? " (over capacity)" : string.Empty)}");
        if (previous)
        {
            parts.Add("has held this case before");
        }

        return string.Join("; ", parts);
    }

    public static string Describe(CompetenceArea area) => area switch
    {
        CompetenceArea.DomesticAbuse => "domestic abuse",
        CompetenceArea.ChildSafeguarding => "child safeguarding",
        CompetenceArea.SexualOffending => "sexual offending",
        CompetenceArea.MentalHealth => "mental health",
        CompetenceArea.Mappa => "MAPPA",
        CompetenceArea.AdultSafeguarding => "adult safeguarding",
        CompetenceArea.WorkingWithWomen => "working with women",
        CompetenceArea.AccreditedProgrammeDelivery => "programme delivery",
        _ => area.ToString(),
    };
}
