using System.Globalization;
using System.Text;

namespace Probation.Application.Calendars;

/// <summary>A weekly event repeats on its day until <see cref="Until"/> (inclusive), or for good when it is null.</summary>
public sealed record WeeklyRepeat(DateOnly? Until);

/// <summary>
/// One event of a calendar. <see cref="Starts"/> and <see cref="Ends"/> are UK clock times on <see cref="On"/>; with no
/// start time the event takes the whole day.
/// </summary>
public sealed record CalendarEvent(
    string Uid, DateOnly On, TimeOnly? Starts, TimeOnly? Ends, string Summary, string? Location, string? Description, WeeklyRepeat? Repeat = null);

/// <summary>
/// Writes iCalendar (RFC 5545) text: the few parts our feeds use, events on the UK clock with the Europe/London time
/// zone described, so that a calendar app shows a weekly session at the same clock time in summer and winter.
/// </summary>
/// <remarks>
/// Written here rather than with a library: the feeds need only events and one weekly rule, and the tests read every
/// feed back with an independent parser (Ical.Net), which shows more than a round trip through the writer's own library.
/// </remarks>
public static class ICalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const string Zone = "Europe/London";

    // The rules the UK clock has kept since 1996: British Summer Time from 01:00 GMT on the last Sunday of March to
    // 01:00 GMT (02:00 BST) on the last Sunday of October.
    private static readonly string[] London =
    [
        "BEGIN:VTIMEZONE", "TZID:" + Zone,
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19960331T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19961027T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ];

    /// <summary>A whole calendar: its name, then each event, stamped with <paramref name="nowUtc"/>.</summary>
    public static string Write(string name, DateTime nowUtc, IEnumerable<CalendarEvent> events)
    {
        var text = new StringBuilder();
        void Line(string line) => Fold(text, line);

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Probation//Calendar feeds//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(name));
        Line("X-WR-TIMEZONE:" + Zone);
        foreach (var line in London)
        {
            Line(line);
        }

        var stamp = Utc(nowUtc);
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line("UID:" + Escape(e.Uid));
            Line("DTSTAMP:" + stamp);
            if (e.Starts is { } starts)
            {
                Line($"DTSTART;TZID={Zone}:{Local(e.On, starts)}");
                if (e.Ends is { } ends && ends > starts)
                {
                    Line($"DTEND;TZID={Zone}:{Local(e.On, ends)}");
                }
            }
            else
            {
                Line("DTSTART;VALUE=DATE:" + Day(e.On));
                Line("DTEND;VALUE=DATE:" + Day(e.On.AddDays(1)));
            }

            if (e.Repeat is { } repeat)
            {
                // With a start in a time zone, UNTIL is given in UTC: the end of the last day on the UK clock.
                Line("RRULE:FREQ=WEEKLY" + (repeat.Until is { } until ? ";UNTIL=" + Utc(UkClock.MidnightUtc(until.AddDays(1)).AddSeconds(-1)) : string.Empty));
            }

            Line("SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Location))
            {
                Line("LOCATION:" + Escape(e.Location));
            }

            if (!string.IsNullOrWhiteSpace(e.Description))
            {
                Line("DESCRIPTION:" + Escape(e.Description));
            }

            Line("TRANSP:OPAQUE");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return text.ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Local(DateOnly day, TimeOnly time) => Day(day) + "T" + time.ToString("HHmmss", CultureInfo.InvariantCulture);

    private static string Utc(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters left out.</summary>
    internal static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var ch in value.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            switch (ch)
            {
                case '\\': text.Append(@"\\"); break;
                case ';': text.Append(@"\;"); break;
                case ',': text.Append(@"\,"); break;
                case '\n': text.Append(@"\n"); break;
                case var c when char.IsControl(c): break;
                default: text.Append(ch); break;
            }
        }

        return text.ToString();
    }

    /// <summary>Ends the line with CRLF, folding it so no line is longer than 75 octets of UTF-8 (never inside a character).</summary>
    internal static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74; // the space that starts a continuation line counts
            }

            text.Append(line, i, length);
            octets += size;
            i += length - 1;
        }

        text.Append("\r\n");
    }
}
