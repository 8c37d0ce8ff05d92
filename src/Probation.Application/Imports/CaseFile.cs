using System.Text.Json;
using CsvHelper;
using Probation.Domain.Cases;

namespace Probation.Application.Imports;

/// <summary>One requirement of a row, as the file gave it: text, read and checked later.</summary>
public sealed record CaseFileRequirement(string? Type, string? RarDays, string? UnpaidWorkHours, string? Programme, string? LengthMonths);

/// <summary>
/// One case of an import file, as text exactly as the file gave it (a JSON number or true is its text), so that one
/// check reads CSV and JSON alike and can say what is wrong with each value. <see cref="Row"/> counts from 1, the
/// header not counted.
/// </summary>
public sealed record CaseFileRow(
    int Row,
    string? SourceReference,
    string? Crn,
    string? FirstName,
    string? LastName,
    string? DateOfBirth,
    string? Gender,
    string? Source,
    string? ReceivedOn,
    string? Hub,
    string? AddressLine1,
    string? AddressLine2,
    string? Town,
    string? Postcode,
    string? OrderType,
    string? OrderStart,
    string? LengthMonths,
    string? Court,
    string? MainOffence,
    IReadOnlyList<CaseFileRequirement> Requirements,
    string? Rosh,
    string? RiskToChildren,
    string? RiskToKnownAdult,
    string? RiskToPublic,
    string? RiskToStaff,
    string? OgrsScore,
    IReadOnlyList<string> Problems);

/// <summary>A file that cannot be read as an import at all (HTTP 400): the reason names no personal data.</summary>
public sealed class MalformedCaseFileException(string message) : Exception(message);

/// <summary>
/// Reads an import file: CSV (one row a case, the requirements as one delimited column; CsvHelper reads the RFC 4180
/// quoting) or JSON (an array of case objects with the order, its requirements and the risk profile nested). The
/// columns and the JSON shape are in docs/imports.md.
/// </summary>
public static class CaseFile
{
    /// <summary>The largest file accepted: about 40,000 rows of a typical court file.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int MaxRows = 20_000;

    /// <summary>The CSV columns, in the order the template gives them. Those marked required must be in the header.</summary>
    public static readonly IReadOnlyList<(string Name, bool Required)> CsvColumns =
    [
        ("sourceReference", true), ("crn", false), ("firstName", true), ("lastName", true), ("dateOfBirth", true), ("gender", true),
        ("source", true), ("receivedOn", true), ("hub", true), ("addressLine1", false), ("addressLine2", false), ("town", false), ("postcode", false),
        ("orderType", true), ("orderStart", true), ("lengthMonths", true), ("court", true), ("mainOffence", true), ("requirements", false),
        ("rosh", false), ("riskToChildren", false), ("riskToKnownAdult", false), ("riskToPublic", false), ("riskToStaff", false), ("ogrsScore", false),
    ];

