using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Supervision;

namespace Probation.Domain.UnpaidWork;

/// <summary>What attendance at a session credits: the minutes, and any cap that limited them.</summary>
public sealed record Credit(int Minutes, int WorkedMinutes, string? Capped);

/// <summary>One person's attendance at one session, as entered.</summary>
public sealed record AttendanceInput(AttendanceOutcome? Outcome, TimeOnly? StartedAt, TimeOnly? FinishedAt, int PenaltyMinutes, int TravelMinutes, string? Reason);

/// <summary>The session a booking is for, as the booking rules read it.</summary>
public sealed record SessionFacts(
    DateOnly On, TimeOnly StartsAt, TimeOnly EndsAt, string ProjectName, PlacementKind Placement, bool WomenOnly, ProjectRisks Risks, int Capacity, int Booked);

/// <summary>Another appointment the person has that day (a booking or a contact), for the clash check.</summary>
public sealed record Appointment(DateOnly On, TimeOnly? StartsAt, TimeOnly? EndsAt, string What);

/// <summary>The person's hours: ordered, credited, remaining, the 12-month deadline and whether it can be met.</summary>
public sealed record HoursProgress(
    int OrderedMinutes,
    int CreditedMinutes,
    int RemainingMinutes,
    DateOnly Deadline,
    int BookedFutureMinutes,
    double WeeklyRateMinutes,
    int AchievableMinutes,
    bool AtRisk,
    int EteCreditedMinutes,
    int EteAllowanceMinutes);

/// <summary>What the booking rules read about a project, before and after a change to it.</summary>
public sealed record ProjectFacts(int Capacity, PlacementKind Placement, bool WomenOnly, ProjectRisks Risks);

/// <summary>A person booked on a session still to come, as the booking rules read them.</summary>
public sealed record BookedPerson(Gender Gender, ProjectRisks RuledOut);

/// <summary>A session still to come on a project, with the people booked on it.</summary>
public sealed record SessionBookings(DateOnly On, TimeOnly StartsAt, TimeOnly EndsAt, IReadOnlyList<BookedPerson> Booked);

/// <summary>Places offered against demand on one day of the week.</summary>
public sealed record DayCapacity(DayOfWeek Day, int Sessions, double PlacesPerWeek, double Demand, double Shortfall);

/// <summary>
/// The unpaid work rules (standard 4.1, and the figures HMPPS Community Payback uses): what attendance
/// credits, who may be booked where, and whether the hours can be finished within 12 months.
/// Each refusal names the field it is about.
/// </summary>
public static class UnpaidWorkRules
{
    /// <summary>Community Payback's ETE allowance: education, training and employment count for at most 30% of the hours ordered.</summary>
    public const double EteShare = 0.3;

    /// <summary>Community Payback's travel time adjustment (TTX) is at most 180 minutes.</summary>
    public const int MaxTravelMinutes = 180;

    /// <summary>Unpaid work must be finished within 12 months of the order starting (Criminal Justice Act 2003 s.200).</summary>
    public const int CompletionMonths = 12;

    /// <summary>The report: "qualifications are based on 64 hours of work".</summary>
    public const int HoursForAward = 64;

    /// <summary>The deadline alert waits four weeks from the order's start, for the assessment, induction and first bookings.</summary>
    public const int DeadlineAlertGraceDays = 28;

    public const int ReasonMaxLength = 1000;

    public static bool IsAttended(AttendanceOutcome o) => o is AttendanceOutcome.AttendedAndWorked or AttendanceOutcome.SentHomeForBehaviour or AttendanceOutcome.FailedToComply;

    /// <summary>Outcomes that feed enforcement (Community Payback: AFTC, ATSH, UAAB).</summary>
    public static bool IsEnforceable(AttendanceOutcome o) => o is AttendanceOutcome.FailedToComply or AttendanceOutcome.SentHomeForBehaviour or AttendanceOutcome.UnacceptableAbsence;

    public static int EteAllowanceMinutes(int orderedHours) => (int)Math.Floor(orderedHours * 60 * EteShare);

    public static DateOnly Deadline(DateOnly orderStart) => orderStart.AddMonths(CompletionMonths);

    /// <summary>Whether the standalone unpaid work team holds the case: unpaid work is the order's only requirement.</summary>
    public static bool HeldByStandaloneTeam(Order? order) =>
        order is not null && order.Requirements.Count > 0 && order.Requirements.All(r => r.Type == RequirementType.UnpaidWork);

