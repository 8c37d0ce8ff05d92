using Microsoft.EntityFrameworkCore;
using Probation.Application.Allocation;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Oversight;
using Probation.Domain.Programmes;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Supervision;

/// <summary>
/// Each case's alerts and team-page counts, kept computed (ADR 0014). A reader gets a case's stored status when it still
/// holds (same case version, same day) and otherwise computes it from the records and stores it for the next reader; the
/// daily refresh computes every case once the day has turned, so the first page of the morning is as quick as the rest.
/// The caller decides who may see the cases it asks about: nothing here checks access or writes an audit row.
/// </summary>
public sealed class CaseStatuses(ProbationDbContext db, TimeProvider clock, SafetyNet net)
{
    /// <summary>Cases computed and stored together.</summary>
    public const int BatchSize = 1000;

    /// <summary>The status today of each case <paramref name="people"/> selects, by person id, with each case's CRN and responsible officer.</summary>
    public async Task<IReadOnlyDictionary<int, CurrentStatus>> CurrentAsync(IQueryable<PersonOnProbation> people, CancellationToken ct)
    {
        var today = clock.Today();
        var found = await (
                from p in people
                join s in db.CaseStatuses on p.Id equals s.PersonId into stored
                from s in stored.DefaultIfEmpty()
                select new { p.Id, p.Crn, p.ResponsibleOfficerId, p.Version, Status = s })
            .AsNoTracking().ToListAsync(ct);
        var cases = found.ToDictionary(f => f.Id, f => (f.Crn, f.ResponsibleOfficerId));
        var result = new Dictionary<int, CurrentStatus>(found.Count);
        var stale = new List<int>();
        foreach (var f in found)
        {
            if (f.Status is { } status && status.HoldsFor(f.Version, today))
            {
                result[f.Id] = new CurrentStatus(f.Crn, f.ResponsibleOfficerId, status);
            }
            else
            {
                stale.Add(f.Id);
            }
        }

        foreach (var chunk in stale.Chunk(BatchSize))
        {
            foreach (var status in await ComputeAndStoreAsync(db.People.Where(p => EF.Parameter(chunk).Contains(p.Id)), today, ct))
            {
                var (crn, officer) = cases[status.PersonId];
                result[status.PersonId] = new CurrentStatus(crn, officer, status);
            }
        }

        return result;
    }

    /// <summary>
    /// The kept statuses of the cases <paramref name="people"/> selects, summed in the database by responsible officer
    /// (each officer's workload). The statuses that no longer hold are computed again and stored first.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, StatusTotals>> TotalsByOfficerAsync(IQueryable<PersonOnProbation> people, CancellationToken ct) =>
        (await TotalsByOfficerAndTeamAsync(people, ct)).GroupBy(t => t.OfficerId).ToDictionary(g => g.Key, g => StatusTotals.Sum(g.Key, null, g));

    /// <summary>
    /// The kept statuses of the cases <paramref name="people"/> selects that have a responsible officer, summed in the
    /// database by officer and by the case's team (the team page: its own cases' counts and its officers' whole
    /// workloads in one read). The sums come with a count of the statuses among them that still hold; when any does not,
    /// those cases are computed again and stored, and the sums read again.
    /// </summary>
    public async Task<IReadOnlyList<StatusTotals>> TotalsByOfficerAndTeamAsync(IQueryable<PersonOnProbation> people, CancellationToken ct)
    {
        var today = clock.Today();
        people = people.Where(p => p.ResponsibleOfficerId != null);
        var totals = await SumAsync(people, today, ct);
        if (totals.All(t => t.Holding == t.Held))
        {
            return totals;
        }

        var stale = await people
            .Where(p => !db.CaseStatuses.Any(s => s.PersonId == p.Id && s.PersonVersion == p.Version && s.ComputedOn == today))
            .Select(p => p.Id).ToListAsync(ct);
        foreach (var chunk in stale.Chunk(BatchSize))
        {
            await ComputeAndStoreAsync(db.People.Where(p => EF.Parameter(chunk).Contains(p.Id)), today, ct);
        }

        return await SumAsync(people, today, ct);
    }

