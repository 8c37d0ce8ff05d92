using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Resettlement;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;

namespace Probation.Domain.Tests;

/// <summary>
/// Each readiness indicator on hand-built cases: a well-run case answers yes to all of them, and each prompt, broken
/// alone, turns its key question to no with the reason; work not yet due is not applicable.
/// </summary>
public sealed class ReadinessIndicatorsTests
{
    // Allocated Monday 2 March 2026: the assessment is due 23 March (15 working days), the plan 30 March (20).
    private static readonly DateOnly Allocated = new(2026, 3, 2);
    private static readonly DateOnly Day = new(2026, 8, 14);
    private static readonly ReadinessIndicators Indicators = new(
        new SafetyNet(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales),
        new ResettlementAlerts(new ResettlementOptions(), WorkingDayCalendar.EnglandAndWales));

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static readonly string[] CaseSupervisionKeyQuestions = ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3", "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.4.3"];

    /// <summary>Medium RoSH, domestic abuse, a child at risk: every piece of work done, recorded and on time.</summary>
    private static SupervisionCase WellRun() => new(
        new CaseSnapshot(
            OrderType.CommunityOrder, Allocated, Allocated, RoshLevel.Medium, CurrentDomesticAbuse: true, ChildProtection: false, RiskToChildren: true,
            new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.UnpaidWork },
            [new AssessmentRecord(AssessmentKind.Initial, Allocated, D(3, 12), RoshLevel.Medium)],
            [
                new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, D(3, 3), D(3, 10)),
                new AgencyCheckRecord(AgencyCheckKind.ChildrensServices, D(3, 3), D(3, 12)),
            ],
            new PlanRecord(D(3, 20), true, true, true, new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.UnpaidWork }),
            [
                new ContactRecord(D(6, 16), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable),
                new ContactRecord(D(7, 15), ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied),
            ],
            [new EnforcementRecord(D(6, 18), EnforcementKind.Warning)],
            [new SignificantEventRecord(D(6, 1), SignificantEventKind.RelationshipChange, true)],
            [new ReviewRecord(ReviewKind.Triggered, D(6, 5)), new ReviewRecord(ReviewKind.Scheduled, D(7, 3))],
            []),
        Allocated,
        RiskToKnownAdult: true,
        new AssessmentFacts(D(3, 12), true, true, true, true, true, true, true, true, true, RoshLevel.Medium, true, true, DomesticAbuseFlagged: true, ChildAtRisk: true),
        [Need.Alcohol],
        new PlanFacts(D(3, 20), true, 4, true, true, true, true, true,
            [new ObjectiveFacts(ObjectiveLinks.Alcohol | ObjectiveLinks.DomesticAbuse, null), new ObjectiveFacts(ObjectiveLinks.Relationships | ObjectiveLinks.ChildSafeguarding, null)],
            [new ScheduledFacts(RequirementType.RehabilitationActivity, D(3, 23), D(3, 25)), new ScheduledFacts(RequirementType.UnpaidWork, D(3, 23), D(3, 28))]),
        [Review(D(6, 5)), Review(D(7, 3))],
        [new FailureFacts(D(6, 16), D(6, 17))],
        [],
        [new ReferralFacts(D(3, 20), false)]);

    private static ReviewFacts Review(DateOnly on) => new(on, true, true, true, true, true, 2);

    private static IndicatorResult Ask(string keyQuestion, SupervisionCase c, DateOnly? day = null) => Indicators.CaseSupervision(keyQuestion, c, day ?? Day);

    private static void IsNo(IndicatorResult r, string reason)
    {
        Assert.Equal(Answer.No, r.Answer);
        Assert.Contains(r.Reasons, x => x.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void WellRunCase_IsYesToEveryCaseSupervisionKeyQuestion()
    {
        foreach (var k in CaseSupervisionKeyQuestions)
        {
            var r = Ask(k, WellRun());
            Assert.True(r.Answer == Answer.Yes, $"{k}: {r.Answer} {string.Join("; ", r.Reasons)}");
        }
    }

    [Fact]
    public void EveryKeyQuestion_HasADefinition_ThatSaysItsLimits()
    {
        foreach (var k in Frameworks.CrcCaseKeyQuestions)
        {
            Assert.False(string.IsNullOrWhiteSpace(Indicators.Define(k.Id)));
        }

        Assert.Contains("15 working days", Indicators.Define("2.1.3"), StringComparison.Ordinal);
        var shorter = new ReadinessIndicators(
            new SafetyNet(new SafetyNetOptions { InitialAssessmentWorkingDays = 10 }, WorkingDayCalendar.EnglandAndWales),
            new ResettlementAlerts(new ResettlementOptions(), WorkingDayCalendar.EnglandAndWales));
        Assert.Contains("10 working days", shorter.Define("2.1.3"), StringComparison.Ordinal);
        Assert.Contains("Relevant sub-sample only", Indicators.Define("2.2.3"), StringComparison.Ordinal);
    }

    // ---- 2.1 Assessment ----

    [Theory]
    [InlineData("2.1.1")]
    [InlineData("2.1.2")]
    [InlineData("2.1.3")]
    public void Assessment_NotDueYet_IsNotApplicable_ThenMissing_ThenLate(string keyQuestion)
    {
        var none = WellRun() with { Initial = null };
        Assert.Equal(Answer.NotApplicable, Ask(keyQuestion, none, D(3, 23)).Answer); // due 23 March
        IsNo(Ask(keyQuestion, none, D(3, 24)), "The initial assessment was due on 23 Mar 2026 and is not completed");
        IsNo(Ask(keyQuestion, WellRun() with { Initial = WellRun().Initial! with { CompletedOn = D(3, 24) } }), "was done on 24 Mar 2026, after it was due on 23 Mar 2026");
        Assert.Equal(Answer.Yes, Ask(keyQuestion, WellRun() with { Initial = WellRun().Initial! with { CompletedOn = D(3, 23) } }).Answer);
    }

    [Theory]
    [InlineData("2.1.1", "motivation", "motivation and readiness to change")]
    [InlineData("2.1.1", "circumstances", "diversity and personal circumstances")]
    [InlineData("2.1.1", "views", "own views")]
    [InlineData("2.1.2", "offence", "current offence")]
    [InlineData("2.1.2", "convictions", "Previous convictions")]
    [InlineData("2.1.2", "patterns", "patterns of offending")]
    [InlineData("2.1.2", "needs", "Not every criminogenic need")]
    [InlineData("2.1.2", "strengths", "strengths")]
    [InlineData("2.1.2", "sources", "sources of information")]
    [InlineData("2.1.3", "rosh", "No risk of serious harm classification")]
    [InlineData("2.1.3", "reasons", "No reasons given")]
    [InlineData("2.1.3", "who", "who is at risk")]
    public void Assessment_EachPromptMissing_IsNo(string keyQuestion, string prompt, string reason)
    {
        var a = WellRun().Initial!;
        var broken = prompt switch
        {
            "motivation" => a with { Motivation = false },
            "circumstances" => a with { Circumstances = false },
            "views" => a with { PersonsViews = false },
            "offence" => a with { OffenceAnalysed = false },
            "convictions" => a with { PreviousConvictionsReviewed = false },
            "patterns" => a with { PatternsOfOffending = false },
            "needs" => a with { AllNeedsRated = false },
            "strengths" => a with { Strengths = false },
            "sources" => a with { InformationSources = false },
            "rosh" => a with { Rosh = null },
            "reasons" => a with { RoshReasons = false },
            _ => a with { WhoIsAtRisk = false },
        };
        IsNo(Ask(keyQuestion, WellRun() with { Initial = broken }), reason);
    }

    [Fact]
    public void Assessment_WhoIsAtRisk_IsOnlyNeededAboveLow() =>
        Assert.Equal(Answer.Yes, Ask("2.1.3", WellRun() with { Initial = WellRun().Initial! with { Rosh = RoshLevel.Low, WhoIsAtRisk = false } }).Answer);

    [Fact]
    public void Assessment_OnADomesticAbuseCase_NeedsPoliceInformationAskedByTheAssessmentAndAnswered()
    {
        var c = WellRun();
        AgencyCheckRecord Police(DateOnly? asked, DateOnly? answered, string? notNeeded = null) => new(AgencyCheckKind.PoliceDomesticAbuse, asked, answered, notNeeded);
        SupervisionCase With(params AgencyCheckRecord[] police) =>
            c with { Snapshot = c.Snapshot with { Checks = [.. police, c.Snapshot.Checks.Single(x => x.Kind == AgencyCheckKind.ChildrensServices)] } };

        IsNo(Ask("2.1.3", With()), "police call-out information was not requested");
        IsNo(Ask("2.1.3", With(Police(D(3, 13), D(3, 20)))), "police call-out information"); // asked the day after the assessment
        IsNo(Ask("2.1.3", With(Police(D(3, 3), null))), "police call-out information"); // asked, never answered
        Assert.Equal(Answer.Yes, Ask("2.1.3", With(Police(null, null, "Police confirmed at court: no call-outs"))).Answer);
        Assert.Equal(Answer.Yes, Ask("2.1.3", With() with { Initial = c.Initial! with { DomesticAbuseFlagged = false } }).Answer);
    }

    [Fact]
    public void Assessment_WithAChildAtRisk_NeedsChildrensServicesAsked()
    {
        var c = WellRun();
        var noChildrensServices = c with { Snapshot = c.Snapshot with { Checks = c.Snapshot.Checks.Where(x => x.Kind == AgencyCheckKind.PoliceDomesticAbuse).ToList() } };
        IsNo(Ask("2.1.3", noChildrensServices), "children's services were not asked");
        Assert.Equal(Answer.Yes, Ask("2.1.3", noChildrensServices with { Initial = c.Initial! with { ChildAtRisk = false } }).Answer);
    }

    // ---- 2.2 Planning ----

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.2.2")]
    [InlineData("2.2.3")]
    public void Plan_NotDueYet_IsNotApplicable_ThenMissing_ThenLate(string keyQuestion)
    {
        var none = WellRun() with { Plan = null };
        Assert.Equal(Answer.NotApplicable, Ask(keyQuestion, none, D(3, 30)).Answer); // due 30 March
        IsNo(Ask(keyQuestion, none, D(3, 31)), "The sentence plan was due on 30 Mar 2026");
        IsNo(Ask(keyQuestion, WellRun() with { Plan = WellRun().Plan! with { CompletedOn = D(3, 31) } }), "after it was due on 30 Mar 2026");
    }

    [Theory]
    [InlineData("2.2.1", "involvement", "how the person took part")]
    [InlineData("2.2.1", "contact", "level and pattern of contact")]
    [InlineData("2.2.1", "pattern", "level and pattern of contact")]
    [InlineData("2.2.1", "schedule", "Not scheduled in the plan: unpaid work")]
    [InlineData("2.2.2", "objectives", "no objectives")]
    [InlineData("2.2.2", "unlinked", "not linked to a need or risk factor")]
    [InlineData("2.2.2", "copied", "standard wording or copied")]
    [InlineData("2.2.2", "no-need", "No objective addresses a criminogenic need")]
    [InlineData("2.2.2", "need", "No objective addresses drugs")]
    [InlineData("2.2.3", "contingency", "contingency arrangements")]
    [InlineData("2.2.3", "domestic-abuse", "no measures to manage it")]
    [InlineData("2.2.3", "child", "no child safeguarding measures")]
    [InlineData("2.2.3", "victims", "safety of actual or potential victims")]
    public void Plan_EachPromptMissing_IsNo(string keyQuestion, string prompt, string reason)
    {
        var c = WellRun();
        var p = c.Plan!;
        var broken = prompt switch
        {
            "involvement" => c with { Plan = p with { PersonsInvolvement = false } },
            "contact" => c with { Plan = p with { ContactsPerMonth = 0 } },
            "pattern" => c with { Plan = p with { ContactPattern = false } },
            "schedule" => c with { Plan = p with { Schedule = p.Schedule.Where(s => s.Type != RequirementType.UnpaidWork).ToList() } },
            "objectives" => c with { Plan = p with { Objectives = [] } },
            "unlinked" => c with { Plan = p with { Objectives = [.. p.Objectives, new ObjectiveFacts(ObjectiveLinks.None, null)] } },
            "copied" => c with { Plan = p with { Objectives = [.. p.Objectives, new ObjectiveFacts(ObjectiveLinks.Engagement, CopiedFrom.Template)] } },
            "no-need" => c with { OffendingNeeds = [], Plan = p with { Objectives = [new ObjectiveFacts(ObjectiveLinks.DomesticAbuse | ObjectiveLinks.Engagement, null)] } },
            "need" => c with { OffendingNeeds = [Need.Alcohol, Need.Drugs] },
            "contingency" => c with { Plan = p with { ContingencyArrangements = false } },
            "domestic-abuse" => c with { Plan = p with { DomesticAbuseMeasures = false } },
            "child" => c with { Plan = p with { ChildSafeguardingMeasures = false } },
            _ => c with { Plan = p with { VictimSafety = false } },
        };
        IsNo(Ask(keyQuestion, broken), reason);
    }

    [Fact]
    public void PlanningForSafety_IsOnlyForTheRelevantSubSample_AndContingencyOnlyFromMediumRisk()
    {
        var c = WellRun();
        var lowRisk = c with
        {
            RiskToKnownAdult = false,
            Snapshot = c.Snapshot with { CurrentRosh = RoshLevel.Low, CurrentDomesticAbuse = false, RiskToChildren = false },
            Plan = c.Plan! with { ContingencyArrangements = false, DomesticAbuseMeasures = false, ChildSafeguardingMeasures = false, VictimSafety = false },
        };
        Assert.Equal(Answer.NotApplicable, Ask("2.2.3", lowRisk).Answer);
        Assert.Equal(Answer.NotApplicable, Ask("2.3.3", lowRisk).Answer);
        Assert.Equal(Answer.NotApplicable, Ask("2.4.3", lowRisk).Answer);

        // Low RoSH but domestic abuse flagged: relevant, and no contingency arrangements are required.
        var lowButAbuse = c with { Snapshot = c.Snapshot with { CurrentRosh = RoshLevel.Low }, Plan = c.Plan! with { ContingencyArrangements = false } };
        Assert.Equal(Answer.Yes, Ask("2.2.3", lowButAbuse).Answer);
    }

    // ---- 2.3 Implementation and delivery ----

    [Theory]
    [InlineData("2.3.1")]
    [InlineData("2.3.2")]
    public void Delivery_IsJudgedOnceAPlanIsDue(string keyQuestion)
    {
        Assert.Equal(Answer.NotApplicable, Ask(keyQuestion, WellRun(), D(3, 30)).Answer);
        Assert.NotEqual(Answer.NotApplicable, Ask(keyQuestion, WellRun(), D(3, 31)).Answer);
    }

    [Fact]
    public void Implementation_AbsenceDecisions_TwoWorkingDays()
    {
        var c = WellRun();
        IsNo(Ask("2.3.1", c with { Failures = [new FailureFacts(D(6, 16), D(6, 19))] }), "The decision on the failure to attend or comply on 16 Jun 2026 was done on 19 Jun 2026, after it was due on 18 Jun 2026");
        IsNo(Ask("2.3.1", c with { Failures = [new FailureFacts(D(8, 10), null)] }), "was due on 12 Aug 2026 and is not done");
        Assert.Equal(Answer.Yes, Ask("2.3.1", c with { Failures = [.. c.Failures, new FailureFacts(D(8, 13), null)] }).Answer); // not yet due
        Assert.Equal(Answer.Yes, Ask("2.3.1", c with { Failures = [new FailureFacts(D(6, 16), D(6, 17)), new FailureFacts(new DateOnly(2025, 7, 1), null)] }).Answer); // before the window
    }

    [Fact]
    public void Implementation_EnforcementDecisions_AWarning_OrABreachAtTheThreshold()
    {
        var c = WellRun();
        IsNo(Ask("2.3.1", c with { Snapshot = c.Snapshot with { Enforcement = [] } }), "The enforcement decision on the unacceptable failure on 16 Jun 2026 was due on 23 Jun 2026 and is not done");
        IsNo(Ask("2.3.1", c with { Snapshot = c.Snapshot with { Enforcement = [new EnforcementRecord(D(6, 24), EnforcementKind.Warning)] } }), "after it was due on 23 Jun 2026");

        // A second unacceptable failure within 12 months on a community order: a warning does not decide it.
        var second = c with
        {
            Snapshot = c.Snapshot with
            {
                Contacts = [.. c.Snapshot.Contacts, new ContactRecord(D(7, 1), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable)],
                Enforcement = [.. c.Snapshot.Enforcement, new EnforcementRecord(D(7, 2), EnforcementKind.Warning)],
                Reviews = [.. c.Snapshot.Reviews, new ReviewRecord(ReviewKind.Triggered, D(7, 3))],
            },
            Failures = [.. c.Failures, new FailureFacts(D(7, 1), D(7, 1))],
        };
        IsNo(Ask("2.3.1", second), "The breach or recall decision on the unacceptable failure on 1 Jul 2026");
        var breached = second with { Snapshot = second.Snapshot with { Enforcement = [.. second.Snapshot.Enforcement, new EnforcementRecord(D(7, 6), EnforcementKind.BreachInitiated)] } };
        Assert.Equal(Answer.Yes, Ask("2.3.1", breached).Answer);
    }

    [Fact]
    public void Implementation_ProgrammeRequirement_ReferredWithinTenWorkingDays()
    {
        var c = WellRun();
        IsNo(Ask("2.3.1", c with { ProgrammeRequirements = [new ProgrammeRequirementFacts(AccreditedProgramme.BuildingBetterRelationships, null)] }), "The referral to Building Better Relationships was due on 16 Mar 2026 and is not done");
        IsNo(Ask("2.3.1", c with { ProgrammeRequirements = [new ProgrammeRequirementFacts(AccreditedProgramme.BuildingBetterRelationships, D(3, 17))] }), "after it was due on 16 Mar 2026");
        Assert.Equal(Answer.Yes, Ask("2.3.1", c with { ProgrammeRequirements = [new ProgrammeRequirementFacts(AccreditedProgramme.BuildingBetterRelationships, D(3, 16))] }).Answer);
    }

    [Fact]
    public void Desistance_ScheduledRequirementsBegun_AndAReferralForTheNeedsLinkedToOffending()
    {
        var c = WellRun();
        var p = c.Plan!;
        IsNo(Ask("2.3.2", c with { Plan = p with { Schedule = [new ScheduledFacts(RequirementType.RehabilitationActivity, D(3, 23), null)] } }), "The rehabilitation activity requirement planned to start on 23 Mar 2026 has not begun");
        Assert.Equal(Answer.Yes, Ask("2.3.2", c with { Plan = p with { Schedule = [new ScheduledFacts(RequirementType.RehabilitationActivity, D(9, 1), null)] } }).Answer); // not yet due to start
        IsNo(Ask("2.3.2", c with { Referrals = [] }), "No referral to a service or programme in place for the needs linked to offending (alcohol)");
        IsNo(Ask("2.3.2", c with { Referrals = [new ReferralFacts(D(3, 20), ClosedWithoutHelp: true)] }), "No referral");
        Assert.Equal(Answer.NotApplicable, Ask("2.3.2", c with { OffendingNeeds = [], Plan = p with { Schedule = [] } }).Answer);
    }

    [Fact]
    public void SafetyDelivery_IsTheSafetyNetsOpenSafetyAlertsOnTheDay()
    {
        var c = WellRun();
        Assert.Equal(Answer.NotApplicable, Ask("2.3.3", c, D(3, 9)).Answer); // the first check is due 9 March
        var noVisit = c with { Snapshot = c.Snapshot with { Contacts = [c.Snapshot.Contacts[0], new ContactRecord(D(5, 1), ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied)] } };
        IsNo(Ask("2.3.3", noVisit), "No home visit in 90 days");

        // Police information answered on 10 March is stale six months later.
        IsNo(Ask("2.3.3", c, D(9, 11)), "not been refreshed");
        var violation = c with { Snapshot = c.Snapshot with { Events = [.. c.Snapshot.Events, new SignificantEventRecord(D(8, 10), SignificantEventKind.MonitoringViolation)] } };
        IsNo(Ask("2.3.3", violation), "monitoring violation");
    }

    // ---- 2.4 Reviewing ----

    [Fact]
    public void Reviewing_NothingDueOrDone_IsNotApplicable()
    {
        var c = WellRun() with { Reviews = [] };
        var fresh = c with { Snapshot = c.Snapshot with { Reviews = [], Events = [] } };
        Assert.Equal(Answer.NotApplicable, Ask("2.4.1", fresh, D(7, 10)).Answer); // the first review is due 10 July
        IsNo(Ask("2.4.1", fresh, D(7, 11)), "The review was due on 10 Jul 2026 and is not done");
    }

    [Theory]
    [InlineData("2.4.1")]
    [InlineData("2.4.2")]
    [InlineData("2.4.3")]
    public void Reviewing_AScheduledReviewMissed_IsNo(string keyQuestion)
    {
        // Without the July review, the review due 16 weeks after the June one (25 September) is missed by 1 October.
        var c = WellRun();
        var missed = c with { Reviews = [c.Reviews[0]], Snapshot = c.Snapshot with { Reviews = [c.Snapshot.Reviews[0]] } };
        IsNo(Ask(keyQuestion, missed, D(10, 1)), "The review was due on 25 Sep 2026 and is not done");
    }

    [Theory]
    [InlineData("2.4.1", "involvement", "does not record how the person took part")]
    [InlineData("2.4.1", "adjusted", "neither adjusts the plan nor says why not")]
    [InlineData("2.4.2", "offending", "does not consider changes in the factors linked to offending")]
    [InlineData("2.4.2", "progress", "records no progress against the plan's objectives")]
    [InlineData("2.4.3", "risk", "does not consider changes in risk of harm factors")]
    [InlineData("2.4.3", "agencies", "does not draw on other agencies")]
    public void Reviewing_TheLatestReviewMissingAPrompt_IsNo(string keyQuestion, string prompt, string reason)
    {
        var c = WellRun();
        var latest = c.Reviews[1];
        var broken = prompt switch
        {
            "involvement" => latest with { PersonsInvolvement = false },
            "adjusted" => latest with { PlanAdjustedOrWhyNot = false },
            "offending" => latest with { OffendingFactorChanges = false },
            "progress" => latest with { ObjectivesReviewed = 0 },
            "risk" => latest with { RiskFactorChanges = false },
            _ => latest with { OtherAgencyInput = false },
        };
        IsNo(Ask(keyQuestion, c with { Reviews = [c.Reviews[0], broken] }), $"The review on 3 Jul 2026 {reason}");
    }

    [Fact]
    public void ReviewingForSafety_EveryTriggerFollowedByAReviewWithinTenWorkingDays()
    {
        var c = WellRun();

        // The relationship change on 1 June was reviewed on 5 June; reviewed on 16 June instead, it is a day late.
        var late = c with
        {
            Reviews = [Review(D(6, 16)), Review(D(7, 3))],
            Snapshot = c.Snapshot with { Reviews = [new ReviewRecord(ReviewKind.Triggered, D(6, 16)), new ReviewRecord(ReviewKind.Scheduled, D(7, 3))] },
        };
        IsNo(Ask("2.4.3", late), "The review after a relationship change on 1 Jun 2026 was done on 16 Jun 2026, after it was due on 15 Jun 2026");

        var arrest = c with { Snapshot = c.Snapshot with { Events = [.. c.Snapshot.Events, new SignificantEventRecord(D(7, 20), SignificantEventKind.NewOffenceOrArrest)] } };
        IsNo(Ask("2.4.3", arrest), "The review after a new offence or arrest on 20 Jul 2026 was due on 3 Aug 2026 and is not done");
        Assert.Equal(Answer.Yes, Ask("2.4.3", arrest, D(8, 3)).Answer); // not yet late on its due day
    }

    [Fact]
    public void ReviewingForSafety_ARiseInRiskWithoutAReview_IsNo()
    {
        var c = WellRun();
        var rose = c with
        {
            Snapshot = c.Snapshot with { Assessments = [.. c.Snapshot.Assessments, new AssessmentRecord(AssessmentKind.SignificantChange, D(8, 1), D(8, 3), RoshLevel.High)] },
        };
        IsNo(Ask("2.4.3", rose), "rose from medium to high without a review");
    }

    // ---- 4.1 Unpaid work ----

    private static UnpaidWorkCase UnpaidWork() => new(
        WellRun(),
        28,
        Allocated,
        new UnpaidWorkAssessmentFacts(D(3, 20), true, true, true, true),
        [
            Booking(D(3, 28), 420, AttendanceOutcome.AttendedAndWorked, award: Qualification.HealthAndSafety),
            Booking(D(4, 4), 420, AttendanceOutcome.AttendedAndWorked),
            Booking(D(4, 11), 420, AttendanceOutcome.AttendedAndWorked),
            Booking(D(8, 22), 0, null),
        ],
        null);

    private static UnpaidWorkBookingRecord Booking(DateOnly on, int credited, AttendanceOutcome? outcome, PlacementKind placement = PlacementKind.Group, Qualification? award = null) =>
        new(on, new TimeOnly(9, 0), new TimeOnly(16, 0), outcome, credited, placement, award);

    private static IndicatorResult AskUnpaidWork(string keyQuestion, UnpaidWorkCase u, DateOnly? day = null) => Indicators.UnpaidWork(keyQuestion, u, day ?? Day);

    [Fact]
    public void UnpaidWork_WellRun_IsYesToEveryKeyQuestion()
    {
        foreach (var k in new[] { "4.1.1", "4.1.2", "4.1.3", "4.1.4" })
        {
            var r = AskUnpaidWork(k, UnpaidWork());
            Assert.True(r.Answer == Answer.Yes, $"{k}: {r.Answer} {string.Join("; ", r.Reasons)}");
        }
    }

    [Fact]
    public void UnpaidWork_Assessment_BeforeTheFirstSession_RecordingHealthRiskAndDiversity()
    {
        var u = UnpaidWork();
        IsNo(AskUnpaidWork("4.1.1", u with { Assessment = u.Assessment! with { CompletedOn = D(3, 29) } }), "No unpaid work assessment completed before the first session on 28 Mar 2026");
        IsNo(AskUnpaidWork("4.1.1", u with { Assessment = null }), "No unpaid work assessment");
        IsNo(AskUnpaidWork("4.1.1", u with { Assessment = u.Assessment! with { Health = false } }), "health");
        IsNo(AskUnpaidWork("4.1.1", u with { Assessment = u.Assessment! with { RiskToSupervisors = false } }), "risk to the public and to supervisors");
        IsNo(AskUnpaidWork("4.1.1", u with { Assessment = u.Assessment! with { DiversityNeeds = false } }), "diversity needs");

        // With no session booked, it is not judged until four weeks into the order.
        var unbooked = u with { Bookings = [], Assessment = null };
        Assert.Equal(Answer.NotApplicable, AskUnpaidWork("4.1.1", unbooked, D(3, 30)).Answer);
        IsNo(AskUnpaidWork("4.1.1", unbooked, D(3, 31)), "No unpaid work assessment completed");
    }

    [Fact]
    public void UnpaidWork_Compliance_AttendanceRecorded_AndFailuresEnforced()
    {
        var u = UnpaidWork();
        Assert.Equal(Answer.NotApplicable, AskUnpaidWork("4.1.2", u with { Bookings = [Booking(D(8, 22), 0, null)] }).Answer);
        IsNo(AskUnpaidWork("4.1.2", u with { Bookings = [.. u.Bookings, Booking(D(8, 1), 0, null)] }), "Attendance at the session on 1 Aug 2026 is not recorded");

        // An unacceptable absence at unpaid work on 25 July, with no warning by 30 July.
        var c = u.Case;
        var absent = u with
        {
            Bookings = [.. u.Bookings, Booking(D(7, 25), 0, AttendanceOutcome.UnacceptableAbsence)],
            Case = c with { Snapshot = c.Snapshot with { Contacts = [.. c.Snapshot.Contacts, new ContactRecord(D(7, 25), ContactKind.UnpaidWorkSession, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable)] } },
        };
        IsNo(AskUnpaidWork("4.1.2", absent), "unacceptable failure on 25 Jul 2026");

        // The office absence on 16 June is enforcement's business at 2.3.1, not unpaid work's.
        var officeOnly = u with { Case = c with { Snapshot = c.Snapshot with { Enforcement = [] } } };
        Assert.Equal(Answer.Yes, AskUnpaidWork("4.1.2", officeOnly).Answer);
    }

    [Fact]
    public void UnpaidWork_PersonalDevelopment_AnAwardOrEducationTrainingAndEmployment()
    {
        var u = UnpaidWork();
        var plain = u with { Bookings = u.Bookings.Select(b => b with { Award = null }).ToList() };
        IsNo(AskUnpaidWork("4.1.3", plain), "accredited award");
        Assert.Equal(Answer.Yes, AskUnpaidWork("4.1.3", plain with { FirstAwardRegistered = D(6, 1) }).Answer);
        Assert.Equal(Answer.Yes, AskUnpaidWork("4.1.3", plain with { Bookings = [.. plain.Bookings, Booking(D(5, 2), 240, AttendanceOutcome.AttendedAndWorked, PlacementKind.EducationTrainingEmployment)] }).Answer);
        Assert.Equal(Answer.NotApplicable, AskUnpaidWork("4.1.3", u with { Bookings = [Booking(D(8, 22), 0, null)] }).Answer);
    }

    [Fact]
    public void UnpaidWork_Implementation_OnTrackForTwelveMonths()
    {
        var u = UnpaidWork();
        Assert.Equal(Answer.NotApplicable, AskUnpaidWork("4.1.4", u, D(3, 30)).Answer); // four weeks from 2 March
        IsNo(AskUnpaidWork("4.1.4", u with { OrderedHours = 200 }), "remain but only");
        IsNo(AskUnpaidWork("4.1.4", u with { OrderStart = new DateOnly(2025, 3, 2) }), "28 hours remained at the 12-month deadline (2 Mar 2026)");
    }

    // ---- 4.2 Through the Gate ----

    /// <summary>Received 2 March 2026, expected out 20 November: screening due 9 March, plan 28 August, accommodation 23 October, handover 6 November.</summary>
    private static CustodyRecord Custody()
    {
        var r = new CustodyRecord
        {
            ReceptionDate = D(3, 2),
            SentenceDate = D(3, 2),
            SentenceLengthMonths = 18,
            ExpectedReleaseDate = D(11, 20),
            RecordedBy = "ttg",
            ScreenedOn = D(3, 5),
            PlanCompletedOn = D(8, 1),
            RiskOfHarmConsidered = "Victim lives in the release area: exclusion zone proposed.",
            HandoverOn = D(11, 1),
            HandoverTo = "Community officer",
            ReleasedOn = D(11, 20),
            AccommodationOnRelease = AccommodationOnRelease.SettledAccommodation,
            FirstAppointmentOn = D(11, 23),
            BenefitsInPlace = true,
        };
        foreach (var p in Enum.GetValues<Pathway>())
        {
            r.Needs.Add(new ResettlementNeed
            {
                Pathway = p,
                Status = p switch { Pathway.Accommodation => PathwayStatus.Done, Pathway.EducationTrainingEmployment => PathwayStatus.InProgress, _ => PathwayStatus.SupportNotRequired },
                UpdatedOn = p == Pathway.Accommodation ? D(10, 1) : D(8, 1),
            });
        }

        r.Activities.Add(new ResettlementActivity { On = D(8, 10), Pathway = Pathway.EducationTrainingEmployment, Description = "CV workshop", DeliveredBy = "Prison education", CoordinatedWith = "Jobcentre Plus work coach", RecordedBy = "ttg" });
        return r;
    }

    private static readonly DateOnly AfterRelease = D(11, 25);

    private static IndicatorResult AskGate(string keyQuestion, CustodyRecord r, DateOnly? day = null) => Indicators.ThroughTheGate(keyQuestion, r, day ?? AfterRelease);

    [Fact]
    public void ThroughTheGate_WellRun_IsYesToEveryKeyQuestion()
    {
        foreach (var k in new[] { "4.2.1", "4.2.2", "4.2.3" })
        {
            var r = AskGate(k, Custody());
            Assert.True(r.Answer == Answer.Yes, $"{k}: {r.Answer} {string.Join("; ", r.Reasons)}");
        }
    }

    [Fact]
    public void ThroughTheGate_Planning_ScreenedAndPlannedOnTime_EveryPathway_RiskOfHarm()
    {
        var unplanned = Custody();
        unplanned.PlanCompletedOn = null;
        Assert.Equal(Answer.NotApplicable, AskGate("4.2.1", unplanned, D(8, 28)).Answer);
        IsNo(AskGate("4.2.1", unplanned, D(8, 29)), "The resettlement plan was due on 28 Aug 2026 and is not done");

        var screenedLate = Custody();
        screenedLate.ScreenedOn = D(3, 10);
        IsNo(AskGate("4.2.1", screenedLate), "The screening of resettlement needs was done on 10 Mar 2026, after it was due on 9 Mar 2026");

        var noRisk = Custody();
        noRisk.RiskOfHarmConsidered = null;
        IsNo(AskGate("4.2.1", noRisk), "risk of harm");

        var unrated = Custody();
        unrated.Needs.RemoveAll(n => n.Pathway == Pathway.SexWork);
        IsNo(AskGate("4.2.1", unrated), "where every pathway stands: sex work");
    }

    [Fact]
    public void ThroughTheGate_Activity_AccommodationSecured_AndEveryPathwayNeedingActionWorkedOn()
    {
        var nfa = Custody();
        nfa.AccommodationOnRelease = AccommodationOnRelease.NoFixedAbode;
        IsNo(AskGate("4.2.2", nfa), "no fixed abode");

        // Still in custody: accommodation is judged from 24 October, four weeks before release.
        var inCustody = Custody();
        (inCustody.ReleasedOn, inCustody.AccommodationOnRelease, inCustody.FirstAppointmentOn) = (null, null, null);
        Assert.Equal(Answer.NotApplicable, AskGate("4.2.2", inCustody, D(10, 23)).Answer);
        Assert.Equal(Answer.Yes, AskGate("4.2.2", inCustody, D(10, 24)).Answer);
        inCustody.Needs.Single(n => n.Pathway == Pathway.Accommodation).UpdatedOn = D(10, 24);
        IsNo(AskGate("4.2.2", inCustody, D(10, 24)), "Accommodation was not secured by 23 Oct 2026");

        var unworked = Custody();
        unworked.Needs.Single(n => n.Pathway == Pathway.Drugs).Status = PathwayStatus.SupportRequired;
        IsNo(AskGate("4.2.2", unworked), "No activity recorded on drugs, which needs action");
    }

    [Fact]
    public void ThroughTheGate_Coordination_HandoverOnTime_CoordinatedActivity_FirstAppointment()
    {
        var late = Custody();
        late.HandoverOn = D(11, 7);
        IsNo(AskGate("4.2.3", late), "The handover to the community was done on 7 Nov 2026, after it was due on 6 Nov 2026");

        var alone = Custody();
        alone.Activities.ForEach(a => a.CoordinatedWith = null);
        IsNo(AskGate("4.2.3", alone), "coordinated with other services");

        var noAppointment = Custody();
        noAppointment.FirstAppointmentOn = null;
        IsNo(AskGate("4.2.3", noAppointment), "first appointment");

        // Released early, on 1 November: the handover had to come before the release.
        var early = Custody();
        (early.ReleasedOn, early.HandoverOn) = (D(11, 1), D(11, 2));
        IsNo(AskGate("4.2.3", early), "after it was due on 1 Nov 2026");

        var waiting = Custody();
        (waiting.ReleasedOn, waiting.HandoverOn) = (null, null);
        Assert.Equal(Answer.NotApplicable, AskGate("4.2.3", waiting, D(11, 6)).Answer);
        IsNo(AskGate("4.2.3", waiting, D(11, 7)), "was due on 6 Nov 2026 and is not done");
    }
}
