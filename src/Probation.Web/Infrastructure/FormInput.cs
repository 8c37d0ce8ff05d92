using System.Globalization;

namespace Probation.Web.Infrastructure;

/// <summary>
/// Reading what people type into forms, the same way on every page: a choice from a list, a whole number,
/// a time of day. Each returns null when the text is not one; the page says what is wrong.
/// </summary>
public static class FormInput
{
    /// <summary>One of the enum's names as the radios and selects send them; never a bare number.</summary>
    public static TEnum? Choice<TEnum>(string? s)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(s, out var v) && Enum.IsDefined(v) && !int.TryParse(s, out _) ? v : null;

    /// <summary>A whole number; with <paramref name="signed"/>, a leading minus is read too, so a negative one can be refused in words.</summary>
    public static int? Number(string? s, bool signed = false) =>
        int.TryParse(s?.Trim(), signed ? NumberStyles.AllowLeadingSign : NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A time of day on the 24-hour clock as people type it: 9:30, 09:30 or 18.00.</summary>
    public static TimeOnly? Time(string? s) =>
        TimeOnly.TryParseExact(s?.Trim(), ["HH:mm", "H:mm", "HH.mm", "H.mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
