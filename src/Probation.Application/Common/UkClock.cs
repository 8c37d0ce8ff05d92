namespace Probation.Application;

/// <summary>Dates in England and Wales: "today" is the calendar day in London, not in UTC.</summary>
public static class UkClock
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);

    public static DateTime ToUkTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London);

    /// <summary>The next midnight in London after <paramref name="now"/>, as a UTC instant.</summary>
    public static DateTimeOffset NextMidnightUtc(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, London);
        var midnight = DateTime.SpecifyKind(local.Date.AddDays(1), DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, London), TimeSpan.Zero);
    }
}
