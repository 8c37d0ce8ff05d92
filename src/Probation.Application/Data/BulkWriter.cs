using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Probation.Application.Data;

/// <summary>
/// Writes every entity a context has been told to add, table by table (parents first), through the
/// database's bulk path: PostgreSQL binary COPY, or on SQLite one prepared INSERT reused for every row.
/// Everything it writes comes from the EF Core model: tables, columns (shadow and owned properties too,
/// an owned type's columns merged into its owner's row), store types and value converters. Generated keys
/// are given client-side from a counter per table that starts above the table's highest key, so rows
/// point at each other before anything is written; <see cref="ResetSequencesAsync"/> moves PostgreSQL's
/// identity sequences past them afterwards.
/// </summary>
public sealed partial class BulkWriter
{
    private readonly Dictionary<ITable, TablePlan> _tables;
    private readonly Dictionary<IEntityType, EntityPlan> _entities;
    private readonly Dictionary<ITable, long> _nextKey = [];

    public BulkWriter(IModel model)
    {
        var relational = model.GetRelationalModel();
        var ordered = Order(relational.Tables.ToList());
        _tables = ordered.Select((t, i) => new TablePlan(t, i)).ToDictionary(p => p.Table);
        _entities = [];
        foreach (var type in model.GetEntityTypes())
        {
            var mapping = type.GetTableMappings().SingleOrDefault();
            if (mapping is null)
            {
                continue;
            }

            var table = _tables[mapping.Table];
            var columns = mapping.ColumnMappings
                .Select(c => new ColumnValue(c.Property, table.Columns.IndexOf(c.Column), c.TypeMapping))
                .ToArray();
            var key = type.FindPrimaryKey()!;
            var generated = key.Properties.Count == 1 && key.Properties[0].ValueGenerated == ValueGenerated.OnAdd
                && !key.Properties[0].IsForeignKey() && IsCounted(key.Properties[0])
                ? key.Properties[0] : null;
            var keyed = type.GetProperties().Where(p => p.IsKey() || p.IsForeignKey()).ToArray();
            _entities[type] = new EntityPlan(table, columns, generated, keyed,
                key.Properties.Select(p => mapping.ColumnMappings.Single(c => c.Property == p).Column).Select(c => table.Columns.IndexOf(c)).ToArray());
        }
    }

    /// <summary>
    /// For a database others write to meanwhile (an import on a live system): each write takes its keys afresh instead
    /// of counting on from the highest key it saw. On PostgreSQL they come from the column's identity sequence, so a row
    /// another user adds at the same time can never take one; on SQLite from the table's high-water mark read inside the
    /// caller's transaction, which holds SQLite's one write lock from its first write to its commit. No sequence needs
    /// resetting afterwards. Used with <see cref="WriteGraphAsync"/>.
    /// </summary>
    public bool ReserveKeys { get; init; }

    /// <summary>Tables in the order they are written (a table after every table it points at), each with its columns.</summary>
    public IReadOnlyList<(string Table, IReadOnlyList<string> Columns)> Plan =>
        _tables.Values.OrderBy(t => t.Order).Select(t => (t.Table.Name, (IReadOnlyList<string>)t.Columns.Select(c => c.Name).ToList())).ToList();

    /// <summary>Rows written and time spent writing them, per table, since this writer was made.</summary>
    public IReadOnlyDictionary<string, (long Rows, TimeSpan Time)> Written =>
        _tables.Values.Where(t => t.Rows > 0).ToDictionary(t => t.Table.Name, t => (t.Rows, t.Time));

    /// <summary>Adds time spent on a table after its rows were written (its foreign keys checked when put back after a load).</summary>
    public void AddTime(string table, TimeSpan time)
    {
        if (_tables.Values.FirstOrDefault(t => t.Table.Name == table && t.Table.Schema is null or "public") is { } plan)
        {
            plan.Time += time;
        }
    }

    /// <summary>
    /// Writes the rows of every added entity in the context inside its current transaction, gives each
    /// generated key its value on the entity (so the objects can be used afterwards, as after SaveChanges)
    /// and marks them saved. Returns the number of rows written.
    /// </summary>
    public async Task<int> WriteAddedAsync(DbContext db, CancellationToken ct)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return 0;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        // Keys first: setting a principal's key moves the foreign keys of its tracked dependents with it.
        foreach (var entry in added)
        {
            var plan = _entities[entry.Metadata];
            if (plan.GeneratedKey is { } key && entry.Property(key).IsTemporary)
            {
                if (!_nextKey.TryGetValue(plan.Table.Table, out var next))
                {
                    next = await MaxKeyAsync(db, plan.Table, key, transaction, ct);
                }

                _nextKey[plan.Table.Table] = ++next;
                entry.Property(key).CurrentValue = KeyValue(key, next);
            }
        }

