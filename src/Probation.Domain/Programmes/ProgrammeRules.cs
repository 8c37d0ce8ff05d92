using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Domain.Programmes;

/// <summary>
/// The rules a programme record must meet before it is written. Each returns the first refusal,
/// naming the field, or null when the change may be made.
/// </summary>
public static class ProgrammeRules
{
    /// <summary>Section 1.3: the programmes team can normally start people who are group ready within a month of referral.</summary>
    public const int WaitingAimDays = 30;

    /// <summary>Section 1.3: the provider "can start two groups per month" of Building Better Relationships.</summary>
    public const int BbrStartsPerMonthAim = 2;

    public const int MinCapacity = 4;
    public const int MaxCapacity = 16;
    public const int MaxFacilitators = 3;

    /// <summary>Evening groups start at or after this time; day groups end by it.</summary>
    public static readonly TimeOnly EveningFrom = new(17, 0);

    /// <summary>
    /// The transition table: from each status, where a referral may go. Joining a group (on programme)
    /// is only from the waiting list, and only the group-ready go on the waiting list.
    /// </summary>
    public static readonly IReadOnlyDictionary<ReferralStatus, IReadOnlySet<ReferralStatus>> Transitions =
        new Dictionary<ReferralStatus, IReadOnlySet<ReferralStatus>>
        {
            [ReferralStatus.Submitted] = new HashSet<ReferralStatus> { ReferralStatus.AwaitingAssessment, ReferralStatus.Withdrawn },
            [ReferralStatus.AwaitingAssessment] = new HashSet<ReferralStatus> { ReferralStatus.AssessedSuitable, ReferralStatus.SuitableNotReady, ReferralStatus.NotSuitable, ReferralStatus.Withdrawn },
            [ReferralStatus.AssessedSuitable] = new HashSet<ReferralStatus> { ReferralStatus.OnWaitingList, ReferralStatus.SuitableNotReady, ReferralStatus.Withdrawn },
            [ReferralStatus.SuitableNotReady] = new HashSet<ReferralStatus> { ReferralStatus.AssessedSuitable, ReferralStatus.NotSuitable, ReferralStatus.Withdrawn },
            [ReferralStatus.OnWaitingList] = new HashSet<ReferralStatus> { ReferralStatus.OnProgramme, ReferralStatus.SuitableNotReady, ReferralStatus.Withdrawn },
            [ReferralStatus.OnProgramme] = new HashSet<ReferralStatus> { ReferralStatus.Completed, ReferralStatus.NotCompleted },
            [ReferralStatus.Completed] = new HashSet<ReferralStatus>(),
            [ReferralStatus.NotCompleted] = new HashSet<ReferralStatus>(),
            [ReferralStatus.Withdrawn] = new HashSet<ReferralStatus>(),
            [ReferralStatus.NotSuitable] = new HashSet<ReferralStatus>(),
        };

    /// <summary>The statuses that need a reason in words.</summary>
    public static bool NeedsReason(ReferralStatus s) =>
        s is ReferralStatus.SuitableNotReady or ReferralStatus.NotCompleted or ReferralStatus.Withdrawn or ReferralStatus.NotSuitable;

    public static bool IsClosed(ReferralStatus s) => Transitions[s].Count == 0;

    /// <summary>Still waiting to start: referred and not yet on a programme, nor closed.</summary>
    public static bool IsWaiting(ReferralStatus s) =>
        s is ReferralStatus.Submitted or ReferralStatus.AwaitingAssessment or ReferralStatus.AssessedSuitable or ReferralStatus.SuitableNotReady or ReferralStatus.OnWaitingList;

    /// <summary>A referral in place for the requirement: any except one withdrawn (a withdrawn referral leaves the requirement unmet).</summary>
    public static bool Counts(ReferralStatus s) => s != ReferralStatus.Withdrawn;

