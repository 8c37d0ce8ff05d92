using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Cases;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Testing;

namespace Probation.Application.Tests;

/// <summary>
/// The use cases against a real database: the same tests run on SQLite and on PostgreSQL.
/// </summary>
public abstract class UseCaseTests(ProbationAppFactory app)
{
    protected ProbationAppFactory App => app;

    private sealed record Scope(AsyncServiceScope Services, ProbationDbContext Db, TestRequestContext Request) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private async Task<Scope> ScopeAsync(Viewer viewer)
    {
        app.SkipIfUnavailable();
        var services = app.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ProbationDbContext>();
        return new Scope(services, db, new TestRequestContext(viewer));
    }

    private SearchCases Search(Scope s) => new(s.Db, s.Request, new AuditLog(s.Db, s.Request, app.Clock), app.Clock);

    private GetCaseOverview Get(Scope s) => new(s.Db, s.Request, new AuditLog(s.Db, s.Request, app.Clock), app.Clock);

    private UpdateRiskProfile Update(Scope s) => new(s.Db, s.Request, new AuditLog(s.Db, s.Request, app.Clock), app.Clock);

    /// <summary>A responsible officer with a case on their caseload, and that case.</summary>
    private async Task<(Viewer Officer, string Crn, int Version, DateOnly DateOfBirth)> CaseOfAnOfficerAsync(int skip = 0) =>
        await app.WithDbAsync(async db =>
        {
            var p = await db.People.AsNoTracking().Where(x => x.ResponsibleOfficerId != null && !x.AccessList.Any())
                .OrderBy(x => x.Id).Skip(skip).Select(x => new { x.Crn, x.Version, x.DateOfBirth, x.ResponsibleOfficerId, x.ProviderId, x.TeamId }).FirstAsync();
            var viewer = TestRequestContext.StaffViewer(p.ResponsibleOfficerId!.Value, p.ProviderId, p.TeamId, Roles.ProbationOfficer);
            return (viewer, p.Crn.Value, p.Version, p.DateOfBirth);
        });

    private Task<int> AuditCountAsync(string crn) =>
        app.WithDbAsync(db => db.AuditSubjects.CountAsync(s => s.Crn == crn));

