using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Domain.Allocation;

public enum ProtectLevel
{
    A,
    B,
    C,
    D,
}

public enum CaseType
{
    Community,
    Licence,
    Custody,
}

/// <summary>
/// What the tier reads. <see cref="RsrScore"/> (risk of serious recidivism, %) and <see cref="NeedsPoints"/>
/// come from an assessment; null where there is none yet.
/// </summary>
public sealed record TierInput(
    RoshLevel? Rosh,
    double? RsrScore,
    MappaLevel? Mappa,
    int ComplexityFactors,
    OgrsScore? Ogrs,
    int? NeedsPoints,
    bool MandateForChange);

public sealed record Tier(ProtectLevel Protect, int Change, bool Provisional, int ProtectPoints, int ChangePoints, IReadOnlyList<string> Reasons)
{
    public string Code => $"{Protect}{Change}";
}

/// <summary>
/// The HMPPS tier (protect level A–D, change level 0–3), computed with the figures HMPPS's tier
/// service uses (shared reference note, hmpps-services.md §1.2–1.3). Each step says what it added.
/// </summary>
public static class TierCalculator
{
    public static Tier Calculate(TierInput input)
    {
        var reasons = new List<string>();

        // Protect: RoSH and RSR, of which only the higher counts; MAPPA; complexity factors.
        var roshPoints = input.Rosh switch
        {
            RoshLevel.VeryHigh => 150,
            RoshLevel.High => 20,
            RoshLevel.Medium => 10,
            _ => 0,
        };
        var rsrPoints = input.RsrScore switch
        {
            >= 7.0 => 20,
            >= 3.0 => 10,
            _ => 0,
        };
        var riskPoints = Math.Max(roshPoints, rsrPoints);
        reasons.Add(input.Rosh is null && input.RsrScore is null
            ? "Protect: no RoSH level or RSR score yet (0 points)"
            : roshPoints >= rsrPoints
                ? $"Protect: {(input.Rosh is { } r ? RoshLevels.Describe(r).ToLowerInvariant() : "no")} RoSH, {roshPoints} points (the higher of RoSH and RSR)"
                : $"Protect: RSR {input.RsrScore:0.##}%, {rsrPoints} points (the higher of RoSH and RSR)");

        var mappaPoints = input.Mappa switch
        {
            MappaLevel.Two or MappaLevel.Three => 150,
            MappaLevel.One => 5,
            _ => 0,
        };
        if (mappaPoints > 0)
        {
            reasons.Add($"Protect: MAPPA level {(int)input.Mappa!.Value}, {mappaPoints} points");
        }

        var complexityPoints = 2 * Math.Max(0, input.ComplexityFactors);
        if (complexityPoints > 0)
        {
            reasons.Add($"Protect: {input.ComplexityFactors} complexity factor{(input.ComplexityFactors == 1 ? "" : "s")}, {complexityPoints} points");
        }

        var protectPoints = riskPoints + mappaPoints + complexityPoints;
        var protect = protectPoints switch
        {
            >= 150 => ProtectLevel.A,
            >= 20 => ProtectLevel.B,
            >= 10 => ProtectLevel.C,
            _ => ProtectLevel.D,
        };
        reasons.Add($"Protect level {protect}: {protectPoints} points (A from 150, B from 20, C from 10)");

        // Change: no mandate → 0; no assessment → 2, provisional; else needs + OGRS tens.
        int change;
        var changePoints = 0;
        var provisional = false;
        if (!input.MandateForChange)
        {
            change = 0;
            reasons.Add("Change level 0: no mandate for change (unpaid work only, or no current order)");
        }
        else if (input.NeedsPoints is null)
        {
            change = 2;
            provisional = true;
            reasons.Add("Change level 2, provisional: needs not yet assessed");
        }
        else
        {
            var ogrsPoints = (input.Ogrs?.Value ?? 0) / 10;
            changePoints = input.NeedsPoints.Value + ogrsPoints;
            change = changePoints switch
            {
                >= 20 => 3,
                >= 10 => 2,
                _ => 1,
            };
            reasons.Add($"Change level {change}: needs {input.NeedsPoints} points + OGRS {(input.Ogrs?.Value ?? 0)}% ÷ 10 = {ogrsPoints} points, {changePoints} in all (3 from 20, 2 from 10)");
        }

        return new Tier(protect, change, provisional, protectPoints, changePoints, reasons);
    }
}

/// <summary>
/// Workload points and capacity with HMPPS's workload figures (hmpps-services.md §2): points per case
/// by tier and case type; available points from the grade's nominal target scaled by hours.
/// </summary>
public static class Workload
{
    public const int NominalTarget = 2176;
    public const double DefaultContractedHours = 37;

    // [protect][change] for community, licence and custody cases.
    private static readonly int[,] Community = { { 110, 146, 158, 206 }, { 72, 102, 115, 146 }, { 35, 50, 63, 79 }, { 29, 29, 41, 51 } };
    private static readonly int[,] Licence = { { 0, 163, 175, 219 }, { 0, 119, 132, 161 }, { 0, 52, 65, 77 }, { 0, 31, 43, 51 } };
    private static readonly int[,] Custody = { { 0, 59, 60, 75 }, { 0, 47, 48, 59 }, { 0, 23, 24, 30 }, { 0, 13, 14, 17 } };

    public static int CasePoints(Tier tier, CaseType type) => CasePoints(tier.Protect, tier.Change, type);

    public static int CasePoints(ProtectLevel protect, int change, CaseType type)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(change);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(change, 3);
        var table = type switch
        {
            CaseType.Community => Community,
            CaseType.Licence => Licence,
            _ => Custody,
        };
        return table[(int)protect, change];
    }

    /// <summary>Points an officer can carry: the nominal target scaled by available hours (contracted less reductions).</summary>
    public static double AvailablePoints(double contractedHours, double reductionHours) =>
        NominalTarget * Math.Max(0, contractedHours - reductionHours) / DefaultContractedHours;

    /// <summary>Capacity used, in per cent: points held ÷ points available. Over 100 means over capacity.</summary>
    public static double CapacityPercent(int points, double availablePoints) =>
        availablePoints <= 0 ? double.PositiveInfinity : Math.Round(points / availablePoints * 100, 1);
}

/// <summary>
/// The needs points the tier's change level reads, from the latest completed assessment (HMPPS tier V2:
/// weighting 2 for thinking and behaviour and for attitudes; 1 for accommodation, education training and
/// employment, relationships, lifestyle, drugs and alcohol; 0 for finance and emotional wellbeing; times
/// severity 0, 1 or 2). Null when no assessment has been completed: the tier is then provisional.
/// </summary>
public static class TierNeeds
{
    public static int Weight(Supervision.Need need) => need switch
    {
        Supervision.Need.ThinkingAndBehaviour or Supervision.Need.Attitudes => 2,
        Supervision.Need.Finance or Supervision.Need.EmotionalWellbeing => 0,
        _ => 1,
    };

    public static int? Points(IEnumerable<Supervision.Assessment> assessments)
    {
        var latest = assessments.Where(a => a.CompletedOn is not null).OrderBy(a => a.CompletedOn).ThenBy(a => a.Id).LastOrDefault();
        return latest?.Needs.Sum(n => Weight(n.Need) * (int)n.Severity);
    }
}
