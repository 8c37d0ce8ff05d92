using Probation.Domain.Common;

namespace Probation.Domain.Cases;

/// <summary>
/// The length rules for each kind of order and the date an order ends. An order of n months that
/// starts on a day ends the day before the same day n months later (12 months from 15 January ends
/// on 14 January).
/// </summary>
public static class OrderTerms
{
    public const int UnpaidWorkMinimumHours = 1;
    public const int UnpaidWorkMaximumHours = 300;

    /// <summary>Length limits in months for each order type.</summary>
    public static (int Minimum, int Maximum) LengthLimits(OrderType type) => type switch
    {
        // Sentencing Act 2020 s.209: a community order lasts at most three years.
        OrderType.CommunityOrder => (1, 36),
        // Sentencing Act 2020 s.288: an operational period of six months to two years.
        OrderType.SuspendedSentenceOrder => (6, 24),
        // Offender Rehabilitation Act 2014: licence and post-sentence supervision together make twelve months.
        OrderType.PostSentenceSupervision => (1, 12),
        OrderType.Licence => (1, 600),
        OrderType.Custody => (1, 600),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static DateOnly EndDate(DateOnly start, int lengthMonths) => start.AddMonths(lengthMonths).AddDays(-1);

    public static Outcome<DateOnly> TryEndDate(OrderType type, DateOnly start, int lengthMonths)
    {
        var (min, max) = LengthLimits(type);
        if (lengthMonths < min || lengthMonths > max)
        {
            return new Outcome<DateOnly>(
                Outcome.Refuse($"A {Describe(type)} lasts from {min} to {max} months; {lengthMonths} is outside that.", "LengthMonths"),
                default);
        }

        return new Outcome<DateOnly>(Outcome.Ok(), EndDate(start, lengthMonths));
    }

    public static Refused? CheckUnpaidWorkHours(int hours) =>
        hours is < UnpaidWorkMinimumHours or > UnpaidWorkMaximumHours
            ? new Refused($"Unpaid work is from {UnpaidWorkMinimumHours} to {UnpaidWorkMaximumHours} hours; {hours} is outside that.", "UnpaidWorkHours")
            : null;

    public static string Describe(OrderType type) => type switch
    {
        OrderType.CommunityOrder => "community order",
        OrderType.SuspendedSentenceOrder => "suspended sentence order",
        OrderType.Licence => "licence",
        OrderType.PostSentenceSupervision => "post-sentence supervision period",
        OrderType.Custody => "custodial sentence",
        _ => type.ToString(),
    };
}
