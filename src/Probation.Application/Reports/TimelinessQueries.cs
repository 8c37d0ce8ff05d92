using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Oversight;
using Probation.Domain.Resettlement;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Reports;

/// <summary>Whose work a period report counts, and over which days. No team, hub or officer: the whole provider.</summary>
public sealed record ReportPeriod(int? TeamId, int? HubId, int? OfficerId, DateOnly From, DateOnly To);

/// <summary>A measure's figure: how many met it of how many counted, and the share (null when nothing was counted).</summary>
public sealed record TimelinessFigure(double Numerator, double Denominator, double? Percent);

/// <summary>One calendar month of a measure (the first and last months may be part months of the period).</summary>
public sealed record TimelinessMonth(string Month, DateOnly From, DateOnly To, double Numerator, double Denominator, double? Percent);

public sealed record TimelinessTeam(int? TeamId, string Team, double Numerator, double Denominator, double? Percent);

public sealed record TimelinessResult(
    TimelinessMeasure Measure,
    string Name,
    string Unit,
    string Definition,
    double Numerator,
    double Denominator,
    double? Percent,
    IReadOnlyList<TimelinessMonth> Months,
    IReadOnlyList<TimelinessTeam> ByTeam);

public sealed record TimelinessReport(string Scope, DateOnly From, DateOnly To, IReadOnlyList<TimelinessResult> Measures, FiguresAsAt? AsAt = null);

/// <summary>
/// Timeliness and delivery over a period, for leaders and the performance team: each measure counts the work that fell
/// due (or happened) in the period, month by month and by team. Each piece of work counts for the officer who held the
/// case on its day, as the caseload profile counts a past day. A period to today or earlier is read from today's kept
/// counts when they exist (ADR 0015), otherwise counted live. Counts only, never a person: reading it is not audited
/// (its CSV export is, as a disclosure).
/// </summary>
public sealed class TimelinessQueries(ProbationDbContext db, IRequestContext request, TimeProvider clock, TimelinessMeasures measures)
{
    /// <summary>The longest period a report covers.</summary>
    public const int MaxMonths = 36;

    /// <summary>
    /// The period a request asks for, with its defaults (to today; from the first day of the month eleven months
    /// earlier, so twelve calendar months), or the refusal naming the field: an end after today, a start after the end,
    /// or more than <see cref="MaxMonths"/> months.
    /// </summary>
    public static (DateOnly From, DateOnly To, Refused? Refusal) Period(DateOnly? from, DateOnly? to, DateOnly today)
    {
        // Records begin long after this; a date before it is a mistake, and the default start could not be counted back from it.
        var earliest = new DateOnly(2000, 1, 1);
        if (to < earliest || from < earliest)
        {
            var field = to < earliest ? "To" : "From";
            return (from ?? earliest, to ?? today, new Refused($"The {(field == "To" ? "end" : "start")} of the period must be on or after {earliest:d MMMM yyyy}", field));
        }

        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        if (end > today)
        {
            return (start, end, new Refused("The end of the period must be today or in the past", "To"));
        }

        if (start > end)
        {
            return (start, end, new Refused("The start of the period must be on or before its end", "From"));
        }

        return start < end.AddMonths(-MaxMonths)
            ? (start, end, new Refused($"The period can be at most {MaxMonths / 12} years", "From"))
            : (start, end, null);
    }

