using System.Data.Common;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Application.Demo;

/// <summary>
/// A supervision history to date for every allocated demo case: assessment, agency checks, plan,
/// contacts with outcomes and decisions, enforcement, significant events, reviews and referrals. The
/// records stand for practice before this product, so they vary the way the report found it: most
/// people are engaged well, but only about a third of plans and reviews deal properly with risk of
/// harm, and police checks are often requested but rarely refreshed. That is deliberate, so the safety
/// net and the oversight pages have something true to show. Every record is otherwise valid: dated in
/// the past, not before the order started, and with its required words.
/// </summary>
public static class DemoHistory
{
    /// <summary>The report's three stories (section 2), on the demo probation officer's caseload.</summary>
    public static readonly Crn Craig = Crn.Parse("D900001");

    public static readonly Crn Martin = Crn.Parse("D900002");
    public static readonly Crn Donna = Crn.Parse("D900003");

    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    /// <summary>Writes the history of every allocated case; cases waiting for allocation have none yet.</summary>
    internal static void Write(IEnumerable<DemoPerson> people, IReadOnlyList<Site> sites, DateOnly today, int seed, DemoDepth? depth = null)
    {
        // A stream of its own, so adding history leaves the caseload generated before it exactly as it was.
        var random = new Randomizer(seed + 1);
        var hubs = sites.Where(s => s.Kind == SiteKind.CommunityHub && s.Team is not null)
            .GroupBy(s => s.Team!).ToDictionary(g => g.Key, g => g.ToList());
        var centres = sites.Where(s => s.Kind == SiteKind.DistrictCentre && s.Team is not null).ToDictionary(s => s.Team!);
        Randomizer? earlier = null;
        foreach (var p in people)
        {
            if (p.Officer is null || p.Person.AllocatedOn is null || p.Person.Orders.Count == 0)
            {
                continue;
            }

            if (depth is not null)
            {
                // A stream of its own again, so the longer histories leave the demo's draws as they were.
                earlier ??= new Randomizer(seed + 2);
                var current = p.Person.Orders[0];
                if (current.Type is OrderType.CommunityOrder or OrderType.SuspendedSentenceOrder
                    && current.Requirements.All(r => r.Type != RequirementType.UnpaidWork)
                    && earlier.Double() < (depth.UnpaidWorkShare - 0.35) / 0.65)
                {
                    current.Requirements.Add(new Requirement { Type = RequirementType.UnpaidWork, UnpaidWorkHours = earlier.Number(4, 30) * 10 });
                }
            }

            var history = new CaseHistory(p.Person, p.Officer, random, today, centres.GetValueOrDefault(p.Area), hubs.GetValueOrDefault(p.Area) ?? [])
            {
                WholeOrder = depth?.WholeOrder ?? false,
            };
            history.WriteTypical();
            if (depth is { PreviousOrders: > 0 } && earlier is not null)
            {
                var count = (int)depth.PreviousOrders + (earlier.Double() < depth.PreviousOrders % 1 ? 1 : 0);
                for (var k = 0; k < count; k++)
                {
                    history.WritePreviousOrder(earlier);
                }
            }
        }
    }

    /// <summary>
    /// Craig, Martin and Donna as the report tells them, allocated to the demo probation officer. Their
    /// dates count back from today, so the alerts they raise hold on whatever day the demo is loaded.
    /// </summary>
    internal static IReadOnlyList<DemoPerson> Stories(Provider provider, Team team, StaffMember officer, Site office, DateOnly today) =>
    [
        new(StoryCraig(provider, officer, office, today), team, officer, []),
        new(StoryMartin(provider, officer, office, today), team, officer, []),
        new(StoryDonna(provider, officer, office, today), team, officer, []),
    ];

    /// <summary>One case's supervision records, taken off the case so they can be written in bulk after it.</summary>
    internal sealed record Records(
        PersonOnProbation Person,
        List<Assessment> Assessments,
        List<AgencyCheck> Checks,
        SentencePlan? Plan,
        List<Contact> Contacts,
        List<EnforcementAction> Enforcement,
        List<SignificantEvent> Events,
        List<Review> Reviews,
        List<Referral> Referrals,
        List<AlertExceptionEntry> Exceptions);

    /// <summary>
    /// Takes the supervision records off a case before the case is added, so that change tracking does
    /// not write them one statement at a time; <see cref="SaveAsync"/> writes them once the case has its key.
    /// </summary>
    internal static Records Detach(PersonOnProbation person)
    {
        var records = new Records(person, person.Assessments, person.AgencyChecks, person.Plan, person.Contacts, person.EnforcementActions,
            person.SignificantEvents, person.Reviews, person.Referrals, person.AlertExceptions);
        person.Assessments = [];
        person.AgencyChecks = [];
        person.Plan = null;
        person.Contacts = [];
        person.EnforcementActions = [];
        person.SignificantEvents = [];
        person.Reviews = [];
        person.Referrals = [];
        person.AlertExceptions = [];
        return records;
    }

    /// <summary>
    /// Writes detached supervision records for cases already saved (so the case, its requirements and the
    /// sites have keys), inside the caller's transaction. Table by table, parents first, so each row has
    /// the key of the row it points at; tables, columns and value conversions come from the EF model.
    /// Change tracking took several times as long for these 300,000 rows (on SQLite it sends every row
    /// as a statement of its own, reading back every key).
    /// </summary>
    internal static async Task SaveAsync(ProbationDbContext db, IReadOnlyList<Records> cases, CancellationToken ct)
    {
        async Task Write<T>(IEnumerable<T> rows, bool readKeys = false)
            where T : class
        {
            await using var writer = new TableWriter<T>(db);
            await writer.InsertAsync(rows.ToList(), readKeys, ct);
        }

        foreach (var c in cases)
        {
            var id = c.Person.Id;
            c.Assessments.ForEach(x => x.PersonId = id);
            c.Checks.ForEach(x => x.PersonId = id);
            c.Plan?.PersonId = id;
            c.Contacts.ForEach(x => x.PersonId = id);
            c.Enforcement.ForEach(x => x.PersonId = id);
            c.Events.ForEach(x => x.PersonId = id);
            c.Reviews.ForEach(x => x.PersonId = id);
            c.Referrals.ForEach(x => x.PersonId = id);
            c.Exceptions.ForEach(x => x.PersonId = id);
        }

        var assessments = cases.SelectMany(c => c.Assessments).ToList();
        await Write(assessments, readKeys: true);
        assessments.ForEach(a => a.Needs.ForEach(n => n.AssessmentId = a.Id));
        await Write(assessments.SelectMany(a => a.Needs));
        await Write(cases.SelectMany(c => c.Checks));

        var plans = cases.Select(c => c.Plan).OfType<SentencePlan>().ToList();
        await Write(plans, readKeys: true);
        foreach (var plan in plans)
        {
            plan.Objectives.ForEach(o => o.PlanId = plan.Id);
            plan.Schedule.ForEach(s => (s.PlanId, s.RequirementId) = (plan.Id, s.Requirement?.Id ?? s.RequirementId));
        }

        await Write(plans.SelectMany(p => p.Objectives), readKeys: true);
        await Write(plans.SelectMany(p => p.Schedule));

        // Only the failures that enforcement points at need their keys read back.
        var contacts = cases.SelectMany(c => c.Contacts).ToList();
        contacts.ForEach(x => (x.SiteId, x.RequirementId) = (x.Site?.Id ?? x.SiteId, x.Requirement?.Id ?? x.RequirementId));
        var enforced = cases.SelectMany(c => c.Enforcement).Select(e => e.Contact).OfType<Contact>().ToHashSet();
        await Write(contacts.Where(enforced.Contains), readKeys: true);
        await Write(contacts.Where(x => !enforced.Contains(x)));
        var enforcement = cases.SelectMany(c => c.Enforcement).ToList();
        enforcement.ForEach(x => x.ContactId = x.Contact?.Id ?? x.ContactId);
        await Write(enforcement);

        var events = cases.SelectMany(c => c.Events).ToList();
        var triggers = cases.SelectMany(c => c.Reviews).Select(r => r.TriggeredBy).OfType<SignificantEvent>().ToHashSet();
        await Write(events.Where(triggers.Contains), readKeys: true);
        await Write(events.Where(x => !triggers.Contains(x)));

        var reviews = cases.SelectMany(c => c.Reviews).ToList();
        reviews.ForEach(r => r.TriggeredByEventId = r.TriggeredBy?.Id ?? r.TriggeredByEventId);
        await Write(reviews, readKeys: true);
        reviews.ForEach(r => r.Progress.ForEach(p => (p.ReviewId, p.ObjectiveId) = (r.Id, p.Objective?.Id ?? p.ObjectiveId)));
        await Write(reviews.SelectMany(r => r.Progress));
        await Write(cases.SelectMany(c => c.Referrals));
        await Write(cases.SelectMany(c => c.Exceptions));
    }

