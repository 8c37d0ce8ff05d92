using Bogus;
using Probation.Domain.Access;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;

namespace Probation.Application.Demo;

/// <summary>A person on probation as generated, with the organisation records it points at.</summary>
public sealed record DemoPerson(PersonOnProbation Person, Team Team, StaffMember? Officer, IReadOnlyList<(StaffMember Staff, AccessListKind Kind)> Access)
{
    /// <summary>The local team of the area the person lives in, where they are seen; set when another team holds the case.</summary>
    public Team? HomeTeam { get; init; }

    public Team Area => HomeTeam ?? Team;
}

public sealed record DemoDataset(
    Provider Provider,
    IReadOnlyList<Team> Teams,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<DemoPerson> People,
    IReadOnlyDictionary<string, StaffMember> DemoAccounts);

/// <summary>
/// Builds a fictional provider shaped like Durham Tees Valley CRC in the report: six local teams
/// aligned to the six local authorities, a service-wide interventions team, two district centres,
/// community hubs, about one in five people women, domestic abuse in about 40% of cases and child
/// safeguarding in about 10%. Deterministic: the same seed and scale give the same data.
/// </summary>
public static class DemoDataGenerator
{
    public const int Seed = 20190301;

    // (local authority, share of the caseload, towns for hubs and addresses)
    private static readonly (string Authority, string Code, double Share, string[] Towns)[] LocalAuthorities =
    [
        ("County Durham", "DUR", 0.34, ["Durham", "Bishop Auckland", "Chester-le-Street", "Consett", "Peterlee", "Seaham", "Newton Aycliffe", "Stanley", "Spennymoor", "Barnard Castle"]),
        ("Darlington", "DAR", 0.11, ["Darlington"]),
        ("Hartlepool", "HAR", 0.11, ["Hartlepool"]),
        ("Middlesbrough", "MID", 0.18, ["Middlesbrough"]),
        ("Redcar and Cleveland", "RAC", 0.11, ["Redcar", "Guisborough", "Saltburn-by-the-Sea", "Eston"]),
        ("Stockton-on-Tees", "STO", 0.15, ["Stockton-on-Tees", "Billingham", "Thornaby", "Yarm"]),
    ];

    private static readonly string[] Courts =
    [
        "Teesside Magistrates' Court", "Teesside Crown Court", "Durham Crown Court", "County Durham and Darlington Magistrates' Court",
        "Newton Aycliffe Magistrates' Court", "Peterlee Magistrates' Court",
    ];

    private static readonly string[] Ethnicities =
    [
        "White British", "White British", "White British", "White British", "White British", "White British", "White British",
        "White British", "White other", "Asian or Asian British", "Black or Black British", "Mixed", "Gypsy or Irish Traveller", "Prefers not to say",
    ];