    /// <summary>
    /// A change of status by the programme team (joining a group has its own rule, <see cref="Join"/>):
    /// allowed by the table, dated on or after the last change and not in the future, with a reason where one is needed.
    /// </summary>
    public static Refused? Move(ProgrammeReferral r, ReferralStatus to, DateOnly on, string? reason, DateOnly today)
    {
        if (!Enum.IsDefined(to))
        {
            return new Refused("Select the new status", "Status");
        }

        if (to == ReferralStatus.OnProgramme)
        {
            return new Refused("A person goes on a programme by joining a group from the waiting list", "Status");
        }

        if (!Transitions[r.Status].Contains(to))
        {
            return new Refused(IsClosed(r.Status)
                ? $"The referral is closed ({Describe(r.Status).ToLowerInvariant()}): it cannot become {Describe(to).ToLowerInvariant()}"
                : $"A referral that is {Describe(r.Status).ToLowerInvariant()} cannot become {Describe(to).ToLowerInvariant()}", "Status");
        }

        if (on > today)
        {
            return new Refused("The date must be today or in the past", "On");
        }

        if (on < r.StatusChangedOn || on < r.ReferredOn)
        {
            return new Refused($"The date must be on or after the last change to the referral ({r.StatusChangedOn:d MMMM yyyy})", "On");
        }

        if (to is ReferralStatus.Completed or ReferralStatus.NotCompleted && r.StartedOn is { } started && on < started)
        {
            return new Refused($"The programme ends on or after the person started it ({started:d MMMM yyyy})", "On");
        }

        if (NeedsReason(to) && string.IsNullOrWhiteSpace(reason))
        {
            return new Refused(to switch
            {
                ReferralStatus.SuitableNotReady => "Say why the person is not yet ready for a group",
                ReferralStatus.NotCompleted => "Give the reason the programme was not completed",
                ReferralStatus.NotSuitable => "Give the reason the person is not suitable",
                _ => "Give the reason the referral is withdrawn",
            }, "Reason");
        }

        return reason is not null && reason.Trim().Length > ProgrammeReferral.TextMaxLength
            ? new Refused($"The reason must be {ProgrammeReferral.TextMaxLength} characters or fewer", "Reason")
            : null;
    }

    /// <summary>Applies a change <see cref="Move"/> allowed.</summary>
    public static void Apply(ProgrammeReferral r, ReferralStatus to, DateOnly on, string? reason)
    {
        r.Status = to;
        r.StatusChangedOn = on;
        if (!string.IsNullOrWhiteSpace(reason))
        {
            r.Reason = reason.Trim();
        }

        switch (to)
        {
            case ReferralStatus.AssessedSuitable or ReferralStatus.SuitableNotReady or ReferralStatus.NotSuitable when r.AssessedOn is null:
                r.AssessedOn = on;
                break;
            case ReferralStatus.OnWaitingList:
                r.WaitingSince = on;
                break;
            case ReferralStatus.Completed or ReferralStatus.NotCompleted:
                r.EndedOn = on;
                break;
        }
    }

    /// <summary>
    /// A new referral: to a programme requirement of the person's current order, one open referral per
    /// requirement, dated within the order and not in the future.
    /// </summary>
    public static Refused? Refer(PersonOnProbation person, IEnumerable<ProgrammeReferral> existing, Requirement? requirement, DateOnly on, DateOnly today, string? notes)
    {
        if (requirement is null || requirement.Type != RequirementType.AccreditedProgramme || requirement.Programme is null)
        {
            return new Refused("Choose the accredited programme requirement the referral is for", "RequirementId");
        }

        var order = person.Orders.SingleOrDefault(o => o.Requirements.Any(x => x.Id == requirement.Id));
        if (order is null || !order.IsCurrent(today))
        {
            return new Refused("The requirement must be on the person's current order", "RequirementId");
        }

        if (existing.Any(r => r.RequirementId == requirement.Id && !IsClosed(r.Status)))
        {
            return new Refused("There is already an open referral for this requirement", "RequirementId");
        }

        if (on > today)
        {
            return new Refused("The date of the referral must be today or in the past", "On");
        }

        if (on < order.StartDate)
        {
            return new Refused($"The date of the referral must be on or after the order started ({order.StartDate:d MMMM yyyy})", "On");
        }

        return notes is not null && notes.Trim().Length > ProgrammeReferral.TextMaxLength
            ? new Refused($"The notes must be {ProgrammeReferral.TextMaxLength} characters or fewer", "Notes")
            : null;
    }

    /// <summary>
    /// A new group: at a district centre, starting no earlier than a year back and no later than a year ahead,
    /// with a capacity in range and one to three facilitators who are programme tutors of the provider.
    /// </summary>
    public static Refused? Group(AccreditedProgramme programme, Site? site, GroupTime time, DateOnly start, int capacity, IReadOnlyList<StaffMember?> facilitators, DateOnly today)
    {
        if (!Enum.IsDefined(programme))
        {
            return new Refused("Select the programme", "Programme");
        }

        if (site is null || site.Kind != SiteKind.DistrictCentre)
        {
            return new Refused("Choose one of the district centres", "SiteId");
        }

        if (!Enum.IsDefined(time))
        {
            return new Refused("Select day or evening", "Time");
        }

        if (start > today.AddYears(1) || start < today.AddYears(-1))
        {
            return new Refused("The start date must be within a year of today", "StartDate");
        }

        if (capacity < MinCapacity || capacity > MaxCapacity)
        {
            return new Refused($"The capacity must be from {MinCapacity} to {MaxCapacity} places", "Capacity");
        }

        if (facilitators.Count == 0)
        {
            return new Refused("Choose at least one facilitator", "Facilitators");
        }

        if (facilitators.Count > MaxFacilitators)
        {
            return new Refused($"Choose at most {MaxFacilitators} facilitators", "Facilitators");
        }

        if (facilitators.Any(f => f is null || f.Grade != StaffGrade.ProgrammeTutor))
        {
            return new Refused("Facilitators must be programme tutors", "Facilitators");
        }

        return facilitators.Select(f => f!.Id).Distinct().Count() != facilitators.Count
            ? new Refused("Choose each facilitator once", "Facilitators")
            : null;
    }

