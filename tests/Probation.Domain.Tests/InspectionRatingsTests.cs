using Probation.Domain.Inspection;

namespace Probation.Domain.Tests;

/// <summary>
/// The inspectorate's rating rules as tables, and the inspection report's own results reproduced from its
/// Annex 2 figures: the product must print the ratings the report published.
/// </summary>
public sealed class InspectionRatingsTests
{
    private static readonly Framework F2018 = Frameworks.Find("2018")!;

    [Theory]
    [InlineData(80, 100, Rating.Outstanding)]
    [InlineData(79, 100, Rating.Good)]
    [InlineData(65, 100, Rating.Good)]
    [InlineData(64, 100, Rating.RequiresImprovement)]
    [InlineData(50, 100, Rating.RequiresImprovement)]
    [InlineData(49, 100, Rating.Inadequate)]
    [InlineData(99, 200, Rating.RequiresImprovement)] // 49.5% rounds up to 50
    [InlineData(159, 200, Rating.Outstanding)] // 79.5% rounds up to 80
    [InlineData(129, 200, Rating.Good)] // 64.5% rounds up to 65
    [InlineData(1, 3, Rating.Inadequate)] // 33.3%
    public void KeyQuestion_IsBandedOnItsRoundedPercentage(int yes, int cases, Rating expected) =>
        Assert.Equal(expected, Ratings.Band(Ratings.PercentYes(yes, cases - yes)));

    [Theory]
    [InlineData(99, 101, 50)] // 49.5 → 50, halves up
    [InlineData(1, 199, 1)] // 0.5 → 1
    [InlineData(27, 47, 36)] // 36.49 → 36
    [InlineData(19, 39, 33)] // 32.76 → 33
    [InlineData(2, 1, 67)] // 66.67 → 67
    [InlineData(0, 5, 0)]
    [InlineData(5, 0, 100)]
    public void PercentYes_RoundsHalvesUp(int yes, int no, int expected) =>
        Assert.Equal(expected, Ratings.PercentYes(yes, no));

    [Fact]
    public void PercentYes_WithNoApplicableCase_IsNone()
    {
        Assert.Null(Ratings.PercentYesOrNone(0, 0));
        Assert.Null(new KeyQuestionCount("2.2.3", 0, 0, 12).PercentYes);
    }

