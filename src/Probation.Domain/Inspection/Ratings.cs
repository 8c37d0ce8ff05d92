namespace Probation.Domain.Inspection;

/// <summary>The four-point scale; the number is the score a standard contributes to the overall rating.</summary>
public enum Rating
{
    Inadequate = 0,
    RequiresImprovement = 1,
    Good = 2,
    Outstanding = 3,
}

/// <summary>One key question's answers across the cases inspected or audited.</summary>
public sealed record KeyQuestionCount(string Id, int Yes, int No, int NotApplicable = 0)
{
    /// <summary>The cases the question applies to: yes and no.</summary>
    public int Applicable => Yes + No;

    /// <summary>The whole-number percentage yes, or none when no case applies.</summary>
    public int? PercentYes => Ratings.PercentYesOrNone(Yes, No);
}

/// <summary>A case-based standard's band from its lowest key question, with the reason in words; no band when a key question has no case.</summary>
public sealed record StandardRating(Rating? Rating, string? LowestKeyQuestion, int? LowestPercent, string Reason);

/// <summary>A recorded departure from a standard's calculated rating: the rating given, why, and who decided.</summary>
public sealed record Discretion(Rating Rating, string Reason, string? DecidedBy = null);

/// <summary>
/// What is known of one standard: a case-based standard's key question counts (and any discretion), or a
/// domain one standard's judged rating with its evidence.
/// </summary>
public sealed record StandardInput(string Id, Rating? Rating = null, IReadOnlyList<KeyQuestionCount>? KeyQuestions = null, Discretion? Discretion = null, string? Evidence = null);

public sealed record KeyQuestionResult(string Id, string Text, int Yes, int No, int NotApplicable, int Relevant, int PercentYes, bool RelevantSubSampleOnly);

public sealed record StandardResult(
    string Id,
    string Name,
    IReadOnlyList<KeyQuestionResult> KeyQuestions,
    string? LowestKeyQuestion,
    Rating CalculatedRating,
    Rating Rating,
    bool DiscretionApplied,
    string? DiscretionReason,
    int Score,
    string Reason);

public sealed record RatingsResult(ProviderType ProviderType, string Framework, IReadOnlyList<StandardResult> Standards, int TotalScore, Rating? OverallRating, string OverallReason);

/// <summary>A piece of input the rules cannot rate, with the field it concerns (for the 400 answer).</summary>
public sealed record RatingInputError(string Field, string Message);

/// <summary>
/// The inspectorate's rating rules, as the report's results bear them out. A key question's percentage is
/// yes ÷ (yes + no), rounded to a whole number with halves up: the rounded number is shown and banded. A
/// case-based standard takes the band of its lowest key question (80+ Outstanding, 65–79 Good, 50–64 Requires
/// improvement, under 50 Inadequate), unless professional discretion is recorded. Domain one standards are
/// judged. Overall: 3, 2, 1, 0 points per standard summed over the ten (0–5 Inadequate, 6–15 Requires
/// improvement, 16–25 Good, 26–30 Outstanding).
/// </summary>
public static class Ratings
{
    public const int OutstandingFrom = 80;
    public const int GoodFrom = 65;
    public const int RequiresImprovementFrom = 50;

    /// <summary>Yes as a whole percentage of the cases where the question applies, halves rounded up.</summary>
    public static int PercentYes(int yes, int no)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(yes);
        ArgumentOutOfRangeException.ThrowIfNegative(no);
        var n = yes + no;
        if (n == 0)
        {
            throw new ArgumentException("A key question needs at least one case where it applies.", nameof(no));
        }

