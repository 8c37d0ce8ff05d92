using System.Data.Common;
using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Probation.Application.Data;

/// <summary>
/// The direct path: rows straight from the generated objects, with no change tracker in between. The EF
/// model is still the source of everything written: the navigations followed, the keys and foreign keys set,
/// the tables and columns, owned types merged into their owner's row, each column's type mapping and value
/// converter. What it does is what <c>DbSet.Add</c> and <c>SaveChanges</c> do for a graph of new objects:
/// every object reachable from the roots that has no key yet is new (an object with a key, such as a saved
/// site or officer, is pointed at and not written), each new object gets the next key of its table, every
/// foreign key is set from the object its navigation holds, and the rows are written table by table,
/// parents first, one COPY (or one prepared INSERT) per table.
/// </summary>
public sealed partial class BulkWriter
{
    private readonly Dictionary<Type, IEntityType?> _typeOf = [];
    private readonly Dictionary<IEntityType, GraphPlan> _graph = [];
    private readonly Dictionary<IPropertyBase, Action<object, object?>> _setters = [];

    /// <summary>
    /// Writes every new object reachable from <paramref name="roots"/> inside the connection's current
    /// transaction, giving each its key (so the objects can be used afterwards, as after SaveChanges).
    /// Returns the number of rows written.
    /// </summary>
    public async Task<int> WriteGraphAsync(DbContext db, IEnumerable<object> roots, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        // 1. Every new object reachable from the roots, by table.
        var found = new Dictionary<TablePlan, List<(object Entity, GraphPlan Plan)>>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var shadow = new Dictionary<(object, IProperty), object?>();
        var stack = new Stack<object>(roots);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            if (!seen.Add(entity))
            {
                continue;
            }

            var plan = GraphOf(entity.GetType());
            if (!found.TryGetValue(plan.Table, out var list))
            {
                found[plan.Table] = list = [];
            }

            list.Add((entity, plan));
            foreach (var navigation in plan.Navigations)
            {
                var value = navigation.Get.GetClrValue(entity);
                if (value is null)
                {
                    continue;
                }

                foreach (var target in navigation.Navigation.IsCollection ? ((System.Collections.IEnumerable)value).Cast<object>() : [value])
                {
                    if (!seen.Contains(target) && IsNew(target, navigation.Navigation))
                    {
                        stack.Push(target);
                    }
                }
            }
        }

        // 2. Keys for the new objects, from each table's counter, or reserved where others write at the same time.
        foreach (var (table, list) in found)
        {
            if (ReserveKeys)
            {
                var unset = list.Where(e => e.Plan.GeneratedKey is { } k && IsUnset(k, e.Entity)).ToList();
                if (unset.Count > 0)
                {
                    var key = unset[0].Plan.GeneratedKey!;
                    var keys = await ReserveKeysAsync(db, table, key, unset.Count, transaction, ct);
                    for (var i = 0; i < unset.Count; i++)
                    {
                        Set(unset[i].Entity, key, KeyValue(key, keys[i]), shadow);
                    }
                }

                continue;
            }

            foreach (var (entity, plan) in list)
            {
                if (plan.GeneratedKey is { } key && IsUnset(key, entity))
                {
                    if (!_nextKey.TryGetValue(table.Table, out var next))
                    {
                        next = await MaxKeyAsync(db, table, key, transaction, ct);
                    }

                    _nextKey[table.Table] = ++next;
                    Set(entity, key, KeyValue(key, next), shadow);
                }
            }
        }

        // 3. Foreign keys from the objects the navigations hold, parents first so a key made of foreign keys is whole before it is copied.
        var ordered = found.OrderBy(t => t.Key.Order).ToList();
        foreach (var (_, list) in ordered)
        {
            foreach (var (entity, plan) in list)
            {
                foreach (var navigation in plan.Navigations)
                {
                    var value = navigation.Get.GetClrValue(entity);
                    if (value is null)
                    {
                        continue;
                    }

                    var fk = navigation.Navigation.ForeignKey;
                    if (navigation.Navigation.IsOnDependent)
                    {
                        Copy(value, fk.PrincipalKey.Properties, entity, fk.Properties, shadow);
                    }
                    else
                    {
                        foreach (var dependent in navigation.Navigation.IsCollection ? ((System.Collections.IEnumerable)value).Cast<object>() : [value])
                        {
                            Copy(entity, fk.PrincipalKey.Properties, dependent, fk.Properties, shadow);
                        }
                    }
                }
            }
        }

        // 4. The rows, table by table, parents first.
        var total = 0;
        foreach (var (table, list) in ordered)
        {
            var watch = Stopwatch.StartNew();
            if (connection is NpgsqlConnection npgsql)
            {
                Copy(npgsql, table, list, shadow, ct);
            }
            else
            {
                Insert(connection, transaction, table, list, shadow, ct);
            }

            table.Rows += list.Count;
            table.Time += watch.Elapsed;
            total += list.Count;
        }

