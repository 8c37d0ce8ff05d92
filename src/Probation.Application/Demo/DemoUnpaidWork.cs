using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Demo;

/// <summary>
/// Demo unpaid work for the generated provider: projects of the kinds the report names, a season of sessions from twelve
/// weeks ago (or <c>weeks</c> ago: the bulk scales ask for a year) to four weeks ahead, everyone with unpaid work assessed and booked once a week where a place allows,
/// attendance and hours for the sessions that have happened, and the awards earned. Weekend places are deliberately
/// short of the people who can only work at weekends, as the report found. Deterministic for a seed.
/// </summary>
public static class DemoUnpaidWork
{
    private sealed record Plan(string Name, ProjectType Type, string Beneficiary, string? SiteCode, PlacementKind Placement, bool WomenOnly, int Capacity,
        ProjectRisks Risks, string? RiskNotes, Qualification? Award, DayOfWeek[] Days, TimeOnly Starts, TimeOnly Ends);

    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Four = new(16, 0);

    private static readonly Plan[] Plans =
    [
        new("Thornaby community garden", ProjectType.Horticulture, "Thornaby Town Council", "UW-001", PlacementKind.Group, false, 8, ProjectRisks.PublicFacing, null,
            Qualification.Horticulture, [DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday], Nine, Four),
        new("Darlington charity shop", ProjectType.CharityShop, "Age UK Darlington", "UW-002", PlacementKind.Individual, false, 2, ProjectRisks.PublicFacing | ProjectRisks.VulnerableAdultsPresent,
            "Customers include older and vulnerable adults", Qualification.CustomerService, [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday, DayOfWeek.Saturday], Nine, Four),
        new("Women's community cafe, Stockton", ProjectType.Catering, "Stockton women's centre", null, PlacementKind.Group, true, 6, ProjectRisks.PublicFacing, null,
            Qualification.Catering, [DayOfWeek.Wednesday, DayOfWeek.Friday], Nine, Four),
        new("Primary school redecoration, Middlesbrough", ProjectType.PaintingAndDecorating, "Middlesbrough Council", null, PlacementKind.Group, false, 6, ProjectRisks.ChildrenPresent,
            "School site: no contact with pupils; work in the hall after lessons", Qualification.PaintingAndDecorating, [DayOfWeek.Monday, DayOfWeek.Wednesday], Nine, Four),
        new("Hartlepool riverside clean-up", ProjectType.Environmental, "Hartlepool Borough Council", null, PlacementKind.Group, false, 10, ProjectRisks.PublicFacing, null,
            Qualification.HealthAndSafety, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday], Nine, Four),
        new("Health and safety course, Academy 3-13", ProjectType.Training, "Academy 3-13", null, PlacementKind.EducationTrainingEmployment, false, 8, ProjectRisks.None, null,
            Qualification.HealthAndSafety, [DayOfWeek.Tuesday], new TimeOnly(10, 0), new TimeOnly(15, 0)),
    ];

    private static readonly WorkDays Weekdays = WorkDays.Monday | WorkDays.Tuesday | WorkDays.Wednesday | WorkDays.Thursday | WorkDays.Friday;

    public static async Task SeedAsync(ProbationDbContext db, int providerId, DateOnly today, int seed, CancellationToken ct, int weeks = 12)
    {
        var random = new Random(seed + 4);
        var sites = await db.Sites.Where(s => s.ProviderId == providerId && s.Kind == SiteKind.UnpaidWorkProject).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var supervisors = await db.Staff.Where(s => s.ProviderId == providerId && s.Grade == StaffGrade.UnpaidWorkSupervisor).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        if (supervisors.Count == 0)
        {
            return;
        }

        var people = await db.People.AsNoTracking().AsSplitQuery().Where(p => p.ProviderId == providerId)
            .Where(p => p.Orders.Any(o => o.TerminatedOn == null && o.StartDate <= today && o.EndDate >= today && o.Requirements.Any(r => r.Type == RequirementType.UnpaidWork)))
            .Include(p => p.Orders).ThenInclude(o => o.Requirements).Include(p => p.Registrations)
            .OrderBy(p => p.Id).ToListAsync(ct);

        // Who can work when: about a third are in work and can only come at weekends.
        var cases = people.Select(p =>
        {
            var order = SupervisionRules.CurrentOrder(p, today)!;
            var requirement = order.Requirements.First(r => r.Type == RequirementType.UnpaidWork);
            var weekendOnly = random.NextDouble() < 0.33;
            var days = weekendOnly ? WorkDays.Saturday | WorkDays.Sunday : Weekdays;
            var childRisk = p.Risk.RiskToChildren || p.Registrations.Any(r => r.Type == Domain.Risk.RegistrationType.ChildProtection);
            return new Case(p, order, requirement, days, childRisk ? ProjectRisks.ChildrenPresent : ProjectRisks.None, Assessed: random.NextDouble() < 0.92);
        }).ToList();

        var projects = Plans.Select((plan, i) => new UnpaidWorkProject
        {
            ProviderId = providerId,
            Name = plan.Name,
            Type = plan.Type,
            Beneficiary = plan.Beneficiary,
            SiteId = plan.SiteCode is { } code && sites.TryGetValue(code, out var siteId) ? siteId : null,
            Placement = plan.Placement,
            WomenOnly = plan.WomenOnly,
            Capacity = plan.Capacity,
            Risks = plan.Risks,
            RiskNotes = plan.RiskNotes,
            WeekendAvailable = plan.Days.Contains(DayOfWeek.Saturday),
            Award = plan.Award,
            Supervisors = Enumerable.Range(0, 2).Select(k => new UnpaidWorkProjectSupervisor { StaffMemberId = supervisors[(i + k) % supervisors.Count] }).ToList(),
        }).ToList();
        db.UnpaidWorkProjects.AddRange(projects);
        await db.SaveChangesAsync(ct);

        // Enough weekday places for about nine in ten of those who can work on weekdays; at weekends about half.
        var weekdayDemand = cases.Count(c => c.Days == Weekdays) / 5.0;
        var weekendDemand = cases.Count(c => c.Days != Weekdays) / 2.0;
        var first = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7 * weeks);
        var sessions = new List<UnpaidWorkSession>();
        for (var day = first; day <= today.AddDays(28); day = day.AddDays(1))
        {
            var running = projects.Select((p, i) => (Project: p, Plan: Plans[i])).Where(x => x.Plan.Days.Contains(day.DayOfWeek)).ToList();
            if (running.Count == 0)
            {
                continue;
            }

            var places = running.Sum(x => x.Project.Capacity);
            var wanted = day.DayOfWeek == DayOfWeek.Saturday ? weekendDemand * 0.5 : weekdayDemand * 0.9;
            var copies = Math.Max(1, (int)Math.Ceiling(wanted / places));
            foreach (var (project, plan) in running)
            {
                for (var k = 0; k < copies; k++)
                {
                    sessions.Add(new UnpaidWorkSession
                    {
                        ProjectId = project.Id,
                        Project = project,
                        On = day,
                        StartsAt = plan.Starts,
                        EndsAt = plan.Ends,
                        SupervisorId = project.Supervisors[k % project.Supervisors.Count].StaffMemberId,
                        Capacity = project.Capacity,
                        Briefing = day <= today ? "Task for the day, site hazards, welfare facilities and the behaviour expected." : null,
                        EquipmentIssued = day <= today ? EquipmentItem.HighVisibilityClothing | EquipmentItem.Gloves | EquipmentItem.FirstAidKit : EquipmentItem.None,
                        BriefingRecordedBy = day <= today ? "demo" : null,
                        AttendanceRecordedOn = day < today ? day : null,
                    });
                }
            }
        }

        db.UnpaidWorkSessions.AddRange(sessions);
        await db.SaveChangesAsync(ct);

        var assessments = new List<UnpaidWorkAssessment>();
        var contacts = new List<(UnpaidWorkBooking Booking, Contact Contact)>();
        var awards = new List<UnpaidWorkAward>();
        var byDay = sessions.GroupBy(s => s.On).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var c in cases.Where(c => c.Assessed))
        {
            var assessedOn = Max(c.Order.StartDate.AddDays(7), first.AddDays(-7));
            if (assessedOn > today)
            {
                continue;
            }

            assessments.Add(new UnpaidWorkAssessment
            {
                PersonId = c.Person.Id,
                CompletedOn = assessedOn,
                Health = random.NextDouble() < 0.2 ? "Back injury: no heavy lifting" : "No health problems that limit the work",
                Skills = random.NextDouble() < 0.3 ? "Has worked in a kitchen" : "Labouring; keen to learn gardening",
                AvailableDays = c.Days,
                AvailabilityNotes = c.Days == Weekdays ? null : "Works Monday to Friday: weekends only",
                RiskToPublic = "Assessed as " + (c.Person.Risk.Rosh?.ToString().ToLowerInvariant() ?? "low") + " risk of serious harm; suitable for supervised group work",
                RiskToSupervisors = "No concerns",
                DiversityNeeds = c.Person.Gender == Gender.Female ? "Woman: women-only or individual placement" : "None identified",
                RuledOut = c.RuledOut,
                AssessedBy = "demo",
            });

            var credited = 0;
            var ete = 0;
            var ordered = c.Requirement.UnpaidWorkHours!.Value * 60;
            for (var week = Max(first, assessedOn.AddDays(1)); week <= today.AddDays(28) && credited < ordered; week = week.AddDays(7))
            {
                var session = Enumerable.Range(0, 7).Select(week.AddDays)
                    .Where(d => c.Days.HasFlag(UnpaidWorkRules.Flag(d.DayOfWeek)) && byDay.ContainsKey(d))
                    .SelectMany(d => byDay[d])
                    .FirstOrDefault(s => s.Bookings.Count < s.Capacity
                        && (c.Person.Gender != Gender.Female || s.Project!.WomenOnly || s.Project.Placement != PlacementKind.Group)
                        && (c.RuledOut & s.Project!.Risks) == ProjectRisks.None
                        && (s.Project.Placement != PlacementKind.EducationTrainingEmployment || random.NextDouble() < 0.2));
                if (session is null)
                {
                    continue;
                }

                var booking = new UnpaidWorkBooking
                {
                    PersonId = c.Person.Id,
                    RequirementId = c.Requirement.Id,
                    On = session.On,
                    StartsAt = session.StartsAt,
                    EndsAt = session.EndsAt,
                    Placement = session.Project!.Placement,
                    Award = session.Project.Award,
                    BookedBy = "demo",
                };
                session.Bookings.Add(booking);
                if (session.On >= today)
                {
                    continue;
                }

                var roll = random.NextDouble();
                var outcome = roll < 0.84 ? AttendanceOutcome.AttendedAndWorked : roll < 0.92 ? AttendanceOutcome.AcceptableAbsence
                    : roll < 0.97 ? AttendanceOutcome.UnacceptableAbsence : AttendanceOutcome.SentHomeForBehaviour;
                var finished = outcome == AttendanceOutcome.SentHomeForBehaviour ? session.StartsAt.AddHours(2) : session.EndsAt;
                var (credit, _) = UnpaidWorkRules.Attendance(
                    new AttendanceInput(outcome, UnpaidWorkRules.IsAttended(outcome) ? session.StartsAt : null, UnpaidWorkRules.IsAttended(outcome) ? finished : null, 0, 0,
                        outcome == AttendanceOutcome.AttendedAndWorked ? null : Reasons[outcome]),
                    session.StartsAt, session.EndsAt, session.Project.Placement, c.Requirement.UnpaidWorkHours!.Value, credited, ete);
                booking.Outcome = outcome;
                booking.StartedAt = UnpaidWorkRules.IsAttended(outcome) ? session.StartsAt : null;
                booking.FinishedAt = UnpaidWorkRules.IsAttended(outcome) ? finished : null;
                booking.CreditedMinutes = credit?.Minutes ?? 0;
                booking.Reason = outcome == AttendanceOutcome.AttendedAndWorked ? null : Reasons[outcome];
                booking.RecordedBy = "demo";
                credited += booking.CreditedMinutes;
                ete += booking.Placement == PlacementKind.EducationTrainingEmployment ? booking.CreditedMinutes : 0;
                var (contactOutcome, decision) = UnpaidWorkRules.AsContact(outcome);
                contacts.Add((booking, new Contact
                {
                    PersonId = c.Person.Id,
                    On = session.On,
                    StartsAt = session.StartsAt,
                    EndsAt = session.EndsAt,
                    Kind = ContactKind.UnpaidWorkSession,
                    SiteId = session.Project.SiteId,
                    RequirementId = c.Requirement.Id,
                    Outcome = contactOutcome,
                    Notes = $"{session.Project.Name}: {UnpaidWorkRules.Describe(outcome).ToLowerInvariant()}, {UnpaidWorkRules.Hours(booking.CreditedMinutes)} credited",
                    Decision = decision,
                    DecisionReason = decision is null ? null : booking.Reason,
                    DecidedOn = decision is null ? null : session.On,
                    RecordedBy = "demo",
                }));
            }
        }

        // Each booking points at the contact its attendance wrote; the bookings were added to tracked sessions.
        foreach (var (booking, contact) in contacts)
        {
            booking.Contact = contact;
        }

        db.UnpaidWorkAssessments.AddRange(assessments);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);

        // Awards: registered for those who have worked the 64 hours an award is based on.
        var bookingsByPerson = sessions.SelectMany(s => s.Bookings).ToLookup(b => b.PersonId);
        foreach (var c in cases)
        {
            var towards = UnpaidWorkRules.HoursTowardsAwards(bookingsByPerson[c.Person.Id].Select(b => b.ToRecord()));
            foreach (var (q, hours) in towards.Where(x => x.Value >= UnpaidWorkRules.HoursForAward))
            {
                awards.Add(new UnpaidWorkAward { PersonId = c.Person.Id, Qualification = q, RegisteredOn = today.AddDays(-random.Next(1, 14)), HoursTowards = hours, RecordedBy = "demo" });
            }
        }

        db.UnpaidWorkAwards.AddRange(awards);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static readonly Dictionary<AttendanceOutcome, string> Reasons = new()
    {
        [AttendanceOutcome.AcceptableAbsence] = "GP appointment; letter seen",
        [AttendanceOutcome.UnacceptableAbsence] = "Did not attend and gave no reason",
        [AttendanceOutcome.SentHomeForBehaviour] = "Refused to follow the supervisor's instructions",
        [AttendanceOutcome.FailedToComply] = "Would not work",
    };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private sealed record Case(PersonOnProbation Person, Order Order, Requirement Requirement, WorkDays Days, ProjectRisks RuledOut, bool Assessed);
}
