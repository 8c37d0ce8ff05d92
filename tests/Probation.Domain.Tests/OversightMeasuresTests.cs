using Probation.Domain.Cases;
using Probation.Domain.Oversight;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Domain.Tests;

/// <summary>Each team-page measure on a hand-built case, where the right count is known, and the reasons always match the count.</summary>
public sealed class OversightMeasuresTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    private static PracticeAlert Alert(AlertCode code, AlertSeverity severity = AlertSeverity.High) => new(code, severity, code.ToString(), Day, "x");

    private static CaseOversightFacts Facts() => new(
        new CaseSnapshot(
            OrderType.CommunityOrder, Day.AddMonths(-3), Day.AddMonths(-3), RoshLevel.Medium, true, true, false,
            new HashSet<RequirementType>(),
            [],
            [
                // Police: asked, answered, asked again and not answered yet. Children's services: asked and answered.
                new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, Day.AddDays(-80), Day.AddDays(-70)),
                new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, Day.AddDays(-3), null),
                new AgencyCheckRecord(AgencyCheckKind.ChildrensServices, Day.AddDays(-80), Day.AddDays(-60)),
            ],
            null,
            [
                new ContactRecord(Day.AddDays(-10), ContactKind.Office, ContactOutcome.FailedToAttend),
                new ContactRecord(Day.AddDays(-5), ContactKind.HomeVisit, ContactOutcome.AttendedNotComplied),
                new ContactRecord(Day.AddDays(-20), ContactKind.Office, ContactOutcome.FailedToAttend, AbsenceDecision.Acceptable),
                new ContactRecord(Day.AddDays(-2), ContactKind.Office, ContactOutcome.AttendedAndComplied),
            ],
            [],
            [],
            [],
            []),
        [
            Alert(AlertCode.InitialAssessmentOverdue),
            Alert(AlertCode.ReviewOverdue, AlertSeverity.Medium),
            Alert(AlertCode.TriggeredReviewOverdue),
            Alert(AlertCode.RiskIncreasedWithoutReview),
            Alert(AlertCode.EnforcementDecisionDue),
            Alert(AlertCode.HomeVisitOverdue, AlertSeverity.Medium),
        ],
        [Day.AddDays(-1)]);

    [Theory]
    [InlineData(OversightMeasure.Cases, 1)]
    [InlineData(OversightMeasure.HighAlerts, 4)]
    [InlineData(OversightMeasure.MediumAlerts, 2)]
    [InlineData(OversightMeasure.AssessmentsOverdue, 1)]
    [InlineData(OversightMeasure.PlansOverdue, 0)]
    [InlineData(OversightMeasure.ReviewsOverdue, 3)]
    [InlineData(OversightMeasure.ChecksAwaitingAnswer, 1)]
    [InlineData(OversightMeasure.AbsencesAwaitingDecision, 2)]
    [InlineData(OversightMeasure.EnforcementDecisionsDue, 1)]
    [InlineData(OversightMeasure.DirectionsDueForCheck, 1)]
    public void Value_CountsWhatTheMeasureDefines(OversightMeasure measure, int expected) =>
        Assert.Equal(expected, OversightMeasures.Value(measure, Facts()));

    [Fact]
    public void Reasons_GiveOneLinePerItemCounted_ForEveryMeasureButTheCaseCount()
    {
        foreach (var m in OversightMeasures.All.Where(m => m != OversightMeasure.Cases))
        {
            Assert.Equal(OversightMeasures.Value(m, Facts()), OversightMeasures.Reasons(m, Facts()).Count);
        }

        Assert.Equal(["Police call-out information requested on 29 May 2026"], OversightMeasures.Reasons(OversightMeasure.ChecksAwaitingAnswer, Facts()));
    }

    [Fact]
    public void AChecksLatestAnswer_TakesItOffTheAwaitingCount()
    {
        var answered = Facts().Snapshot.Checks.Append(new AgencyCheckRecord(AgencyCheckKind.PoliceDomesticAbuse, Day.AddDays(-1), Day)).ToList();
        Assert.Equal(0, OversightMeasures.AwaitingAnswer(answered));
    }

    [Fact]
    public void ADirection_IsDueForCheckFromItsDate_UntilChecked()
    {
        var d = new OversightEntry { Kind = OversightKind.Direction, RecordedBy = "manager", CheckBy = Day };
        Assert.False(d.IsDueForCheck(Day.AddDays(-1)));
        Assert.True(d.IsDueForCheck(Day));
        d.CheckedOn = Day;
        Assert.False(d.IsDueForCheck(Day.AddDays(5)));
        Assert.False(new OversightEntry { Kind = OversightKind.Countersignature, RecordedBy = "manager", CheckBy = Day }.IsDueForCheck(Day));
    }

    [Fact]
    public void EveryMeasure_IsNamedAndDefined() =>
        Assert.All(OversightMeasures.All, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(OversightMeasures.Describe(m)));
            Assert.Contains(' ', OversightMeasures.Define(m));
        });
}
