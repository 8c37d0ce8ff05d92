using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Probation.Application.Allocation;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Domain.Oversight;
using Probation.Domain.Supervision;
using Probation.Testing;

namespace Probation.Application.Tests;

/// <summary>
/// The kept case statuses (ADR 0014): what is stored equals what the safety net finds on the full records, and a
/// status stops holding as soon as any record it was computed from changes, or the day turns.
/// </summary>
public abstract class CaseStatusTests(ProbationAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(AsyncServiceScope Scope, ProbationDbContext Db, CaseStatuses Statuses)> OpenAsync()
    {
        app.SkipIfUnavailable();
        await app.WithDbAsync(db => Task.FromResult(0));
        var scope = app.Services.CreateAsyncScope();
        return (scope, scope.ServiceProvider.GetRequiredService<ProbationDbContext>(), scope.ServiceProvider.GetRequiredService<CaseStatuses>());
    }

    private static string Describe(CaseStatus s) =>
        $"{s.UnderSupervision} {s.WorkloadPoints} " + string.Join(",", OversightMeasures.All.Select(s.Value)) + " | "
        + string.Join("; ", s.Alerts.Select(a => $"{a.Code} {a.Severity} {a.DueOn:yyyy-MM-dd} {a.Resolve} {a.Reason}"));

    [Fact]
    public async Task KeptStatuses_EqualTheSafetyNetOnTheFullRecords_ForEveryDemoCase()
    {
        var (scope, db, statuses) = await OpenAsync();
        await using var _ = scope;
        var refreshed = await statuses.RefreshAsync(db.People, Ct);
        Assert.Equal(await db.People.CountAsync(Ct), refreshed);

        var net = scope.ServiceProvider.GetRequiredService<SafetyNet>();
        var today = app.Clock.Today();
        var full = await SupervisionQueries.WithRecords(db.People.AsNoTracking()).Include(p => p.Oversight).Include(p => p.Assessments).ThenInclude(a => a.Needs).ToListAsync(Ct);
        var stored = await db.CaseStatuses.AsNoTracking().ToDictionaryAsync(s => s.PersonId, Ct);
        var differences = full
            .Select(p => (p.Id, Expected: Describe(CaseStatus.Compute(net, p, today, CaseFacts.WorkloadPoints(p, today))), Stored: stored.TryGetValue(p.Id, out var s) ? Describe(s) : "none"))
            .Where(x => x.Expected != x.Stored)
            .Select(x => $"{x.Id}: stored [{x.Stored}], full records [{x.Expected}]")
            .ToList();
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(10)));
        Assert.All(full, p => Assert.True(stored[p.Id].HoldsFor(p.Version, today)));

        // The demo provider is meant to show the safety net at work: alerts of both severities and cases not under supervision.
        Assert.Contains(stored.Values, s => s.HighAlerts > 0);
        Assert.Contains(stored.Values, s => s.MediumAlerts > 0);
        Assert.Contains(stored.Values, s => !s.UnderSupervision);
        Assert.True(stored.Values.Select(s => s.WorkloadPoints).Distinct().Count() > 3, "the demo cases should weigh differently");
    }

    [Fact]
    public async Task AnyChangeToARecordTheStatusReads_MovesTheCaseOn_AndTheStatusIsComputedAgain()
    {
        var (scope, db, statuses) = await OpenAsync();
        await using var _ = scope;
        var today = app.Clock.Today();
        var person = (await statuses.CurrentAsync(db.People, Ct)).Values.Select(v => v.Status)
            .First(s => s.UnderSupervision && s.AbsencesAwaitingDecision == 0);
        var before = (await statuses.CurrentAsync(db.People.Where(p => p.Id == person.PersonId), Ct))[person.PersonId].Status;
        var version = before.PersonVersion;
        Assert.True(before.HoldsFor(version, today));

        // A missed appointment written straight to the store, the case record itself untouched.
        await app.WithDbAsync(async other =>
        {
            other.Contacts.Add(new Contact { PersonId = person.PersonId, On = today.AddDays(-10), Kind = ContactKind.Office, Outcome = ContactOutcome.FailedToAttend, RecordedBy = "test" });
            return await other.SaveChangesAsync(Ct);
        });
        Assert.Equal(version + 1, await db.People.Where(p => p.Id == person.PersonId).Select(p => p.Version).SingleAsync(Ct));
        var after = (await statuses.CurrentAsync(db.People.Where(p => p.Id == person.PersonId), Ct))[person.PersonId].Status;
        Assert.Equal(version + 1, after.PersonVersion);
        Assert.Equal(1, after.AbsencesAwaitingDecision);
        Assert.Contains(after.Alerts, a => a.Code == AlertCode.AbsenceAwaitingDecision);
        Assert.Equal(version + 1, await db.CaseStatuses.Where(s => s.PersonId == person.PersonId).Select(s => s.PersonVersion).SingleAsync(Ct));

        // A record of a record (a requirement of an order) and a removal move the case on too.
        await app.WithDbAsync(async other =>
        {
            var requirement = await other.Requirements.FirstAsync(r => other.Orders.Any(o => o.Id == r.OrderId && o.PersonId == person.PersonId), Ct);
            requirement.LengthMonths = (requirement.LengthMonths ?? 6) + 1;
            await other.SaveChangesAsync(Ct);
            other.ChangeTracker.Clear();
            other.Contacts.Remove(await other.Contacts.SingleAsync(c => c.PersonId == person.PersonId && c.RecordedBy == "test", Ct));
            return await other.SaveChangesAsync(Ct);
        });
        Assert.Equal(version + 3, await db.People.Where(p => p.Id == person.PersonId).Select(p => p.Version).SingleAsync(Ct));
        var restored = (await statuses.CurrentAsync(db.People.Where(p => p.Id == person.PersonId), Ct))[person.PersonId].Status;
        Assert.Equal(0, restored.AbsencesAwaitingDecision);
        Assert.Equal(Describe(before)[Describe(before).IndexOf('|')..], Describe(restored)[Describe(restored).IndexOf('|')..]);
    }

    [Fact]
    public async Task AChangeToTheAssessedNeeds_MovesTheCaseOn_AndItsWorkloadPointsFollowTheTier()
    {
        var (scope, db, statuses) = await OpenAsync();
        await using var _ = scope;
        var today = app.Clock.Today();
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.CompletedOn != null).OrderBy(a => a.Id).FirstAsync(Ct);
        var id = assessment.PersonId;
        var before = (await statuses.CurrentAsync(db.People.Where(p => p.Id == id), Ct))[id].Status;

        // The needs scored at the most severe level, written straight to the store: the tier's change level can only rise.
        await app.WithDbAsync(async other =>
        {
            var latest = await other.Assessments.Include(a => a.Needs).Where(a => a.PersonId == id && a.CompletedOn != null)
                .OrderByDescending(a => a.CompletedOn).ThenByDescending(a => a.Id).FirstAsync(Ct);
            foreach (var need in Enum.GetValues<Need>().Where(n => latest.Needs.All(x => x.Need != n)))
            {
                latest.Needs.Add(new AssessedNeed { Need = need, Severity = NeedSeverity.SignificantProblems });
            }

            foreach (var need in latest.Needs)
            {
                need.Severity = NeedSeverity.SignificantProblems;
            }

            return await other.SaveChangesAsync(Ct);
        });
        var after = (await statuses.CurrentAsync(db.People.Where(p => p.Id == id), Ct))[id].Status;
        Assert.True(after.PersonVersion > before.PersonVersion);
        var full = await db.People.AsNoTracking().AsSplitQuery().Include(p => p.Registrations).Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Assessments).ThenInclude(a => a.Needs).SingleAsync(p => p.Id == id, Ct);
        Assert.Equal(CaseFacts.WorkloadPoints(full, today), after.WorkloadPoints);
        Assert.True(after.WorkloadPoints >= before.WorkloadPoints);
    }

    [Fact]
    public async Task TotalsByOfficer_SumEachCasesCurrentStatus_AfterComputingAgainWhatNoLongerHolds()
    {
        var (scope, db, statuses) = await OpenAsync();
        await using var _ = scope;
        var today = app.Clock.Today();
        var held = db.People.Where(p => p.ResponsibleOfficerId != null);
        var officer = await held.GroupBy(p => p.ResponsibleOfficerId).OrderByDescending(g => g.Count()).Select(g => g.Key!.Value).FirstAsync(Ct);
        var person = (await statuses.CurrentAsync(held, Ct)).Values.Where(c => c.OfficerId == officer && c.Status.UnderSupervision)
            .Select(c => c.Status.PersonId).Order().First();

        // A missed appointment written straight to the store: the officer's stored sums would miss it.
        await app.WithDbAsync(async other =>
        {
            other.Contacts.Add(new Contact { PersonId = person, On = today.AddDays(-3), Kind = ContactKind.Office, Outcome = ContactOutcome.FailedToAttend, RecordedBy = "test" });
            return await other.SaveChangesAsync(Ct);
        });

        var totals = await statuses.TotalsByOfficerAsync(held, Ct);
        var each = (await statuses.CurrentAsync(held, Ct)).Values.ToLookup(c => c.OfficerId!.Value);
        Assert.Equal(each.Select(g => g.Key).Order(), totals.Keys.Order());
        foreach (var group in each)
        {
            var t = totals[group.Key];
            Assert.Equal(group.Count(), t.Held);
            Assert.Equal(group.Sum(c => c.Status.WorkloadPoints), t.WorkloadPoints);
            Assert.All(OversightMeasures.All, m => Assert.Equal(group.Sum(c => c.Status.Value(m)), t.Value(m)));
        }

        Assert.True(totals[officer].AbsencesAwaitingDecision >= 1);
        Assert.True(totals.Values.Sum(t => t.Value(OversightMeasure.HighAlerts)) > 0);
    }

    [Fact]
    public async Task WhenTheDayTurns_AStoredStatusNoLongerHolds_AndIsComputedForTheNewDay()
    {
        var (scope, db, statuses) = await OpenAsync();
        await using var _ = scope;
        var today = app.Clock.Today();
        var id = await db.People.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(Ct);
        await statuses.CurrentAsync(db.People.Where(p => p.Id == id), Ct);
        Assert.Equal(today, await db.CaseStatuses.Where(s => s.PersonId == id).Select(s => s.ComputedOn).SingleAsync(Ct));

        var tomorrow = new FakeTimeProvider(app.Clock.GetUtcNow().AddDays(1));
        var later = new CaseStatuses(db, tomorrow, scope.ServiceProvider.GetRequiredService<SafetyNet>());
        var status = (await later.CurrentAsync(db.People.Where(p => p.Id == id), Ct))[id].Status;
        Assert.Equal(today.AddDays(1), status.ComputedOn);
        Assert.Equal(today.AddDays(1), await db.CaseStatuses.Where(s => s.PersonId == id).Select(s => s.ComputedOn).SingleAsync(Ct));
    }

    [Fact]
    public async Task TheDailyRefresh_ComputesEveryCaseNotYetComputedToday_AndThenNone()
    {
        var (scope, db, _) = await OpenAsync();
        await using var __ = scope;
        var refresher = scope.ServiceProvider.GetRequiredService<CaseStatusRefresher>();
        var today = app.Clock.Today();
        var id = await db.People.OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync(Ct);
        await db.CaseStatuses.Where(s => s.PersonId == id).ExecuteDeleteAsync(Ct);

        Assert.True(await refresher.RefreshAsync(Ct) >= 1);
        Assert.Equal(await db.People.CountAsync(Ct), await db.CaseStatuses.CountAsync(s => s.ComputedOn == today, Ct));
        Assert.Equal(0, await refresher.RefreshAsync(Ct));
    }
}

