using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Domain.Programmes;
using Probation.Domain.Supervision;

namespace Probation.Application.Demo;

/// <summary>
/// Programme referrals and groups for the demo provider, shaped by section 1.3 of the report: two
/// Building Better Relationships starts a month, most group-ready people starting within a month of
/// referral and some waiting longer, evening groups where needed, and a few requirements not yet referred.
/// Deterministic: the same seed and day give the same data.
/// </summary>
public static class DemoProgrammes
{
    /// <summary>Weekly sessions per programme (rounded; enough to show a group's course).</summary>
    public static int Sessions(AccreditedProgramme p) => p switch
    {
        AccreditedProgramme.BuildingBetterRelationships => 27,
        AccreditedProgramme.Resolve => 24,
        AccreditedProgramme.ThinkingSkillsProgramme => 19,
        _ => 14,
    };

    /// <summary>The days groups of a programme start on: BBR on the first and third Monday of the month, the others on the first Tuesday.</summary>
    public static IEnumerable<DateOnly> GroupStarts(AccreditedProgramme p, DateOnly from)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); ; month = month.AddMonths(1))
        {
            var day = p == AccreditedProgramme.BuildingBetterRelationships ? DayOfWeek.Monday : DayOfWeek.Tuesday;
            var first = month.AddDays(((int)day - (int)month.DayOfWeek + 7) % 7);
            var starts = p == AccreditedProgramme.BuildingBetterRelationships ? new[] { first, first.AddDays(14) } : [first];
            foreach (var s in starts.Where(s => s >= from))
            {
                yield return s;
            }
        }
    }

    /// <summary>
    /// Adds referrals to the generated allocated cases whose current order has a programme requirement
    /// (about one in twelve left unreferred, so the safety net has something to show). Groups are made when the cases are stored.
    /// </summary>
    public static void Write(IEnumerable<DemoPerson> people, DateOnly today, int seed)
    {
        var random = new Random(seed + 5);
        foreach (var p in people.Where(p => p.Officer is not null && p.Person.AllocatedOn is not null))
        {
            var person = p.Person;
            var order = SupervisionRules.CurrentOrder(person, today);
            var requirement = order is { } o && o.IsCurrent(today)
                ? o.Requirements.FirstOrDefault(r => r.Type == RequirementType.AccreditedProgramme && r.Programme is not null)
                : null;
            if (requirement is null || random.NextDouble() < 0.08)
            {
                continue;
            }

            var from = person.AllocatedOn!.Value > order!.StartDate ? person.AllocatedOn.Value : order.StartDate;
            var referredOn = from.AddDays(random.Next(1, 9));
            if (referredOn > today)
            {
                continue;
            }

            var programme = requirement.Programme!.Value;
            var r = new ProgrammeReferral
            {
                Requirement = requirement,
                Programme = programme,
                PreferredTime = random.NextDouble() < 0.25 ? GroupTime.Evening : random.NextDouble() < 0.5 ? GroupTime.Day : null,
                ReferredOn = referredOn,
                ReferredBy = "demo",
                Status = ReferralStatus.Submitted,
                StatusChangedOn = referredOn,
            };
            person.ProgrammeReferrals.Add(r);

            var assessed = referredOn.AddDays(random.Next(3, 10));
            if (assessed > today)
            {
                continue;
            }

            var roll = random.NextDouble();
            if (roll < 0.04)
            {
                Move(r, ReferralStatus.AwaitingAssessment, referredOn.AddDays(1));
                Move(r, ReferralStatus.NotSuitable, assessed, "Denies the offence and any relationship difficulty; the programme cannot work with total denial. Officer to address one to one and return to court if needed.");
                continue;
            }

            Move(r, ReferralStatus.AwaitingAssessment, referredOn.AddDays(1));
            if (roll < 0.12)
            {
                Move(r, ReferralStatus.SuitableNotReady, assessed, "Drinking daily and in unstable housing: alcohol treatment and housing first, then reassess for the group.");
                continue;
            }

            Move(r, ReferralStatus.AssessedSuitable, assessed);
            Move(r, ReferralStatus.OnWaitingList, assessed);
            if (roll < 0.16)
            {
                var withdrawn = assessed.AddDays(random.Next(5, 20));
                if (withdrawn <= today)
                {
                    Move(r, ReferralStatus.Withdrawn, withdrawn, "Moved out of the area; transferred to another provider.");
                }

                continue;
            }

            // Most start at the first group at least a week after assessment; about one in four waits for a later one.
            var earliest = assessed.AddDays(random.NextDouble() < 0.25 ? random.Next(25, 45) : random.Next(7, 20));
            var start = GroupStarts(programme, earliest).First();
            if (start > today.AddDays(21))
            {
                continue;
            }

            r.Status = ReferralStatus.OnProgramme;
            r.StatusChangedOn = start <= today ? start : assessed;
            r.StartedOn = start;
            var ends = start.AddDays(7 * (Sessions(programme) - 1));
            if (ends <= today)
            {
                if (random.NextDouble() < 0.15)
                {
                    Move(r, ReferralStatus.NotCompleted, start.AddDays(7 * random.Next(3, Sessions(programme) - 2)), "Stopped attending after a new relationship began; breach proceedings taken by the responsible officer.");
                }
                else
                {
                    Move(r, ReferralStatus.Completed, ends);
                }
            }
        }
    }

    private static void Move(ProgrammeReferral r, ReferralStatus to, DateOnly on, string? reason = null) => ProgrammeRules.Apply(r, to, on, reason);

    /// <summary>
    /// Once the cases are stored: the groups the referrals started in, at the two district centres, with
    /// facilitators, weekly sessions and the register so far (each attendance a contact on the person's record);
    /// and at least two Building Better Relationships groups this month and next.
    /// </summary>
    public static async Task SeedAsync(ProbationDbContext db, DateOnly today, CancellationToken ct, int? provider = null)
    {
        var providerId = provider ?? await db.Providers.Select(p => p.Id).FirstAsync(ct);
        var centres = await db.Sites.Where(s => s.ProviderId == providerId && s.Kind == SiteKind.DistrictCentre).OrderBy(s => s.Code).Select(s => s.Id).ToListAsync(ct);
        var tutors = await db.Staff.Where(s => s.ProviderId == providerId && s.Grade == StaffGrade.ProgrammeTutor).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        if (centres.Count == 0 || tutors.Count == 0)
        {
            return;
        }

        var members = await db.ProgrammeReferrals.Where(r => r.StartedOn != null && r.GroupId == null)
            .Where(r => provider == null || db.People.Any(p => p.Id == r.PersonId && p.ProviderId == provider)).OrderBy(r => r.StartedOn).ThenBy(r => r.Id).ToListAsync(ct);
        var contacts = new List<(Contact Contact, ProgrammeReferral Referral, ProgrammeSession Session)>();
        var groups = new List<ProgrammeGroup>();
        var n = 0;
        ProgrammeGroup NewGroup(AccreditedProgramme programme, DateOnly start, GroupTime time, int capacity)
        {
            n++;
            var group = new ProgrammeGroup
            {
                ProviderId = providerId,
                Programme = programme,
                SiteId = centres[n % centres.Count],
                Time = time,
                StartDate = start,
                Capacity = capacity,
                CreatedBy = "demo",
                Version = 1,
                Facilitators = tutors.Skip(n % tutors.Count).Concat(tutors).Take(Math.Min(2, tutors.Count)).Select(id => new ProgrammeFacilitator { StaffMemberId = id }).ToList(),
            };
            var evening = time == GroupTime.Evening;
            for (var i = 0; i < Sessions(programme); i++)
            {
                group.Sessions.Add(new ProgrammeSession
                {
                    On = start.AddDays(7 * i),
                    StartsAt = evening ? new TimeOnly(18, 0) : new TimeOnly(9, 30),
                    EndsAt = evening ? new TimeOnly(20, 30) : new TimeOnly(12, 0),
                });
            }

            groups.Add(group);
            return group;
        }

        foreach (var cohort in members.GroupBy(r => (r.Programme, Start: r.StartedOn!.Value)))
        {
            foreach (var chunk in cohort.Chunk(12))
            {
                var time = chunk.Count(r => r.PreferredTime == GroupTime.Evening) > chunk.Length / 2 ? GroupTime.Evening : GroupTime.Day;
                var group = NewGroup(cohort.Key.Programme, cohort.Key.Start, time, Math.Max(10, chunk.Length));
                var attendance = 0;
                foreach (var r in chunk)
                {
                    r.Group = group;
                    foreach (var s in group.Sessions.Where(s => s.On <= today && (r.EndedOn is null || s.On <= r.EndedOn)))
                    {
                        // About one session in fifteen missed, each with the tutor's judgement that it was acceptable.
                        var missed = ++attendance % 15 == 7;
                        contacts.Add((new Contact
                        {
                            PersonId = r.PersonId,
                            On = s.On,
                            StartsAt = s.StartsAt,
                            EndsAt = s.EndsAt,
                            Kind = ContactKind.ProgrammeSession,
                            SiteId = group.SiteId,
                            RequirementId = r.RequirementId,
                            Outcome = missed ? ContactOutcome.FailedToAttend : ContactOutcome.AttendedAndComplied,
                            Decision = missed ? AbsenceDecision.Acceptable : null,
                            DecisionReason = missed ? "Phoned the tutors before the session: ill, with a GP appointment the same day." : null,
                            DecidedOn = missed ? s.On : null,
                            RecordedBy = "demo",
                        }, r, s));
                    }
                }
            }
        }

        // The provider can start two Building Better Relationships groups a month: this month's and next month's are on the schedule.
        foreach (var start in GroupStarts(AccreditedProgramme.BuildingBetterRelationships, new DateOnly(today.Year, today.Month, 1)).Take(4))
        {
            if (!groups.Any(g => g.Programme == AccreditedProgramme.BuildingBetterRelationships && g.StartDate == start))
            {
                NewGroup(AccreditedProgramme.BuildingBetterRelationships, start, n % 3 == 0 ? GroupTime.Evening : GroupTime.Day, 12);
            }
        }

        db.ProgrammeGroups.AddRange(groups);
        foreach (var (contact, referral, session) in contacts)
        {
            db.Contacts.Add(contact);
            db.Set<ProgrammeAttendance>().Add(new ProgrammeAttendance { Session = session, ReferralId = referral.Id, Contact = contact });
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
