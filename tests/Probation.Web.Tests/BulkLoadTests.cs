using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Data;
using Probation.Application.Demo;
using Probation.Application.Demo.Bulk;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>An app on an empty database (migrated, no demo data), for a bulk load to fill.</summary>
public class EmptyAppFactory : ProbationAppFactory
{
    public EmptyAppFactory()
        : base(TestDatabase.Sqlite())
    {
    }

    protected EmptyAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    protected override bool SeedDemo => false;
}

public sealed class EmptyPostgresAppFactory() : EmptyAppFactory(TestDatabase.Postgres());

/// <summary>
/// The bulk loader on each database, at a small scale of the national dataset's generator (two providers
/// of 300 and 200 people): every column of the model is written, the rows in the database are the rows
/// the generator made, the app reads them (an officer's caseload through the API), and the same seed
/// gives the same rows.
/// </summary>
public abstract class BulkLoadTests(EmptyAppFactory app)
{
    private static readonly BulkScale Scale = new("test",
        [BulkScale.Sized("test-1", 300) with { Depth = DemoDepth.National }, BulkScale.Sized("test-2", 200) with { Depth = DemoDepth.National }]);

    private static readonly DateOnly Today = new(2026, 11, 26);

    private static readonly SemaphoreSlim Once = new(1, 1);

    private static readonly Dictionary<EmptyAppFactory, BulkLoadResult> Loaded = [];

