namespace Probation.Application;

/// <summary>Dates in England and Wales: "today" is the calendar day in London, not in UTC.</summary>
public static class UkClock
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);

    /// <summary>The date on the UK clock at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>The instant, in UTC, at which <paramref name="day"/> begins on the UK clock (midnight is never skipped or repeated there).</summary>
    public static DateTime MidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), London);

    public static DateTime ToUkTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London);

    /// <summary>The next instant after <paramref name="now"/> at which the clock in London shows <paramref name="timeOfDay"/>, in UTC.</summary>
    public static DateTimeOffset NextUtc(DateTimeOffset now, TimeSpan timeOfDay)
    {
        var local = TimeZoneInfo.ConvertTime(now, London);
        var next = local.Date + timeOfDay;
        if (next <= local.DateTime)
        {
            next = next.AddDays(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(next, DateTimeKind.Unspecified), London), TimeSpan.Zero);
    }

    /// <summary>The next midnight in London after <paramref name="now"/>, as a UTC instant.</summary>
    public static DateTimeOffset NextMidnightUtc(DateTimeOffset now) => NextUtc(now, TimeSpan.Zero);
}
