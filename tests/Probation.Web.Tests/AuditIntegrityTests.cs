using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The audit log cannot be changed by the app (the database refuses UPDATE, DELETE and TRUNCATE sent as raw SQL on the
/// app's own connection), and its hash chain (ADR 0018) shows a change made around that refusal: a row changed,
/// deleted or inserted by someone who switched the refusal off. The same tests on SQLite and on PostgreSQL.
/// </summary>
public abstract class AuditIntegrityTests(ProbationAppFactory app)
{
    private static int _run;

    private bool Postgres => app.DatabaseProvider == "Postgres";

    /// <summary>Audit entries of this test's own (a purpose of its own, a CRN of its own), written as a read writes them.</summary>
    private async Task<(string Purpose, List<Crn> Crns)> WriteEntriesAsync(int count)
    {
        var run = Interlocked.Increment(ref _run);
        var purpose = "Integrity " + Guid.NewGuid().ToString("N");
        var crns = Enumerable.Range(0, count).Select(i => Crn.Parse($"V{run:D2}{i:D4}")).ToList();
        foreach (var crn in crns)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordReadAsync(AuditAction.Consulted, purpose, [crn], CancellationToken.None);
        }

        return (purpose, crns);
    }

    private Task<List<AuditEntry>> EntriesAsync(string purpose) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Include(e => e.Subjects).Where(e => e.Purpose == purpose).OrderBy(e => e.Id).ToListAsync());

    private Task<int> SealAsync() => app.WithDbAsync(db =>
    {
        var chain = new AuditChain(db, app.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditChain>.Instance);
        return chain.SealNowAsync(TimeSpan.Zero, 3, CancellationToken.None);
    });

    private async Task<JsonElement> VerifyAsync()
    {
        var admin = await app.TokenClientAsync("admin");
        var response = await admin.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task ExecuteAsync(string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary>Runs <paramref name="sql"/> as the database's owner would out of band: the table's refusal switched off around it, then on again.</summary>
    private Task OutOfBandAsync(string table, string sql) => ExecuteAsync(Postgres
        ? $"ALTER TABLE \"{table}\" DISABLE TRIGGER \"{table}_append_only\"; {sql}; ALTER TABLE \"{table}\" ENABLE TRIGGER \"{table}_append_only\";"
        : $"DROP TRIGGER \"{table}_no_update\"; DROP TRIGGER \"{table}_no_delete\"; {sql}; "
            + $"CREATE TRIGGER \"{table}_no_update\" BEFORE UPDATE ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END; "
            + $"CREATE TRIGGER \"{table}_no_delete\" BEFORE DELETE ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;");

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The seal whose range holds the entry.</summary>
    private Task<AuditSeal> SealOfAsync(long entryId) =>
        app.WithDbAsync(db => db.AuditSeals.AsNoTracking().SingleAsync(s => s.AfterEntryId < entryId && s.ThroughEntryId >= entryId));

    private static void AssertBrokenAt(JsonElement verification, AuditSeal seal)
    {
        Assert.False(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        Assert.Equal(seal.Position, verification.GetProperty("firstBrokenSeal").GetInt64());
        Assert.Equal(seal.AfterEntryId, verification.GetProperty("brokenAfterEntryId").GetInt64());
        Assert.Equal(seal.ThroughEntryId, verification.GetProperty("brokenThroughEntryId").GetInt64());
        Assert.False(string.IsNullOrWhiteSpace(verification.GetProperty("problem").GetString()));
    }

    private static void AssertOk(JsonElement verification)
    {
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        Assert.Equal(JsonValueKind.Null, verification.GetProperty("firstBrokenSeal").ValueKind);
        Assert.True(verification.GetProperty("sealsChecked").GetInt32() > 0);
    }

    [Fact]
    public async Task RawUpdateAndDelete_OnTheAppsOwnConnection_AreRefusedByTheDatabase_AndChangeNothing()
    {
        app.SkipIfUnavailable();
        var (purpose, _) = await WriteEntriesAsync(2);
        await SealAsync();
        var before = await EntriesAsync(purpose);
        var entry = before[0];
        var subject = entry.Subjects.Single();
        var seal = await SealOfAsync(entry.Id);
        var sealCount = await app.WithDbAsync(db => db.AuditSeals.CountAsync());
        var statements = new List<string>
        {
            $"UPDATE \"AuditLog\" SET \"Purpose\" = 'Changed' WHERE \"Id\" = {N(entry.Id)}",
            $"UPDATE \"AuditLog\" SET \"UserName\" = 'someone-else'",
            $"DELETE FROM \"AuditLog\" WHERE \"Id\" = {N(entry.Id)}",
            "DELETE FROM \"AuditLog\"",
            $"UPDATE \"AuditLogSubjects\" SET \"Crn\" = 'Z999999' WHERE \"Id\" = {N(subject.Id)}",
            $"DELETE FROM \"AuditLogSubjects\" WHERE \"Id\" = {N(subject.Id)}",
            "DELETE FROM \"AuditLogSubjects\"",
            $"UPDATE \"AuditSeals\" SET \"Hash\" = '{new string('0', 64)}' WHERE \"Position\" = {N(seal.Position)}",
            $"DELETE FROM \"AuditSeals\" WHERE \"Position\" = {N(seal.Position)}",
        };
        if (Postgres)
        {
            statements.AddRange(["TRUNCATE \"AuditLogSubjects\"", "TRUNCATE \"AuditSeals\"", "TRUNCATE \"AuditLog\" CASCADE"]);
        }

        foreach (var sql in statements)
        {
            var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync(sql));
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        var after = await EntriesAsync(purpose);
        Assert.Equal(before.Select(e => (e.Id, e.UserName, e.Purpose, e.AtUtc, Crn: e.Subjects.Single().Crn, SubjectId: e.Subjects.Single().Id)),
            after.Select(e => (e.Id, e.UserName, e.Purpose, e.AtUtc, Crn: e.Subjects.Single().Crn, SubjectId: e.Subjects.Single().Id)));
        Assert.Equal(sealCount, await app.WithDbAsync(db => db.AuditSeals.CountAsync()));
        Assert.Equal(seal.Hash, (await SealOfAsync(entry.Id)).Hash);
        AssertOk(await VerifyAsync());
    }

    [Fact]
    public async Task Sealing_CoversEveryCommittedEntry_AndVerifies()
    {
        app.SkipIfUnavailable();
        var (purpose, _) = await WriteEntriesAsync(7);
        Assert.True(await SealAsync() >= 3); // at most three entries a seal here: seven need three at least
        Assert.Equal(0, await SealAsync()); // nothing new, nothing sealed
        var highest = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Id));
        var seals = await app.WithDbAsync(db => db.AuditSeals.AsNoTracking().OrderBy(s => s.Position).ToListAsync());
        Assert.Equal(highest, seals[^1].ThroughEntryId);
        Assert.Equal(Enumerable.Range(1, seals.Count).Select(i => (long)i), seals.Select(s => s.Position));
        Assert.All(seals.Skip(1).Zip(seals), p => Assert.Equal(p.Second.ThroughEntryId, p.First.AfterEntryId));
        var entries = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var verification = await VerifyAsync();
        AssertOk(verification);
        Assert.Equal(seals.Count, verification.GetProperty("sealsChecked").GetInt32());
        Assert.Equal(entries, verification.GetProperty("entriesCovered").GetInt64());
        Assert.Equal(0, verification.GetProperty("unsealedEntries").GetInt64());
        Assert.Equal(7, (await EntriesAsync(purpose)).Count);
    }

    [Fact]
    public async Task AChangedPurpose_OrAChangedCrn_MadeOutOfBand_IsReportedAsTheBrokenSeal()
    {
        app.SkipIfUnavailable();
        var (purpose, _) = await WriteEntriesAsync(5);
        await WriteEntriesAsync(4); // later seals, which still check out
        await SealAsync();
        AssertOk(await VerifyAsync());
        var entries = await EntriesAsync(purpose);
        var target = entries[2];
        var seal = await SealOfAsync(target.Id);

        await OutOfBandAsync("AuditLog", $"UPDATE \"AuditLog\" SET \"Purpose\" = 'Routine check' WHERE \"Id\" = {N(target.Id)}");
        Assert.Equal("Routine check", (await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == target.Id))).Purpose);
        AssertBrokenAt(await VerifyAsync(), seal);

        // Put back as it was, the seal holds again: the verifier compares content, not a flag.
        await OutOfBandAsync("AuditLog", $"UPDATE \"AuditLog\" SET \"Purpose\" = '{purpose}' WHERE \"Id\" = {N(target.Id)}");
        AssertOk(await VerifyAsync());

        var subject = entries[4].Subjects.Single();
        var subjectSeal = await SealOfAsync(entries[4].Id);
        await OutOfBandAsync("AuditLogSubjects", $"UPDATE \"AuditLogSubjects\" SET \"Crn\" = 'Z999999' WHERE \"Id\" = {N(subject.Id)}");
        AssertBrokenAt(await VerifyAsync(), subjectSeal);
        await OutOfBandAsync("AuditLogSubjects", $"UPDATE \"AuditLogSubjects\" SET \"Crn\" = '{subject.Crn}' WHERE \"Id\" = {N(subject.Id)}");
        AssertOk(await VerifyAsync());
    }

    [Fact]
    public async Task ADeletedEntry_IsReportedAsTheBrokenSeal()
    {
        app.SkipIfUnavailable();
        var (purpose, _) = await WriteEntriesAsync(4);
        await SealAsync();
        AssertOk(await VerifyAsync());
        var target = (await EntriesAsync(purpose))[1];
        var seal = await SealOfAsync(target.Id);

        await OutOfBandAsync("AuditLogSubjects", $"DELETE FROM \"AuditLogSubjects\" WHERE \"AuditEntryId\" = {N(target.Id)}");
        AssertBrokenAt(await VerifyAsync(), seal);
        await OutOfBandAsync("AuditLog", $"DELETE FROM \"AuditLog\" WHERE \"Id\" = {N(target.Id)}");
        var verification = await VerifyAsync();
        AssertBrokenAt(verification, seal);
        Assert.Equal(3, (await EntriesAsync(purpose)).Count);

        // The deleted rows put back exactly as they were: the chain holds again.
        var subject = target.Subjects.Single();
        var insert = "INSERT INTO \"AuditLog\" (\"Id\", \"AtUtc\", \"UserName\", \"StaffMemberId\", \"Action\", \"Where\", \"Purpose\", \"RequestId\") VALUES ({0}, {1}, {2}, "
            + (target.StaffMemberId is { } staff ? N(staff) : "NULL") + ", {3}, {4}, {5}, " + (target.RequestId is null ? "NULL" : "{6}") + ")";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            insert,
            new object[] { target.Id, target.AtUtc, target.UserName, target.Action.ToString(), target.Where, target.Purpose }.Concat(target.RequestId is { } request ? [request] : [])));
        await ExecuteAsync($"INSERT INTO \"AuditLogSubjects\" (\"Id\", \"AuditEntryId\", \"Crn\") VALUES ({N(subject.Id)}, {N(target.Id)}, '{subject.Crn}')");
        AssertOk(await VerifyAsync());
    }

    [Fact]
    public async Task AnEntryInsertedIntoASealedRange_IsReportedAsTheBrokenSeal()
    {
        app.SkipIfUnavailable();
        await WriteEntriesAsync(1);

        // A gap in the ids, as a failed transaction leaves one; the app's own INSERT right can fill it later.
        var gap = await app.WithDbAsync(async db => Postgres
            ? await db.Database.SqlQueryRaw<long>("SELECT nextval(pg_get_serial_sequence('\"AuditLog\"', 'Id')) AS \"Value\"").SingleAsync()
            : await db.AuditEntries.MaxAsync(e => e.Id) + 1);
        if (!Postgres)
        {
            await ExecuteAsync(
                "INSERT INTO \"AuditLog\" (\"Id\", \"AtUtc\", \"UserName\", \"StaffMemberId\", \"Action\", \"Where\", \"Purpose\", \"RequestId\") "
                + $"VALUES ({N(gap + 1)}, '2026-11-26 10:00:00', 'po', NULL, 'Consulted', 'GET /cases', 'Case overview', NULL)");
        }

        var (purpose, _) = await WriteEntriesAsync(2);
        await SealAsync();
        AssertOk(await VerifyAsync());
        var seal = await SealOfAsync(gap);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Id == gap)));

        await ExecuteAsync(
            "INSERT INTO \"AuditLog\" (\"Id\", \"AtUtc\", \"UserName\", \"StaffMemberId\", \"Action\", \"Where\", \"Purpose\", \"RequestId\") "
            + $"VALUES ({N(gap)}, '2026-11-26 09:00:00', 'po', NULL, 'Consulted', 'GET /cases', '{purpose}', NULL)");
        AssertBrokenAt(await VerifyAsync(), seal);

        // Taken out again (out of band), the chain holds.
        await OutOfBandAsync("AuditLog", $"DELETE FROM \"AuditLog\" WHERE \"Id\" = {N(gap)}");
        AssertOk(await VerifyAsync());
    }

    [Fact]
    public async Task TwoNodesSealingAtOnce_LeaveOneChain()
    {
        app.SkipIfUnavailable();
        await WriteEntriesAsync(12);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SealAsync)));
        Assert.True(results.Sum() >= 4, string.Join(",", results));
        var seals = await app.WithDbAsync(db => db.AuditSeals.AsNoTracking().OrderBy(s => s.Position).ToListAsync());
        Assert.Equal(Enumerable.Range(1, seals.Count).Select(i => (long)i), seals.Select(s => s.Position));
        Assert.All(seals.Skip(1).Zip(seals), p => Assert.Equal(p.Second.ThroughEntryId, p.First.AfterEntryId));
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Id)), seals[^1].ThroughEntryId);
        AssertOk(await VerifyAsync());
    }

    [Fact]
    public async Task Verify_IsForSystemAdministratorsOnly()
    {
        app.SkipIfUnavailable();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.TokenClientAsync("po")).GetAsync("/api/v1/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/v1/audit/verify")).StatusCode);
    }
}