    private async Task<BulkLoadResult> LoadAsync()
    {
        app.SkipIfUnavailable();
        await Once.WaitAsync();
        try
        {
            if (!Loaded.TryGetValue(app, out var result))
            {
                result = await new BulkSeeder(app.Services, app.Clock).LoadAsync(Scale, TestUsers.Password, TextWriter.Null, CancellationToken.None);
                Loaded[app] = result;
            }

            return result;
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>The people each provider's generator makes, as it made them for the load (the same seeds).</summary>
    private static List<List<DemoPerson>> Generated() =>
        Scale.Providers.Select((size, i) => DemoDataGenerator.Generate(size, Today, DemoDataGenerator.Seed + (i * 7_919)).People.ToList()).ToList();

    [Fact]
    public async Task TheWriter_HasEveryColumnOfEveryTable_AndEveryPropertyOfEveryEntityType()
    {
        app.SkipIfUnavailable();
        var model = await app.WithDbAsync(db => Task.FromResult(db.Model));
        var plan = new BulkWriter(model).Plan.ToDictionary(t => t.Table, t => t.Columns);
        foreach (var type in model.GetEntityTypes())
        {
            var table = type.GetTableName();
            if (table is null)
            {
                continue;
            }

            Assert.True(plan.ContainsKey(table), $"{table} is not written");
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            foreach (var property in type.GetProperties())
            {
                Assert.Contains(property.GetColumnName(store), plan[table]);
            }
        }

        // Parents before children: every foreign key points at a table written earlier (or at its own table).
        var order = plan.Keys.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        foreach (var table in model.GetRelationalModel().Tables)
        {
            Assert.All(table.ForeignKeyConstraints, fk => Assert.True(order[fk.PrincipalTable.Name] <= order[table.Name], $"{table.Name} is written before {fk.PrincipalTable.Name}"));
        }
    }

    [Fact]
    public async Task EveryTable_HoldsTheRowsWritten_AndThePeopleAndOrdersTheGeneratorMade()
    {
        var result = await LoadAsync();
        var generated = Generated();
        var counts = await app.WithDbAsync(async db =>
        {
            var found = new Dictionary<string, long>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var table in result.Tables.Keys)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                found[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }

            return found;
        });

        Assert.All(result.Tables, t => Assert.Equal(t.Value.Rows, counts[t.Key]));
        Assert.Equal(generated.Sum(p => p.Count), result.RowsOf("People"));
        Assert.Equal(generated.Sum(p => p.Sum(x => x.Person.Orders.Count)), result.RowsOf("Orders"));
        Assert.Equal(generated.Sum(p => p.Sum(x => x.Person.Assessments.Count)), result.RowsOf("Assessments"));
        Assert.True(generated.Sum(p => p.Sum(x => x.Person.Contacts.Count)) <= result.RowsOf("Contacts"));
        Assert.True(result.RowsOf("Contacts") > 1_000);
        Assert.Equal(2, await app.WithDbAsync(db => db.Providers.CountAsync()));
    }

    [Fact]
    public async Task EveryPropertyOfTheCases_ReadsBackAsGenerated_OwnedRiskAndConvertedValuesToo()
    {
        await LoadAsync();
        var generated = Generated();
        var stored = await app.WithDbAsync(db => db.People.AsNoTracking().Include(p => p.Contacts).Include(p => p.Orders).ThenInclude(o => o.Requirements).ToListAsync());
        var model = await app.WithDbAsync(db => Task.FromResult(db.Model));
        const string letters = "ABC";
        for (var i = 0; i < generated.Count; i++)
        {
            foreach (var p in generated[i].Select(x => x.Person))
            {
                var crn = Crn.Parse(letters[i] + p.Crn.Value[1..]);
                var s = Assert.Single(stored, x => x.Crn == crn);
                Same(model, p, s, nameof(PersonOnProbation.Crn));
                Same(model, p.Risk, s.Risk);
                Assert.Equal(p.Orders.Count, s.Orders.Count);
                foreach (var (g, r) in p.Orders.OrderBy(o => o.StartDate).ThenBy(o => o.Type).Zip(s.Orders.OrderBy(o => o.StartDate).ThenBy(o => o.Type)))
                {
                    Same(model, g, r);
                    Assert.Equal(g.Requirements.Count, r.Requirements.Count);
                }

                // Each generated contact is stored with every column as generated (sessions added later are extra).
                var left = s.Contacts.GroupBy(Key).ToDictionary(x => x.Key, x => new Queue<Probation.Domain.Supervision.Contact>(x));
                foreach (var g in p.Contacts)
                {
                    Assert.True(left.TryGetValue(Key(g), out var queue) && queue.Count > 0, $"A contact of {crn} was not stored");
                    Same(model, g, queue.Dequeue());
                }
            }
        }

        static string Key(Probation.Domain.Supervision.Contact c) => $"{c.On}|{c.StartsAt}|{c.Kind}|{c.Outcome}|{c.Notes}";
    }

    /// <summary>
    /// Issue 8's national counts over its 273,000 people: at least 10,000,000 contacts, 300,000 orders and
    /// 1,000,000 unpaid work attendances. The same history depth at this small scale makes them per person
    /// (with a margin for the sampling), so the full scale reaches them; the people and staff are the
    /// providers' sizes, so 250,000 and 3,000 follow from <see cref="BulkScale.National"/> itself.
    /// </summary>
    [Fact]
    public async Task TheNationalHistoryDepth_MakesEnoughContactsOrdersAndAttendancesPerPerson()
    {
        var result = await LoadAsync();
        var people = (double)result.RowsOf("People");
        var national = BulkScale.National.People;
        var attendances = await app.WithDbAsync(db => db.Set<Probation.Domain.UnpaidWork.UnpaidWorkBooking>().CountAsync(b => b.Outcome != null));
        var figures = $"per person: contacts {result.RowsOf("Contacts") / people:0.00}, orders {result.RowsOf("Orders") / people:0.000}, attendances {attendances / people:0.00}, " +
            $"assessments {result.RowsOf("Assessments") / people:0.00}, plans {result.RowsOf("SentencePlans") / people:0.00}, reviews {result.RowsOf("Reviews") / people:0.00}, " +
            $"events {result.RowsOf("SignificantEvents") / people:0.00}, enforcement {result.RowsOf("EnforcementActions") / people:0.00}";
        TestContext.Current.SendDiagnosticMessage(figures);
        Assert.True(national >= 250_000, $"{national} people");
        Assert.True(BulkScale.National.Providers.Sum(p => p.ResponsibleOfficers) >= 3_000);
        Assert.True(result.RowsOf("Contacts") / people * national >= 10_000_000 * 1.05, figures);
        Assert.True(result.RowsOf("Orders") / people * national >= 300_000 * 1.05, figures);
        Assert.True(attendances / people * national >= 1_000_000 * 1.05, figures);

        // The large provider: 20,000 people and 1,000,000 contacts. Its generator alone, on a sample of 1,000
        // people, makes enough (the unpaid work sessions' contacts the load adds come on top).
        var large = Assert.Single(BulkScale.LargeProvider.Providers);
        Assert.Equal(20_000, large.People);
        var sample = DemoDataGenerator.Generate(BulkScale.Sized("large-sample", 1_000) with { Depth = large.Depth }, Today).People;
        var contacts = sample.Sum(p => p.Person.Contacts.Count) / (double)sample.Count;
        Assert.True(contacts * large.People >= 1_000_000 * 1.05, $"{contacts:0.00} contacts per person at the large provider's depth");
    }

    [Fact]
    public async Task AnOfficerOfEachProvider_SignsIn_AndTheCaseloadApiListsTheirCases()
    {
        await LoadAsync();
        for (var i = 0; i < Scale.Providers.Count; i++)
        {
            var client = await app.TokenClientAsync(BulkSeeder.AccountName("po", i, Scale.Providers.Count));
            using var me = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));
            var staffId = me.RootElement.GetProperty("staffMemberId").GetInt32();
            var expected = await app.WithDbAsync(db => db.People.CountAsync(p => p.ResponsibleOfficerId == staffId));
            Assert.True(expected > 0);
            using var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases?officerId={staffId}&pageSize=100"));
            Assert.Equal(expected, page.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(Math.Min(expected, 100), page.RootElement.GetProperty("items").GetArrayLength());
        }

        foreach (var account in new[] { "manager02", "leader01" })
        {
            var client = await app.TokenClientAsync(account);
            using var me = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));
            Assert.NotEqual(JsonValueKind.Null, me.RootElement.GetProperty("providerId").ValueKind);
        }
    }

    [Fact]
    public void TheSameSeed_GivesTheSameRows()
    {
        static string Fingerprint(DemoDataset d) => string.Join('\n', d.People.Select(p =>
            $"{p.Person.Crn}|{p.Person.FirstName}|{p.Person.LastName}|{p.Person.DateOfBirth}|{p.Officer?.StaffCode}|" +
            string.Join(',', p.Person.Orders.Select(o => $"{o.Type}{o.StartDate}{o.EndDate}{string.Join('+', o.Requirements.Select(r => $"{r.Type}{r.UnpaidWorkHours}"))}")) + "|" +
            string.Join(',', p.Person.Contacts.Select(c => $"{c.On}{c.Kind}{c.Outcome}{c.Decision}{c.Notes}"))));
        var size = BulkScale.Sized("determinism", 150) with { Depth = DemoDepth.National };
        var a = Fingerprint(DemoDataGenerator.Generate(size, Today, DemoDataGenerator.Seed + 7_919));
        var b = Fingerprint(DemoDataGenerator.Generate(size, Today, DemoDataGenerator.Seed + 7_919));
        var other = Fingerprint(DemoDataGenerator.Generate(size, Today, DemoDataGenerator.Seed));
        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    /// <summary>Every mapped scalar property of <paramref name="expected"/>'s entity type (from the EF model) has the same value on <paramref name="actual"/>.</summary>
    private static void Same<T>(IModel model, T expected, T actual, params string[] except)
        where T : class
    {
        var type = model.FindEntityType(typeof(T)) ?? model.GetEntityTypes().Single(t => t.ClrType == typeof(T));
        foreach (var property in type.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsKey() && !p.IsForeignKey() && !except.Contains(p.Name)))
        {
            var get = property.GetGetter();
            Assert.True(Equals(get.GetClrValue(expected), get.GetClrValue(actual)), $"{typeof(T).Name}.{property.Name}: {get.GetClrValue(expected)} was read back as {get.GetClrValue(actual)}");
        }
    }
}

public sealed class SqliteBulkLoadTests(EmptyAppFactory app) : BulkLoadTests(app), IClassFixture<EmptyAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresBulkLoadTests(EmptyPostgresAppFactory app) : BulkLoadTests(app), IClassFixture<EmptyPostgresAppFactory>;
