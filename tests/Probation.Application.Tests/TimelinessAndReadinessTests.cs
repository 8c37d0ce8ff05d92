using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Application.Reports;
using Probation.Domain.Cases;
using Probation.Domain.Inspection;
using Probation.Domain.Oversight;
using Probation.Domain.Programmes;
using Probation.Domain.Resettlement;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;
using Probation.Testing;
using static Probation.Application.Tests.HandBuiltProvider;

namespace Probation.Application.Tests;

/// <summary>
/// The timeliness and readiness reports over a provider built by hand, where every figure is worked out in the test:
/// each measure and each indicator, for the provider, a team, an officer and a hub, with cases that meet and fail each.
/// </summary>
public abstract class TimelinessAndReadinessTests(ProbationAppFactory app)
{
    private static DateOnly D(int month, int day) => new(2026, month, day);

    private sealed record Session(AsyncServiceScope Services, ProbationDbContext Db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private Session Open()
    {
        app.SkipIfUnavailable();
        var services = app.Services.CreateAsyncScope();
        return new Session(services, services.ServiceProvider.GetRequiredService<ProbationDbContext>());
    }

    private TestRequestContext Leader(HandBuiltProvider p) => new(TestRequestContext.StaffViewer(p.A1.Id, p.Provider.Id, null, Roles.SeniorLeader));

    // ---- Timeliness ----

    /// <summary>
    /// Six cases, the period 1 January to 31 October 2026 and today 26 November 2026 (the test clock). What each case
    /// adds to each measure is written beside it; the totals are in the tests below.
    /// </summary>
    private static async Task<HandBuiltProvider> TimelinessCasesAsync(ProbationDbContext db)
    {
        var p = await CreateAsync(db);

        // 1 (A1). Community order from Monday 2 March 2026. Assessment due 23 March, done 9 March: met. Plan due 30 March, done 16 March: met.
        // Reviews from the plan: due 6 July (met 8 May), 28 August (met 1 July), 21 October (missed). The relationship change on Monday
        // 4 May (a bank holiday) wanted a review by 19 May: done 8 May. Appointments: 3 kept, 1 unacceptable failure (warned the next
        // day: met), 1 acceptable absence and 1 rescheduled (left out), 1 after the period. Programme referral 1 April, started 20 April: met.
        var bbr = Programme(AccreditedProgramme.BuildingBetterRelationships);
        var one = p.Case(OrderType.CommunityOrder, D(3, 2), 24, p.A1, D(3, 2), requirements: [Rar(), bbr]);
        one.Assessments.Add(Assessment(D(3, 2), D(3, 9), RoshLevel.Medium, complete: true));
        one.Plan = Plan(D(3, 16), complete: true, (ObjectiveLinks.Alcohol, null));
        var change = Event(D(5, 4), SignificantEventKind.RelationshipChange);
        one.SignificantEvents.Add(change);
        one.Reviews.AddRange([Review(D(5, 8), ReviewKind.Triggered, true, one.Plan, change), Review(D(7, 1), ReviewKind.Scheduled, true, one.Plan)]);
        one.Contacts.AddRange([
            Contact(D(3, 9), ContactOutcome.AttendedAndComplied, ContactKind.CommunityHub, site: p.Hub),
            Contact(D(4, 13), ContactOutcome.AttendedAndComplied),
            Contact(D(5, 11), ContactOutcome.AttendedAndComplied),
            Contact(D(6, 10), ContactOutcome.FailedToAttend, decision: AbsenceDecision.Unacceptable, decidedOn: D(6, 11)),
            Contact(D(6, 17), ContactOutcome.FailedToAttend, decision: AbsenceDecision.Acceptable, decidedOn: D(6, 17)),
            Contact(D(6, 24), ContactOutcome.Rescheduled),
            Contact(D(11, 2), ContactOutcome.AttendedAndComplied),
        ]);
        one.EnforcementActions.Add(Enforce(D(6, 11), EnforcementKind.Warning));
        one.ProgrammeReferrals.Add(ProgrammeReferral(bbr, D(4, 1), ReferralStatus.OnProgramme, D(4, 20)));

        // 2 (A2). Licence from Monday 5 January 2026. Assessment due 26 January, done 20 February: late. No plan (due 2 February): missed.
        // Review due 27 April from the allocation: missed. The first unacceptable failure on a licence (2 March) reaches the recall
        // threshold: a warning does not decide it, the recall request on 20 March is after 9 March: late; and no review by 16 March: missed.
        // Appointments: 1 kept, 1 failed.
        var two = p.Case(OrderType.Licence, D(1, 5), 12, p.A2, D(1, 5));
        two.Assessments.Add(Assessment(D(1, 5), D(2, 20), RoshLevel.High, complete: true));
        two.Contacts.AddRange([
            Contact(D(2, 9), ContactOutcome.AttendedAndComplied),
            Contact(D(3, 2), ContactOutcome.FailedToAttend, decision: AbsenceDecision.Unacceptable, decidedOn: D(3, 2)),
        ]);
        two.EnforcementActions.AddRange([Enforce(D(3, 3), EnforcementKind.Warning), Enforce(D(3, 20), EnforcementKind.RecallRequested)]);

        // 3 (B1). Community order from 1 October 2025 to 30 September 2026: assessment and plan fell due in 2025. Reviews from the plan
        // (15 October 2025): due 4 February (met 2 February), 25 May (late: 1 June), 21 September (missed). Unpaid work: 14 hours;
        // 7 + 0 + 7 of 21 booked in January, completed 26 January (met). Resolve referred 1 June, still waiting on 2 July: not met;
        // a referral withdrawn in February is left out.
        var resolve = Programme(AccreditedProgramme.Resolve);
        var upw14 = UnpaidWorkHours(14);
        var three = p.Case(OrderType.CommunityOrder, new DateOnly(2025, 10, 1), 12, p.B1, new DateOnly(2025, 10, 1), requirements: [upw14, resolve]);
        three.Assessments.Add(Assessment(new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 10), RoshLevel.Low, complete: true));
        three.Plan = Plan(new DateOnly(2025, 10, 15), complete: true, (ObjectiveLinks.EducationTrainingEmployment, null));
        three.Reviews.AddRange([Review(D(2, 2), ReviewKind.Scheduled, true, three.Plan), Review(D(6, 1), ReviewKind.Scheduled, true, three.Plan)]);
        three.ProgrammeReferrals.AddRange([
            ProgrammeReferral(resolve, D(2, 1), ReferralStatus.Withdrawn),
            ProgrammeReferral(resolve, D(6, 1), ReferralStatus.OnWaitingList),
        ]);

        // 4 (B1). Custody from Sunday 1 February 2026. Assessment due 23 February, done 10 February: met. Plan due 2 March, done 20 February:
        // met. Reviews: due 12 June (met 5 June), 25 September (met 20 August). Resettlement plan due 9 June (12 weeks before release on
        // 1 September), done 1 May: met.
        var four = p.Case(OrderType.Custody, D(2, 1), 24, p.B1, D(2, 1));
        four.Assessments.Add(Assessment(D(2, 1), D(2, 10), RoshLevel.Medium, complete: true));
        four.Plan = Plan(D(2, 20), complete: true, (ObjectiveLinks.Accommodation, null));
        four.Reviews.AddRange([Review(D(6, 5), ReviewKind.Scheduled, true, four.Plan), Review(D(8, 20), ReviewKind.Scheduled, true, four.Plan)]);

        // 5 (A1). Community order from 1 September 2025 to 31 August 2026, 20 hours of unpaid work: 7 worked in December 2025, the
        // rest still owed at the 12-month deadline (1 September 2026): not met. Its plan's first review fell due in 2025.
        var upw20 = UnpaidWorkHours(20);
        var five = p.Case(OrderType.CommunityOrder, new DateOnly(2025, 9, 1), 12, p.A1, new DateOnly(2025, 9, 1), requirements: [upw20]);
        five.Plan = Plan(new DateOnly(2025, 9, 10), complete: true, (ObjectiveLinks.Finance, null));

        // 6 (nobody). Custody from 1 March 2026, never allocated: resettlement plan due 9 May (release 1 August), not done: not met, for no team.
        var six = p.Case(OrderType.Custody, D(3, 1), 24, null, null);
        await db.SaveChangesAsync();

        await p.BookAsync(three, upw14, (D(1, 12), AttendanceOutcome.AttendedAndWorked, 420, null), (D(1, 19), AttendanceOutcome.UnacceptableAbsence, 0, null), (D(1, 26), AttendanceOutcome.AttendedAndWorked, 420, null));
        await p.BookAsync(five, upw20, (new DateOnly(2025, 12, 1), AttendanceOutcome.AttendedAndWorked, 420, null));
        var custody4 = p.Custody(four, D(2, 1), D(9, 1));
        custody4.ScreenedOn = D(2, 5);
        custody4.PlanCompletedOn = D(5, 1);
        db.CustodyRecords.AddRange(custody4, p.Custody(six, D(3, 1), D(8, 1)));
        await db.SaveChangesAsync();
        return p;
    }

