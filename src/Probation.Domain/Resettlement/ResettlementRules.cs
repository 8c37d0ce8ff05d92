using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Supervision;

namespace Probation.Domain.Resettlement;

/// <summary>The resettlement alerts: the Through the Gate work a person in custody is owed, named the same in the API, the pages and the data.</summary>
public enum ResettlementAlertCode
{
    ScreeningOverdue,
    PlanOverdue,
    NoAccommodationNearRelease,
    NoHandover,
}

/// <summary>One alert: what is owed, how serious, why in words, the last day it was on time, and where it is resolved (a path under the resettlement record).</summary>
public sealed record ResettlementAlert(ResettlementAlertCode Code, AlertSeverity Severity, string Reason, DateOnly DueOn, string Resolve);

/// <summary>The Through the Gate time limits, bound from the <c>Resettlement</c> configuration section.</summary>
public sealed class ResettlementOptions
{
    /// <summary>Resettlement needs are screened within this many working days of reception.</summary>
    public int ScreeningWorkingDays { get; set; } = 5;

    /// <summary>The pre-release resettlement plan is complete this many weeks before the expected release date.</summary>
    public int PlanWeeksBeforeRelease { get; set; } = 12;

    /// <summary>Accommodation is secured (or its pathway otherwise complete) this many days before release.</summary>
    public int AccommodationAlertDaysBeforeRelease { get; set; } = 28;

    /// <summary>The handover to the community officer and local providers is done this many days before release.</summary>
    public int HandoverDaysBeforeRelease { get; set; } = 14;

    /// <summary>Every limit must be a positive number within sense; the start-up refuses anything else.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Within(string name, int value, int max)
        {
            if (value < 1 || value > max)
            {
                errors.Add($"Resettlement:{name} must be from 1 to {max}, not {value}.");
            }
        }

        Within(nameof(ScreeningWorkingDays), ScreeningWorkingDays, 60);
        Within(nameof(PlanWeeksBeforeRelease), PlanWeeksBeforeRelease, 52);
        Within(nameof(AccommodationAlertDaysBeforeRelease), AccommodationAlertDaysBeforeRelease, 365);
        Within(nameof(HandoverDaysBeforeRelease), HandoverDaysBeforeRelease, 365);
        return errors;
    }

    /// <summary>The options when valid; otherwise the start-up stops with every error in one message.</summary>
    public static ResettlementOptions Checked(ResettlementOptions? options)
    {
        options ??= new ResettlementOptions();
        return options.Validate() is { Count: > 0 } errors
            ? throw new InvalidOperationException("The resettlement settings are not valid: " + string.Join(" ", errors))
            : options;
    }
}

/// <summary>The days by which each piece of Through the Gate work is due on one custody record.</summary>
public sealed record ResettlementDueDates(DateOnly Screening, DateOnly Plan, DateOnly Accommodation, DateOnly Handover);

/// <summary>
/// The resettlement safety net: a pure rule set that reads a custody record as of a day and lists the
/// alerts it raises. An alert goes when the work is recorded, or when the person is released (what
/// was in place on the day is then the record).
/// </summary>
public sealed class ResettlementAlerts(ResettlementOptions options, WorkingDayCalendar calendar)
{
    public ResettlementOptions Options => options;

    /// <summary>
    /// The due dates. The plan is due the set weeks before release, but never before screening is due:
    /// a short sentence cannot have its plan due before the person was screened.
    /// </summary>
    public ResettlementDueDates DueDates(CustodyRecord c)
    {
        var screening = calendar.AddWorkingDays(c.ReceptionDate, options.ScreeningWorkingDays);
        var plan = c.ExpectedReleaseDate.AddDays(-7 * options.PlanWeeksBeforeRelease);
        return new ResettlementDueDates(
            screening,
            plan < screening ? screening : plan,
            c.ExpectedReleaseDate.AddDays(-options.AccommodationAlertDaysBeforeRelease),
            c.ExpectedReleaseDate.AddDays(-options.HandoverDaysBeforeRelease));
    }

