using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Probation.Application.Data;
using Probation.Domain.Audit;
using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>
/// The row count of every table of the model, and the sum of every concurrency version (so an update of a versioned
/// record shows too), read in one statement. Reads write consultation and disclosure rows to the audit log, so the log
/// is counted by its rows of changes only (collected, altered, erased), with their subjects.
/// </summary>
public sealed class DatabaseCensus : IAsyncDisposable
{
    private static readonly string[] ChangeActions = [nameof(AuditAction.Collected), nameof(AuditAction.Altered), nameof(AuditAction.Erased)];

    private readonly ProbationAppFactory _app;
    private readonly string _sql;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private DbConnection? _connection;

    public IReadOnlyList<string> Labels { get; }

    private DatabaseCensus(ProbationAppFactory app, IReadOnlyList<string> labels, string sql, string connectionString)
    {
        _app = app;
        Store = new Store(app.DatabaseProvider, connectionString);
        Labels = labels;
        _sql = sql;
    }

    /// <summary>The app's database, opened beside it.</summary>
    private Store Store { get; }

    public static Task<DatabaseCensus> ForAsync(ProbationAppFactory app) => app.WithDbAsync(async db =>
    {
        var audit = db.Model.FindEntityType(typeof(AuditEntry))!;
        var subjects = db.Model.FindEntityType(typeof(AuditSubject))!;
        var auditTable = audit.GetTableName()!;
        var subjectTable = subjects.GetTableName()!;
        var auditStore = StoreObjectIdentifier.Table(auditTable, audit.GetSchema());
        var action = audit.FindProperty(nameof(AuditEntry.Action))!.GetColumnName(auditStore)!;
        var entryId = subjects.FindProperty(nameof(AuditSubject.AuditEntryId))!.GetColumnName(StoreObjectIdentifier.Table(subjectTable, subjects.GetSchema()))!;
        var id = audit.FindProperty(nameof(AuditEntry.Id))!.GetColumnName(auditStore)!;
        var changes = string.Join(", ", ChangeActions.Select(a => $"'{a}'"));

        // The log only grows, and reads add to it all the time: its rows of changes are counted from where it stood
        // when the census began, which keeps each census to the new rows rather than the whole log.
        var since = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;

        var labels = new List<string>();
        var parts = new List<string>();
        foreach (var table in db.Model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (table.Name == auditTable)
            {
                labels.Add(table.Name + " (changes since the census began)");
                parts.Add($"(SELECT count(*) FROM \"{auditTable}\" WHERE \"{id}\" > {since} AND \"{action}\" IN ({changes}))");
                continue;
            }

            if (table.Name == subjectTable)
            {
                labels.Add(table.Name + " (of those changes)");
                parts.Add($"(SELECT count(*) FROM \"{auditTable}\" a JOIN \"{subjectTable}\" s ON s.\"{entryId}\" = a.\"{id}\" WHERE a.\"{id}\" > {since} AND a.\"{action}\" IN ({changes}))");
                continue;
            }

            labels.Add(table.Name);
            parts.Add($"(SELECT count(*) FROM \"{table.Name}\")");
            foreach (var column in table.Columns.Where(c => c.PropertyMappings.Any(m => m.Property.IsConcurrencyToken && (Nullable.GetUnderlyingType(m.Property.ClrType) ?? m.Property.ClrType) is var t && (t == typeof(int) || t == typeof(long)))))
            {
                labels.Add($"{table.Name}.{column.Name} (sum)");
                parts.Add($"(SELECT coalesce(sum(\"{column.Name}\"), 0) FROM \"{table.Name}\")");
            }
        }

        return new DatabaseCensus(app, labels, "SELECT " + string.Join(", ", parts), db.Database.GetConnectionString()!);
    });

    /// <summary>The figures now, in the order of <see cref="Labels"/>, read on one connection kept open for the census (opening one costs more than the count).</summary>
    public async Task<long[]> TakeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            _connection ??= await Store.OpenAsync();

            await using var command = _connection.CreateCommand();
            command.CommandText = _sql;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var figures = new long[Labels.Count];
            for (var i = 0; i < figures.Length; i++)
            {
                figures[i] = Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            return figures;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _lock.Dispose();
    }

    /// <summary>The figures that differ between two censuses, in words; empty when none does.</summary>
    public string Difference(long[] before, long[] after) =>
        string.Join(", ", Labels.Select((label, i) => (label, i)).Where(x => before[x.i] != after[x.i]).Select(x => $"{x.label} {before[x.i]} → {after[x.i]}"));

    /// <summary>
    /// What the database's own checks find wrong (SQLite's integrity and foreign key checks, PostgreSQL's amcheck of
    /// every index and table): empty when they pass.
    /// </summary>
    public Task<List<string>> IntegrityProblemsAsync() => Store.IntegrityProblemsAsync();

    /// <summary>
    /// Stored text longer than the model allows: SQLite keeps it, PostgreSQL would refuse it with an error, so a write
    /// that stored it must have skipped the use case's length check.
    /// </summary>
    public Task<IReadOnlyList<string>> OverLongTextAsync() => _app.WithDbAsync(async db =>
    {
        var faults = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            foreach (var column in table.Columns.Where(c => c.PropertyMappings.FirstOrDefault()?.Property is { } p && p.ClrType == typeof(string) && p.GetMaxLength() is not null))
            {
                var max = column.PropertyMappings.First().Property.GetMaxLength()!.Value;
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM \"{table.Name}\" WHERE length(\"{column.Name}\") > {max}";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) is var n and > 0)
                {
                    faults.Add($"{table.Name}.{column.Name}: {n} values longer than {max}");
                }
            }
        }

        return (IReadOnlyList<string>)faults;
    });

    /// <summary>
    /// Every column of every table that holds one of the values: <paramref name="text"/> inside any text column, and
    /// <paramref name="number"/> in any whole-number column, and <paramref name="date"/> in any date or time column
    /// (read as text, which starts with the date on either engine). Text is matched in any letter case. Each hit is
    /// named as table.column.
    /// </summary>
    public Task<IReadOnlyList<string>> FindAsync(string text, long number, DateOnly date) => _app.WithDbAsync(async db =>
    {
        var hits = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            foreach (var column in table.Columns)
            {
                var type = column.PropertyMappings.FirstOrDefault()?.Property.ClrType is { } clr ? Nullable.GetUnderlyingType(clr) ?? clr : null;
                await using var command = connection.CreateCommand();
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@v";
                // Text in any letter case (SQLite's LIKE ignores case, PostgreSQL's does not); dates as text.
                var name = $"\"{column.Name}\"";
                (parameter.Value, var value, var test) = type switch
                {
                    _ when type == typeof(string) => ((object)$"%{text.ToLowerInvariant()}%", $"lower({name})", "LIKE @v"),
                    _ when type == typeof(int) || type == typeof(long) => (number, name, "= @v"),
                    _ when type == typeof(DateOnly) || type == typeof(DateTime) => (date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "%", $"CAST({name} AS TEXT)", "LIKE @v"),
                    _ => (null!, name, null),
                };
                if (test is null)
                {
                    continue;
                }

                command.Parameters.Add(parameter);
                command.CommandText = $"SELECT count(*) FROM \"{table.Name}\" WHERE {value} {test}";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) is var n and > 0)
                {
                    hits.Add($"{table.Name}.{column.Name} ({n})");
                }
            }
        }

        return (IReadOnlyList<string>)hits;
    });
}