    private async Task<TimelinessReport> TimelinessAsync(Session s, HandBuiltProvider p, int? team = null, int? hub = null, int? officer = null, DateOnly? from = null, DateOnly? to = null)
    {
        var queries = new TimelinessQueries(s.Db, Leader(p), app.Clock, s.Services.ServiceProvider.GetRequiredService<TimelinessMeasures>());
        return (await queries.TimelinessAsync(new ReportPeriod(team, hub, officer, from ?? D(1, 1), to ?? D(10, 31)), TestContext.Current.CancellationToken))!;
    }

    private static (double Met, double Of) Figure(TimelinessReport r, TimelinessMeasure m) =>
        r.Measures.Single(x => x.Measure == m) is var x ? (x.Numerator, x.Denominator) : default;

    [Fact]
    public async Task Timeliness_ForTheProvider_EveryMeasureAsWorkedOutByHand()
    {
        await using var s = Open();
        var p = await TimelinessCasesAsync(s.Db);
        var r = await TimelinessAsync(s, p);
        Assert.Equal(p.Provider.Name, r.Scope);
        var expected = new Dictionary<TimelinessMeasure, (double, double)>
        {
            [TimelinessMeasure.InitialAssessments] = (2, 3),
            [TimelinessMeasure.Plans] = (2, 3),
            [TimelinessMeasure.Reviews] = (5, 9),
            [TimelinessMeasure.TriggeredReviews] = (1, 2),
            [TimelinessMeasure.AppointmentCompliance] = (4, 6),
            [TimelinessMeasure.EnforcementDecisions] = (1, 2),
            [TimelinessMeasure.UnpaidWorkHours] = (14, 21),
            [TimelinessMeasure.UnpaidWorkCompletions] = (1, 2),
            [TimelinessMeasure.ProgrammeStarts] = (1, 2),
            [TimelinessMeasure.ResettlementPlans] = (1, 2),
        };
        Assert.Equal(expected, r.Measures.ToDictionary(m => m.Measure, m => (m.Numerator, m.Denominator)));
        Assert.Equal(66.7, r.Measures.Single(m => m.Measure == TimelinessMeasure.InitialAssessments).Percent);
        Assert.Equal(55.6, r.Measures.Single(m => m.Measure == TimelinessMeasure.Reviews).Percent);
    }

    [Fact]
    public async Task Timeliness_MonthByMonth_CountsEachOnItsDay()
    {
        await using var s = Open();
        var p = await TimelinessCasesAsync(s.Db);
        var r = await TimelinessAsync(s, p);
        var reviews = r.Measures.Single(m => m.Measure == TimelinessMeasure.Reviews).Months;
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"], reviews.Select(m => m.Month));
        Assert.Equal([(0.0, 0.0), (1, 1), (0, 0), (0, 1), (0, 1), (1, 1), (1, 1), (1, 1), (1, 2), (0, 1)], reviews.Select(m => (m.Numerator, m.Denominator)));
        Assert.Null(reviews[0].Percent);

        var appointments = r.Measures.Single(m => m.Measure == TimelinessMeasure.AppointmentCompliance).Months;
        Assert.Equal([(0.0, 0.0), (1, 1), (1, 2), (1, 1), (1, 1), (0, 1), (0, 0), (0, 0), (0, 0), (0, 0)], appointments.Select(m => (m.Numerator, m.Denominator)));

        // A shorter period, 15 March to 30 June: its first month starts on the 15th, so March's two appointments are out.
        var march = await TimelinessAsync(s, p, from: D(3, 15), to: D(6, 30));
        Assert.Equal(D(3, 15), march.Measures[0].Months[0].From);
        Assert.Equal((2, 3), Figure(march, TimelinessMeasure.AppointmentCompliance));
    }