    public static DemoDataset Generate(DemoScale scale, DateOnly today, int seed = Seed)
    {
        Randomizer.Seed = new Random(seed);
        var random = new Randomizer(seed);
        var faker = new Faker("en_GB") { Random = random };

        var provider = new Provider { Code = "DTV", Name = "Durham Tees Valley Community Rehabilitation Company", Kind = ProviderKind.Crc };
        var teams = LocalAuthorities.Select(la => new Team
        {
            Provider = provider,
            Code = la.Code,
            Name = la.Authority,
            Kind = TeamKind.LocalTeam,
            LocalAuthority = la.Authority,
        }).ToList();
        var interventions = new Team { Provider = provider, Code = "INT", Name = "Interventions", Kind = TeamKind.Interventions };
        var allTeams = teams.Append(interventions).ToList();

        var sites = BuildSites(scale, provider, teams, interventions, faker, today);
        var staff = new List<StaffMember>();
        var staffNumber = 0;
        StaffMember NewStaff(Team? team, StaffGrade grade, Gender gender, double hours = 37)
        {
            staffNumber++;
            var member = new StaffMember
            {
                Provider = provider,
                Team = team,
                StaffCode = $"DTV{staffNumber:D4}",
                FirstName = faker.Name.FirstName(gender == Gender.Female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male),
                LastName = faker.Name.LastName(),
                Grade = grade,
                Gender = gender,
                ContractedHours = hours,
            };
            staff.Add(member);
            return member;
        }

        // Responsible officers spread across the local teams by caseload share; about half are
        // probation officers, and about two in three are women.
        var officersByTeam = new Dictionary<Team, List<StaffMember>>();
        var officerCounts = Apportion(scale.ResponsibleOfficers, LocalAuthorities.Select(l => l.Share).ToArray());
        for (var t = 0; t < teams.Count; t++)
        {
            var list = new List<StaffMember>();
            for (var i = 0; i < officerCounts[t]; i++)
            {
                var grade = i % 2 == 0 ? StaffGrade.ProbationOfficer : StaffGrade.ProbationServicesOfficer;
                var gender = i % 3 == 2 ? Gender.Male : Gender.Female;
                var officer = NewStaff(teams[t], grade, gender, random.Bool(0.85f) ? 37 : 30);
                officer.ReductionHours = i % 6 == 2 ? 7.4 : 0; // one in six with a 20% reduction (training, union duties)
                AddTraining(officer, random, today);
                list.Add(officer);
            }

            officersByTeam[teams[t]] = list;
        }

        var managers = teams.Select(t => NewStaff(t, StaffGrade.TeamManager, random.Bool() ? Gender.Female : Gender.Male)).ToList();
        foreach (var m in managers)
        {
            AddTraining(m, random, today, always: true);
        }

        var caseAdmins = teams.SelectMany(t => Enumerable.Range(0, 2).Select(_ => NewStaff(t, StaffGrade.CaseAdministrator, Gender.Female))).ToList();
        var upw = Enumerable.Range(0, 6).Select(i => NewStaff(interventions, StaffGrade.UnpaidWorkSupervisor, i % 2 == 0 ? Gender.Male : Gender.Female)).ToList();
        var tutors = Enumerable.Range(0, 4).Select(i => NewStaff(interventions, StaffGrade.ProgrammeTutor, i % 2 == 0 ? Gender.Female : Gender.Male)).ToList();
        var ttg = Enumerable.Range(0, 4).Select(i => NewStaff(interventions, StaffGrade.ResettlementWorker, i % 2 == 0 ? Gender.Female : Gender.Male)).ToList();
        var quality = Enumerable.Range(0, 2).Select(_ => NewStaff(null, StaffGrade.QualityOfficer, Gender.Female)).ToList();
        var leaders = Enumerable.Range(0, 3).Select(i => NewStaff(null, StaffGrade.SeniorLeader, i == 0 ? Gender.Female : Gender.Male)).ToList();
        var inspector = new StaffMember
        {
            StaffCode = "HMIP0001",
            FirstName = faker.Name.FirstName(),
            LastName = faker.Name.LastName(),
            Grade = StaffGrade.Inspector,
            Gender = Gender.Female,
            ContractedHours = 37,
        };
        staff.Add(inspector);
        var administrator = new StaffMember
        {
            Provider = provider,
            StaffCode = "DTV9999",
            FirstName = "System",
            LastName = "Administrator",
            Grade = StaffGrade.SeniorLeader,
            Gender = Gender.NotStated,
            ContractedHours = 37,
        };

        var stockton = teams.Single(t => t.Code == "STO");
        var demoPo = officersByTeam[stockton].First(o => o.Grade == StaffGrade.ProbationOfficer && o.Gender == Gender.Female);
        var demoPso = officersByTeam[stockton].First(o => o.Grade == StaffGrade.ProbationServicesOfficer);

        // The demo probation officer is trained for domestic abuse and child safeguarding work, so the
        // allocation journey always has a suitable officer for a referred domestic-abuse case.
        foreach (var (area, course) in new[] { (CompetenceArea.DomesticAbuse, "Domestic abuse: risk assessment and safety planning"), (CompetenceArea.ChildSafeguarding, "Safeguarding children (level 3)") })
        {
            if (!demoPo.Training.Any(t => t.Area == area))
            {
                demoPo.Training.Add(new TrainingRecord { Area = area, Course = course, CompletedOn = today.AddMonths(-8) });
            }
        }
        var accounts = new Dictionary<string, StaffMember>
        {
            ["po"] = demoPo,
            ["pso"] = demoPso,
            ["manager"] = managers[teams.IndexOf(stockton)],
            ["caseadmin"] = caseAdmins.First(c => c.Team == stockton),
            ["upw"] = upw[0],
            ["programmes"] = tutors[0],
            ["ttg"] = ttg[0],
            ["quality"] = quality[0],
            ["quality2"] = quality[1],
            ["leader"] = leaders[0],
            ["inspector"] = inspector,
            ["admin"] = administrator,
        };

        var people = BuildPeople(scale, provider, teams, officersByTeam, faker, random, today);

        // Section 4.1: a dedicated team manages the cases whose only requirement is unpaid work. Officers move
        // to it from the local teams (so the provider keeps its officers and their average caseload) and take
        // those cases; the cases they held with other requirements stay in their local team with a colleague.
        var unpaidWorkTeam = new Team { Provider = provider, Code = "UPW", Name = "Unpaid work", Kind = TeamKind.UnpaidWork };
        allTeams.Add(unpaidWorkTeam);
        people = RouteStandaloneUnpaidWork(people, officersByTeam, unpaidWorkTeam, [demoPo, demoPso]);
        var unpaidWorkManager = NewStaff(unpaidWorkTeam, StaffGrade.TeamManager, Gender.Female);
        AddTraining(unpaidWorkManager, random, today, always: true);
        NewStaff(unpaidWorkTeam, StaffGrade.CaseAdministrator, Gender.Female);
        accounts["upwmanager"] = unpaidWorkManager;

        // A few restricted cases (limited access): some only their officer and team manager may see,
        // some that named colleagues are kept out of. The demo PSO is kept out of one case on their
        // own team and is not on the list of another, so the "Access restricted" view can be seen.
        var stocktonCases = people.Where(p => p.Team == stockton && p.Officer is not null && p.Officer != demoPo && p.Officer != demoPso).ToList();
        var restrictedCount = Math.Max(2, people.Count / 1500);
        var access = new Dictionary<DemoPerson, List<(StaffMember, AccessListKind)>>();
        for (var i = 0; i < restrictedCount && i < stocktonCases.Count; i++)
        {
            var p = stocktonCases[i * 7 % stocktonCases.Count];
            access[p] = [(p.Officer!, AccessListKind.Restriction), (accounts["manager"], AccessListKind.Restriction)];
        }

        for (var i = 0; i < restrictedCount && i < stocktonCases.Count; i++)
        {
            var p = stocktonCases[(i * 7 + 3) % stocktonCases.Count];
            if (!access.ContainsKey(p))
            {
                access[p] = [(demoPso, AccessListKind.Exclusion)];
            }
        }

        var finalPeople = people.Select(p => access.TryGetValue(p, out var list) ? p with { Access = list } : p).ToList();

        // Every allocated case has a supervision history to date; the report's three stories join the
        // demo officer's caseload at the end, so the cases generated before them keep their places.
        DemoHistory.Write(finalPeople, sites, today, seed, scale.Depth);
        DemoProgrammes.Write(finalPeople, today, seed);
        finalPeople.AddRange(DemoHistory.Stories(provider, stockton, demoPo, sites.Single(s => s.Code == "DC-STO"), today));
        return new DemoDataset(provider, allTeams, sites, staff.Append(administrator).ToList(), finalPeople, accounts);
    }

