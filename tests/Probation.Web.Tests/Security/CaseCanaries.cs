using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Probation.Application.Data;
using Probation.Domain.Cases;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Plants a unique marker in every text column of every row that belongs to a case: the person's own row and every
/// table that reaches it through foreign keys (orders, requirements, contacts, plans and their objectives, assessments,
/// reviews, referrals, bookings, inspection ratings...), found from the data model rather than listed by hand, so a
/// column added later is covered without a change here. Where a case holds no row of such a table, one is copied from
/// another case and attached to it, so every case carries every kind of record.
/// </summary>
/// <remarks>
/// A marker is the run's tag, a letter naming the case and a number naming the column: "3F9A0C2EK017"; a column too
/// narrow for that (a postcode) gets the tag's first five characters, the letter and a two-digit number: "3F9A0K01". The audit
/// tables are left alone: they are append-only, and they are the record of who read the case, not the case.
/// </remarks>
public sealed class CaseCanaries
{
    /// <summary>Tables that refer to a case but hold no data of it to show: the audit log and its seals.</summary>
    private static readonly string[] NotCaseData = ["AuditEntry", "AuditSubject", "AuditSeal"];

    /// <summary>
    /// Tables whose rows decide who may read a case or whether it is in an inspection's sample. A copied row would move
    /// the case into another situation than the one chosen for it, so a case has markers in these only where it holds
    /// rows of its own.
    /// </summary>
    private static readonly string[] NeverCopied = ["CaseAccessEntries", "SampledCases"];

    /// <summary>Columns that hold a key into the inspection framework's catalogue (its version, question and prompt ids).</summary>
    private static readonly string[] CatalogueCodes = ["CaseAssessments.FrameworkVersion", "KeyQuestionJudgements.KeyQuestionId", "PromptAnswers.PromptId"];

    private readonly ProbationDbContext db;
    private readonly string tag;
    private readonly List<Table> tables;
    private readonly Dictionary<string, string> caseOfMarker = new(StringComparer.Ordinal);

    private readonly string personTable;

    private CaseCanaries(ProbationDbContext db, string tag)
    {
        this.db = db;
        this.tag = tag;
        personTable = db.Model.FindEntityType(typeof(PersonOnProbation))!.GetTableName()!;
        tables = CaseTables(db.Model, personTable);
    }

    /// <summary>The marker prefix shared by every marker of the run.</summary>
    public string Tag => tag;

