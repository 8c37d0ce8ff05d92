using Probation.Domain.Cases;
using Probation.Domain.Common;

namespace Probation.Domain.Tests;

public sealed class OrderTermsTests
{
    [Theory]
    [InlineData("2026-01-15", 12, "2027-01-14")]
    [InlineData("2026-01-31", 1, "2026-02-27")]
    [InlineData("2024-02-29", 12, "2025-02-27")]
    [InlineData("2026-03-01", 6, "2026-08-31")]
    [InlineData("2026-12-31", 36, "2029-12-30")]
    public void EndDate_IsTheDayBeforeTheSameDayNMonthsLater(string start, int months, string end) =>
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            OrderTerms.EndDate(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), months));

    [Theory]
    [InlineData(OrderType.CommunityOrder, 1, true)]
    [InlineData(OrderType.CommunityOrder, 36, true)]
    [InlineData(OrderType.CommunityOrder, 37, false)]
    [InlineData(OrderType.CommunityOrder, 0, false)]
    [InlineData(OrderType.SuspendedSentenceOrder, 5, false)]
    [InlineData(OrderType.SuspendedSentenceOrder, 6, true)]
    [InlineData(OrderType.SuspendedSentenceOrder, 24, true)]
    [InlineData(OrderType.SuspendedSentenceOrder, 25, false)]
    [InlineData(OrderType.PostSentenceSupervision, 12, true)]
    [InlineData(OrderType.PostSentenceSupervision, 13, false)]
    public void TryEndDate_RefusesLengthsOutsideTheLimitsForTheOrder(OrderType type, int months, bool allowed)
    {
        var result = OrderTerms.TryEndDate(type, new DateOnly(2026, 1, 1), months);
        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Equal("LengthMonths", Assert.IsType<Refused>(result.Result).Field);
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void UnpaidWorkHours_AreOneTo300(int hours, bool allowed) =>
        Assert.Equal(allowed, OrderTerms.CheckUnpaidWorkHours(hours) is null);
}
