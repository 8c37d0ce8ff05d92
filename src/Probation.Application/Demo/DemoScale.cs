namespace Probation.Application.Demo;

/// <summary>
/// How big a generated dataset is. <see cref="Provider"/> is the demo: one provider shaped like the
/// one in the report (six local teams, 35 hubs, about 170 responsible officers averaging 51 cases,
/// about 8,700 people). <see cref="Small"/> keeps the same shape for fast tests.
/// </summary>
public sealed record DemoScale(string Name, int People, int ResponsibleOfficers, int Hubs)
{
    public static readonly DemoScale Small = new("small", 480, 24, 8);
    public static readonly DemoScale Provider = new("provider", 8_700, 170, 35);

    public static DemoScale Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "provider" => Provider,
        "small" => Small,
        _ => throw new InvalidOperationException($"Unknown demo scale '{name}'. Use small or provider."),
    };
}
