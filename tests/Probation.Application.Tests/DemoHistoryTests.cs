using Microsoft.EntityFrameworkCore;
using Probation.Application.Demo;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Testing;

namespace Probation.Application.Tests;

/// <summary>
/// The demo supervision histories: every record valid apart from the legacy practice the report found,
/// practice quality in the report's proportions, and the report's three stories raising what they should.
/// Each figure is computed from the generated records.
/// </summary>
public sealed class DemoHistoryTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Lazy<DemoDataset> Demo = new(() => DemoDataGenerator.Generate(DemoScale.Small, Today));
    private static readonly SafetyNet Net = new(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales);

    private static IEnumerable<PersonOnProbation> Allocated => Demo.Value.People.Where(p => p.Officer is not null).Select(p => p.Person);

    private static bool Active(PersonOnProbation p, RegistrationType type) => SupervisionRules.HasActive(p, type, Today);

    private static bool ChildAtRisk(PersonOnProbation p) => SupervisionRules.ChildAtRisk(p, Today);

    private static double Share<T>(IReadOnlyCollection<T> of, Func<T, bool> predicate)
    {
        Assert.NotEmpty(of);
        return (double)of.Count(predicate) / of.Count;
    }

    private static PersonOnProbation Story(Crn crn) => Demo.Value.People.Single(p => p.Person.Crn == crn).Person;

    /// <summary>
    /// The safety net's reading of a generated case. The seeder links a case to its officer by key, which
    /// generated records do not have yet, so the snapshot is told the case is allocated, as it is once seeded.
    /// </summary>
    private static IReadOnlyList<PracticeAlert> Evaluate(PersonOnProbation p, DateOnly today) =>
        Net.Evaluate(CaseSnapshots.Of(p, today) with { AllocatedOn = p.AllocatedOn }, today);

    private static HashSet<AlertCode> Alerts(PersonOnProbation p) => Evaluate(p, Today).Select(a => a.Code).ToHashSet();

    [Fact]
    public void EveryAllocatedCase_HasAnAssessmentAndContacts_AndWaitingCasesHaveNoHistory()
    {
        Assert.All(Allocated, p =>
        {
            Assert.Single(p.Assessments, a => a.Kind == AssessmentKind.Initial);
            Assert.NotEmpty(p.Contacts);
        });
        Assert.All(Demo.Value.People.Where(p => p.Officer is null).Select(p => p.Person), p =>
        {
            Assert.Empty(p.Assessments);
            Assert.Empty(p.Contacts);
            Assert.Null(p.Plan);
        });
    }

    [Fact]
    public void EveryRecord_IsDatedInThePast_AndNotBeforeTheOrderStarted()
    {
        foreach (var p in Allocated)
        {
            var dates = new List<(DateOnly On, string What)>();
            dates.AddRange(p.Assessments.SelectMany(a => new[] { (a.StartedOn, "assessment start"), (a.CompletedOn ?? a.StartedOn, "assessment completion") }));
            dates.AddRange(p.AgencyChecks.SelectMany(c => new[] { (c.RequestedOn!.Value, "check request"), (c.AnsweredOn ?? c.RequestedOn!.Value, "check answer") }));
            if (p.Plan is { } plan)
            {
                dates.Add((plan.CompletedOn, "plan"));
                dates.Add((plan.LastRevisedOn, "plan revision"));
                dates.AddRange(plan.Schedule.Select(s => (s.StartsOn, "schedule start")));
            }

            dates.AddRange(p.Contacts.SelectMany(c => new[] { (c.On, "contact"), (c.DecidedOn ?? c.On, "decision") }));
            dates.AddRange(p.EnforcementActions.Select(e => (e.On, "enforcement")));
            dates.AddRange(p.SignificantEvents.SelectMany(e => new[] { (e.On, "event"), (e.ActionedOn ?? e.On, "event action") }));
            dates.AddRange(p.Reviews.Select(r => (r.CompletedOn, "review")));
            dates.AddRange(p.Referrals.SelectMany(r => new[] { (r.On, "referral"), (r.OutcomeOn ?? r.On, "referral outcome") }));
            foreach (var (on, what) in dates)
            {
                Assert.True(SupervisionRules.Date(on, Today, p, "On", what) is null, $"{p.Crn}: {what} on {on} is in the future or before the order started");
            }
        }
    }

    [Fact]
    public void EveryRecord_IsOtherwiseValid_ReasonsGiven_RequiredWordsSet_WithinMaxLengths()
    {
        static void Fits(string? text, int max, bool required = false)
        {
            if (required)
            {
                Assert.False(string.IsNullOrWhiteSpace(text));
            }

            Assert.True((text?.Length ?? 0) <= max, $"Too long for {max}: {text}");
        }

        foreach (var p in Allocated)
        {
            foreach (var a in p.Assessments)
            {
                Fits(a.AssessedBy, 256, required: true);
                Assert.Equal(Enum.GetValues<Need>().Order(), a.Needs.Select(n => n.Need).Order());
                Assert.True(a.CompletedOn is null || a.CompletedOn >= a.StartedOn);
                foreach (var text in new[] { a.CurrentOffence, a.PatternsOfOffending, a.Strengths, a.DiversityAndCircumstances, a.Motivation, a.PersonsViews, a.InformationSources, a.RoshReasons, a.WhoIsAtRisk })
                {
                    Fits(text, Assessment.TextMaxLength);
                }

                if (a.CompletedOn is not null)
                {
                    // Complete by today's standard, apart from the agency checks the report found missing.
                    var refused = SupervisionRules.AssessmentCompletion(a, p, a.CompletedOn.Value);
                    Assert.True(refused is null || refused.Field is "PoliceCheck" or "ChildrensServicesCheck", $"{p.Crn}: {refused?.Reason}");
                }
            }

            Assert.All(p.AgencyChecks, c =>
            {
                Fits(c.RecordedBy, 256, required: true);
                Fits(c.Summary, AgencyCheck.TextMaxLength);
                Assert.True(c.AnsweredOn is null || c.AnsweredOn >= c.RequestedOn);
            });

            if (p.Plan is { } plan)
            {
                Fits(plan.WrittenBy, 256, required: true);
                Fits(plan.PersonsInvolvement, SentencePlan.TextMaxLength, required: true);
                Fits(plan.ContactPattern, ScheduledRequirement.PatternMaxLength);
                foreach (var text in new[] { plan.ConstructiveInterventions, plan.RestrictiveInterventions, plan.ContingencyArrangements, plan.OtherAgencies, plan.VictimSafety, plan.DomesticAbuseMeasures, plan.ChildSafeguardingMeasures })
                {
                    Fits(text, SentencePlan.TextMaxLength);
                }

                Assert.All(plan.Objectives, o =>
                {
                    Fits(o.Text, PlanObjective.TextMaxLength, required: true);
                    Assert.Equal(SupervisionRules.Normalise(o.Text), o.NormalisedText);
                });
                Assert.All(plan.Schedule, s =>
                {
                    Fits(s.Pattern, ScheduledRequirement.PatternMaxLength, required: true);
                    Assert.Contains(s.Requirement, p.Orders.SelectMany(o => o.Requirements));
                    Assert.Equal(s.Requirement!.Type, s.Type);
                });

                // Valid by today's rules, apart from the missing risk measures that are the report's finding.
                var planRefused = SupervisionRules.Plan(plan, p, plan.CompletedOn);
                Assert.True(planRefused is null || planRefused.Field is nameof(SentencePlan.DomesticAbuseMeasures) or nameof(SentencePlan.ChildSafeguardingMeasures), $"{p.Crn}: {planRefused?.Reason}");
            }

            Assert.All(p.Contacts, c =>
            {
                Fits(c.RecordedBy, 256, required: true);
                Fits(c.Notes, Contact.TextMaxLength);
                Fits(c.DecisionReason, Contact.TextMaxLength);
                Assert.True(c.Decision is null == c.DecisionReason is null, "A decision always has its reason");
                Assert.True(c.Decision is null == c.DecidedOn is null);
                Assert.True(c.DecidedOn is null || c.DecidedOn >= c.On);
                Assert.True(c.Decision is null || ContactOutcomes.NeedsDecision(c.Outcome));
                Assert.True(c.StartsAt < c.EndsAt);
                if (c.Kind == ContactKind.CommunityHub)
                {
                    Assert.NotNull(c.Site);
                    Assert.Null(SupervisionRules.HubSlot(c.On, c.StartsAt, c.EndsAt, c.Site, c.Site.OpeningSessions, c.Site.RentalPeriods));
                }

                if (c.Requirement is not null)
                {
                    Assert.Contains(c.Requirement, p.Orders.SelectMany(o => o.Requirements));
                }
            });
            Assert.All(p.EnforcementActions, e =>
            {
                Fits(e.RecordedBy, 256, required: true);
                Fits(e.Notes, EnforcementAction.TextMaxLength);
                Assert.True(e.Contact is null || (p.Contacts.Contains(e.Contact) && e.On >= e.Contact.DecidedOn));
            });
            Assert.All(p.SignificantEvents, e =>
            {
                Fits(e.RecordedBy, 256, required: true);
                Fits(e.Description, SignificantEvent.TextMaxLength, required: true);
                Fits(e.ActionTaken, SignificantEvent.TextMaxLength);
            });
            Assert.All(p.Reviews, r =>
            {
                Fits(r.ReviewedBy, 256, required: true);
                Fits(r.OffendingFactorChanges, Review.TextMaxLength, required: true);
                Fits(r.RiskFactorChanges, Review.TextMaxLength, required: true);
                Fits(r.PersonsInvolvement, Review.TextMaxLength, required: true);
                Fits(r.OtherAgencyInput, Review.TextMaxLength);
                Assert.True(r.PlanAdjusted || !string.IsNullOrWhiteSpace(r.WhyPlanNotAdjusted));
                Assert.True(r.TriggeredBy is null || (p.SignificantEvents.Contains(r.TriggeredBy) && r.CompletedOn >= r.TriggeredBy.On));
                Assert.Equal(r.Kind == ReviewKind.Triggered, r.TriggeredBy is not null);
                Assert.All(r.Progress, x => Assert.Equal(x.Objective!.Text, x.ObjectiveText));
            });
            Assert.All(p.Referrals, r =>
            {
                Fits(r.RecordedBy, 256, required: true);
                Fits(r.Detail, Referral.TextMaxLength, required: true);
                Assert.True(r.Outcome == ReferralOutcome.Awaiting == r.OutcomeOn is null);
            });
            Assert.True(p.Gender == Gender.Female || p.Referrals.All(r => r.Service != ReferralService.WomensCentre));
        }
    }

    [Fact]
    public void PlansAndReviews_DealProperlyWithRiskOfHarm_InAboutAThird()
    {
        var plans = Allocated.Where(p => p.Plan is not null).ToList();
        var daPlans = plans.Where(p => Active(p, RegistrationType.DomesticAbuse)).ToList();
        var childPlans = plans.Where(ChildAtRisk).ToList();
        Assert.InRange(Share(daPlans, p => !string.IsNullOrWhiteSpace(p.Plan!.DomesticAbuseMeasures)), 0.25, 0.45);
        Assert.InRange(Share(childPlans, p => !string.IsNullOrWhiteSpace(p.Plan!.ChildSafeguardingMeasures)), 0.25, 0.45);

        // "Just over one-quarter" of plans for medium or higher risk of serious harm had contingency arrangements.
        var medium = plans.Where(p => p.Risk.Rosh >= RoshLevel.Medium).ToList();
        Assert.InRange(Share(medium, p => !string.IsNullOrWhiteSpace(p.Plan!.ContingencyArrangements)), 0.18, 0.36);

        // Reviews on cases with a partner or child at risk: about a third draw on other agencies.
        var relevantReviews = Allocated.Where(p => Active(p, RegistrationType.DomesticAbuse) || ChildAtRisk(p)).SelectMany(p => p.Reviews).ToList();
        Assert.InRange(Share(relevantReviews, r => r.OtherAgencyInput is not null), 0.2, 0.5);
    }

    [Fact]
    public void PoliceChecks_OftenRequested_RarelyRefreshed_ChildrensServicesAskedInAboutHalf()
    {
        var da = Allocated.Where(p => Active(p, RegistrationType.DomesticAbuse)).ToList();
        var police = da.Select(p => p.AgencyChecks.Where(c => c.Kind == AgencyCheckKind.PoliceDomesticAbuse).OrderBy(c => c.RequestedOn).ToList()).ToList();
        Assert.InRange(Share(police, c => c.Count > 0), 0.65, 0.85);
        var withCheck = police.Where(c => c.Count > 0).ToList();
        Assert.All(withCheck, c => Assert.NotNull(c[0].RequestedOn));

        // Refreshed: asked again within six months of the first answer.
        var refreshed = Share(withCheck, c => c[0].AnsweredOn is { } answered && c.Skip(1).Any(x => x.RequestedOn <= answered.AddMonths(6)));
        Assert.InRange(refreshed, 0.03, 0.35);
        Assert.InRange(Share(withCheck, c => c.Any(x => x.AnsweredOn is not null)), 0.8, 1.0);

        var child = Allocated.Where(ChildAtRisk).ToList();
        Assert.InRange(Share(child, p => p.AgencyChecks.Any(c => c.Kind == AgencyCheckKind.ChildrensServices)), 0.35, 0.65);
    }

    [Fact]
    public void Assessments_MostlyOnTime_AboutOneInEightLate_AFewDrafts()
    {
        var calendar = WorkingDayCalendar.EnglandAndWales;
        var initial = Allocated.Select(p => (Person: p, Assessment: p.Assessments.Single(a => a.Kind == AssessmentKind.Initial))).ToList();
        var completed = initial.Where(x => x.Assessment.CompletedOn is not null).ToList();
        Assert.InRange(Share(initial, x => x.Assessment.CompletedOn is not null), 0.93, 0.995);
        Assert.InRange(Share(completed, x => x.Assessment.CompletedOn > calendar.AddWorkingDays(x.Person.AllocatedOn!.Value, 15)), 0.07, 0.2);
    }

    [Fact]
    public void Plans_ForMostCases_ObjectivesLinkedAndOrdered_AboutOneInFourTemplateWording_RequirementsMostlyScheduled()
    {
        Assert.InRange(Share(Allocated.ToList(), p => p.Plan is not null), 0.8, 0.97);
        var plans = Allocated.Where(p => p.Plan is not null).Select(p => p.Plan!).ToList();
        Assert.All(plans, plan =>
        {
            Assert.InRange(plan.Objectives.Count, 2, 4);
            Assert.Equal(Enumerable.Range(1, plan.Objectives.Count), plan.Objectives.Select(o => o.Priority).Order());
            Assert.All(plan.Objectives, o => Assert.NotEqual(ObjectiveLinks.None, o.Links));
        });

        var objectives = plans.SelectMany(p => p.Objectives).ToList();
        Assert.InRange(Share(objectives, o => o.Copied == CopiedFrom.Template), 0.15, 0.35);
        Assert.All(objectives, o => Assert.Equal(SupervisionRules.TemplateObjectives.Contains(o.NormalisedText), o.Copied == CopiedFrom.Template));

        var toSchedule = Allocated.Where(p => p.Plan is not null && p.Orders.SelectMany(o => o.Requirements)
            .Any(r => r.Type is RequirementType.RehabilitationActivity or RequirementType.UnpaidWork or RequirementType.AccreditedProgramme)).ToList();
        Assert.InRange(Share(toSchedule, p => p.Plan!.Schedule.Count > 0), 0.6, 0.9);
    }

    [Fact]
    public void Contacts_MostlyAttended_FailuresDecidedWithReasons_OnlyRecentOnesAwaiting()
    {
        var contacts = Allocated.SelectMany(p => p.Contacts).Where(c => c.On <= Today).ToList();
        Assert.InRange(Share(contacts, c => c.Outcome == ContactOutcome.AttendedAndComplied), 0.75, 0.95);

        var failures = contacts.Where(c => ContactOutcomes.NeedsDecision(c.Outcome)).ToList();
        Assert.InRange(Share(failures, c => c.Decision is not null), 0.9, 1.0);
        var calendar = WorkingDayCalendar.EnglandAndWales;
        Assert.All(failures.Where(c => c.Decision is null), c => Assert.True(calendar.AddWorkingDays(c.On, 5) > Today, $"Undecided failure on {c.On} is not recent"));
        Assert.Contains(failures, c => c.Decision == AbsenceDecision.Acceptable);
        Assert.Contains(failures, c => c.Decision == AbsenceDecision.Unacceptable);

        // Contacts cover the last months to date (or to the end of an order that has ended), not the whole
        // order: before that only the induction and perhaps a first home visit.
        Assert.All(Allocated, p =>
        {
            var order = SupervisionRules.CurrentOrder(p, Today)!;
            var end = order.EndDate < Today ? order.EndDate : Today;
            Assert.True(p.Contacts.Count(c => c.On < end.AddMonths(-7)) <= 2, $"{p.Crn} has contacts from the whole order");
        });

        // Home visits where domestic abuse or a child at risk is flagged, in about two community cases in three.
        var relevant = Allocated.Where(p => (Active(p, RegistrationType.DomesticAbuse) || ChildAtRisk(p)) && p.Orders.All(o => o.Type != OrderType.Custody)).ToList();
        Assert.InRange(Share(relevant, p => p.Contacts.Any(c => c.Kind == ContactKind.HomeVisit && c.Outcome == ContactOutcome.AttendedAndComplied)), 0.55, 0.8);
        Assert.Contains(contacts, c => c.Kind == ContactKind.CommunityHub);
    }

    [Fact]
    public void UnacceptableFailures_AreWarned_AndAtTheThreshold_BreachOrRecallInAboutTwoCasesInThree()
    {
        var atThreshold = 0;
        var enforced = 0;
        foreach (var p in Allocated)
        {
            var type = SupervisionRules.CurrentOrder(p, Today)!.Type;
            var failures = p.Contacts.Where(c => c.Decision == AbsenceDecision.Unacceptable).OrderBy(c => c.On).ToList();
            foreach (var f in failures)
            {
                var steps = p.EnforcementActions.Where(e => e.Contact == f).ToList();
                var inWindow = failures.Count(x => x.On <= f.On && f.On.DayNumber - x.On.DayNumber < EnforcementRules.WindowDays);
                if (inWindow < EnforcementRules.Threshold(type))
                {
                    Assert.Contains(steps, e => e.Kind == EnforcementKind.Warning);
                    continue;
                }

                atThreshold++;
                if (steps.Any(e => EnforcementRules.IsBreachOrRecallDecision(e.Kind)))
                {
                    enforced++;
                    var decision = steps.First(e => EnforcementRules.IsBreachOrRecallDecision(e.Kind));
                    Assert.Equal(type is OrderType.Licence or OrderType.PostSentenceSupervision ? EnforcementKind.RecallRequested : EnforcementKind.BreachInitiated, decision.Kind);
                    Assert.All(steps.Where(e => e.Kind == EnforcementKind.ReEngagement), e => Assert.True(e.On > decision.On));
                }
            }
        }

        Assert.True(atThreshold >= 20, $"Only {atThreshold} failures at the threshold");
        Assert.InRange((double)enforced / atThreshold, 0.5, 0.8);
        Assert.Contains(Allocated, p => p.EnforcementActions.Any(e => e.Kind == EnforcementKind.ReEngagement));
    }

    [Fact]
    public void Events_InAboutThreeCasesInTen_ReviewsAfterSomeOfThem_ScheduledReviewsInMost()
    {
        var cases = Allocated.ToList();
        Assert.InRange(Share(cases, p => p.SignificantEvents.Count > 0), 0.2, 0.4);
        var events = cases.SelectMany(p => p.SignificantEvents.Where(e => e.Kind != SignificantEventKind.MonitoringViolation)).ToList();
        Assert.InRange(Share(events, e => cases.Any(p => p.Reviews.Any(r => r.TriggeredBy == e))), 0.3, 0.6);

        // Scheduled reviews where the plan is old enough to have been reviewed.
        var due = cases.Where(p => p.Plan is { } plan && plan.CompletedOn.AddDays(7 * 17) < Today).ToList();
        Assert.InRange(Share(due, p => p.Reviews.Any(r => r.Kind == ReviewKind.Scheduled)), 0.45, 0.75);
        Assert.Contains(cases, p => p.Referrals.Any(r => r.Service == ReferralService.Housing));
        Assert.Contains(cases, p => p.Referrals.Any(r => r.Service == ReferralService.CitizenshipModule));
    }

    [Fact]
    public void TheSafetyNet_ShowsARealisticPicture_NotEveryCaseAlerting_NorNone()
    {
        var alerting = Share(Allocated.ToList(), p => Evaluate(p, Today).Count > 0);
        Assert.InRange(alerting, 0.3, 0.95);
    }

    [Fact]
    public void Craig_RaisesTheAlertsTheReportSaysWereMissed()
    {
        var craig = Story(DemoHistory.Craig);
        Assert.Equal("Craig", craig.FirstName);
        Assert.Equal(OrderType.SuspendedSentenceOrder, craig.Orders.Single().Type);
        Assert.Equal(OffenceCategory.Acquisitive, craig.Orders.Single().MainOffence);
        Assert.Contains(craig.Contacts, c => c.Decision == AbsenceDecision.Acceptable && c.DecisionReason!.Contains("sleeping in", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(craig.Contacts, c => c.Decision == AbsenceDecision.Acceptable && c.DecisionReason!.Contains("drunk", StringComparison.OrdinalIgnoreCase));
        Assert.Superset(
            new HashSet<AlertCode>
            {
                AlertCode.PoliceCheckNotRequested,
                AlertCode.DomesticAbuseNotAddressedInPlan,
                AlertCode.NoContingencyArrangements,
                AlertCode.TriggeredReviewOverdue,
                AlertCode.HomeVisitOverdue,
            },
            Alerts(craig));
    }

    [Fact]
    public void Martin_RaisesTheAlertsTheReportSaysWereMissed()
    {
        var martin = Story(DemoHistory.Martin);
        Assert.Equal("Martin", martin.FirstName);
        Assert.Contains(martin.Orders.Single().Requirements, r => r.Type == RequirementType.Curfew);
        Assert.Equal(OffenceCategory.MotoringDrinkDriving, martin.Orders.Single().MainOffence);
        Assert.Superset(
            new HashSet<AlertCode>
            {
                AlertCode.ChildrenServicesCheckNotRequested,
                AlertCode.DomesticAbuseNotAddressedInPlan,
                AlertCode.ChildSafeguardingNotAddressedInPlan,
                AlertCode.NoContingencyArrangements,
                AlertCode.MonitoringViolationNotActioned,
                AlertCode.TriggeredReviewOverdue,
                AlertCode.HomeVisitOverdue,
            },
            Alerts(martin));
        Assert.True(Evaluate(martin, Today).Count(a => a.Code == AlertCode.MonitoringViolationNotActioned) >= 3);
        Assert.Contains(martin.SignificantEvents, e => e.Kind == SignificantEventKind.ReleaseFromCustody);
        Assert.Contains(martin.SignificantEvents, e => e.Kind == SignificantEventKind.NonMolestationOrderBreach);
    }

    [Fact]
    public void Donna_RaisesNothing()
    {
        var donna = Story(DemoHistory.Donna);
        Assert.Equal(("Donna", Gender.Female), (donna.FirstName, donna.Gender));
        Assert.True(Active(donna, RegistrationType.ChildProtection));
        Assert.Empty(Evaluate(donna, Today));
    }

    [Theory]
    [InlineData(2026, 11, 28)] // a Saturday
    [InlineData(2027, 1, 4)] // after the Christmas bank holidays
    [InlineData(2027, 6, 15)]
    public void TheStories_HoldWhateverDayTheDemoIsLoaded(int year, int month, int day)
    {
        var today = new DateOnly(year, month, day);
        var demo = DemoDataGenerator.Generate(DemoScale.Small, today);
        var stories = demo.People.Where(p => p.Person.Crn == DemoHistory.Craig || p.Person.Crn == DemoHistory.Martin || p.Person.Crn == DemoHistory.Donna).ToList();
        Assert.Equal(3, stories.Count);
        Assert.All(stories, s => Assert.Same(demo.DemoAccounts["po"], s.Officer));
        HashSet<AlertCode> AlertsOn(Crn crn) => Evaluate(stories.Single(s => s.Person.Crn == crn).Person, today).Select(a => a.Code).ToHashSet();
        Assert.Contains(AlertCode.TriggeredReviewOverdue, AlertsOn(DemoHistory.Craig));
        Assert.Contains(AlertCode.MonitoringViolationNotActioned, AlertsOn(DemoHistory.Martin));
        Assert.Empty(AlertsOn(DemoHistory.Donna));
    }
}

/// <summary>
/// The histories as the seeder writes them, read back from the database: every row there, the hub
/// contacts at their hubs, and the three stories raising the same alerts from the database as generated.
/// </summary>
public abstract class DemoHistorySeedTests(ProbationAppFactory app)
{
    private static readonly SafetyNet Net = new(new SafetyNetOptions(), WorkingDayCalendar.EnglandAndWales);

    [Fact]
    public async Task SeededHistory_HasEveryGeneratedRecord_HubContactsInsideOpeningSessions()
    {
        app.SkipIfUnavailable();
        var today = app.Clock.Today();
        var generated = DemoDataGenerator.Generate(DemoScale.Small, today).People.Select(p => p.Person).ToList();
        var expected = new[]
        {
            generated.Sum(p => p.Assessments.Count), generated.Sum(p => p.Assessments.Sum(a => a.Needs.Count)), generated.Sum(p => p.AgencyChecks.Count),
            generated.Count(p => p.Plan is not null), generated.Sum(p => p.Plan?.Objectives.Count ?? 0), generated.Sum(p => p.Plan?.Schedule.Count ?? 0),
            generated.Sum(p => p.Contacts.Count), generated.Sum(p => p.EnforcementActions.Count), generated.Sum(p => p.SignificantEvents.Count),
            generated.Sum(p => p.Reviews.Count), generated.Sum(p => p.Reviews.Sum(r => r.Progress.Count)), generated.Sum(p => p.Referrals.Count),
        };
        var seeded = await app.WithDbAsync(async db => new[]
        {
            await db.Assessments.CountAsync(), await db.Set<AssessedNeed>().CountAsync(), await db.AgencyChecks.CountAsync(),
            await db.SentencePlans.CountAsync(), await db.PlanObjectives.CountAsync(), await db.Set<ScheduledRequirement>().CountAsync(),
            await db.Contacts.CountAsync(c => !db.UnpaidWorkBookings.Any(b => b.ContactId == c.Id) && !db.Set<Probation.Domain.Programmes.ProgrammeAttendance>().Any(a => a.ContactId == c.Id)), await db.EnforcementActions.CountAsync(), await db.SignificantEvents.CountAsync(),
            await db.Reviews.CountAsync(), await db.Set<ObjectiveProgress>().CountAsync(), await db.Referrals.CountAsync(),
        });
        Assert.Equal(expected, seeded);

        var hubContacts = await app.WithDbAsync(db => db.Contacts.AsNoTracking().Where(c => c.Kind == ContactKind.CommunityHub)
            .Include(c => c.Site!).ThenInclude(s => s.OpeningSessions).Include(c => c.Site!).ThenInclude(s => s.RentalPeriods).AsSplitQuery().ToListAsync());
        Assert.NotEmpty(hubContacts);
        Assert.All(hubContacts, c => Assert.Null(SupervisionRules.HubSlot(c.On, c.StartsAt, c.EndsAt, c.Site!, c.Site!.OpeningSessions, c.Site.RentalPeriods)));

        // Every link between records survives the write: failures to their enforcement, events to their reviews.
        var links = await app.WithDbAsync(async db => (
            await db.EnforcementActions.CountAsync(e => e.ContactId != null && e.Contact!.PersonId == e.PersonId),
            await db.Reviews.CountAsync(r => r.TriggeredByEventId != null && r.TriggeredBy!.PersonId == r.PersonId),
            await db.Set<ObjectiveProgress>().CountAsync(p => p.ObjectiveId != null)));
        Assert.Equal(generated.Sum(p => p.EnforcementActions.Count(e => e.Contact is not null)), links.Item1);
        Assert.Equal(generated.Sum(p => p.Reviews.Count(r => r.TriggeredBy is not null)), links.Item2);
        Assert.Equal(expected[10], links.Item3);
    }

    [Fact]
    public async Task TheStories_ReadFromTheDatabase_RaiseWhatTheReportFound()
    {
        app.SkipIfUnavailable();
        var today = app.Clock.Today();
        async Task<HashSet<AlertCode>> AlertsAsync(Crn crn)
        {
            var person = await app.WithDbAsync(db => db.People.AsNoTracking().AsSplitQuery()
                .Include(p => p.Orders).ThenInclude(o => o.Requirements)
                .Include(p => p.Registrations)
                .Include(p => p.Assessments).ThenInclude(a => a.Needs)
                .Include(p => p.AgencyChecks)
                .Include(p => p.Plan!).ThenInclude(x => x.Schedule)
                .Include(p => p.Contacts)
                .Include(p => p.EnforcementActions)
                .Include(p => p.SignificantEvents)
                .Include(p => p.Reviews)
                .Include(p => p.AlertExceptions)
                .SingleAsync(p => p.Crn == crn));
            Assert.NotNull(person.ResponsibleOfficerId);
            return Net.Evaluate(CaseSnapshots.Of(person, today), today).Select(a => a.Code).ToHashSet();
        }

        Assert.Superset(
            new HashSet<AlertCode> { AlertCode.PoliceCheckNotRequested, AlertCode.DomesticAbuseNotAddressedInPlan, AlertCode.NoContingencyArrangements, AlertCode.TriggeredReviewOverdue, AlertCode.HomeVisitOverdue },
            await AlertsAsync(DemoHistory.Craig));
        Assert.Superset(
            new HashSet<AlertCode>
            {
                AlertCode.ChildrenServicesCheckNotRequested, AlertCode.DomesticAbuseNotAddressedInPlan, AlertCode.ChildSafeguardingNotAddressedInPlan,
                AlertCode.NoContingencyArrangements, AlertCode.MonitoringViolationNotActioned, AlertCode.TriggeredReviewOverdue, AlertCode.HomeVisitOverdue,
            },
            await AlertsAsync(DemoHistory.Martin));
        Assert.Empty(await AlertsAsync(DemoHistory.Donna));

        var po = await app.WithDbAsync(db => db.Staff.Where(s => s.UserName == "po").Select(s => s.Id).SingleAsync());
        var officers = await app.WithDbAsync(db => db.People.Where(p => p.Crn == DemoHistory.Craig || p.Crn == DemoHistory.Martin || p.Crn == DemoHistory.Donna)
            .Select(p => p.ResponsibleOfficerId).ToListAsync());
        Assert.Equal([po, po, po], officers);
    }
}

public sealed class SqliteDemoHistorySeedTests(ProbationAppFactory app) : DemoHistorySeedTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresDemoHistorySeedTests(PostgresAppFactory app) : DemoHistorySeedTests(app), IClassFixture<PostgresAppFactory>;
