using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Domain.Inspection;
using Probation.Domain.Oversight;

namespace Probation.Application.Reports;

/// <summary>
/// One pre-computed count of inspection readiness for a day: how many of one officer's cases answer one key question
/// yes, no or not applicable. Counts only, never a person. A provider's, team's or officer's readiness is the sum of
/// its officers' rows.
/// </summary>
public sealed class DailyReadinessCount
{
    public const int KeyQuestionMaxLength = 10;

    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public int ProviderId { get; set; }

    /// <summary>The officer's team when the figures were computed (null for an officer in no team).</summary>
    public int? TeamId { get; set; }
    public int OfficerId { get; set; }
    public required string KeyQuestion { get; set; }
    public int Yes { get; set; }
    public int No { get; set; }
    public int NotApplicable { get; set; }
    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>
/// One pre-computed sum of a timeliness measure for a day: what one team's cases met of what they were counted for,
/// for the work that fell on one date or in one calendar month. A provider's or team's figures over a period are the
/// sums of the rows dated in it; an officer's are counted live (a caseload of tens of people, ADR 0015).
/// </summary>
public sealed class DailyTimelinessCount
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public int ProviderId { get; set; }

    /// <summary>The team of the officer holding the case on the work's date (null: an officer in no team, or nobody held the case).</summary>
    public int? TeamId { get; set; }
    public TimelinessMeasure Measure { get; set; }

    /// <summary>False: the work dated <see cref="On"/>; true: all of it in the calendar month beginning <see cref="On"/>.</summary>
    public bool WholeMonth { get; set; }
    public DateOnly On { get; set; }
    public double Met { get; set; }
    public double Of { get; set; }
    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>One provider's readiness and timeliness rows for a day, as <see cref="OversightAggregates.CountAsync"/> counts them.</summary>
public sealed record OversightCounts(IReadOnlyList<DailyReadinessCount> Readiness, IReadOnlyList<DailyTimelinessCount> Timeliness);

/// <summary>
/// Today's inspection readiness and timeliness, counted once for each provider with the daily report aggregates
/// (<see cref="ReportAggregates.RefreshAsync(bool, CancellationToken)"/>, ADR 0015): the same counting the live reports do, over the
/// provider's whole caseload, kept by officer so a provider, team or officer is a sum in the database. Rows answer
/// only for the day they were counted for; a hub, another day, or a day not yet counted is counted live.
/// </summary>
public sealed class OversightAggregates(ProbationDbContext db, ReadinessIndicators indicators, TimelinessMeasures measures)
{
    /// <summary>
    /// Counts one provider's readiness (by officer and key question) and timeliness (by team and measure, for each day
    /// and each calendar month) for today. Written by <see cref="ReportAggregates"/> with the provider's caseload counts.
    /// </summary>
    public async Task<OversightCounts> CountAsync(int providerId, DateOnly today, DateTime now, CancellationToken ct)
    {
        var provider = db.People.AsNoTracking().Where(p => p.ProviderId == providerId);
        var cases = await ReadinessQueries.CasesAsync(db, ReportScopes.Caseload(db, provider, new ReportScope(), today), providerId, today, ct);
        var readiness = ReadinessQueries.Tally(indicators, cases, today, byOfficer: true)
            .Select(t => new DailyReadinessCount
            {
                Day = today,
                ProviderId = providerId,
                TeamId = t.Key.TeamId,
                OfficerId = t.Key.OfficerId ?? 0,
                KeyQuestion = t.Key.KeyQuestion,
                Yes = t.Value.Yes,
                No = t.Value.No,
                NotApplicable = t.Value.NotApplicable,
                ComputedAtUtc = now,
            })
            .ToList();

        var (items, history) = await TimelinessQueries.ItemsAsync(db, measures, provider.Select(p => p.Id), providerId, null, today, today, dailyAppointments: true, ct);
        DailyTimelinessCount Row(TimelinessMeasure measure, int? team, bool month, DateOnly on, IEnumerable<TimelinessQueries.Item> of) => new()
        {
            Day = today,
            ProviderId = providerId,
            TeamId = team,
            Measure = measure,
            WholeMonth = month,
            On = on,
            Met = of.Sum(i => i.Met),
            Of = of.Sum(i => i.Of),
            ComputedAtUtc = now,
        };
        static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);

        // By day for a period's part months, and by calendar month for its whole ones.
        var byTeam = items.Select(i => (Item: i, Team: history.TeamOf(i.Officer))).ToList();
        var timeliness = byTeam.GroupBy(x => (x.Item.Measure, x.Team, x.Item.On)).Select(g => Row(g.Key.Measure, g.Key.Team, false, g.Key.On, g.Select(x => x.Item)))
            .Concat(byTeam.GroupBy(x => (x.Item.Measure, x.Team, Month: MonthOf(x.Item.On))).Select(g => Row(g.Key.Measure, g.Key.Team, true, g.Key.Month, g.Select(x => x.Item))))
            .ToList();
        return new OversightCounts(readiness, timeliness);
    }