    /// <summary>A session: on or after the group starts, ending after it starts, in the group's day or evening slot, one a day.</summary>
    public static Refused? Session(ProgrammeGroup group, DateOnly on, TimeOnly starts, TimeOnly ends)
    {
        if (on < group.StartDate)
        {
            return new Refused($"Sessions are on or after the group starts ({group.StartDate:d MMMM yyyy})", "On");
        }

        if (on > group.StartDate.AddYears(1))
        {
            return new Refused("Sessions are within a year of the group's start", "On");
        }

        if (ends <= starts)
        {
            return new Refused("The session must end after it starts", "EndsAt");
        }

        if (group.Time == GroupTime.Evening && starts < EveningFrom)
        {
            return new Refused($"This is an evening group: sessions start at {EveningFrom:HH\\:mm} or later", "StartsAt");
        }

        if (group.Time == GroupTime.Day && ends > EveningFrom)
        {
            return new Refused($"This is a day group: sessions end by {EveningFrom:HH\\:mm}", "EndsAt");
        }

        return group.Sessions.Any(s => s.On == on)
            ? new Refused($"The group already has a session on {on:d MMMM yyyy}", "On")
            : null;
    }

    /// <summary>The members holding a place: on the programme, or finished it (a place is not given back mid-group).</summary>
    public static int PlacesTaken(ProgrammeGroup group) =>
        group.Members.Count(m => m.Status is ReferralStatus.OnProgramme or ReferralStatus.Completed or ReferralStatus.NotCompleted);

    /// <summary>
    /// Joining a group: only from the waiting list (so only the group ready), the same programme,
    /// before the group's last session, and never over capacity.
    /// </summary>
    public static Refused? Join(ProgrammeReferral r, ProgrammeGroup group, DateOnly today)
    {
        if (r.Status != ReferralStatus.OnWaitingList)
        {
            return new Refused($"Only people on the waiting list (group ready) can join a group: this referral is {Describe(r.Status).ToLowerInvariant()}", "ReferralId");
        }

        if (r.Programme != group.Programme)
        {
            return new Refused($"The referral is for {Describe(r.Programme)}, not {Describe(group.Programme)}", "ReferralId");
        }

        var last = group.Sessions.Count == 0 ? group.StartDate : group.Sessions.Max(s => s.On);
        if (today > last)
        {
            return new Refused("The group has finished", "GroupId");
        }

        return PlacesTaken(group) >= group.Capacity
            ? new Refused($"The group is full: all {group.Capacity} places are taken", "GroupId")
            : null;
    }

    /// <summary>Applies a join <see cref="Join"/> allowed: the person starts with the group, or today if it is already running.</summary>
    public static void ApplyJoin(ProgrammeReferral r, ProgrammeGroup group, DateOnly today)
    {
        r.GroupId = group.Id;
        r.Group = group;
        r.Status = ReferralStatus.OnProgramme;
        r.StatusChangedOn = today;
        r.StartedOn = group.StartDate >= today ? group.StartDate : today;
        group.Members.Add(r);
    }