    /// <summary>Inserts rows of one entity type, reading back generated keys where other rows point at them.</summary>
    private sealed class TableWriter<T> : IAsyncDisposable
        where T : class
    {
        // A server database is sent statements in batches, one round trip each; SQLite runs in-process and
        // has no batches, and there one command reused for every row costs least.
        private const int BatchSize = 500;

        private readonly DbConnection _connection;
        private readonly DbTransaction? _transaction;
        private readonly (string Name, IClrPropertyGetter Get, RelationalTypeMapping Mapping, bool Nullable)[] _columns;
        private readonly IProperty _key;
        private readonly string _insert;
        private readonly string _insertReturningKey;
        private readonly DbCommand _command;

        public TableWriter(ProbationDbContext db)
        {
            var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            _key = type.FindPrimaryKey()!.Properties.Single();
            var properties = type.GetProperties().Where(p => p != _key).ToList();
            if (properties.Any(p => p.IsShadowProperty()))
            {
                // A shadow property has no value on the object to write: the model has moved on from this writer.
                throw new InvalidOperationException($"{typeof(T).Name} has shadow properties the demo writer cannot fill.");
            }

            _columns = properties.Select((p, i) => ($"@p{i}", p.GetGetter(), p.GetRelationalTypeMapping(), p.IsNullable)).ToArray();
            var sql = db.GetService<ISqlGenerationHelper>();
            _insert =
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
                $"VALUES ({string.Join(", ", _columns.Select(c => c.Name))})";
            _insertReturningKey = $"{_insert} RETURNING {sql.DelimitIdentifier(_key.GetColumnName(table)!)}";
            _connection = db.Database.GetDbConnection();
            _transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            _command = _connection.CreateCommand();
            _command.Transaction = _transaction;
        }

        public async Task InsertAsync(IReadOnlyList<T> rows, bool readKeys, CancellationToken ct)
        {
            if (_connection.CanCreateBatch)
            {
                foreach (var chunk in rows.Chunk(BatchSize))
                {
                    await InsertBatchAsync(chunk, readKeys, ct);
                }

                return;
            }

            // Synchronous on purpose: SQLite has no asynchronous I/O, and a task per row costs more than the insert.
            _command.CommandText = readKeys ? _insertReturningKey : _insert;
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                _command.Parameters.Clear();
                AddParameters(_command.Parameters, row);
                if (readKeys)
                {
                    SetKey(row, _command.ExecuteScalar());
                }
                else
                {
                    _command.ExecuteNonQuery();
                }
            }
        }

        private async Task InsertBatchAsync(T[] rows, bool readKeys, CancellationToken ct)
        {
            await using var batch = _connection.CreateBatch();
            batch.Transaction = _transaction;
            foreach (var row in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = readKeys ? _insertReturningKey : _insert;
                AddParameters(command.Parameters, row);
                batch.BatchCommands.Add(command);
            }

            if (!readKeys)
            {
                await batch.ExecuteNonQueryAsync(ct);
                return;
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var row in rows)
            {
                if (!await reader.ReadAsync(ct))
                {
                    throw new InvalidOperationException($"No key came back for a {typeof(T).Name}.");
                }

                SetKey(row, reader.GetValue(0));
                await reader.NextResultAsync(ct);
            }
        }

        private void AddParameters(DbParameterCollection parameters, T row)
        {
            // Each parameter is made by its property's type mapping, with its value converter, as EF makes it.
            foreach (var (name, get, mapping, nullable) in _columns)
            {
                parameters.Add(mapping.CreateParameter(_command, name, get.GetClrValue(row), nullable));
            }
        }

        private void SetKey(T row, object? value) =>
            _key.PropertyInfo!.SetValue(row, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }

