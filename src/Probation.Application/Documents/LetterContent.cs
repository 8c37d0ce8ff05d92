using Probation.Domain.Documents;
using Probation.Domain.Organisation;

namespace Probation.Application.Documents;

/// <summary>Who a letter is to and from: the top of every letter.</summary>
public sealed record LetterHeader(
    string Crn, string Name, Address? Address, DateOnly Date, string? Officer, string? Team, string Provider, AccessibleFormat Format);

/// <summary>An order as letters and reports describe it. A licence (or post-sentence supervision) follows release from prison rather than being made by a court.</summary>
public sealed record OrderSummary(string Type, string Court, DateOnly Start, DateOnly End, int LengthMonths, string MainOffence, IReadOnlyList<string> Requirements, bool AfterRelease);

/// <summary>A failure to attend or comply, with the officer's decision and judgement.</summary>
public sealed record FailureLine(DateOnly On, TimeOnly? At, string What, string Outcome, string Decision, string? Judgement);

/// <summary>One opening session of a hub: when the person can find it open.</summary>
public sealed record OpeningLine(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes, bool WomenOnly);

/// <summary>One enforcement step on the order, as the court reads it.</summary>
public sealed record EnforcementLine(DateOnly On, string What, string? Notes);

/// <summary>How the person has kept to the order so far.</summary>
public sealed record ComplianceHistory(int Appointments, int Attended, int AcceptableAbsences, int UnacceptableFailures, int Warnings);

/// <summary>One resettlement pathway in the plan summary.</summary>
public sealed record PathwayLine(string Pathway, string Status, string? Actions, string? Partner);

/// <summary>One unpaid work session in the hours statement.</summary>
public sealed record SessionLine(DateOnly On, string Project, string Outcome, int CreditedMinutes);

/// <summary>
/// What a letter says, read from the case record: one record type for each kind. The web layer renders it through
/// the letter's Razor template, and the same HTML is shown on screen, kept when issued and printed as a PDF.
/// </summary>
public abstract record Letter(LetterKind Kind, int? SourceId, LetterHeader Header)
{
    /// <summary>The case the letter was made from, for keeping it once issued.</summary>
    public int PersonId { get; init; }

    public string Title => $"{Letters.Describe(Kind)}: {Header.Name} ({Header.Crn})";
}

public sealed record AppointmentLetter(
    int ContactId, LetterHeader Header, DateOnly On, TimeOnly? StartsAt, TimeOnly? EndsAt, string What, string? Place, Address? PlaceAddress,
    bool StepFreeAccess, IReadOnlyList<OpeningLine> OpeningTimes, IReadOnlyList<string> ToBring)
    : Letter(LetterKind.AppointmentLetter, ContactId, Header);

public sealed record WarningLetter(
    int WarningId, LetterHeader Header, bool Final, DateOnly WarnedOn, OrderSummary Order, FailureLine Failure, DateOnly? EarlierWarningOn, DateOnly WarningPeriodEnds)
    : Letter(Final ? LetterKind.FinalWarningLetter : LetterKind.FirstWarningLetter, WarningId, Header);

public sealed record BreachReport(
    LetterHeader Header, OrderSummary Order, IReadOnlyList<FailureLine> Failures, ComplianceHistory History,
    IReadOnlyList<EnforcementLine> Enforcement, string Proposal)
    : Letter(LetterKind.BreachReport, null, Header);

public sealed record ResettlementSummary(
    int CustodyRecordId, LetterHeader Header, string Prison, DateOnly ExpectedRelease, string ReleaseType, DateOnly? ReleasedOn,
    string? Accommodation, DateOnly? FirstAppointmentOn, string? HandoverTo, IReadOnlyList<PathwayLine> Pathways)
    : Letter(LetterKind.ResettlementSummary, CustodyRecordId, Header);

public sealed record HoursStatement(
    int RequirementId, LetterHeader Header, OrderSummary Order, int OrderedHours, int CreditedMinutes, int RemainingMinutes, DateOnly Deadline,
    IReadOnlyList<SessionLine> Sessions)
    : Letter(LetterKind.UnpaidWorkHoursStatement, RequirementId, Header);
