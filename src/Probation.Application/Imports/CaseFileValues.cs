using System.Globalization;

namespace Probation.Application.Imports;

/// <summary>How an import file's text values are read: dates, whole numbers, yes/no and codes.</summary>
public static class CaseFileValues
{
    /// <summary>ISO dates, and the day-first dates court and case management exports write.</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"];

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryWhole(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool? YesNo(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => false,
        "true" or "yes" or "y" or "1" => true,
        "false" or "no" or "n" or "0" => false,
        _ => null,
    };

    /// <summary>A code by its name, ignoring case, spaces, hyphens and underscores ("Community order" is CommunityOrder); never by number.</summary>
    public static T? Enum<T>(string? text)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Codes<T>.ByKey.TryGetValue(Key(text), out var value) ? value : null;
    }

    /// <summary>The codes of an enum, for a refusal that says what to use.</summary>
    public static string Names<T>()
        where T : struct, System.Enum => string.Join(", ", System.Enum.GetNames<T>());

    /// <summary>A code in words: RehabilitationActivity is "rehabilitation activity".</summary>
    public static string Words(string code)
    {
        var words = new System.Text.StringBuilder();
        foreach (var ch in code)
        {
            if (char.IsUpper(ch) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(ch));
        }

        return words.ToString();
    }

    /// <summary>A value quoted in a refusal, cut short: codes only, never a name or a date.</summary>
    public static string Quote(string text) => "\u2018" + (text.Length <= 40 ? text : text[..40] + "\u2026") + "\u2019";

    private static string Key(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '_' and not '\'')).ToUpperInvariant();

    /// <summary>An enum's values by the key they are matched by, made once a type.</summary>
    private static class Codes<T>
        where T : struct, System.Enum
    {
        public static readonly Dictionary<string, T> ByKey = System.Enum.GetValues<T>().ToDictionary(v => Key(v.ToString()));
    }
}