    private static DateOnly OnOrBefore(DateOnly day)
    {
        while (!Calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    private static DateOnly Wd(DateOnly from, int workingDays) => Calendar.AddWorkingDays(from, workingDays);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    // ---- The report's stories ------------------------------------------------------------------

    private static PersonOnProbation StoryPerson(
        Provider provider, Crn crn, string first, string last, Gender gender, int age, DateOnly today, Address address, RiskProfile risk, Order order)
    {
        var person = new PersonOnProbation
        {
            Crn = crn,
            FirstName = first,
            LastName = last,
            DateOfBirth = today.AddYears(-age).AddDays(-123),
            Gender = gender,
            Ethnicity = "White British",
            Disability = false,
            Religion = "No religion",
            SexualOrientation = "Heterosexual",
            Provider = provider,
            CreatedAtUtc = order.StartDate.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
            Risk = risk,
            AllocatedOn = order.StartDate,
            ReceivedOn = order.StartDate,
            Source = Domain.Allocation.CaseSource.Court,
        };
        person.Addresses.Add(new AddressRecord { Address = address, From = order.StartDate.AddYears(-2) });
        person.Orders.Add(order);
        return person;
    }

    private static Order StoryOrder(OrderType type, DateOnly start, int months, OffenceCategory offence, params Requirement[] requirements)
    {
        var order = new Order
        {
            Type = type,
            StartDate = start,
            LengthMonths = months,
            EndDate = OrderTerms.EndDate(start, months),
            Court = "Teesside Magistrates' Court",
            MainOffence = offence,
        };
        order.Requirements.AddRange(requirements);
        return order;
    }

    /// <summary>
    /// Craig: "The initial assessment was late ... The plan failed to include any measures to monitor or
    /// address domestic abuse ... Being drunk and 'sleeping in' had been accepted as reasons for missing
    /// appointments. No review had been done, despite a significant event where his partner went into hospital."
    /// </summary>
    private static PersonOnProbation StoryCraig(Provider provider, StaffMember officer, Site office, DateOnly today)
    {
        var start = OnOrBefore(today.AddDays(-240));
        var rar = new Requirement { Type = RequirementType.RehabilitationActivity, RarDays = 20 };
        var drugs = new Requirement { Type = RequirementType.DrugRehabilitation, LengthMonths = 6 };
        var order = StoryOrder(OrderType.SuspendedSentenceOrder, start, 18, OffenceCategory.Acquisitive, rar, drugs);
        var person = StoryPerson(provider, Craig, "Craig", "Whitfield", Gender.Male, 29, today,
            new Address { Line1 = "14 Hartburn Avenue", Town = "Stockton-on-Tees", Postcode = "TS18 4HA" },
            new RiskProfile { Rosh = RoshLevel.Medium, RiskToKnownAdult = true, Ogrs = OgrsScore.From(68) }, order);
        person.Registrations.Add(new Registration { Type = RegistrationType.DomesticAbuse, StartedOn = start.AddYears(-1) });

        var h = new CaseHistory(person, officer, null, today, office, []);
        var assessed = Wd(start, 32); // late: the standard is 15 working days
        person.Risk.AssessedOn = assessed;
        h.Assessment(start, assessed, new Dictionary<Need, (NeedSeverity, bool Offending, bool Harm)>
        {
            [Need.Drugs] = (NeedSeverity.SignificantProblems, true, false),
            [Need.Alcohol] = (NeedSeverity.SignificantProblems, true, true),
            [Need.Relationships] = (NeedSeverity.SignificantProblems, false, true),
            [Need.EducationTrainingEmployment] = (NeedSeverity.SignificantProblems, true, false),
            [Need.Finance] = (NeedSeverity.SomeProblems, true, false),
            [Need.Lifestyle] = (NeedSeverity.SomeProblems, true, false),
        }, offence: "Theft of meat and alcohol from a supermarket, to sell on for money for drugs. Six similar thefts in the last year.",
            whoIsAtRisk: "His partner: there have been police call-outs to the home for domestic abuse.");

        var planned = Wd(assessed, 3);
        var plan = h.Plan(planned, "Read through with Craig in the office; he signed it.", contingency: null, daMeasures: null, childMeasures: null);
        h.Objective(plan, "Attend all appointments as directed", ObjectiveLinks.Engagement, order.EndDate.AddMonths(-1), CopiedFrom.Template);
        h.Objective(plan, "Craig to reduce his drug use, keeping every appointment with the drug service", ObjectiveLinks.Drugs, planned.AddMonths(6), null);
        h.Objective(plan, "Complete the RAR days", ObjectiveLinks.ThinkingAndBehaviour, order.EndDate.AddMonths(-2), CopiedFrom.Template);
        h.Schedule(plan, rar, planned.AddDays(7), order.EndDate.AddMonths(-3), "One RAR session a fortnight at the office");

        h.Contact(start, ContactKind.Office, ContactOutcome.AttendedAndComplied, office, notes: "Induction: order explained.");
        var excuses = new Dictionary<int, (ContactOutcome Outcome, string Reason)>
        {
            [2] = (ContactOutcome.FailedToAttend, "Rang in the afternoon: he had been 'sleeping in'. Accepted."),
            [5] = (ContactOutcome.SentHome, "Arrived drunk and was sent home. Accepted as he said it would not happen again."),
            [7] = (ContactOutcome.FailedToAttend, "Said he had been sleeping in after a late night. Accepted."),
        };
        var i = 0;
        for (var d = OnOrBefore(today.AddDays(-150)); d <= today.AddDays(-3); d = OnOrBefore(d.AddDays(14)), i++)
        {
            if (excuses.TryGetValue(i, out var excuse))
            {
                var missed = h.Contact(d, ContactKind.Office, excuse.Outcome, office);
                h.Decide(missed, AbsenceDecision.Acceptable, excuse.Reason, d);
            }
            else
            {
                h.Contact(d, ContactKind.Office, ContactOutcome.AttendedAndComplied, office, i % 2 == 0 ? rar : null);
            }
        }

        // A scheduled review before the partner's admission, and none since.
        h.Review(ReviewKind.Scheduled, OnOrBefore(today.AddDays(-95)), null, "Still using; thefts stopped according to police.", "No change.", adjusted: false, otherAgencies: null);
        h.Event(OnOrBefore(today.AddDays(-60)), SignificantEventKind.HospitalAdmissionOfPartnerOrChild,
            "Craig said his partner had been admitted to hospital after a fall at home. Not explored further.");
        h.Referral(Wd(planned, 2), ReferralService.SubstanceMisuse, "Drug service assessment for the drug rehabilitation requirement.", ReferralOutcome.Accepted, Wd(planned, 12));
        return person;
    }

    /// <summary>
    /// Martin: "Domestic abuse was not addressed in the sentence plan and the risk management plan is
    /// sparse ... a curfew was imposed. This was breached by Martin many times, but not enforced ... No
    /// review was done ... There have been numerous breaches of non-molestation order since release."
    /// </summary>
    private static PersonOnProbation StoryMartin(Provider provider, StaffMember officer, Site office, DateOnly today)
    {
        var start = OnOrBefore(today.AddDays(-215));
        var curfew = new Requirement { Type = RequirementType.Curfew, LengthMonths = 4 };
        var rar = new Requirement { Type = RequirementType.RehabilitationActivity, RarDays = 15 };
        var order = StoryOrder(OrderType.CommunityOrder, start, 12, OffenceCategory.MotoringDrinkDriving, curfew, rar);
        var person = StoryPerson(provider, Martin, "Martin", "Readhead", Gender.Male, 36, today,
            new Address { Line1 = "3 Mandale Road", Town = "Thornaby", Postcode = "TS17 6JP" },
            new RiskProfile { Rosh = RoshLevel.Medium, RiskToKnownAdult = true, RiskToChildren = true, Ogrs = OgrsScore.From(57) }, order);
        person.Registrations.Add(new Registration { Type = RegistrationType.DomesticAbuse, StartedOn = start.AddMonths(-7) });
        person.Registrations.Add(new Registration { Type = RegistrationType.ChildProtection, StartedOn = start.AddMonths(-3) });

        var h = new CaseHistory(person, officer, null, today, office, []);
        var assessed = Wd(start, 12);
        person.Risk.AssessedOn = assessed;
        h.Assessment(start, assessed, new Dictionary<Need, (NeedSeverity, bool Offending, bool Harm)>
        {
            [Need.Alcohol] = (NeedSeverity.SignificantProblems, true, true),
            [Need.Relationships] = (NeedSeverity.SignificantProblems, false, true),
            [Need.ThinkingAndBehaviour] = (NeedSeverity.SignificantProblems, true, true),
            [Need.Lifestyle] = (NeedSeverity.SomeProblems, true, false),
            [Need.EducationTrainingEmployment] = (NeedSeverity.SomeProblems, false, false),
        }, offence: "Driving with excess alcohol while disqualified, twice the limit, with his children in the car.",
            whoIsAtRisk: "His former partner and their two children: police call-outs to the family home; a non-molestation order is in force.");
        h.Check(AgencyCheckKind.PoliceDomesticAbuse, Wd(start, 2), Wd(start, 9), "Four call-outs to the family home in two years; the children were present at two.");

        var planned = Wd(assessed, 4);
        var plan = h.Plan(planned, "Discussed with Martin in the office; he agreed it.", contingency: null, daMeasures: null, childMeasures: null,
            restrictive: "Electronically monitored curfew, 7pm to 7am, for four months.");
        h.Objective(plan, "Comply with the requirements of the order", ObjectiveLinks.Engagement, order.EndDate.AddMonths(-1), CopiedFrom.Template);
        h.Objective(plan, "Martin to stop drinking before driving and complete alcohol work in his RAR sessions", ObjectiveLinks.Alcohol, planned.AddMonths(5), null);
        h.Schedule(plan, rar, planned.AddDays(7), order.EndDate.AddMonths(-2), "Fortnightly RAR sessions at the office");

        h.Contact(start, ContactKind.Office, ContactOutcome.AttendedAndComplied, office, notes: "Induction: order and curfew explained.");
        h.Contact(Wd(start, 20), ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied, notes: "Curfew address checked.");

        // Curfew violations reported by the monitoring service and never decided.
        foreach (var days in new[] { 35, 49, 63 })
        {
            h.Event(Wd(start, days), SignificantEventKind.MonitoringViolation, "Monitoring service: away from the curfew address from 23:10 to 02:40.");
        }

        var arrested = OnOrBefore(today.AddDays(-110));
        var released = OnOrBefore(today.AddDays(-80));
        h.Review(ReviewKind.Scheduled, OnOrBefore(today.AddDays(-140)), null, "Says he has stopped drinking.", "No change.", adjusted: false, otherAgencies: null);
        h.Event(arrested, SignificantEventKind.NewOffenceOrArrest, "Arrested for assaulting his former partner; remanded in custody.");
        h.Event(released, SignificantEventKind.ReleaseFromCustody, "Released on bail when his former partner withdrew her statement.");
        h.Event(OnOrBefore(today.AddDays(-55)), SignificantEventKind.NonMolestationOrderBreach, "Police: went to his former partner's address in breach of the non-molestation order.");
        h.Event(OnOrBefore(today.AddDays(-30)), SignificantEventKind.NonMolestationOrderBreach, "Police: sent his former partner repeated messages in breach of the non-molestation order.");

        var i = 0;
        for (var d = Wd(start, 10); d <= today.AddDays(-3); d = OnOrBefore(d.AddDays(14)), i++)
        {
            if (d < arrested || d > released)
            {
                h.Contact(d, ContactKind.Office, ContactOutcome.AttendedAndComplied, office, i % 2 == 0 ? rar : null);
            }
        }

        return person;
    }

    /// <summary>
    /// Donna: "Regular home visits helped to gain the trust of Donna ... The officer was mindful of risk
    /// issues and regularly liaised with agencies to exchange information." Nothing is owed on her case.
    /// </summary>
    private static PersonOnProbation StoryDonna(Provider provider, StaffMember officer, Site office, DateOnly today)
    {
        var start = OnOrBefore(today.AddDays(-200));
        var rar = new Requirement { Type = RequirementType.RehabilitationActivity, RarDays = 25 };
        var drugs = new Requirement { Type = RequirementType.DrugRehabilitation, LengthMonths = 6 };
        var order = StoryOrder(OrderType.CommunityOrder, start, 12, OffenceCategory.Drugs, rar, drugs);
        var person = StoryPerson(provider, Donna, "Donna", "Kettlewell", Gender.Female, 31, today,
            new Address { Line1 = "27 Marsh House Avenue", Town = "Billingham", Postcode = "TS23 3QD" },
            new RiskProfile { Rosh = RoshLevel.Medium, RiskToChildren = true, Ogrs = OgrsScore.From(44) }, order);
        person.Registrations.Add(new Registration { Type = RegistrationType.ChildProtection, StartedOn = start.AddMonths(-2) });

        var h = new CaseHistory(person, officer, null, today, office, []);
        h.Check(AgencyCheckKind.ChildrensServices, Wd(start, 1), Wd(start, 5), "Child protection plan for both children; social worker named and contact details shared.");
        h.Check(AgencyCheckKind.PoliceDomesticAbuse, Wd(start, 1), Wd(start, 6), "No call-outs recorded at the current address.");
        var assessed = Wd(start, 9);
        person.Risk.AssessedOn = assessed;
        h.Assessment(start, assessed, new Dictionary<Need, (NeedSeverity, bool Offending, bool Harm)>
        {
            [Need.Drugs] = (NeedSeverity.SignificantProblems, true, true),
            [Need.EmotionalWellbeing] = (NeedSeverity.SignificantProblems, true, false),
            [Need.Relationships] = (NeedSeverity.SomeProblems, false, false),
            [Need.Accommodation] = (NeedSeverity.SomeProblems, false, false),
            [Need.Finance] = (NeedSeverity.SomeProblems, true, false),
        }, offence: "Possession of heroin with intent to supply, holding it for a dealer to clear a debt.",
            whoIsAtRisk: "Her two children, through neglect when she is using; both are on child protection plans.");

        var planned = Wd(assessed, 3);
        var plan = h.Plan(planned, "Written with Donna at home in her words; she chose to start with the drug work.",
            contingency: "If Donna misses an appointment or the social worker raises a concern: a home visit within two working days and a review within five.",
            daMeasures: null,
            childMeasures: "Monthly contact with the children's social worker; attend core group meetings; home visits to see the children's living conditions.",
            otherAgencies: "Children's services; drug service; women's centre.");
        h.Objective(plan, "Donna to stay off heroin, keeping every drug service appointment and providing clean tests", ObjectiveLinks.Drugs | ObjectiveLinks.ChildSafeguarding, planned.AddMonths(6), null);
        h.Objective(plan, "Donna to see her GP about low mood and take up counselling at the women's centre", ObjectiveLinks.EmotionalWellbeing, planned.AddMonths(4), null);
        h.Objective(plan, "Donna to work with the social worker on the child protection plan so the children stay at home", ObjectiveLinks.ChildSafeguarding | ObjectiveLinks.Relationships, planned.AddMonths(8), null);
        h.Schedule(plan, rar, planned.AddDays(5), order.EndDate.AddMonths(-2), "Weekly RAR session at the women's centre");

        h.Contact(start, ContactKind.Office, ContactOutcome.AttendedAndComplied, office, notes: "Induction: order explained.");
        for (var d = Wd(start, 6); d <= today.AddDays(-14); d = Wd(d.AddDays(42), 0))
        {
            h.Contact(d, ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied, notes: "Seen at home with the children; home warm and clean.");
        }

        var i = 0;
        for (var d = OnOrBefore(today.AddDays(-170)); d <= today.AddDays(-3); d = OnOrBefore(d.AddDays(14)), i++)
        {
            if (i == 4)
            {
                var missed = h.Contact(d, ContactKind.Office, ContactOutcome.FailedToAttend, office);
                h.Decide(missed, AbsenceDecision.Acceptable, "Rang before the appointment: her son was ill. School confirmed; rebooked for the next day.", d);
            }
            else
            {
                h.Contact(d, ContactKind.Office, ContactOutcome.AttendedAndComplied, office, i % 2 == 0 ? rar : null);
            }
        }

        var contactChange = h.Event(OnOrBefore(today.AddDays(-120)), SignificantEventKind.ChildContactChange, "The children's father has started unsupervised contact at weekends.");
        h.Review(ReviewKind.Triggered, Wd(contactChange.On, 3), contactChange, "No further offending; clean tests.",
            "Checked with the social worker: contact arrangements agreed by children's services; no change to risk.", adjusted: false,
            otherAgencies: "Children's social worker.");
        h.Review(ReviewKind.Scheduled, OnOrBefore(today.AddDays(-80)), null, "Clean tests for three months.", "Risk to the children reduced; plan continues.", adjusted: true,
            otherAgencies: "Drug service key worker; children's social worker.");
        var referral = h.Event(OnOrBefore(today.AddDays(-50)), SignificantEventKind.SafeguardingReferral, "School referred a bruise on her daughter to children's services.");
        h.Check(AgencyCheckKind.ChildrensServices, Wd(referral.On, 1), Wd(referral.On, 4), "Strategy discussion held: bruise explained by a fall at school; no further action.");
        h.Check(AgencyCheckKind.PoliceDomesticAbuse, Wd(referral.On, 1), Wd(referral.On, 5), "No call-outs recorded.");
        h.Review(ReviewKind.Triggered, Wd(referral.On, 4), referral, "No further offending.",
            "Strategy discussion outcome shared by the social worker; no change to risk; home visits continue.", adjusted: false,
            otherAgencies: "Children's services strategy discussion; police.");
        h.Referral(Wd(planned, 1), ReferralService.WomensCentre, "Counselling and a weekly women's group.", ReferralOutcome.Accepted, Wd(planned, 8));
        h.Referral(Wd(planned, 1), ReferralService.SubstanceMisuse, "Drug service for the drug rehabilitation requirement.", ReferralOutcome.Accepted, Wd(planned, 5));
        return person;
    }

    // ---- One case's history --------------------------------------------------------------------

    /// <summary>Builds the records of one case. With a random source it writes a typical history; the stories call its parts directly.</summary>
    private sealed class CaseHistory(PersonOnProbation person, StaffMember officer, Randomizer? random, DateOnly today, Site? office, List<Site> hubs)
    {
        private readonly Order _order = person.Orders.OrderByDescending(o => o.StartDate).First();
        private readonly string _by = officer.FullName;
        private Randomizer R => random ?? throw new InvalidOperationException("A typical history needs a random source.");

        private DateOnly Start => Max(person.AllocatedOn ?? _order.StartDate, _order.StartDate);

        /// <summary>Records stop at today, or at the end of the order if it has ended.</summary>
        private DateOnly End => Min(today, _order.EndDate);

        /// <summary>Contacts over the whole order rather than its last four to six months (the bulk scales' longer histories).</summary>
        public bool WholeOrder { get; init; }

        /// <summary>
        /// An order the person finished before the current one (the bulk scales' longer histories): a community
        /// order or licence of one to two years that ended a few months to two years before the current one
        /// began, with fortnightly contacts to its end, mostly kept, the few absences decided as the officer
        /// decided them then. None of it is current, so it raises no alert today.
        /// </summary>
        public void WritePreviousOrder(Randomizer r)
        {
            var first = person.Orders.Min(o => o.StartDate);
            var end = OnOrBefore(first.AddDays(-r.Number(60, 720)));
            var type = r.Double() < 0.6 ? OrderType.CommunityOrder : r.Double() < 0.5 ? OrderType.SuspendedSentenceOrder : OrderType.Licence;
            var months = r.ArrayElement([12, 12, 18, 24]);
            var start = end.AddMonths(-months);
            var rar = new Requirement { Type = RequirementType.RehabilitationActivity, RarDays = r.ArrayElement([10, 15, 20, 30]) };
            var order = new Order
            {
                Type = type,
                StartDate = start,
                LengthMonths = months,
                EndDate = end,
                Court = _order.Court,
                MainOffence = r.ArrayElement([OffenceCategory.Acquisitive, OffenceCategory.Violence, OffenceCategory.Drugs, OffenceCategory.PublicOrder, OffenceCategory.CriminalDamage]),
                Requirements = type == OrderType.Licence ? [] : [rar],
            };
            person.Orders.Add(order);
            var requirement = type == OrderType.Licence ? null : rar;
            Contact(Wd(start, 1), ContactKind.Office, ContactOutcome.AttendedAndComplied, office, notes: "Induction: order, expectations and complaints procedure explained.");
            for (var d = start.AddDays(14); ; d = d.AddDays(14 + r.Number(-2, 2)))
            {
                var day = Wd(d, 0);
                if (day > end)
                {
                    break;
                }

                var roll = r.Double();
                var outcome = roll < 0.06 ? ContactOutcome.FailedToAttend : roll < 0.08 ? ContactOutcome.Rescheduled : ContactOutcome.AttendedAndComplied;
                var kind = r.Double() < 0.1 ? ContactKind.Phone : ContactKind.Office;
                var contact = Contact(day, kind, outcome, kind == ContactKind.Office ? office : null, kind == ContactKind.Office && r.Bool(0.4f) ? requirement : null,
                    at: new TimeOnly(r.Number(9, 15), r.Bool() ? 0 : 30));
                if (outcome == ContactOutcome.FailedToAttend)
                {
                    var acceptable = r.Bool(0.6f);
                    Decide(contact, acceptable ? AbsenceDecision.Acceptable : AbsenceDecision.Unacceptable,
                        acceptable ? r.ArrayElement(Texts.GoodReasons) : r.ArrayElement(Texts.UnacceptableAbsences), Min(Wd(day, r.Number(0, 2)), end));
                }
            }
        }

        public void WriteTypical()
        {
            var start = Start;
            var end = End;
            var da = person.Registrations.Any(r => r.Type == RegistrationType.DomesticAbuse && r.IsActive(end));
            var child = person.Registrations.Any(r => r.Type == RegistrationType.ChildProtection && r.IsActive(end)) || person.Risk.RiskToChildren;
            var custody = _order.Type == OrderType.Custody;

            // Practice on this case: whether plans and reviews deal properly with risk of harm (about a
            // third, the report found), and how well the person keeps to the order (most do).
            var riskWell = R.Bool(0.35f);
            var complies = R.Bool(0.75f);

            // Assessment: mostly on time (15 working days), about one in eight late, a few still drafts.
            var late = R.Bool(0.125f);
            DateOnly? assessed = Wd(start, late ? R.Number(16, 35) : R.Number(4, 15));
            if (assessed > end || R.Bool(0.015f))
            {
                assessed = null;
            }

            var assessment = TypicalAssessment(start, assessed, da, child);
            TypicalChecks(start, end, da, child);

            SentencePlan? plan = null;
            if (assessed is { } done && !R.Bool(0.06f))
            {
                var planned = Wd(done, R.Number(0, 8));
                if (planned <= end)
                {
                    plan = TypicalPlan(planned, assessment, da, child, riskWell);
                }
            }

            TypicalContacts(start, end, da || child, custody, complies);
            TypicalEnforcement(end);
            TypicalEventsAndReviews(start, end, da, child, riskWell, plan);
            TypicalReferrals(plan?.CompletedOn ?? start, end, assessment);
        }

        // ---- Records, as the stories and the typical history both write them ----

        public Assessment Assessment(DateOnly started, DateOnly? completed, IReadOnlyDictionary<Need, (NeedSeverity Severity, bool Offending, bool Harm)> needs, string offence, string? whoIsAtRisk)
        {
            var risk = person.Risk;
            var a = new Assessment
            {
                Kind = AssessmentKind.Initial,
                StartedOn = started,
                CompletedOn = completed,
                AssessedBy = _by,
                CurrentOffence = offence,
                PreviousConvictionsReviewed = true,
                PatternsOfOffending = Pick(Texts.Patterns, started),
                Rosh = risk.Rosh,
                RoshReasons = risk.Rosh is { } rosh ? Texts.RoshReasons[(int)rosh] : null,
                WhoIsAtRisk = whoIsAtRisk,
                RiskToChildren = risk.RiskToChildren,
                RiskToKnownAdult = risk.RiskToKnownAdult,
                RiskToPublic = risk.RiskToPublic,
                RiskToStaff = risk.RiskToStaff,
            };

            // A draft has the offence and the needs, and not yet the rest.
            if (completed is not null)
            {
                a.Strengths = Pick(Texts.Strengths, started);
                a.DiversityAndCircumstances = Pick(Texts.Circumstances, started);
                a.Motivation = Pick(Texts.Motivation, started);
                a.PersonsViews = Pick(Texts.PersonsViews, started);
                a.InformationSources = Texts.Sources;
            }

            foreach (var need in Enum.GetValues<Need>())
            {
                var (severity, offending, harm) = needs.TryGetValue(need, out var rated) ? rated : (NeedSeverity.NoProblems, false, false);
                a.Needs.Add(new AssessedNeed { Need = need, Severity = severity, LinkedToOffending = offending, LinkedToHarm = harm });
            }

            person.Assessments.Add(a);
            return a;
        }

        public AgencyCheck Check(AgencyCheckKind kind, DateOnly requested, DateOnly? answered, string summary)
        {
            var check = new AgencyCheck
            {
                Kind = kind,
                RequestedOn = requested,
                AnsweredOn = answered,
                Summary = answered is null ? null : summary,
                RecordedBy = _by,
            };
            person.AgencyChecks.Add(check);
            return check;
        }

        public SentencePlan Plan(
            DateOnly on, string involvement, string? contingency, string? daMeasures, string? childMeasures,
            string? restrictive = null, string? otherAgencies = null, string? victimSafety = null)
        {
            var high = person.Risk.Rosh is RoshLevel.High or RoshLevel.VeryHigh;
            var plan = new SentencePlan
            {
                CompletedOn = on,
                LastRevisedOn = on,
                WrittenBy = _by,
                PersonsInvolvement = involvement,
                ContactsPerMonth = high ? 4 : 2,
                ContactPattern = high ? "Weekly, at the office or a community hub" : "Fortnightly, at the office or a community hub",
                ConstructiveInterventions = Constructive(),
                RestrictiveInterventions = restrictive,
                ContingencyArrangements = contingency,
                OtherAgencies = otherAgencies,
                VictimSafety = victimSafety,
                DomesticAbuseMeasures = daMeasures,
                ChildSafeguardingMeasures = childMeasures,
            };
            person.Plan = plan;
            return plan;
        }

        public PlanObjective Objective(SentencePlan plan, string text, ObjectiveLinks links, DateOnly target, CopiedFrom? copied)
        {
            var objective = new PlanObjective
            {
                Text = text,
                NormalisedText = SupervisionRules.Normalise(text),
                Links = links,
                Priority = plan.Objectives.Count + 1,
                TargetDate = Min(Max(target, plan.CompletedOn), _order.EndDate),
                Copied = copied,
            };
            plan.Objectives.Add(objective);
            return objective;
        }

        public void Schedule(SentencePlan plan, Requirement requirement, DateOnly starts, DateOnly completeBy, string pattern)
        {
            var from = Min(starts, _order.EndDate);
            plan.Schedule.Add(new ScheduledRequirement
            {
                Requirement = requirement,
                Type = requirement.Type,
                StartsOn = from,
                CompleteBy = Min(Max(completeBy, from), _order.EndDate),
                Pattern = pattern,
            });
        }

        public Contact Contact(DateOnly on, ContactKind kind, ContactOutcome outcome, Site? site = null, Requirement? requirement = null, string? notes = null, TimeOnly? at = null)
        {
            var starts = at ?? new TimeOnly(kind == ContactKind.HomeVisit ? 11 : 10, 0);
            var contact = new Contact
            {
                On = on,
                StartsAt = starts,
                EndsAt = starts.AddMinutes(kind == ContactKind.HomeVisit ? 60 : 45),
                Kind = kind,
                Site = site,
                Requirement = requirement,
                Outcome = outcome,
                Notes = notes,
                RecordedBy = _by,
            };
            person.Contacts.Add(contact);
            return contact;
        }

        public void Decide(Contact contact, AbsenceDecision decision, string reason, DateOnly on)
        {
            contact.Decision = decision;
            contact.DecisionReason = reason;
            contact.DecidedOn = on;
        }

        public EnforcementAction Enforce(DateOnly on, EnforcementKind kind, Contact? contact, string notes)
        {
            var action = new EnforcementAction { On = on, Kind = kind, Contact = contact, Notes = notes, RecordedBy = _by };
            person.EnforcementActions.Add(action);
            return action;
        }

        public SignificantEvent Event(DateOnly on, SignificantEventKind kind, string description, DateOnly? actionedOn = null, string? actionTaken = null)
        {
            var e = new SignificantEvent { On = on, Kind = kind, Description = description, ActionedOn = actionedOn, ActionTaken = actionTaken, RecordedBy = _by };
            person.SignificantEvents.Add(e);
            return e;
        }

        public Review Review(ReviewKind kind, DateOnly on, SignificantEvent? trigger, string offending, string risk, bool adjusted, string? otherAgencies)
        {
            var review = new Review
            {
                Kind = kind,
                CompletedOn = on,
                TriggeredBy = trigger,
                OffendingFactorChanges = offending,
                RiskFactorChanges = risk,
                PersonsInvolvement = Pick(Texts.ReviewInvolvement, on),
                OtherAgencyInput = otherAgencies,
                PlanAdjusted = adjusted,
                WhyPlanNotAdjusted = adjusted ? null : "Objectives still relevant; progress steady.",
                ReviewedBy = _by,
            };
            foreach (var o in person.Plan?.Objectives ?? [])
            {
                review.Progress.Add(new ObjectiveProgress { Objective = o, ObjectiveText = o.Text, Progress = Pick(Texts.Progress, on.AddDays(o.Priority)) });
            }

            if (adjusted && person.Plan is { } plan && on > plan.LastRevisedOn)
            {
                plan.LastRevisedOn = on;
            }

            person.Reviews.Add(review);
            return review;
        }

        public void Referral(DateOnly on, ReferralService service, string detail, ReferralOutcome outcome, DateOnly? outcomeOn) =>
            person.Referrals.Add(new Referral { On = on, Service = service, Detail = detail, Outcome = outcome, OutcomeOn = outcomeOn, RecordedBy = _by });

        // ---- The typical history ----

        private Assessment TypicalAssessment(DateOnly start, DateOnly? completed, bool da, bool child)
        {
            var offence = _order.MainOffence;
            var needs = new Dictionary<Need, (NeedSeverity, bool, bool)>();
            var harmful = da || child || person.Risk.Rosh is RoshLevel.High or RoshLevel.VeryHigh;
            foreach (var need in Enum.GetValues<Need>())
            {
                var drives = Texts.Drives(offence, need) || (da && need is Need.Relationships or Need.Alcohol or Need.Attitudes);
                var roll = R.Double();
                var severity = roll < (drives ? 0.55 : 0.12) ? NeedSeverity.SignificantProblems
                    : roll < (drives ? 0.90 : 0.40) ? NeedSeverity.SomeProblems
                    : NeedSeverity.NoProblems;
                var problem = severity != NeedSeverity.NoProblems;
                var offending = problem && R.Bool(drives ? 0.85f : 0.35f);
                var harm = problem && harmful && need is Need.Relationships or Need.Alcohol or Need.Drugs or Need.ThinkingAndBehaviour or Need.Attitudes or Need.EmotionalWellbeing && R.Bool(0.5f);
                needs[need] = (severity, offending, harm);
            }

            return Assessment(start, completed, needs, Texts.Offence(offence), WhoIsAtRisk());
        }

        private string? WhoIsAtRisk()
        {
            var risk = person.Risk;
            if (risk.Rosh is null or RoshLevel.Low)
            {
                return null;
            }

            var who = new List<string>();
            if (risk.RiskToKnownAdult)
            {
                who.Add("a known adult (a current or former partner)");
            }

            if (risk.RiskToChildren)
            {
                who.Add("children in the household");
            }

            if (risk.RiskToPublic || who.Count == 0)
            {
                who.Add("members of the public");
            }

            if (risk.RiskToStaff)
            {
                who.Add("staff");
            }

            var text = string.Join(", ", who) + ": physical and emotional harm.";
            return char.ToUpperInvariant(text[0]) + text[1..];
        }

        private void TypicalChecks(DateOnly start, DateOnly end, bool da, bool child)
        {
            // Police call-out information: asked for in most domestic abuse cases, refreshed within six months in few.
            if (da && R.Bool(0.75f))
            {
                var asked = Wd(start, R.Bool(0.8f) ? R.Number(0, 5) : R.Number(6, 20));
                if (asked <= end)
                {
                    var answered = Answered(asked, R.Number(2, 12), end);
                    Check(AgencyCheckKind.PoliceDomesticAbuse, asked, answered, R.ArrayElement(Texts.PoliceSummaries));
                    if (answered is { } a && R.Bool(0.2f))
                    {
                        var again = OnOrBefore(a.AddDays(R.Number(90, 175)));
                        if (again <= end)
                        {
                            Check(AgencyCheckKind.PoliceDomesticAbuse, again, Answered(again, R.Number(2, 10), end), R.ArrayElement(Texts.PoliceSummaries));
                        }
                    }
                }
            }

            // Children's services: asked in about half the cases where a child is at risk.
            if (child && R.Bool(0.5f))
            {
                var asked = Wd(start, R.Number(0, 8));
                if (asked <= end)
                {
                    Check(AgencyCheckKind.ChildrensServices, asked, Answered(asked, R.Number(3, 15), end), R.ArrayElement(Texts.ChildrensSummaries));
                }
            }
        }

        private static DateOnly? Answered(DateOnly asked, int workingDays, DateOnly end)
        {
            var answered = Wd(asked, workingDays);
            return answered <= end ? answered : null;
        }

        private SentencePlan TypicalPlan(DateOnly planned, Assessment assessment, bool da, bool child, bool riskWell)
        {
            var name = person.FirstName;
            var medium = person.Risk.Rosh is RoshLevel.Medium or RoshLevel.High or RoshLevel.VeryHigh;
            var plan = Plan(
                planned,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, R.ArrayElement(Texts.PlanInvolvement), name),
                contingency: R.Bool(medium ? 0.27f : 0.15f) ? R.ArrayElement(Texts.Contingency) : null,
                daMeasures: da && riskWell ? R.ArrayElement(Texts.DomesticAbuseMeasures) : null,
                childMeasures: child && riskWell ? R.ArrayElement(Texts.ChildMeasures) : null,
                restrictive: Restrictive(),
                otherAgencies: OtherAgencies(da, child, riskWell),
                victimSafety: da && (riskWell || R.Bool(0.3f)) ? Texts.VictimSafety : null);

            var count = R.Number(2, 4);
            var problems = assessment.Needs.Where(n => n.Severity != NeedSeverity.NoProblems)
                .OrderByDescending(n => n.Severity).ThenByDescending(n => n.LinkedToOffending).Select(n => n.Need).ToList();
            var used = new HashSet<string>();
            if (da && riskWell)
            {
                var links = ObjectiveLinks.DomesticAbuse | ObjectiveLinks.Relationships | (child ? ObjectiveLinks.ChildSafeguarding : ObjectiveLinks.None);
                Objective(plan, $"{name} to complete work on healthy relationships and the effect of abuse on a partner and children", links, Target(planned), null);
            }

            while (plan.Objectives.Count < count)
            {
                // About one objective in four is standard wording rather than written for the person.
                if (R.Bool(0.25f))
                {
                    var template = R.ArrayElement(Texts.Templates);
                    if (used.Add(template.Text))
                    {
                        Objective(plan, template.Text, template.Links, Target(planned), CopiedFrom.Template);
                    }

                    continue;
                }

                if (problems.Count > 0)
                {
                    var need = problems[0];
                    problems.RemoveAt(0);
                    var links = (ObjectiveLinks)(1 << (int)need);
                    if (da && need == Need.Relationships)
                    {
                        links |= ObjectiveLinks.DomesticAbuse;
                    }

                    Objective(plan, string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.NeedObjectives[(int)need], name), links, Target(planned), null);
                }
                else if (used.Add("engagement"))
                {
                    Objective(plan, $"{name} to keep to the agreed reporting pattern and say early if work or childcare clashes with an appointment", ObjectiveLinks.Engagement, Target(planned), null);
                }
                else
                {
                    break;
                }
            }

            // RAR, unpaid work and programmes are scheduled in most plans, not all.
            if (R.Bool(0.75f))
            {
                foreach (var r in _order.Requirements.Where(r => r.Type is RequirementType.RehabilitationActivity or RequirementType.UnpaidWork or RequirementType.AccreditedProgramme))
                {
                    var starts = Min(planned.AddDays(R.Number(3, 21)), End);
                    var months = r.Type == RequirementType.AccreditedProgramme ? 6 : r.Type == RequirementType.UnpaidWork ? 9 : 8;
                    Schedule(plan, r, starts, starts.AddMonths(months), Texts.Pattern(r));
                }
            }

            return plan;
        }

        private DateOnly Target(DateOnly planned) => planned.AddDays(R.Number(60, 300));

        private string? Constructive()
        {
            var parts = _order.Requirements.Select(r => r.Type switch
            {
                RequirementType.RehabilitationActivity => "rehabilitation activity sessions",
                RequirementType.UnpaidWork => "unpaid work placement",
                RequirementType.AccreditedProgramme => r.Programme switch
                {
                    AccreditedProgramme.BuildingBetterRelationships => "Building Better Relationships programme",
                    AccreditedProgramme.Resolve => "Resolve programme",
                    AccreditedProgramme.DrinkImpairedDrivers => "drink impaired drivers programme",
                    _ => "Thinking Skills Programme",
                },
                RequirementType.AlcoholTreatment => "alcohol treatment",
                RequirementType.DrugRehabilitation => "drug rehabilitation with the drug service",
                RequirementType.MentalHealthTreatment => "mental health treatment",
                _ => null,
            }).OfType<string>().Distinct().ToList();
            if (parts.Count == 0)
            {
                return null;
            }

            var text = string.Join("; ", parts) + ".";
            return char.ToUpperInvariant(text[0]) + text[1..];
        }

        private string? Restrictive()
        {
            var parts = _order.Requirements.Select(r => r.Type switch
            {
                RequirementType.Curfew => "electronically monitored curfew",
                RequirementType.Exclusion => "exclusion zone around the victim's address",
                RequirementType.ProhibitedActivity => "prohibited activity requirement",
                RequirementType.Residence => "residence requirement",
                _ => null,
            }).OfType<string>().Distinct().ToList();
            if (parts.Count == 0)
            {
                return null;
            }

            var text = string.Join("; ", parts) + ".";
            return char.ToUpperInvariant(text[0]) + text[1..];
        }

        private string? OtherAgencies(bool da, bool child, bool riskWell)
        {
            var parts = new List<string>();
            if (da && riskWell)
            {
                parts.Add("Police domestic abuse unit");
            }

            if (child && riskWell)
            {
                parts.Add("Children's services");
            }

            if (_order.Requirements.Any(r => r.Type is RequirementType.DrugRehabilitation or RequirementType.AlcoholTreatment))
            {
                parts.Add("Drug and alcohol service");
            }

            return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
        }

        private void TypicalContacts(DateOnly start, DateOnly end, bool homeVisits, bool custody, bool complies)
        {
            var high = person.Risk.Rosh is RoshLevel.High or RoshLevel.VeryHigh;
            var woman = person.Gender == Gender.Female;
            var hub = hubs.Count == 0 ? null : hubs[R.Number(0, hubs.Count - 1)];
            var rar = _order.Requirements.FirstOrDefault(r => r.Type == RequirementType.RehabilitationActivity);

            // Induction on the day of allocation; then about the last four to six months only, which is
            // what the pages look at and keeps the demo quick to load.
            Contact(Wd(start, 0) <= end ? Wd(start, 0) : start, custody ? ContactKind.Video : ContactKind.Office, ContactOutcome.AttendedAndComplied, custody ? null : office,
                notes: custody ? "Induction by video link from prison." : "Induction: order, expectations and complaints procedure explained.");
            var from = Max(start.AddDays(14), end.AddDays(-R.Number(120, 180)));
            if (WholeOrder)
            {
                from = start.AddDays(14);
            }

            var interval = custody ? 28 : high ? 7 : 14;
            for (var d = from; ; d = d.AddDays(interval + R.Number(-2, 2)))
            {
                var day = Wd(d, 0);
                if (day > end)
                {
                    break;
                }

                if (custody)
                {
                    Contact(day, ContactKind.Video, ContactOutcome.AttendedAndComplied, notes: "Through the Gate: resettlement plan discussed by video link.");
                    continue;
                }

                var outcome = Outcome(complies);
                var kindRoll = R.Double();
                Contact contact;
                if (kindRoll < 0.1)
                {
                    contact = Contact(day, ContactKind.Phone, outcome, at: new TimeOnly(R.Number(9, 15), 0));
                }
                else if (hub is not null && kindRoll < (office is null ? 0.8 : 0.4) && HubSlot(hub, day, end, woman) is { } slot)
                {
                    contact = Contact(slot.Day, ContactKind.CommunityHub, outcome, hub, rar is not null && R.Bool(0.4f) ? rar : null, at: slot.Starts);
                }
                else
                {
                    contact = Contact(day, ContactKind.Office, outcome, office, rar is not null && R.Bool(0.4f) ? rar : null, at: new TimeOnly(R.Number(9, 15), R.Bool() ? 0 : 30));
                }

                if (ContactOutcomes.NeedsDecision(outcome))
                {
                    TypicalDecision(contact);
                }
            }

            // Home visits where domestic abuse or a child at risk is flagged: in about two cases in three.
            if (homeVisits && !custody && R.Bool(0.67f))
            {
                var first = Wd(start, R.Number(5, 25));
                if (first <= end && first < from)
                {
                    Contact(first, ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied, notes: R.ArrayElement(Texts.HomeVisitNotes), at: new TimeOnly(R.Number(10, 15), 0));
                }

                for (var d = from.AddDays(R.Number(0, 30)); ; d = d.AddDays(R.Number(42, 100)))
                {
                    var day = Wd(d, 0);
                    if (day > end)
                    {
                        break;
                    }

                    Contact(day, ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied, notes: R.ArrayElement(Texts.HomeVisitNotes), at: new TimeOnly(R.Number(10, 15), 0));
                }
            }
        }

        private ContactOutcome Outcome(bool complies)
        {
            var roll = R.Double();
            var failure = complies ? 0.05 : 0.30;
            if (roll < failure)
            {
                var kind = R.Double();
                return kind < 0.8 ? ContactOutcome.FailedToAttend : kind < 0.92 ? ContactOutcome.AttendedNotComplied : ContactOutcome.SentHome;
            }

            return roll < failure + 0.03 ? ContactOutcome.Rescheduled : ContactOutcome.AttendedAndComplied;
        }

        private void TypicalDecision(Contact contact)
        {
            // Only a recent failure may still be waiting for the officer's decision.
            var recent = Wd(contact.On, 5) > today;
            if (recent && R.Bool(0.5f))
            {
                return;
            }

            // Most decisions are made within two working days; some take longer.
            var decided = Min(Wd(contact.On, R.Bool(0.8f) ? R.Number(0, 2) : R.Number(3, 12)), End);
            decided = Max(decided, contact.On);
            if (R.Bool(0.5f))
            {
                // Acceptable: mostly for good reason, sometimes (the report) for reasons that should not have been accepted.
                Decide(contact, AbsenceDecision.Acceptable, R.Bool(0.7f) ? R.ArrayElement(Texts.GoodReasons) : R.ArrayElement(Texts.PoorReasons), decided);
            }
            else
            {
                Decide(contact, AbsenceDecision.Unacceptable, contact.Outcome == ContactOutcome.FailedToAttend ? R.ArrayElement(Texts.UnacceptableAbsences) : Texts.UnacceptableConduct, decided);
            }
        }

        private void TypicalEnforcement(DateOnly end)
        {
            var failures = person.Contacts.Where(c => c.Decision == AbsenceDecision.Unacceptable).OrderBy(c => c.On).ToList();
            var threshold = EnforcementRules.Threshold(_order.Type);
            var licence = _order.Type is OrderType.Licence or OrderType.PostSentenceSupervision;
            foreach (var failure in failures)
            {
                var inWindow = failures.Count(f => f.On <= failure.On && failure.On.DayNumber - f.On.DayNumber < EnforcementRules.WindowDays);
                var on = Min(Wd(failure.DecidedOn!.Value, R.Number(0, 3)), end);
                if (inWindow < threshold)
                {
                    Enforce(on, EnforcementKind.Warning, failure, licence ? Texts.LicenceWarning : Texts.OrderWarning);
                    continue;
                }

                // At the threshold: breach or recall in about two cases in three; otherwise another
                // warning, where a breach decision was owed (the report: enforcement not taken).
                if (!R.Bool(0.67f))
                {
                    Enforce(on, EnforcementKind.Warning, failure, "Final warning given.");
                    continue;
                }

                Enforce(on, licence ? EnforcementKind.RecallRequested : EnforcementKind.BreachInitiated, failure,
                    licence ? "Recall requested: licence conditions not kept and contact lost." : $"Breach proceedings started: failure {inWindow} within 12 months.");
                var next = Wd(on, R.Number(3, 10));
                if (next <= end)
                {
                    if (licence)
                    {
                        Enforce(next, EnforcementKind.RecallOutcome, failure, "Fixed-term recall of 14 days; released back to supervision.");
                    }
                    else
                    {
                        Enforce(next, EnforcementKind.LaidBeforeCourt, failure, "Breach laid before the magistrates' court.");
                    }
                }

                var reEngage = Wd(on, R.Number(5, 20));
                if (reEngage <= end)
                {
                    Enforce(reEngage, EnforcementKind.ReEngagement, failure, Texts.ReEngagement);
                }
            }
        }

        private void TypicalEventsAndReviews(DateOnly start, DateOnly end, bool da, bool child, bool riskWell, SentencePlan? plan)
        {
            var relevant = da || child;
            var curfew = _order.Requirements.Any(r => r.Type == RequirementType.Curfew);
            var span = end.DayNumber - start.DayNumber;
            var events = new List<SignificantEvent>();
            if (span > 21 && R.Bool(0.3f))
            {
                var kinds = new List<SignificantEventKind> { SignificantEventKind.NewOffenceOrArrest, SignificantEventKind.ChangeOfAddressOrHousehold, SignificantEventKind.RelationshipChange };
                if (da)
                {
                    kinds.AddRange([SignificantEventKind.PoliceDomesticAbuseCallOut, SignificantEventKind.PoliceDomesticAbuseCallOut, SignificantEventKind.NonMolestationOrderBreach]);
                }

                if (child)
                {
                    kinds.AddRange([SignificantEventKind.ChildContactChange, SignificantEventKind.SafeguardingReferral, SignificantEventKind.HospitalAdmissionOfPartnerOrChild]);
                }

                if (curfew)
                {
                    kinds.AddRange([SignificantEventKind.MonitoringViolation, SignificantEventKind.MonitoringViolation]);
                }

                var count = R.Number(1, 2);
                for (var i = 0; i < count; i++)
                {
                    var on = OnOrBefore(start.AddDays(R.Number(14, span)));
                    var kind = R.ListItem(kinds);
                    if (kind == SignificantEventKind.MonitoringViolation)
                    {
                        // Most violations are decided the next working day; some are left.
                        var actioned = R.Bool(0.75f) ? Wd(on, R.Number(0, 1)) : (DateOnly?)null;
                        events.Add(Event(on, kind, Texts.EventDescription(kind), actioned <= end ? actioned : null, actioned <= end ? "Warning given for the curfew violation." : null));
                    }
                    else
                    {
                        events.Add(Event(on, kind, Texts.EventDescription(kind)));
                    }
                }
            }

            // A review after an event in a bit under half of them.
            foreach (var e in events.Where(e => e.Kind != SignificantEventKind.MonitoringViolation).OrderBy(e => e.On))
            {
                var on = Wd(e.On, R.Number(1, 10));
                if (on <= end && R.Bool(0.45f))
                {
                    e.ActionedOn = on;
                    e.ActionTaken = "Review of risk and of the plan.";
                    TypicalReview(ReviewKind.Triggered, on, e, relevant, riskWell);
                }
            }

            // Scheduled reviews about every 16 weeks in about three cases in five.
            if (plan is not null && R.Bool(0.6f))
            {
                for (var on = plan.CompletedOn.AddDays(7 * R.Number(13, 17)); ; on = on.AddDays(7 * R.Number(13, 18)))
                {
                    var day = OnOrBefore(on);
                    if (day > end)
                    {
                        break;
                    }

                    TypicalReview(ReviewKind.Scheduled, day, null, relevant, riskWell);
                }
            }
        }

        private void TypicalReview(ReviewKind kind, DateOnly on, SignificantEvent? trigger, bool relevant, bool riskWell)
        {
            // Where harm to a partner or child is in question, only about a third of reviews deal with it properly.
            var properly = relevant && riskWell;
            Review(kind, on, trigger, R.ArrayElement(Texts.OffendingChanges),
                properly ? R.ArrayElement(Texts.RiskChangesProperly) : R.ArrayElement(Texts.RiskChangesGeneric),
                adjusted: R.Bool(0.4f),
                otherAgencies: properly ? R.ArrayElement(Texts.OtherAgencyInput) : null);
        }

        private void TypicalReferrals(DateOnly from, DateOnly end, Assessment assessment)
        {
            bool Significant(Need n) => assessment.Needs.Any(x => x.Need == n && x.Severity == NeedSeverity.SignificantProblems);
            var referrals = new List<(ReferralService Service, string Detail)>();
            if (Significant(Need.Accommodation) && R.Bool(0.5f))
            {
                referrals.Add((ReferralService.Housing, "Housing options team: help with a tenancy application."));
            }

            if ((Significant(Need.Drugs) || Significant(Need.Alcohol)) && R.Bool(0.4f))
            {
                referrals.Add((ReferralService.SubstanceMisuse, "Drug and alcohol service assessment."));
            }

            if (person.Gender == Gender.Female && R.Bool(0.6f))
            {
                referrals.Add((ReferralService.WomensCentre, "Women's centre: one-to-one support and a weekly group."));
            }

            if (_order.Requirements.Any(r => r.Type == RequirementType.RehabilitationActivity) && R.Bool(0.3f))
            {
                referrals.Add((ReferralService.CitizenshipModule, R.ArrayElement(Texts.CitizenshipModules)));
            }

            foreach (var (service, detail) in referrals)
            {
                var on = Wd(from, R.Number(0, 30));
                if (on > end)
                {
                    continue;
                }

                var outcomeOn = Wd(on, R.Number(5, 40));
                if (outcomeOn > end)
                {
                    Referral(on, service, detail, ReferralOutcome.Awaiting, null);
                }
                else
                {
                    var roll = R.Double();
                    var outcome = roll < 0.5 ? ReferralOutcome.Accepted : roll < 0.75 ? ReferralOutcome.Completed : roll < 0.9 ? ReferralOutcome.DidNotEngage : ReferralOutcome.Declined;
                    Referral(on, service, detail, outcome, outcomeOn);
                }
            }
        }

        /// <summary>A hub appointment inside one of the hub's opening sessions, on a day the premises are rented, within the week.</summary>
        private (DateOnly Day, TimeOnly Starts)? HubSlot(Site hub, DateOnly near, DateOnly end, bool woman)
        {
            for (var day = near; day <= end && day <= near.AddDays(6); day = day.AddDays(1))
            {
                if (!Calendar.IsWorkingDay(day))
                {
                    continue;
                }

                foreach (var session in hub.OpeningSessions)
                {
                    if (session.Day != day.DayOfWeek || (session.WomenOnly && !woman))
                    {
                        continue;
                    }

                    var starts = session.Opens.AddMinutes(30 * R.Number(0, 3));
                    if (SupervisionRules.HubSlot(day, starts, starts.AddMinutes(45), hub, hub.OpeningSessions, hub.RentalPeriods) is null)
                    {
                        return (day, starts);
                    }
                }
            }

            return null;
        }

        /// <summary>A text from a list that varies from case to case without another draw on the random stream.</summary>
        private string Pick(string[] texts, DateOnly on) =>
            texts[(int.Parse(person.Crn.Value.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) + on.DayNumber) % texts.Length];
    }