    public IReadOnlyList<ResettlementAlert> Evaluate(CustodyRecord c, DateOnly today)
    {
        var alerts = new List<ResettlementAlert>();
        if (c.Released)
        {
            return alerts;
        }

        var due = DueDates(c);
        void Raise(ResettlementAlertCode code, AlertSeverity severity, DateOnly dueOn, string reason, string resolve)
        {
            if (today > dueOn)
            {
                alerts.Add(new ResettlementAlert(code, severity, reason, dueOn, resolve));
            }
        }

        if (c.ScreenedOn is null)
        {
            Raise(ResettlementAlertCode.ScreeningOverdue, AlertSeverity.High, due.Screening,
                $"Resettlement needs not screened within {options.ScreeningWorkingDays} working days of reception on {c.ReceptionDate:d MMM yyyy}", "screening");
        }

        if (c.PlanCompletedOn is null)
        {
            Raise(ResettlementAlertCode.PlanOverdue, AlertSeverity.High, due.Plan,
                $"No resettlement plan {options.PlanWeeksBeforeRelease} weeks before the expected release on {c.ExpectedReleaseDate:d MMM yyyy}", "plan");
        }

        if (!ResettlementRules.IsComplete(c.StatusOf(Pathway.Accommodation)))
        {
            Raise(ResettlementAlertCode.NoAccommodationNearRelease, AlertSeverity.High, due.Accommodation,
                $"Release on {c.ExpectedReleaseDate:d MMM yyyy} is less than {options.AccommodationAlertDaysBeforeRelease} days away and accommodation is not secured", "plan");
        }

        if (c.HandoverOn is null)
        {
            Raise(ResettlementAlertCode.NoHandover, AlertSeverity.Medium, due.Handover,
                $"Release on {c.ExpectedReleaseDate:d MMM yyyy} is less than {options.HandoverDaysBeforeRelease} days away and there has been no handover to the community", "handover");
        }

        return alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.DueOn).ThenBy(a => a.Code).ToList();
    }

    public static string Describe(ResettlementAlertCode code) => code switch
    {
        ResettlementAlertCode.ScreeningOverdue => "resettlement needs not screened within the working days allowed after reception",
        ResettlementAlertCode.PlanOverdue => "no pre-release resettlement plan by the weeks allowed before the expected release date",
        ResettlementAlertCode.NoAccommodationNearRelease => "release is near and the accommodation pathway is not complete (done, support not required or declined)",
        ResettlementAlertCode.NoHandover => "release is near and there has been no handover to the community officer and local providers",
        _ => code.ToString(),
    };
}

/// <summary>
/// The rules a custody or resettlement record must meet before it is written. Each returns the first
/// refusal, in words the worker can act on and naming the field, or null when the record may be written.
/// </summary>
public static class ResettlementRules
{
    /// <summary>"Support not required", "declined" and "done" count as complete (Resettlement Passport, hmpps-services.md section 10).</summary>
    public static bool IsComplete(PathwayStatus status) =>
        status is PathwayStatus.SupportNotRequired or PathwayStatus.Declined or PathwayStatus.Done;

    /// <summary>Statuses that mean work is under way or owed: the plan must say what is done and by which partner.</summary>
    public static bool NeedsAction(PathwayStatus status) => status is PathwayStatus.InProgress or PathwayStatus.SupportRequired;

    /// <summary>The current custody record of a person: the latest not yet released, if any.</summary>
    public static CustodyRecord? Current(IEnumerable<CustodyRecord> records) =>
        records.Where(r => !r.Released).OrderByDescending(r => r.ReceptionDate).FirstOrDefault();

    /// <summary>
    /// A custody record's dates: sentence and reception not in the future; the sentence length within the
    /// limits for a custodial sentence; the expected release after both the sentence and the reception date,
    /// and no later than the end of the sentence.
    /// </summary>
    public static Refused? Custody(DateOnly receptionDate, DateOnly sentenceDate, int sentenceLengthMonths, DateOnly expectedReleaseDate, DateOnly today)
    {
        if (sentenceDate > today)
        {
            return new Refused("The sentence date must be today or in the past", "SentenceDate");
        }

        if (receptionDate > today)
        {
            return new Refused("The reception date must be today or in the past", "ReceptionDate");
        }

        var (min, max) = OrderTerms.LengthLimits(OrderType.Custody);
        if (sentenceLengthMonths < min || sentenceLengthMonths > max)
        {
            return new Refused($"The sentence length must be from {min} to {max} months", "SentenceLengthMonths");
        }

        if (expectedReleaseDate <= sentenceDate)
        {
            return new Refused($"The expected release date must be after the sentence date ({sentenceDate:d MMMM yyyy})", "ExpectedReleaseDate");
        }

        if (expectedReleaseDate <= receptionDate)
        {
            return new Refused($"The expected release date must be after the reception date ({receptionDate:d MMMM yyyy})", "ExpectedReleaseDate");
        }

        var end = sentenceDate.AddMonths(sentenceLengthMonths).AddDays(-1);
        return expectedReleaseDate > end
            ? new Refused($"The expected release date must be on or before the end of the sentence ({end:d MMMM yyyy})", "ExpectedReleaseDate")
            : null;
    }

