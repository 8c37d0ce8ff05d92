using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Probation.Application.Data;

namespace Probation.Application.Demo.Bulk;

/// <summary>
/// W5's figures: how fast the loader wrote the biggest table (contacts) beside PostgreSQL's own limit,
/// COPY of the same rows from a file into an empty copy of the table.
/// </summary>
public sealed record CopyMeasurement(
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("rowsPerSecond")] double RowsPerSecond,
    [property: JsonPropertyName("copyRows")] long CopyRows,
    [property: JsonPropertyName("copySeconds")] double CopySeconds,
    [property: JsonPropertyName("copyRowsPerSecond")] double CopyRowsPerSecond,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("loadRows")] long LoadRows,
    [property: JsonPropertyName("loadSeconds")] double LoadSeconds,
    [property: JsonPropertyName("loadRowsPerSecond")] double LoadRowsPerSecond,
    [property: JsonPropertyName("loadRatio")] double LoadRatio)
{
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}

public static class CopyLimit
{
    /// <summary>
    /// Writes the loaded contacts table to a binary COPY file, then times <c>COPY ... FROM</c> that file
    /// (sent from this client, as the loader's rows are) into an empty copy of the table with the same
    /// columns, defaults and indexes. The copy is dropped afterwards and the file deleted.
    /// </summary>
    public static async Task<CopyMeasurement> MeasureAsync(DbContextOptions<ProbationDbContext> options, BulkLoadResult load, CancellationToken ct)
    {
        await using var db = new ProbationDbContext(options);
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            throw new InvalidOperationException("The COPY limit is measured on PostgreSQL.");
        }

        await db.Database.OpenConnectionAsync(ct);
        var table = Quote(load.ContactsTable);
        var copy = Quote(load.ContactsTable + "_copy_limit");
        var file = Path.Combine(Path.GetTempPath(), $"probation-copy-limit-{Guid.NewGuid():N}.bin");
        try
        {
            await using (var export = await connection.BeginRawBinaryCopyAsync($"COPY {table} TO STDOUT (FORMAT BINARY)", ct))
            await using (var output = File.Create(file))
            {
                await export.CopyToAsync(output, ct);
            }

            await Execute(connection, $"DROP TABLE IF EXISTS {copy}; CREATE TABLE {copy} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)", ct);
            var watch = Stopwatch.StartNew();
            await using (var import = await connection.BeginRawBinaryCopyAsync($"COPY {copy} FROM STDIN (FORMAT BINARY)", ct))
            await using (var input = File.OpenRead(file))
            {
                await input.CopyToAsync(import, ct);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {copy}", connection);
            var copied = (long)(await count.ExecuteScalarAsync(ct))!;
            var (rows, time) = load.Tables[load.ContactsTable];
            var rate = rows / Math.Max(1e-6, time.TotalSeconds);
            var copyRate = copied / Math.Max(1e-6, seconds);
            var loadRate = load.Rows / Math.Max(1e-6, load.Elapsed.TotalSeconds);
            return new CopyMeasurement(load.ContactsTable, rows, time.TotalSeconds, rate, copied, seconds, copyRate, rate / copyRate,
                load.Rows, load.Elapsed.TotalSeconds, loadRate, loadRate / copyRate);
        }
        finally
        {
            await Execute(connection, $"DROP TABLE IF EXISTS {copy}", ct);
            File.Delete(file);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
#pragma warning disable CA2100 // identifiers come from the model
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
