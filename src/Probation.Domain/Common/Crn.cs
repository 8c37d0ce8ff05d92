using System.Diagnostics.CodeAnalysis;

namespace Probation.Domain.Common;

/// <summary>
/// Case reference number: one letter and six digits (for example X123456), the identifier a person
/// on probation keeps for life. Parsed once at the edge so nothing inside handles a malformed one.
/// </summary>
public readonly record struct Crn
{
    public const int Length = 7;

    private Crn(string value) => Value = value;

    public string Value { get; }

    /// <summary>What a CRN looks like, in the words every error message uses.</summary>
    public const string FormatDescription = "A case reference number is one letter followed by six digits, for example X123456";

    public static Crn Parse(string? text) =>
        TryParse(text, out var crn)
            ? crn
            : throw new FormatException(FormatDescription + ".");

    public static bool TryParse([NotNullWhen(true)] string? text, out Crn crn)
    {
        crn = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length != Length || !char.IsAsciiLetter(trimmed[0]))
        {
            return false;
        }

        for (var i = 1; i < Length; i++)
        {
            if (!char.IsAsciiDigit(trimmed[i]))
            {
                return false;
            }
        }

        crn = new Crn(char.ToUpperInvariant(trimmed[0]) + trimmed[1..]);
        return true;
    }

    /// <summary>The lower-case form used in URLs (<c>/cases/x123456</c>).</summary>
    public string ToUrlSegment() => Value.ToLowerInvariant();

    public override string ToString() => Value ?? string.Empty;
}