public sealed class SqliteAuditIntegrityTests(ProbationAppFactory app) : AuditIntegrityTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresAuditIntegrityTests(PostgresAppFactory app) : AuditIntegrityTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The app with its background sealer on, waking often, so a test sees it seal what was written.</summary>
public class SealingAppFactory : ProbationAppFactory
{
    public SealingAppFactory()
        : base(TestDatabase.Sqlite())
    {
    }

    protected SealingAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Audit:Sealing:Enabled", "true");
        builder.UseSetting("Audit:Sealing:Interval", "00:00:00.2");
        builder.UseSetting("Audit:Sealing:Horizon", "00:00:00.3");
    }
}

public sealed class PostgresSealingAppFactory() : SealingAppFactory(TestDatabase.Postgres());

/// <summary>The background sealer seals what was committed, a horizon after it saw it, and the chain verifies.</summary>
public abstract class AuditSealerTests(SealingAppFactory app)
{
    [Fact]
    public async Task TheBackgroundSealer_SealsCommittedEntries_AndTheChainVerifies()
    {
        app.SkipIfUnavailable();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .RecordReadAsync(AuditAction.Consulted, "Background sealing", [Crn.Parse("W000001")], CancellationToken.None);
        }

        var highest = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Id));
        var sealedThrough = 0L;
        for (var i = 0; i < 100 && sealedThrough < highest; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            sealedThrough = await app.WithDbAsync(db => db.AuditSeals.MaxAsync(s => (long?)s.ThroughEntryId)) ?? 0;
        }

        Assert.True(sealedThrough >= highest, $"Sealed through {sealedThrough}, the log reaches {highest}.");
        var verification = await app.WithDbAsync(db => new AuditChain(db, app.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditChain>.Instance).VerifyAsync(CancellationToken.None));
        Assert.True(verification.Ok, verification.Problem);
        Assert.True(verification.EntriesCovered >= 1);
    }

    [Theory]
    [InlineData(null, "00:00:00", null, null, "Audit:Sealing:Interval")]
    [InlineData(null, null, "02:00:00", null, "Audit:Sealing:Horizon")]
    [InlineData(null, null, null, 0, "Audit:Sealing:MaxEntriesPerSeal")]
    public void BadSealingSettings_StopStartUpWithAClearMessage(bool? enabled, string? interval, string? horizon, int? max, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuditSealOptions.Checked(
            enabled, interval is null ? null : TimeSpan.Parse(interval, CultureInfo.InvariantCulture), horizon is null ? null : TimeSpan.Parse(horizon, CultureInfo.InvariantCulture), max));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditSealerTests(SealingAppFactory app) : AuditSealerTests(app), IClassFixture<SealingAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresAuditSealerTests(PostgresSealingAppFactory app) : AuditSealerTests(app), IClassFixture<PostgresSealingAppFactory>;