    [Fact]
    public async Task Timeliness_ByTeam_ByOfficer_AndForAHub_CountForWhoeverHeldTheCase()
    {
        await using var s = Open();
        var p = await TimelinessCasesAsync(s.Db);
        var provider = await TimelinessAsync(s, p);
        var teamA = await TimelinessAsync(s, p, team: p.TeamA.Id);
        var teamB = await TimelinessAsync(s, p, team: p.TeamB.Id);
        Assert.Equal("Team A", teamA.Scope);

        var a = new Dictionary<TimelinessMeasure, (double, double)>
        {
            [TimelinessMeasure.InitialAssessments] = (1, 2),
            [TimelinessMeasure.Plans] = (1, 2),
            [TimelinessMeasure.Reviews] = (2, 4),
            [TimelinessMeasure.TriggeredReviews] = (1, 2),
            [TimelinessMeasure.AppointmentCompliance] = (4, 6),
            [TimelinessMeasure.EnforcementDecisions] = (1, 2),
            [TimelinessMeasure.UnpaidWorkHours] = (0, 0),
            [TimelinessMeasure.UnpaidWorkCompletions] = (0, 1),
            [TimelinessMeasure.ProgrammeStarts] = (1, 1),
            [TimelinessMeasure.ResettlementPlans] = (0, 0),
        };
        var b = new Dictionary<TimelinessMeasure, (double, double)>
        {
            [TimelinessMeasure.InitialAssessments] = (1, 1),
            [TimelinessMeasure.Plans] = (1, 1),
            [TimelinessMeasure.Reviews] = (3, 5),
            [TimelinessMeasure.TriggeredReviews] = (0, 0),
            [TimelinessMeasure.AppointmentCompliance] = (0, 0),
            [TimelinessMeasure.EnforcementDecisions] = (0, 0),
            [TimelinessMeasure.UnpaidWorkHours] = (14, 21),
            [TimelinessMeasure.UnpaidWorkCompletions] = (1, 1),
            [TimelinessMeasure.ProgrammeStarts] = (0, 1),
            [TimelinessMeasure.ResettlementPlans] = (1, 1),
        };
        Assert.Equal(a, teamA.Measures.ToDictionary(m => m.Measure, m => (m.Numerator, m.Denominator)));
        Assert.Equal(b, teamB.Measures.ToDictionary(m => m.Measure, m => (m.Numerator, m.Denominator)));
        Assert.Null(teamA.Measures.Single(m => m.Measure == TimelinessMeasure.UnpaidWorkHours).Percent);

        // The provider's own by-team split says the same, and the never-allocated custody case counts for no team.
        foreach (var m in provider.Measures)
        {
            var ofA = m.ByTeam.SingleOrDefault(t => t.TeamId == p.TeamA.Id);
            Assert.Equal(a[m.Measure], ofA is null ? (0, 0) : (ofA.Numerator, ofA.Denominator));
        }

        var none = provider.Measures.Single(m => m.Measure == TimelinessMeasure.ResettlementPlans).ByTeam.Single(t => t.TeamId is null);
        Assert.Equal(("No team", 0.0, 1.0), (none.Team, none.Numerator, none.Denominator));

        var a1 = await TimelinessAsync(s, p, officer: p.A1.Id);
        Assert.Equal("Aisha Officer", a1.Scope);
        Assert.Equal((1, 1), Figure(a1, TimelinessMeasure.InitialAssessments));
        Assert.Equal((2, 3), Figure(a1, TimelinessMeasure.Reviews));
        Assert.Equal((3, 4), Figure(a1, TimelinessMeasure.AppointmentCompliance));
        Assert.Equal((0, 1), Figure(a1, TimelinessMeasure.UnpaidWorkCompletions));

        // The hub: the people with a contact there in the period, which is only the first case.
        var hub = await TimelinessAsync(s, p, hub: p.Hub.Id);
        Assert.Equal((1, 1), Figure(hub, TimelinessMeasure.InitialAssessments));
        Assert.Equal((3, 4), Figure(hub, TimelinessMeasure.AppointmentCompliance));
        Assert.Equal((0, 0), Figure(hub, TimelinessMeasure.ResettlementPlans));
    }

    [Fact]
    public async Task Timeliness_RefusesAPeriodTheRulesDoNotAllow_AndAnotherProvidersTeam()
    {
        var today = D(11, 26);
        Assert.Equal((D(1, 1), today), (TimelinessQueries.Period(D(1, 1), null, today).From, TimelinessQueries.Period(D(1, 1), null, today).To));
        Assert.Equal(new DateOnly(2025, 12, 1), TimelinessQueries.Period(null, null, today).From);
        Assert.Equal("To", TimelinessQueries.Period(null, D(11, 27), today).Refusal?.Field);
        Assert.Equal("From", TimelinessQueries.Period(D(6, 2), D(6, 1), today).Refusal?.Field);
        Assert.Equal("From", TimelinessQueries.Period(new DateOnly(2023, 10, 31), D(11, 1), today).Refusal?.Field);
        Assert.Null(TimelinessQueries.Period(new DateOnly(2023, 11, 1), D(11, 1), today).Refusal);

        await using var s = Open();
        var p = await TimelinessCasesAsync(s.Db);
        var other = await CreateAsync(s.Db);
        var queries = new TimelinessQueries(s.Db, Leader(p), app.Clock, s.Services.ServiceProvider.GetRequiredService<TimelinessMeasures>());
        Assert.Null(await queries.TimelinessAsync(new ReportPeriod(other.TeamA.Id, null, null, D(1, 1), D(10, 31)), TestContext.Current.CancellationToken));
        var officer = new TimelinessQueries(s.Db, new TestRequestContext(TestRequestContext.StaffViewer(p.A1.Id, p.Provider.Id, p.TeamA.Id, Roles.ProbationOfficer)), app.Clock, s.Services.ServiceProvider.GetRequiredService<TimelinessMeasures>());
        Assert.Null(await officer.TimelinessAsync(new ReportPeriod(null, null, null, D(1, 1), D(10, 31)), TestContext.Current.CancellationToken));
    }