    /// <summary>
    /// Attendance at a session: a member of the group on the programme, a session that has happened, once
    /// per session, an outcome; and where a decision on a failure is made, the judgement in words.
    /// </summary>
    public static Refused? Attendance(ProgrammeReferral r, ProgrammeGroup group, ProgrammeSession session, ContactOutcome? outcome, AbsenceDecision? decision, string? reason, DateOnly today)
    {
        if (r.GroupId != group.Id || r.Status != ReferralStatus.OnProgramme)
        {
            return new Refused("The person is not on the programme in this group", "ReferralId");
        }

        if (session.On > today)
        {
            return new Refused("Attendance can be recorded only for a session today or in the past", "SessionId");
        }

        if (r.StartedOn is { } started && session.On < started)
        {
            return new Refused($"The person started the programme on {started:d MMMM yyyy}, after this session", "SessionId");
        }

        if (r.Attendance.Any(a => a.SessionId == session.Id))
        {
            return new Refused("Attendance at this session is already recorded for this person", "ReferralId");
        }

        if (outcome is not { } o || !Enum.IsDefined(o) || o == ContactOutcome.Rescheduled)
        {
            return new Refused("Select whether the person attended", "Outcome");
        }

        if (decision is not null && !ContactOutcomes.NeedsDecision(outcome))
        {
            return new Refused("A decision on acceptability is recorded only for a failure to attend or comply", "Decision");
        }

        if (decision is { } d && !Enum.IsDefined(d))
        {
            return new Refused("Select whether the absence was acceptable", "Decision");
        }

        if (decision is not null && string.IsNullOrWhiteSpace(reason))
        {
            return new Refused("Record the judgement: why the absence is acceptable or unacceptable", "DecisionReason");
        }

        return reason is not null && reason.Trim().Length > Contact.TextMaxLength
            ? new Refused($"The judgement must be {Contact.TextMaxLength} characters or fewer", "DecisionReason")
            : null;
    }

    /// <summary>How many groups of a programme start in the month of <paramref name="month"/>.</summary>
    public static int StartsInMonth(IEnumerable<(AccreditedProgramme Programme, DateOnly Start)> groups, AccreditedProgramme programme, DateOnly month) =>
        groups.Count(g => g.Programme == programme && g.Start.Year == month.Year && g.Start.Month == month.Month);

    public static string Describe(AccreditedProgramme p) => p switch
    {
        AccreditedProgramme.BuildingBetterRelationships => "Building Better Relationships",
        AccreditedProgramme.Resolve => "Resolve",
        AccreditedProgramme.DrinkImpairedDrivers => "Drink Impaired Drivers",
        AccreditedProgramme.ThinkingSkillsProgramme => "Thinking Skills Programme",
        _ => p.ToString(),
    };

    public static string Describe(ReferralStatus s) => s switch
    {
        ReferralStatus.Submitted => "Submitted",
        ReferralStatus.AwaitingAssessment => "Awaiting assessment",
        ReferralStatus.AssessedSuitable => "Assessed suitable and group ready",
        ReferralStatus.SuitableNotReady => "Suitable but not ready",
        ReferralStatus.OnWaitingList => "On the waiting list",
        ReferralStatus.OnProgramme => "On the programme",
        ReferralStatus.Completed => "Completed",
        ReferralStatus.NotCompleted => "Not completed",
        ReferralStatus.Withdrawn => "Withdrawn",
        ReferralStatus.NotSuitable => "Not suitable",
        _ => s.ToString(),
    };

    public static string Describe(GroupTime t) => t == GroupTime.Evening ? "Evening" : "Day";
}

/// <summary>One person's wait: referred on a day, started (or still waiting) and how many days that is.</summary>
public sealed record WaitingTime(DateOnly ReferredOn, DateOnly? StartedOn, int Days, bool Started, bool OverAim);

/// <summary>The waiting figures: how many, the median and mean days from referral to start (or to today), and how many over the aim.</summary>
public sealed record WaitingFigures(int Count, int Started, int StillWaiting, double? MedianDays, double? MeanDays, int OverAim, int AimDays)
{
    /// <summary>
    /// Days from referral to start, or to <paramref name="today"/> for those not started, against the aim.
    /// Withdrawn and not-suitable referrals never start and are left out by the caller.
    /// </summary>
    public static WaitingTime Of(DateOnly referredOn, DateOnly? startedOn, DateOnly today, int aimDays = ProgrammeRules.WaitingAimDays)
    {
        var to = startedOn ?? today;
        var days = Math.Max(0, to.DayNumber - referredOn.DayNumber);
        return new WaitingTime(referredOn, startedOn, days, startedOn is not null, days > aimDays);
    }

    public static WaitingFigures From(IReadOnlyCollection<WaitingTime> waits, int aimDays = ProgrammeRules.WaitingAimDays)
    {
        if (waits.Count == 0)
        {
            return new WaitingFigures(0, 0, 0, null, null, 0, aimDays);
        }

        var days = waits.Select(w => w.Days).Order().ToList();
        var n = days.Count;
        var median = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
        var mean = Math.Round(days.Average(), 1, MidpointRounding.AwayFromZero);
        return new WaitingFigures(n, waits.Count(w => w.Started), waits.Count(w => !w.Started), median, mean, waits.Count(w => w.OverAim), aimDays);
    }
}
