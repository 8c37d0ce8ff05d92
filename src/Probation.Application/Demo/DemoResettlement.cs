using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Resettlement;

namespace Probation.Application.Demo;

/// <summary>
/// Through the Gate demo data: everyone serving a custodial sentence is held in one of the provider's prisons,
/// with the resettlement work at every stage, so the caseload shows each alert, each pathway status, and
/// people released with what was in place on the day.
/// </summary>
public static class DemoResettlement
{
    private enum Stage
    {
        JustReceived,
        ScreeningOverdue,
        Screened,
        PlanOverdue,
        PlanWithoutAccommodation,
        PlanWithoutHandover,
        HandedOver,
        Released,
    }

    private static readonly string[] Partners =
    [
        "Changing Lives", "Thirteen housing", "Jobcentre Plus", "Recovery Steps County Durham", "Humankind", "NHS liaison and diversion",
        "Citizens Advice County Durham", "Harbour domestic abuse service", "National Careers Service",
    ];

    public static async Task SeedAsync(ProbationDbContext db, DateOnly today, CancellationToken ct, int? provider = null)
    {
        var prisons = await db.Sites.Where(s => s.Kind == SiteKind.Prison && (provider == null || s.ProviderId == provider)).OrderBy(s => s.Code).Select(s => s.Id).ToListAsync(ct);
        if (prisons.Count == 0)
        {
            return;
        }

        var inCustody = await db.Orders.AsNoTracking()
            .Where(o => o.Type == OrderType.Custody && o.TerminatedOn == null && o.StartDate <= today && o.EndDate >= today)
            .Join(db.People.Where(p => provider == null || p.ProviderId == provider), o => o.PersonId, p => p.Id, (o, p) => new { o.PersonId, o.StartDate, o.LengthMonths, o.EndDate, p.Gender })
            .OrderBy(x => x.PersonId)
            .ToListAsync(ct);
        var records = new List<CustodyRecord>();
        var stages = Enum.GetValues<Stage>();
        var n = 0;
        foreach (var person in inCustody.DistinctBy(x => x.PersonId))
        {
            var stage = stages[n % stages.Length];
            var record = Build(stage, n, person.StartDate, person.LengthMonths, person.EndDate, prisons[n % prisons.Count], person.Gender == Gender.Female, today);
            record.PersonId = person.PersonId;
            records.Add(record);
            n++;
        }

        db.CustodyRecords.AddRange(records);
        await db.SaveChangesAsync(ct);
    }