    // ---- Inspection readiness ----

    /// <summary>
    /// On 26 November 2026: W is run well (yes to everything), X badly (no to everything), N was allocated on Monday and nothing is
    /// due yet, L is low risk (so outside the relevant sub-sample) and run well; T1 was released on 20 November after Through the
    /// Gate work done well, T2 is still in custody with it done badly, T3 has only just been received.
    /// </summary>
    private static async Task<HandBuiltProvider> ReadinessCasesAsync(ProbationDbContext db)
    {
        var p = await CreateAsync(db);

        // W (team A). Community order from Monday 1 June 2026: assessment due 22 June, plan 29 June, programme referral 15 June.
        var rar = Rar();
        var upw = UnpaidWorkHours(40);
        var bbr = Programme(AccreditedProgramme.BuildingBetterRelationships);
        var w = p.Case(OrderType.CommunityOrder, D(6, 1), 24, p.A1, D(6, 1), RoshLevel.Medium, riskToChildren: true, riskToKnownAdult: true, rar, upw, bbr);
        w.Registrations.Add(Flag(RegistrationType.DomesticAbuse, D(6, 1)));
        w.Assessments.Add(Assessment(D(6, 1), D(6, 10), RoshLevel.Medium, complete: true, riskToChildren: true, linkedToOffending: [Need.Alcohol]));
        w.AgencyChecks.AddRange([Check(AgencyCheckKind.PoliceDomesticAbuse, D(6, 2), D(6, 5)), Check(AgencyCheckKind.ChildrensServices, D(6, 2), D(6, 9))]);
        w.Plan = Plan(D(6, 15), complete: true, (ObjectiveLinks.Alcohol | ObjectiveLinks.DomesticAbuse, null), (ObjectiveLinks.Relationships | ObjectiveLinks.ChildSafeguarding, null));
        Schedule(w.Plan, rar, D(6, 22));
        Schedule(w.Plan, upw, D(6, 22));
        Schedule(w.Plan, bbr, D(7, 1));
        var moved = Event(D(10, 5), SignificantEventKind.ChangeOfAddressOrHousehold);
        moved.ActionedOn = D(10, 9);
        w.SignificantEvents.Add(moved);
        w.Reviews.AddRange([Review(D(9, 21), ReviewKind.Scheduled, true, w.Plan), Review(D(10, 9), ReviewKind.Triggered, true, w.Plan, moved)]);
        w.Contacts.AddRange([
            Contact(D(6, 23), ContactOutcome.AttendedAndComplied, requirement: rar),
            Contact(D(9, 7), ContactOutcome.FailedToAttend, decision: AbsenceDecision.Unacceptable, decidedOn: D(9, 8)),
            Contact(D(11, 2), ContactOutcome.AttendedAndComplied, ContactKind.HomeVisit),
        ]);
        w.EnforcementActions.Add(Enforce(D(9, 9), EnforcementKind.Warning));
        w.Referrals.Add(new Referral { On = D(6, 20), Service = ReferralService.SubstanceMisuse, Detail = "Drug and alcohol service", Outcome = ReferralOutcome.Accepted, OutcomeOn = D(7, 1), RecordedBy = "Officer" });
        w.ProgrammeReferrals.Add(ProgrammeReferral(bbr, D(6, 8), ReferralStatus.OnProgramme, D(7, 1)));

        // X (team A). Community order from Monday 2 March 2026, domestic abuse and child protection flagged: everything late, missing or
        // unrecorded, and risk raised to very high on 1 October with no review.
        var xRar = Rar();
        var xUpw = UnpaidWorkHours(60);
        var xResolve = Programme(AccreditedProgramme.Resolve);
        var x = p.Case(OrderType.CommunityOrder, D(3, 2), 24, p.A2, D(3, 2), RoshLevel.VeryHigh, riskToKnownAdult: true, requirements: [xRar, xUpw, xResolve]);
        x.Registrations.AddRange([Flag(RegistrationType.DomesticAbuse, D(3, 2)), Flag(RegistrationType.ChildProtection, D(3, 2))]);
        x.Assessments.Add(Assessment(D(3, 2), D(4, 20), RoshLevel.High, complete: false, needsRated: 5, linkedToOffending: [Need.Accommodation, Need.Drugs]));
        var raised = Assessment(D(10, 1), D(10, 1), RoshLevel.VeryHigh, complete: true, linkedToOffending: [Need.Drugs]);
        raised.Kind = AssessmentKind.SignificantChange;
        x.Assessments.Add(raised);
        x.Plan = Plan(D(4, 30), complete: false, (ObjectiveLinks.None, CopiedFrom.Template));
        Schedule(x.Plan, xRar, D(5, 11));
        x.SignificantEvents.Add(Event(D(8, 1), SignificantEventKind.NewOffenceOrArrest));
        x.Reviews.Add(Review(D(7, 30), ReviewKind.Scheduled, complete: false));
        x.Contacts.AddRange([
            Contact(D(6, 29), ContactOutcome.FailedToAttend, ContactKind.UnpaidWorkSession, AbsenceDecision.Unacceptable, D(6, 30)),
            Contact(D(9, 2), ContactOutcome.FailedToAttend, decision: AbsenceDecision.Unacceptable, decidedOn: D(9, 10)),
        ]);
        x.ProgrammeReferrals.Add(ProgrammeReferral(xResolve, D(6, 1), ReferralStatus.AwaitingAssessment));

        // N (team B): allocated on Monday 23 November; nothing is due yet.
        var n = p.Case(OrderType.CommunityOrder, D(11, 23), 12, p.B1, D(11, 23), RoshLevel.Medium, requirements: [Rar()]);

        // L (team B): low risk, no flags, unpaid work only; assessed, planned, referred and all 10 hours worked on time.
        var lUpw = UnpaidWorkHours(10);
        var l = p.Case(OrderType.CommunityOrder, D(9, 1), 12, p.B1, D(9, 1), RoshLevel.Low, requirements: [lUpw]);
        l.Assessments.Add(Assessment(D(9, 1), D(9, 8), RoshLevel.Low, complete: true, linkedToOffending: [Need.EducationTrainingEmployment]));
        l.Plan = Plan(D(9, 15), complete: true, (ObjectiveLinks.EducationTrainingEmployment, null));
        Schedule(l.Plan, lUpw, D(9, 22));
        l.Referrals.Add(new Referral { On = D(9, 20), Service = ReferralService.EmploymentAndSkills, Detail = "Employment support", Outcome = ReferralOutcome.Accepted, OutcomeOn = D(10, 1), RecordedBy = "Officer" });

        // T1 (team A), T2 and T3 (team B): Through the Gate.
        var t1 = p.Case(OrderType.Custody, D(3, 1), 24, p.A1, D(3, 1));
        var t2 = p.Case(OrderType.Custody, D(1, 1), 24, p.B1, D(1, 1));
        var t3 = p.Case(OrderType.Custody, D(11, 1), 24, p.B1, D(11, 1));
        await db.SaveChangesAsync();

        await p.BookAsync(w, upw,
            (D(6, 27), AttendanceOutcome.AttendedAndWorked, 420, p.AwardProject), (D(7, 4), AttendanceOutcome.AttendedAndWorked, 420, null), (D(7, 11), AttendanceOutcome.AttendedAndWorked, 420, null),
            (D(7, 18), AttendanceOutcome.AttendedAndWorked, 420, null), (D(7, 25), AttendanceOutcome.AttendedAndWorked, 420, null), (D(12, 1), null, 0, null));
        await p.BookAsync(x, xUpw, (D(6, 15), AttendanceOutcome.AttendedAndWorked, 420, null), (D(6, 22), null, 0, null), (D(6, 29), AttendanceOutcome.UnacceptableAbsence, 0, null));
        await p.BookAsync(l, lUpw, (D(9, 26), AttendanceOutcome.AttendedAndWorked, 420, null), (D(10, 3), AttendanceOutcome.AttendedAndWorked, 180, p.EteProject));
        db.UnpaidWorkAssessments.AddRange(
            UpwAssessment(w, D(6, 16), complete: true), UpwAssessment(x, D(7, 1), complete: false), UpwAssessment(l, D(9, 14), complete: true));

        // T1: received 2 March, due out 20 November: screened, planned, worked on, handed over, released on time with a home and an appointment.
        var c1 = p.Custody(t1, D(3, 2), D(11, 20));
        (c1.ScreenedOn, c1.PlanCompletedOn, c1.RiskOfHarmConsidered) = (D(3, 5), D(8, 1), "Exclusion zone around the victim's address proposed.");
        (c1.HandoverOn, c1.HandoverTo, c1.ReleasedOn) = (D(11, 1), "Community officer", D(11, 20));
        (c1.AccommodationOnRelease, c1.FirstAppointmentOn, c1.BenefitsInPlace) = (AccommodationOnRelease.SettledAccommodation, D(11, 23), true);
        foreach (var pathway in Enum.GetValues<Pathway>())
        {
            c1.Needs.Add(new ResettlementNeed
            {
                Pathway = pathway,
                Status = pathway switch { Pathway.Accommodation => PathwayStatus.Done, Pathway.EducationTrainingEmployment => PathwayStatus.InProgress, _ => PathwayStatus.SupportNotRequired },
                Actions = pathway == Pathway.EducationTrainingEmployment ? "CV and college application" : null,
                Partner = pathway == Pathway.EducationTrainingEmployment ? "National Careers Service" : null,
                UpdatedOn = pathway == Pathway.Accommodation ? D(10, 1) : D(8, 1),
            });
        }

        c1.Activities.Add(new ResettlementActivity { On = D(8, 10), Pathway = Pathway.EducationTrainingEmployment, Description = "CV workshop", DeliveredBy = "Prison education", CoordinatedWith = "Jobcentre Plus", RecordedBy = "Resettlement worker" });

        // T2: received Monday 5 January, due out 10 December: screened late (due 12 January), no plan (due 17 September), accommodation
        // not secured by 12 November, family work needed and none done; the handover is not due until 26 November.
        var c2 = p.Custody(t2, D(1, 5), D(12, 10));
        c2.ScreenedOn = D(1, 20);
        c2.Needs.AddRange([
            new ResettlementNeed { Pathway = Pathway.Accommodation, Status = PathwayStatus.InProgress, UpdatedOn = D(1, 20) },
            new ResettlementNeed { Pathway = Pathway.FamilyAndRelationships, Status = PathwayStatus.SupportRequired, UpdatedOn = D(1, 20) },
        ]);

        // T3: received 1 November, due out 1 June 2027.
        db.CustodyRecords.AddRange(c1, c2, p.Custody(t3, D(11, 1), new DateOnly(2027, 6, 1)));
        await db.SaveChangesAsync();
        _ = n;
        return p;
    }

