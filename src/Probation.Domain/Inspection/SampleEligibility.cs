using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Domain.Inspection;

/// <summary>
/// The eligibility windows of the three case samples (the report's Annex 1), counted back from the sample's
/// reference date (the first day of fieldwork). Typed and checked at start-up: a bad window stops the app.
/// </summary>
public sealed class InspectionSampleOptions
{
    /// <summary>Case supervision: the order or licence started no more than this many months before the reference date...</summary>
    public int CaseSupervisionFromMonths { get; set; } = 7;

    /// <summary>...and at least this many ("under community supervision for approximately six to seven months").</summary>
    public int CaseSupervisionToMonths { get; set; } = 6;

    /// <summary>Unpaid work: the requirement began no more than this many months before (a requirement still within its twelve months)...</summary>
    public int UnpaidWorkFromMonths { get; set; } = 12;

    /// <summary>...and at least this many ("unpaid work requirements that had begun at least three months previously").</summary>
    public int UnpaidWorkToMonths { get; set; } = 3;

    /// <summary>Through the Gate: released on licence or post-sentence supervision no more than this many weeks before...</summary>
    public int ThroughTheGateFromWeeks { get; set; } = 7;

    /// <summary>...and at least this many ("released ... six weeks earlier ... over a two-week period").</summary>
    public int ThroughTheGateToWeeks { get; set; } = 5;

    /// <summary>Every window must be a sensible positive span with its far end before its near end; the start-up refuses anything else.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Window(string from, int fromValue, string to, int toValue, int max, string unit)
        {
            if (toValue < 0 || toValue > max)
            {
                errors.Add($"Inspection:{to} must be from 0 to {max} {unit}, not {toValue}.");
            }

            if (fromValue < 1 || fromValue > max)
            {
                errors.Add($"Inspection:{from} must be from 1 to {max} {unit}, not {fromValue}.");
            }
            else if (fromValue <= toValue)
            {
                errors.Add($"Inspection:{from} ({fromValue}) must be more than Inspection:{to} ({toValue}): the window runs from the earlier date to the later one.");
            }
        }

        Window(nameof(CaseSupervisionFromMonths), CaseSupervisionFromMonths, nameof(CaseSupervisionToMonths), CaseSupervisionToMonths, 36, "months");
        Window(nameof(UnpaidWorkFromMonths), UnpaidWorkFromMonths, nameof(UnpaidWorkToMonths), UnpaidWorkToMonths, 36, "months");
        Window(nameof(ThroughTheGateFromWeeks), ThroughTheGateFromWeeks, nameof(ThroughTheGateToWeeks), ThroughTheGateToWeeks, 52, "weeks");
        return errors;
    }

    /// <summary>The options when valid; otherwise the start-up stops with every error in one message.</summary>
    public static InspectionSampleOptions Checked(InspectionSampleOptions? options)
    {
        options ??= new InspectionSampleOptions();
        return options.Validate() is { Count: > 0 } errors
            ? throw new InvalidOperationException("The inspection sample settings are not valid: " + string.Join(" ", errors))
            : options;
    }
}

/// <summary>The type of disposal the samples are stratified by: a community sentence, or release on licence or post-sentence supervision.</summary>
public enum Disposal
{
    CommunitySentence,
    Licence,
}

/// <summary>The days a sample's eligible cases started (or were released) between, both included.</summary>
public readonly record struct EligibilityWindow(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => From <= day && day <= To;
}

/// <summary>A case in a sample's eligible population, with what it is stratified by.</summary>
public sealed record SampleCandidate(int PersonId, string Crn, Gender Gender, Disposal Disposal, RoshLevel? Rosh);

/// <summary>
/// Which cases each sample may draw, and the stratum each belongs to. The report: the main sample matched the
/// eligible population on gender, type of disposal and risk of serious harm level; the unpaid work sample on
/// gender and risk of serious harm level.
/// </summary>
public static class SampleEligibility
{
    public static EligibilityWindow Window(SampleKind kind, DateOnly reference, InspectionSampleOptions options) => kind switch
    {
        SampleKind.UnpaidWork => new(reference.AddMonths(-options.UnpaidWorkFromMonths), reference.AddMonths(-options.UnpaidWorkToMonths)),
        SampleKind.ThroughTheGate => new(reference.AddDays(-7 * options.ThroughTheGateFromWeeks), reference.AddDays(-7 * options.ThroughTheGateToWeeks)),
        _ => new(reference.AddMonths(-options.CaseSupervisionFromMonths), reference.AddMonths(-options.CaseSupervisionToMonths)),
    };