    private async Task<List<StatusTotals>> SumAsync(IQueryable<PersonOnProbation> people, DateOnly today, CancellationToken ct) =>
        await (
                from p in people
                join s in db.CaseStatuses.Where(s => s.ComputedOn == today) on p.Id equals s.PersonId into kept
                from s in kept.DefaultIfEmpty()
                group new { p.Version, Status = s } by new { Officer = p.ResponsibleOfficerId!.Value, p.TeamId } into g
                select new StatusTotals
                {
                    OfficerId = g.Key.Officer,
                    TeamId = g.Key.TeamId,
                    Held = g.Count(),
                    Holding = g.Sum(x => x.Status != null && x.Status.PersonVersion == x.Version ? 1 : 0),
                    UnderSupervision = g.Sum(x => x.Status != null && x.Status.UnderSupervision ? 1 : 0),
                    WorkloadPoints = g.Sum(x => x.Status!.WorkloadPoints),
                    HighAlerts = g.Sum(x => x.Status!.HighAlerts),
                    MediumAlerts = g.Sum(x => x.Status!.MediumAlerts),
                    AssessmentsOverdue = g.Sum(x => x.Status!.AssessmentsOverdue),
                    PlansOverdue = g.Sum(x => x.Status!.PlansOverdue),
                    ReviewsOverdue = g.Sum(x => x.Status!.ReviewsOverdue),
                    ChecksAwaitingAnswer = g.Sum(x => x.Status!.ChecksAwaitingAnswer),
                    AbsencesAwaitingDecision = g.Sum(x => x.Status!.AbsencesAwaitingDecision),
                    EnforcementDecisionsDue = g.Sum(x => x.Status!.EnforcementDecisionsDue),
                    DirectionsDueForCheck = g.Sum(x => x.Status!.DirectionsDueForCheck),
                })
            .ToListAsync(ct);

    /// <summary>Computes and stores today's status of every case <paramref name="people"/> selects, a batch at a time; returns how many.</summary>
    public Task<int> RefreshAsync(IQueryable<PersonOnProbation> people, CancellationToken ct) => RefreshAsync(people, BatchSize, TimeSpan.Zero, ct);