    private static UnpaidWorkAssessment UpwAssessment(PersonOnProbation person, DateOnly on, bool complete) => new()
    {
        PersonId = person.Id,
        CompletedOn = on,
        AvailableDays = WorkDays.Saturday,
        AssessedBy = "Supervisor",
        Health = complete ? "Fit for outdoor work" : string.Empty,
        Skills = "Labouring",
        RiskToPublic = complete ? "No risk to the public identified" : string.Empty,
        RiskToSupervisors = complete ? "None" : string.Empty,
        DiversityNeeds = complete ? "None" : string.Empty,
    };

    private ReadinessQueries Readiness(Session s, HandBuiltProvider p) =>
        new(s.Db, Leader(p), app.Clock, s.Services.ServiceProvider.GetRequiredService<ReadinessIndicators>(), new Probation.Application.Quality.AuditedKeyQuestions(s.Db, Leader(p)));

    [Fact]
    public async Task Readiness_ForTheProvider_EachKeyQuestionAndStandardAsWorkedOutByHand()
    {
        await using var s = Open();
        var p = await ReadinessCasesAsync(s.Db);
        var r = (await Readiness(s, p).ReadinessAsync(new ReportScope(), TestContext.Current.CancellationToken))!;
        Assert.Equal(D(11, 26), r.On);

        // W yes, X no, N not yet due; L yes, but outside the relevant sub-sample of 2.2.3, 2.3.3 and 2.4.3, and with no review due.
        var expected = new Dictionary<string, (int Yes, int No, int NotApplicable)>
        {
            ["2.1.1"] = (2, 1, 1),
            ["2.1.2"] = (2, 1, 1),
            ["2.1.3"] = (2, 1, 1),
            ["2.2.1"] = (2, 1, 1),
            ["2.2.2"] = (2, 1, 1),
            ["2.2.3"] = (1, 1, 2),
            ["2.3.1"] = (2, 1, 1),
            ["2.3.2"] = (2, 1, 1),
            ["2.3.3"] = (1, 1, 2),
            ["2.4.1"] = (1, 1, 2),
            ["2.4.2"] = (1, 1, 2),
            ["2.4.3"] = (1, 1, 2),
            ["4.1.1"] = (2, 1, 0),
            ["4.1.2"] = (2, 1, 0),
            ["4.1.3"] = (2, 1, 0),
            ["4.1.4"] = (2, 1, 0),
            ["4.2.1"] = (1, 1, 1),
            ["4.2.2"] = (1, 1, 1),
            ["4.2.3"] = (1, 0, 2),
        };
        Assert.Equal(expected, r.Standards.SelectMany(x => x.KeyQuestions).ToDictionary(k => k.Id, k => (k.Yes, k.No, k.NotApplicable)));
        Assert.Equal([4, 4, 4, 4, 3, 3], r.Standards.Select(x => x.Cases));

        var kq = r.Standards.SelectMany(x => x.KeyQuestions).ToDictionary(k => k.Id);
        Assert.Equal((67, Rating.Good), (kq["2.1.1"].Percent!.Value, kq["2.1.1"].Band!.Value));
        Assert.Equal((50, Rating.RequiresImprovement), (kq["2.2.3"].Percent!.Value, kq["2.2.3"].Band!.Value));
        Assert.Equal((100, Rating.Outstanding), (kq["4.2.3"].Percent!.Value, kq["4.2.3"].Band!.Value));
        Assert.All(kq.Values, k => Assert.Null(k.LatestAudit));

        Assert.Equal(
            [("2.1", Rating.Good, "2.1.1"), ("2.2", Rating.RequiresImprovement, "2.2.3"), ("2.3", Rating.RequiresImprovement, "2.3.3"),
             ("2.4", Rating.RequiresImprovement, "2.4.1"), ("4.1", Rating.Good, "4.1.1"), ("4.2", Rating.RequiresImprovement, "4.2.1")],
            r.Standards.Select(x => (x.Id, x.Band!.Value, x.LowestKeyQuestion!)));
    }