    private static CustodyRecord Build(Stage stage, int n, DateOnly sentenced, int months, DateOnly sentenceEnd, int prisonId, bool woman, DateOnly today)
    {
        // Received on the day of sentence or later, never after today; released before the sentence ends.
        DateOnly NotBeforeSentence(DateOnly d) => d < sentenced ? sentenced : d;
        DateOnly WithinSentence(DateOnly d) => d > sentenceEnd ? sentenceEnd : d;
        var (reception, release) = stage switch
        {
            Stage.JustReceived => (NotBeforeSentence(today.AddDays(-2)), WithinSentence(today.AddMonths(9))),
            Stage.ScreeningOverdue => (NotBeforeSentence(today.AddDays(-21)), WithinSentence(today.AddMonths(7))),
            Stage.Screened => (NotBeforeSentence(today.AddDays(-60)), WithinSentence(today.AddMonths(6))),
            Stage.PlanOverdue => (NotBeforeSentence(today.AddDays(-120)), WithinSentence(today.AddDays(55))),
            Stage.PlanWithoutAccommodation => (NotBeforeSentence(today.AddDays(-150)), WithinSentence(today.AddDays(20))),
            Stage.PlanWithoutHandover => (NotBeforeSentence(today.AddDays(-150)), WithinSentence(today.AddDays(10))),
            Stage.HandedOver => (NotBeforeSentence(today.AddDays(-170)), WithinSentence(today.AddDays(5))),
            _ => (NotBeforeSentence(today.AddDays(-160)), today.AddDays(-14)),
        };
        if (release <= reception)
        {
            release = WithinSentence(reception.AddDays(30));
        }

        var c = new CustodyRecord
        {
            PrisonId = prisonId,
            ReceptionDate = reception,
            SentenceDate = sentenced,
            SentenceLengthMonths = months,
            ExpectedReleaseDate = release,
            ReleaseType = (ReleaseType)(n % Enum.GetValues<ReleaseType>().Length),
            WomensThroughcare = woman,
            RecordedBy = "demo",
        };
        if (stage is Stage.JustReceived or Stage.ScreeningOverdue)
        {
            return c;
        }

        var screened = Min(WorkingDayCalendar.EnglandAndWales.AddWorkingDays(reception, 3), today);
        c.ScreenedOn = screened;
        c.ScreenedBy = "ttg";
        var statuses = Enum.GetValues<PathwayStatus>();
        foreach (var p in Enum.GetValues<Pathway>())
        {
            // Every status appears across the caseload: each person's pathways start at a different status.
            var status = statuses[((int)p + n) % statuses.Length];
            c.Needs.Add(new ResettlementNeed { Pathway = p, Status = status, UpdatedOn = screened });
        }

        if (stage is Stage.Screened or Stage.PlanOverdue)
        {
            foreach (var need in c.Needs.Where(x => x.Status == PathwayStatus.Done))
            {
                need.Status = PathwayStatus.InProgress;
            }

            return c;
        }

        var planned = Min(release.AddDays(-90) < screened ? screened : release.AddDays(-90), today);
        c.PlanCompletedOn = planned;
        c.PlanRevisedOn = planned;
        c.PlanWrittenBy = "ttg";
        c.RiskOfHarmConsidered = n % 2 == 0
            ? "Risk to a former partner: release address checked with the police, exclusion zone and no-contact licence conditions requested."
            : "No identified victim; risk to the public considered in the choice of accommodation and the reporting instructions.";
        foreach (var need in c.Needs)
        {
            need.UpdatedOn = planned;
            if (need.Status == PathwayStatus.NotStarted)
            {
                need.Status = PathwayStatus.SupportNotRequired;
            }

            if (ResettlementRules.NeedsAction(need.Status) || need.Status == PathwayStatus.Done)
            {
                need.Actions = $"{ResettlementRules.Describe(need.Pathway)}: referral made and reviewed with the person.";
                need.Partner = Partners[((int)need.Pathway + n) % Partners.Length];
            }
        }

        var accommodation = c.Needs.Single(x => x.Pathway == Pathway.Accommodation);
        accommodation.Status = stage == Stage.PlanWithoutAccommodation ? PathwayStatus.SupportRequired : PathwayStatus.Done;
        accommodation.Actions = stage == Stage.PlanWithoutAccommodation ? "Housing options referral made; awaiting an offer." : "Tenancy secured with a local housing association.";
        accommodation.Partner = "Thirteen housing";
        c.Activities.Add(new ResettlementActivity
        {
            On = planned,
            Pathway = Pathway.FinanceBenefitDebt,
            Description = "Bank account opened and Universal Credit advance claim prepared.",
            DeliveredBy = "Jobcentre Plus prison work coach",
            CoordinatedWith = "Prison employment hub",
            RecordedBy = "ttg",
        });
        if (stage is Stage.PlanWithoutAccommodation or Stage.PlanWithoutHandover)
        {
            return c;
        }

        c.HandoverOn = Min(release.AddDays(-21) < planned ? planned : release.AddDays(-21), today);
        c.HandoverTo = "Community responsible officer and Thirteen housing";
        c.HandoverNotes = "Resettlement plan, risk of harm information and licence conditions shared at a three-way meeting.";
        if (stage == Stage.Released && release <= today)
        {
            c.ReleasedOn = release;
            c.AccommodationOnRelease = (AccommodationOnRelease)(n % Enum.GetValues<AccommodationOnRelease>().Length);
            c.FirstAppointmentOn = release.AddDays(1);
            c.BenefitsInPlace = n % 3 != 0;
        }

        return c;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
