using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Cases;
using Probation.Application.Data;
using Probation.Application.Supervision;
using Probation.Application.UnpaidWork;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Documents;
using Probation.Domain.Organisation;
using Probation.Domain.Resettlement;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Documents;

/// <summary>A letter that can be made from the case as it stands: its kind, the record it would be made from, and a label.</summary>
public sealed record LetterChoice(string Kind, int? SourceId, string Label);

/// <summary>A letter issued and kept against the case.</summary>
public sealed record IssuedLetter(int Id, LetterKind Kind, string Title, AccessibleFormat Format, string ProducedBy, DateTime ProducedAtUtc);

/// <summary>An issued letter with its content.</summary>
public sealed record IssuedLetterContent(IssuedLetter Letter, string Html);

/// <summary>The letters page of a case: what has been issued, what can be made, and the person's accessible-format need.</summary>
public sealed record LettersView(
    string Crn, string Name, int Version, int Alerts, AccessibleFormat Format, bool MayProduce, bool MayReportBreach, bool MayExport,
    IReadOnlyList<LetterChoice> Choices, IReadOnlyList<IssuedLetter> Issued);

/// <summary>
/// Letters and reports made from a case record: appointment letters, first and final warning letters, the breach
/// report for court, the resettlement plan summary and the unpaid work hours statement. The content is read here;
/// the web layer renders it through each letter's Razor template. A preview is a read of the case (consulted); an
/// issued letter is kept with who produced it and recorded as a disclosure in the same transaction.
/// </summary>
public sealed class LetterQueries(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    public const string AppointmentKind = "appointment-letter";
    public const string WarningKind = "warning-letter";
    public const string BreachKind = "breach-report";
    public const string ResettlementKind = "resettlement-summary";
    public const string HoursKind = "hours-statement";

    /// <summary>The kinds a request may name, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<string> Kinds = [AppointmentKind, WarningKind, BreachKind, ResettlementKind, HoursKind];

    /// <summary>A first warning stands for twelve months: a further failure in that time is met by a final warning or breach.</summary>
    public const int WarningMonths = 12;

    private const string ProduceRefusal = "Only the responsible officer or staff of the team holding the case can produce its letters.";
    private const string BreachRefusal = "Only the responsible officer, or a probation officer, services officer or manager of the team holding the case, can write a breach report.";

    /// <summary>The letters page: issued letters, the letters that can be made now, and the person's format need.</summary>
    public async Task<Outcome<LettersView>> ViewAsync(string crnText, CancellationToken ct)
    {
        var (person, missing) = await LoadAsync(crnText, ct);
        if (person is null)
        {
            return new(missing!, null);
        }

        var viewer = request.Viewer;
        var today = clock.Today();
        var mayProduce = viewer.MayChange(person.TeamId, person.ResponsibleOfficerId);
        var mayReport = viewer.MayRecordRisk(person.TeamId, person.ResponsibleOfficerId);
        var custody = await CustodyAsync(person.Id, null, ct);
        var choices = mayProduce ? Choices(person, custody, today, mayReport) : [];
        var issued = await IssuedAsync(person.Id, ct);
        var status = await db.CaseStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == person.Id, ct);
        var alerts = status is not null && status.HoldsFor(person.Version, today) ? status.Alerts.Count : 0;
        await audit.RecordReadAsync(AuditAction.Consulted, "Letters of the case", [person.Crn], ct);
        return new(Outcome.Ok(), new LettersView(
            person.Crn.Value, person.FullName, person.Version, alerts, person.AccessibleFormat, mayProduce, mayReport, SubjectAccessExport.MayExport(viewer, person.TeamId),
            choices, issued));
    }

    /// <summary>The letter a kind and source make, for a user who may produce it. The read is audited as consulted.</summary>
    public async Task<Outcome<Letter>> PreviewAsync(string crnText, string kind, int? sourceId, string? proposal, CancellationToken ct)
    {
        var built = await BuildAsync(crnText, kind, sourceId, proposal, ct);
        if (built.Value is { } letter)
        {
            await audit.RecordReadAsync(AuditAction.Consulted, $"{Letters.Describe(letter.Kind)} previewed", [Crn.Parse(letter.Header.Crn)], ct);
        }

        return built;
    }

    /// <summary>
    /// Issues a letter: builds it again from the record as it stands now (never from content the client sends), renders
    /// it with <paramref name="render"/>, and keeps it with who produced it. The disclosure is recorded in the same
    /// transaction.
    /// </summary>
    public async Task<Outcome<IssuedLetter>> IssueAsync(string crnText, string kind, int? sourceId, string? proposal, Func<Letter, Task<string>> render, CancellationToken ct)
    {
        var built = await BuildAsync(crnText, kind, sourceId, proposal, ct);
        if (built.Value is not { } letter)
        {
            return new(built.Result, null);
        }

        var crn = Crn.Parse(letter.Header.Crn);
        var document = new CaseDocument
        {
            PersonId = letter.PersonId,
            Kind = letter.Kind,
            Title = Truncate(letter.Title, CaseDocument.TitleMaxLength),
            SourceId = letter.SourceId,
            Format = letter.Header.Format,
            Html = await render(letter),
            ProducedBy = request.Viewer.UserName,
            ProducedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.CaseDocuments.Add(document);
        audit.Add(AuditAction.Disclosed, $"{Letters.Describe(letter.Kind)} issued", [crn]);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok(), Issued(document));
    }

    /// <summary>An issued letter, for a user who may read the case. <paramref name="disclosed"/> says it leaves the service as a file.</summary>
    public async Task<Outcome<IssuedLetterContent>> IssuedAsync(string crnText, int id, bool disclosed, CancellationToken ct)
    {
        var (person, missing) = await LoadAsync(crnText, ct);
        if (person is null)
        {
            return new(missing!, null);
        }

        var document = await db.CaseDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PersonId == person.Id, ct);
        if (document is null)
        {
            return new(Outcome.Missing("letter"), null);
        }

        await audit.RecordReadAsync(
            disclosed ? AuditAction.Disclosed : AuditAction.Consulted,
            $"{Letters.Describe(document.Kind)} {(disclosed ? "downloaded" : "read")}",
            [person.Crn],
            ct);
        return new(Outcome.Ok(), new IssuedLetterContent(Issued(document), document.Html));
    }

    /// <summary>Records how the person needs their letters; a change to the case, audited and versioned like any other.</summary>
    public async Task<Outcome<Saved>> SetFormatAsync(CaseChange change, string crnText, int version, AccessibleFormat? format, CancellationToken ct)
    {
        if (format is null || !Enum.IsDefined(format.Value))
        {
            return CaseChange.Fail(Outcome.Refuse("Select how the person needs their letters", "Format"));
        }

        var (person, refusal) = await change.OpenAsync(crnText, version, WriteRight.ChangeCase, ct);
        if (person is null)
        {
            return CaseChange.Fail(refusal!);
        }

        person.AccessibleFormat = format.Value;
        return await change.SaveAsync(person, $"Letter format recorded: {Letters.Describe(format.Value)}", () => person.Id, ct);
    }

    private async Task<Outcome<Letter>> BuildAsync(string crnText, string kind, int? sourceId, string? proposal, CancellationToken ct)
    {
        // The case first: a case the user may not read is not found, whatever else the request says.
        var (person, missing) = await LoadAsync(crnText, ct);
        if (person is null)
        {
            return new(missing!, null);
        }

        if (!Kinds.Contains(kind))
        {
            return new(Outcome.Refuse($"There is no letter of the kind '{Truncate(kind, 40)}'. Choose one of: {string.Join(", ", Kinds)}.", "Kind"), null);
        }

        var viewer = request.Viewer;
        if (!viewer.MayChange(person.TeamId, person.ResponsibleOfficerId))
        {
            return new(Outcome.Refuse(ProduceRefusal), null);
        }

        if (kind == BreachKind && !viewer.MayRecordRisk(person.TeamId, person.ResponsibleOfficerId))
        {
            return new(Outcome.Refuse(BreachRefusal), null);
        }

        var today = clock.Today();
        var header = Header(person, today);
        var built = kind switch
        {
            AppointmentKind => Appointment(person, header, sourceId, today),
            WarningKind => Warning(person, header, sourceId),
            BreachKind => Breach(person, header, proposal, today),
            ResettlementKind => await ResettlementAsync(person, header, sourceId, ct),
            _ => Hours(person, header, today),
        };
        return built.Value is { } letter ? built with { Value = letter with { PersonId = person.Id } } : built;
    }

    private static Outcome<Letter> Appointment(PersonOnProbation person, LetterHeader header, int? sourceId, DateOnly today)
    {
        var contact = person.Contacts.SingleOrDefault(c => c.Id == sourceId);
        if (contact is null)
        {
            return Refuse("Choose the appointment the letter is for", "SourceId");
        }

        if (contact.Outcome is not null || contact.On < today)
        {
            return Refuse("An appointment letter is for an appointment still to come; this one has passed or has an outcome recorded", "SourceId");
        }

        var site = contact.Site;
        var opening = site?.OpeningSessions.OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.Opens)
            .Select(s => new OpeningLine(s.Day, s.Opens, s.Closes, s.WomenOnly)).ToList() ?? [];
        return new(Outcome.Ok(), new AppointmentLetter(
            contact.Id, header, contact.On, contact.StartsAt, contact.EndsAt, ContactOutcomes.Describe(contact.Kind), site?.Name, site?.Address,
            site?.StepFreeAccess ?? false, opening, ToBring(contact.Kind)));
    }

    private static Outcome<Letter> Warning(PersonOnProbation person, LetterHeader header, int? sourceId)
    {
        var warning = person.EnforcementActions.SingleOrDefault(e => e.Id == sourceId && e.Kind == EnforcementKind.Warning);
        if (warning is null)
        {
            return Refuse("Choose the warning the letter is for", "SourceId");
        }

        var failure = person.Contacts.SingleOrDefault(c => c.Id == warning.ContactId);
        if (failure is null)
        {
            return Refuse("This warning does not name the absence or failure it answers, so the letter cannot say what it is for. Record the warning against the failure first.", "SourceId");
        }

        var order = person.Orders.Where(o => o.StartDate <= warning.On && warning.On <= o.EndDate).OrderByDescending(o => o.StartDate).FirstOrDefault();
        if (order is null)
        {
            return Refuse("The warning was given when no order was in force", "SourceId");
        }

        var earlier = person.EnforcementActions
            .Where(e => e.Kind == EnforcementKind.Warning && e.Id != warning.Id && (e.On < warning.On || (e.On == warning.On && e.Id < warning.Id))
                && e.On >= order.StartDate && e.On > warning.On.AddMonths(-WarningMonths))
            .OrderByDescending(e => e.On).FirstOrDefault();
        return new(Outcome.Ok(), new WarningLetter(
            warning.Id, header, earlier is not null, warning.On, Summary(order), Failure(failure), earlier?.On, warning.On.AddMonths(WarningMonths).AddDays(-1)));
    }

    private static Outcome<Letter> Breach(PersonOnProbation person, LetterHeader header, string? proposal, DateOnly today)
    {
        var order = CurrentOrder(person, today);
        if (order is null || order.Type is OrderType.Custody or OrderType.Licence)
        {
            return Refuse("A breach report for court is for a community order, suspended sentence order or post-sentence supervision in force (a licence is enforced by recall); this case has none");
        }

        var onOrder = person.Contacts.Where(c => c.On >= order.StartDate && c.On <= today).OrderBy(c => c.On).ThenBy(c => c.StartsAt).ToList();
        var failures = onOrder.Where(c => c.Decision == AbsenceDecision.Unacceptable).Select(Failure).ToList();
        if (failures.Count == 0)
        {
            return Refuse("There is no unacceptable absence or failure on the current order to report to the court");
        }

        var text = proposal?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Refuse("Enter your proposal to the court", "Proposal");
        }

        if (text.Length > CaseDocument.ProposalMaxLength)
        {
            return Refuse($"The proposal must be {CaseDocument.ProposalMaxLength} characters or fewer", "Proposal");
        }

        var enforcement = person.EnforcementActions.Where(e => e.On >= order.StartDate && e.On <= today).OrderBy(e => e.On).ThenBy(e => e.Id).ToList();
        var history = new ComplianceHistory(
            onOrder.Count(c => c.Outcome is not null),
            onOrder.Count(c => c.Outcome == ContactOutcome.AttendedAndComplied),
            onOrder.Count(c => c.Decision == AbsenceDecision.Acceptable),
            failures.Count,
            enforcement.Count(e => e.Kind == EnforcementKind.Warning));
        return new(Outcome.Ok(), new BreachReport(
            header, Summary(order), failures, history,
            enforcement.Select(e => new EnforcementLine(e.On, RecordEnforcement.Describe(e.Kind), e.Notes)).ToList(), text));
    }

    private async Task<Outcome<Letter>> ResettlementAsync(PersonOnProbation person, LetterHeader header, int? sourceId, CancellationToken ct)
    {
        var custody = await CustodyAsync(person.Id, sourceId, ct);
        if (custody is null)
        {
            return Refuse(sourceId is null ? "This case has no custody record, so there is no resettlement plan to summarise" : "Choose the custody record the summary is for", "SourceId");
        }

        var prison = await db.Sites.AsNoTracking().Where(s => s.Id == custody.PrisonId).Select(s => s.Name).SingleOrDefaultAsync(ct) ?? "the prison";
        var pathways = custody.Needs.OrderBy(n => n.Pathway)
            .Select(n => new PathwayLine(ResettlementRules.Describe(n.Pathway), ResettlementRules.Describe(n.Status), n.Actions, n.Partner)).ToList();
        return new(Outcome.Ok(), new ResettlementSummary(
            custody.Id, header, prison, custody.ExpectedReleaseDate, ResettlementRules.Describe(custody.ReleaseType), custody.ReleasedOn,
            custody.AccommodationOnRelease is { } a ? ResettlementRules.Describe(a) : null, custody.FirstAppointmentOn, custody.HandoverTo, pathways));
    }

    private static Outcome<Letter> Hours(PersonOnProbation person, LetterHeader header, DateOnly today)
    {
        var (order, requirement) = UnpaidWorkChange.Requirement(person, today);
        if (order is null || requirement?.UnpaidWorkHours is not { } hours)
        {
            return Refuse("This case has no unpaid work requirement in force, so there are no hours to state");
        }

        var bookings = person.UnpaidWorkBookings.Where(b => b.RequirementId == requirement.Id).ToList();
        var progress = UnpaidWorkRules.Progress(hours, order.StartDate, today, bookings.Select(b => b.ToRecord()));
        var sessions = bookings.Where(b => b.Outcome is not null).OrderBy(b => b.On).ThenBy(b => b.StartsAt)
            .Select(b => new SessionLine(b.On, b.Session?.Project?.Name ?? "Unpaid work", UnpaidWorkRules.Describe(b.Outcome), b.CreditedMinutes)).ToList();
        return new(Outcome.Ok(), new HoursStatement(
            requirement.Id, header, Summary(order), hours, progress.CreditedMinutes, progress.RemainingMinutes, progress.Deadline, sessions));
    }

    private static List<LetterChoice> Choices(PersonOnProbation person, CustodyRecord? custody, DateOnly today, bool mayReport)
    {
        var choices = new List<LetterChoice>();
        foreach (var c in person.Contacts.Where(c => c.Outcome is null && c.On >= today).OrderBy(c => c.On).ThenBy(c => c.StartsAt))
        {
            choices.Add(new(AppointmentKind, c.Id, $"Appointment letter: {ContactOutcomes.Describe(c.Kind)} on {c.On:d MMMM yyyy}{(c.StartsAt is { } t ? $" at {t:h:mmtt}".ToLowerInvariant() : string.Empty)}"));
        }

        foreach (var w in person.EnforcementActions.Where(e => e.Kind == EnforcementKind.Warning && e.ContactId is not null).OrderByDescending(e => e.On))
        {
            choices.Add(new(WarningKind, w.Id, $"Warning letter: warning given on {w.On:d MMMM yyyy}"));
        }

        if (mayReport && CurrentOrder(person, today) is { Type: not (OrderType.Custody or OrderType.Licence) } order
            && person.Contacts.Any(c => c.On >= order.StartDate && c.On <= today && c.Decision == AbsenceDecision.Unacceptable))
        {
            choices.Add(new(BreachKind, null, "Breach report for court: the current order"));
        }

        if (custody is not null)
        {
            choices.Add(new(ResettlementKind, custody.Id, $"Resettlement plan summary: release expected {custody.ExpectedReleaseDate:d MMMM yyyy}"));
        }

        if (UnpaidWorkChange.Requirement(person, today).Requirement?.UnpaidWorkHours is not null)
        {
            choices.Add(new(HoursKind, null, "Unpaid work hours statement"));
        }

        return choices;
    }

    private async Task<(PersonOnProbation? Person, Outcome? Missing)> LoadAsync(string crnText, CancellationToken ct)
    {
        if (!Crn.TryParse(crnText, out var crn))
        {
            return (null, Outcome.Missing("case"));
        }

        var viewer = request.Viewer;
        var person = await db.People.AsNoTracking().AsSplitQuery()
            .Where(viewer.InScope())
            .Include(p => p.AccessList)
            .Include(p => p.Provider)
            .Include(p => p.Team)
            .Include(p => p.ResponsibleOfficer)
            .Include(p => p.Addresses)
            .Include(p => p.Orders).ThenInclude(o => o.Requirements)
            .Include(p => p.Contacts).ThenInclude(c => c.Site!).ThenInclude(s => s.OpeningSessions)
            .Include(p => p.EnforcementActions)
            .Include(p => p.UnpaidWorkBookings).ThenInclude(b => b.Session!).ThenInclude(s => s.Project)
            .SingleOrDefaultAsync(p => p.Crn == crn, ct);
        return person is null || !viewer.MayRead(person) ? (null, Outcome.Missing("case")) : (person, null);
    }

    private Task<CustodyRecord?> CustodyAsync(int personId, int? id, CancellationToken ct) =>
        db.CustodyRecords.AsNoTracking().Include(c => c.Needs)
            .Where(c => c.PersonId == personId && (id == null || c.Id == id))
            .OrderByDescending(c => c.ReceptionDate).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);

    private async Task<List<IssuedLetter>> IssuedAsync(int personId, CancellationToken ct) =>
        (await db.CaseDocuments.AsNoTracking().Where(d => d.PersonId == personId)
            .Select(d => new { d.Id, d.Kind, d.Title, d.Format, d.ProducedBy, d.ProducedAtUtc })
            .ToListAsync(ct))
        .OrderByDescending(d => d.ProducedAtUtc).ThenByDescending(d => d.Id)
        .Select(d => new IssuedLetter(d.Id, d.Kind, d.Title, d.Format, d.ProducedBy, d.ProducedAtUtc)).ToList();

    private static LetterHeader Header(PersonOnProbation person, DateOnly today) => new(
        person.Crn.Value,
        person.FullName,
        person.Addresses.Where(a => a.IsCurrent(today)).OrderByDescending(a => a.From).FirstOrDefault()?.Address,
        today,
        person.ResponsibleOfficer?.FullName,
        person.Team?.Name,
        person.Provider?.Name ?? "The probation service",
        person.AccessibleFormat);

    private static Order? CurrentOrder(PersonOnProbation person, DateOnly today) =>
        person.Orders.Where(o => o.IsCurrent(today)).OrderByDescending(o => o.StartDate).FirstOrDefault();

    private static OrderSummary Summary(Order o) => new(
        OrderTerms.Describe(o.Type), o.Court, o.StartDate, o.EndDate, o.LengthMonths, Describe(o.MainOffence),
        o.Requirements.OrderBy(r => r.Id).Select(GetCaseOverview.Describe).ToList(),
        o.Type is OrderType.Licence or OrderType.PostSentenceSupervision);

    private static FailureLine Failure(Contact c) => new(
        c.On, c.StartsAt, ContactOutcomes.Describe(c.Kind), ContactOutcomes.Describe(c.Outcome),
        c.Decision switch { AbsenceDecision.Acceptable => "Acceptable", AbsenceDecision.Unacceptable => "Unacceptable", _ => "Not yet decided" },
        c.DecisionReason);

    private static IReadOnlyList<string> ToBring(ContactKind kind) => kind switch
    {
        ContactKind.UnpaidWorkSession =>
        [
            "Clothes you can work in, and strong shoes or boots",
            "Food and a drink for the day",
            "Any medicines you need during the day",
        ],
        ContactKind.HomeVisit =>
        [
            "Please be at home at this time",
            "If you cannot be at home, phone us before the appointment",
        ],
        ContactKind.Phone or ContactKind.Video =>
        [
            "Make sure your phone is charged and switched on",
            "Find a quiet place where you can talk in private",
        ],
        _ =>
        [
            "This letter",
            "Something that shows who you are, such as a passport, driving licence or bank card",
            "Any letters you have been given since we last met, for example from the court, a doctor or an employer",
            "A list of any medicines you take",
        ],
    };

    private static string Describe(OffenceCategory category) => category switch
    {
        OffenceCategory.Violence => "Violence",
        OffenceCategory.DomesticAbuseRelated => "Domestic abuse related",
        OffenceCategory.Sexual => "Sexual offence",
        OffenceCategory.Acquisitive => "Acquisitive",
        OffenceCategory.Drugs => "Drugs",
        OffenceCategory.MotoringDrinkDriving => "Motoring or drink driving",
        OffenceCategory.PublicOrder => "Public order",
        OffenceCategory.CriminalDamage => "Criminal damage",
        OffenceCategory.Fraud => "Fraud",
        _ => "Other",
    };

    private static IssuedLetter Issued(CaseDocument d) => new(d.Id, d.Kind, d.Title, d.Format, d.ProducedBy, d.ProducedAtUtc);

    private static Outcome<Letter> Refuse(string reason, string? field = null) => new(Outcome.Refuse(reason, field), null);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