    [Fact]
    public async Task Readiness_ByTeam_WithAStandardThatCannotBeBandedForATeam()
    {
        await using var s = Open();
        var p = await ReadinessCasesAsync(s.Db);
        var r = (await Readiness(s, p).ReadinessAsync(new ReportScope(), TestContext.Current.CancellationToken))!;
        Assert.Equal(["Team A", "Team B"], r.Teams.Select(t => t.Team));
        TeamReadiness Of(string keyQuestion, Domain.Organisation.Team team) => r.Standards.SelectMany(x => x.KeyQuestions).Single(k => k.Id == keyQuestion).ByTeam.Single(t => t.TeamId == team.Id);
        TeamStandardBand Band(string standard, Domain.Organisation.Team team) => r.Standards.Single(x => x.Id == standard).ByTeam.Single(t => t.TeamId == team.Id);

        Assert.Equal((1, 1, 0, 50), (Of("2.1.1", p.TeamA).Yes, Of("2.1.1", p.TeamA).No, Of("2.1.1", p.TeamA).NotApplicable, Of("2.1.1", p.TeamA).Percent!.Value));
        Assert.Equal((1, 0, 1, 100), (Of("2.1.1", p.TeamB).Yes, Of("2.1.1", p.TeamB).No, Of("2.1.1", p.TeamB).NotApplicable, Of("2.1.1", p.TeamB).Percent!.Value));
        Assert.Equal(Rating.Outstanding, Band("2.1", p.TeamB).Band);
        Assert.Null(Band("2.2", p.TeamB).Band);
        Assert.Equal("No band: no case applies to 2.2.3.", Band("2.2", p.TeamB).Reason);
        Assert.Equal(Rating.Outstanding, Band("4.2", p.TeamA).Band);
        Assert.Equal("No band: no case applies to 4.2.3.", Band("4.2", p.TeamB).Reason);
        Assert.Equal((0, 1), (Of("4.2.1", p.TeamB).Yes, Of("4.2.1", p.TeamB).No));

        // A team's own report is the same as its column in the provider's.
        var teamA = (await Readiness(s, p).ReadinessAsync(new ReportScope(TeamId: p.TeamA.Id), TestContext.Current.CancellationToken))!;
        Assert.Equal("Team A", teamA.Scope);
        foreach (var k in teamA.Standards.SelectMany(x => x.KeyQuestions))
        {
            var column = Of(k.Id, p.TeamA);
            Assert.Equal((column.Yes, column.No, column.NotApplicable), (k.Yes, k.No, k.NotApplicable));
        }
    }

