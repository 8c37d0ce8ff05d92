using Probation.Domain.Common;

namespace Probation.Domain.Tests;

public sealed class CrnTests
{
    [Theory]
    [InlineData("X123456", "X123456")]
    [InlineData("x123456", "X123456")]
    [InlineData(" D000001 ", "D000001")]
    public void Parse_ValidCrn_NormalisesToUpperCase(string text, string expected) =>
        Assert.Equal(expected, Crn.Parse(text).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("X12345")]
    [InlineData("X1234567")]
    [InlineData("1234567")]
    [InlineData("XX23456")]
    [InlineData("X12345A")]
    [InlineData("X 12345")]
    [InlineData("É123456")]
    [InlineData("X١٢٣٤٥٦")]
    public void TryParse_Malformed_IsRefused(string? text)
    {
        Assert.False(Crn.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Crn.Parse(text));
    }

    [Fact]
    public void ToUrlSegment_IsLowerCase() => Assert.Equal("x123456", Crn.Parse("X123456").ToUrlSegment());
}
