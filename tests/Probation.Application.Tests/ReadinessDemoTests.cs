using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Application.Reports;
using Probation.Application.Supervision;
using Probation.Domain.Inspection;
using Probation.Domain.Oversight;
using Probation.Domain.Supervision;
using Probation.Testing;

namespace Probation.Application.Tests;

/// <summary>
/// The readiness and timeliness queries over the demo provider: the cases the indicators read raise the same alerts
/// as the full case records do, and every figure adds up.
/// </summary>
public abstract class ReadinessDemoTests(ProbationAppFactory app)
{
    private async Task<(AsyncServiceScope Services, ProbationDbContext Db, TestRequestContext Request)> LeaderAsync()
    {
        app.SkipIfUnavailable();
        var leader = await app.WithDbAsync(db => db.Staff.AsNoTracking().Where(s => s.UserName == "leader").Select(s => new { s.Id, s.ProviderId, s.TeamId }).SingleAsync());
        var services = app.Services.CreateAsyncScope();
        return (services, services.ServiceProvider.GetRequiredService<ProbationDbContext>(),
            new TestRequestContext(TestRequestContext.StaffViewer(leader.Id, leader.ProviderId!.Value, leader.TeamId, Roles.SeniorLeader)));
    }

    [Fact]
    public async Task ReadinessCases_RaiseTheSameAlertsAsTheFullCaseRecords()
    {
        var (services, db, request) = await LeaderAsync();
        await using var _ = services;
        var sp = services.ServiceProvider;
        var today = app.Clock.Today();
        var queries = new ReadinessQueries(db, request, app.Clock, sp.GetRequiredService<ReadinessIndicators>(), new Probation.Application.Quality.AuditedKeyQuestions(db, request));
        var cases = await queries.CasesAsync(new ReportScope(On: today), TestContext.Current.CancellationToken);
        Assert.True(cases.Supervision.Count > 100, $"only {cases.Supervision.Count} cases");

        var net = sp.GetRequiredService<SafetyNet>();
        var ids = cases.Supervision.Select(c => c.PersonId).ToList();
        var full = await SupervisionQueries.WithRecords(db.People.AsNoTracking().Where(p => ids.Contains(p.Id))).ToListAsync(TestContext.Current.CancellationToken);
        var expected = full.ToDictionary(p => p.Id, p => Describe(CaseSnapshots.Alerts(net, p, today)));
        var differences = cases.Supervision
            .Select(c => (c.PersonId, Read: Describe(net.Evaluate(c.Case.Snapshot, today)), Full: expected[c.PersonId]))
            .Where(x => x.Read != x.Full)
            .Select(x => $"{x.PersonId}: read [{x.Read}], full record [{x.Full}]")
            .ToList();
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(10)));
        Assert.Contains(cases.Supervision, c => net.Evaluate(c.Case.Snapshot, today).Count > 0);
    }

    private static string Describe(IEnumerable<PracticeAlert> alerts) => string.Join("; ", alerts.Select(a => $"{a.Code} {a.DueOn:yyyy-MM-dd}").Order(StringComparer.Ordinal));

    [Fact]
    public async Task Readiness_OfTheDemoProvider_AddsUpByTeam_AndBandsEachKeyQuestion()
    {
        var (services, db, request) = await LeaderAsync();
        await using var _ = services;
        var sp = services.ServiceProvider;
        var queries = new ReadinessQueries(db, request, app.Clock, sp.GetRequiredService<ReadinessIndicators>(), new Probation.Application.Quality.AuditedKeyQuestions(db, request));
        var readiness = (await queries.ReadinessAsync(new ReportScope(), TestContext.Current.CancellationToken))!;
        Assert.Equal(12 + 4 + 3, readiness.Standards.Sum(s => s.KeyQuestions.Count));
        foreach (var s in readiness.Standards)
        {
            foreach (var k in s.KeyQuestions)
            {
                Assert.Equal(s.Cases, k.Yes + k.No + k.NotApplicable);
                Assert.Equal(k.Yes, k.ByTeam.Sum(t => t.Yes));
                Assert.Equal(k.No, k.ByTeam.Sum(t => t.No));
                Assert.Equal(k.Percent is { } p ? Ratings.Band(p) : null, k.Band);
                Assert.Null(k.LatestAudit);
            }

            TestContext.Current.SendDiagnosticMessage($"{s.Id} {s.Name}: {s.Reason} " + string.Join(", ", s.KeyQuestions.Select(k => $"{k.Id} {k.Percent}% ({k.Yes}/{k.Yes + k.No})")));
        }

        Assert.All(readiness.Standards.Where(s => s.Id.StartsWith("2.", StringComparison.Ordinal)), s => Assert.True(s.Cases > 100));
    }

    [Fact]
    public async Task Timeliness_OfTheDemoProvider_AddsUpByMonthAndByTeam()
    {
        var (services, db, request) = await LeaderAsync();
        await using var _ = services;
        var sp = services.ServiceProvider;
        var queries = new TimelinessQueries(db, request, app.Clock, sp.GetRequiredService<TimelinessMeasures>());
        var (from, to, refusal) = TimelinessQueries.Period(null, null, app.Clock.Today());
        Assert.Null(refusal);
        var report = (await queries.TimelinessAsync(new ReportPeriod(null, null, null, from, to), TestContext.Current.CancellationToken))!;
        Assert.Equal(TimelinessMeasures.All.Count, report.Measures.Count);
        foreach (var m in report.Measures)
        {
            TestContext.Current.SendDiagnosticMessage($"{m.Name}: {m.Numerator} of {m.Denominator} ({m.Percent}%)");
            Assert.Equal(12, m.Months.Count);
            Assert.Equal(m.Denominator, Math.Round(m.Months.Sum(x => x.Denominator), 1));
            Assert.Equal(m.Numerator, Math.Round(m.ByTeam.Sum(x => x.Numerator), 1));
        }

        Assert.All(report.Measures.Where(m => m.Measure is TimelinessMeasure.InitialAssessments or TimelinessMeasure.AppointmentCompliance or TimelinessMeasure.Reviews),
            m => Assert.True(m.Denominator > 10, $"{m.Name}: {m.Denominator}"));
    }
}

public sealed class SqliteReadinessDemoTests(ProbationAppFactory app) : ReadinessDemoTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresReadinessDemoTests(PostgresAppFactory app) : ReadinessDemoTests(app), IClassFixture<PostgresAppFactory>;
