namespace Probation.Application.Demo;

/// <summary>
/// How big a generated dataset is. <see cref="Provider"/> is the demo: one provider shaped like the
/// one in the report (six local teams, 35 hubs, about 170 responsible officers averaging 51 cases,
/// about 8,700 people). <see cref="Small"/> keeps the same shape for fast tests; <see cref="Large"/>
/// is five times the demo, for load tests on one provider. The national dataset (21 providers) is
/// built by the bulk loader, not by this generator.
/// </summary>
public sealed record DemoScale(string Name, int People, int ResponsibleOfficers, int Hubs)
{
    /// <summary>
    /// How far back the records go. None (the demo scales): contacts for about the last four to six months
    /// of the current order, no earlier orders and twelve weeks of unpaid work, as the demo has always had.
    /// The bulk scales set it to make the national dataset's volumes.
    /// </summary>
    public DemoDepth? Depth { get; init; }

    public static readonly DemoScale Small = new("small", 480, 24, 8);
    public static readonly DemoScale Provider = new("provider", 8_700, 170, 35);
    public static readonly DemoScale Large = new("large", 43_500, 850, 60);

    public static DemoScale Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "provider" => Provider,
        "small" => Small,
        "large" => Large,
        _ => throw new InvalidOperationException($"Unknown demo scale '{name}'. Use small, provider or large."),
    };
}

/// <summary>
/// Longer histories for the bulk scales: contacts over the whole of the current order
/// (<paramref name="WholeOrder"/>), on average <paramref name="PreviousOrders"/> earlier orders a case,
/// each finished before the current one began and with its own contacts, and
/// <paramref name="UnpaidWorkWeeks"/> weeks of unpaid work sessions before this week, and unpaid work in
/// <paramref name="UnpaidWorkShare"/> of current community and suspended sentence orders (the demo's generator
/// gives it to about 35%; nationally it is the most common requirement, in about half).
/// </summary>
public sealed record DemoDepth(bool WholeOrder, double PreviousOrders, int UnpaidWorkWeeks, double UnpaidWorkShare)
{
    /// <summary>The national dataset's providers: about 40 contacts a case, 1.4 orders and a year of unpaid work sessions.</summary>
    public static readonly DemoDepth National = new(true, 0.45, 52, 0.5);

    /// <summary>The large provider: about 50 contacts a case.</summary>
    public static readonly DemoDepth LargeProvider = new(true, 1.0, 52, 0.5);
}