    /// <summary>The words of the records: short, plain, and in the register of a case file.</summary>
    private static class Texts
    {
        public static readonly string[] Patterns =
        [
            "Offending since their teens, mostly when drinking; gaps when in work.",
            "Previous convictions for similar offences; offending rises when money is short.",
            "First conviction in some years; earlier offences were for violence when drunk.",
            "A long record of low-level offending linked to drug use.",
        ];

        public static readonly string[] Strengths =
        [
            "Close to their mother, who is a positive influence; wants to work.",
            "Has kept a tenancy for two years; has a supportive friend.",
            "Motivated by their children; has worked in the past.",
            "Engaged well with an earlier order; good literacy.",
        ];

        public static readonly string[] Circumstances =
        [
            "Lives alone in rented accommodation; no disability declared.",
            "Lives with a partner and two children; dyslexia, needs written material read through.",
            "Staying with family; has depression, treated by the GP.",
            "Lives with a parent; works shifts, so appointments are arranged around them.",
        ];

        public static readonly string[] Motivation =
        [
            "Says they want to stop offending and is ready to work on it.",
            "Ambivalent: accepts the offence but not that anything needs to change.",
            "Motivated to complete the order quickly and keep their job.",
        ];

        public static readonly string[] PersonsViews =
        [
            "\"I just want to get it done and get on with my life.\"",
            "\"I know the drink is the problem.\"",
            "\"I need help with housing more than anything.\"",
            "\"I didn't think it was that serious at the time.\"",
        ];