    private static List<Site> BuildSites(DemoScale scale, Provider provider, List<Team> teams, Team interventions, Faker faker, DateOnly today)
    {
        var sites = new List<Site>
        {
            new() { Provider = provider, Team = teams.Single(t => t.Code == "STO"), Code = "DC-STO", Name = "Stockton District Centre", Kind = SiteKind.DistrictCentre,
                Address = new Address { Line1 = "Bridge House, Church Road", Town = "Stockton-on-Tees", Postcode = "TS18 1TW" }, StepFreeAccess = true, InterviewRooms = 12 },
            new() { Provider = provider, Team = teams.Single(t => t.Code == "DUR"), Code = "DC-DUR", Name = "Durham District Centre", Kind = SiteKind.DistrictCentre,
                Address = new Address { Line1 = "Framwellgate House, Framwellgate Peth", Town = "Durham", Postcode = "DH1 5SU" }, StepFreeAccess = true, InterviewRooms = 10 },
            new() { Provider = provider, Code = "PR-DUR", Name = "HMP Durham", Kind = SiteKind.Prison,
                Address = new Address { Line1 = "Old Elvet", Town = "Durham", Postcode = "DH1 3HU" } },
            new() { Provider = provider, Code = "PR-HOL", Name = "HMP Holme House", Kind = SiteKind.Prison,
                Address = new Address { Line1 = "Holme House Road", Town = "Stockton-on-Tees", Postcode = "TS18 2QU" } },
            new() { Provider = provider, Team = interventions, Code = "UW-001", Name = "Community garden, Thornaby", Kind = SiteKind.UnpaidWorkProject,
                Address = new Address { Line1 = "Allotment Lane", Town = "Thornaby", Postcode = "TS17 6AB" } },
            new() { Provider = provider, Team = interventions, Code = "UW-002", Name = "Charity shop, Darlington", Kind = SiteKind.UnpaidWorkProject,
                Address = new Address { Line1 = "High Row", Town = "Darlington", Postcode = "DL3 7QQ" } },
        };

        var hubCounts = Apportion(scale.Hubs, LocalAuthorities.Select(l => l.Share).ToArray());
        var hubNumber = 0;
        for (var t = 0; t < teams.Count; t++)
        {
            var towns = LocalAuthorities[t].Towns;
            for (var i = 0; i < hubCounts[t]; i++)
            {
                hubNumber++;
                var town = towns[i % towns.Length];
                var venue = faker.PickRandom("Community Centre", "Family Hub", "Library", "Church Hall", "Youth and Community Centre", "Neighbourhood Centre");
                var womenOnly = hubNumber % 4 == 1;
                var hub = new Site
                {
                    Provider = provider,
                    Team = teams[t],
                    Code = $"HUB{hubNumber:D2}",
                    Name = i < towns.Length ? $"{town} {venue}" : $"{faker.Address.StreetName()} {venue}, {town}",
                    Kind = SiteKind.CommunityHub,
                    Address = new Address { Line1 = faker.Address.StreetAddress(), Town = town, Postcode = faker.Address.ZipCode() },
                    WomenOnlySessions = womenOnly,
                    StepFreeAccess = hubNumber % 5 != 0,
                    InterviewRooms = 1 + hubNumber % 3,
                };
                var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
                var sessionsPerWeek = 2 + hubNumber % 3;
                for (var s = 0; s < sessionsPerWeek; s++)
                {
                    var day = days[(hubNumber + s * 2) % days.Length];
                    var morning = (hubNumber + s) % 2 == 0;
                    hub.OpeningSessions.Add(new HubOpeningSession
                    {
                        Day = day,
                        Opens = morning ? new TimeOnly(9, 30) : new TimeOnly(13, 0),
                        Closes = morning ? new TimeOnly(12, 30) : new TimeOnly(16, 30),
                        WomenOnly = womenOnly && s == 0,
                    });
                }

                hub.RentalPeriods.Add(new HubRentalPeriod { From = today.AddMonths(-30 - hubNumber % 6), To = today.AddMonths(-6 - hubNumber % 6), Landlord = town + " Council" });
                hub.RentalPeriods.Add(new HubRentalPeriod { From = today.AddMonths(-6 - hubNumber % 6).AddDays(1), To = today.AddMonths(6 + hubNumber % 12), Landlord = town + " Council" });
                sites.Add(hub);
            }
        }

        return sites;
    }

