using System.Globalization;

namespace Probation.Web.Letters;

/// <summary>Dates and times as letters write them: "Tuesday 1 December 2026", "10:30am".</summary>
public static class Dates
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Long(DateOnly d) => d.ToString("dddd d MMMM yyyy", English);

    public static string Short(DateOnly d) => d.ToString("d MMMM yyyy", English);

    public static string Time(TimeOnly t) =>
        (t.Minute == 0 ? t.ToString("%h", English) : t.ToString("h:mm", English)) + (t.Hour < 12 ? "am" : "pm");

    public static string Hours(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} hours" : $"{minutes / 60} hours {minutes % 60} minutes";

    public static string Day(DayOfWeek day) => English.DateTimeFormat.GetDayName(day);
}