    [Fact]
    public async Task Readiness_ReadsEachPromptFromTheRecords_TheBadlyRunCaseFailsEveryOne()
    {
        await using var s = Open();
        var p = await ReadinessCasesAsync(s.Db);
        var indicators = s.Services.ServiceProvider.GetRequiredService<ReadinessIndicators>();
        var cases = await Readiness(s, p).CasesAsync(new ReportScope(On: D(11, 26)), TestContext.Current.CancellationToken);
        var x = cases.Supervision.Single(c => c.Case.FirstAllocated == D(3, 2)).Case;
        var expected = new Dictionary<string, string[]>
        {
            ["2.1.1"] = ["The initial assessment was done on 20 Apr 2026, after it was due on 23 Mar 2026", "motivation", "diversity and personal circumstances", "own views"],
            ["2.1.2"] = ["current offence", "Previous convictions", "patterns of offending", "Not every criminogenic need", "strengths", "sources of information"],
            ["2.1.3"] = ["No reasons given", "who is at risk", "police call-out information was not requested", "children's services were not asked"],
            ["2.2.1"] = ["The sentence plan was done on 30 Apr 2026, after it was due on 30 Mar 2026", "how the person took part", "level and pattern of contact", "unpaid work", "accredited programme"],
            ["2.2.2"] = ["not linked to a need or risk factor", "standard wording", "No objective addresses a criminogenic need", "No objective addresses drugs"],
            ["2.2.3"] = ["contingency arrangements", "Domestic abuse is flagged but the plan has no measures", "no child safeguarding measures", "victims"],
            ["2.3.1"] = [
                "The decision on the failure to attend or comply on 2 Sep 2026 was done on 10 Sep 2026, after it was due on 4 Sep 2026",
                "The enforcement decision on the unacceptable failure on 29 Jun 2026 was due on 6 Jul 2026 and is not done",
                "The breach or recall decision on the unacceptable failure on 2 Sep 2026 was due on 9 Sep 2026 and is not done",
                "The referral to Resolve was done on 1 Jun 2026, after it was due on 16 Mar 2026"],
            ["2.3.2"] = ["The rehabilitation activity requirement planned to start on 11 May 2026 has not begun"],
            ["2.3.3"] = ["police call-out information has not been requested", "children's services have not been asked", "No home visit"],
            ["2.4.1"] = ["The review was due on 19 Nov 2026 and is not done", "does not record how the person took part", "neither adjusts the plan nor says why not"],
            ["2.4.2"] = ["factors linked to offending", "no progress against the plan's objectives"],
            ["2.4.3"] = ["new offence or arrest on 1 Aug 2026", "non-compliance reaching the enforcement threshold on 2 Sep 2026", "risk of harm factors", "other agencies", "rose from high to very high"],
        };
        foreach (var (keyQuestion, reasons) in expected)
        {
            var answer = indicators.CaseSupervision(keyQuestion, x, D(11, 26));
            Assert.Equal(Answer.No, answer.Answer);
            Assert.All(reasons, reason => Assert.True(answer.Reasons.Any(r => r.Contains(reason, StringComparison.OrdinalIgnoreCase)), $"{keyQuestion}: no reason with \"{reason}\" in: {string.Join(" | ", answer.Reasons)}"));
        }

        var upw = cases.UnpaidWork.Single(c => c.Case.OrderedHours == 60).Case;
        Assert.Contains("before the first session on 15 Jun 2026", Assert.Single(indicators.UnpaidWork("4.1.1", upw, D(11, 26)).Reasons), StringComparison.Ordinal);
        var compliance = indicators.UnpaidWork("4.1.2", upw, D(11, 26)).Reasons;
        Assert.Contains(compliance, r => r.Contains("session on 22 Jun 2026 is not recorded", StringComparison.Ordinal));
        Assert.Contains(compliance, r => r.Contains("unacceptable failure on 29 Jun 2026", StringComparison.Ordinal));
        Assert.Equal(Answer.No, indicators.UnpaidWork("4.1.3", upw, D(11, 26)).Answer);
        Assert.Contains("remain but only", Assert.Single(indicators.UnpaidWork("4.1.4", upw, D(11, 26)).Reasons), StringComparison.Ordinal);

        var t2 = cases.Custody.Single(c => c.Record.ReceptionDate == D(1, 5)).Record;
        Assert.Equal(
            ["The screening of resettlement needs was done on 20 Jan 2026, after it was due on 12 Jan 2026", "The resettlement plan was due on 17 Sep 2026 and is not done"],
            indicators.ThroughTheGate("4.2.1", t2, D(11, 26)).Reasons);
        var activity = indicators.ThroughTheGate("4.2.2", t2, D(11, 26)).Reasons;
        Assert.Contains(activity, r => r.StartsWith("Accommodation was not secured by 12 Nov 2026", StringComparison.Ordinal));
        Assert.Contains(activity, r => r.Contains("family and relationships", StringComparison.Ordinal));

        // The well-run case answers yes to everything, from the same loading.
        var w = cases.Supervision.Single(c => c.Case.FirstAllocated == D(6, 1)).Case;
        foreach (var k in expected.Keys)
        {
            var answer = indicators.CaseSupervision(k, w, D(11, 26));
            Assert.True(answer.Answer == Answer.Yes, $"{k}: {string.Join(" | ", answer.Reasons)}");
        }
    }

