using Npgsql;
using Xunit;

namespace Probation.Testing;

/// <summary>
/// A throwaway database for one test fixture: a temporary SQLite file, or a fresh PostgreSQL
/// database on the server named by PROBATION_TEST_PG (scripts/test starts one).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PROBATION_TEST_PG";

    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    public static string? PostgresAdminConnection => Environment.GetEnvironmentVariable(PostgresVariable);

    public static bool RunningInCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static TestDatabase Sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"probation-test-{Guid.NewGuid():N}.db");
        // Pooled, as the app runs in production: each physical connection sets its pragmas once. Disposing clears the pools.
        return new TestDatabase("Sqlite", $"Data Source={file}", file, null);
    }

    public const string SkipReason = "PostgreSQL tests need " + PostgresVariable + " (scripts/test starts a server and sets it).";

    /// <summary>
    /// A new empty PostgreSQL database, or null when no server is configured: the tests then skip
    /// with <see cref="SkipReason"/>. Under CI a missing server is a failure, not a skip.
    /// </summary>
    public static TestDatabase? Postgres()
    {
        var admin = PostgresAdminConnection;
        if (string.IsNullOrWhiteSpace(admin))
        {
            return RunningInCi
                ? throw new InvalidOperationException($"{PostgresVariable} is not set: scripts/test starts PostgreSQL and sets it.")
                : null;
        }

        var name = $"probation_test_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, null, name);
    }

    /// <summary>Readies a seeded database to be copied: SQLite's log folded into the file, no pooled connection to PostgreSQL's.</summary>
    internal async Task PrepareAsTemplateAsync()
    {
        if (_sqliteFile is not null)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            // The app's pool is keyed by its own form of the connection string: end whatever it left connected.
            await using var connection = new NpgsqlConnection(PostgresAdminConnection);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()";
            command.Parameters.AddWithValue("name", _postgresName!);
            await command.ExecuteScalarAsync();
        }
    }

    /// <summary>Creates <paramref name="target"/> (which must not exist yet) as a copy of this database.</summary>
    internal async Task CopyToAsync(TestDatabase target)
    {
        if (target.Provider != Provider)
        {
            throw new InvalidOperationException($"A {Provider} template cannot fill a {target.Provider} database.");
        }

        if (_sqliteFile is not null)
        {
            File.Copy(_sqliteFile, target._sqliteFile!);
            return;
        }

        await using var connection = new NpgsqlConnection(PostgresAdminConnection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{target._postgresName}\" TEMPLATE \"{_postgresName}\"";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                // A session ended by PrepareAsTemplateAsync takes a moment to leave.
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(_sqliteFile + suffix);
                }
                catch (IOException)
                {
                    // A file still open elsewhere is left for the OS temp cleaner.
                }
            }
        }

        if (_postgresName is not null && PostgresAdminConnection is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }
}