    /// <summary>What the safety net reads about the order's unpaid work requirement; null when the order has none.</summary>
    public static UnpaidWorkSnapshot? Snapshot(Order? order, IEnumerable<UnpaidWorkBooking> bookings)
    {
        var requirement = order?.Requirements.FirstOrDefault(r => r.Type == RequirementType.UnpaidWork && r.UnpaidWorkHours > 0);
        return requirement is null
            ? null
            : new UnpaidWorkSnapshot(requirement.UnpaidWorkHours!.Value, order!.StartDate, bookings.Where(b => b.RequirementId == requirement.Id).Select(b => b.ToRecord()).ToList());
    }

    /// <summary>The contact outcome and absence decision an attendance outcome is recorded as on the person's record.</summary>
    public static (ContactOutcome Outcome, AbsenceDecision? Decision) AsContact(AttendanceOutcome o) => o switch
    {
        AttendanceOutcome.AttendedAndWorked => (ContactOutcome.AttendedAndComplied, null),
        AttendanceOutcome.SentHomeForBehaviour => (ContactOutcome.SentHome, AbsenceDecision.Unacceptable),
        AttendanceOutcome.FailedToComply => (ContactOutcome.AttendedNotComplied, AbsenceDecision.Unacceptable),
        AttendanceOutcome.AcceptableAbsence => (ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable),
        AttendanceOutcome.UnacceptableAbsence => (ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable),
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    /// <summary>
    /// What one person's attendance credits. Minutes are credited only for attended outcomes: finish − start − penalty,
    /// plus travel time (at most 180 minutes, group and individual placements only); then capped at the hours remaining,
    /// and on an education, training and employment placement at what is left of the 30% allowance.
    /// </summary>
    public static (Credit? Credit, Refused? Refusal) Attendance(
        AttendanceInput a, TimeOnly sessionStarts, TimeOnly sessionEnds, PlacementKind placement, int orderedHours, int creditedSoFar, int eteCreditedSoFar, string prefix = "")
    {
        if (a.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            return (null, new Refused("Select the outcome", prefix + "Outcome"));
        }

        if (a.PenaltyMinutes < 0)
        {
            return (null, new Refused("The penalty cannot be negative", prefix + "PenaltyMinutes"));
        }

        if (a.TravelMinutes < 0)
        {
            return (null, new Refused("Travel time cannot be negative", prefix + "TravelMinutes"));
        }

        if (IsEnforceable(outcome) || outcome == AttendanceOutcome.AcceptableAbsence)
        {
            if (string.IsNullOrWhiteSpace(a.Reason))
            {
                return (null, new Refused("Record the reason: why the person was absent, sent home or failed to comply", prefix + "Reason"));
            }
        }

        if (a.Reason is { } r && r.Trim().Length > ReasonMaxLength)
        {
            return (null, new Refused($"The reason must be {ReasonMaxLength} characters or fewer", prefix + "Reason"));
        }

        if (!IsAttended(outcome))
        {
            if (a.StartedAt is not null || a.FinishedAt is not null || a.PenaltyMinutes != 0 || a.TravelMinutes != 0)
            {
                return (null, new Refused("An absence has no times, penalty or travel time: clear them", prefix + "StartedAt"));
            }

            return (new Credit(0, 0, null), null);
        }

        if (a.StartedAt is not { } started)
        {
            return (null, new Refused("Enter the time the person started", prefix + "StartedAt"));
        }

        if (a.FinishedAt is not { } finished)
        {
            return (null, new Refused("Enter the time the person finished", prefix + "FinishedAt"));
        }

        if (started < sessionStarts || started >= sessionEnds)
        {
            return (null, new Refused($"The start time must be within the session's times ({sessionStarts:HH\\:mm} to {sessionEnds:HH\\:mm})", prefix + "StartedAt"));
        }

        if (finished > sessionEnds || finished <= sessionStarts)
        {
            return (null, new Refused($"The finish time must be within the session's times ({sessionStarts:HH\\:mm} to {sessionEnds:HH\\:mm})", prefix + "FinishedAt"));
        }

        if (finished <= started)
        {
            return (null, new Refused("The finish time must be after the start time", prefix + "FinishedAt"));
        }

        var duration = (int)(finished - started).TotalMinutes;
        if (a.PenaltyMinutes > duration)
        {
            return (null, new Refused($"The penalty cannot be more than the {duration} minutes worked", prefix + "PenaltyMinutes"));
        }

        if (a.TravelMinutes > MaxTravelMinutes)
        {
            return (null, new Refused($"Travel time is at most {MaxTravelMinutes} minutes", prefix + "TravelMinutes"));
        }

        if (a.TravelMinutes > 0 && placement == PlacementKind.EducationTrainingEmployment)
        {
            return (null, new Refused("Travel time is credited only on group and individual placements", prefix + "TravelMinutes"));
        }

        var worked = duration - a.PenaltyMinutes;
        var credited = worked + a.TravelMinutes;
        string? capped = null;
        var remaining = Math.Max(0, orderedHours * 60 - creditedSoFar);
        if (credited > remaining)
        {
            credited = remaining;
            capped = "capped at the hours remaining on the order";
        }

        if (placement == PlacementKind.EducationTrainingEmployment)
        {
            var eteLeft = Math.Max(0, EteAllowanceMinutes(orderedHours) - eteCreditedSoFar);
            if (credited > eteLeft)
            {
                credited = eteLeft;
                capped = "capped at the education, training and employment allowance (30% of the hours ordered)";
            }
        }

        return (new Credit(credited, worked, capped), null);
    }

    /// <summary>
    /// Correcting an attendance record already made: the same rules as recording it, with the minutes credited
    /// recomputed and capped against the hours remaining without this record's own credit (the other bookings on the
    /// requirement, <paramref name="others"/>). A correction that changes nothing is refused.
    /// </summary>
    public static (Credit? Credit, Refused? Refusal) Correction(
        AttendanceInput recorded, AttendanceInput corrected, TimeOnly sessionStarts, TimeOnly sessionEnds, PlacementKind placement, int orderedHours,
        IEnumerable<UnpaidWorkBookingRecord> others, string prefix = "")
    {
        var list = others.ToList();
        var (credit, refused) = Attendance(
            corrected, sessionStarts, sessionEnds, placement, orderedHours,
            list.Sum(b => b.CreditedMinutes),
            list.Where(b => b.Placement == PlacementKind.EducationTrainingEmployment).Sum(b => b.CreditedMinutes),
            prefix);
        if (refused is not null)
        {
            return (null, refused);
        }

        if (Normalise(recorded) == Normalise(corrected))
        {
            return (null, new Refused("The correction changes nothing: change the outcome, times, penalty, travel time or reason", prefix + "Outcome"));
        }

        return (credit, null);
    }

    /// <summary>
    /// What a correction changed, in words, for the history and the audit log. The free-text reason is never quoted
    /// (it may describe the person): only that it changed.
    /// </summary>
    public static string DescribeCorrection(AttendanceInput before, int creditedBefore, AttendanceInput after, int creditedAfter)
    {
        static string Times(AttendanceInput a) => a.StartedAt is { } s && a.FinishedAt is { } f ? $"{s:HH\\:mm} to {f:HH\\:mm}" : "none";
        var changes = new List<string>();
        if (before.Outcome != after.Outcome)
        {
            changes.Add($"outcome was {Describe(before.Outcome).ToLowerInvariant()}, now {Describe(after.Outcome).ToLowerInvariant()}");
        }

        if (Times(before) != Times(after))
        {
            changes.Add($"times were {Times(before)}, now {Times(after)}");
        }

        if (before.PenaltyMinutes != after.PenaltyMinutes)
        {
            changes.Add($"penalty was {before.PenaltyMinutes} minutes, now {after.PenaltyMinutes}");
        }

        if (before.TravelMinutes != after.TravelMinutes)
        {
            changes.Add($"travel was {before.TravelMinutes} minutes, now {after.TravelMinutes}");
        }

        if (Normalise(before).Reason != Normalise(after).Reason)
        {
            changes.Add("reason changed");
        }

        if (creditedBefore != creditedAfter)
        {
            changes.Add($"credit was {Hours(creditedBefore)}, now {Hours(creditedAfter)}");
        }

        return string.Join("; ", changes);
    }

    private static AttendanceInput Normalise(AttendanceInput a) => a with { Reason = string.IsNullOrWhiteSpace(a.Reason) ? null : a.Reason.Trim() };

    /// <summary>
    /// Whether a booking may be cancelled, freeing its place: not once the person's attendance at it is recorded (correct
    /// the record instead), and not after the day of the session; with a reason from the list, and words for "other".
    /// </summary>
    public static Refused? Cancellation(AttendanceOutcome? recorded, DateOnly sessionOn, DateOnly today, CancellationReason? reason, string? details)
    {
        if (recorded is not null)
        {
            return new Refused("Attendance at this session is already recorded for this person: correct the attendance record instead of cancelling the booking");
        }

        if (sessionOn < today)
        {
            return new Refused($"The session was on {sessionOn:d MMMM yyyy}: a booking can be cancelled up to the day of the session, after that record the attendance");
        }

        if (reason is not { } r || !Enum.IsDefined(r))
        {
            return new Refused("Select why the booking is cancelled", "Reason");
        }

        if (r == CancellationReason.Other && string.IsNullOrWhiteSpace(details))
        {
            return new Refused("Describe why the booking is cancelled", "Details");
        }

        if (details is { } d && d.Trim().Length > UnpaidWorkBookingCancellation.TextMaxLength)
        {
            return new Refused($"The details must be {UnpaidWorkBookingCancellation.TextMaxLength} characters or fewer", "Details");
        }

        return null;
    }

    /// <summary>
    /// Whether a change to a project keeps the sessions still to come valid for the people booked on them: its places
    /// not below those booked on any session, no men booked when it becomes women-only, no women booked when it becomes
    /// a mixed group, and no one booked whose assessment rules out what it now involves. Only what changes is checked;
    /// the refusal names the session.
    /// </summary>
    public static Refused? ProjectChange(ProjectFacts before, ProjectFacts after, IEnumerable<SessionBookings> sessionsToCome)
    {
        var added = after.Risks & ~before.Risks;
        foreach (var s in sessionsToCome.OrderBy(s => s.On).ThenBy(s => s.StartsAt))
        {
            var when = $"{s.On:d MMMM yyyy} ({s.StartsAt:HH\\:mm} to {s.EndsAt:HH\\:mm})";
            if (after.Capacity < before.Capacity && s.Booked.Count > after.Capacity)
            {
                return new Refused($"The session on {when} has {s.Booked.Count} places booked: the project's places cannot go below {s.Booked.Count} while it does", "Capacity");
            }

            if (after.WomenOnly && !before.WomenOnly && s.Booked.Any(b => b.Gender != Gender.Female))
            {
                return new Refused($"Men are booked on the session on {when}: the project cannot become women-only while they are", "WomenOnly");
            }

            var mixedGroup = after.Placement == PlacementKind.Group && !after.WomenOnly;
            var wasMixedGroup = before.Placement == PlacementKind.Group && !before.WomenOnly;
            if (mixedGroup && !wasMixedGroup && s.Booked.Any(b => b.Gender == Gender.Female))
            {
                return new Refused($"Women are booked on the session on {when}: women are offered women-only or individual placements only, so the project cannot become a mixed group while they are", after.Placement != before.Placement ? "Placement" : "WomenOnly");
            }

            var ruledOut = s.Booked.Aggregate(ProjectRisks.None, (all, b) => all | (b.RuledOut & added));
            if (ruledOut != ProjectRisks.None)
            {
                return new Refused($"The unpaid work assessment of someone booked on the session on {when} rules out {Describe(ruledOut).ToLowerInvariant()}", "Risks");
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a person may be booked on a session: not twice, with hours left, the unpaid work assessment complete
    /// before the session, women on women-only or individual placements only (and only women on women-only ones), never on a project their risk rules out,
    /// a place free, and no other appointment at the same time.
    /// </summary>
    public static Refused? Booking(
        SessionFacts session, Gender gender, UnpaidWorkAssessment? assessment, int remainingMinutes, bool alreadyOnSession, IEnumerable<Appointment> others)
    {
        if (alreadyOnSession)
        {
            return new Refused("This person is already booked on this session", "Crn");
        }

        if (remainingMinutes <= 0)
        {
            return new Refused("This person has no unpaid work hours remaining", "Crn");
        }

        if (assessment is null || assessment.CompletedOn > session.On)
        {
            return new Refused("Complete the unpaid work assessment (health, skills, availability, risk and diversity needs) before booking a first session", "Assessment");
        }

        if (gender == Gender.Female && session.Placement == PlacementKind.Group && !session.WomenOnly)
        {
            return new Refused($"Women are offered women-only or individual placements only: {session.ProjectName} is a mixed group", "SessionId");
        }

        if (gender != Gender.Female && session.WomenOnly)
        {
            return new Refused($"{session.ProjectName} is a women-only placement", "SessionId");
        }

        var ruledOut = assessment.RuledOut & session.Risks;
        if (ruledOut != ProjectRisks.None)
        {
            return new Refused($"The unpaid work assessment rules this person out of {session.ProjectName}: {Describe(ruledOut).ToLowerInvariant()}", "SessionId");
        }

        if (session.Booked >= session.Capacity)
        {
            return new Refused($"The session is full: {session.Booked} of {session.Capacity} places are booked", "SessionId");
        }

        var clash = others.FirstOrDefault(o => o.On == session.On
            && (o.StartsAt is null || o.EndsAt is null || (o.StartsAt < session.EndsAt && session.StartsAt < o.EndsAt)));
        if (clash is not null)
        {
            var when = clash.StartsAt is { } s && clash.EndsAt is { } e ? $"{s:HH\\:mm} to {e:HH\\:mm}" : "that day";
            return new Refused($"This person already has an appointment at that time: {clash.What}, {when}", "SessionId");
        }

        return null;
    }

    /// <summary>
    /// The hours ordered, credited and remaining, and whether the rest can be finished by the 12-month deadline: at the
    /// rate booked (future sessions still to happen before the deadline) or at the average weekly rate worked so far
    /// since the first session worked, whichever achieves more.
    /// </summary>
    public static HoursProgress Progress(int orderedHours, DateOnly orderStart, DateOnly today, IEnumerable<UnpaidWorkBookingRecord> bookings)
    {
        var list = bookings.ToList();
        var ordered = orderedHours * 60;
        var credited = list.Sum(b => b.CreditedMinutes);
        var remaining = Math.Max(0, ordered - credited);
        var deadline = Deadline(orderStart);
        var booked = list.Where(b => b.Outcome is null && b.On >= today && b.On <= deadline).Sum(b => b.Minutes);
        var firstWorked = list.Where(b => b.CreditedMinutes > 0).Select(b => (DateOnly?)b.On).Min();
        var rate = 0.0;
        if (firstWorked is { } first && first <= today)
        {
            var weeks = Math.Max(1.0, (today.DayNumber - first.DayNumber + 1) / 7.0);
            rate = credited / weeks;
        }

        var weeksLeft = Math.Max(0, (deadline.DayNumber - today.DayNumber) / 7.0);
        var achievable = (int)Math.Max(booked, Math.Floor(rate * weeksLeft));
        var ete = list.Where(b => b.Placement == PlacementKind.EducationTrainingEmployment).Sum(b => b.CreditedMinutes);
        return new HoursProgress(ordered, credited, remaining, deadline, booked, rate, achievable, remaining > 0 && achievable < remaining, ete, EteAllowanceMinutes(orderedHours));
    }

    /// <summary>Hours credited towards each award, from the placements that work towards it.</summary>
    public static IReadOnlyDictionary<Qualification, int> HoursTowardsAwards(IEnumerable<UnpaidWorkBookingRecord> bookings) =>
        bookings.Where(b => b.Award is not null && b.CreditedMinutes > 0)
            .GroupBy(b => b.Award!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(b => b.CreditedMinutes) / 60);

    /// <summary>
    /// Sessions and places offered on each day of the week (a weekly average over <paramref name="weeks"/>) against demand:
    /// each person with hours to work needs a place a week, shared across the days they said they can work.
    /// </summary>
    public static IReadOnlyList<DayCapacity> Capacity(IEnumerable<(DateOnly On, int Places)> sessions, int weeks, IEnumerable<WorkDays> availability)
    {
        var s = sessions.ToList();
        var a = availability.Where(d => d != WorkDays.None).ToList();
        weeks = Math.Max(1, weeks);
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday };
        return days.Select(day =>
        {
            var flag = Flag(day);
            var onDay = s.Where(x => x.On.DayOfWeek == day).ToList();
            var places = Math.Round(onDay.Sum(x => x.Places) / (double)weeks, 1);
            var demand = Math.Round(a.Where(d => d.HasFlag(flag)).Sum(d => 1.0 / Count(d)), 1);
            return new DayCapacity(day, onDay.Count, places, demand, Math.Round(Math.Max(0, demand - places), 1));
        }).ToList();
    }

    public static WorkDays Flag(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => WorkDays.Monday,
        DayOfWeek.Tuesday => WorkDays.Tuesday,
        DayOfWeek.Wednesday => WorkDays.Wednesday,
        DayOfWeek.Thursday => WorkDays.Thursday,
        DayOfWeek.Friday => WorkDays.Friday,
        DayOfWeek.Saturday => WorkDays.Saturday,
        _ => WorkDays.Sunday,
    };

    public static bool IsWeekend(DateOnly on) => on.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static int Count(WorkDays d) => System.Numerics.BitOperations.PopCount((uint)d);

    public static string Describe(ProjectRisks risks)
    {
        var names = new List<string>();
        if (risks.HasFlag(ProjectRisks.ChildrenPresent))
        {
            names.Add("Children present");
        }

        if (risks.HasFlag(ProjectRisks.VulnerableAdultsPresent))
        {
            names.Add("Vulnerable adults present");
        }

        if (risks.HasFlag(ProjectRisks.PublicFacing))
        {
            names.Add("Working with the public");
        }

        if (risks.HasFlag(ProjectRisks.LoneWorking))
        {
            names.Add("Lone working");
        }

        return names.Count == 0 ? "None" : string.Join(", ", names);
    }

    public static string Describe(ProjectType t) => t switch
    {
        ProjectType.Horticulture => "Horticulture",
        ProjectType.PaintingAndDecorating => "Painting and decorating",
        ProjectType.Catering => "Catering",
        ProjectType.CharityShop => "Charity shop",
        ProjectType.Maintenance => "Maintenance",
        ProjectType.Environmental => "Environmental",
        ProjectType.Training => "Training course",
        _ => t.ToString(),
    };

    public static string Describe(PlacementKind p) => p switch
    {
        PlacementKind.Group => "Group",
        PlacementKind.Individual => "Individual",
        PlacementKind.EducationTrainingEmployment => "Education, training and employment",
        _ => p.ToString(),
    };

    public static string Describe(Qualification q) => q switch
    {
        Qualification.HealthAndSafety => "Level 1 health and safety",
        Qualification.Horticulture => "Level 1 horticulture",
        Qualification.Catering => "Level 1 catering",
        Qualification.CustomerService => "Level 1 customer service",
        Qualification.PaintingAndDecorating => "Level 1 painting and decorating",
        Qualification.TeamWork => "Level 1 team work",
        _ => q.ToString(),
    };

    public static string Describe(AttendanceOutcome? o) => o switch
    {
        null => "Booked",
        AttendanceOutcome.AttendedAndWorked => "Attended and worked",
        AttendanceOutcome.SentHomeForBehaviour => "Sent home for behaviour",
        AttendanceOutcome.FailedToComply => "Failed to comply",
        AttendanceOutcome.AcceptableAbsence => "Acceptable absence",
        AttendanceOutcome.UnacceptableAbsence => "Unacceptable absence",
        _ => o.ToString()!,
    };

    public static string Describe(CancellationReason r) => r switch
    {
        CancellationReason.Rebooked => "Rebooked on another session",
        CancellationReason.OrderRevokedOrEnded => "Order revoked or ended",
        CancellationReason.AcceptableAbsenceNotifiedInAdvance => "Acceptable absence notified in advance",
        CancellationReason.NoLongerSuitable => "Placement no longer suitable",
        CancellationReason.BookedInError => "Booked in error",
        CancellationReason.Other => "Other",
        _ => r.ToString(),
    };

    public static string Describe(EquipmentItem e) => e switch
    {
        EquipmentItem.HighVisibilityClothing => "High-visibility clothing",
        EquipmentItem.SafetyBoots => "Safety boots",
        EquipmentItem.Gloves => "Gloves",
        EquipmentItem.HandTools => "Hand tools",
        EquipmentItem.PowerTools => "Power tools",
        EquipmentItem.EyeAndEarProtection => "Eye and ear protection",
        EquipmentItem.FirstAidKit => "First aid kit",
        _ => e.ToString(),
    };

    /// <summary>Minutes in words as hours and minutes, for example "7 hours 30 minutes".</summary>
    public static string Hours(int minutes)
    {
        static string Unit(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";
        return minutes % 60 == 0 ? Unit(minutes / 60, "hour") : minutes < 60 ? Unit(minutes, "minute") : $"{Unit(minutes / 60, "hour")} {Unit(minutes % 60, "minute")}";
    }
}
