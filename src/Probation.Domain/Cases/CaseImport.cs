namespace Probation.Domain.Cases;

public enum CaseImportFormat
{
    Csv,
    Json,
}

public enum CaseImportStatus
{
    /// <summary>Batches are being written; the counts so far are committed.</summary>
    Running,

    /// <summary>Every batch was written (or found already imported).</summary>
    Finished,

    /// <summary>Stopped by a fault: the batches written before it stay, and importing the file again adds only the rest.</summary>
    Failed,
}

/// <summary>
/// One import of new cases from a court or transfer file: who sent it, when, the file's name and the counts, kept as the
/// batches commit so that any web node can show how far it has gone. It holds no personal data: the rows themselves are
/// never stored, only the cases they created (each carrying its source reference).
/// </summary>
public sealed class CaseImport
{
    public const int FileNameMaxLength = 200;
    public const int UserNameMaxLength = 256;
    public const int ProblemMaxLength = 200;

    public int Id { get; set; }
    public int ProviderId { get; set; }
    public required string UserName { get; set; }
    public int? StaffMemberId { get; set; }
    public required string FileName { get; set; }
    public CaseImportFormat Format { get; set; }
    public CaseImportStatus Status { get; set; }
    public DateTime StartedAtUtc { get; set; }

    /// <summary>When the last batch committed: a running import not heard of for long has stopped with its node.</summary>
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>Rows in the file.</summary>
    public int Rows { get; set; }

    /// <summary>Rows the check accepted, to be written in <see cref="Batches"/> batches.</summary>
    public int Accepted { get; set; }

    /// <summary>Rows refused by the check, or found refused when their batch was written; never written.</summary>
    public int Refused { get; set; }

    /// <summary>Rows whose source reference was imported before, as the same person: nothing new is written for them.</summary>
    public int AlreadyImported { get; set; }

    /// <summary>Cases created so far.</summary>
    public int Created { get; set; }
    public int Batches { get; set; }
    public int BatchesDone { get; set; }

    /// <summary>Why a failed import stopped, in words without personal data.</summary>
    public string? Problem { get; set; }

    /// <summary>Whether a running import has not moved for <paramref name="quiet"/>: its node stopped, and the rest of the file was never written.</summary>
    public bool Stalled(DateTime nowUtc, TimeSpan quiet) => Status == CaseImportStatus.Running && nowUtc - UpdatedAtUtc > quiet;
}