        return total;
    }

    /// <summary>An object reached through a navigation is new unless it points at a principal that already has its key (a saved site, team or officer).</summary>
    private bool IsNew(object target, INavigation navigation)
    {
        if (!navigation.IsOnDependent)
        {
            return true;
        }

        var plan = GraphOf(target.GetType());
        return plan.GeneratedKey is { } key && IsUnset(key, target);
    }

    private void Copy(object principal, IReadOnlyList<IProperty> from, object dependent, IReadOnlyList<IProperty> to, Dictionary<(object, IProperty), object?> shadow)
    {
        for (var i = 0; i < from.Count; i++)
        {
            Set(dependent, to[i], Get(principal, from[i], shadow), shadow);
        }
    }

    private static object? Get(object entity, IProperty property, Dictionary<(object, IProperty), object?> shadow) =>
        property.IsShadowProperty() ? shadow.GetValueOrDefault((entity, property)) : property.GetGetter().GetClrValue(entity);

    private void Set(object entity, IProperty property, object? value, Dictionary<(object, IProperty), object?> shadow)
    {
        if (property.IsShadowProperty())
        {
            shadow[(entity, property)] = value;
            return;
        }

        if (!_setters.TryGetValue(property, out var set))
        {
            _setters[property] = set = Setter(property);
        }

        set(entity, value);
    }

    private static Action<object, object?> Setter(IProperty property)
    {
        var member = (MemberInfo?)property.PropertyInfo is { } p && ((PropertyInfo)p).CanWrite ? p : property.FieldInfo
            ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} cannot be set.");
        var entity = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(object));
        var body = Expression.Assign(
            Expression.MakeMemberAccess(Expression.Convert(entity, member.DeclaringType!), member),
            Expression.Convert(value, property.ClrType));
        return Expression.Lambda<Action<object, object?>>(body, entity, value).Compile();
    }

    private GraphPlan GraphOf(Type clr)
    {
        if (!_typeOf.TryGetValue(clr, out var type))
        {
            _typeOf[clr] = type = _entities.Keys.SingleOrDefault(t => t.ClrType == clr && !t.IsOwned() && !t.HasSharedClrType);
        }

        if (type is null)
        {
            throw new InvalidOperationException($"{clr.Name} is not an entity type of its own in the model.");
        }

        if (_graph.TryGetValue(type, out var plan))
        {
            return plan;
        }

        var entity = _entities[type];
        var table = entity.Table;
        var columns = new ColumnGetter?[table.Columns.Count];
        foreach (var c in entity.Columns)
        {
            columns[c.Index] = new ColumnGetter(c.Property, null, c.Mapping);
        }

        // Owned types stored in the owner's row: their columns (not the key, which is the owner's) from the owned object.
        foreach (var owned in type.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent))
        {
            if (owned.IsCollection || _entities[owned.TargetEntityType].Table != table)
            {
                throw new InvalidOperationException($"{type.DisplayName()}.{owned.Name} is owned in a table of its own: the direct writer stores owned types in their owner's row only.");
            }

            foreach (var c in _entities[owned.TargetEntityType].Columns.Where(c => !c.Property.IsPrimaryKey()))
            {
                columns[c.Index] = new ColumnGetter(c.Property, owned, c.Mapping);
            }
        }

        var navigations = type.GetNavigations().Where(n => !n.ForeignKey.IsOwnership).Select(n => new NavigationGetter(n, n.GetGetter())).ToArray();
        if (type.GetSkipNavigations().Any())
        {
            throw new InvalidOperationException($"{type.DisplayName()} has many-to-many navigations the direct writer does not follow.");
        }

        plan = new GraphPlan(type, table, entity.GeneratedKey, navigations, columns);
        _graph[type] = plan;
        return plan;
    }

    private static object? Value(object entity, ColumnGetter column, Dictionary<(object, IProperty), object?> shadow)
    {
        var owner = column.Owned is { } owned ? owned.GetGetter().GetClrValue(entity) : entity;
        return owner is null ? null : Get(owner, column.Property, shadow);
    }

    private static void Copy(NpgsqlConnection connection, TablePlan table, List<(object Entity, GraphPlan Plan)> rows, Dictionary<(object, IProperty), object?> shadow, CancellationToken ct)
    {
        // Synchronous on purpose: one row is a few microseconds of work, and a task per value costs more than the value.
        using var importer = connection.BeginBinaryImport(table.CopySql);
        foreach (var (entity, plan) in rows)
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            for (var i = 0; i < plan.Columns.Length; i++)
            {
                var column = plan.Columns[i];
                var value = column is null ? null : Value(entity, column, shadow);
                if (value is not null && column!.Mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

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

    private static void Insert(DbConnection connection, DbTransaction? transaction, TablePlan table, List<(object Entity, GraphPlan Plan)> rows, Dictionary<(object, IProperty), object?> shadow, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // identifiers come from the model, not from input
        command.CommandText = table.InsertSql;
#pragma warning restore CA2100
        command.Prepare();
        foreach (var (entity, plan) in rows)
        {
            ct.ThrowIfCancellationRequested();
            command.Parameters.Clear();
            for (var i = 0; i < plan.Columns.Length; i++)
            {
                // The parameter is made by the column's type mapping, with its value converter, as EF makes it.
                command.Parameters.Add(plan.Columns[i] is { } column
                    ? column.Mapping.CreateParameter(command, table.Parameters[i], Value(entity, column, shadow), nullable: true)
                    : Null(command, table.Parameters[i]));
            }

            command.ExecuteNonQuery();
        }
    }

    private sealed record ColumnGetter(IProperty Property, INavigation? Owned, RelationalTypeMapping Mapping);

    private sealed record NavigationGetter(INavigation Navigation, IClrPropertyGetter Get);

    private sealed record GraphPlan(IEntityType Type, TablePlan Table, IProperty? GeneratedKey, NavigationGetter[] Navigations, ColumnGetter?[] Columns);
}
