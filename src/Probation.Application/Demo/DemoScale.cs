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
