using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Domain.Tests;

/// <summary>The rules a supervision record meets before it is written: hubs, plans, assessments, dates, copies.</summary>
public sealed class SupervisionRulesTests
{
    private static readonly DateOnly OrderStart = new(2026, 3, 2);

    private static PersonOnProbation Person(params RegistrationType[] flags) => new()
    {
        FirstName = "Test",
        LastName = "Person",
        Orders =
        [
            new Order
            {
                Type = OrderType.CommunityOrder, StartDate = OrderStart, LengthMonths = 12, EndDate = OrderTerms.EndDate(OrderStart, 12), Court = "Court",
                Requirements = [new Requirement { Id = 7, Type = RequirementType.RehabilitationActivity, RarDays = 10 }],
            },
        ],
        Registrations = flags.Select(f => new Registration { Type = f, StartedOn = OrderStart }).ToList(),
    };

    private static SentencePlan Plan(params PlanObjective[] objectives) => new() { WrittenBy = "po", PersonsInvolvement = "Agreed.", Objectives = objectives.ToList() };

    private static PlanObjective Objective(ObjectiveLinks links = ObjectiveLinks.Accommodation, int priority = 1, DateOnly? target = null) =>
        new() { Text = "Find a tenancy", NormalisedText = "find a tenancy", Links = links, Priority = priority, TargetDate = target ?? new DateOnly(2026, 12, 1) };

    // Hub: open Tuesdays 09:30-12:30 and 13:30-16:00, rented from 1 January 2026 to 31 December 2026.
    private static readonly Site Hub = new() { Name = "Thornaby hub", Code = "H1", Kind = SiteKind.CommunityHub, Address = new Address { Line1 = "1 High St", Town = "Thornaby", Postcode = "TS17 1AA" } };
    private static readonly HubOpeningSession[] Sessions =
    [
        new() { Day = DayOfWeek.Tuesday, Opens = new TimeOnly(9, 30), Closes = new TimeOnly(12, 30) },
        new() { Day = DayOfWeek.Tuesday, Opens = new TimeOnly(13, 30), Closes = new TimeOnly(16, 0) },
    ];

