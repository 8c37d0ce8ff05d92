using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Probation.Application.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database to use, read from <c>Database:Provider</c> and <c>ConnectionStrings:Probation</c>
/// and checked at start-up: a bad setting stops the app with a clear message.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "Probation.Data.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Probation.Data.Migrations.Postgres";
    public const string DefaultSqlite = "Data Source=probation.db";

    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'.");
        }

        var connectionString = configuration.GetConnectionString("Probation");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings:Probation must be set when Database:Provider is Postgres.");
        }

        var acceptText = configuration[DatabaseDurability.AcceptSetting];
        var accept = false;
        if (!string.IsNullOrWhiteSpace(acceptText) && !bool.TryParse(acceptText, out accept))
        {
            throw new InvalidOperationException($"{DatabaseDurability.AcceptSetting} must be true or false, not '{acceptText}'.");
        }

        return new DatabaseOptions(provider, connectionString) { AcceptNonDurableStorage = accept };
    }

    /// <summary>
    /// Whether start-up goes on (with a warning) on a database that could lose committed rows in a crash (see
    /// <see cref="DatabaseDurability"/>). False unless <c>Database:AcceptNonDurableStorage</c> is true: only for throwaway test databases.
    /// </summary>
    public bool AcceptNonDurableStorage { get; init; }

    /// <summary>
    /// The PostgreSQL connection settings the app sets where the operator's connection string does not (ADR 0016):
    /// <list type="bullet">
    /// <item>automatic preparation (<c>Max Auto Prepare</c> 64, after 2 uses): each page's few statements are parsed
    /// and planned once per pooled connection, not on every visit;</item>
    /// <item><c>No Reset On Close</c>: a connection returned to the pool is not reset with <c>DISCARD ALL</c>, a round
    /// trip on every query, since the app keeps no session state on it (the one session lock, the aggregates'
    /// refresh, is released before its connection is closed).</item>
    /// </list>
    /// An operator behind a pooler that cannot carry prepared statements sets <c>Max Auto Prepare=0</c>.
    /// </summary>
    internal static string WithPostgresDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!Given(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Given(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Given(DbConnectionStringBuilder given, params string[] names) => names.Any(given.ContainsKey);

    public void Apply(DbContextOptionsBuilder builder)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(WithPostgresDefaults(ConnectionString), o => o.MigrationsAssembly(PostgresMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
        }
        else
        {
            builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .AddInterceptors(SqlitePragmas.Instance);
        }
    }
}

/// <summary>
/// SQLite durability: write-ahead logging and <c>synchronous=FULL</c> on every connection, so a
/// committed change survives a power cut; a busy timeout so concurrent writers wait rather than fail.
/// The settings belong to the underlying connection, which the driver pools and reuses: they are set
/// once when it is first opened, not again on every query that borrows it.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Whether the underlying connection is opened for the first time (a connection of another kind always counts as new).</summary>
    private static bool IsNew(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || Prepared.TryAdd(handle, Instance);
}

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddProbationData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        // Pooled: building a context (its services, its model lookup) cost more than a caseload page's queries.
        services.AddDbContextPool<ProbationDbContext>(options.Apply);
        return services;
    }
}