    /// <summary>
    /// The stored readiness counts of a provider, team or officer on a day, summed by team and key question; null when the
    /// day has no rows (not today, or not yet counted) or the scope is a hub.
    /// </summary>
    internal static async Task<(Dictionary<(int? TeamId, string KeyQuestion), ReadinessQueries.Count> Tally, FiguresAsAt AsAt)?> ReadinessAsync(
        ProbationDbContext db, int providerId, ReportScope scope, DateOnly on, CancellationToken ct)
    {
        if (scope.HubId is not null || await ReportAggregates.CountedAtAsync(db, providerId, on, ct) is not { } at)
        {
            return null;
        }

        var rows = db.DailyReadinessCounts.AsNoTracking().Where(c => c.Day == on && c.ProviderId == providerId);
        if (scope.TeamId is { } team)
        {
            rows = rows.Where(c => c.TeamId == team);
        }

        if (scope.OfficerId is { } officer)
        {
            rows = rows.Where(c => c.OfficerId == officer);
        }

        var sums = await rows.GroupBy(c => new { c.TeamId, c.KeyQuestion })
            .Select(g => new { g.Key.TeamId, g.Key.KeyQuestion, Yes = g.Sum(c => c.Yes), No = g.Sum(c => c.No), NotApplicable = g.Sum(c => c.NotApplicable) })
            .ToListAsync(ct);
        return (sums.ToDictionary(s => (s.TeamId, s.KeyQuestion), s => new ReadinessQueries.Count(s.Yes, s.No, s.NotApplicable)),
            new FiguresAsAt(DateTime.SpecifyKind(at, DateTimeKind.Utc), true));
    }

    /// <summary>
    /// The stored timeliness of a provider or team over a period ending today or earlier, summed by measure, team and
    /// month (a month's figures dated its first day, or the period's first day in its first month); null when
    /// <paramref name="today"/> has no rows or the scope is a hub or an officer.
    /// </summary>
    internal static async Task<(List<TimelinessQueries.Counted> Counted, FiguresAsAt AsAt)?> TimelinessAsync(
        ProbationDbContext db, int providerId, ReportPeriod period, DateOnly today, CancellationToken ct)
    {
        if (period.HubId is not null || period.OfficerId is not null || await ReportAggregates.CountedAtAsync(db, providerId, today, ct) is not { } at)
        {
            return null;
        }

        var (from, to) = (period.From, period.To);
        var rows = db.DailyTimelinessCounts.AsNoTracking().Where(c => c.Day == today && c.ProviderId == providerId);
        if (period.TeamId is { } team)
        {
            rows = rows.Where(c => c.TeamId == team);
        }

        // The calendar months wholly in the period are read from the monthly rows; the part months either side from the daily ones.
        var wholeFrom = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var wholeUntil = to.AddDays(1).Day == 1 ? to.AddDays(1) : new DateOnly(to.Year, to.Month, 1);
        var sums = new List<(TimelinessMeasure Measure, int? TeamId, DateOnly On, double Met, double Of)>();
        async Task SumAsync(IQueryable<DailyTimelinessCount> of)
        {
            // Summed by day in the database and by month here: grouping on the date itself keeps the read on the index.
            sums.AddRange((await of.GroupBy(c => new { c.Measure, c.TeamId, c.On })
                .Select(g => new { g.Key.Measure, g.Key.TeamId, g.Key.On, Met = g.Sum(c => c.Met), Of = g.Sum(c => c.Of) })
                .ToListAsync(ct)).Select(x => (x.Measure, x.TeamId, x.On, x.Met, x.Of)));
        }

        if (wholeFrom < wholeUntil)
        {
            await SumAsync(rows.Where(c => c.WholeMonth && c.On >= wholeFrom && c.On < wholeUntil));
            if (from < wholeFrom)
            {
                await SumAsync(rows.Where(c => !c.WholeMonth && c.On >= from && c.On < wholeFrom));
            }

            if (wholeUntil <= to)
            {
                await SumAsync(rows.Where(c => !c.WholeMonth && c.On >= wholeUntil && c.On <= to));
            }
        }
        else
        {
            await SumAsync(rows.Where(c => !c.WholeMonth && c.On >= from && c.On <= to));
        }

        return (sums.GroupBy(s => (s.Measure, s.TeamId, Month: new DateOnly(s.On.Year, s.On.Month, 1)))
                .Select(g => new TimelinessQueries.Counted(g.Key.Measure, g.Key.TeamId, g.Key.Month < from ? from : g.Key.Month, g.Sum(s => s.Met), g.Sum(s => s.Of)))
                .ToList(),
            new FiguresAsAt(DateTime.SpecifyKind(at, DateTimeKind.Utc), true));
    }
}
