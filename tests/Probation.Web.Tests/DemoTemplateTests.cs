using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The small demo provider seeded afresh by the app as it starts, not copied from the run's template.</summary>
public class FreshSeedAppFactory : ProbationAppFactory
{
    public FreshSeedAppFactory()
        : base(TestDatabase.Sqlite())
    {
    }

    protected FreshSeedAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    protected override bool SeedFromTemplate => false;
}

public sealed class FreshSeedPostgresAppFactory() : FreshSeedAppFactory(TestDatabase.Postgres());

/// <summary>
/// Fixtures start from a copy of one seeded template (<see cref="DemoTemplates"/>): the copy must hold exactly what
/// the app writes when it seeds an empty database itself, value for value, or every test that reads the demo provider
/// would be testing something else.
/// </summary>
public abstract class DemoTemplateTests(ProbationAppFactory copied, FreshSeedAppFactory fresh)
{
    [Fact]
    public async Task ACopyOfTheTemplate_HoldsWhatAFreshSeedWrites_TableByTable_ValueByValue()
    {
        copied.SkipIfUnavailable();
        var fromTemplate = await DigestAsync(copied);
        var seeded = await DigestAsync(fresh);
        TestContext.Current.SendDiagnosticMessage($"{fromTemplate.Count} tables compared; {fromTemplate.Values.Sum(t => t.Rows):N0} rows");
        Assert.True(seeded["People"].Rows > 0, "The fresh seed wrote no cases.");
        var differing = seeded.Keys.Union(fromTemplate.Keys).Where(t => !seeded.TryGetValue(t, out var a) || !fromTemplate.TryGetValue(t, out var b) || a != b).ToList();
        Assert.True(differing.Count == 0, "Tables that differ between the template's copy and a fresh seed: " + string.Join(", ", differing));
    }

    /// <summary>Each table's row count and a hash of every value of every row in key order (the tables <see cref="DemoDatasetTests.CountAsync"/> counts).</summary>
    private static async Task<SortedDictionary<string, (long Rows, string Hash)>> DigestAsync(ProbationAppFactory factory)
    {
        var counts = await DemoDatasetTests.CountAsync(factory);
        return await factory.WithDbAsync(async db =>
        {
            var digests = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var table in counts.Keys)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var rows = 0L;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                        hash.AppendData(Encoding.UTF8.GetBytes(reader.GetName(i) + "=" + value + "\u001f"));
                    }
                }

                digests[table] = (rows, Convert.ToHexString(hash.GetHashAndReset()));
            }

            return digests;
        });
    }
}

public sealed class SqliteDemoTemplateTests(ProbationAppFactory copied, FreshSeedAppFactory fresh)
    : DemoTemplateTests(copied, fresh), IClassFixture<ProbationAppFactory>, IClassFixture<FreshSeedAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresDemoTemplateTests(PostgresAppFactory copied, FreshSeedPostgresAppFactory fresh)
    : DemoTemplateTests(copied, fresh), IClassFixture<PostgresAppFactory>, IClassFixture<FreshSeedPostgresAppFactory>;