    /// <summary>Every measure for the period; null when the scope is not the viewer's to see. The period must be one <see cref="Period"/> allows.</summary>
    public async Task<TimelinessReport?> TimelinessAsync(ReportPeriod period, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var today = clock.Today();
        var (from, to) = (period.From, period.To);
        if (Period(from, to, today).Refusal is { } refusal)
        {
            throw new ArgumentException(refusal.Reason, nameof(period));
        }

        if (await ReportScopes.NameAsync(db, viewer, period.TeamId, period.HubId, period.OfficerId, ct) is not { } name)
        {
            return null;
        }

        var provider = viewer.ProviderId!.Value;
        var (inScope, asAt) = await OversightAggregates.TimelinessAsync(db, provider, period, today, ct) is { } kept ? kept : (await LiveAsync(), new FiguresAsAt(clock.GetUtcNow().UtcDateTime, false));
        async Task<List<Counted>> LiveAsync()
        {
            var people = ReportScopes.InPeriod(db, viewer, period.TeamId, period.HubId, period.OfficerId, from, to).Select(p => p.Id);
            var (items, history) = await ItemsAsync(db, measures, people, provider, from, to, today, dailyAppointments: false, ct);

            // Keep what falls in the period and, for a team or an officer, what their officers held on its day.
            bool InScope(Item c) =>
                c.On >= from && c.On <= to
                && (period.OfficerId is not { } officer || c.Officer == officer)
                && (period.TeamId is not { } team || history.TeamOf(c.Officer) == team);
            return items.Where(InScope).Select(c => new Counted(c.Measure, history.TeamOf(c.Officer), c.On, c.Met, c.Of)).ToList();
        }

        var teams = await db.Teams.AsNoTracking().Where(t => t.ProviderId == viewer.ProviderId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var months = new List<(DateOnly From, DateOnly To)>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            months.Add((m < from ? from : m, m.AddMonths(1).AddDays(-1) > to ? to : m.AddMonths(1).AddDays(-1)));
        }

        return new TimelinessReport(name, from, to, TimelinessMeasures.All.Select(measure =>
        {
            var items = inScope.Where(c => c.Measure == measure).ToList();
            var total = Figure(items);
            return new TimelinessResult(
                measure, TimelinessMeasures.Describe(measure), TimelinessMeasures.Unit(measure), measures.Define(measure),
                total.Numerator, total.Denominator, total.Percent,
                months.Select(m =>
                {
                    var f = Figure(items.Where(c => c.On >= m.From && c.On <= m.To));
                    return new TimelinessMonth(m.From.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), m.From, m.To, f.Numerator, f.Denominator, f.Percent);
                }).ToList(),
                items.GroupBy(c => c.TeamId)
                    .Select(g =>
                    {
                        var f = Figure(g);
                        return new TimelinessTeam(g.Key, g.Key is { } id ? teams.GetValueOrDefault(id) ?? "Unknown team" : "No team", f.Numerator, f.Denominator, f.Percent);
                    })
                    .OrderBy(t => t.TeamId is null).ThenBy(t => t.Team, StringComparer.Ordinal)
                    .ToList());
        }).ToList(), asAt);
    }

    /// <summary>One thing counted, for the officer holding the case on its day (null: nobody did).</summary>
    internal sealed record Item(TimelinessMeasure Measure, int? Officer, DateOnly On, double Met, double Of);

    /// <summary>What a report counts: things (or sums of them) on a day, for the team of the officer holding the case that day.</summary>
    internal sealed record Counted(TimelinessMeasure Measure, int? TeamId, DateOnly On, double Met, double Of);

    /// <summary>
    /// Everything each measure counts for the people given, up to <paramref name="to"/> and (where the measure's records are
    /// dated) from <paramref name="from"/> (null: from the beginning), for the officer holding the case on each thing's day.
    /// Appointments are counted by month, or by day when <paramref name="dailyAppointments"/>.
    /// </summary>
    internal static async Task<(List<Item> Items, AllocationHistory History)> ItemsAsync(
        ProbationDbContext db, TimelinessMeasures measures, IQueryable<int> people, int providerId, DateOnly? from, DateOnly to, DateOnly today, bool dailyAppointments, CancellationToken ct)
    {
        var history = await AllocationHistory.LoadAsync(db, people, providerId, ct);
        var counted = new List<Item>();
        await SupervisionAsync(db, measures, people, history, today, counted, ct);
        await AppointmentsAsync(db, people, from, to, dailyAppointments, counted, ct);
        await UnpaidWorkAsync(db, people, history, from, to, today, counted, ct);
        await ProgrammesAsync(db, people, history, from, to, today, counted, ct);
        await ResettlementAsync(db, measures, people, history, today, counted, ct);
        return (counted, history);
    }

    private static TimelinessFigure Figure(IEnumerable<Counted> items)
    {
        var list = items.ToList();
        var met = Math.Round(list.Sum(c => c.Met), 1);
        var of = Math.Round(list.Sum(c => c.Of), 1);
        return new TimelinessFigure(met, of, of == 0 ? null : Math.Round(100.0 * list.Sum(c => c.Met) / list.Sum(c => c.Of), 1));
    }

    /// <summary>
    /// Assessments, plans, reviews and enforcement decisions. Each counts only while the case was under supervision on
    /// its day: once an order ends no review or decision is owed, as the alerts stop.
    /// </summary>
    private static async Task SupervisionAsync(ProbationDbContext db, TimelinessMeasures measures, IQueryable<int> people, AllocationHistory history, DateOnly today, List<Item> counted, CancellationToken ct)
    {
        var orders = (await db.Orders.AsNoTracking().Where(o => people.Contains(o.PersonId))
                .Select(o => new { o.PersonId, o.Type, o.StartDate, o.EndDate, o.TerminatedOn }).ToListAsync(ct))
            .ToLookup(o => o.PersonId, o => new Order { Type = o.Type, StartDate = o.StartDate, EndDate = o.EndDate, TerminatedOn = o.TerminatedOn, Court = string.Empty });
        var initial = await db.Assessments.AsNoTracking()
            .Where(a => people.Contains(a.PersonId) && a.Kind == AssessmentKind.Initial && a.CompletedOn != null)
            .GroupBy(a => a.PersonId).Select(g => new { g.Key, On = g.Min(a => a.CompletedOn) })
            .ToDictionaryAsync(x => x.Key, x => x.On, ct);
        var plans = await db.SentencePlans.AsNoTracking().Where(p => people.Contains(p.PersonId))
            .Select(p => new { p.PersonId, p.CompletedOn }).ToDictionaryAsync(p => p.PersonId, p => p.CompletedOn, ct);
        var reviews = (await db.Reviews.AsNoTracking().Where(r => people.Contains(r.PersonId))
            .Select(r => new { r.PersonId, r.Kind, r.CompletedOn }).ToListAsync(ct)).ToLookup(r => r.PersonId, r => new ReviewRecord(r.Kind, r.CompletedOn));
        var events = (await db.SignificantEvents.AsNoTracking().Where(e => people.Contains(e.PersonId))
            .Select(e => new { e.PersonId, e.On, e.Kind, e.ActionedOn }).ToListAsync(ct)).ToLookup(e => e.PersonId, e => new SignificantEventRecord(e.On, e.Kind, e.ActionedOn != null));
        var failures = (await db.Contacts.AsNoTracking().Where(c => people.Contains(c.PersonId) && c.Decision == AbsenceDecision.Unacceptable)
            .Select(c => new { c.PersonId, c.On, c.Kind, c.Outcome, c.Decision }).ToListAsync(ct)).ToLookup(c => c.PersonId, c => new ContactRecord(c.On, c.Kind, c.Outcome, c.Decision));
        var enforcement = (await db.EnforcementActions.AsNoTracking().Where(e => people.Contains(e.PersonId))
            .Select(e => new { e.PersonId, e.On, e.Kind }).ToListAsync(ct)).ToLookup(e => e.PersonId, e => new EnforcementRecord(e.On, e.Kind));

        foreach (var id in orders.Select(g => g.Key))
        {
            var held = orders[id].ToList();
            if (history.FirstAllocated(id) is not { } first)
            {
                continue;
            }

            void Add(TimelinessMeasure m, TimelinessItem? item)
            {
                if (item is not null && held.Any(o => o.IsCurrent(item.On)))
                {
                    counted.Add(new Item(m, history.OfficerOn(id, item.On), item.On, item.Met, item.Of));
                }
            }

            var plan = plans.TryGetValue(id, out var planned) ? planned : (DateOnly?)null;
            Add(TimelinessMeasure.InitialAssessments, measures.InitialAssessment(first, initial.GetValueOrDefault(id), today));
            Add(TimelinessMeasure.Plans, measures.Plan(first, plan, today));
            foreach (var item in measures.ScheduledReviews(plan ?? first, reviews[id].Select(r => r.CompletedOn), today))
            {
                Add(TimelinessMeasure.Reviews, item);
            }

            // The threshold is the current order's, as the safety net reads it.
            var snapshot = Snapshot(SupervisionRules.CurrentOrder(new PersonOnProbation { FirstName = string.Empty, LastName = string.Empty, Orders = held }, today)?.Type ?? OrderType.CommunityOrder,
                failures[id].OrderBy(c => c.On).ToList(), enforcement[id].OrderBy(e => e.On).ToList(), events[id].OrderBy(e => e.On).ToList(), reviews[id].OrderBy(r => r.CompletedOn).ToList());
            foreach (var item in measures.TriggeredReviews(snapshot, today))
            {
                Add(TimelinessMeasure.TriggeredReviews, item);
            }

            foreach (var item in measures.EnforcementDecisions(snapshot, today))
            {
                Add(TimelinessMeasure.EnforcementDecisions, item);
            }
        }
    }

    /// <summary>The parts of a case snapshot the review triggers and enforcement decisions read.</summary>
    private static CaseSnapshot Snapshot(OrderType type, List<ContactRecord> failures, List<EnforcementRecord> enforcement, List<SignificantEventRecord> events, List<ReviewRecord> reviews) =>
        new(type, default, null, null, false, false, false, new HashSet<RequirementType>(), [], [], null, failures, enforcement, events, reviews, []);

    /// <summary>
    /// Appointment compliance, counted in the database: appointments by the officer holding the case that day, month,
    /// outcome and decision; then those on days nobody held the case, by month, outcome and decision.
    /// </summary>
    private static async Task AppointmentsAsync(ProbationDbContext db, IQueryable<int> people, DateOnly? from, DateOnly end, bool daily, List<Item> counted, CancellationToken ct)
    {
        var start = from ?? DateOnly.MinValue;
        var contacts = db.Contacts.AsNoTracking().Where(c => people.Contains(c.PersonId) && c.On <= end && c.Outcome != null);
        if (from is { } first)
        {
            contacts = contacts.Where(c => c.On >= first);
        }

        if (daily)
        {
            var days = await (
                    from c in contacts
                    from a in db.CaseAllocations
                    where a.PersonId == c.PersonId && a.From <= c.On && (a.To == null || a.To > c.On)
                    group c by new { a.StaffMemberId, c.On, c.Outcome, c.Decision } into g
                    select new { Officer = (int?)g.Key.StaffMemberId, g.Key.On, g.Key.Outcome, g.Key.Decision, Count = g.Count() })
                .ToListAsync(ct);
            var unheldDays = await contacts
                .Where(c => !db.CaseAllocations.Any(a => a.PersonId == c.PersonId && a.From <= c.On && (a.To == null || a.To > c.On)))
                .GroupBy(c => new { c.On, c.Outcome, c.Decision })
                .Select(g => new { Officer = (int?)null, g.Key.On, g.Key.Outcome, g.Key.Decision, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var g in days.Concat(unheldDays))
            {
                if (TimelinessMeasures.Appointment(g.On, g.Outcome, g.Decision) is { } item)
                {
                    counted.Add(new Item(TimelinessMeasure.AppointmentCompliance, g.Officer, item.On, item.Met * g.Count, item.Of * g.Count));
                }
            }

            return;
        }

        var held = await (
                from c in contacts
                from a in db.CaseAllocations
                where a.PersonId == c.PersonId && a.From <= c.On && (a.To == null || a.To > c.On)
                group c by new { a.StaffMemberId, c.On.Year, c.On.Month, c.Outcome, c.Decision } into g
                select new { Officer = (int?)g.Key.StaffMemberId, g.Key.Year, g.Key.Month, g.Key.Outcome, g.Key.Decision, Count = g.Count() })
            .ToListAsync(ct);
        var unheld = await contacts
            .Where(c => !db.CaseAllocations.Any(a => a.PersonId == c.PersonId && a.From <= c.On && (a.To == null || a.To > c.On)))
            .GroupBy(c => new { c.On.Year, c.On.Month, c.Outcome, c.Decision })
            .Select(g => new { Officer = (int?)null, g.Key.Year, g.Key.Month, g.Key.Outcome, g.Key.Decision, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var g in held.Concat(unheld))
        {
            var month = new DateOnly(g.Year, g.Month, 1);
            if (TimelinessMeasures.Appointment(month < start ? start : month, g.Outcome, g.Decision) is { } item)
            {
                counted.Add(new Item(TimelinessMeasure.AppointmentCompliance, g.Officer, item.On, item.Met * g.Count, item.Of * g.Count));
            }
        }
    }

    private static async Task UnpaidWorkAsync(ProbationDbContext db, IQueryable<int> people, AllocationHistory history, DateOnly? from, DateOnly to, DateOnly today, List<Item> counted, CancellationToken ct)
    {
        var sessions = await db.UnpaidWorkBookings.AsNoTracking().Where(b => people.Contains(b.PersonId) && (from == null || b.On >= from) && b.On <= to)
            .Select(b => new { b.PersonId, b.On, b.StartsAt, b.EndsAt, b.Outcome, b.CreditedMinutes, b.Placement }).ToListAsync(ct);
        foreach (var b in sessions)
        {
            if (TimelinessMeasures.UnpaidWorkSession(new UnpaidWorkBookingRecord(b.On, b.StartsAt, b.EndsAt, b.Outcome, b.CreditedMinutes, b.Placement), today) is { } item)
            {
                counted.Add(new Item(TimelinessMeasure.UnpaidWorkHours, history.OfficerOn(b.PersonId, item.On), item.On, item.Met, item.Of));
            }
        }

        // A requirement ends within the period only if its order began within the 12 months before the period, or in it.
        var earliest = from?.AddMonths(-UnpaidWorkRules.CompletionMonths) ?? DateOnly.MinValue;
        var requirements = await db.Requirements.AsNoTracking()
            .Where(r => r.Type == RequirementType.UnpaidWork && r.UnpaidWorkHours > 0)
            .Join(db.Orders.AsNoTracking(), r => r.OrderId, o => o.Id, (r, o) => new { r.Id, o.PersonId, Hours = r.UnpaidWorkHours!.Value, o.StartDate })
            .Where(x => people.Contains(x.PersonId) && x.StartDate >= earliest && x.StartDate <= to)
            .ToListAsync(ct);
        var ids = requirements.Select(r => r.Id).ToList();
        var credited = (await db.UnpaidWorkBookings.AsNoTracking().Where(b => ids.Contains(b.RequirementId) && b.CreditedMinutes > 0)
                .Select(b => new { b.RequirementId, b.On, b.StartsAt, b.EndsAt, b.Outcome, b.CreditedMinutes, b.Placement }).ToListAsync(ct))
            .ToLookup(b => b.RequirementId, b => new UnpaidWorkBookingRecord(b.On, b.StartsAt, b.EndsAt, b.Outcome, b.CreditedMinutes, b.Placement));
        foreach (var r in requirements)
        {
            if (TimelinessMeasures.UnpaidWorkCompletion(r.Hours, r.StartDate, credited[r.Id], today) is { } item)
            {
                counted.Add(new Item(TimelinessMeasure.UnpaidWorkCompletions, history.OfficerOn(r.PersonId, item.On), item.On, item.Met, item.Of));
            }
        }
    }

    private static async Task ProgrammesAsync(ProbationDbContext db, IQueryable<int> people, AllocationHistory history, DateOnly? from, DateOnly to, DateOnly today, List<Item> counted, CancellationToken ct)
    {
        // A referral is decided at the latest on the first day over the aim, so none referred earlier can count in the period.
        var earliest = from?.AddDays(-(Domain.Programmes.ProgrammeRules.WaitingAimDays + 1)) ?? DateOnly.MinValue;
        var referrals = await db.ProgrammeReferrals.AsNoTracking().Where(r => people.Contains(r.PersonId) && r.ReferredOn >= earliest && r.ReferredOn <= to)
            .Select(r => new { r.PersonId, r.ReferredOn, r.StartedOn, r.Status }).ToListAsync(ct);
        foreach (var r in referrals)
        {
            if (TimelinessMeasures.ProgrammeStart(r.ReferredOn, r.StartedOn, r.Status, today) is { } item)
            {
                counted.Add(new Item(TimelinessMeasure.ProgrammeStarts, history.OfficerOn(r.PersonId, item.On), item.On, item.Met, item.Of));
            }
        }
    }

    private static async Task ResettlementAsync(ProbationDbContext db, TimelinessMeasures measures, IQueryable<int> people, AllocationHistory history, DateOnly today, List<Item> counted, CancellationToken ct)
    {
        var records = await db.CustodyRecords.AsNoTracking().Where(c => people.Contains(c.PersonId))
            .Select(c => new { c.PersonId, c.ReceptionDate, c.ExpectedReleaseDate, c.PlanCompletedOn }).ToListAsync(ct);
        foreach (var c in records)
        {
            var record = new CustodyRecord { ReceptionDate = c.ReceptionDate, ExpectedReleaseDate = c.ExpectedReleaseDate, PlanCompletedOn = c.PlanCompletedOn, RecordedBy = string.Empty };
            if (measures.ResettlementPlan(record, today) is { } item)
            {
                counted.Add(new Item(TimelinessMeasure.ResettlementPlans, history.OfficerOn(c.PersonId, item.On), item.On, item.Met, item.Of));
            }
        }
    }
}