        public const string Sources = "Pre-sentence report; Police National Computer; Crown Prosecution Service papers; interview.";

        public static readonly string[] RoshReasons =
        [
            "No current indicators of risk of serious harm; the offending is without violence.",
            "There are identifiable indicators of risk of serious harm; harm is unlikely unless circumstances change, for example a relapse into drinking or a relationship breaking down.",
            "There are identifiable indicators of risk of serious harm; the harm could happen at any time and its impact would be serious.",
            "There is an imminent risk of serious harm; the harm is more likely than not to happen soon and its impact would be serious.",
        ];

        public static readonly string[] PoliceSummaries =
        [
            "Three call-outs to the home in the last 12 months; no charges.",
            "One call-out two years ago; no further incidents recorded.",
            "No call-outs recorded at the current address.",
            "Five call-outs involving a former partner; a non-molestation order was made last year.",
        ];

        public static readonly string[] ChildrensSummaries =
        [
            "Children known to children's services: child in need plan in place.",
            "Child protection plan in place; social worker named and contact details shared.",
            "Case closed to children's services last year; no current involvement.",
            "Earlier referral closed with no further action; no current involvement.",
        ];

        public static readonly string[] PlanInvolvement =
        [
            "Plan written with {0} in supervision; {0} chose the order of the objectives.",
            "Discussed and agreed with {0} in the office; {0} signed the plan.",
            "Drafted by the officer and read through with {0}, who agreed it.",
            "Written in {0}'s own words at a home visit.",
        ];

