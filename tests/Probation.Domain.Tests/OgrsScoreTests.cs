using Probation.Domain.Common;

namespace Probation.Domain.Tests;

public sealed class OgrsScoreTests
{
    [Theory]
    [InlineData(0, OgrsBand.Low)]
    [InlineData(49, OgrsBand.Low)]
    [InlineData(50, OgrsBand.Medium)]
    [InlineData(74, OgrsBand.Medium)]
    [InlineData(75, OgrsBand.High)]
    [InlineData(89, OgrsBand.High)]
    [InlineData(90, OgrsBand.VeryHigh)]
    [InlineData(99, OgrsBand.VeryHigh)]
    public void Band_FollowsTheOgrs3BandEdges(int score, OgrsBand band) => Assert.Equal(band, OgrsScore.From(score).Band);

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public void From_OutOfRange_IsRefused(int score)
    {
        Assert.False(OgrsScore.TryFrom(score, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => OgrsScore.From(score));
    }
}
