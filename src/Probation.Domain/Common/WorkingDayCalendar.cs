namespace Probation.Domain.Common;

/// <summary>
/// Working days in England and Wales: Monday to Friday except bank holidays. The regular holidays
/// are computed (with substitute days when one falls at a weekend); the one-off changes made by
/// proclamation are listed, so the calendar is right from 2015 onwards without a data feed.
/// </summary>
public sealed class WorkingDayCalendar
{
    public static readonly WorkingDayCalendar EnglandAndWales = new();

    // Additions by royal proclamation (gov.uk/bank-holidays); the moves are in Compute.
    private static readonly DateOnly[] Extra =
    [
        new(2022, 6, 3), // Platinum Jubilee
        new(2022, 9, 19), // State funeral of Queen Elizabeth II
        new(2023, 5, 8), // Coronation of King Charles III
    ];

    private readonly Dictionary<int, HashSet<DateOnly>> _years = [];
    private readonly Lock _gate = new();

    public bool IsBankHoliday(DateOnly day) => HolidaysOf(day.Year).Contains(day);

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(day);

    /// <summary>The working day <paramref name="days"/> working days after <paramref name="from"/> (0: <paramref name="from"/> itself if it is one, else the next).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from;
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        for (var added = 0; added < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                added++;
            }
        }

        return day;
    }

    public IReadOnlyCollection<DateOnly> HolidaysOf(int year)
    {
        lock (_gate)
        {
            if (!_years.TryGetValue(year, out var set))
            {
                set = Compute(year);
                _years[year] = set;
            }

            return set;
        }
    }

    private static HashSet<DateOnly> Compute(int year)
    {
        var easter = EasterSunday(year);
        var set = new HashSet<DateOnly>
        {
            Substitute(new DateOnly(year, 1, 1)),
            easter.AddDays(-2), // Good Friday
            easter.AddDays(1), // Easter Monday
            LastMonday(year, 8), // summer bank holiday
        };

        // Early May: moved to Friday 8 May in 2020 for VE Day. Spring: moved to Thursday 2 June in 2022 for the Platinum Jubilee.
        set.Add(year == 2020 ? new DateOnly(2020, 5, 8) : FirstMonday(year, 5));
        set.Add(year == 2022 ? new DateOnly(2022, 6, 2) : LastMonday(year, 5));

        // Christmas Day and Boxing Day: a weekend day moves to the next free weekday.
        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        var c = Substitute(christmas);
        var b = Substitute(boxing);
        if (b <= c)
        {
            b = c.AddDays(1);
            while (b.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                b = b.AddDays(1);
            }
        }

        set.Add(c);
        set.Add(b);
        foreach (var extra in Extra.Where(e => e.Year == year))
        {
            set.Add(extra);
        }

        return set;
    }

    private static DateOnly Substitute(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Monday)
        {
            d = d.AddDays(1);
        }

        return d;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Monday)
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    /// <summary>Western Easter Sunday (the anonymous Gregorian algorithm).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