    /// <summary>Every text column that took a marker, as "table.column", in the order of their numbers.</summary>
    public IReadOnlyList<string> Columns => tables.SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c}")).ToList();

    /// <summary>Text columns of case tables that cannot hold a marker, with the reason.</summary>
    public IReadOnlyList<string> Skipped => tables.SelectMany(t => t.Skipped.Select(s => $"{t.Name}.{s}")).ToList();

    /// <summary>The tables that hold a case's data, in the order their rows are found (each after the tables it refers to).</summary>
    public IReadOnlyList<string> Tables => tables.Select(t => t.Name).ToList();

    /// <summary>Rows copied from another case because a case had none of that table, as "case: table".</summary>
    public List<string> Copied { get; } = [];

    /// <summary>Tables that decide access or sampling, which a case holds no row of and is left without.</summary>
    public List<string> LeftWithout { get; } = [];

    /// <summary>How many text columns the case has no marker in, for holding no row of a table that decides access or sampling.</summary>
    public int ColumnsLeftWithout(string caseTag) =>
        tables.Where(t => LeftWithout.Contains($"{caseTag}: {t.Name}")).Sum(t => t.Columns.Count);

    /// <summary>Tables a case holds no row of and none could be copied to, with the reason.</summary>
    public List<string> NotCopied { get; } = [];

    /// <summary>Which case (by the tag it was planted with) each marker belongs to.</summary>
    public IReadOnlyDictionary<string, string> CaseOfMarker => caseOfMarker;

    public static CaseCanaries For(ProbationDbContext db) => new(db, Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());

    private const int Long = 12;
    private const int Short = 8;

    private string ShortTag => tag[..5];

    /// <summary>
    /// Gives the case with <paramref name="personId"/> a row in every case table (copying one where it has none), then
    /// its marker in every text column of every row it holds. Returns the markers planted.
    /// </summary>
    public async Task<IReadOnlyList<string>> PlantAsync(string caseTag, char letter, int personId)
    {
        var idsByTable = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var markers = new List<string>();
        var number = 0;
        var narrowNumber = 0;
        foreach (var table in tables)
        {
            if (Condition(table, personId, idsByTable) is not { } condition)
            {
                continue;
            }

            if (table.KeyColumn is not null)
            {
                var ids = await IdsAsync(table, condition);
                if (ids.Count == 0 && await CopyAsync(table, caseTag, personId, idsByTable) is { } copied)
                {
                    ids = [copied];
                    condition = $"{Quote(table.KeyColumn)} = {copied.ToString(CultureInfo.InvariantCulture)}";
                }

                idsByTable[table.Name] = ids;
            }

            var set = new StringBuilder();
            var values = new List<string>();
            foreach (var column in table.Columns)
            {
                number++;
                set.Append(set.Length == 0 ? string.Empty : ", ").Append(Quote(column)).Append(" = {").Append(values.Count).Append('}');
                values.Add(table.Narrow.Contains(column) ? $"{ShortTag}{letter}{++narrowNumber:D2}" : $"{tag}{letter}{number:D3}");
            }

            // A marker counts only where the case holds a row to carry it.
            if (values.Count > 0 && await ExecuteAsync(db, $"UPDATE {Quote(table.Name)} SET {set} WHERE {condition}", values) > 0)
            {
                markers.AddRange(values);
                values.ForEach(v => caseOfMarker[v] = caseTag);
            }
        }

        return markers;
    }

    /// <summary>
    /// Reads the markers back from the database: for each case table's text column, how many rows hold a marker of this
    /// run. A column planted in no row shows here with 0.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> StoredAsync(ProbationDbContext context)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            foreach (var column in table.Columns)
            {
                counts[$"{table.Name}.{column}"] = await Query<int>(context, $"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM {Quote(table.Name)} WHERE {Quote(column)} LIKE {{0}}", ShortTag + "%")
                    .SingleAsync();
            }
        }

        return counts;
    }

    /// <summary>The markers of this run in <paramref name="text"/>, whatever their case (pages may show a name in capitals).</summary>
    public IReadOnlySet<string> In(string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var at = 0;
        while ((at = text.IndexOf(ShortTag, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            foreach (var length in (int[])[Long, Short])
            {
                if (at + length <= text.Length && text.Substring(at, length).ToUpperInvariant() is var candidate && caseOfMarker.ContainsKey(candidate))
                {
                    found.Add(candidate);
                }
            }

            at += ShortTag.Length;
        }

        return found;
    }

    private static string Quote(string name) => "\"" + name + "\"";

    // The statements here are built from the model's own table and column names and from integer keys; every value
    // (the markers) goes in as a parameter.
    private static Task<int> ExecuteAsync(ProbationDbContext context, string sql, IEnumerable<object>? values = null) =>
        context.Database.ExecuteSqlRawAsync(sql, values ?? []);

    private static IQueryable<T> Query<T>(ProbationDbContext context, string sql, params object[] values) =>
        context.Database.SqlQueryRaw<T>(sql, values);

    /// <summary>The rows of <paramref name="table"/> that belong to the case: those whose reference to a case table names one of its rows.</summary>
    private string? Condition(Table table, int personId, Dictionary<string, List<long>> idsByTable)
    {
        var parts = new List<string>();
        if (table.Name == personTable)
        {
            parts.Add($"{Quote(table.KeyColumn!)} = {personId.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var (column, principal) in table.References)
        {
            var ids = principal == personTable ? new List<long> { personId } : idsByTable.GetValueOrDefault(principal) ?? [];
            if (ids.Count > 0)
            {
                parts.Add($"{Quote(column)} IN ({string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})");
            }
        }

        return parts.Count == 0 ? null : "(" + string.Join(" OR ", parts) + ")";
    }

    private async Task<List<long>> IdsAsync(Table table, string condition) =>
        await Query<long>(db, $"SELECT CAST({Quote(table.KeyColumn!)} AS BIGINT) AS \"Value\" FROM {Quote(table.Name)} WHERE {condition} ORDER BY 1").ToListAsync();

    /// <summary>
    /// Copies the first row of <paramref name="table"/> (whoever it belongs to) to the case, pointing its references to
    /// case tables at the case's own rows. Null, with the reason kept in <see cref="NotCopied"/>, where the table is
    /// empty or the copy breaks one of its constraints.
    /// </summary>
    private async Task<long?> CopyAsync(Table table, string caseTag, int personId, Dictionary<string, List<long>> idsByTable)
    {
        if (NeverCopied.Contains(table.Name))
        {
            LeftWithout.Add($"{caseTag}: {table.Name}");
            return null;
        }

        var key = Quote(table.KeyColumn!);
        var first = table.Name == personTable ? null : await Query<long?>(db, $"SELECT CAST(MIN({key}) AS BIGINT) AS \"Value\" FROM {Quote(table.Name)}").SingleAsync();
        if (first is null)
        {
            NotCopied.Add($"{caseTag}: {table.Name} (no row to copy)");
            return null;
        }

        // The key is left to the database, unless it is itself the reference to the case (a row kept one to a case).
        var keyIsReference = table.References.Any(r => r.Column == table.KeyColumn);
        var columns = new List<string>();
        var selects = new List<string>();
        long? copiedKey = null;
        foreach (var column in table.AllColumns.Where(c => c != table.KeyColumn || keyIsReference))
        {
            columns.Add(Quote(column));
            var reference = table.References.FirstOrDefault(r => r.Column == column);
            var target = reference.Column is null ? null : reference.Principal == personTable ? personId : idsByTable.GetValueOrDefault(reference.Principal)?.FirstOrDefault();
            selects.Add(reference.Column is null ? Quote(column) : target is null or 0 ? "NULL" : target.Value.ToString(CultureInfo.InvariantCulture));
            if (column == table.KeyColumn)
            {
                copiedKey = target;
            }
        }

        try
        {
            await ExecuteAsync(db,
                $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns)}) SELECT {string.Join(", ", selects)} FROM {Quote(table.Name)} WHERE {key} = {first.Value.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (System.Data.Common.DbException e)
        {
            NotCopied.Add($"{caseTag}: {table.Name} ({e.Message.Split('\n')[0]})");
            return null;
        }

        Copied.Add($"{caseTag}: {table.Name}");
        return copiedKey ?? await Query<long>(db, $"SELECT CAST(MAX({key}) AS BIGINT) AS \"Value\" FROM {Quote(table.Name)}").SingleAsync();
    }

    /// <summary>One table of case data: its key, its references to other case tables, and its text columns.</summary>
    private sealed record Table(string Name, string? KeyColumn, IReadOnlyList<string> AllColumns, IReadOnlyList<(string Column, string Principal)> References, IReadOnlyList<string> Columns, IReadOnlyList<string> Narrow, IReadOnlyList<string> Skipped);

    /// <summary>The tables of case data, from the model: the person's table, then every table with a reference to one already found.</summary>
    private static List<Table> CaseTables(IModel model, string personTable)
    {
        var byTable = model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && !e.IsMappedToJson())
            .GroupBy(e => e.GetTableName()!)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var found = new List<string> { personTable };
        var references = new Dictionary<string, List<(string Column, string Principal)>>(StringComparer.Ordinal);
        bool more;
        do
        {
            more = false;
            foreach (var (name, types) in byTable)
            {
                if (found.Contains(name) || types.Any(t => NotCaseData.Contains(t.ClrType.Name)))
                {
                    continue;
                }

                var store = StoreObjectIdentifier.Table(name, types[0].GetSchema());
                var refs = types
                    .SelectMany(t => t.GetForeignKeys())
                    .Where(fk => fk.PrincipalEntityType.GetTableName() is { } p && p != name && found.Contains(p) && fk.Properties.Count == 1 && fk.PrincipalKey.IsPrimaryKey())
                    .Select(fk => (Column: fk.Properties[0].GetColumnName(store)!, Principal: fk.PrincipalEntityType.GetTableName()!))
                    .Distinct()
                    .ToList();
                if (refs.Count > 0)
                {
                    found.Add(name);
                    references[name] = refs;
                    more = true;
                }
            }
        }
        while (more);

        var tables = new List<Table>();
        foreach (var name in found)
        {
            var types = byTable[name];
            var store = StoreObjectIdentifier.Table(name, types[0].GetSchema());
            var properties = types.SelectMany(t => t.GetProperties()).Where(p => p.GetColumnName(store) is not null).ToList();
            var root = types.Single(t => t.BaseType is null && (!t.IsOwned() || t.FindOwnership()!.PrincipalEntityType.GetTableName() != name));
            var key = root.FindPrimaryKey() is { Properties.Count: 1 } pk && pk.Properties[0].ClrType is var kt && (kt == typeof(int) || kt == typeof(long)) ? pk.Properties[0].GetColumnName(store) : null;
            var all = properties.Select(p => p.GetColumnName(store)!).Distinct().ToList();
            var discriminators = types.Select(t => t.FindDiscriminatorProperty()).OfType<IProperty>().ToHashSet();
            var columns = new List<string>();
            var narrow = new List<string>();
            var skipped = new List<string>();
            foreach (var p in properties.Where(p => p.ClrType == typeof(string)).DistinctBy(p => p.GetColumnName(store)))
            {
                var column = p.GetColumnName(store)!;
                if (p.IsKey() || p.IsForeignKey() || p.IsConcurrencyToken || discriminators.Contains(p))
                {
                    continue;
                }

                if (p.GetValueConverter() is not null || p.GetTypeMapping().Converter is not null)
                {
                    skipped.Add($"{column} (a value with its own format, stored through a converter)");
                }
                else if (CatalogueCodes.Contains($"{name}.{column}"))
                {
                    skipped.Add($"{column} (a code from the inspection framework's catalogue, not text about the person)");
                }
                else if (p.GetMaxLength() is { } max && max < Short)
                {
                    skipped.Add($"{column} (holds at most {max} characters)");
                }
                else
                {
                    columns.Add(column);
                    if (p.GetMaxLength() is { } width && width < Long)
                    {
                        narrow.Add(column);
                    }
                }
            }

            tables.Add(new Table(name, key, all, references.GetValueOrDefault(name) ?? [], columns, narrow, skipped));
        }

        return tables;
    }
}
