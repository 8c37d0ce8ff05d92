using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Application.Reports;
using Probation.Domain.Inspection;
using Probation.Domain.Oversight;
using Probation.Testing;

namespace Probation.Application.Tests;

/// <summary>
/// Today's kept inspection readiness and timeliness: read from the daily rows they equal the live count on the demo
/// provider, for the provider, each team and officers, and for periods of whole and part months; a hub, another day,
/// or a day not yet counted is counted live.
/// </summary>
public abstract class OversightAggregatesTests(ProbationAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Session(AsyncServiceScope Services, ProbationDbContext Db, ReadinessQueries Readiness, TimelinessQueries Timeliness, ReportAggregates Aggregates)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private async Task<Session> OpenAsync()
    {
        app.SkipIfUnavailable();
        var leader = await app.WithDbAsync(db => db.Staff.AsNoTracking().Where(s => s.UserName == "leader").Select(s => new { s.Id, s.ProviderId, s.TeamId }).SingleAsync());
        var services = app.Services.CreateAsyncScope();
        var sp = services.ServiceProvider;
        var db = sp.GetRequiredService<ProbationDbContext>();
        var request = new TestRequestContext(TestRequestContext.StaffViewer(leader.Id, leader.ProviderId!.Value, leader.TeamId, Roles.SeniorLeader));
        var session = new Session(
            services, db,
            new ReadinessQueries(db, request, app.Clock, sp.GetRequiredService<ReadinessIndicators>(), new Probation.Application.Quality.AuditedKeyQuestions(db, request)),
            new TimelinessQueries(db, request, app.Clock, sp.GetRequiredService<TimelinessMeasures>()),
            sp.GetRequiredService<ReportAggregates>());
        await ClearAsync(session);
        return session;
    }

    private static async Task ClearAsync(Session s)
    {
        await s.Db.DailyReadinessCounts.ExecuteDeleteAsync(Ct);
        await s.Db.DailyTimelinessCounts.ExecuteDeleteAsync(Ct);
        await s.Db.DailyReportCounts.ExecuteDeleteAsync(Ct);
    }

    /// <summary>The provider, each of its teams, and six officers holding cases.</summary>
    private static async Task<List<(int? TeamId, int? OfficerId)>> ScopesAsync(Session s)
    {
        var provider = await s.Db.Staff.AsNoTracking().Where(x => x.UserName == "leader").Select(x => x.ProviderId!.Value).SingleAsync(Ct);
        var teams = await s.Db.Teams.AsNoTracking().Where(t => t.ProviderId == provider).Select(t => t.Id).ToListAsync(Ct);
        var officers = await s.Db.People.AsNoTracking().Where(x => x.ProviderId == provider && x.ResponsibleOfficerId != null)
            .Select(x => x.ResponsibleOfficerId!.Value).Distinct().OrderBy(x => x).Take(6).ToListAsync(Ct);
        return [(null, null), .. teams.Select(t => ((int?)t, (int?)null)), .. officers.Select(o => ((int?)null, (int?)o))];
    }

    private static async Task<List<string>> ReadinessAsync(Session s, IEnumerable<(int? TeamId, int? OfficerId)> scopes, bool preComputed)
    {
        var read = new List<string>();
        foreach (var (team, officer) in scopes)
        {
            var r = (await s.Readiness.ReadinessAsync(new ReportScope(team, null, officer), Ct))!;
            Assert.Equal(preComputed, r.AsAt!.PreComputed);
            read.Add(JsonSerializer.Serialize(r with { AsAt = null }));
        }

        return read;
    }

    private static async Task<List<string>> TimelinessAsync(Session s, IEnumerable<(int? TeamId, int? OfficerId)> scopes, IEnumerable<(DateOnly From, DateOnly To)> periods, bool preComputed)
    {
        var read = new List<string>();
        foreach (var (team, officer) in scopes)
        {
            foreach (var (from, to) in periods)
            {
                var r = (await s.Timeliness.TimelinessAsync(new ReportPeriod(team, null, officer, from, to), Ct))!;

                // An officer's timeliness is always counted live: a caseload of tens of people.
                Assert.Equal(preComputed && officer is null, r.AsAt!.PreComputed);
                read.Add(JsonSerializer.Serialize(r with { AsAt = null }));
            }
        }

        return read;
    }

    [Fact]
    public async Task DemoProvider_KeptReadinessEqualsTheLiveCount()
    {
        await using var s = await OpenAsync();
        var scopes = await ScopesAsync(s);
        var live = await ReadinessAsync(s, scopes, preComputed: false);

        await s.Aggregates.RefreshAsync(onlyMissing: false, Ct);
        var kept = await ReadinessAsync(s, scopes, preComputed: true);

        Assert.True((await s.Readiness.ReadinessAsync(new ReportScope(), Ct))!.Standards[0].Cases > 100);
        Assert.Equal(live, kept);
        await ClearAsync(s);
    }

    [Fact]
    public async Task DemoProvider_KeptTimelinessEqualsTheLiveCount_ForWholeAndPartMonths()
    {
        await using var s = await OpenAsync();
        var today = app.Clock.Today();
        var (from, to, _) = TimelinessQueries.Period(null, null, today);
        var periods = new List<(DateOnly, DateOnly)>
        {
            (from, to),
            (from.AddMonths(-24), to),
            (from.AddDays(14), today.AddMonths(-2)),
            (new DateOnly(today.Year, today.Month, 1).AddMonths(-3), new DateOnly(today.Year, today.Month, 1).AddDays(-1)),
            (new DateOnly(today.Year, today.Month, 1).AddMonths(-1).AddDays(4), new DateOnly(today.Year, today.Month, 1).AddMonths(-1).AddDays(19)),
            (today, today),
        };
        var scopes = await ScopesAsync(s);
        var live = await TimelinessAsync(s, scopes, periods, preComputed: false);

        await s.Aggregates.RefreshAsync(onlyMissing: false, Ct);
        var kept = await TimelinessAsync(s, scopes, periods, preComputed: true);

        var provider = (await s.Timeliness.TimelinessAsync(new ReportPeriod(null, null, null, from, to), Ct))!;
        Assert.True(provider.Measures.Single(m => m.Measure == TimelinessMeasure.AppointmentCompliance).Denominator > 100);
        Assert.Equal(live, kept);
        await ClearAsync(s);
    }

    [Fact]
    public async Task AHub_AnotherDay_AndADayNotCounted_AreCountedLive()
    {
        await using var s = await OpenAsync();
        var today = app.Clock.Today();
        var hub = await s.Db.Sites.AsNoTracking().Where(x => x.Kind == Domain.Organisation.SiteKind.CommunityHub).Select(x => x.Id).FirstAsync(Ct);
        Assert.False((await s.Readiness.ReadinessAsync(new ReportScope(), Ct))!.AsAt!.PreComputed);
        Assert.False((await s.Timeliness.TimelinessAsync(new ReportPeriod(null, null, null, today.AddMonths(-1), today), Ct))!.AsAt!.PreComputed);

        await s.Aggregates.RefreshAsync(onlyMissing: false, Ct);
        Assert.True(await s.Aggregates.HasTodayAsync(Ct));
        Assert.True((await s.Readiness.ReadinessAsync(new ReportScope(), Ct))!.AsAt!.PreComputed);
        Assert.False((await s.Readiness.ReadinessAsync(new ReportScope(HubId: hub), Ct))!.AsAt!.PreComputed);
        Assert.False((await s.Readiness.ReadinessAsync(new ReportScope(On: today.AddDays(-1)), Ct))!.AsAt!.PreComputed);
        Assert.False((await s.Timeliness.TimelinessAsync(new ReportPeriod(null, hub, null, today.AddMonths(-1), today), Ct))!.AsAt!.PreComputed);

        // A refresh cut short: a provider without today's "counted" row is counted live, and the start-up refresh
        // (only the providers missing) counts it again, and only it.
        var provider = await s.Db.Staff.AsNoTracking().Where(x => x.UserName == "leader").Select(x => x.ProviderId!.Value).SingleAsync(Ct);
        var others = await s.Db.DailyReportCounts.Where(c => c.ProviderId != provider).Select(c => c.Id).OrderBy(c => c).ToListAsync(Ct);
        await s.Db.DailyReportCounts.Where(c => c.ProviderId == provider && c.Table == "refresh").ExecuteDeleteAsync(Ct);
        Assert.False(await s.Aggregates.HasTodayAsync(Ct));
        Assert.False((await s.Readiness.ReadinessAsync(new ReportScope(), Ct))!.AsAt!.PreComputed);
        var written = await s.Aggregates.RefreshAsync(onlyMissing: true, Ct);
        Assert.True(await s.Aggregates.HasTodayAsync(Ct));
        Assert.True((await s.Readiness.ReadinessAsync(new ReportScope(), Ct))!.AsAt!.PreComputed);
        Assert.Equal(others, await s.Db.DailyReportCounts.Where(c => c.ProviderId != provider).Select(c => c.Id).OrderBy(c => c).ToListAsync(Ct));
        var kept = await s.Db.DailyReportCounts.CountAsync(c => c.ProviderId == provider, Ct)
            + await s.Db.DailyReadinessCounts.CountAsync(c => c.ProviderId == provider, Ct)
            + await s.Db.DailyTimelinessCounts.CountAsync(c => c.ProviderId == provider, Ct);
        Assert.Equal(kept, written);
        await ClearAsync(s);
    }
}

public sealed class SqliteOversightAggregatesTests(ProbationAppFactory app) : OversightAggregatesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresOversightAggregatesTests(PostgresAppFactory app) : OversightAggregatesTests(app), IClassFixture<PostgresAppFactory>;
