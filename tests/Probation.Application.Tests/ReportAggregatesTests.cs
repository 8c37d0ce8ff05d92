using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Probation.Application.Common;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Application.Reports;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Testing;
using static Probation.Application.Tests.HandBuiltProvider;

namespace Probation.Application.Tests;

/// <summary>
/// The daily report aggregates: the caseload profile and needs analysis read from them equal the live count, on a
/// provider built by hand and on the demo provider, for the provider, each team and officers; a write shows only after
/// the next refresh; a day or scope the aggregates do not hold is counted live.
/// </summary>
public abstract class ReportAggregatesTests(ProbationAppFactory app)
{
    private static DateOnly D(int month, int day) => new(2026, month, day);

    protected sealed record Session(AsyncServiceScope Services, ProbationDbContext Db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    protected Session Open()
    {
        app.SkipIfUnavailable();
        var services = app.Services.CreateAsyncScope();
        return new Session(services, services.ServiceProvider.GetRequiredService<ProbationDbContext>());
    }

    private ReportQueries Queries(Session s, int staffId, int providerId) =>
        new(s.Db, new TestRequestContext(TestRequestContext.StaffViewer(staffId, providerId, null, Roles.SeniorLeader)), app.Clock, Aggregates(s));

    protected ReportAggregates Aggregates(Session s) =>
        new(s.Db, app.Clock, ActivatorUtilities.CreateInstance<OversightAggregates>(s.Services.ServiceProvider, s.Db));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The figures without their "as at" stamp, as text, so two reports compare table by table.</summary>
    private static string Figures(CaseloadProfile p) => JsonSerializer.Serialize(p with { AsAt = null });

    private static string Figures(NeedsAnalysis n) => JsonSerializer.Serialize(n with { AsAt = null });

    /// <summary>
    /// Today is 26 November 2026 (the test clock). Four people under supervision: C1 and C2 held by A1 (team A), C4 moved
    /// from A2 to B1 (team B) in June, C5 held by B1 on a terminated order; C3's order starts next month and C6 is not
    /// allocated, so neither is counted.
    /// </summary>
    private static async Task<(HandBuiltProvider P, PersonOnProbation C2)> CasesAsync(ProbationDbContext db)
    {
        var p = await CreateAsync(db);
        var c1 = p.Case(OrderType.CommunityOrder, D(1, 10), 12, p.A1, D(1, 12), RoshLevel.High, requirements: [Rar(), UnpaidWorkHours(100)]);
        c1.Gender = Gender.Female;
        c1.Risk.Ogrs = OgrsScore.From(40);
        c1.Registrations.Add(Flag(RegistrationType.DomesticAbuse, D(2, 1)));
        c1.Assessments.Add(Assessment(D(1, 20), D(2, 1), RoshLevel.High, complete: true, linkedToOffending: [Need.Accommodation, Need.Alcohol]));

        var c2 = p.Case(OrderType.Licence, new DateOnly(2025, 6, 1), 24, p.A1, new DateOnly(2025, 6, 1), RoshLevel.Medium);
        c2.Risk.Ogrs = OgrsScore.From(80);
        c2.Registrations.Add(new Registration { Type = RegistrationType.ChildProtection, StartedOn = D(1, 1), EndedOn = D(10, 1) });
        c2.Registrations.Add(new Registration { Type = RegistrationType.Mappa, MappaLevel = MappaLevel.Two, StartedOn = D(1, 1) });
        // Two completed the same day (the later recorded counts) and one not yet completed (never counted).
        c2.Assessments.Add(Assessment(D(3, 1), D(3, 10), RoshLevel.Medium, complete: true, linkedToOffending: [Need.Accommodation]));
        c2.Assessments.Add(Assessment(D(3, 2), D(3, 10), RoshLevel.Medium, complete: true, linkedToOffending: [Need.Alcohol]));
        c2.Assessments.Add(Assessment(D(11, 1), null, RoshLevel.Medium, complete: false));

        p.Case(OrderType.CommunityOrder, D(12, 1), 12, p.A2, D(11, 20));

        var c4 = p.Case(OrderType.SuspendedSentenceOrder, D(3, 1), 18, p.A2, D(3, 1), rosh: null);
        c4.Allocations[0].To = D(6, 1);
        c4.Allocations.Add(new Probation.Domain.Allocation.CaseAllocation
        {
            StaffMemberId = p.B1.Id,
            From = D(6, 1),
            DecidedAtUtc = DateTime.UtcNow,
            DecidedByUserName = "manager",
            DecidedAs = Probation.Domain.Allocation.AllocationDecider.TeamManager,
            RequiredGrade = Probation.Domain.Allocation.RequiredGrade.ProbationOfficer,
            MatrixReasons = "moved",
        });
        c4.Risk.Ogrs = OgrsScore.From(95);

        var c5 = p.Case(OrderType.CommunityOrder, D(2, 1), 12, p.B1, D(2, 1), RoshLevel.Low, requirements: [UnpaidWorkHours(60)]);
        c5.Orders[0].TerminatedOn = D(9, 1);

        p.Case(OrderType.CommunityOrder, D(1, 1), 12, null, null);
        await db.SaveChangesAsync();
        return (p, c2);
    }

    private static ReportScope[] ScopesOf(HandBuiltProvider p) =>
    [
        new(), new(TeamId: p.TeamA.Id), new(TeamId: p.TeamB.Id), new(OfficerId: p.A1.Id), new(OfficerId: p.A2.Id), new(OfficerId: p.B1.Id),
        new(TeamId: p.TeamA.Id, OfficerId: p.A1.Id), new(TeamId: p.TeamA.Id, OfficerId: p.B1.Id),
    ];

    private static async Task<List<(string Profile, string Needs)>> ReadAsync(ReportQueries q, IEnumerable<ReportScope> scopes, bool preComputed)
    {
        var read = new List<(string, string)>();
        foreach (var scope in scopes)
        {
            var profile = (await q.CaseloadProfileAsync(scope, Ct))!;
            var needs = (await q.NeedsAsync(scope, Ct))!;
            Assert.Equal(preComputed, profile.AsAt!.PreComputed);
            Assert.Equal(preComputed, needs.AsAt!.PreComputed);
            read.Add((Figures(profile), Figures(needs)));
        }

        return read;
    }

    [Fact]
    public async Task HandBuilt_AggregatedFiguresEqualTheLiveCount_ForTheProviderTeamsAndOfficers()
    {
        await using var s = Open();
        await s.Db.DailyReportCounts.ExecuteDeleteAsync(Ct);
        var (p, _) = await CasesAsync(s.Db);
        var q = Queries(s, p.A1.Id, p.Provider.Id);

        var live = (await q.CaseloadProfileAsync(new ReportScope(), Ct))!;
        Assert.False(live.AsAt!.PreComputed);
        Assert.Equal((4, 1, 1, 0, 2, 2.0), (live.People, live.Women, live.CurrentDomesticAbuse, live.ChildSafeguarding, live.ResponsibleOfficers, live.AverageCasesPerOfficer));
        Assert.Equal([1, 1, 1, 0, 1], live.RoshLevels.Select(r => r.Count));
        Assert.Equal([1, 0, 1, 1, 1], live.OgrsBands.Select(b => b.Count));
        Assert.Equal(2, live.Requirements.Single(r => r.Key == nameof(RequirementType.UnpaidWork)).Count);
        Assert.Equal(1, live.Requirements.Single(r => r.Key == nameof(RequirementType.RehabilitationActivity)).Count);
        Assert.Equal(2, live.OrderTypes.Single(o => o.Key == nameof(OrderType.CommunityOrder)).Count);
        Assert.Equal(2, (await q.CaseloadProfileAsync(new ReportScope(TeamId: p.TeamB.Id), Ct))!.People);
        var needs = (await q.NeedsAsync(new ReportScope(), Ct))!;
        Assert.Equal(2, needs.Assessed);
        // C1's assessment rates accommodation and alcohol; of C2's two completed on one day the later recorded rates alcohol.
        var (accommodation, alcohol) = (needs.Needs.Single(n => n.Need == Need.Accommodation), needs.Needs.Single(n => n.Need == Need.Alcohol));
        Assert.Equal((1, 2, 2, 100.0), (accommodation.WithNeed, alcohol.WithNeed, alcohol.LinkedToOffending, alcohol.Percent));
        Assert.Equal(["Team A"], needs.ByTeam.Select(t => t.Team));

        var scopes = ScopesOf(p);
        var before = await ReadAsync(q, scopes, preComputed: false);
        Assert.True(await Aggregates(s).RefreshAsync(onlyMissing: false, Ct) > 0);
        var after = await ReadAsync(q, scopes, preComputed: true);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task AWrite_ShowsInTheAggregatedFigures_AfterTheNextRefresh()
    {
        await using var s = Open();
        var (p, c2) = await CasesAsync(s.Db);
        var q = Queries(s, p.A1.Id, p.Provider.Id);
        var aggregates = Aggregates(s);
        await aggregates.RefreshAsync(onlyMissing: false, Ct);
        var first = (await q.CaseloadProfileAsync(new ReportScope(TeamId: p.TeamA.Id), Ct))!;
        Assert.True(first.AsAt!.PreComputed);
        Assert.Equal(1, first.CurrentDomesticAbuse);

        s.Db.Registrations.Add(new Registration { PersonId = c2.Id, Type = RegistrationType.DomesticAbuse, StartedOn = D(11, 1) });
        await s.Db.SaveChangesAsync(Ct);
        Assert.Equal(1, (await q.CaseloadProfileAsync(new ReportScope(TeamId: p.TeamA.Id), Ct))!.CurrentDomesticAbuse);

        await aggregates.RefreshAsync(onlyMissing: false, Ct);
        var refreshed = (await q.CaseloadProfileAsync(new ReportScope(TeamId: p.TeamA.Id), Ct))!;
        Assert.Equal(2, refreshed.CurrentDomesticAbuse);
        Assert.Equal(100.0, refreshed.CurrentDomesticAbusePercent);
        Assert.True(refreshed.AsAt!.PreComputed);
    }

    [Fact]
    public async Task AnEarlierDay_AndAHub_AreCountedLive()
    {
        await using var s = Open();
        var (p, _) = await CasesAsync(s.Db);
        var q = Queries(s, p.A1.Id, p.Provider.Id);
        await Aggregates(s).RefreshAsync(onlyMissing: false, Ct);
        var earlier = (await q.CaseloadProfileAsync(new ReportScope(On: D(4, 1)), Ct))!;
        Assert.False(earlier.AsAt!.PreComputed);
        Assert.Equal(4, earlier.People); // C4 then with A2, C5's order not yet terminated
        Assert.Equal(3, earlier.ResponsibleOfficers);
        Assert.False((await q.CaseloadProfileAsync(new ReportScope(HubId: p.Hub.Id), Ct))!.AsAt!.PreComputed);
        Assert.True((await q.CaseloadProfileAsync(new ReportScope(On: D(11, 26)), Ct))!.AsAt!.PreComputed);
    }

    [Fact]
    public async Task DemoProvider_AggregatedFiguresEqualTheLiveCount()
    {
        await using var s = Open();
        await s.Db.DailyReportCounts.ExecuteDeleteAsync(Ct);
        var leader = await s.Db.Staff.AsNoTracking().SingleAsync(x => x.UserName == "leader", Ct);
        var provider = leader.ProviderId!.Value;
        var q = Queries(s, leader.Id, provider);
        var teams = await s.Db.Teams.AsNoTracking().Where(t => t.ProviderId == provider).Select(t => t.Id).ToListAsync(Ct);
        var officers = await s.Db.People.AsNoTracking().Where(x => x.ProviderId == provider && x.ResponsibleOfficerId != null)
            .Select(x => x.ResponsibleOfficerId!.Value).Distinct().OrderBy(x => x).Take(6).ToListAsync(Ct);
        var scopes = new[] { new ReportScope() }.Concat(teams.Select(t => new ReportScope(TeamId: t))).Concat(officers.Select(o => new ReportScope(OfficerId: o))).ToList();

        var before = await ReadAsync(q, scopes, preComputed: false);
        await Aggregates(s).RefreshAsync(onlyMissing: false, Ct);
        var after = await ReadAsync(q, scopes, preComputed: true);
        Assert.True((await q.CaseloadProfileAsync(new ReportScope(), Ct))!.People > 100);
        Assert.Equal(before, after);
        await s.Db.DailyReportCounts.ExecuteDeleteAsync(Ct);
    }
}

public sealed class SqliteReportAggregatesTests(ProbationAppFactory app) : ReportAggregatesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresReportAggregatesTests(PostgresAppFactory app) : ReportAggregatesTests(app), IClassFixture<PostgresAppFactory>
{
    /// <summary>Several nodes share one PostgreSQL database: while one refreshes, another leaves it to that one.</summary>
    [Fact]
    public async Task WhileAnotherNodeRefreshes_ThisOneLeavesItToThatOne_AndWritesNothing()
    {
        await using var s = Open();
        await s.Db.DailyReportCounts.ExecuteDeleteAsync(Ct);
        await using var otherNode = new NpgsqlConnection(s.Db.Database.GetConnectionString());
        await otherNode.OpenAsync(Ct);
        async Task LockAsync(string function)
        {
            await using var command = new NpgsqlCommand($"SELECT {function}(@key)", otherNode);
            command.Parameters.AddWithValue("key", ReportAggregates.RefreshLock);
            await command.ExecuteNonQueryAsync(Ct);
        }

        await LockAsync("pg_advisory_lock");
        Assert.Null(await Aggregates(s).RefreshAsync(onlyMissing: false, Ct));
        Assert.Equal(0, await s.Db.DailyReportCounts.CountAsync(Ct));
        Assert.False(await Aggregates(s).HasTodayAsync(Ct));

        await LockAsync("pg_advisory_unlock");
        Assert.True(await Aggregates(s).RefreshAsync(onlyMissing: false, Ct) > 0);
        Assert.True(await Aggregates(s).HasTodayAsync(Ct));
    }
}

/// <summary>The partial indexes inspection readiness reads through, which the database uses only when the read's condition implies the index's filter.</summary>
[Trait("Database", "Postgres")]
public sealed class PostgresReadinessIndexTests(PostgresAppFactory app) : IClassFixture<PostgresAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheReadOfAbsencesAndHomeVisits_IsAnswerableFromItsPartialIndex()
    {
        app.SkipIfUnavailable();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var people = await db.People.OrderBy(p => p.Id).Select(p => p.Id).Take(50).ToArrayAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            // With sequential scans priced out, the planner takes the smallest index it may use; it may use the partial
            // index only if the read's condition, as sent (the outcomes written as constants), implies its filter.
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Ct);
            await using var command = ReadinessQueries.JudgedContacts(db, people, app.Clock.Today()).CreateDbCommand();
            command.CommandText = "EXPLAIN " + command.CommandText;
            var plan = new System.Text.StringBuilder();
            await using (var reader = await command.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    plan.AppendLine(reader.GetString(0));
                }
            }

            Assert.Contains("IX_Contacts_DecisionOrHomeVisit", plan.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("RESET enable_seqscan", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>When the daily refresh next runs: at the configured hour on the UK clock, through summer time.</summary>
public sealed class ReportAggregatesScheduleTests
{
    [Theory]
    [InlineData("2026-11-26T10:00:00Z", 2, 16.0)] // winter: 02:00 GMT tomorrow
    [InlineData("2026-11-26T01:30:00Z", 2, 0.5)] // later today
    [InlineData("2026-07-01T10:00:00Z", 2, 15.0)] // summer: 02:00 BST is 01:00 UTC
    [InlineData("2026-07-01T00:59:00Z", 2, 1.0 / 60)] // 01:59 BST
    [InlineData("2026-11-26T00:00:00Z", 0, 24.0)] // exactly on the hour: the next day's
    public void NextDue_IsTheNextTimeTheUkClockShowsTheHour(string now, int hour, double hours)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(hours).TotalSeconds, (JobSchedule.DailyAt(TimeSpan.FromHours(hour)).NextDue(at) - at).TotalSeconds, 0.5);
    }
}