    /// <summary>
    /// Computes and stores today's status of every case <paramref name="people"/> selects, in order of id,
    /// <paramref name="batchSize"/> cases to a transaction, pausing <paramref name="pause"/> after each; returns how many.
    /// Cut off part way, it leaves the batches it stored whole; run again, it computes what <paramref name="people"/> then selects.
    /// </summary>
    public async Task<int> RefreshAsync(IQueryable<PersonOnProbation> people, int batchSize, TimeSpan pause, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var today = clock.Today();
        var after = 0;
        var count = 0;
        while (true)
        {
            var ids = await people.Where(p => p.Id > after).OrderBy(p => p.Id).Select(p => p.Id).Take(batchSize).ToArrayAsync(ct);
            if (ids.Length == 0)
            {
                return count;
            }

            var (from, to) = (ids[0], ids[^1]);
            await ComputeAndStoreAsync(people.Where(p => p.Id >= from && p.Id <= to), today, ct);
            count += ids.Length;
            after = to;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, clock, ct);
            }
        }
    }

    /// <summary>Today's status of each case <paramref name="people"/> selects, computed from its records and not stored (the benchmark's W4).</summary>
    public async Task<List<CaseStatus>> ComputeAsync(IQueryable<PersonOnProbation> people, DateOnly today, CancellationToken ct) =>
        (await ReadAsync(people, today, ct)).Select(p => CaseStatus.Compute(net, p, today, CaseFacts.WorkloadPoints(p, today))).ToList();

    private async Task<List<CaseStatus>> ComputeAndStoreAsync(IQueryable<PersonOnProbation> people, DateOnly today, CancellationToken ct)
    {
        var statuses = await ComputeAsync(people, today, ct);
        await StoreAsync(statuses, ct);
        return statuses;
    }

    /// <summary>
    /// Writes the statuses over what is stored. Two readers computing the same case at once is harmless: whichever
    /// writes last wins, and every reader checks a status against the case's current version before using it.
    /// </summary>
    private async Task StoreAsync(IReadOnlyList<CaseStatus> statuses, CancellationToken ct)
    {
        if (statuses.Count == 0)
        {
            return;
        }

        var ids = statuses.Select(s => s.PersonId).ToArray();
        var stored = await db.CaseStatuses.Where(s => EF.Parameter(ids).Contains(s.PersonId)).ToDictionaryAsync(s => s.PersonId, ct);
        foreach (var status in statuses)
        {
            if (stored.TryGetValue(status.PersonId, out var row))
            {
                db.Entry(row).CurrentValues.SetValues(status);
            }
            else
            {
                db.CaseStatuses.Add(status);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another reader stored one of these cases first: its status is as good as ours.
        }
        finally
        {
            foreach (var entry in db.ChangeTracker.Entries<CaseStatus>().ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Reads the cases with only the columns <see cref="CaseStatus.Compute"/> reads, one query per kind of record and
    /// none per case: the records come back as lightweight copies (text the rules never read is left empty).
    /// </summary>
    public async Task<List<PersonOnProbation>> ReadAsync(IQueryable<PersonOnProbation> people, DateOnly today, CancellationToken ct)
    {
        var ids = people.Select(p => p.Id);
        var basics = await people.AsNoTracking()
            .Select(p => new { p.Id, p.Version, p.ResponsibleOfficerId, p.AllocatedOn, p.Risk.Rosh, p.Risk.RiskToChildren, p.Risk.Ogrs })
            .ToListAsync(ct);
        if (basics.Count == 0)
        {
            return [];
        }

        var orders = (await db.Orders.AsNoTracking().Include(o => o.Requirements).Where(o => ids.Contains(o.PersonId)).ToListAsync(ct)).ToLookup(o => o.PersonId);
        var registrations = (await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.PersonId)).ToListAsync(ct)).ToLookup(r => r.PersonId);
        // The tier reads the needs of completed assessments only.
        var needs = (await db.Set<AssessedNeed>().AsNoTracking()
            .Where(n => db.Assessments.Any(a => a.Id == n.AssessmentId && a.CompletedOn != null && ids.Contains(a.PersonId)))
            .Select(n => new { n.AssessmentId, n.Need, n.Severity }).ToListAsync(ct))
            .ToLookup(n => n.AssessmentId, n => new AssessedNeed { AssessmentId = n.AssessmentId, Need = n.Need, Severity = n.Severity });
        var assessments = (await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.PersonId))
            .Select(a => new { a.Id, a.PersonId, a.Kind, a.StartedOn, a.CompletedOn, a.Rosh }).ToListAsync(ct))
            .ToLookup(a => a.PersonId, a => new Assessment { Id = a.Id, Kind = a.Kind, StartedOn = a.StartedOn, CompletedOn = a.CompletedOn, Rosh = a.Rosh, AssessedBy = string.Empty, Needs = needs[a.Id].ToList() });
        var checks = (await db.AgencyChecks.AsNoTracking().Where(c => ids.Contains(c.PersonId))
            .Select(c => new { c.PersonId, c.Kind, c.RequestedOn, c.AnsweredOn, c.NotRequiredReason }).ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => new AgencyCheck { Kind = c.Kind, RequestedOn = c.RequestedOn, AnsweredOn = c.AnsweredOn, NotRequiredReason = c.NotRequiredReason, RecordedBy = string.Empty });
        var plans = await db.SentencePlans.AsNoTracking().Where(p => ids.Contains(p.PersonId))
            .Select(p => new
            {
                p.PersonId,
                p.CompletedOn,
                p.ContingencyArrangements,
                p.DomesticAbuseMeasures,
                p.ChildSafeguardingMeasures,
                Schedule = p.Schedule.Select(s => new { s.RequirementId, s.Type, s.StartsOn }).ToList(),
            }).ToDictionaryAsync(p => p.PersonId, ct);
        var contacts = (await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.PersonId) && c.On <= today)
            .Select(c => new { c.PersonId, c.On, c.Kind, c.Outcome, c.Decision }).ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => new Contact { On = c.On, Kind = c.Kind, Outcome = c.Outcome, Decision = c.Decision, RecordedBy = string.Empty });
        var enforcement = (await db.EnforcementActions.AsNoTracking().Where(e => ids.Contains(e.PersonId))
            .Select(e => new { e.PersonId, e.On, e.Kind }).ToListAsync(ct))
            .ToLookup(e => e.PersonId, e => new EnforcementAction { On = e.On, Kind = e.Kind, RecordedBy = string.Empty });
        var events = (await db.SignificantEvents.AsNoTracking().Where(e => ids.Contains(e.PersonId))
            .Select(e => new { e.PersonId, e.On, e.Kind, e.ActionedOn }).ToListAsync(ct))
            .ToLookup(e => e.PersonId, e => new SignificantEvent { On = e.On, Kind = e.Kind, ActionedOn = e.ActionedOn, Description = string.Empty, RecordedBy = string.Empty });
        var reviews = (await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.PersonId))
            .Select(r => new { r.PersonId, r.Kind, r.CompletedOn }).ToListAsync(ct))
            .ToLookup(r => r.PersonId, r => new Review { Kind = r.Kind, CompletedOn = r.CompletedOn, OffendingFactorChanges = string.Empty, RiskFactorChanges = string.Empty, PersonsInvolvement = string.Empty, ReviewedBy = string.Empty });
        var exceptions = (await db.AlertExceptions.AsNoTracking().Where(e => ids.Contains(e.PersonId))
            .Select(e => new { e.PersonId, e.Code, e.Reason, e.RecordedOn, e.Until }).ToListAsync(ct))
            .ToLookup(e => e.PersonId, e => new AlertExceptionEntry { Code = e.Code, Reason = e.Reason, RecordedOn = e.RecordedOn, Until = e.Until, RecordedBy = string.Empty });
        var programmeReferrals = (await db.ProgrammeReferrals.AsNoTracking().Where(r => ids.Contains(r.PersonId)).ToListAsync(ct)).ToLookup(r => r.PersonId);
        var bookings = (await db.UnpaidWorkBookings.AsNoTracking().Where(b => ids.Contains(b.PersonId)).ToListAsync(ct)).ToLookup(b => b.PersonId);
        var directions = (await db.OversightEntries.AsNoTracking()
            .Where(o => ids.Contains(o.PersonId) && o.Kind == OversightKind.Direction && o.CheckedOn == null && o.CheckBy != null)
            .Select(o => new { o.PersonId, o.CheckBy }).ToListAsync(ct))
            .ToLookup(o => o.PersonId, o => new OversightEntry { Kind = OversightKind.Direction, CheckBy = o.CheckBy, RecordedBy = string.Empty });

        return basics.Select(b =>
        {
            var plan = plans.GetValueOrDefault(b.Id);
            return new PersonOnProbation
            {
                Id = b.Id,
                Version = b.Version,
                FirstName = string.Empty,
                LastName = string.Empty,
                ResponsibleOfficerId = b.ResponsibleOfficerId,
                AllocatedOn = b.AllocatedOn,
                Risk = new RiskProfile { Rosh = b.Rosh, RiskToChildren = b.RiskToChildren, Ogrs = b.Ogrs },
                Orders = orders[b.Id].ToList(),
                Registrations = registrations[b.Id].ToList(),
                Assessments = assessments[b.Id].ToList(),
                AgencyChecks = checks[b.Id].ToList(),
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
                Contacts = contacts[b.Id].ToList(),
                EnforcementActions = enforcement[b.Id].ToList(),
                SignificantEvents = events[b.Id].ToList(),
                Reviews = reviews[b.Id].ToList(),
                AlertExceptions = exceptions[b.Id].ToList(),
                ProgrammeReferrals = programmeReferrals[b.Id].ToList(),
                UnpaidWorkBookings = bookings[b.Id].ToList(),
                Oversight = directions[b.Id].ToList(),
            };
        }).ToList();
    }
}

/// <summary>A case's kept status today, with the CRN and the responsible officer it was read with.</summary>
public readonly record struct CurrentStatus(Domain.Common.Crn Crn, int? OfficerId, CaseStatus Status);
