using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Domain.Tests;

/// <summary>Every practice alert: not yet due, due, resolved by the work, and held off by a manager's exception.</summary>
public sealed class SafetyNetTests
{
    // Allocated Monday 2 March 2026 (no bank holidays for weeks around it).
    private static readonly DateOnly Allocated = new(2026, 3, 2);
    private static readonly SafetyNet Net = new(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales);

    /// <summary>A case with every piece of work done on time: it raises nothing.</summary>
    private static CaseSnapshot WellRun(OrderType type = OrderType.CommunityOrder) => new(
        type, Allocated, Allocated, RoshLevel.Medium, CurrentDomesticAbuse: true, ChildProtection: true, RiskToChildren: true,
        new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.UnpaidWork },
        [new AssessmentRecord(AssessmentKind.Initial, Allocated, Allocated.AddDays(10), RoshLevel.Medium)],
        [
            new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, Allocated.AddDays(1), Allocated.AddDays(6)),
            new AgencyCheckRecord(AgencyCheckKind.ChildrensServices, Allocated.AddDays(1), Allocated.AddDays(8)),
        ],
        new PlanRecord(Allocated.AddDays(20), true, true, true, new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.UnpaidWork }),
        [new ContactRecord(Allocated.AddDays(30), ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied)],
        [],
        [],
        [new ReviewRecord(ReviewKind.Scheduled, Allocated.AddDays(100))],
        []);

    private static IReadOnlyList<AlertCode> Codes(CaseSnapshot c, DateOnly today) => Net.Evaluate(c, today).Select(a => a.Code).ToList();

    [Fact]
    public void WellRunCase_RaisesNothing_FourMonthsIn() =>
        Assert.Empty(Net.Evaluate(WellRun(), Allocated.AddDays(110)));

    [Theory]
    [InlineData(0, false)]
    [InlineData(21, false)] // 15 working days after 2 March is 23 March: due, not yet overdue
    [InlineData(22, true)]
    public void InitialAssessmentOverdue_AfterFifteenWorkingDays(int daysAfter, bool raised)
    {
        var c = WellRun() with { Assessments = [] };
        Assert.Equal(raised, Codes(c, Allocated.AddDays(daysAfter)).Contains(AlertCode.InitialAssessmentOverdue));
    }

    [Fact]
    public void InitialAssessmentOverdue_IsResolvedByCompletingIt_AndHeldOffByAnException()
    {
        var late = Allocated.AddDays(40);
        var missing = WellRun() with { Assessments = [new AssessmentRecord(AssessmentKind.Initial, Allocated, null, null)] };
        Assert.Contains(AlertCode.InitialAssessmentOverdue, Codes(missing, late));
        Assert.DoesNotContain(AlertCode.InitialAssessmentOverdue, Codes(WellRun(), late));
        var excepted = missing with { Exceptions = [new AlertException(AlertCode.InitialAssessmentOverdue, "Person in hospital; assessment booked for 20 April", late.AddDays(5))] };
        Assert.DoesNotContain(AlertCode.InitialAssessmentOverdue, Codes(excepted, late));
        Assert.Contains(AlertCode.InitialAssessmentOverdue, Codes(excepted, late.AddDays(6)));
    }

    [Theory]
    [InlineData(7, false)] // 5 working days after 2 March is 9 March
    [InlineData(8, true)]
    public void PoliceCheckNotRequested_OnADomesticAbuseCase(int daysAfter, bool raised)
    {
        var c = WellRun() with { Checks = [] };
        Assert.Equal(raised, Codes(c, Allocated.AddDays(daysAfter)).Contains(AlertCode.PoliceCheckNotRequested));
        Assert.DoesNotContain(AlertCode.PoliceCheckNotRequested, Codes(c with { CurrentDomesticAbuse = false }, Allocated.AddDays(daysAfter)));
    }

    [Fact]
    public void PoliceCheckNotRequested_IsResolvedByARecordedReasonItIsNotNeeded()
    {
        var c = WellRun() with { Checks = [new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, null, null, "Police confirm no call-outs: checked at court")] };
        Assert.DoesNotContain(AlertCode.PoliceCheckNotRequested, Codes(c, Allocated.AddDays(30)));
    }

    [Theory]
    [InlineData(14, false)] // requested 3 March; 10 working days later is 17 March
    [InlineData(16, true)]
    public void PoliceCheckAwaitingResponse_AfterTenWorkingDays(int daysAfter, bool raised)
    {
        var c = WellRun() with { Checks = [new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, Allocated.AddDays(1), null)] };
        Assert.Equal(raised, Codes(c, Allocated.AddDays(daysAfter)).Contains(AlertCode.PoliceCheckAwaitingResponse));
    }

    [Fact]
    public void PoliceCheckNotRefreshed_SixMonthsAfterTheAnswer_UntilANewRequest()
    {
        var answered = Allocated.AddDays(6);
        Assert.DoesNotContain(AlertCode.PoliceCheckNotRefreshed, Codes(WellRun(), answered.AddMonths(6)));
        Assert.Contains(AlertCode.PoliceCheckNotRefreshed, Codes(WellRun(), answered.AddMonths(6).AddDays(1)));
        var refreshed = WellRun() with
        {
            Checks = [.. WellRun().Checks, new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, answered.AddMonths(6), answered.AddMonths(6).AddDays(3))],
        };
        Assert.DoesNotContain(AlertCode.PoliceCheckNotRefreshed, Codes(refreshed, answered.AddMonths(6).AddDays(5)));
    }

    [Fact]
    public void ChildrenServicesCheckNotRequested_WhenAChildIsAtRisk()
    {
        var c = WellRun() with { Checks = [WellRun().Checks[0]] };
        Assert.Contains(AlertCode.ChildrenServicesCheckNotRequested, Codes(c, Allocated.AddDays(10)));
        Assert.DoesNotContain(AlertCode.ChildrenServicesCheckNotRequested, Codes(c with { ChildProtection = false, RiskToChildren = false }, Allocated.AddDays(10)));
    }

    [Theory]
    [InlineData(15, false)] // requested 3 March; 10 working days later is 17 March
    [InlineData(16, true)]
    public void ChildrenServicesCheckAwaitingResponse_AfterTenWorkingDays(int daysAfter, bool raised)
    {
        var c = WellRun() with { Checks = [WellRun().Checks[0], new AgencyCheckRecord(AgencyCheckKind.ChildrensServices, Allocated.AddDays(1), null)] };
        Assert.Equal(raised, Codes(c, Allocated.AddDays(daysAfter)).Contains(AlertCode.ChildrenServicesCheckAwaitingResponse));
        Assert.DoesNotContain(AlertCode.ChildrenServicesCheckAwaitingResponse, Codes(WellRun(), Allocated.AddDays(daysAfter)));
    }

    [Fact]
    public void ChildrenServicesCheckNotRefreshed_SixMonthsAfterTheAnswer_UntilANewRequest()
    {
        var answered = Allocated.AddDays(8);
        var stale = Net.Evaluate(WellRun(), answered.AddMonths(6).AddDays(1)).Single(a => a.Code == AlertCode.ChildrenServicesCheckNotRefreshed);
        Assert.Equal(answered.AddMonths(6), stale.DueOn);
        Assert.Contains("not been refreshed since 10 Mar 2026", stale.Reason);
        Assert.DoesNotContain(AlertCode.ChildrenServicesCheckNotRefreshed, Codes(WellRun(), answered.AddMonths(6)));

        var asked = WellRun() with
        {
            Checks = [.. WellRun().Checks, new AgencyCheckRecord(AgencyCheckKind.ChildrensServices, answered.AddMonths(6), null)],
        };
        var codes = Codes(asked, answered.AddMonths(6).AddDays(5));
        Assert.DoesNotContain(AlertCode.ChildrenServicesCheckNotRefreshed, codes);
        Assert.DoesNotContain(AlertCode.ChildrenServicesCheckAwaitingResponse, codes);
    }

    [Fact]
    public void ChildrenServicesCheckRefresh_FollowsItsOwnSetting()
    {
        var net = new SafetyNet(new SafetyNetOptions { ChildrenServicesCheckRefreshMonths = 3 }, WorkingDayCalendar.EnglandAndWales);
        var answered = Allocated.AddDays(8);
        var codes = net.Evaluate(WellRun(), answered.AddMonths(3).AddDays(1)).Select(a => a.Code).ToList();
        Assert.Contains(AlertCode.ChildrenServicesCheckNotRefreshed, codes);
        Assert.DoesNotContain(AlertCode.PoliceCheckNotRefreshed, codes);
    }

    [Theory]
    [InlineData(27, false)] // 20 working days after 2 March is 30 March
    [InlineData(29, true)]
    public void PlanOverdue_AfterTwentyWorkingDays(int daysAfter, bool raised) =>
        Assert.Equal(raised, Codes(WellRun() with { Plan = null }, Allocated.AddDays(daysAfter)).Contains(AlertCode.PlanOverdue));

    [Theory]
    [InlineData(AlertCode.DomesticAbuseNotAddressedInPlan)]
    [InlineData(AlertCode.ChildSafeguardingNotAddressedInPlan)]
    [InlineData(AlertCode.NoContingencyArrangements)]
    [InlineData(AlertCode.RequirementNotScheduled)]
    public void PlanGaps_AreRaisedOnceThePlanIsCompleted_AndResolvedWhenMended(AlertCode code)
    {
        var plan = WellRun().Plan!;
        var gap = code switch
        {
            AlertCode.DomesticAbuseNotAddressedInPlan => plan with { AddressesDomesticAbuse = false },
            AlertCode.ChildSafeguardingNotAddressedInPlan => plan with { AddressesChildSafeguarding = false },
            AlertCode.NoContingencyArrangements => plan with { HasContingencyArrangements = false },
            _ => plan with { RequirementsScheduled = new HashSet<RequirementType> { RequirementType.RehabilitationActivity } },
        };
        var c = WellRun() with { Plan = gap };
        Assert.DoesNotContain(code, Codes(c, plan.CompletedOn!.Value));
        Assert.Contains(code, Codes(c, plan.CompletedOn!.Value.AddDays(1)));
        Assert.DoesNotContain(code, Codes(WellRun(), plan.CompletedOn!.Value.AddDays(1)));
    }

    [Fact]
    public void NoContingencyArrangements_NotRequiredAtLowRisk()
    {
        var c = WellRun() with { CurrentRosh = RoshLevel.Low, Plan = WellRun().Plan! with { HasContingencyArrangements = false } };
        Assert.DoesNotContain(AlertCode.NoContingencyArrangements, Codes(c, Allocated.AddDays(40)));
    }

    [Fact]
    public void AbsenceAwaitingDecision_TwoWorkingDaysAfterTheAbsence_UntilDecided()
    {
        // An absence recorded on Easter Monday (6 April 2026): the two working days are 8 and 9 April.
        var absence = new ContactRecord(Allocated.AddDays(35), ContactKind.Office, ContactOutcome.FailedToAttend);
        var c = WellRun() with { Contacts = [.. WellRun().Contacts, absence] };
        Assert.DoesNotContain(AlertCode.AbsenceAwaitingDecision, Codes(c, new DateOnly(2026, 4, 9)));
        Assert.Contains(AlertCode.AbsenceAwaitingDecision, Codes(c, new DateOnly(2026, 4, 10)));
        var decided = WellRun() with { Contacts = [.. WellRun().Contacts, absence with { Decision = AbsenceDecision.Acceptable }] };
        Assert.DoesNotContain(AlertCode.AbsenceAwaitingDecision, Codes(decided, new DateOnly(2026, 4, 10)));
    }

    [Theory]
    [InlineData(OrderType.CommunityOrder, 2)]
    [InlineData(OrderType.SuspendedSentenceOrder, 2)]
    [InlineData(OrderType.Licence, 1)]
    [InlineData(OrderType.PostSentenceSupervision, 1)]
    public void EnforcementThreshold_PerOrderType(OrderType type, int threshold) =>
        Assert.Equal(threshold, EnforcementRules.Threshold(type));

    [Fact]
    public void Enforcement_CommunityOrder_FirstFailureNeedsAWarning_SecondWithinTwelveMonthsNeedsABreachDecision()
    {
        var first = new ContactRecord(Allocated.AddDays(40), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var second = new ContactRecord(Allocated.AddDays(80), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var warned = new EnforcementRecord(Allocated.AddDays(41), EnforcementKind.Warning);
        var oneFailure = WellRun() with { Contacts = [first] };
        Assert.Contains(AlertCode.EnforcementDecisionDue, Codes(oneFailure, Allocated.AddDays(50)));
        Assert.DoesNotContain(AlertCode.EnforcementDecisionDue, Codes(oneFailure with { Enforcement = [warned] }, Allocated.AddDays(50)));

        var twoFailures = WellRun() with { Contacts = [first, second], Enforcement = [warned, new EnforcementRecord(Allocated.AddDays(81), EnforcementKind.Warning)] };
        var alert = Net.Evaluate(twoFailures, Allocated.AddDays(90)).Single(a => a.Code == AlertCode.EnforcementDecisionDue);
        Assert.Contains("breach decision (failure 2 within 12 months)", alert.Reason);
        var breached = twoFailures with { Enforcement = [warned, new EnforcementRecord(Allocated.AddDays(82), EnforcementKind.BreachInitiated)] };
        Assert.DoesNotContain(AlertCode.EnforcementDecisionDue, Codes(breached, Allocated.AddDays(90)));
    }

    [Fact]
    public void Enforcement_FailuresMoreThanTwelveMonthsApart_DoNotReachTheBreachThreshold()
    {
        var start = Allocated.AddDays(-400);
        var first = new ContactRecord(start, ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var second = new ContactRecord(start.AddDays(370), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var c = WellRun() with
        {
            Contacts = [first, second],
            Enforcement = [new EnforcementRecord(start.AddDays(1), EnforcementKind.Warning), new EnforcementRecord(start.AddDays(371), EnforcementKind.Warning)],
        };
        Assert.DoesNotContain(AlertCode.EnforcementDecisionDue, Codes(c, Allocated.AddDays(10)));
    }

    [Fact]
    public void Enforcement_Licence_FirstFailureNeedsARecallDecision_AWarningIsNotEnough()
    {
        var failure = new ContactRecord(Allocated.AddDays(40), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var c = WellRun(OrderType.Licence) with { Contacts = [failure], Enforcement = [new EnforcementRecord(Allocated.AddDays(41), EnforcementKind.Warning)] };
        Assert.Contains(AlertCode.EnforcementDecisionDue, Codes(c, Allocated.AddDays(50)));
        var recall = c with { Enforcement = [new EnforcementRecord(Allocated.AddDays(41), EnforcementKind.RecallRequested)] };
        Assert.DoesNotContain(AlertCode.EnforcementDecisionDue, Codes(recall, Allocated.AddDays(50)));
    }

    [Fact]
    public void MonitoringViolation_NeedsADecisionNextWorkingDay()
    {
        var violation = new SignificantEventRecord(Allocated.AddDays(45), SignificantEventKind.MonitoringViolation);
        var c = WellRun() with { Events = [violation] };
        Assert.DoesNotContain(AlertCode.MonitoringViolationNotActioned, Codes(c, Allocated.AddDays(46)));
        Assert.Contains(AlertCode.MonitoringViolationNotActioned, Codes(c, Allocated.AddDays(47)));
        Assert.DoesNotContain(AlertCode.MonitoringViolationNotActioned, Codes(c with { Events = [violation with { Actioned = true }] }, Allocated.AddDays(47)));
    }

    [Fact]
    public void ReviewOverdue_SixteenWeeksAfterTheLastReview()
    {
        var last = WellRun().Reviews[0].CompletedOn;
        Assert.DoesNotContain(AlertCode.ReviewOverdue, Codes(WellRun(), last.AddDays(112)));
        Assert.Contains(AlertCode.ReviewOverdue, Codes(WellRun(), last.AddDays(113)));
        var reviewedAgain = WellRun() with { Reviews = [.. WellRun().Reviews, new ReviewRecord(ReviewKind.Scheduled, last.AddDays(110))] };
        Assert.DoesNotContain(AlertCode.ReviewOverdue, Codes(reviewedAgain, last.AddDays(113)));
    }

    [Theory]
    [InlineData(SignificantEventKind.PoliceDomesticAbuseCallOut)]
    [InlineData(SignificantEventKind.HospitalAdmissionOfPartnerOrChild)]
    [InlineData(SignificantEventKind.NewOffenceOrArrest)]
    [InlineData(SignificantEventKind.ReleaseFromCustody)]
    public void TriggeredReviewOverdue_TenWorkingDaysAfterASignificantEvent_UntilReviewed(SignificantEventKind kind)
    {
        // Tuesday 21 April 2026; ten working days, skipping the early May bank holiday, end on 6 May.
        var on = Allocated.AddDays(50);
        var c = WellRun() with { Events = [new SignificantEventRecord(on, kind)], Reviews = [] };
        Assert.DoesNotContain(AlertCode.TriggeredReviewOverdue, Codes(c, new DateOnly(2026, 5, 6)));
        Assert.Contains(AlertCode.TriggeredReviewOverdue, Codes(c, new DateOnly(2026, 5, 7)));
        Assert.DoesNotContain(AlertCode.TriggeredReviewOverdue, Codes(c with { Reviews = [new ReviewRecord(ReviewKind.Triggered, on.AddDays(3))] }, new DateOnly(2026, 5, 7)));
    }

    [Fact]
    public void ReachingTheBreachThreshold_MakesAReviewDue_WithoutAnyoneRecordingAnEvent()
    {
        // Failures on Monday 11 May and Monday 1 June 2026, each decided in time; no review since the plan.
        var first = new ContactRecord(new DateOnly(2026, 5, 11), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var second = new ContactRecord(new DateOnly(2026, 6, 1), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var c = WellRun() with
        {
            Contacts = [.. WellRun().Contacts, first, second],
            Enforcement = [new EnforcementRecord(first.On, EnforcementKind.Warning), new EnforcementRecord(second.On.AddDays(1), EnforcementKind.BreachInitiated)],
            Reviews = [],
        };
        Assert.DoesNotContain(AlertCode.TriggeredReviewOverdue, Codes(c with { Contacts = [.. WellRun().Contacts, first] }, new DateOnly(2026, 6, 30)));

        // Ten working days after 1 June is 15 June.
        Assert.DoesNotContain(AlertCode.TriggeredReviewOverdue, Codes(c, new DateOnly(2026, 6, 15)));
        var alert = Net.Evaluate(c, new DateOnly(2026, 6, 16)).Single(a => a.Code == AlertCode.TriggeredReviewOverdue);
        Assert.Equal("Non-compliance reached the enforcement threshold on 1 Jun 2026 and has not been followed by a review", alert.Reason);
        Assert.Equal(AlertSeverity.High, alert.Severity);
        Assert.Equal("reviews", alert.Resolve);

        Assert.DoesNotContain(AlertCode.TriggeredReviewOverdue, Codes(c with { Reviews = [new ReviewRecord(ReviewKind.Triggered, second.On.AddDays(4))] }, new DateOnly(2026, 6, 16)));
        Assert.Contains(AlertCode.TriggeredReviewOverdue, Codes(c with { Reviews = [new ReviewRecord(ReviewKind.Triggered, second.On.AddDays(-1))] }, new DateOnly(2026, 6, 16)));

        // Recorded as an event too, it is still one review owed, not two alerts.
        var recorded = c with { Events = [new SignificantEventRecord(second.On, SignificantEventKind.NonComplianceThreshold)] };
        Assert.Single(Net.Evaluate(recorded, new DateOnly(2026, 6, 16)), a => a.Code == AlertCode.TriggeredReviewOverdue);
    }

    [Fact]
    public void ReachingTheRecallThreshold_OnALicence_MakesAReviewDueAfterTheFirstFailure()
    {
        var failure = new ContactRecord(new DateOnly(2026, 6, 1), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable);
        var c = WellRun(OrderType.Licence) with
        {
            Contacts = [.. WellRun().Contacts, failure],
            Enforcement = [new EnforcementRecord(failure.On, EnforcementKind.RecallRequested)],
            Reviews = [],
        };
        Assert.Contains(AlertCode.TriggeredReviewOverdue, Codes(c, new DateOnly(2026, 6, 16)));
        Assert.DoesNotContain(AlertCode.TriggeredReviewOverdue, Codes(c with { Contacts = [.. WellRun().Contacts, failure with { Decision = AbsenceDecision.Acceptable }] }, new DateOnly(2026, 6, 16)));
    }

    [Fact]
    public void RiskIncreasedWithoutReview_WhenTheLatestAssessmentRaisesRosh()
    {
        var raised = WellRun() with
        {
            Assessments = [.. WellRun().Assessments, new AssessmentRecord(AssessmentKind.SignificantChange, Allocated.AddDays(60), Allocated.AddDays(61), RoshLevel.High)],
            Reviews = [new ReviewRecord(ReviewKind.Scheduled, Allocated.AddDays(50))],
        };
        Assert.Contains(AlertCode.RiskIncreasedWithoutReview, Codes(raised, Allocated.AddDays(62)));
        Assert.DoesNotContain(AlertCode.RiskIncreasedWithoutReview, Codes(raised with { Reviews = [.. raised.Reviews, new ReviewRecord(ReviewKind.Triggered, Allocated.AddDays(62))] }, Allocated.AddDays(63)));
        var lowered = raised with { Assessments = [WellRun().Assessments[0], new AssessmentRecord(AssessmentKind.Review, Allocated.AddDays(60), Allocated.AddDays(61), RoshLevel.Low)] };
        Assert.DoesNotContain(AlertCode.RiskIncreasedWithoutReview, Codes(lowered, Allocated.AddDays(62)));
    }

    [Fact]
    public void HomeVisitOverdue_OnADomesticAbuseOrChildCase_NinetyDaysWithoutAVisit()
    {
        var noVisit = WellRun() with { Contacts = [] };
        Assert.DoesNotContain(AlertCode.HomeVisitOverdue, Codes(noVisit, Allocated.AddDays(90)));
        Assert.Contains(AlertCode.HomeVisitOverdue, Codes(noVisit, Allocated.AddDays(91)));
        var missedVisit = WellRun() with { Contacts = [new ContactRecord(Allocated.AddDays(30), ContactKind.HomeVisit, ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable)] };
        Assert.Contains(AlertCode.HomeVisitOverdue, Codes(missedVisit, Allocated.AddDays(91)));
        Assert.DoesNotContain(AlertCode.HomeVisitOverdue, Codes(noVisit with { CurrentDomesticAbuse = false, ChildProtection = false, RiskToChildren = false }, Allocated.AddDays(91)));
    }

    [Fact]
    public void Alerts_CarryAReasonAndWhereToResolveThem_HighestSeverityFirst()
    {
        var neglected = WellRun() with { Assessments = [], Checks = [], Plan = null, Contacts = [], Reviews = [] };
        var alerts = Net.Evaluate(neglected, Allocated.AddDays(200));
        Assert.True(alerts.Count >= 6);
        Assert.All(alerts, a => Assert.False(string.IsNullOrWhiteSpace(a.Reason)));
        Assert.All(alerts, a => Assert.Contains(a.Resolve, new[] { "assessment", "checks", "plan", "contacts", "enforcement", "events", "reviews" }));
        Assert.Equal(alerts.OrderByDescending(a => a.Severity).Select(a => a.Severity), alerts.Select(a => a.Severity));
    }

    // 10 working days after Monday 2 March 2026 is Monday 16 March: due then, overdue from the 17th.
    [Theory]
    [InlineData(null, false, 13, false)]
    [InlineData(null, false, 14, false)]
    [InlineData(null, false, 15, true)]
    [InlineData(AccreditedProgramme.BuildingBetterRelationships, false, 15, true)]
    [InlineData(AccreditedProgramme.BuildingBetterRelationships, true, 15, false)]
    [InlineData(AccreditedProgramme.Resolve, true, 200, false)]
    public void ProgrammeNotReferred_TenWorkingDaysAfterAllocation(AccreditedProgramme? programme, bool referred, int daysAfter, bool raised)
    {
        var c = WellRun() with { Programmes = [new Programmes.ProgrammeRequirementRecord(programme, referred)] };
        Assert.Equal(raised, Codes(c, Allocated.AddDays(daysAfter)).Contains(AlertCode.ProgrammeNotReferred));
    }

    [Fact]
    public void ProgrammeNotReferred_NamesTheProgramme_NotRaisedUnallocatedOrWithoutTheRecord_AndHeldOffByAnException()
    {
        var c = WellRun() with { Programmes = [new Programmes.ProgrammeRequirementRecord(AccreditedProgramme.BuildingBetterRelationships, false)] };
        var alert = Net.Evaluate(c, Allocated.AddDays(30)).Single(a => a.Code == AlertCode.ProgrammeNotReferred);
        Assert.Contains("Building Better Relationships", alert.Reason, StringComparison.Ordinal);
        Assert.Equal("programme-referral", alert.Resolve);
        Assert.Equal(new DateOnly(2026, 3, 16), alert.DueOn);
        Assert.DoesNotContain(AlertCode.ProgrammeNotReferred, Codes(c with { AllocatedOn = null }, Allocated.AddDays(30)));
        Assert.DoesNotContain(AlertCode.ProgrammeNotReferred, Codes(WellRun(), Allocated.AddDays(30)));
        var excepted = c with { Exceptions = [new AlertException(AlertCode.ProgrammeNotReferred, "Awaiting a court variation of the requirement", Allocated.AddDays(40))] };
        Assert.DoesNotContain(AlertCode.ProgrammeNotReferred, Codes(excepted, Allocated.AddDays(30)));
    }

    [Fact]
    public void ProgrammeNotReferred_FromTheCaseRecord_AWithdrawnReferralLeavesItUnmet()
    {
        var requirement = new Requirement { Id = 5, Type = RequirementType.AccreditedProgramme, Programme = AccreditedProgramme.ThinkingSkillsProgramme };
        var order = new Order { Court = "Teesside", StartDate = Allocated, EndDate = Allocated.AddMonths(12), Requirements = [requirement, new Requirement { Id = 6, Type = RequirementType.UnpaidWork, UnpaidWorkHours = 100 }] };
        var referral = new Programmes.ProgrammeReferral { RequirementId = 5, Programme = AccreditedProgramme.ThinkingSkillsProgramme, ReferredBy = "po", Status = Programmes.ReferralStatus.Withdrawn };
        Assert.Equal([new Programmes.ProgrammeRequirementRecord(AccreditedProgramme.ThinkingSkillsProgramme, false)], Programmes.ProgrammeRequirementRecord.Of(order, [referral]));
        referral.Status = Programmes.ReferralStatus.OnWaitingList;
        Assert.Equal([new Programmes.ProgrammeRequirementRecord(AccreditedProgramme.ThinkingSkillsProgramme, true)], Programmes.ProgrammeRequirementRecord.Of(order, [referral]));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(10, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void ProgrammeReferralWorkingDays_IsValidated(int days, bool valid) =>
        Assert.Equal(valid, new SafetyNetOptions { ProgrammeReferralWorkingDays = days }.Validate().Count == 0);

    // Unpaid work: 120 hours from 2 March 2026 must be finished by 2 March 2027. The alert waits four weeks from the start.
    private static UnpaidWork.UnpaidWorkBookingRecord Worked(DateOnly on, int minutes) =>
        new(on, new TimeOnly(9, 0), new TimeOnly(9, 0).AddMinutes(minutes), UnpaidWork.AttendanceOutcome.AttendedAndWorked, minutes, UnpaidWork.PlacementKind.Group);

    private static UnpaidWork.UnpaidWorkBookingRecord Booked(DateOnly on) =>
        new(on, new TimeOnly(9, 0), new TimeOnly(16, 0), null, 0, UnpaidWork.PlacementKind.Group);

    [Theory]
    [InlineData(28, false)] // nothing worked or booked, but within the four weeks allowed to assess, induct and book
    [InlineData(29, true)]
    public void UnpaidWorkDeadlineAtRisk_NothingBookedOrWorked_AfterFourWeeks(int daysAfter, bool raised)
    {
        var c = WellRun() with { UnpaidWork = new UnpaidWork.UnpaidWorkSnapshot(120, Allocated, []) };
        Assert.Equal(raised, Codes(c, Allocated.AddDays(daysAfter)).Contains(AlertCode.UnpaidWorkDeadlineAtRisk));
    }

    [Fact]
    public void UnpaidWorkDeadlineAtRisk_NotDue_WhenTheWeeklyRateWorkedMeetsTheDeadline()
    {
        // A seven-hour day every week from 9 March: by 11 May, 10 weeks x 7 = 70 hours; 50 remain, 42 weeks left at 7 hours.
        var weekly = Enumerable.Range(0, 10).Select(w => Worked(Allocated.AddDays(7 + 7 * w), 420)).ToList();
        var onTrack = WellRun() with { UnpaidWork = new UnpaidWork.UnpaidWorkSnapshot(120, Allocated, weekly) };
        Assert.DoesNotContain(AlertCode.UnpaidWorkDeadlineAtRisk, Codes(onTrack, Allocated.AddDays(72)));

        // One day worked in ten weeks: about 42 minutes a week cannot finish 113 hours by the deadline.
        var slow = WellRun() with { UnpaidWork = new UnpaidWork.UnpaidWorkSnapshot(120, Allocated, [Worked(Allocated.AddDays(7), 420)]) };
        var alert = Net.Evaluate(slow, Allocated.AddDays(72)).Single(a => a.Code == AlertCode.UnpaidWorkDeadlineAtRisk);
        Assert.Equal("unpaid-work", alert.Resolve);
        Assert.StartsWith("113 hours of unpaid work remain", alert.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnpaidWorkDeadlineAtRisk_IsResolvedByBookingEnoughSessions_OrFinishingTheHours()
    {
        var today = Allocated.AddDays(72);
        var slow = WellRun() with { UnpaidWork = new UnpaidWork.UnpaidWorkSnapshot(21, Allocated, [Worked(Allocated.AddDays(7), 60)]) };
        Assert.Contains(AlertCode.UnpaidWorkDeadlineAtRisk, Codes(slow, today));

        // 20 hours remain; three seven-hour sessions booked before the deadline cover them.
        var booked = slow with { UnpaidWork = slow.UnpaidWork! with { Bookings = [.. slow.UnpaidWork.Bookings, Booked(today.AddDays(1)), Booked(today.AddDays(8)), Booked(today.AddDays(15))] } };
        Assert.DoesNotContain(AlertCode.UnpaidWorkDeadlineAtRisk, Codes(booked, today));

        // Two are not enough (14 of 20 hours), and a session booked after the deadline does not count.
        var tooFew = slow with { UnpaidWork = slow.UnpaidWork! with { Bookings = [.. slow.UnpaidWork.Bookings, Booked(today.AddDays(1)), Booked(today.AddDays(8)), Booked(Allocated.AddMonths(12).AddDays(1))] } };
        Assert.Contains(AlertCode.UnpaidWorkDeadlineAtRisk, Codes(tooFew, today));

        var finished = WellRun() with { UnpaidWork = new UnpaidWork.UnpaidWorkSnapshot(2, Allocated, [Worked(Allocated.AddDays(7), 120)]) };
        Assert.DoesNotContain(AlertCode.UnpaidWorkDeadlineAtRisk, Codes(finished, Allocated.AddDays(300)));
        var excepted = tooFew with { Exceptions = [new AlertException(AlertCode.UnpaidWorkDeadlineAtRisk, "Extension applied for at court", today.AddDays(10))] };
        Assert.DoesNotContain(AlertCode.UnpaidWorkDeadlineAtRisk, Codes(excepted, today));
    }
}