    private static readonly HubRentalPeriod[] Rentals = [new() { From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 12, 31) }];

    [Theory]
    [InlineData("2026-11-24", "09:30", "10:15", null)] // Tuesday, at opening
    [InlineData("2026-11-24", "15:15", "16:00", null)] // Tuesday, ends at closing
    [InlineData("2026-11-24", "12:00", "13:45", "open 09:30 to 12:30 and 13:30 to 16:00")] // spans the lunch closure
    [InlineData("2026-11-24", "09:00", "09:45", "open 09:30 to 12:30")] // starts before opening
    [InlineData("2026-11-25", "10:00", "10:30", "closed that day")] // Wednesday
    [InlineData("2027-01-05", "10:00", "10:30", "is not rented")] // a Tuesday after the rental ends
    public void HubSlot_OnlyInsideAnOpeningSessionOnARentedDay(string day, string starts, string ends, string? refusal)
    {
        var result = SupervisionRules.HubSlot(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(starts, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(ends, System.Globalization.CultureInfo.InvariantCulture), Hub, Sessions, Rentals);
        if (refusal is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.NotNull(result);
            Assert.Contains(refusal, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HubSlot_NeedsTimes_AndAHub()
    {
        Assert.Equal("StartsAt", SupervisionRules.HubSlot(new DateOnly(2026, 11, 24), null, null, Hub, Sessions, Rentals)!.Field);
        var office = new Site { Name = "Stockton office", Code = "O1", Kind = SiteKind.DistrictCentre, Address = Hub.Address };
        Assert.Contains("is not a community hub", SupervisionRules.HubSlot(new DateOnly(2026, 11, 24), new TimeOnly(10, 0), new TimeOnly(11, 0), office, Sessions, Rentals)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ObjectiveWithNoLink_IsRefused_NamingTheObjective()
    {
        var refusal = SupervisionRules.Plan(Plan(Objective(), Objective(ObjectiveLinks.None, 2)), Person(), new DateOnly(2026, 4, 1));
        Assert.Equal("Objectives[1].Links", refusal?.Field);
        Assert.Contains("objective 2", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PrioritiesMustSequenceTheWork_WithoutTies()
    {
        Assert.Contains("different priority", SupervisionRules.Plan(Plan(Objective(), Objective(priority: 1)), Person(), new DateOnly(2026, 4, 1))!.Reason, StringComparison.Ordinal);
        Assert.Equal("Objectives[0].Priority", SupervisionRules.Plan(Plan(Objective(priority: 3)), Person(), new DateOnly(2026, 4, 1))!.Field);
    }

    [Theory]
    [InlineData("2026-03-31", "Objectives[0].TargetDate")] // before the plan
    [InlineData("2027-03-02", "Objectives[0].TargetDate")] // after the order ends (1 March 2027)
    [InlineData("2027-03-01", null)] // the last day of the order
    public void Plan_TargetDatesFallInsideTheOrder(string target, string? field)
    {
        var refusal = SupervisionRules.Plan(Plan(Objective(target: DateOnly.Parse(target, System.Globalization.CultureInfo.InvariantCulture))), Person(), new DateOnly(2026, 4, 1));
        Assert.Equal(field, refusal?.Field);
    }

    [Fact]
    public void Plan_DomesticAbuseFlagged_NeedsDomesticAbuseMeasures_ChildAtRisk_NeedsSafeguarding()
    {
        var on = new DateOnly(2026, 4, 1);
        Assert.Null(SupervisionRules.Plan(Plan(Objective()), Person(), on));
        Assert.Equal(nameof(SentencePlan.DomesticAbuseMeasures), SupervisionRules.Plan(Plan(Objective()), Person(RegistrationType.DomesticAbuse), on)?.Field);
        Assert.Equal(nameof(SentencePlan.ChildSafeguardingMeasures), SupervisionRules.Plan(Plan(Objective()), Person(RegistrationType.ChildProtection), on)?.Field);

        var measured = Plan(Objective());
        measured.DomesticAbuseMeasures = "Police checks quarterly.";
        Assert.Null(SupervisionRules.Plan(measured, Person(RegistrationType.DomesticAbuse), on));

        // A registration that starts after the plan's date does not apply to it: the safety net raises it afterwards.
        var later = Person();
        later.Registrations.Add(new Registration { Type = RegistrationType.DomesticAbuse, StartedOn = on.AddDays(1) });
        Assert.Null(SupervisionRules.Plan(Plan(Objective()), later, on));
    }

    [Fact]
    public void Plan_RequirementsAreScheduledInsideTheOrder()
    {
        var plan = Plan(Objective());
        plan.Schedule.Add(new ScheduledRequirement { RequirementId = 7, StartsOn = new DateOnly(2026, 4, 1), CompleteBy = new DateOnly(2027, 6, 1), Pattern = "Weekly" });
        Assert.Contains("before the order ends", SupervisionRules.Plan(plan, Person(), new DateOnly(2026, 4, 1))!.Reason, StringComparison.Ordinal);
        plan.Schedule[0].RequirementId = 99;
        Assert.Contains("not a requirement of this person's orders", SupervisionRules.Plan(plan, Person(), new DateOnly(2026, 4, 1))!.Reason, StringComparison.Ordinal);
    }

    private static Assessment Complete(bool riskToChildren = false) => new()
    {
        AssessedBy = "po",
        CurrentOffence = "Theft.",
        PreviousConvictionsReviewed = true,
        Needs = Enum.GetValues<Need>().Select(n => new AssessedNeed { Need = n, Severity = NeedSeverity.SomeProblems }).ToList(),
        Strengths = "Family.",
        DiversityAndCircumstances = "None.",
        Motivation = "Good.",
        PersonsViews = "Sorry.",
        InformationSources = "Court papers.",
        Rosh = RoshLevel.Medium,
        RoshReasons = "Violence.",
        WhoIsAtRisk = "Partner.",
        RiskToChildren = riskToChildren,
    };

    [Fact]
    public void Assessment_CompletesOnlyWithEveryNeedRated_AndTheRoshReasoned()
    {
        var on = new DateOnly(2026, 3, 20);
        Assert.Null(SupervisionRules.AssessmentCompletion(Complete(), Person(), on));
        var missing = Complete();
        missing.Needs.RemoveAt(3);
        Assert.Contains("relationships", SupervisionRules.AssessmentCompletion(missing, Person(), on)!.Reason, StringComparison.Ordinal);
        var unreasoned = Complete();
        unreasoned.RoshReasons = " ";
        Assert.Equal(nameof(Assessment.RoshReasons), SupervisionRules.AssessmentCompletion(unreasoned, Person(), on)?.Field);
        var unreviewed = Complete();
        unreviewed.PreviousConvictionsReviewed = false;
        Assert.Equal(nameof(Assessment.PreviousConvictionsReviewed), SupervisionRules.AssessmentCompletion(unreviewed, Person(), on)?.Field);
    }

    [Fact]
    public void Assessment_DomesticAbuseFlagged_NeedsThePoliceAsked_OrAReasonWhyNot()
    {
        var on = new DateOnly(2026, 3, 20);
        var person = Person(RegistrationType.DomesticAbuse);
        Assert.Equal("PoliceCheck", SupervisionRules.AssessmentCompletion(Complete(), person, on)?.Field);

        // A request after the completion date does not count for it.
        person.AgencyChecks.Add(new AgencyCheck { Kind = AgencyCheckKind.PoliceDomesticAbuse, RequestedOn = on.AddDays(1), RecordedBy = "po" });
        Assert.Equal("PoliceCheck", SupervisionRules.AssessmentCompletion(Complete(), person, on)?.Field);
        person.AgencyChecks.Add(new AgencyCheck { Kind = AgencyCheckKind.PoliceDomesticAbuse, RequestedOn = on, RecordedBy = "po" });
        Assert.Null(SupervisionRules.AssessmentCompletion(Complete(), person, on));

        var reasoned = Person(RegistrationType.DomesticAbuse);
        reasoned.AgencyChecks.Add(new AgencyCheck { Kind = AgencyCheckKind.PoliceDomesticAbuse, NotRequiredReason = "Police disclosure already in the court papers this week.", RecordedBy = "po" });
        Assert.Null(SupervisionRules.AssessmentCompletion(Complete(), reasoned, on));
    }

    [Fact]
    public void Assessment_ChildAtRisk_NeedsChildrensServicesAsked()
    {
        var on = new DateOnly(2026, 3, 20);
        Assert.Equal("ChildrensServicesCheck", SupervisionRules.AssessmentCompletion(Complete(riskToChildren: true), Person(), on)?.Field);
        Assert.Equal("ChildrensServicesCheck", SupervisionRules.AssessmentCompletion(Complete(), Person(RegistrationType.ChildProtection), on)?.Field);
    }

    [Theory]
    [InlineData("2026-03-01", "on or after the order started")]
    [InlineData("2026-11-27", "today or in the past")]
    [InlineData("2026-03-02", null)]
    [InlineData("2026-11-26", null)]
    public void Dates_FallBetweenTheOrderStartAndToday(string on, string? refusal)
    {
        var result = SupervisionRules.Date(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 11, 26), Person(), "On", "review");
        Assert.Equal(refusal is null, result is null);
        if (refusal is not null)
        {
            Assert.Contains(refusal, result!.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TierNeeds_WeighTheLatestCompletedAssessment_AsTheHmppsTierDoes()
    {
        Assert.Null(Probation.Domain.Allocation.TierNeeds.Points([]));
        var draft = Complete();
        draft.CompletedOn = null;
        Assert.Null(Probation.Domain.Allocation.TierNeeds.Points([draft]));

        // Every need "some problems": thinking and attitudes 2 each, six needs 1 each, finance and wellbeing 0.
        var first = Complete();
        first.CompletedOn = new DateOnly(2026, 3, 20);
        Assert.Equal(10, Probation.Domain.Allocation.TierNeeds.Points([first]));

        // A later assessment with significant thinking and attitude problems: 4 + 4 + 6 = 14.
        var later = Complete();
        later.CompletedOn = new DateOnly(2026, 9, 1);
        later.Needs.Single(n => n.Need == Need.ThinkingAndBehaviour).Severity = NeedSeverity.SignificantProblems;
        later.Needs.Single(n => n.Need == Need.Attitudes).Severity = NeedSeverity.SignificantProblems;
        Assert.Equal(14, Probation.Domain.Allocation.TierNeeds.Points([later, first]));
    }

    [Theory]
    [InlineData("Attend all appointments as directed.", true)]
    [InlineData("  ATTEND all   appointments, as directed ", true)]
    [InlineData("Donna will attend her drug service appointments", false)]
    public void Objectives_InTemplateWords_AreRecognisedWhateverTheCaseAndPunctuation(string text, bool template) =>
        Assert.Equal(template, SupervisionRules.TemplateObjectives.Contains(SupervisionRules.Normalise(text)));

    [Fact]
    public void NonComplianceReachingTheThreshold_IsAnEventThatMakesAReviewDue()
    {
        var person = Person();
        person.ResponsibleOfficerId = 1;
        person.AllocatedOn = OrderStart;
        person.SignificantEvents.Add(new SignificantEvent { On = new DateOnly(2026, 11, 2), Kind = SignificantEventKind.NonComplianceThreshold, Description = "Second unacceptable failure.", RecordedBy = "po" });
        var net = new SafetyNet(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales);
        var alert = Assert.Single(CaseSnapshots.Alerts(net, person, new DateOnly(2026, 11, 26)), a => a.Code == AlertCode.TriggeredReviewOverdue);
        Assert.StartsWith("Non-compliance reaching the enforcement threshold", alert.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_StopWhenTheOrderHasEnded()
    {
        var person = Person(RegistrationType.DomesticAbuse);
        person.ResponsibleOfficerId = 1;
        person.AllocatedOn = OrderStart;
        var net = new SafetyNet(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales);
        Assert.Contains(CaseSnapshots.Alerts(net, person, new DateOnly(2026, 11, 26)), a => a.Code == AlertCode.InitialAssessmentOverdue);
        Assert.Empty(CaseSnapshots.Alerts(net, person, new DateOnly(2027, 3, 2))); // the day after the 12-month order ends
    }

    [Fact]
    public void Snapshot_ReadsTheCaseAsOfToday_BookedAppointmentsAreNotContacts()
    {
        var person = Person(RegistrationType.DomesticAbuse);
        person.ResponsibleOfficerId = 1;
        person.AllocatedOn = OrderStart;
        person.Contacts.Add(new Contact { On = new DateOnly(2026, 11, 20), Kind = ContactKind.HomeVisit, Outcome = ContactOutcome.AttendedAndComplied, RecordedBy = "po" });
        person.Contacts.Add(new Contact { On = new DateOnly(2026, 12, 3), Kind = ContactKind.Office, RecordedBy = "po" });
        var snapshot = CaseSnapshots.Of(person, new DateOnly(2026, 11, 26));
        Assert.Single(snapshot.Contacts);
        Assert.True(snapshot.CurrentDomesticAbuse);
        Assert.Equal(OrderType.CommunityOrder, snapshot.OrderType);
        Assert.Contains(RequirementType.RehabilitationActivity, snapshot.Requirements);
        Assert.Equal(OrderStart, snapshot.AllocatedOn);
    }

    [Fact]
    public void ThresholdEvent_AtTheSecondUnacceptableFailureOfACommunityOrder_OnceOnly()
    {
        Contact Failure(DateOnly on) => new() { On = on, Kind = ContactKind.Office, Outcome = ContactOutcome.FailedToAttend, Decision = AbsenceDecision.Unacceptable, RecordedBy = "po" };
        var person = Person();
        var first = Failure(OrderStart.AddDays(30));
        person.Contacts.Add(first);
        Assert.Null(SupervisionRules.ThresholdEvent(person, first, "po"));

        var second = Failure(OrderStart.AddDays(60));
        person.Contacts.Add(second);
        var reached = SupervisionRules.ThresholdEvent(person, second, "po");
        Assert.NotNull(reached);
        Assert.Equal((second.On, SignificantEventKind.NonComplianceThreshold), (reached.On, reached.Kind));
        Assert.StartsWith("Unacceptable failure 2 within 12 months on a community order: the breach threshold is reached", reached.Description, StringComparison.Ordinal);

        person.SignificantEvents.Add(reached);
        var third = Failure(OrderStart.AddDays(59));
        person.Contacts.Add(third);
        Assert.Null(SupervisionRules.ThresholdEvent(person, third, "po"));

        var acceptable = Failure(OrderStart.AddDays(90));
        acceptable.Decision = AbsenceDecision.Acceptable;
        person.Contacts.Add(acceptable);
        Assert.Null(SupervisionRules.ThresholdEvent(person, acceptable, "po"));
    }
}