    /// <summary>The disposal an order is, for the samples: none for a custodial sentence still being served.</summary>
    public static Disposal? DisposalOf(OrderType type) => type switch
    {
        OrderType.CommunityOrder or OrderType.SuspendedSentenceOrder => Disposal.CommunitySentence,
        OrderType.Licence or OrderType.PostSentenceSupervision => Disposal.Licence,
        _ => null,
    };

    /// <summary>The order is still running on the reference date: started, not ended and not terminated.</summary>
    public static bool RunningOn(Order order, DateOnly reference) =>
        order.StartDate <= reference && reference <= order.EndDate && (order.TerminatedOn is null || order.TerminatedOn > reference);

    /// <summary>
    /// The case supervision sample: people under community supervision (a community sentence, or a licence or
    /// post-sentence supervision after release) whose order started within the window and still runs on the reference date.
    /// </summary>
    public static bool UnderSupervision(Order order, EligibilityWindow window, DateOnly reference) =>
        DisposalOf(order.Type) is not null && window.Contains(order.StartDate) && RunningOn(order, reference);

    /// <summary>The unpaid work sample: a community sentence with unpaid work hours, begun within the window and still running on the reference date.</summary>
    public static bool UnpaidWork(Order order, EligibilityWindow window, DateOnly reference) =>
        DisposalOf(order.Type) == Disposal.CommunitySentence
        && order.Requirements.Any(r => r.Type == RequirementType.UnpaidWork && r.UnpaidWorkHours > 0)
        && window.Contains(order.StartDate)
        && RunningOn(order, reference);

    /// <summary>The Through the Gate sample: released from custody within the window.</summary>
    public static bool ReleasedWithin(DateOnly? releasedOn, EligibilityWindow window) => releasedOn is { } day && window.Contains(day);

    /// <summary>The stratum of a case: gender, disposal and RoSH level; for unpaid work, gender and RoSH level only.</summary>
    public static string StratumKey(SampleKind kind, SampleCandidate c)
    {
        var rosh = c.Rosh?.ToString() ?? "NotAssessed";
        return kind == SampleKind.UnpaidWork ? $"{c.Gender}|{rosh}" : $"{c.Gender}|{c.Disposal}|{rosh}";
    }

    /// <summary>A stratum key in words: "Female, community sentence, high RoSH".</summary>
    public static string DescribeStratum(string key) => string.Join(", ", key.Split('|').Select((part, i) => part switch
    {
        nameof(Gender.Male) => "Male",
        nameof(Gender.Female) => "Female",
        nameof(Gender.NonBinary) => "Non-binary",
        nameof(Gender.NotStated) => "Gender not stated",
        nameof(Disposal.CommunitySentence) => "community sentence",
        nameof(Disposal.Licence) => "licence or post-sentence supervision",
        "NotAssessed" => "RoSH not assessed",
        _ when Enum.TryParse<RoshLevel>(part, out var level) => RoshLevels.Describe(level).ToLowerInvariant() + " RoSH",
        _ => part,
    }));

    public static string Describe(SampleKind kind) => kind switch
    {
        SampleKind.UnpaidWork => "Unpaid work",
        SampleKind.ThroughTheGate => "Through the Gate",
        _ => "Case supervision",
    };

    /// <summary>Who each sample is drawn from, in the report's words, for the page and the report.</summary>
    public static string DescribeEligibility(SampleKind kind) => kind switch
    {
        SampleKind.UnpaidWork => "Unpaid work requirements that had begun at least three months earlier and were still running",
        SampleKind.ThroughTheGate => "People released from custody on licence or post-sentence supervision about six weeks earlier",
        _ => "People under community supervision for about six to seven months (a community sentence, or a licence or post-sentence supervision after release)",
    };

    /// <summary>The samples an inspection of each type draws: unpaid work and Through the Gate are CRC-specific work (domain four).</summary>
    public static IReadOnlyList<SampleKind> SamplesFor(ProviderType type) =>
        type == ProviderType.Crc ? [SampleKind.CaseSupervision, SampleKind.UnpaidWork, SampleKind.ThroughTheGate] : [SampleKind.CaseSupervision];
}