        var rows = new Dictionary<TablePlan, List<object?[]>>();
        var shared = new Dictionary<(TablePlan, string), object?[]>();
        foreach (var entry in added)
        {
            var plan = _entities[entry.Metadata];
            foreach (var p in plan.Keyed)
            {
                if (entry.Property(p).IsTemporary)
                {
                    throw new InvalidOperationException($"{entry.Metadata.DisplayName()}.{p.Name} still has a temporary value: it points at a row that is neither added nor saved.");
                }
            }

            var values = entry.CurrentValues;
            object?[] row;
            if (plan.Table.Shared)
            {
                // Table splitting (an owned type stored in its owner's row): one row per primary key.
                var id = string.Join('|', plan.KeyColumns.Select(i => values[plan.Columns.First(c => c.Index == i).Property]));
                if (!shared.TryGetValue((plan.Table, id), out row!))
                {
                    row = new object?[plan.Table.Columns.Count];
                    shared[(plan.Table, id)] = row;
                    Rows(rows, plan.Table).Add(row);
                }
            }
            else
            {
                row = new object?[plan.Table.Columns.Count];
                Rows(rows, plan.Table).Add(row);
            }

            foreach (var c in plan.Columns)
            {
                row[c.Index] = new Cell(values[c.Property], c.Mapping);
            }
        }

        var total = 0;
        foreach (var (table, list) in rows.OrderBy(r => r.Key.Order))
        {
            var watch = Stopwatch.StartNew();
            if (connection is NpgsqlConnection npgsql)
            {
                Copy(npgsql, table, list, ct);
            }
            else
            {
                Insert(connection, transaction, table, list, ct);
            }

            table.Rows += list.Count;
            table.Time += watch.Elapsed;
            total += list.Count;
        }

        foreach (var entry in added)
        {
            entry.State = EntityState.Unchanged;
        }

        return total;
    }

    /// <summary>
    /// After a load on PostgreSQL: each identity column's sequence continues after the highest key; only the tables of
    /// <paramref name="only"/> when given (the tables a live system lets nothing else write while this runs).
    /// </summary>
    public static async Task ResetSequencesAsync(DbContext db, CancellationToken ct, params Type[] only)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection)
        {
            return; // SQLite's AUTOINCREMENT keeps its high-water mark as rows are inserted with their keys.
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = only.Length == 0
            ? db.Model.GetRelationalModel().Tables
            : only.Select(t => db.Model.FindEntityType(t)?.GetTableMappings().Single().Table ?? throw new ArgumentException($"{t.Name} is not in the model.", nameof(only)));
        foreach (var table in tables)
        {
            foreach (var column in table.Columns.Where(c => c.PropertyMappings.Any(m => m.Property.ValueGenerated == ValueGenerated.OnAdd && m.Property.IsPrimaryKey() && IsCounted(m.Property))))
            {
                var name = sql.DelimitIdentifier(table.Name, table.Schema);
                var col = sql.DelimitIdentifier(column.Name);
                var literal = Literal(name);
                var columnLiteral = Literal(column.Name);
#pragma warning disable EF1002 // identifiers come from the model, not from input
                await db.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence({literal}, {columnLiteral}), COALESCE((SELECT MAX({col}) FROM {name}), 0) + 1, false)", ct);
#pragma warning restore EF1002
            }
        }
    }

    /// <summary>A key this writer gives from its counter: a whole number, <c>int</c> or <c>long</c>.</summary>
    private static bool IsCounted(IProperty key) => key.ClrType == typeof(int) || key.ClrType == typeof(long);

    /// <summary>Whether a counted key still has its unset value (zero).</summary>
    private static bool IsUnset(IProperty key, object entity) => Convert.ToInt64(key.GetGetter().GetClrValue(entity), System.Globalization.CultureInfo.InvariantCulture) == 0;

    private static object KeyValue(IProperty key, long next) => key.ClrType == typeof(long) ? next : (object)checked((int)next);

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static List<object?[]> Rows(Dictionary<TablePlan, List<object?[]>> rows, TablePlan table)
    {
        if (!rows.TryGetValue(table, out var list))
        {
            list = [];
            rows[table] = list;
        }

        return list;
    }

    private static async Task<IReadOnlyList<long>> ReserveKeysAsync(DbContext db, TablePlan table, IProperty key, int count, DbTransaction? transaction, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var column = key.GetColumnName(StoreObjectIdentifier.Table(table.Table.Name, table.Table.Schema))!;
        var name = sql.DelimitIdentifier(table.Table.Name, table.Table.Schema);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        var keys = new List<long>(count);
        if (command is NpgsqlCommand)
        {
#pragma warning disable CA2100 // identifiers come from the model, not from input
            command.CommandText = $"SELECT nextval(pg_get_serial_sequence({Literal(name)}, {Literal(column)})) FROM generate_series(1, {count})";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                keys.Add(reader.GetInt64(0));
            }

            return keys;
        }

        // SQLite: past both the highest key and AUTOINCREMENT's high-water mark, so the key of a deleted row is never given again.