    /// <summary>A day of Through the Gate work: not in the future, and not before the person was received into prison.</summary>
    public static Refused? Date(DateOnly on, DateOnly today, CustodyRecord custody, string field, string what)
    {
        if (on > today)
        {
            return new Refused($"The date of the {what} must be today or in the past", field);
        }

        return on < custody.ReceptionDate
            ? new Refused($"The date of the {what} must be on or after the reception into prison ({custody.ReceptionDate:d MMMM yyyy})", field)
            : null;
    }

    public static Refused? Text(string? value, int max, string field, string what, bool required) =>
        SupervisionRules.Text(value, max, field, what, required);

    /// <summary>Screening rates every pathway, so that no need is missed.</summary>
    public static Refused? Screening(IReadOnlyDictionary<Pathway, PathwayStatus> statuses, DateOnly on, CustodyRecord custody, DateOnly today)
    {
        if (custody.Released)
        {
            return new Refused("The person has been released: the resettlement record is closed", "On");
        }

        if (Date(on, today, custody, "On", "screening") is { } date)
        {
            return date;
        }

        var missing = Enum.GetValues<Pathway>().FirstOrDefault(p => !statuses.ContainsKey(p), (Pathway)(-1));
        return Enum.IsDefined(missing) ? new Refused($"Give the status of {Describe(missing).ToLowerInvariant()}", "Pathways") : null;
    }

    /// <summary>
    /// The pre-release plan (report 4.2.1): built on the screening, every pathway with a status, each need
    /// being worked on with its actions and the partner responsible, and risk of harm considered.
    /// </summary>
    public static Refused? Plan(IReadOnlyList<(Pathway Pathway, PathwayStatus Status, string? Actions, string? Partner)> needs, string? riskOfHarm, DateOnly on, CustodyRecord custody, DateOnly today)
    {
        if (custody.Released)
        {
            return new Refused("The person has been released: the resettlement record is closed", "On");
        }

        if (custody.ScreenedOn is not { } screened)
        {
            return new Refused("Screen the resettlement needs before writing the plan: the plan is built on the screening", "On");
        }

        if (Date(on, today, custody, "On", "plan") is { } date)
        {
            return date;
        }

        if (on < screened)
        {
            return new Refused($"The plan cannot be dated before the screening ({screened:d MMMM yyyy})", "On");
        }

        if (custody.PlanRevisedOn is { } revised && on < revised)
        {
            return new Refused($"The plan was last revised on {revised:d MMMM yyyy}: a revision cannot be dated before that", "On");
        }

        foreach (var pathway in Enum.GetValues<Pathway>())
        {
            var need = needs.FirstOrDefault(n => n.Pathway == pathway);
            if (needs.All(n => n.Pathway != pathway))
            {
                return new Refused($"Give the status of {Describe(pathway).ToLowerInvariant()}", $"{pathway}.Status");
            }

            if (need.Status == PathwayStatus.NotStarted)
            {
                return new Refused($"{Describe(pathway)} is not started: the plan must say where every pathway stands", $"{pathway}.Status");
            }

            if (NeedsAction(need.Status) && string.IsNullOrWhiteSpace(need.Actions))
            {
                return new Refused($"Say what will be done about {Describe(pathway).ToLowerInvariant()}", $"{pathway}.Actions");
            }

            if (NeedsAction(need.Status) && string.IsNullOrWhiteSpace(need.Partner))
            {
                return new Refused($"Name the partner organisation responsible for {Describe(pathway).ToLowerInvariant()}", $"{pathway}.Partner");
            }

            if (Text(need.Actions, CustodyRecord.TextMaxLength, $"{pathway}.Actions", "the actions", false) is { } actions)
            {
                return actions;
            }

            if (Text(need.Partner, CustodyRecord.ShortTextMaxLength, $"{pathway}.Partner", "the partner organisation", false) is { } partner)
            {
                return partner;
            }
        }

        return Text(riskOfHarm, CustodyRecord.TextMaxLength, "RiskOfHarmConsidered", "how the plan takes account of risk of harm", true);
    }