    [Fact]
    public async Task Migrations_MatchTheModel_AndRunOnTheConfiguredProvider()
    {
        await using var s = await ScopeAsync(Viewer.Anonymous);
        Assert.False(s.Db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration for both providers.");
        Assert.Empty(await s.Db.Database.GetPendingMigrationsAsync());
        Assert.Contains(app.DatabaseProvider, s.Db.Database.ProviderName, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EveryEnumValue_FitsItsColumn()
    {
        // Enums are stored by name; PostgreSQL refuses a name longer than its column, SQLite does not.
        await using var s = await ScopeAsync(Viewer.Anonymous);
        var tooLong = new List<string>();
        foreach (var entity in s.Db.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (!type.IsEnum || property.GetProviderClrType() != typeof(string))
                {
                    continue;
                }

                var max = property.GetMaxLength() ?? int.MaxValue;
                tooLong.AddRange(Enum.GetNames(type).Where(n => n.Length > max).Select(n => $"{entity.ClrType.Name}.{property.Name}: {n} ({n.Length} > {max})"));
            }
        }

        Assert.Empty(tooLong);
    }

    [Fact]
    public async Task DatabaseAccessFilter_AgreesWithTheDomainRule_ForEveryCaseAndViewer()
    {
        await using var s = await ScopeAsync(Viewer.Anonymous);
        var restricted = await s.Db.People.AsNoTracking().Where(p => p.AccessList.Any())
            .Select(p => new { p.Id, Entries = p.AccessList.ToList() }).ToListAsync();
        var open = await s.Db.People.AsNoTracking().Where(p => !p.AccessList.Any()).Select(p => p.Id).Take(3).ToListAsync();
        var staffIds = restricted.SelectMany(r => r.Entries.Select(e => e.StaffMemberId))
            .Concat(await s.Db.Staff.Select(x => x.Id).Take(5).ToListAsync()).Distinct().ToList();
        Assert.NotEmpty(restricted);
        var combinations = 0;
        foreach (var staffId in staffIds.Cast<int?>().Append(null))
        {
            var viewer = new Viewer("v", staffId, 1, null, new HashSet<string> { Roles.ProbationOfficer });
            var allowedInDb = await s.Db.People.Where(p => restricted.Select(r => r.Id).Contains(p.Id) || open.Contains(p.Id))
                .Where(viewer.MaySeeDetails()).Select(p => p.Id).ToListAsync();
            foreach (var r in restricted)
            {
                combinations++;
                Assert.Equal(CaseAccessRules.Decide(r.Entries, staffId).Allowed, allowedInDb.Contains(r.Id));
            }

            Assert.All(open, id => Assert.Contains(id, allowedInDb));
        }

        Assert.True(combinations >= 10, $"only {combinations} combinations checked");
    }

    [Fact]
    public async Task SearchByCrn_ShowsTheCase_AndAuditsTheRead()
    {
        var (officer, crn, _, _) = await CaseOfAnOfficerAsync();
        var before = await AuditCountAsync(crn);
        await using (var s = await ScopeAsync(officer))
        {
            var result = await Search(s).RunAsync(new CaseSearch(crn.ToLowerInvariant()), TestContext.Current.CancellationToken);
            var row = Assert.Single(result.Items);
            Assert.Equal(crn, row.Crn);
            Assert.False(row.AccessRestricted);
            Assert.NotNull(row.Name);
        }

        Assert.Equal(before + 1, await AuditCountAsync(crn));
    }

    [Fact]
    public async Task RestrictedCase_ShowsOnlyItsCrn_AndNameSearchNeverFindsIt()
    {
        var (crn, lastName, outsider) = await app.WithDbAsync(async db =>
        {
            var p = await db.People.AsNoTracking().Where(x => x.AccessList.Any(e => e.Kind == AccessListKind.Restriction))
                .Select(x => new { x.Crn, x.LastName, x.ProviderId, x.TeamId, Listed = x.AccessList.Select(e => e.StaffMemberId).ToList() }).FirstAsync();
            var other = await db.Staff.Where(st => st.ProviderId == p.ProviderId && !p.Listed.Contains(st.Id)).Select(st => st.Id).FirstAsync();
            return (p.Crn.Value, p.LastName, TestRequestContext.StaffViewer(other, p.ProviderId, p.TeamId, Roles.ProbationOfficer));
        });

        await using var s = await ScopeAsync(outsider);
        var byCrn = await Search(s).RunAsync(new CaseSearch(crn), TestContext.Current.CancellationToken);
        var row = Assert.Single(byCrn.Items);
        Assert.True(row.AccessRestricted);
        Assert.Null(row.Name);
        Assert.Null(row.Rosh);
        Assert.Null(row.Flags);

        var byName = await Search(s).RunAsync(new CaseSearch(lastName, PageSize: 100), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(byName.Items, r => r.Crn == crn);

        var lookup = await Get(s).RunAsync(crn, "test", TestContext.Current.CancellationToken);
        Assert.True(lookup.Restricted);
        Assert.Null(lookup.Case);
    }

    [Fact]
    public async Task AdministratorAndInspector_SeeNoCases()
    {
        var (_, crn, _, _) = await CaseOfAnOfficerAsync();
        foreach (var role in new[] { Roles.SystemAdministrator, Roles.Inspector })
        {
            await using var s = await ScopeAsync(new Viewer(role, 1, 1, null, new HashSet<string> { role }));
            Assert.Empty((await Search(s).RunAsync(new CaseSearch(crn), TestContext.Current.CancellationToken)).Items);
            Assert.Null((await Get(s).RunAsync(crn, "test", TestContext.Current.CancellationToken)).Case);
        }
    }

    [Fact]
    public async Task UpdateRisk_ChangesTheCase_BumpsItsVersion_AndWritesAnAlteredAuditRowInTheSameSave()
    {
        var (officer, crn, version, _) = await CaseOfAnOfficerAsync(skip: 1);
        await using (var s = await ScopeAsync(officer))
        {
            var outcome = await Update(s).RunAsync(
                new UpdateRiskProfileCommand(crn, version, RoshLevel.High, true, true, false, false, 77, App.Clock.Today()),
                TestContext.Current.CancellationToken);
            Assert.IsType<Done>(outcome);
        }

        var (saved, audit) = await app.WithDbAsync(async db =>
        {
            var c = Crn.Parse(crn);
            var p = await db.People.AsNoTracking().SingleAsync(x => x.Crn == c);
            var a = await db.AuditEntries.AsNoTracking().Include(e => e.Subjects)
                .Where(e => e.Action == AuditAction.Altered && e.Subjects.Any(x => x.Crn == crn)).ToListAsync();
            return (p, a);
        });
        Assert.Equal(RoshLevel.High, saved.Risk.Rosh);
        Assert.Equal(77, saved.Risk.Ogrs?.Value);
        Assert.Equal(version + 1, saved.Version);
        var row = Assert.Single(audit);
        Assert.Equal(officer.UserName, row.UserName);
        Assert.Equal("Risk profile updated", row.Purpose);
    }

    [Fact]
    public async Task UpdateRisk_WithAStaleVersion_IsAConflict_AndChangesNothing()
    {
        var (officer, crn, version, _) = await CaseOfAnOfficerAsync(skip: 2);
        var auditBefore = await AuditCountAsync(crn);
        await using (var s = await ScopeAsync(officer))
        {
            var outcome = await Update(s).RunAsync(
                new UpdateRiskProfileCommand(crn, version - 1, RoshLevel.VeryHigh, false, false, true, false, 10, App.Clock.Today()),
                TestContext.Current.CancellationToken);
            Assert.IsType<Conflict>(outcome);
        }

        var c = Crn.Parse(crn);
        var after = await app.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(x => x.Crn == c));
        Assert.NotEqual(RoshLevel.VeryHigh, after.Risk.Rosh);
        Assert.Equal(version, after.Version);
        Assert.Equal(auditBefore, await AuditCountAsync(crn));
    }

    [Theory]
    [InlineData(100, 0, "OgrsScore")]
    [InlineData(-1, 0, "OgrsScore")]
    [InlineData(50, 1, "AssessedOn")]
    [InlineData(50, -40_000, "AssessedOn")]
    public async Task UpdateRisk_WithBadValues_IsRefused_AndChangesNothing(int ogrs, int daysFromToday, string field)
    {
        var (officer, crn, version, _) = await CaseOfAnOfficerAsync(skip: 3);
        var auditBefore = await AuditCountAsync(crn);
        await using (var s = await ScopeAsync(officer))
        {
            var outcome = await Update(s).RunAsync(
                new UpdateRiskProfileCommand(crn, version, RoshLevel.VeryHigh, false, false, true, false, ogrs, App.Clock.Today().AddDays(daysFromToday)),
                TestContext.Current.CancellationToken);
            Assert.Equal(field, Assert.IsType<Refused>(outcome).Field);
        }

        var c = Crn.Parse(crn);
        var after = await app.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(x => x.Crn == c));
        Assert.Equal(version, after.Version);
        Assert.Equal(auditBefore, await AuditCountAsync(crn));
    }

    [Fact]
    public async Task UpdateRisk_ByStaffOfAnotherTeam_IsRefused()
    {
        var (officer, crn, version, _) = await CaseOfAnOfficerAsync(skip: 4);
        var other = await app.WithDbAsync(db => db.Teams.Where(t => t.Id != officer.TeamId).Select(t => t.Id).FirstAsync());
        var stranger = officer with { StaffMemberId = -5, TeamId = other };
        await using var s = await ScopeAsync(stranger);
        var outcome = await Update(s).RunAsync(
            new UpdateRiskProfileCommand(crn, version, RoshLevel.Low, false, false, false, false, null, App.Clock.Today()),
            TestContext.Current.CancellationToken);
        Assert.IsType<Refused>(outcome);
    }

    [Fact]
    public async Task CaseOverview_TierFollowsTheRiskProfile_WhenItChanges()
    {
        var (officer, crn, version, _) = await CaseOfAnOfficerAsync(skip: 5);
        await using (var s = await ScopeAsync(officer))
        {
            Assert.IsType<Done>(await Update(s).RunAsync(
                new UpdateRiskProfileCommand(crn, version, RoshLevel.Medium, false, false, true, false, 40, App.Clock.Today()), TestContext.Current.CancellationToken));
        }

        string before;
        await using (var s = await ScopeAsync(officer))
        {
            var c = (await Get(s).RunAsync(crn, "test", TestContext.Current.CancellationToken)).Case!;
            before = c.Tier;
            Assert.Contains(c.TierReasons, r => r.Contains("medium RoSH, 10 points", StringComparison.Ordinal));
            Assert.IsType<Done>(await Update(s).RunAsync(
                new UpdateRiskProfileCommand(crn, c.Version, RoshLevel.VeryHigh, false, false, true, false, 40, App.Clock.Today()), TestContext.Current.CancellationToken));
        }

        await using (var s = await ScopeAsync(officer))
        {
            var c = (await Get(s).RunAsync(crn, "test", TestContext.Current.CancellationToken)).Case!;
            Assert.StartsWith("A", c.Tier, StringComparison.Ordinal);
            Assert.NotEqual(before, c.Tier);
        }
    }

    [Fact]
    public async Task AuditLog_RefusesChangesAndDeletions_InTheDatabaseItself()
    {
        var (officer, crn, _, _) = await CaseOfAnOfficerAsync();
        await using (var read = await ScopeAsync(officer))
        {
            await Search(read).RunAsync(new CaseSearch(crn), TestContext.Current.CancellationToken);
        }

        await using var s = await ScopeAsync(Viewer.Anonymous);
        var count = await s.Db.AuditEntries.CountAsync();
        Assert.True(count > 0);
        await Assert.ThrowsAnyAsync<Exception>(() => s.Db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"UserName\" = 'someone else'"));
        await Assert.ThrowsAnyAsync<Exception>(() => s.Db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditLog\""));
        Assert.Equal(count, await s.Db.AuditEntries.CountAsync());
        Assert.Equal(0, await s.Db.AuditEntries.CountAsync(a => a.UserName == "someone else"));
    }
}

public sealed class SqliteUseCaseTests(ProbationAppFactory app) : UseCaseTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresUseCaseTests(PostgresAppFactory app) : UseCaseTests(app), IClassFixture<PostgresAppFactory>;
