using System.Text;
using System.Text.Json.Nodes;
using Bogus;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Malformed input, drawn from one seeded source so that a run can be replayed: text that no form expects (over-long,
/// control characters, lone surrogates, SQL, HTML and script, numbers out of range, dates that do not exist, broken
/// identifiers), the same as percent-encoded wire text (where it may also be invalid UTF-8), and JSON of the wrong type,
/// depth or size. SQL fragments are written in lower case and nothing here names an exception, so that an answer which
/// only echoes what was sent can never look like a leak of the server's own SQL or stack trace.
/// </summary>
public sealed class Malformed(int seed)
{
    private readonly Randomizer _random = new(seed);

    public Randomizer Random => _random;

    /// <summary>Strings as the app would receive them once decoded.</summary>
    private static readonly string[] Fragments =
    [
        "", " ", "\t", "\r\n", "\0", "a\0b", "\u0001\u0002\u0003\u001f\u007f", "\u202etxt.exe", "\ufeff", "\u2028\u2029", "\u200b\u200d",
        "' or '1'='1", "1; drop table people; --", "\" or \"\"=\"", "' union all select null, sqlite_version() --", "x'); delete from contacts where ('1'='1",
        "1' and 1=(select count(*) from sqlite_master) --", "%' and 1=0 --", "'; pragma writable_schema=1; --", "$1", "?", "@p0",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "@(1+1)", "${7*7}", "<!--", "]]>",
        "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "-1", "0", "-0", "NaN", "Infinity", "-Infinity",
        "1e309", "0x10", "1,000", "1.5", "+5", " 7 ", "\u0661\u0662", "\uff11\uff12", "5e-324", "00000000000000000001",
        "2026-02-30", "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "-2026-01-01", "31/12/2026", "2026-13-01", "yesterday", "2026-1-1T25:61",
        "24:00", "23:60", "-1:00", "9:5", "99.99",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "{", "}", "[", "X000000", "x123456", "A12345678", "X12345", "123abc", "X99999999999",
        "..", "../..", "..\\..\\windows", "/etc/passwd", "C:\\", "%00", "%", "%zz", "%2e%2e%2f", "\\\\server\\share",
        "%s%s%n", "{0}", "{{", "}}", "\\", "\"", "'", "`", "İ", "ß", "\ud835\udd4f", "e\u0301\u0301\u0301", "true", "false", "null", "[]", "{}",
        "{\"a\":1}", "[1,2", "Input.Notes", "__RequestVerificationToken",
    ];

    /// <summary>Wire text that no decoder turns into a well-formed string: invalid UTF-8, overlong forms, lone surrogates, bad escapes.</summary>
    private static readonly string[] BrokenEncodings =
    [
        "%ff", "%fe%ff", "%c3%28", "%a0%a1", "%e2%28%a1", "%f0%28%8c%bc", "%c0%af", "%e0%80%af", "%ed%a0%80", "%ed%bf%bf", "%ed%a0%80%ed%b0%80",
        "%f8%88%80%80%80", "%", "%2", "%zz", "%u0041", "%%", "%00", "%0d%0aSet-Cookie:%20a=b", "%252e%252e%252f", "%c0%ae%c0%ae%c0%af",
    ];

    /// <summary>Path segments for a route value: encoded slashes and dots, traversal, and the odd characters a router meets.</summary>
    private static readonly string[] Segments =
    [
        "%2f", "%2F", "..%2f..%2f", "%2e%2e", "%2e", ".", "..", "....//", "..%5c..%5c", "%5c", "x%2fy", "x%00y", "%00", ";a=b", "x;jsessionid=1",
        "%3f", "%23", "~", "%7e", "-1", "0", "2147483648", "-2147483649", "99999999999999999999", "1.0", "1e3", "0x1", "+1", " 1", "%201",
        "X000000", "x000000", "A123456", "X1234567", "X12345", "null", "undefined", "%ff", "%c0%af", "%ed%a0%80",
    ];

    private static readonly string[] LeakMarkers = ["Exception", "   at ", ".cs:line", "SELECT ", "INSERT INTO", "SQLite Error", "Npgsql", "syntax error"];

    /// <summary>A decoded malformed string: a fragment, a long run, a fragment repeated, or two fragments joined.</summary>
    public string Text()
    {
        var text = _random.Number(9) switch
        {
            0 => new string(_random.ArrayElement(['a', 'x', '9', ' ', '\'', '<', 'é']), _random.Number(10_001, 40_000)),
            1 => string.Concat(Enumerable.Repeat(_random.ArrayElement(Fragments), _random.Number(2, 400))),
            2 => _random.ArrayElement(Fragments) + _random.ArrayElement(Fragments),
            3 => _random.String2(_random.Number(1, 300), "\u0000\u0001\u0008\u000b\u000c\u000e\u001b\u007f\u0085\u00a0\u2028\ufffe\uffff abcABC'\"<>&;%\\/"),
            _ => _random.ArrayElement(Fragments),
        };
        return Checked(text);
    }

    /// <summary>A value as it goes on the wire in a URL or form body: usually the encoding of <see cref="Text"/>, sometimes bytes no decoder accepts.</summary>
    public string Encoded() => _random.Number(4) == 0
        ? _random.ArrayElement(BrokenEncodings) + (_random.Bool() ? Uri.EscapeDataString(_random.ArrayElement(Fragments)) : string.Empty)
        : Escape(Text());

    /// <summary>A route value in place of a real one.</summary>
    public string Segment() => _random.Number(3) switch
    {
        0 => Escape(Text()),
        1 => new string('9', _random.Number(20, 5_000)),
        _ => _random.ArrayElement(Segments),
    };

    /// <summary>Percent-encodes <paramref name="s"/>, long strings included (EscapeDataString refuses none since .NET 5, but splits keep it cheap).</summary>
    public static string Escape(string s)
    {
        // A lone surrogate cannot be encoded as UTF-8: send its three-byte form, which a strict decoder must refuse.
        var sb = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                sb.Append(c <= '\udbff' ? "%ed%a0%80" : "%ed%b0%80");
            }
            else
            {
                sb.Append(Uri.EscapeDataString(c.ToString()));
            }
        }

        return sb.ToString();
    }

    /// <summary>A JSON value of the wrong type, size or range; raw tokens that are not JSON at all are carried by <see cref="RawJson"/>.</summary>
    public JsonNode? JsonValue() => _random.Number(11) switch
    {
        0 => null,
        1 => JsonValueOf(Text()),
        2 => _random.Bool(),
        3 => _random.ArrayElement(new long[] { 2147483648, -2147483649, long.MaxValue, long.MinValue, -1, 0, 99999999 }),
        4 => _random.ArrayElement(new[] { 1.5, -0.0, 1e300, double.Epsilon }),
        5 => new JsonArray(Enumerable.Range(0, _random.Number(1, 3)).Select(_ => (JsonNode?)JsonValueOf(Text())).ToArray()),
        6 => new JsonObject { ["x"] = JsonValueOf(Text()), ["id"] = -1 },
        7 => new JsonArray(Enumerable.Range(0, _random.Number(2_000, 20_000)).Select(i => (JsonNode?)i).ToArray()),
        8 => JsonValueOf(_random.ArrayElement(new[] { "2026-02-30", "2026-13-01", "0000-00-00", "31/12/2026", "9999-12-31T24:00", "25:61", "Nope", "0", "999", "-1", "" })),
        9 => RawJson(_random.ArrayElement(new[] { "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0x1f", "01", "1.", ".5", "+1", "undefined", "'single'", "tru", "nul", "1_000" })),
        _ => RawJson(new string('[', _random.Number(70, 3_000)) + new string(']', _random.Number(0, 2) == 0 ? 0 : 70)),
    };

    private static System.Text.Json.Nodes.JsonValue JsonValueOf(string s) => System.Text.Json.Nodes.JsonValue.Create(s);

    /// <summary>A placeholder for raw text in a JSON tree, put in place by <see cref="Render"/>.</summary>
    private readonly List<string> _raw = [];

    private JsonNode RawJson(string text)
    {
        _raw.Add(text);
        return System.Text.Json.Nodes.JsonValue.Create($"\u0001raw{_raw.Count - 1}\u0001");
    }

    /// <summary>The JSON text of <paramref name="node"/> with every raw placeholder replaced by its text.</summary>
    public string Render(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        for (var i = 0; i < _raw.Count; i++)
        {
            text = text.Replace($"\"\\u0001raw{i}\\u0001\"", _raw[i], StringComparison.Ordinal);
        }

        _raw.Clear();
        return text;
    }

    /// <summary>Whole bodies that are not the JSON asked for: truncated, trailing junk, the wrong root, comments, a byte-order mark, bad UTF-8.</summary>
    public byte[] BrokenJsonBody(string valid)
    {
        var utf8 = Encoding.UTF8;
        return _random.Number(13) switch
        {
            0 => utf8.GetBytes(valid[..Math.Max(0, _random.Number(0, valid.Length - 1))]),
            1 => utf8.GetBytes(valid + _random.ArrayElement(new[] { "}", ",", "x", "{}", "\0", "//" })),
            2 => utf8.GetBytes(_random.ArrayElement(new[] { "", "null", "[]", "\"text\"", "1", "true", "{", "}", "{}}", "[{}]", "{\"version\":}", "{'version':1}", "{version:1}" })),
            3 => utf8.GetBytes("/* comment */" + valid),
            4 => [0xEF, 0xBB, 0xBF, .. utf8.GetBytes(valid)],
            5 => [.. utf8.GetBytes(valid[..(valid.Length / 2)]), 0xFF, 0xFE, 0xC3, 0x28, .. utf8.GetBytes(valid[(valid.Length / 2)..])],
            6 => [.. utf8.GetBytes("{\"notes\":\""), 0xED, 0xA0, 0x80, .. utf8.GetBytes("\",\"version\":1}")],
            7 => utf8.GetBytes("{\"version\":\"\\ud800\",\"notes\":\"\\udc00x\"}"),
            8 => Encoding.Unicode.GetBytes(valid),
            9 => utf8.GetBytes(valid.Length > 2 ? valid[..^1] + ",\"version\":1,\"version\":\"two\"}" : valid),
            10 => utf8.GetBytes(new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", _random.Number(70, 2_000))) + "}"),
            11 => utf8.GetBytes("[" + string.Join(',', Enumerable.Repeat(valid, _random.Number(100, 2_000))) + "]"),
            _ => utf8.GetBytes(valid.Replace("\"", "'", StringComparison.Ordinal)),
        };
    }

    /// <summary>A header that a browser or script might send wrongly, as name and value.</summary>
    public (string Name, string Value) OddHeader() => _random.Number(12) switch
    {
        0 => ("Accept", _random.ArrayElement(new[] { "*/*;q=abc", "application/json;;;", "foo/bar", "text/html;q=2", ",,,", "application/problem+xml", new string('a', 9_000) })),
        1 => ("If-Match", _random.ArrayElement(new[] { "junk", "\"-1\"", "W/\"1\"", "*", "\"99999999999\"", "\"1\", \"2\"", "\"\"", "\"abc\"", "\"2147483648\"", "\u00ff" })),
        2 => ("If-None-Match", _random.ArrayElement(new[] { "*", "junk", "W/" })),
        3 => ("If-Modified-Since", _random.ArrayElement(new[] { "yesterday", "Mon, 32 Foo 2026 99:99:99 GMT", "0" })),
        4 => ("Range", _random.ArrayElement(new[] { "bytes=0-", "bytes=-1", "bytes=99999999999999999999-", "items=1-2", "bytes=5-1", "bytes=0-0,0-0,0-0,0-0" })),
        5 => ("Cookie", "probation.junk=" + new string('c', _random.Number(4_000, 16_000))),
        6 => ("X-Long-Header", new string('h', _random.Number(8_000, 32_000))),
        7 => ("Accept-Language", _random.ArrayElement(new[] { "xx-YY;q=5", "*;q=NaN", "en-GB-oed-x-private-too-long-subtag", "ar-SA", "tr-TR" })),
        8 => ("X-HTTP-Method-Override", _random.ArrayElement(new[] { "DELETE", "PUT", "TRACE" })),
        9 => ("X-Forwarded-For", _random.ArrayElement(new[] { "junk", "999.999.999.999", "::::", "127.0.0.1, junk" })),
        10 => ("User-Agent", _random.ArrayElement(new[] { "", "' or 1=1 --", new string('u', 20_000) })),
        _ => ("Accept-Encoding", _random.ArrayElement(new[] { "gzip;q=NaN", "br, zz", "identity;q=0" })),
    };

    /// <summary>A content type that does not match the body, or names a charset nobody supports.</summary>
    public string OddContentType() => _random.ArrayElement(new[]
    {
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=utf-7", "application/json; charset=ebcdic-xx",
        "application/json; charset=utf-16", "multipart/form-data", "multipart/form-data; boundary=zz", "application/octet-stream", "application/json;;",
        "*/*", "application/merge-patch+json", "application/problem+json",
    });

    /// <summary>Refuses, by design, a generated value that names a leak marker: such a value echoed back would read as a leak.</summary>
    private static string Checked(string text)
    {
        foreach (var marker in LeakMarkers)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return text.Replace(marker, marker.ToLowerInvariant(), StringComparison.Ordinal);
            }
        }

        return text;
    }
}
