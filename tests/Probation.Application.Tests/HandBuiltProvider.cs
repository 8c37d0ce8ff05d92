using Probation.Application.Data;
using Probation.Domain.Allocation;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Programmes;
using Probation.Domain.Resettlement;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Tests;

/// <summary>
/// A provider of its own, built by hand in a test's database beside the demo one: two teams, their officers, a hub, a
/// prison and an unpaid work project, and cases whose records a test writes one by one, so that the right answer of a
/// report over it can be worked out by hand. Reports are scoped to the viewer's provider, so the demo cannot leak in.
/// </summary>
internal sealed class HandBuiltProvider
{
    private static int _next = Random.Shared.Next(100_000, 400_000);

    private HandBuiltProvider(ProbationDbContext db, Provider provider)
    {
        Db = db;
        Provider = provider;
    }

    public ProbationDbContext Db { get; }
    public Provider Provider { get; }
    public Team TeamA { get; private set; } = null!;
    public Team TeamB { get; private set; } = null!;
    public StaffMember A1 { get; private set; } = null!;
    public StaffMember A2 { get; private set; } = null!;
    public StaffMember B1 { get; private set; } = null!;
    public Site Hub { get; private set; } = null!;
    public Site Prison { get; private set; } = null!;
    public UnpaidWorkProject Project { get; private set; } = null!;
    public UnpaidWorkProject AwardProject { get; private set; } = null!;
    public UnpaidWorkProject EteProject { get; private set; } = null!;

    private static int Next() => Interlocked.Increment(ref _next);

    public static async Task<HandBuiltProvider> CreateAsync(ProbationDbContext db)
    {
        var n = Next();
        var provider = new Provider { Code = $"H{n}", Name = $"Hand-built provider {n}", Kind = ProviderKind.Crc };
        var built = new HandBuiltProvider(db, provider);
        built.TeamA = new Team { Provider = provider, Code = $"HA{n}", Name = "Team A", Kind = TeamKind.LocalTeam };
        built.TeamB = new Team { Provider = provider, Code = $"HB{n}", Name = "Team B", Kind = TeamKind.LocalTeam };
        StaffMember Officer(Team team, string name) => new()
        {
            Provider = provider,
            Team = team,
            StaffCode = $"S{Next()}",
            FirstName = name,
            LastName = "Officer",
            Grade = StaffGrade.ProbationOfficer,
            ContractedHours = 37,
        };
        built.A1 = Officer(built.TeamA, "Aisha");
        built.A2 = Officer(built.TeamA, "Alan");
        built.B1 = Officer(built.TeamB, "Beth");
        Address Somewhere() => new() { Line1 = "1 High Street", Town = "Stockton-on-Tees", Postcode = "TS18 1AA" };
        built.Hub = new Site { Provider = provider, Team = built.TeamA, Code = $"HH{n}", Name = "Hand-built hub", Kind = SiteKind.CommunityHub, Address = Somewhere() };
        built.Prison = new Site { Provider = provider, Code = $"HP{n}", Name = "HMP Hand-built", Kind = SiteKind.Prison, Address = Somewhere() };
        UnpaidWorkProject Project(string name, PlacementKind placement, Qualification? award) => new()
        {
            ProviderId = 0,
            Name = $"{name} {n}",
            Type = ProjectType.Environmental,
            Beneficiary = "The council",
            Placement = placement,
            Capacity = 10,
            Award = award,
        };
        db.AddRange(provider, built.TeamA, built.TeamB, built.A1, built.A2, built.B1, built.Hub, built.Prison);
        await db.SaveChangesAsync();
        built.Project = Project("Park clearance", PlacementKind.Group, null);
        built.AwardProject = Project("Health and safety course", PlacementKind.Group, Qualification.HealthAndSafety);
        built.EteProject = Project("College placement", PlacementKind.EducationTrainingEmployment, null);
        foreach (var p in new[] { built.Project, built.AwardProject, built.EteProject })
        {
            p.ProviderId = provider.Id;
        }

        db.AddRange(built.Project, built.AwardProject, built.EteProject);
        await db.SaveChangesAsync();
        return built;
    }