    /// <summary>The format a file's name or content type says it is; null when neither says.</summary>
    public static CaseImportFormat? FormatOf(string? fileName, string? contentType)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        var type = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        return extension switch
        {
            ".csv" => CaseImportFormat.Csv,
            ".json" => CaseImportFormat.Json,
            _ => type switch
            {
                "text/csv" or "application/csv" => CaseImportFormat.Csv,
                "application/json" or "text/json" => CaseImportFormat.Json,
                _ => null,
            },
        };
    }

    /// <summary>Reads every row, or throws <see cref="MalformedCaseFileException"/> when the file is not a readable import file.</summary>
    public static IReadOnlyList<CaseFileRow> Read(byte[] content, CaseImportFormat format)
    {
        if (content.Length > MaxBytes)
        {
            throw new MalformedCaseFileException($"The file is larger than {MaxBytes / 1024 / 1024} MB: split it into smaller files.");
        }

        var rows = format == CaseImportFormat.Csv ? ReadCsv(content) : ReadJson(content);
        return rows.Count == 0 ? throw new MalformedCaseFileException("The file has no cases in it.") : rows;
    }

    private static List<CaseFileRow> ReadCsv(byte[] content)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            IncludeValuesInExceptions = false,
            MaxRecordSize = 64 * 1024,
        };
        try
        {
            using var csv = CsvReader.Create(content, options);
            var headers = csv.Headers;
            var known = CsvColumns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = headers.Where(h => !known.Contains(h.Trim())).ToList();
            if (unknown.Count > 0)
            {
                throw new MalformedCaseFileException($"The file has columns this import does not know: {string.Join(", ", unknown.Take(5).Select(Clip))}. The columns are listed in the guidance.");
            }

            var duplicated = headers.GroupBy(h => h.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicated.Count > 0)
            {
                throw new MalformedCaseFileException($"The file has more than one column named {string.Join(", ", duplicated)}.");
            }

            var missing = CsvColumns.Where(c => c.Required && !headers.Any(h => string.Equals(h.Trim(), c.Name, StringComparison.OrdinalIgnoreCase))).Select(c => c.Name).ToList();
            if (missing.Count > 0)
            {
                throw new MalformedCaseFileException($"The file has no column named {string.Join(", ", missing)}. Its first line must name the columns.");
            }

            var index = CsvColumns.ToDictionary(c => c.Name, c => csv.TryGetFieldIndex(c.Name, out var i) ? i : -1);
            var rows = new List<CaseFileRow>();
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    throw new MalformedCaseFileException($"The file has more than {MaxRows:N0} rows: split it into smaller files.");
                }

                string? F(string name) => index[name] < 0 ? null : Blank(csv.GetString(index[name]));
                var problems = new List<string>();
                var requirements = CsvRequirements(F("requirements"), problems);
                rows.Add(new CaseFileRow(
                    rows.Count + 1, F("sourceReference"), F("crn"), F("firstName"), F("lastName"), F("dateOfBirth"), F("gender"), F("source"), F("receivedOn"), F("hub"),
                    F("addressLine1"), F("addressLine2"), F("town"), F("postcode"), F("orderType"), F("orderStart"), F("lengthMonths"), F("court"), F("mainOffence"),
                    requirements, F("rosh"), F("riskToChildren"), F("riskToKnownAdult"), F("riskToPublic"), F("riskToStaff"), F("ogrsScore"), problems));
            }

            return rows;
        }
        catch (CsvFormatException e)
        {
            // The reader's message names the record and what broke, never a value (IncludeValuesInExceptions is off).
            throw new MalformedCaseFileException($"The file is not valid CSV{(e.RecordNumber > 0 ? $" at record {e.RecordNumber}" : string.Empty)}: check its quotes and that every row has as many fields as the header.");
        }
    }

    /// <summary>
    /// The CSV requirements column: requirements separated by semicolons, each its type with the detail after a colon
    /// where the type has one (days for a RAR, hours for unpaid work, the programme for an accredited programme), for
    /// example <c>RehabilitationActivity:20; UnpaidWork:120; Curfew</c>.
    /// </summary>
    private static List<CaseFileRequirement> CsvRequirements(string? text, List<string> problems)
    {
        var list = new List<CaseFileRequirement>();
        if (text is null)
        {
            return list;
        }

        foreach (var item in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
            var type = parts[0];
            var detail = parts.Length > 1 ? Blank(parts[1]) : null;
            var kind = CaseFileValues.Enum<Domain.Cases.RequirementType>(type);
            list.Add(kind switch
            {
                RequirementType.RehabilitationActivity => new CaseFileRequirement(type, detail, null, null, null),
                RequirementType.UnpaidWork => new CaseFileRequirement(type, null, detail, null, null),
                RequirementType.AccreditedProgramme => new CaseFileRequirement(type, null, null, detail, null),
                _ => new CaseFileRequirement(type, null, null, null, null),
            });
            if (kind is not null and not (RequirementType.RehabilitationActivity or RequirementType.UnpaidWork or RequirementType.AccreditedProgramme) && detail is not null)
            {
                problems.Add($"A {CaseFileValues.Words(kind.Value.ToString())} requirement takes no detail after the colon");
            }
        }

        return list;
    }

    private static List<CaseFileRow> ReadJson(byte[] content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new MalformedCaseFileException($"The file is not valid JSON{(e.LineNumber is { } line ? $" (line {line + 1})" : string.Empty)}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new MalformedCaseFileException("The file must be a JSON array of cases: [ { \"sourceReference\": ... }, ... ].");
            }

            var rows = new List<CaseFileRow>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (rows.Count == MaxRows)
                {
                    throw new MalformedCaseFileException($"The file has more than {MaxRows:N0} cases: split it into smaller files.");
                }

                var n = rows.Count + 1;
                var c = new JsonObjectReader(item, $"case {n}", CaseFields);
                var order = c.Object("order", OrderFields);
                var address = c.Object("address", AddressFields);
                var risk = c.Object("riskProfile", RiskFields);
                var requirements = new List<CaseFileRequirement>();
                var problems = new List<string>();
                foreach (var r in order?.Array("requirements") ?? [])
                {
                    var req = new JsonObjectReader(r, $"case {n}, a requirement", RequirementFields);
                    requirements.Add(new CaseFileRequirement(req.Text("type"), req.Text("rarDays"), req.Text("unpaidWorkHours"), req.Text("programme"), req.Text("lengthMonths")));
                }

                rows.Add(new CaseFileRow(
                    n, c.Text("sourceReference"), c.Text("crn"), c.Text("firstName"), c.Text("lastName"), c.Text("dateOfBirth"), c.Text("gender"), c.Text("source"),
                    c.Text("receivedOn"), c.Text("hub"), address?.Text("line1"), address?.Text("line2"), address?.Text("town"), address?.Text("postcode"),
                    order?.Text("type"), order?.Text("start"), order?.Text("lengthMonths"), order?.Text("court"), order?.Text("mainOffence"), requirements,
                    risk?.Text("rosh"), risk?.Text("riskToChildren"), risk?.Text("riskToKnownAdult"), risk?.Text("riskToPublic"), risk?.Text("riskToStaff"),
                    risk?.Text("ogrsScore"), problems));
            }

            return rows;
        }
    }

    private static readonly string[] CaseFields = ["sourceReference", "crn", "firstName", "lastName", "dateOfBirth", "gender", "source", "receivedOn", "hub", "address", "order", "riskProfile"];
    private static readonly string[] OrderFields = ["type", "start", "lengthMonths", "court", "mainOffence", "requirements"];
    private static readonly string[] AddressFields = ["line1", "line2", "town", "postcode"];
    private static readonly string[] RiskFields = ["rosh", "riskToChildren", "riskToKnownAdult", "riskToPublic", "riskToStaff", "ogrsScore"];
    private static readonly string[] RequirementFields = ["type", "rarDays", "unpaidWorkHours", "programme", "lengthMonths"];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>One JSON object of the file: its known properties as text; an unknown property or a wrong kind of value makes the file malformed.</summary>
    private sealed class JsonObjectReader
    {
        private readonly JsonElement _element;
        private readonly string _where;

        public JsonObjectReader(JsonElement element, string where, string[] known)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedCaseFileException($"In the JSON file, {where} is not an object.");
            }

            foreach (var p in element.EnumerateObject())
            {
                if (!known.Contains(p.Name, StringComparer.Ordinal))
                {
                    throw new MalformedCaseFileException($"In the JSON file, {where} has a property this import does not know: {Clip(p.Name)}. The properties are listed in the guidance.");
                }
            }

            _element = element;
            _where = where;
        }

        public string? Text(string name)
        {
            if (!_element.TryGetProperty(name, out var v))
            {
                return null;
            }

            return v.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => Blank(v.GetString()),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw new MalformedCaseFileException($"In the JSON file, {_where} has {name} as an object or array: it must be a single value."),
            };
        }

        public JsonObjectReader? Object(string name, string[] known) =>
            _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? new JsonObjectReader(v, $"{_where}'s {name}", known) : null;

        public IEnumerable<JsonElement> Array(string name)
        {
            if (!_element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            return v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().ToList()
                : throw new MalformedCaseFileException($"In the JSON file, {_where}'s {name} must be an array.");
        }
    }
}