    private static List<DemoPerson> BuildPeople(
        DemoScale scale, Provider provider, List<Team> teams, Dictionary<Team, List<StaffMember>> officersByTeam,
        Faker faker, Randomizer random, DateOnly today)
    {
        var people = new List<DemoPerson>(scale.People);
        var caseload = officersByTeam.Values.SelectMany(o => o).ToDictionary(o => o, _ => 0);
        var peopleCounts = Apportion(scale.People, LocalAuthorities.Select(l => l.Share).ToArray());
        var crnNumber = 100_000;
        for (var t = 0; t < teams.Count; t++)
        {
            var team = teams[t];
            var towns = LocalAuthorities[t].Towns;
            // A few new cases in each team wait in the allocation queue: received in the last days,
            // some with facts the matrix needs still unknown (so referred to the team manager).
            var waiting = Math.Max(6, peopleCounts[t] / 40);
            for (var i = 0; i < peopleCounts[t]; i++)
            {
                crnNumber += 1 + random.Number(0, 2);
                var unallocated = i < waiting;
                var woman = random.Bool(0.2f);
                var gender = woman ? Gender.Female : (random.Bool(0.005f) ? Gender.NonBinary : Gender.Male);
                var domesticAbuse = random.Bool(0.40f) || (unallocated && i == 0);
                var childProtection = random.Bool(domesticAbuse ? 0.16f : 0.06f);
                var sexual = random.Bool(0.02f);
                var person = new PersonOnProbation
                {
                    Crn = Crn.Parse($"D{crnNumber:D6}"),
                    FirstName = faker.Name.FirstName(woman ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male),
                    LastName = faker.Name.LastName(),
                    DateOfBirth = today.AddYears(-random.Number(18, 68)).AddDays(-random.Number(0, 364)),
                    Gender = gender,
                    Ethnicity = random.ArrayElement(Ethnicities),
                    Disability = random.Bool(0.25f),
                    Religion = random.ArrayElement(["No religion", "Christian", "Christian", "Muslim", "Prefers not to say"]),
                    SexualOrientation = random.ArrayElement(["Heterosexual", "Heterosexual", "Heterosexual", "Gay or lesbian", "Bisexual", "Prefers not to say"]),
                    Provider = provider,
                    CreatedAtUtc = today.AddMonths(-random.Number(1, 24)).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                };

                var town = towns[random.Number(0, towns.Length - 1)];
                var movedIn = today.AddDays(-random.Number(30, 1500));
                if (random.Bool(0.3f))
                {
                    person.Addresses.Add(new AddressRecord
                    {
                        Address = new Address { Line1 = faker.Address.StreetAddress(), Town = town, Postcode = faker.Address.ZipCode() },
                        From = movedIn.AddDays(-random.Number(200, 2000)),
                        To = movedIn.AddDays(-1),
                    });
                }

                person.Addresses.Add(new AddressRecord
                {
                    Address = new Address { Line1 = faker.Address.StreetAddress(), Town = town, Postcode = faker.Address.ZipCode() },
                    From = movedIn,
                });

                // Risk of serious harm: a CRC holds mostly low and medium risk cases.
                var roshRoll = random.Double();
                var rosh = roshRoll < 0.30 ? RoshLevel.Low : roshRoll < 0.96 ? RoshLevel.Medium : RoshLevel.High;
                if (domesticAbuse && rosh == RoshLevel.Low)
                {
                    rosh = RoshLevel.Medium;
                }

                person.Risk = new RiskProfile
                {
                    Rosh = rosh,
                    RiskToKnownAdult = domesticAbuse,
                    RiskToChildren = childProtection,
                    RiskToPublic = rosh != RoshLevel.Low && random.Bool(0.6f),
                    RiskToStaff = random.Bool(0.05f),
                    Ogrs = OgrsScore.From(Math.Clamp((int)(48 + (((random.Double() + random.Double() + random.Double()) / 3) - 0.5) * 120), 5, 98)),
                    AssessedOn = today.AddDays(-random.Number(5, 300)),
                };

                var started = today.AddDays(-random.Number(10, 700));
                if (unallocated)
                {
                    started = today.AddDays(-(i % 4));
                    person.ReceivedOn = started;
                    person.Source = i % 5 == 4 ? Domain.Allocation.CaseSource.Transfer : Domain.Allocation.CaseSource.Court;
                    if (i % 3 == 0)
                    {
                        person.Risk.Ogrs = null; // not yet scored: the case goes to the team manager
                    }
                    else if (i % 3 == 1)
                    {
                        person.FactsToConfirm = Domain.Allocation.FactsToConfirm.ChildProtection;
                    }
                }

                if (domesticAbuse)
                {
                    person.Registrations.Add(new Registration { Type = RegistrationType.DomesticAbuse, StartedOn = started.AddDays(-random.Number(0, 60)) });
                }

                if (childProtection)
                {
                    person.Registrations.Add(new Registration { Type = RegistrationType.ChildProtection, StartedOn = started.AddDays(random.Number(0, 60)) });
                }

                if (sexual)
                {
                    person.Registrations.Add(new Registration { Type = RegistrationType.NonRegisteredSexualOffending, StartedOn = started });
                }

                if (random.Bool(0.02f))
                {
                    person.Registrations.Add(new Registration
                    {
                        Type = RegistrationType.Mappa,
                        StartedOn = started,
                        MappaLevel = MappaLevel.One,
                        MappaCategory = sexual ? MappaCategory.One : MappaCategory.Two,
                    });
                }

                if (random.Bool(0.03f))
                {
                    person.Registrations.Add(new Registration { Type = RegistrationType.AdultSafeguarding, StartedOn = started });
                }

                if (random.Bool(0.03f))
                {
                    person.Registrations.Add(new Registration { Type = RegistrationType.Veteran, StartedOn = started.AddYears(-5) });
                }

                if (random.Bool(0.04f))
                {
                    // A flag that has ended: the case page keeps its history.
                    person.Registrations.Add(new Registration { Type = RegistrationType.AdultSafeguarding, StartedOn = started.AddYears(-3), EndedOn = started.AddYears(-2) });
                }

                var order = BuildOrder(random, faker, started, domesticAbuse, sexual);
                person.Orders.Add(order);

                // Annex 3: current domestic abuse, sexual offending and BBR/Resolve need a probation
                // officer; women are allocated to female officers. Otherwise the lightest caseload.
                var needsPo = domesticAbuse || sexual || order.Requirements.Any(r => r.Programme is AccreditedProgramme.BuildingBetterRelationships or AccreditedProgramme.Resolve);
                var candidates = officersByTeam[team]
                    .Where(o => !needsPo || o.Grade == StaffGrade.ProbationOfficer)
                    .Where(o => !woman || o.Gender == Gender.Female)
                    .ToList();
                if (candidates.Count == 0)
                {
                    candidates = officersByTeam[team];
                }

                if (unallocated)
                {
                    people.Add(new DemoPerson(person, team, null, []));
                    continue;
                }

                var officer = candidates.MinBy(o => (caseload[o], o.StaffCode))!;
                caseload[officer]++;
                person.AllocatedOn = order.StartDate.AddDays(random.Number(0, 3));
                person.ReceivedOn = order.StartDate;
                person.Source = Domain.Allocation.CaseSource.Court;
                people.Add(new DemoPerson(person, team, officer, []));
            }
        }

        return people;
    }