        public static readonly string[] Contingency =
        [
            "If contact is lost or drinking relapses: a home visit within two working days, police informed, and breach considered.",
            "If risk rises (a new relationship, a police call-out, missed appointments): a review within five working days and weekly reporting.",
        ];

        public static readonly string[] DomesticAbuseMeasures =
        [
            "Police call-out information refreshed every six months; home visits every six weeks; partner's safety checked with the independent domestic violence adviser.",
            "Relationships and any new partner discussed at every appointment; police domestic abuse unit consulted on any call-out; unannounced home visits.",
        ];

        public static readonly string[] ChildMeasures =
        [
            "Monthly contact with the children's social worker; attend core group meetings; home visits to see the children's living conditions.",
            "Share information with children's services on any change of address or household; attend child protection conferences.",
        ];

        public const string VictimSafety = "Victim liaison: the partner has the contact details of the independent domestic violence adviser.";

        public static readonly (string Text, ObjectiveLinks Links)[] Templates =
        [
            ("Attend all appointments as directed", ObjectiveLinks.Engagement),
            ("Comply with the requirements of the order", ObjectiveLinks.Engagement),
            ("Not to reoffend", ObjectiveLinks.ThinkingAndBehaviour),
            ("Address offending behaviour", ObjectiveLinks.ThinkingAndBehaviour),
            ("Engage with supervision", ObjectiveLinks.Engagement),
        ];