    /// <summary>A case on an order from <paramref name="start"/>, allocated to <paramref name="officer"/> from <paramref name="allocated"/> (none: waiting).</summary>
    public PersonOnProbation Case(
        OrderType type, DateOnly start, int months, StaffMember? officer, DateOnly? allocated, RoshLevel? rosh = RoshLevel.Medium,
        bool riskToChildren = false, bool riskToKnownAdult = false, params Requirement[] requirements)
    {
        var n = Next();
        var person = new PersonOnProbation
        {
            Crn = Crn.Parse($"H{n % 1_000_000:D6}"),
            FirstName = "Case",
            LastName = $"Number {n}",
            DateOfBirth = new DateOnly(1990, 1, 1),
            Gender = Gender.Male,
            ProviderId = Provider.Id,
            TeamId = officer?.TeamId,
            ResponsibleOfficerId = officer?.Id,
            AllocatedOn = allocated,
            Risk = new RiskProfile { Rosh = rosh, RiskToChildren = riskToChildren, RiskToKnownAdult = riskToKnownAdult },
            CreatedAtUtc = DateTime.UtcNow,
        };
        person.Orders.Add(new Order
        {
            Type = type,
            StartDate = start,
            LengthMonths = months,
            EndDate = OrderTerms.EndDate(start, months),
            Court = "Teesside Magistrates' Court",
            MainOffence = OffenceCategory.Violence,
            Requirements = [.. requirements],
        });
        if (officer is not null && allocated is { } from)
        {
            person.Allocations.Add(new CaseAllocation
            {
                StaffMemberId = officer.Id,
                From = from,
                DecidedAtUtc = DateTime.UtcNow,
                DecidedByUserName = "manager",
                DecidedAs = AllocationDecider.TeamManager,
                RequiredGrade = RequiredGrade.ProbationOfficer,
                MatrixReasons = "hand-built",
            });
        }

        Db.People.Add(person);
        return person;
    }

    public static Requirement Rar() => new() { Type = RequirementType.RehabilitationActivity, RarDays = 20 };

    public static Requirement UnpaidWorkHours(int hours) => new() { Type = RequirementType.UnpaidWork, UnpaidWorkHours = hours };

    public static Requirement Programme(AccreditedProgramme programme) => new() { Type = RequirementType.AccreditedProgramme, Programme = programme, LengthMonths = 12 };

    public static Registration Flag(RegistrationType type, DateOnly from) => new() { Type = type, StartedOn = from };

    /// <summary>An assessment; <paramref name="complete"/> fills every part an assessment records, otherwise none of the words.</summary>
    public static Assessment Assessment(DateOnly started, DateOnly? completed, RoshLevel? rosh, bool complete, bool riskToChildren = false, int needsRated = 10, params Need[] linkedToOffending)
    {
        var a = new Assessment
        {
            Kind = AssessmentKind.Initial,
            StartedOn = started,
            CompletedOn = completed,
            AssessedBy = "Officer",
            Rosh = rosh,
            RiskToChildren = riskToChildren,
        };
        if (complete)
        {
            a.CurrentOffence = "Assault on a partner after drinking.";
            a.PreviousConvictionsReviewed = true;
            a.PatternsOfOffending = "Offending when drinking, at weekends.";
            a.Strengths = "Works full time; supportive mother.";
            a.DiversityAndCircumstances = "Shift work; no disability.";
            a.Motivation = "Wants to keep his job.";
            a.PersonsViews = "Says drink is the problem.";
            a.InformationSources = "Police, court papers, children's services.";
            a.RoshReasons = "Violence towards a partner when drinking.";
            a.WhoIsAtRisk = rosh > RoshLevel.Low ? "A known adult: current partner." : null;
        }

        foreach (var need in Enum.GetValues<Need>().Take(needsRated))
        {
            var linked = linkedToOffending.Contains(need);
            a.Needs.Add(new AssessedNeed { Need = need, Severity = linked ? NeedSeverity.SignificantProblems : NeedSeverity.NoProblems, LinkedToOffending = linked });
        }

        return a;
    }

    public static SentencePlan Plan(DateOnly on, bool complete, params (ObjectiveLinks Links, CopiedFrom? Copied)[] objectives)
    {
        var plan = new SentencePlan
        {
            CompletedOn = on,
            LastRevisedOn = on,
            WrittenBy = "Officer",
            PersonsInvolvement = complete ? "Agreed the objectives and the reporting days with me." : string.Empty,
            ContactsPerMonth = complete ? 4 : 0,
            ContactPattern = complete ? "Weekly at the office" : null,
            ContingencyArrangements = complete ? "If he contacts the partner, the police are told the same day." : null,
            DomesticAbuseMeasures = complete ? "Building Better Relationships; police call-out checks every six months." : null,
            ChildSafeguardingMeasures = complete ? "Joint visits with the social worker." : null,
            VictimSafety = complete ? "Victim liaison in place; exclusion zone." : null,
        };
        var priority = 1;
        foreach (var (links, copied) in objectives)
        {
            var text = copied is null ? $"Objective {priority} written for the person" : "Attend all appointments";
            plan.Objectives.Add(new PlanObjective { Text = text, NormalisedText = SupervisionRules.Normalise(text), Links = links, Priority = priority++, TargetDate = on.AddMonths(6), Copied = copied });
        }

        return plan;
    }