    /// <summary>Annex 3 as the generator applies it: current domestic abuse, sexual offending and BBR or Resolve need a probation officer.</summary>
    private static bool NeedsProbationOfficer(PersonOnProbation person, Order order) =>
        person.Registrations.Any(r => r.Type == RegistrationType.DomesticAbuse && r.EndedOn is null)
        || order.MainOffence == OffenceCategory.Sexual
        || order.Requirements.Any(r => r.Programme is AccreditedProgramme.BuildingBetterRelationships or AccreditedProgramme.Resolve);

    /// <summary>The lightest caseload among the officers the case may go to (grade and, for women, a female officer), or among all when none fits.</summary>
    private static StaffMember Lightest(IReadOnlyList<StaffMember> officers, PersonOnProbation person, Order order, Dictionary<StaffMember, int> caseload)
    {
        var needsPo = NeedsProbationOfficer(person, order);
        var woman = person.Gender == Gender.Female;
        var fit = officers.Where(o => (!needsPo || o.Grade == StaffGrade.ProbationOfficer) && (!woman || o.Gender == Gender.Female)).ToList();
        return (fit.Count > 0 ? fit : officers).MinBy(o => (caseload.GetValueOrDefault(o), o.StaffCode))!;
    }

    private static List<DemoPerson> RouteStandaloneUnpaidWork(List<DemoPerson> people, Dictionary<Team, List<StaffMember>> officersByTeam, Team unpaidWorkTeam, StaffMember[] keep)
    {
        bool Standalone(DemoPerson p) => Domain.UnpaidWork.UnpaidWorkRules.HeldByStandaloneTeam(p.Person.Orders[0]);
        var standalone = people.Count(Standalone);
        var allocated = people.Count(p => p.Officer is not null);
        var officers = officersByTeam.Values.Sum(l => l.Count);
        var moving = Math.Max(2, (int)Math.Round(people.Count(p => Standalone(p) && p.Officer is not null) / Math.Max(1.0, (double)allocated / officers)));

        // From the largest teams in turn, the most recently joined officer, alternating grades so that the team
        // has probation officers for the cases that need one, and women officers for women.
        var moved = new List<StaffMember>();
        var order = officersByTeam.OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key.Code).Select(t => t.Key).ToList();
        for (var i = 0; moved.Count < moving && i < moving * order.Count; i++)
        {
            var team = order[i % order.Count];
            var grade = moved.Count % 2 == 0 ? StaffGrade.ProbationServicesOfficer : StaffGrade.ProbationOfficer;
            var gender = moved.Count % 4 < 2 ? Gender.Female : Gender.Male;
            var list = officersByTeam[team];
            var officer = list.LastOrDefault(o => o.Grade == grade && o.Gender == gender && !keep.Contains(o)) ?? list.LastOrDefault(o => o.Grade == grade && !keep.Contains(o));
            if (officer is null || list.Count <= 4)
            {
                continue;
            }

            list.Remove(officer);
            officer.Team = unpaidWorkTeam;
            moved.Add(officer);
        }