        /// <summary>An objective written for the person, for each need (indexed by <see cref="Need"/>).</summary>
        public static readonly string[] NeedObjectives =
        [
            "{0} to find settled accommodation, working with the housing options team on a tenancy application",
            "{0} to enrol on an employability course and apply for at least two jobs a month",
            "{0} to draw up a budget with the debt adviser and clear rent arrears by an agreed plan",
            "{0} to explore in supervision how conflict at home has led to offending, and agree how to handle disagreements safely",
            "{0} to spend less time with the friends they offended with, taking up the gym referral",
            "{0} to engage with the drug service, keep every key worker appointment and provide clean tests",
            "{0} to cut down drinking, keeping a drink diary and attending the alcohol service",
            "{0} to register with a GP and take up the mental health service's assessment",
            "{0} to complete the thinking skills sessions of the RAR and use the consequential thinking tools",
            "{0} to look at the views that excuse the offending and how the victim was affected",
        ];

        public static string Pattern(Requirement r) => r.Type switch
        {
            RequirementType.RehabilitationActivity => $"Up to {r.RarDays} RAR days: one session a fortnight at the office or a hub",
            RequirementType.UnpaidWork => $"{r.UnpaidWorkHours} hours of unpaid work: one seven-hour day a week",
            _ => "Weekly programme sessions, after a pre-programme meeting",
        };