        // floor(100·yes/n + ½) in whole numbers: exact at the halves.
        return ((200 * yes) + n) / (2 * n);
    }

    /// <summary>As <see cref="PercentYes"/>, but none when no case applies.</summary>
    public static int? PercentYesOrNone(int yes, int no) => yes + no == 0 ? null : PercentYes(yes, no);

    /// <summary>
    /// A standard's band from its lowest key question, without discretion: for live indicators and audit results.
    /// A key question no case applies to leaves the standard without a band, and the reason says which.
    /// </summary>
    public static StandardRating Rate(IReadOnlyList<KeyQuestionCount> keyQuestions)
    {
        if (keyQuestions.Count == 0)
        {
            return new StandardRating(null, null, null, "No band: the standard has no key questions.");
        }

        var empty = keyQuestions.Where(k => k.Applicable == 0).Select(k => k.Id).ToList();
        if (empty.Count > 0)
        {
            return new StandardRating(null, null, null, $"No band: no case applies to {string.Join(", ", empty)}.");
        }

        // The lowest percentage decides; between equals, the first in the framework's order is named.
        var lowest = keyQuestions.OrderBy(k => k.PercentYes).First();
        var percent = lowest.PercentYes!.Value;
        var rating = Band(percent);
        return new StandardRating(rating, lowest.Id, percent, $"{Describe(rating)}: the lowest key question, {lowest.Id}, scored {percent}% ({lowest.Yes} of {lowest.Applicable} cases).");
    }

    /// <summary>What each band means, in the words of the rule.</summary>
    public static string Define(Rating rating) => rating switch
    {
        Rating.Outstanding => $"{OutstandingFrom}% or more",
        Rating.Good => $"{GoodFrom}% to {OutstandingFrom - 1}%",
        Rating.RequiresImprovement => $"{RequiresImprovementFrom}% to {GoodFrom - 1}%",
        _ => $"under {RequiresImprovementFrom}%",
    };

    public static Rating Band(int percent) => percent switch
    {
        >= OutstandingFrom => Rating.Outstanding,
        >= GoodFrom => Rating.Good,
        >= RequiresImprovementFrom => Rating.RequiresImprovement,
        _ => Rating.Inadequate,
    };

    public static int Score(Rating rating) => (int)rating;

    /// <summary>The overall band of a total over the ten standards.</summary>
    public static Rating Overall(int total) => total switch
    {
        < 0 or > 30 => throw new ArgumentOutOfRangeException(nameof(total), total, "The total of ten standards is 0 to 30."),
        <= 5 => Rating.Inadequate,
        <= 15 => Rating.RequiresImprovement,
        <= 25 => Rating.Good,
        _ => Rating.Outstanding,
    };

    public static string Describe(Rating rating) => rating switch
    {
        Rating.Outstanding => "Outstanding",
        Rating.Good => "Good",
        Rating.RequiresImprovement => "Requires improvement",
        _ => "Inadequate",
    };

    /// <summary>Rates the standards given, and the provider overall when all of its ten are given; or says what cannot be rated.</summary>
    public static (RatingsResult? Result, IReadOnlyList<RatingInputError> Errors) Calculate(Framework framework, ProviderType type, IReadOnlyList<StandardInput> inputs)
    {
        var errors = new List<RatingInputError>();
        var standards = framework.StandardsFor(type);
        var results = new List<StandardResult>();
        var seen = new HashSet<string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var field = $"standards[{i}]";
            var standard = standards.FirstOrDefault(s => s.Id == input.Id?.Trim());
            if (standard is null)
            {
                errors.Add(new(field + ".id", $"'{input.Id}' is not a standard of the {framework.Version} framework for a {Name(type)}: use {string.Join(", ", standards.Select(s => s.Id))}."));
                continue;
            }

            if (!seen.Add(standard.Id))
            {
                errors.Add(new(field + ".id", $"Standard {standard.Id} is given more than once."));
                continue;
            }

            var result = standard.CaseBased ? CaseBased(standard, input, field, errors) : Judged(standard, input, field, errors);
            if (result is not null)
            {
                results.Add(result);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var ordered = results.OrderBy(r => standards.ToList().FindIndex(s => s.Id == r.Id)).ToList();
        var total = ordered.Sum(r => r.Score);
        var missing = standards.Where(s => !seen.Contains(s.Id)).Select(s => s.Id).ToList();
        Rating? overall = missing.Count == 0 ? Overall(total) : null;
        var overallReason = overall is { } o
            ? $"{Describe(o)}: {total} of 30 from the ten standards ({OverallBands})."
            : $"No overall rating: {ordered.Count} of {standards.Count} standards are rated; {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing.";
        return (new RatingsResult(type, framework.Version, ordered, total, overall, overallReason), errors);
    }

    public const string OverallBands = "0–5 Inadequate, 6–15 Requires improvement, 16–25 Good, 26–30 Outstanding";

    private static string Name(ProviderType type) => type == ProviderType.Crc ? "CRC" : "NPS division";

    private static StandardResult? CaseBased(Standard standard, StandardInput input, string field, List<RatingInputError> errors)
    {
        var before = errors.Count;
        var counts = input.KeyQuestions ?? [];
        if (counts.Count == 0)
        {
            errors.Add(new(field + ".keyQuestions", $"Standard {standard.Id} is rated from its key questions: send the counts for {string.Join(", ", standard.KeyQuestions.Select(k => k.Id))}."));
            return null;
        }

        var rows = new List<KeyQuestionResult>();
        for (var j = 0; j < counts.Count; j++)
        {
            var c = counts[j];
            var kqField = $"{field}.keyQuestions[{j}]";
            var question = standard.KeyQuestions.FirstOrDefault(k => k.Id == c.Id?.Trim());
            if (question is null)
            {
                errors.Add(new(kqField + ".id", $"'{c.Id}' is not a key question of standard {standard.Id}: use {string.Join(", ", standard.KeyQuestions.Select(k => k.Id))}."));
                continue;
            }

            if (rows.Any(r => r.Id == question.Id))
            {
                errors.Add(new(kqField + ".id", $"Key question {question.Id} is given more than once."));
                continue;
            }

            if (c.Yes < 0 || c.No < 0 || c.NotApplicable < 0)
            {
                errors.Add(new(kqField, $"Key question {question.Id}: counts cannot be negative."));
                continue;
            }

            if (c.Yes + c.No == 0)
            {
                errors.Add(new(kqField, $"Key question {question.Id} has no case where it applies: yes and no are both 0."));
                continue;
            }

            rows.Add(new(question.Id, question.Text, c.Yes, c.No, c.NotApplicable, c.Yes + c.No, PercentYes(c.Yes, c.No), question.RelevantSubSampleOnly));
        }

        var absent = standard.KeyQuestions.Where(k => counts.All(c => c.Id?.Trim() != k.Id)).Select(k => k.Id).ToList();
        if (absent.Count > 0)
        {
            errors.Add(new(field + ".keyQuestions", $"Standard {standard.Id} is missing key question{(absent.Count == 1 ? "" : "s")} {string.Join(", ", absent)}."));
        }

        if (input.Rating is not null)
        {
            errors.Add(new(field + ".rating", $"Standard {standard.Id} is rated from its key questions; to depart from that rating, record discretion with a reason."));
        }

        if (input.Discretion is { } d && string.IsNullOrWhiteSpace(d.Reason))
        {
            errors.Add(new(field + ".discretion.reason", $"Discretion on standard {standard.Id} needs its reason."));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var ordered = standard.KeyQuestions.Select(k => rows.Single(r => r.Id == k.Id)).ToList();
        var lowest = ordered.MinBy(r => r.PercentYes)!;
        var calculated = Band(lowest.PercentYes);
        var because = $"the lowest key question, {lowest.Id}, scored {lowest.PercentYes}% ({lowest.Yes} of {lowest.Relevant} {(lowest.RelevantSubSampleOnly ? "relevant " : "")}cases)";
        if (input.Discretion is { } discretion)
        {
            var reason = $"{Describe(discretion.Rating)} by professional discretion (calculated {Describe(calculated)}: {because}). {discretion.Reason.Trim()}";
            return new(standard.Id, standard.Name, ordered, lowest.Id, calculated, discretion.Rating, true, discretion.Reason.Trim(), Score(discretion.Rating), reason);
        }

        return new(standard.Id, standard.Name, ordered, lowest.Id, calculated, calculated, false, null, Score(calculated), $"{Describe(calculated)}: {because}.");
    }

    private static StandardResult? Judged(Standard standard, StandardInput input, string field, List<RatingInputError> errors)
    {
        if (input.Rating is not { } rating)
        {
            errors.Add(new(field + ".rating", $"Standard {standard.Id} is judged on the evidence: send its rating."));
            return null;
        }

        if (input.KeyQuestions is { Count: > 0 })
        {
            errors.Add(new(field + ".keyQuestions", $"Standard {standard.Id} is judged on the evidence, not rated from key question counts."));
            return null;
        }

        if (input.Discretion is not null)
        {
            errors.Add(new(field + ".discretion", $"Standard {standard.Id} is judged: its rating is the judgement, with no calculated rating to depart from."));
            return null;
        }

        // The reason ends with one full stop whether or not the evidence as written does.
        var evidence = string.IsNullOrWhiteSpace(input.Evidence) ? "judged by the inspectors on the evidence for domain one" : input.Evidence.Trim().TrimEnd('.');
        return new(standard.Id, standard.Name, [], null, rating, rating, false, null, Score(rating), $"{Describe(rating)}: {evidence}.");
    }
}
