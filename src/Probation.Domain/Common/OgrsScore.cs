namespace Probation.Domain.Common;

/// <summary>Offender Group Reconviction Scale: the two-year likelihood of proven reoffending, 0–99 per cent.</summary>
public readonly record struct OgrsScore
{
    public const int Minimum = 0;
    public const int Maximum = 99;

    private OgrsScore(int value) => Value = value;

    public int Value { get; }

    public OgrsBand Band => Value switch
    {
        // OGRS3 bands used across HMPPS: low under 50, medium 50–74, high 75–89, very high 90 and over.
        < 50 => OgrsBand.Low,
        < 75 => OgrsBand.Medium,
        < 90 => OgrsBand.High,
        _ => OgrsBand.VeryHigh,
    };

    public static OgrsScore From(int value) =>
        TryFrom(value, out var score)
            ? score
            : throw new ArgumentOutOfRangeException(nameof(value), value, "An OGRS score is a whole number from 0 to 99.");

    public static bool TryFrom(int value, out OgrsScore score)
    {
        score = default;
        if (value is < Minimum or > Maximum)
        {
            return false;
        }

        score = new OgrsScore(value);
        return true;
    }

    public override string ToString() => $"{Value}%";
}

public enum OgrsBand
{
    Low,
    Medium,
    High,
    VeryHigh,
}
