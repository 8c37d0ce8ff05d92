namespace Probation.Application.Reports;

/// <summary>
/// One pre-computed count of a report for a day: how many of one officer's cases fall in one row of one of the
/// caseload profile's or needs analysis's tables (for example table "rosh", key "High"). Counts only, never a
/// person. Built by <see cref="ReportAggregates.RefreshAsync"/>; a provider's, team's or officer's figure is the
/// sum of its officers' rows.
/// </summary>
public sealed class DailyReportCount
{
    public const int TableMaxLength = 20;
    public const int KeyMaxLength = 60;

    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public int ProviderId { get; set; }

    /// <summary>The officer's team when the figures were computed (null for an officer in no team).</summary>
    public int? TeamId { get; set; }
    public int OfficerId { get; set; }
    public required string Table { get; set; }
    public required string Key { get; set; }
    public int Count { get; set; }

    /// <summary>When the refresh that wrote the row read the records: the "figures as at" time.</summary>
    public DateTime ComputedAtUtc { get; set; }
}