#pragma warning disable CA2100 // identifiers come from the model, not from input
        command.CommandText = $"SELECT MAX(COALESCE((SELECT MAX({sql.DelimitIdentifier(column)}) FROM {name}), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = {Literal(table.Table.Name)}), 0))";
#pragma warning restore CA2100
        var high = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 1; i <= count; i++)
        {
            keys.Add(high + i);
        }

        return keys;
    }

    private static async Task<long> MaxKeyAsync(DbContext db, TablePlan table, IProperty key, DbTransaction? transaction, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var column = key.GetColumnName(StoreObjectIdentifier.Table(table.Table.Name, table.Table.Schema))!;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // identifiers come from the model, not from input
        command.CommandText = $"SELECT COALESCE(MAX({sql.DelimitIdentifier(column)}), 0) FROM {sql.DelimitIdentifier(table.Table.Name, table.Table.Schema)}";
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Copy(NpgsqlConnection connection, TablePlan table, List<object?[]> rows, CancellationToken ct)
    {
        // Synchronous on purpose, as the direct path: a task per value costs more than the value.
        using var importer = connection.BeginBinaryImport(table.CopySql);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            for (var i = 0; i < row.Length; i++)
            {
                var value = row[i] is Cell cell ? cell.ProviderValue : null;
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, table.DataTypes[i]);
                }
            }
        }

        importer.Complete();
    }

    private static void Insert(DbConnection connection, DbTransaction? transaction, TablePlan table, List<object?[]> rows, CancellationToken ct)
    {
        // Synchronous on purpose: SQLite has no asynchronous I/O, and a task per row costs more than the insert.
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // identifiers come from the model, not from input
        command.CommandText = table.InsertSql;
#pragma warning restore CA2100
        command.Prepare();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            command.Parameters.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                // The parameter is made by the column's type mapping, with its value converter, as EF makes it.
                command.Parameters.Add(row[i] is Cell cell
                    ? cell.Mapping.CreateParameter(command, table.Parameters[i], cell.Value, nullable: true)
                    : Null(command, table.Parameters[i]));
            }

            command.ExecuteNonQuery();
        }
    }

    private static DbParameter Null(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = DBNull.Value;
        return p;
    }

    private static List<ITable> Order(List<ITable> tables)
    {
        // Parents first: a table is written after every other table its foreign keys point at.
        var ordered = new List<ITable>();
        var done = new HashSet<ITable>();
        var visiting = new HashSet<ITable>();
        void Visit(ITable t)
        {
            if (done.Contains(t) || !visiting.Add(t))
            {
                return;
            }

            foreach (var fk in t.ForeignKeyConstraints.OrderBy(f => f.PrincipalTable.Name, StringComparer.Ordinal))
            {
                if (fk.PrincipalTable != t)
                {
                    Visit((ITable)fk.PrincipalTable);
                }
            }

            visiting.Remove(t);
            done.Add(t);
            ordered.Add(t);
        }

        foreach (var t in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Visit(t);
        }

        return ordered;
    }

    private sealed record Cell(object? Value, RelationalTypeMapping Mapping)
    {
        public object? ProviderValue => Value is null ? null : Mapping.Converter is { } c ? c.ConvertToProvider(Value) : Value;
    }

    private sealed record ColumnValue(IProperty Property, int Index, RelationalTypeMapping Mapping);

    private sealed record EntityPlan(TablePlan Table, ColumnValue[] Columns, IProperty? GeneratedKey, IProperty[] Keyed, int[] KeyColumns);

    private sealed class TablePlan
    {
        public TablePlan(ITable table, int order)
        {
            Table = table;
            Order = order;
            Columns = table.Columns.ToList();
            Shared = table.EntityTypeMappings.Count() > 1;
            var name = table.Schema is null ? Quote(table.Name) : Quote(table.Schema) + "." + Quote(table.Name);
            var columnList = string.Join(", ", Columns.Select(c => Quote(c.Name)));
            CopySql = $"COPY {name} ({columnList}) FROM STDIN (FORMAT BINARY)";
            Parameters = Columns.Select((_, i) => "@p" + i).ToArray();
            InsertSql = $"INSERT INTO {name} ({columnList}) VALUES ({string.Join(", ", Parameters)})";

            // COPY sends values in the column's own binary format, named without its length or precision.
            DataTypes = Columns.Select(c => c.StoreType.Split('(')[0].Trim()).ToArray();
        }

        public ITable Table { get; }

        public int Order { get; }

        public List<IColumn> Columns { get; }

        public bool Shared { get; }

        public string CopySql { get; }

        public string InsertSql { get; }

        public string[] Parameters { get; }

        public string[] DataTypes { get; }

        public long Rows { get; set; }

        public TimeSpan Time { get; set; }

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