    /// <summary>
    /// Each part of an assessment, plan, review and unpaid work assessment is read from its own column: case i leaves out only
    /// the i-th part of each, and only that part reads as missing.
    /// </summary>
    [Fact]
    public async Task Readiness_ReadsEachRecordedPartFromItsOwnColumn()
    {
        await using var s = Open();
        var p = await CreateAsync(s.Db);
        string[] assessmentParts = ["offence", "convictions", "patterns", "needs", "strengths", "circumstances", "motivation", "views", "sources", "reasons", "who"];
        string[] planParts = ["involvement", "pattern", "contingency", "abuse", "child", "victims"];
        string[] reviewParts = ["offending", "risk", "involvement", "agencies", "adjusted"];
        string[] upwParts = ["health", "public", "supervisors", "diversity"];
        var people = new List<PersonOnProbation>();
        var upws = new List<Requirement>();
        for (var i = 0; i < assessmentParts.Length; i++)
        {
            var upw = UnpaidWorkHours(20);
            var c = p.Case(OrderType.CommunityOrder, D(9, 1), 12, p.A1, D(9, 1), RoshLevel.High, requirements: [upw]);
            var a = Assessment(D(9, 1), D(9, 8), RoshLevel.High, complete: true, needsRated: assessmentParts[i] == "needs" ? 9 : 10);
            switch (assessmentParts[i])
            {
                case "offence": a.CurrentOffence = null; break;
                case "convictions": a.PreviousConvictionsReviewed = false; break;
                case "patterns": a.PatternsOfOffending = " "; break;
                case "strengths": a.Strengths = null; break;
                case "circumstances": a.DiversityAndCircumstances = null; break;
                case "motivation": a.Motivation = null; break;
                case "views": a.PersonsViews = null; break;
                case "sources": a.InformationSources = null; break;
                case "reasons": a.RoshReasons = null; break;
                case "who": a.WhoIsAtRisk = null; break;
            }

            c.Assessments.Add(a);
            c.Plan = Plan(D(9, 15), complete: true, (ObjectiveLinks.Alcohol, null));
            switch (i < planParts.Length ? planParts[i] : null)
            {
                case "involvement": c.Plan.PersonsInvolvement = string.Empty; break;
                case "pattern": c.Plan.ContactPattern = null; break;
                case "contingency": c.Plan.ContingencyArrangements = null; break;
                case "abuse": c.Plan.DomesticAbuseMeasures = null; break;
                case "child": c.Plan.ChildSafeguardingMeasures = null; break;
                case "victims": c.Plan.VictimSafety = null; break;
            }

            var review = Review(D(10, 20), ReviewKind.Scheduled, true, c.Plan);
            switch (i < reviewParts.Length ? reviewParts[i] : null)
            {
                case "offending": review.OffendingFactorChanges = string.Empty; break;
                case "risk": review.RiskFactorChanges = string.Empty; break;
                case "involvement": review.PersonsInvolvement = string.Empty; break;
                case "agencies": review.OtherAgencyInput = null; break;
                case "adjusted": review.PlanAdjusted = false; break;
            }

            c.Reviews.Add(review);
            people.Add(c);
            upws.Add(upw);
        }

        await s.Db.SaveChangesAsync();
        for (var i = 0; i < people.Count; i++)
        {
            var a = UpwAssessment(people[i], D(9, 10), complete: true);
            switch (i < upwParts.Length ? upwParts[i] : null)
            {
                case "health": a.Health = string.Empty; break;
                case "public": a.RiskToPublic = string.Empty; break;
                case "supervisors": a.RiskToSupervisors = string.Empty; break;
                case "diversity": a.DiversityNeeds = string.Empty; break;
            }

            s.Db.UnpaidWorkAssessments.Add(a);
        }

        await s.Db.SaveChangesAsync();
        var cases = await Readiness(s, p).CasesAsync(new ReportScope(On: D(11, 26)), TestContext.Current.CancellationToken);
        for (var i = 0; i < people.Count; i++)
        {
            var c = cases.Supervision.Single(x => x.PersonId == people[i].Id).Case;
            var a = c.Initial!;
            var readAssessment = new Dictionary<string, bool>
            {
                ["offence"] = a.OffenceAnalysed,
                ["convictions"] = a.PreviousConvictionsReviewed,
                ["patterns"] = a.PatternsOfOffending,
                ["needs"] = a.AllNeedsRated,
                ["strengths"] = a.Strengths,
                ["circumstances"] = a.Circumstances,
                ["motivation"] = a.Motivation,
                ["views"] = a.PersonsViews,
                ["sources"] = a.InformationSources,
                ["reasons"] = a.RoshReasons,
                ["who"] = a.WhoIsAtRisk,
            };
            var plan = c.Plan!;
            var readPlan = new Dictionary<string, bool>
            {
                ["involvement"] = plan.PersonsInvolvement,
                ["pattern"] = plan.ContactPattern,
                ["contingency"] = plan.ContingencyArrangements,
                ["abuse"] = plan.DomesticAbuseMeasures,
                ["child"] = plan.ChildSafeguardingMeasures,
                ["victims"] = plan.VictimSafety,
            };
            var review = Assert.Single(c.Reviews);
            var readReview = new Dictionary<string, bool>
            {
                ["offending"] = review.OffendingFactorChanges,
                ["risk"] = review.RiskFactorChanges,
                ["involvement"] = review.PersonsInvolvement,
                ["agencies"] = review.OtherAgencyInput,
                ["adjusted"] = review.PlanAdjustedOrWhyNot,
            };
            var upw = cases.UnpaidWork.Single(x => x.PersonId == people[i].Id).Case.Assessment!;
            var readUpw = new Dictionary<string, bool> { ["health"] = upw.Health, ["public"] = upw.RiskToPublic, ["supervisors"] = upw.RiskToSupervisors, ["diversity"] = upw.DiversityNeeds };

            Assert.Equal([assessmentParts[i]], readAssessment.Where(x => !x.Value).Select(x => x.Key));
            Assert.Equal(i < planParts.Length ? [planParts[i]] : [], readPlan.Where(x => !x.Value).Select(x => x.Key));
            Assert.Equal(i < reviewParts.Length ? [reviewParts[i]] : [], readReview.Where(x => !x.Value).Select(x => x.Key));
            Assert.Equal(i < upwParts.Length ? [upwParts[i]] : [], readUpw.Where(x => !x.Value).Select(x => x.Key));
            Assert.Equal(4, plan.ContactsPerMonth);
            Assert.Equal(1, review.ObjectivesReviewed);
        }
    }

    [Fact]
    public async Task Readiness_OnAnEarlierDay_ReadsTheRecordsAsTheyStoodThen()
    {
        await using var s = Open();
        var p = await ReadinessCasesAsync(s.Db);
        var r = (await Readiness(s, p).ReadinessAsync(new ReportScope(On: D(3, 10)), TestContext.Current.CancellationToken))!;

        // On 10 March only X (allocated 2 March), T1 (1 March) and T2 (1 January) were held. X's assessment, done on 20 April,
        // was not yet due (23 March); T2's plan was not due until September; T1 had been screened on 5 March.
        Assert.Equal([1, 1, 1, 1, 1, 2], r.Standards.Select(x => x.Cases));
        var kq = r.Standards.SelectMany(x => x.KeyQuestions).ToDictionary(k => k.Id);
        Assert.Equal((0, 0, 1), (kq["2.1.1"].Yes, kq["2.1.1"].No, kq["2.1.1"].NotApplicable));
        Assert.Equal((0, 0, 2), (kq["4.2.1"].Yes, kq["4.2.1"].No, kq["4.2.1"].NotApplicable));
        Assert.Null(r.Standards[0].Band);
    }
}

public sealed class SqliteTimelinessAndReadinessTests(ProbationAppFactory app) : TimelinessAndReadinessTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresTimelinessAndReadinessTests(PostgresAppFactory app) : TimelinessAndReadinessTests(app), IClassFixture<PostgresAppFactory>;