public sealed class CaseStatusInputsTests
{
    /// <summary>The record types a query includes.</summary>
    private static HashSet<Type> Included(System.Linq.Expressions.Expression query)
    {
        var found = new HashSet<Type>();
        void Walk(System.Linq.Expressions.Expression? e)
        {
            if (e is System.Linq.Expressions.MethodCallExpression call)
            {
                if (call.Method.Name is "Include" or "ThenInclude")
                {
                    var type = call.Method.GetGenericArguments()[^1];
                    found.Add(type.IsGenericType ? type.GetGenericArguments()[0] : type);
                }

                foreach (var a in call.Arguments)
                {
                    Walk(a);
                }
            }
        }

        Walk(query);
        return found;
    }

    [Fact]
    public void EveryRecordTheSafetyNetReads_MovesItsCaseOnWhenChanged()
    {
        using var db = new ProbationDbContext(new DbContextOptionsBuilder<ProbationDbContext>().UseSqlite("Data Source=:memory:").Options);
        // The tier behind the workload points reads the needs of the assessments as well.
        var read = Included(SupervisionQueries.WithRecords(db.People).Include(p => p.Oversight).Include(p => p.Assessments).ThenInclude(a => a.Needs).Expression);
        Assert.Contains(typeof(AssessedNeed), read);
        Assert.Contains(typeof(Contact), read);
        Assert.Contains(typeof(Probation.Domain.Cases.Requirement), read);

        // Who may open the case is not something the alerts or counts depend on.
        read.Remove(typeof(Probation.Domain.Access.CaseAccessEntry));
        Assert.Empty(read.Except(ProbationDbContext.CaseStatusInputs));
    }
}

public sealed class UkClockTests
{
    [Theory]
    [InlineData("2026-07-01T12:00:00Z", "2026-07-01T23:00:00Z")] // British Summer Time: midnight in London is 23:00 UTC
    [InlineData("2026-12-01T12:00:00Z", "2026-12-02T00:00:00Z")]
    [InlineData("2026-07-01T23:30:00Z", "2026-07-02T23:00:00Z")] // already the 2nd in London
    [InlineData("2026-10-24T23:30:00Z", "2026-10-26T00:00:00Z")] // 00:30 on the 25th in London, the day the clocks go back
    [InlineData("2026-10-25T12:00:00Z", "2026-10-26T00:00:00Z")]
    public void NextMidnight_IsLondonMidnight(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            UkClock.NextMidnightUtc(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}

public sealed class SqliteCaseStatusTests(ProbationAppFactory app) : CaseStatusTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresCaseStatusTests(PostgresAppFactory app) : CaseStatusTests(app), IClassFixture<PostgresAppFactory>;
