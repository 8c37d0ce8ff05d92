using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Domain.Tests;

/// <summary>
/// The report's three case stories (section 2), told as records, through the safety net: Craig's and
/// Martin's raise what a team manager needed to see; Donna's well-run case raises nothing. (The same
/// stories entered through the API follow with the supervision records.)
/// </summary>
public sealed class ReportStoriesTests
{
    private static readonly SafetyNet Net = new(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales);
    private static readonly DateOnly Allocated = new(2026, 1, 12);

    private static HashSet<AlertCode> Alerts(CaseSnapshot c, DateOnly today) => Net.Evaluate(c, today).Select(a => a.Code).ToHashSet();

    [Fact]
    public void Craig_SuspendedSentence_DomesticAbuseMissed_PartnerInHospitalWithoutReview()
    {
        // "The initial DTV assessment was late ... The plan failed to include any measures to monitor or
        // address domestic abuse ... Being drunk and 'sleeping in' had been accepted as reasons for Craig
        // missing appointments. No review had been done, despite a significant event where his partner
        // went into hospital."
        var craig = new CaseSnapshot(
            OrderType.SuspendedSentenceOrder, Allocated, Allocated, RoshLevel.Medium,
            CurrentDomesticAbuse: true, ChildProtection: false, RiskToChildren: false,
            new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.DrugRehabilitation },
            [new AssessmentRecord(AssessmentKind.Initial, Allocated, Allocated.AddDays(45), RoshLevel.Medium)],
            [],
            new PlanRecord(Allocated.AddDays(50), HasContingencyArrangements: false, AddressesDomesticAbuse: false, AddressesChildSafeguarding: false,
                new HashSet<RequirementType> { RequirementType.RehabilitationActivity }),
            [
                new ContactRecord(Allocated.AddDays(60), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable),
                new ContactRecord(Allocated.AddDays(74), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable),
                new ContactRecord(Allocated.AddDays(88), ContactKind.CommunityHub, ContactOutcome.AttendedAndComplied),
            ],
            [],
            [new SignificantEventRecord(Allocated.AddDays(95), SignificantEventKind.HospitalAdmissionOfPartnerOrChild)],
            [],
            []);

        var alerts = Alerts(craig, Allocated.AddDays(130));
        Assert.Equal(
            new HashSet<AlertCode>
            {
                AlertCode.PoliceCheckNotRequested,
                AlertCode.DomesticAbuseNotAddressedInPlan,
                AlertCode.NoContingencyArrangements,
                AlertCode.TriggeredReviewOverdue,
                AlertCode.HomeVisitOverdue,
            },
            alerts);
    }

    [Fact]
    public void Martin_CommunityOrder_DomesticAbuseAndChildren_CurfewBreachesNotEnforced_NoReviewAfterRelease()
    {
        // "Domestic abuse was not addressed in the sentence plan and the risk management plan is sparse ...
        // a curfew was imposed. This was breached by Martin many times, but not enforced ... No review was
        // done ... There have been numerous breaches of non-molestation order since release, yet no recall."
        var martin = new CaseSnapshot(
            OrderType.CommunityOrder, Allocated, Allocated, RoshLevel.Medium,
            CurrentDomesticAbuse: true, ChildProtection: true, RiskToChildren: true,
            new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.Curfew },
            [new AssessmentRecord(AssessmentKind.Initial, Allocated, Allocated.AddDays(12), RoshLevel.Medium)],
            [new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, Allocated.AddDays(2), Allocated.AddDays(9))],
            new PlanRecord(Allocated.AddDays(20), HasContingencyArrangements: false, AddressesDomesticAbuse: false, AddressesChildSafeguarding: false,
                new HashSet<RequirementType> { RequirementType.RehabilitationActivity }),
            [new ContactRecord(Allocated.AddDays(30), ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied)],
            [],
            [
                new SignificantEventRecord(Allocated.AddDays(40), SignificantEventKind.MonitoringViolation),
                new SignificantEventRecord(Allocated.AddDays(47), SignificantEventKind.MonitoringViolation),
                new SignificantEventRecord(Allocated.AddDays(55), SignificantEventKind.MonitoringViolation),
                new SignificantEventRecord(Allocated.AddDays(70), SignificantEventKind.NewOffenceOrArrest),
                new SignificantEventRecord(Allocated.AddDays(110), SignificantEventKind.ReleaseFromCustody),
                new SignificantEventRecord(Allocated.AddDays(118), SignificantEventKind.NonMolestationOrderBreach),
            ],
            [],
            []);

        var alerts = Alerts(martin, Allocated.AddDays(140));
        Assert.Equal(
            new HashSet<AlertCode>
            {
                AlertCode.ChildrenServicesCheckNotRequested,
                AlertCode.DomesticAbuseNotAddressedInPlan,
                AlertCode.ChildSafeguardingNotAddressedInPlan,
                AlertCode.NoContingencyArrangements,
                AlertCode.MonitoringViolationNotActioned,
                AlertCode.TriggeredReviewOverdue,
                AlertCode.ReviewOverdue,
                AlertCode.HomeVisitOverdue,
            },
            alerts);
        Assert.Equal(3, Net.Evaluate(martin, Allocated.AddDays(140)).Count(a => a.Code == AlertCode.MonitoringViolationNotActioned));
    }

    [Fact]
    public void Donna_WellRunCase_RaisesNothing()
    {
        // "Regular home visits helped to gain the trust of Donna ... The officer was mindful of risk issues
        // and regularly liaised with agencies to exchange information."
        var donna = new CaseSnapshot(
            OrderType.CommunityOrder, Allocated, Allocated, RoshLevel.Medium,
            CurrentDomesticAbuse: false, ChildProtection: true, RiskToChildren: true,
            new HashSet<RequirementType> { RequirementType.RehabilitationActivity, RequirementType.DrugRehabilitation },
            [new AssessmentRecord(AssessmentKind.Initial, Allocated, Allocated.AddDays(10), RoshLevel.Medium)],
            [new AgencyCheckRecord(AgencyCheckKind.ChildrensServices, Allocated.AddDays(1), Allocated.AddDays(5))],
            new PlanRecord(Allocated.AddDays(18), HasContingencyArrangements: true, AddressesDomesticAbuse: false, AddressesChildSafeguarding: true,
                new HashSet<RequirementType> { RequirementType.RehabilitationActivity }),
            [
                new ContactRecord(Allocated.AddDays(25), ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied),
                new ContactRecord(Allocated.AddDays(60), ContactKind.CommunityHub, ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable),
                new ContactRecord(Allocated.AddDays(90), ContactKind.HomeVisit, ContactOutcome.AttendedAndComplied),
            ],
            [],
            [new SignificantEventRecord(Allocated.AddDays(70), SignificantEventKind.ChildContactChange)],
            [new ReviewRecord(ReviewKind.Triggered, Allocated.AddDays(75)), new ReviewRecord(ReviewKind.Scheduled, Allocated.AddDays(112))],
            []);

        Assert.Empty(Net.Evaluate(donna, Allocated.AddDays(140)));
    }
}