    public static void Schedule(SentencePlan plan, Requirement requirement, DateOnly starts) =>
        plan.Schedule.Add(new ScheduledRequirement { Requirement = requirement, Type = requirement.Type, StartsOn = starts, CompleteBy = starts.AddMonths(9), Pattern = "Weekly" });

    public static Contact Contact(DateOnly on, ContactOutcome? outcome, ContactKind kind = ContactKind.Office, AbsenceDecision? decision = null, DateOnly? decidedOn = null, Requirement? requirement = null, Site? site = null) =>
        new() { On = on, Kind = kind, Outcome = outcome, Decision = decision, DecisionReason = decision is null ? null : "Judged", DecidedOn = decidedOn, Requirement = requirement, Site = site, RecordedBy = "Officer" };

    public static EnforcementAction Enforce(DateOnly on, EnforcementKind kind) => new() { On = on, Kind = kind, RecordedBy = "Officer" };

    public static SignificantEvent Event(DateOnly on, SignificantEventKind kind) => new() { On = on, Kind = kind, Description = "Recorded", RecordedBy = "Officer" };

    public static Review Review(DateOnly on, ReviewKind kind, bool complete, SentencePlan? plan = null, SignificantEvent? trigger = null)
    {
        var review = new Review
        {
            Kind = kind,
            CompletedOn = on,
            TriggeredBy = trigger,
            ReviewedBy = "Officer",
            OffendingFactorChanges = complete ? "Drinking less; still misses work." : string.Empty,
            RiskFactorChanges = complete ? "New partner; police call-outs checked, none." : string.Empty,
            PersonsInvolvement = complete ? "He said what has changed for him." : string.Empty,
            OtherAgencyInput = complete ? "Police domestic abuse unit: no call-outs." : null,
            PlanAdjusted = complete,
        };
        foreach (var o in complete ? plan?.Objectives ?? [] : [])
        {
            review.Progress.Add(new ObjectiveProgress { Objective = o, ObjectiveText = o.Text, Progress = "Some progress" });
        }

        return review;
    }

    public static AgencyCheck Check(AgencyCheckKind kind, DateOnly asked, DateOnly? answered) =>
        new() { Kind = kind, RequestedOn = asked, AnsweredOn = answered, Summary = answered is null ? null : "Answered", RecordedBy = "Officer" };

    public static ProgrammeReferral ProgrammeReferral(Requirement requirement, DateOnly referred, ReferralStatus status, DateOnly? started = null) => new()
    {
        Requirement = requirement,
        Programme = requirement.Programme!.Value,
        ReferredOn = referred,
        ReferredBy = "Officer",
        Status = status,
        StatusChangedOn = started ?? referred,
        StartedOn = started,
        Reason = status is ReferralStatus.Withdrawn ? "Moved away" : null,
    };

    /// <summary>Bookings on the provider's projects; the requirement must already be saved (bookings point at it by id).</summary>
    public async Task BookAsync(PersonOnProbation person, Requirement requirement, params (DateOnly On, AttendanceOutcome? Outcome, int Credited, UnpaidWorkProject? Project)[] sessions)
    {
        foreach (var (on, outcome, credited, project) in sessions)
        {
            var p = project ?? Project;
            var session = new UnpaidWorkSession { ProjectId = p.Id, On = on, StartsAt = new TimeOnly(9, 0), EndsAt = new TimeOnly(16, 0), SupervisorId = A1.Id, Capacity = 10 };
            session.Bookings.Add(new UnpaidWorkBooking
            {
                PersonId = person.Id,
                RequirementId = requirement.Id,
                On = on,
                StartsAt = session.StartsAt,
                EndsAt = session.EndsAt,
                Placement = p.Placement,
                Award = p.Award,
                Outcome = outcome,
                CreditedMinutes = credited,
                BookedBy = "Supervisor",
                StartedAt = credited > 0 ? session.StartsAt : null,
                FinishedAt = credited > 0 ? session.StartsAt.AddMinutes(credited) : null,
            });
            Db.UnpaidWorkSessions.Add(session);
        }

        await Db.SaveChangesAsync();
    }

    public CustodyRecord Custody(PersonOnProbation person, DateOnly reception, DateOnly expectedRelease) => new()
    {
        PersonId = person.Id,
        PrisonId = Prison.Id,
        ReceptionDate = reception,
        SentenceDate = reception,
        SentenceLengthMonths = 24,
        ExpectedReleaseDate = expectedRelease,
        ReleaseType = ReleaseType.ConditionalRelease,
        RecordedBy = "Resettlement worker",
    };
}
