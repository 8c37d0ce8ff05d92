namespace Probation.Domain.Inspection;

/// <summary>A stratum's share of the eligible population and of the sample.</summary>
public sealed record Stratum(string Key, int Population, int Sample)
{
    public double PopulationShare(int total) => total == 0 ? 0 : (double)Population / total;
}

/// <summary>
/// How the inspectorate sizes and draws a case sample: big enough for the confidence level and margin of error
/// the report states (80% and 5 points), stratified so that the sample's mix of gender, disposal and risk of
/// serious harm matches the eligible population's, and reproducible from a recorded seed.
/// </summary>
public static class Sampling
{
    public const double DefaultConfidence = 0.8;
    public const double DefaultMargin = 0.05;

    /// <summary>The z value for a two-sided confidence level (1.2816 for 80%).</summary>
    public static double Z(double confidence)
    {
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level is a proportion between 0 and 1.");
        }

        return InverseNormal(1 - ((1 - confidence) / 2));
    }

    /// <summary>
    /// Cochran's sample size with the finite population correction: n0 = z²·p(1−p)/e² with p = 0.5, then
    /// n = ⌈n0 / (1 + (n0 − 1)/N)⌉, never more than the population.
    /// </summary>
    public static int SampleSize(int population, double confidence = DefaultConfidence, double margin = DefaultMargin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        if (!(margin is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin of error is a proportion between 0 and 1.");
        }

        if (population == 0)
        {
            return 0;
        }

        var z = Z(confidence);
        var n0 = z * z * 0.25 / (margin * margin);
        var n = n0 / (1 + ((n0 - 1) / population));

        // A whole sample large enough; the small tolerance keeps an exact whole number from rounding up on float noise.
        return Math.Min(population, (int)Math.Ceiling(n - 1e-9));
    }

    /// <summary>
    /// Shares <paramref name="size"/> among the strata in proportion to their populations, by largest remainder so
    /// the parts add up exactly; ties go to the larger stratum, then by key.
    /// </summary>
    public static IReadOnlyList<Stratum> Allocate(IReadOnlyDictionary<string, int> populationByStratum, int size)
    {
        var total = populationByStratum.Values.Sum();
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size > total)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The sample cannot be larger than the population.");
        }

        var strata = populationByStratum.Where(s => s.Value > 0).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        if (total == 0)
        {
            return [];
        }

        var quotas = strata.Select(s => (s.Key, s.Value, Exact: (double)s.Value * size / total)).ToList();
        var parts = quotas.ToDictionary(q => q.Key, q => (int)Math.Floor(q.Exact));
        var left = size - parts.Values.Sum();
        foreach (var q in quotas.OrderByDescending(q => q.Exact - Math.Floor(q.Exact)).ThenByDescending(q => q.Value).ThenBy(q => q.Key, StringComparer.Ordinal))
        {
            if (left == 0)
            {
                break;
            }

            if (parts[q.Key] < q.Value)
            {
                parts[q.Key]++;
                left--;
            }
        }

        return strata.Select(s => new Stratum(s.Key, s.Value, parts[s.Key])).ToList();
    }

    /// <summary>
    /// Draws a stratified random sample: each stratum's share by <see cref="Allocate"/>, its members chosen at random
    /// from the population in a fixed order, so the same population, size and seed always give the same sample.
    /// </summary>
    public static (IReadOnlyList<T> Sample, IReadOnlyList<Stratum> Strata) Draw<T>(IEnumerable<T> population, Func<T, string> stratum, Func<T, string> key, int size, int seed)
    {
        var byStratum = population.GroupBy(stratum).ToDictionary(g => g.Key, g => g.OrderBy(key, StringComparer.Ordinal).ToList());
        var strata = Allocate(byStratum.ToDictionary(s => s.Key, s => s.Value.Count), size);
        var random = new Random(seed);
        var sample = new List<T>(size);
        foreach (var s in strata)
        {
            var members = byStratum[s.Key];

            // A partial Fisher–Yates shuffle: the first Sample places are a uniform random choice.
            for (var i = 0; i < s.Sample; i++)
            {
                var j = random.Next(i, members.Count);
                (members[i], members[j]) = (members[j], members[i]);
            }

            sample.AddRange(members.Take(s.Sample));
        }

        return (sample, strata);
    }

    /// <summary>The standard normal quantile (Wichura's algorithm AS 241, accurate to about 1e-16).</summary>
    public static double InverseNormal(double p)
    {
        if (!(p is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
        }

        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            var r = 0.180625 - (q * q);
            return q * Horner(r, Central.A) / Horner(r, Central.B);
        }

        var t = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        var value = t <= 5
            ? Horner(t - 1.6, Intermediate.A) / Horner(t - 1.6, Intermediate.B)
            : Horner(t - 5, Tail.A) / Horner(t - 5, Tail.B);
        return q < 0 ? -value : value;
    }

    /// <summary>A polynomial's value at <paramref name="x"/>, its coefficients from the constant term up.</summary>
    private static double Horner(double x, double[] coefficients)
    {
        var sum = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            sum = (sum * x) + coefficients[i];
        }

        return sum;
    }

    private static class Central
    {
        public static readonly double[] A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
        public static readonly double[] B = [1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925];
    }

    private static class Intermediate
    {
        public static readonly double[] A = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
        public static readonly double[] B = [1.0, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
    }

    private static class Tail
    {
        public static readonly double[] A = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
        public static readonly double[] B = [1.0, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];
    }
}