    /// <summary>Live indicators and audit results rate a standard without discretion: the lowest key question's band, or none when a question has no case.</summary>
    [Theory]
    [InlineData("2.1", new[] { 63, 57, 47 }, Rating.Inadequate, "2.1.3", 47)]
    [InlineData("2.2", new[] { 61, 60, 36 }, Rating.Inadequate, "2.2.3", 36)]
    [InlineData("4.1", new[] { 61, 83, 74, 70 }, Rating.RequiresImprovement, "4.1.1", 61)]
    [InlineData("4.2", new[] { 50, 50, 50 }, Rating.RequiresImprovement, "4.2.1", 50)]
    public void Rate_TakesTheLowestKeyQuestion(string standard, int[] percents, Rating band, string lowest, int percent)
    {
        var rating = Ratings.Rate(percents.Select((p, i) => new KeyQuestionCount($"{standard}.{i + 1}", p, 100 - p)).ToList());
        Assert.Equal(band, rating.Rating);
        Assert.Equal(lowest, rating.LowestKeyQuestion);
        Assert.Equal(percent, rating.LowestPercent);
        Assert.StartsWith($"{Ratings.Describe(band)}: the lowest key question, {lowest}, scored {percent}%", rating.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_WithAKeyQuestionNoCaseAppliesTo_HasNoBand()
    {
        var rating = Ratings.Rate([new("2.4.1", 5, 5), new("2.4.2", 5, 5), new("2.4.3", 0, 0, 10)]);
        Assert.Null(rating.Rating);
        Assert.Equal("No band: no case applies to 2.4.3.", rating.Reason);
        Assert.Equal("65% to 79%", Ratings.Define(Rating.Good));
        Assert.Equal("under 50%", Ratings.Define(Rating.Inadequate));
    }

    [Theory]
    [InlineData(0, Rating.Inadequate)]
    [InlineData(5, Rating.Inadequate)]
    [InlineData(6, Rating.RequiresImprovement)]
    [InlineData(15, Rating.RequiresImprovement)]
    [InlineData(16, Rating.Good)]
    [InlineData(25, Rating.Good)]
    [InlineData(26, Rating.Outstanding)]
    [InlineData(30, Rating.Outstanding)]
    public void Overall_BandEdges(int total, Rating expected) => Assert.Equal(expected, Ratings.Overall(total));

    [Fact]
    public void Framework2018_HasTenStandardsForEachProviderType_AndTheRelevantSubSample()
    {
        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"], F2018.StandardsFor(ProviderType.Crc).Select(s => s.Id));
        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"], F2018.StandardsFor(ProviderType.Nps).Select(s => s.Id));
        Assert.Equal(["2.2.3", "2.3.3", "2.4.3"], F2018.Standards.SelectMany(s => s.KeyQuestions).Where(k => k.RelevantSubSampleOnly).Select(k => k.Id));
        Assert.Equal(4, F2018.Standard("4.1")!.KeyQuestions.Count);
        Assert.Equal(3, F2018.Standard("4.2")!.KeyQuestions.Count);
        Assert.Equal("Is there effective coordination of resettlement activity?", F2018.KeyQuestion("4.2.3")!.Text);
        Assert.All(F2018.Standards.Where(s => s.Domain == 2).SelectMany(s => s.KeyQuestions), k => Assert.NotEmpty(k.Prompts));
        Assert.All(F2018.Standards, s => Assert.True(s.CaseBased == (s.Domain != 1)));
    }

    /// <summary>Yes and no out of 100 giving a published percentage.</summary>
    private static KeyQuestionCount Of100(string id, int percent) => new(id, percent, 100 - percent);

    /// <summary>
    /// Durham Tees Valley CRC's results (the report's ratings summary and Annex 2): 2.2.3 as 27 yes of 74 relevant
    /// cases, 2.4.3 as 19 of 58, every other key question out of 100; discretion on 2.1 (footnote 18) and 4.1 (footnote 15).
    /// </summary>
    public static IReadOnlyList<StandardInput> DurhamTeesValley() =>
    [
        new("1.1", Rating.Outstanding),
        new("1.2", Rating.Good),
        new("1.3", Rating.Good),
        new("1.4", Rating.Good),
        new("2.1", KeyQuestions: [Of100("2.1.1", 63), Of100("2.1.2", 57), Of100("2.1.3", 47)],
            Discretion: new(Rating.RequiresImprovement, "Professional discretion in relation to the case data, to take into account wider evidence gathered about this aspect of practice.")),
        new("2.2", KeyQuestions: [Of100("2.2.1", 61), Of100("2.2.2", 60), new("2.2.3", 27, 47, 26)]),
        new("2.3", KeyQuestions: [Of100("2.3.1", 73), Of100("2.3.2", 52), Of100("2.3.3", 42)]),
        new("2.4", KeyQuestions: [Of100("2.4.1", 65), Of100("2.4.2", 46), new("2.4.3", 19, 39, 42)]),
        new("4.1", KeyQuestions: [Of100("4.1.1", 61), Of100("4.1.2", 83), Of100("4.1.3", 74), Of100("4.1.4", 70)],
            Discretion: new(Rating.Good, "Professional discretion in relation to the case data, to take into account wider evidence gathered about this area of work.")),
        new("4.2", KeyQuestions: [Of100("4.2.1", 50), Of100("4.2.2", 50), Of100("4.2.3", 50)]),
    ];

    [Fact]
    public void TheReportsOwnRatings_AreReproduced_FromItsAnnex2Figures()
    {
        var (result, errors) = Ratings.Calculate(F2018, ProviderType.Crc, DurhamTeesValley());
        Assert.Empty(errors);
        var r = result!;
        var published = new Dictionary<string, Rating>
        {
            ["1.1"] = Rating.Outstanding,
            ["1.2"] = Rating.Good,
            ["1.3"] = Rating.Good,
            ["1.4"] = Rating.Good,
            ["2.1"] = Rating.RequiresImprovement,
            ["2.2"] = Rating.Inadequate,
            ["2.3"] = Rating.Inadequate,
            ["2.4"] = Rating.Inadequate,
            ["4.1"] = Rating.Good,
            ["4.2"] = Rating.RequiresImprovement,
        };
        Assert.Equal(published, r.Standards.ToDictionary(s => s.Id, s => s.Rating));
        Assert.Equal(["2.1", "4.1"], r.Standards.Where(s => s.DiscretionApplied).Select(s => s.Id));
        Assert.Equal(13, r.TotalScore);
        Assert.Equal(Rating.RequiresImprovement, r.OverallRating);

        var planning = r.Standards.Single(s => s.Id == "2.2");
        Assert.Equal("Inadequate: the lowest key question, 2.2.3, scored 36% (27 of 74 relevant cases).", planning.Reason);
        Assert.Equal([61, 60, 36], planning.KeyQuestions.Select(k => k.PercentYes));
        Assert.Equal(33, r.Standards.Single(s => s.Id == "2.4").KeyQuestions.Single(k => k.Id == "2.4.3").PercentYes);
        var assessment = r.Standards.Single(s => s.Id == "2.1");
        Assert.Equal(Rating.Inadequate, assessment.CalculatedRating);
        Assert.StartsWith("Requires improvement by professional discretion (calculated Inadequate: the lowest key question, 2.1.3, scored 47% (47 of 100 cases)).", assessment.Reason, StringComparison.Ordinal);
        Assert.Equal(Rating.RequiresImprovement, r.Standards.Single(s => s.Id == "4.1").CalculatedRating);

        // Without discretion the total would be 11: still Requires improvement, as the report's figures allow.
        var (plain, _) = Ratings.Calculate(F2018, ProviderType.Crc, DurhamTeesValley().Select(s => s with { Discretion = null }).ToList());
        Assert.Equal(11, plain!.TotalScore);
        Assert.Equal(Rating.RequiresImprovement, plain.OverallRating);
    }

    [Fact]
    public void OverallRating_NeedsAllTenStandards()
    {
        var (result, errors) = Ratings.Calculate(F2018, ProviderType.Crc, DurhamTeesValley().Take(4).ToList());
        Assert.Empty(errors);
        Assert.Null(result!.OverallRating);
        Assert.Equal(9, result.TotalScore);
        Assert.Contains("2.1, 2.2, 2.3, 2.4, 4.1, 4.2 are missing", result.OverallReason, StringComparison.Ordinal);
    }

    public static TheoryData<string, StandardInput, string> BadInputs => new()
    {
        { "unknown standard", new StandardInput("3.1", Rating.Good), "standards[0].id" },
        { "missing key question", new StandardInput("4.2", KeyQuestions: [Of100("4.2.1", 50), Of100("4.2.2", 50)]), "standards[0].keyQuestions" },
        { "unknown key question", new StandardInput("4.2", KeyQuestions: [Of100("4.2.1", 50), Of100("4.2.2", 50), Of100("4.2.3", 50), Of100("4.2.4", 50)]), "standards[0].keyQuestions[3].id" },
        { "negative count", new StandardInput("4.2", KeyQuestions: [Of100("4.2.1", 50), Of100("4.2.2", 50), new("4.2.3", -1, 5)]), "standards[0].keyQuestions[2]" },
        { "no applicable cases", new StandardInput("4.2", KeyQuestions: [Of100("4.2.1", 50), Of100("4.2.2", 50), new("4.2.3", 0, 0, 24)]), "standards[0].keyQuestions[2]" },
        { "discretion without a reason", new StandardInput("4.2", KeyQuestions: [Of100("4.2.1", 50), Of100("4.2.2", 50), Of100("4.2.3", 50)], Discretion: new(Rating.Good, " ")), "standards[0].discretion.reason" },
        { "case-based standard given a rating", new StandardInput("4.2", Rating.Good, [Of100("4.2.1", 50), Of100("4.2.2", 50), Of100("4.2.3", 50)]), "standards[0].rating" },
        { "judged standard without a rating", new StandardInput("1.1"), "standards[0].rating" },
        { "judged standard given counts", new StandardInput("1.1", Rating.Good, [Of100("1.1.1", 50)]), "standards[0].keyQuestions" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInput_IsRefused_NamingTheField(string what, StandardInput input, string field)
    {
        var (result, errors) = Ratings.Calculate(F2018, ProviderType.Crc, [input]);
        Assert.Null(result);
        Assert.True(errors.Any(e => e.Field == field), $"{what}: {string.Join("; ", errors.Select(e => e.Field + " " + e.Message))}");
    }

    [Fact]
    public void AStandardGivenTwice_IsRefused()
    {
        var (result, errors) = Ratings.Calculate(F2018, ProviderType.Crc, [new("1.1", Rating.Good), new("1.1", Rating.Outstanding)]);
        Assert.Null(result);
        Assert.Equal("standards[1].id", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData(0.8, 1.2816)]
    [InlineData(0.9, 1.6449)]
    [InlineData(0.95, 1.9600)]
    [InlineData(0.99, 2.5758)]
    public void Z_ForTwoSidedConfidence(double confidence, double z) => Assert.Equal(z, Sampling.Z(confidence), 4);

    /// <summary>By hand: n0 = 1.28155²·0.25/0.05² = 164.24; n = ⌈n0/(1 + (n0 − 1)/N)⌉.</summary>
    [Theory]
    [InlineData(300, 107)] // 164.24 / 1.5441 = 106.4
    [InlineData(1_000, 142)] // 164.24 / 1.16324 = 141.2
    [InlineData(5_000, 160)] // 164.24 / 1.03265 = 159.05
    [InlineData(100_000, 164)] // 164.24 / 1.00163 = 163.97
    [InlineData(24, 22)] // 164.24 / 7.8016 = 21.05
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void SampleSize_At80PerCentAnd5Points(int population, int expected)
    {
        var z = 1.2815515655446004;
        var n0 = z * z * 0.25 / 0.0025;
        var byHand = population == 0 ? 0 : (int)Math.Ceiling(n0 / (1 + ((n0 - 1) / population)));
        Assert.Equal(byHand, Sampling.SampleSize(population));
        Assert.Equal(expected, Sampling.SampleSize(population));
    }

    [Fact]
    public void SampleSize_OtherConfidenceAndMargin()
    {
        // 95% and 5 points: n0 = 1.96²·0.25/0.0025 = 384.15; N = 1,000 → 384.15/1.38315 = 277.7 → 278.
        Assert.Equal(278, Sampling.SampleSize(1_000, 0.95, 0.05));

        // 80% and 10 points: n0 = 41.06; N = 500 → 41.06/1.0801 = 38.01 → 39.
        Assert.Equal(39, Sampling.SampleSize(500, 0.8, 0.10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.SampleSize(100, 1.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.SampleSize(100, 0.8, 0));
    }

    [Fact]
    public void Allocation_IsProportional_AndAddsUpByLargestRemainder()
    {
        var population = new Dictionary<string, int> { ["A"] = 500, ["B"] = 300, ["C"] = 150, ["D"] = 50 };

        // Exact shares of 107: 53.5, 32.1, 16.05, 5.35 → floors 53+32+16+5 = 106; the one left goes to A (.5).
        var strata = Sampling.Allocate(population, 107);
        Assert.Equal([54, 32, 16, 5], strata.Select(s => s.Sample));
        Assert.Equal(107, strata.Sum(s => s.Sample));

        // Three equal strata and 10 places: ties in remainder go by key.
        Assert.Equal([4, 3, 3], Sampling.Allocate(new Dictionary<string, int> { ["x"] = 10, ["y"] = 10, ["z"] = 10 }, 10).Select(s => s.Sample));
    }

    [Fact]
    public void Draw_IsStratified_Reproducible_AndMatchesThePopulationsMix()
    {
        var people = Enumerable.Range(0, 900).Select(i => (Id: $"P{i:D4}", Stratum: (i % 10) switch { < 6 => "Male|Community|Low", < 8 => "Male|Licence|Medium", 8 => "Female|Community|Low", _ => "Female|Licence|High" })).ToList();
        var size = Sampling.SampleSize(people.Count);
        var (sample, strata) = Sampling.Draw(people, p => p.Stratum, p => p.Id, size, seed: 2019);
        Assert.Equal(size, sample.Count);
        Assert.Equal(size, sample.Select(p => p.Id).Distinct().Count());
        foreach (var s in strata)
        {
            Assert.Equal(s.Sample, sample.Count(p => p.Stratum == s.Key));
            Assert.True(Math.Abs(((double)s.Sample / size) - s.PopulationShare(people.Count)) < 1.0 / size, s.Key);
        }

        var (again, _) = Sampling.Draw(people.AsEnumerable().Reverse(), p => p.Stratum, p => p.Id, size, seed: 2019);
        Assert.Equal(sample.Select(p => p.Id), again.Select(p => p.Id));
        var (other, _) = Sampling.Draw(people, p => p.Stratum, p => p.Id, size, seed: 2020);
        Assert.NotEqual(sample.Select(p => p.Id).Order(), other.Select(p => p.Id).Order());
    }
}