    /// <summary>The handover comes after the plan (it passes the plan on) and before release.</summary>
    public static Refused? Handover(DateOnly on, string? to, string? notes, CustodyRecord custody, DateOnly today)
    {
        if (custody.Released)
        {
            return new Refused("The person has been released: record what was in place on the day instead", "On");
        }

        if (custody.PlanCompletedOn is not { } planned)
        {
            return new Refused("Write the resettlement plan before the handover: the handover passes the plan on", "On");
        }

        return Date(on, today, custody, "On", "handover")
            ?? (on < planned ? new Refused($"The handover cannot be dated before the plan ({planned:d MMMM yyyy})", "On") : null)
            ?? Text(to, CustodyRecord.ShortTextMaxLength, "To", "who the handover was to (the community officer, local providers)", true)
            ?? Text(notes, CustodyRecord.TextMaxLength, "Notes", "what was handed over", false);
    }

    /// <summary>The day of release: once, not in the future, after reception; what was in place (accommodation, appointment, benefits) recorded.</summary>
    public static Refused? Release(DateOnly on, AccommodationOnRelease? accommodation, DateOnly? firstAppointment, bool? benefits, string? notes, CustodyRecord custody, DateOnly today)
    {
        if (custody.Released)
        {
            return new Refused($"The release is already recorded ({custody.ReleasedOn:d MMMM yyyy})", "On");
        }

        return Date(on, today, custody, "On", "release")
            ?? (accommodation is null ? new Refused("Select where the person went on release", "Accommodation") : null)
            ?? (firstAppointment is { } a && a < on ? new Refused("The first appointment in the community must be on or after the day of release", "FirstAppointmentOn") : null)
            ?? (benefits is null ? new Refused("Say whether benefits were in place on release", "BenefitsInPlace") : null)
            ?? Text(notes, CustodyRecord.TextMaxLength, "Notes", "the notes", false);
    }

    /// <summary>An activity delivered in prison, with what it was and who delivered it.</summary>
    public static Refused? Activity(DateOnly on, string? description, string? deliveredBy, string? coordinatedWith, CustodyRecord custody, DateOnly today)
    {
        if (custody.Released)
        {
            return new Refused("The person has been released: the resettlement record is closed", "On");
        }

        return Date(on, today, custody, "On", "activity")
            ?? Text(description, CustodyRecord.TextMaxLength, "Description", "what the activity was", true)
            ?? Text(deliveredBy, CustodyRecord.ShortTextMaxLength, "DeliveredBy", "who delivered it", true)
            ?? Text(coordinatedWith, CustodyRecord.ShortTextMaxLength, "CoordinatedWith", "the other prison services it was coordinated with", false);
    }

    public static string Describe(Pathway pathway) => pathway switch
    {
        Pathway.Accommodation => "Accommodation",
        Pathway.EducationTrainingEmployment => "Education, training and employment",
        Pathway.FinanceBenefitDebt => "Finance, benefit and debt",
        Pathway.Drugs => "Drugs",
        Pathway.Alcohol => "Alcohol",
        Pathway.HealthAndMentalHealth => "Health and mental health",
        Pathway.FamilyAndRelationships => "Family and relationships",
        Pathway.DomesticAbuse => "Domestic abuse",
        Pathway.SexWork => "Sex work",
        _ => pathway.ToString(),
    };

    public static string Describe(PathwayStatus status) => status switch
    {
        PathwayStatus.NotStarted => "Not started",
        PathwayStatus.InProgress => "In progress",
        PathwayStatus.SupportRequired => "Support required",
        PathwayStatus.SupportNotRequired => "Support not required",
        PathwayStatus.Declined => "Declined",
        PathwayStatus.Done => "Done",
        _ => status.ToString(),
    };

    public static string Describe(ReleaseType type) => type switch
    {
        ReleaseType.ConditionalRelease => "Conditional release on licence",
        ReleaseType.HomeDetentionCurfew => "Home detention curfew",
        ReleaseType.ParoleBoard => "Parole Board release",
        ReleaseType.EndOfSentence => "End of sentence",
        _ => type.ToString(),
    };

    public static string Describe(AccommodationOnRelease a) => a switch
    {
        AccommodationOnRelease.SettledAccommodation => "Settled accommodation",
        AccommodationOnRelease.TemporaryAccommodation => "Temporary accommodation",
        AccommodationOnRelease.ApprovedPremises => "Approved premises",
        AccommodationOnRelease.NoFixedAbode => "No fixed abode",
        _ => a.ToString(),
    };
}