        officersByTeam[unpaidWorkTeam] = moved;
        var caseload = people.Where(p => p.Officer is not null && !moved.Contains(p.Officer)).GroupBy(p => p.Officer!).ToDictionary(g => g.Key, g => g.Count());
        var routed = new List<DemoPerson>(people.Count);
        foreach (var p in people)
        {
            var order0 = p.Person.Orders[0];
            var next = p;
            if (Standalone(p))
            {
                next = p with { Team = unpaidWorkTeam, HomeTeam = p.Team, Officer = p.Officer is null ? null : Lightest(moved, p.Person, order0, caseload) };
            }
            else if (p.Officer is { } officer && moved.Contains(officer))
            {
                next = p with { Officer = Lightest(officersByTeam[p.Team], p.Person, order0, caseload) };
            }

            if (next.Officer is { } holder)
            {
                caseload[holder] = caseload.GetValueOrDefault(holder) + 1;
            }

            routed.Add(next);
        }

        return routed;
    }

    private static Order BuildOrder(Randomizer random, Faker faker, DateOnly started, bool domesticAbuse, bool sexual)
    {
        var roll = random.Double();
        var type = roll < 0.50 ? OrderType.CommunityOrder
            : roll < 0.70 ? OrderType.SuspendedSentenceOrder
            : roll < 0.90 ? OrderType.Licence
            : roll < 0.96 ? OrderType.PostSentenceSupervision
            : OrderType.Custody;
        var (min, max) = OrderTerms.LengthLimits(type);
        var length = type switch
        {
            OrderType.CommunityOrder => random.ArrayElement([12, 12, 18, 24, 24, 36]),
            OrderType.SuspendedSentenceOrder => random.ArrayElement([12, 18, 24]),
            OrderType.PostSentenceSupervision => 12,
            _ => random.Number(Math.Max(min, 12), Math.Min(max, 36)),
        };
        var start = type == OrderType.Custody ? started.AddMonths(-6) : started;
        var offence = domesticAbuse ? OffenceCategory.DomesticAbuseRelated
            : sexual ? OffenceCategory.Sexual
            : random.ArrayElement([OffenceCategory.Violence, OffenceCategory.Acquisitive, OffenceCategory.Acquisitive, OffenceCategory.Drugs,
                OffenceCategory.MotoringDrinkDriving, OffenceCategory.PublicOrder, OffenceCategory.CriminalDamage, OffenceCategory.Fraud, OffenceCategory.Other]);
        var order = new Order
        {
            Type = type,
            StartDate = start,
            LengthMonths = length,
            EndDate = OrderTerms.EndDate(start, length),
            Court = random.ArrayElement(Courts),
            MainOffence = offence,
        };

        if (type is OrderType.CommunityOrder or OrderType.SuspendedSentenceOrder)
        {
            if (random.Bool(0.6f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.RehabilitationActivity, RarDays = random.ArrayElement([10, 15, 20, 25, 30, 40, 60]) });
            }

            if (random.Bool(0.35f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.UnpaidWork, UnpaidWorkHours = random.Number(4, 30) * 10 });
            }

            if (domesticAbuse && random.Bool(0.3f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.AccreditedProgramme, Programme = AccreditedProgramme.BuildingBetterRelationships, LengthMonths = 12 });
            }
            else if (offence == OffenceCategory.MotoringDrinkDriving && random.Bool(0.5f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.AccreditedProgramme, Programme = AccreditedProgramme.DrinkImpairedDrivers });
            }
            else if (offence == OffenceCategory.Violence && random.Bool(0.2f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.AccreditedProgramme, Programme = AccreditedProgramme.Resolve });
            }
            else if (random.Bool(0.05f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.AccreditedProgramme, Programme = AccreditedProgramme.ThinkingSkillsProgramme });
            }

            if (random.Bool(0.08f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.AlcoholTreatment, LengthMonths = 6 });
            }

            if (random.Bool(0.06f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.DrugRehabilitation, LengthMonths = 6 });
            }

            if (random.Bool(0.04f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.MentalHealthTreatment, LengthMonths = 6 });
            }

            if (random.Bool(0.08f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.Curfew, LengthMonths = random.Number(1, 6) });
            }

            if (domesticAbuse && random.Bool(0.1f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.Exclusion, LengthMonths = 12 });
            }

            if (random.Bool(0.02f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.ProhibitedActivity, LengthMonths = 12 });
            }

            if (random.Bool(0.02f))
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.Residence, LengthMonths = 6 });
            }

            if (order.Requirements.Count == 0)
            {
                order.Requirements.Add(new Requirement { Type = RequirementType.RehabilitationActivity, RarDays = 20 });
            }
        }

        return order;
    }

    private static void AddTraining(StaffMember member, Randomizer random, DateOnly today, bool always = false)
    {
        // The report: some staff lack the knowledge and skills for domestic abuse and child
        // safeguarding work. Most probation officers hold both; many services officers do not.
        var po = member.Grade is StaffGrade.ProbationOfficer or StaffGrade.TeamManager;
        if (always || random.Bool(po ? 0.85f : 0.45f))
        {
            member.Training.Add(new TrainingRecord { Area = CompetenceArea.DomesticAbuse, Course = "Domestic abuse: risk assessment and safety planning", CompletedOn = today.AddDays(-random.Number(30, 900)) });
        }

        if (always || random.Bool(po ? 0.8f : 0.4f))
        {
            var done = today.AddDays(-random.Number(30, 1200));
            member.Training.Add(new TrainingRecord { Area = CompetenceArea.ChildSafeguarding, Course = "Safeguarding children (level 3)", CompletedOn = done, ExpiresOn = done.AddYears(3) });
        }

        if (po && random.Bool(0.3f))
        {
            member.Training.Add(new TrainingRecord { Area = CompetenceArea.SexualOffending, Course = "Working with people convicted of sexual offences", CompletedOn = today.AddDays(-random.Number(30, 1500)) });
        }

        if (random.Bool(0.3f))
        {
            member.Training.Add(new TrainingRecord { Area = CompetenceArea.MentalHealth, Course = "Mental health awareness", CompletedOn = today.AddDays(-random.Number(30, 1500)) });
        }
    }

    /// <summary>Splits a whole number across shares so the parts add up to it exactly (largest remainder).</summary>
    internal static int[] Apportion(int total, double[] shares)
    {
        var sum = shares.Sum();
        var exact = shares.Select(s => total * s / sum).ToArray();
        var parts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - parts.Sum();
        foreach (var i in exact.Select((e, i) => (Rem: e - Math.Floor(e), i)).OrderByDescending(x => x.Rem).ThenBy(x => x.i).Take(left).Select(x => x.i))
        {
            parts[i]++;
        }

        return parts;
    }
}