        public static readonly string[] HomeVisitNotes =
        [
            "Seen at home; home conditions fine; no concerns.",
            "Seen at home with partner present; spoke with partner alone briefly.",
            "Unannounced visit; seen at home; children seen and well.",
        ];

        public static readonly string[] GoodReasons =
        [
            "GP fit note provided for the day.",
            "Rang before the appointment: child taken ill. Rebooked for the next day.",
            "At a job interview; letter from the employer seen.",
            "Hospital appointment; letter seen.",
            "Buses cancelled; rang in and came the next day.",
        ];

        /// <summary>Reasons the report found accepted that should not have been.</summary>
        public static readonly string[] PoorReasons =
        [
            "Said they had been sleeping in. Accepted.",
            "Had been drinking the night before and did not feel up to it. Accepted.",
            "Forgot the appointment. Accepted as a first time.",
        ];

        public static readonly string[] UnacceptableAbsences =
        [
            "No contact and no explanation given.",
            "Said they could not be bothered to come.",
            "Claimed illness but gave no evidence when asked.",
        ];

        public const string UnacceptableConduct = "Arrived under the influence and could not take part.";

        public const string OrderWarning = "Warning letter: a further unacceptable failure within 12 months will be returned to court.";

        public const string LicenceWarning = "Warning: a further failure will lead to recall being considered.";

        public const string ReEngagement = "Three-way meeting to re-engage after enforcement; weekly reporting agreed for a month.";

        public static string EventDescription(SignificantEventKind kind) => kind switch
        {
            SignificantEventKind.NewOffenceOrArrest => "Arrested for shoplifting; released under investigation.",
            SignificantEventKind.PoliceDomesticAbuseCallOut => "Police called to the home after an argument with their partner; no arrest.",
            SignificantEventKind.ChangeOfAddressOrHousehold => "Moved to a new address with a friend.",
            SignificantEventKind.RelationshipChange => "Started a new relationship.",
            SignificantEventKind.ChildContactChange => "Contact with their children has changed after a family court hearing.",
            SignificantEventKind.HospitalAdmissionOfPartnerOrChild => "Their partner was admitted to hospital.",
            SignificantEventKind.NonMolestationOrderBreach => "Police report contact with a former partner in breach of a non-molestation order.",
            SignificantEventKind.ReleaseFromCustody => "Released from custody.",
            SignificantEventKind.SafeguardingReferral => "School made a safeguarding referral about one of the children.",
            SignificantEventKind.MonitoringViolation => "Monitoring service: away from the curfew address overnight.",
            _ => "Significant event.",
        };

        public static readonly string[] OffendingChanges =
        [
            "No further offending; drug use reduced according to the key worker.",
            "Now in part-time work; drinking reduced.",
            "Housing still unsettled; no new offences.",
            "No new offences known; attending well.",
        ];

        public static readonly string[] RiskChangesProperly =
        [
            "Police call-out information refreshed: no new incidents. The children's social worker reports the children are safe; plan continues.",
            "New relationship disclosed: police consulted and the new partner's safety considered; home visits increased.",
        ];

        public static readonly string[] RiskChangesGeneric =
        [
            "No change to the risk of serious harm.",
            "Risk unchanged.",
            "No significant change.",
        ];

        public static readonly string[] OtherAgencyInput =
        [
            "Police domestic abuse unit and the children's social worker consulted.",
            "Information from the drug service and children's services.",
        ];

        public static readonly string[] ReviewInvolvement =
        [
            "Completed with the person in supervision; their views recorded.",
            "Discussed at a home visit; they said the plan was helping.",
            "Self-assessment completed before the review and discussed.",
        ];

        public static readonly string[] Progress =
        [
            "Good progress: attending and engaged.",
            "Some progress; more work needed.",
            "Little progress; to be revisited at the next appointment.",
            "Achieved.",
        ];

        public static readonly string[] CitizenshipModules =
        [
            "Citizenship module: managing money.",
            "Citizenship module: alcohol awareness.",
            "Citizenship module: thinking and behaviour.",
        ];

        public static string Offence(OffenceCategory offence) => offence switch
        {
            OffenceCategory.Violence => "Assault occasioning actual bodily harm on a man outside a pub after an argument; both had been drinking.",
            OffenceCategory.DomesticAbuseRelated => "Assault by beating on a partner at home during an argument about money; the children were in the house.",
            OffenceCategory.Sexual => "A sexual offence against an adult known to them; accepts the facts but minimises the harm caused.",
            OffenceCategory.Acquisitive => "Repeated thefts from shops, taking goods to sell on to pay for drugs.",
            OffenceCategory.Drugs => "Possession of class A drugs with intent to supply, holding them for a dealer to clear a debt.",
            OffenceCategory.MotoringDrinkDriving => "Driving with excess alcohol, over twice the limit, after a night out; no insurance.",
            OffenceCategory.PublicOrder => "Threatening behaviour in the town centre while drunk.",
            OffenceCategory.CriminalDamage => "Criminal damage to a neighbour's car and windows after a long-running dispute.",
            OffenceCategory.Fraud => "Benefit fraud over two years, not declaring a partner's earnings.",
            _ => "Breach of a court order and failing to surrender to bail.",
        };

        /// <summary>Whether a need usually drives this kind of offence, so it is rated more severe.</summary>
        public static bool Drives(OffenceCategory offence, Need need) => (offence, need) switch
        {
            (OffenceCategory.Acquisitive, Need.Drugs or Need.Finance or Need.Lifestyle) => true,
            (OffenceCategory.Drugs, Need.Drugs or Need.Lifestyle or Need.Finance) => true,
            (OffenceCategory.MotoringDrinkDriving, Need.Alcohol or Need.ThinkingAndBehaviour) => true,
            (OffenceCategory.Violence or OffenceCategory.PublicOrder, Need.Alcohol or Need.ThinkingAndBehaviour) => true,
            (OffenceCategory.DomesticAbuseRelated, Need.Relationships or Need.Attitudes or Need.Alcohol) => true,
            (OffenceCategory.Fraud, Need.Finance or Need.EducationTrainingEmployment) => true,
            (OffenceCategory.Sexual, Need.Attitudes or Need.Relationships) => true,
            (_, Need.EducationTrainingEmployment or Need.Accommodation) => true,
            _ => false,
        };
    }
}
