namespace Probation.Domain.Documents;

/// <summary>The letters and reports the service produces from a case record.</summary>
public enum LetterKind
{
    AppointmentLetter,
    FirstWarningLetter,
    FinalWarningLetter,
    BreachReport,
    ResettlementSummary,
    UnpaidWorkHoursStatement,
}

/// <summary>
/// How the person needs their letters: standard print, large print, or easy read (short sentences, one point to a
/// line, what to do first). Recorded on the case and applied to every letter made for them.
/// </summary>
public enum AccessibleFormat
{
    Standard,
    LargePrint,
    EasyRead,
}

/// <summary>
/// A letter or report as it was issued: its content kept as the HTML the person or the court was given, with who
/// produced it and when. Issuing one is a disclosure of the person's data, recorded in the audit log with it.
/// </summary>
public sealed class CaseDocument
{
    public const int TitleMaxLength = 200;

    /// <summary>The officer's proposal in a breach report, and any other free text a letter asks for.</summary>
    public const int ProposalMaxLength = 4000;

    public int Id { get; set; }
    public int PersonId { get; set; }
    public LetterKind Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>The record it was produced from (the appointment, the warning, the custody record), where there is one.</summary>
    public int? SourceId { get; set; }

    public AccessibleFormat Format { get; set; }

    /// <summary>The letter as issued: the same HTML the page showed and the PDF prints.</summary>
    public required string Html { get; set; }

    public required string ProducedBy { get; set; }
    public DateTime ProducedAtUtc { get; set; }
}

public static class Letters
{
    /// <summary>The kind in words, sentence case, as pages show it.</summary>
    public static string Describe(LetterKind kind) => kind switch
    {
        LetterKind.AppointmentLetter => "Appointment letter",
        LetterKind.FirstWarningLetter => "First warning letter",
        LetterKind.FinalWarningLetter => "Final warning letter",
        LetterKind.BreachReport => "Breach report for court",
        LetterKind.ResettlementSummary => "Resettlement plan summary",
        LetterKind.UnpaidWorkHoursStatement => "Unpaid work hours statement",
        _ => kind.ToString(),
    };

    public static string Describe(AccessibleFormat format) => format switch
    {
        AccessibleFormat.Standard => "Standard print",
        AccessibleFormat.LargePrint => "Large print",
        AccessibleFormat.EasyRead => "Easy read",
        _ => format.ToString(),
    };
}
