using System.Net;
using Probation.Testing;

namespace Probation.Web.Tests;

public class CraigStoryApp : StoryAppFactory
{
    public CraigStoryApp()
    {
    }

    protected CraigStoryApp(TestDatabase? database)
        : base(database)
    {
    }

    protected override DateOnly StoryStarts => new(2026, 3, 2);
}

public sealed class CraigStoryPostgresApp() : CraigStoryApp(TestDatabase.Postgres());

public class MartinStoryApp : StoryAppFactory
{
    public MartinStoryApp()
    {
    }

    protected MartinStoryApp(TestDatabase? database)
        : base(database)
    {
    }

    protected override DateOnly StoryStarts => new(2026, 1, 5);
}

public sealed class MartinStoryPostgresApp() : MartinStoryApp(TestDatabase.Postgres());

public class DonnaStoryApp : StoryAppFactory
{
    public DonnaStoryApp()
    {
    }

    protected DonnaStoryApp(TestDatabase? database)
        : base(database)
    {
    }

    protected override DateOnly StoryStarts => new(2026, 4, 6);
}

public sealed class DonnaStoryPostgresApp() : DonnaStoryApp(TestDatabase.Postgres());

/// <summary>
/// The report's three case stories (section 2), entered through the API on the days they happened, as
/// an officer would have entered them. Craig's and Martin's raise what a team manager needed to see, as
/// it became due; Donna's well-run case raises nothing.
/// </summary>
public abstract class CraigStoryTests(CraigStoryApp app)
{
    [Fact]
    public async Task Craig_LateAssessment_DomesticAbuseMissed_SleepingInAccepted_NoReviewAfterPartnerInHospital()
    {
        // "Craig had received an 18-month suspended sentence order for theft from a shop. He had a significant
        // history of domestic abuse ... Little information had been provided by the NPS court service."
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        await story.CreateAndAllocateAsync(
            new
            {
                firstName = "Craig",
                lastName = "Storyteller",
                dateOfBirth = "1988-06-14",
                gender = "Male",
                teamId,
                source = "Court",
                receivedOn = "2026-03-02",
                orderType = "SuspendedSentenceOrder",
                orderStart = "2026-03-02",
                lengthMonths = 18,
                court = "Teesside Magistrates' Court",
                mainOffence = "Acquisitive",
                requirements = new object[] { new { type = "RehabilitationActivity", rarDays = 20 } },
                rosh = "Medium",
                riskToKnownAdult = true,
                ogrsScore = 72,
                registrations = Array.Empty<object>(),
            },
            "po");

        // "The initial DTV assessment was late": 15 working days after allocation is 23 March.
        story.On(new DateOnly(2026, 3, 24));
        Assert.Contains("InitialAssessmentOverdue", await story.CodesAsync());

        story.On(new DateOnly(2026, 4, 7));
        await story.WriteAsync("po", HttpMethod.Post, "assessments", new
        {
            kind = "Initial",
            startedOn = "2026-04-01",
            completedOn = "2026-04-07",
            currentOffence = "Stole alcohol from a supermarket.",
            previousConvictionsReviewed = true,
            needs = StoryClient.AllNeeds(),
            strengths = "Some family support.",
            diversityAndCircumstances = "No issues identified.",
            motivation = "Says he wants to stay out of trouble.",
            personsViews = "Thinks the order is unfair.",
            informationSources = "Court papers.",
            rosh = "Medium",
            roshReasons = "Acquisitive offending to fund alcohol.",
            whoIsAtRisk = "Shop staff.",
            riskToKnownAdult = true,
        });
        Assert.DoesNotContain("InitialAssessmentOverdue", await story.CodesAsync());

        // "nor was there a plan to address Craig's offending behaviour": standard wording, flagged as a copy.
        story.On(new DateOnly(2026, 4, 14));
        await story.WriteAsync("po", HttpMethod.Put, "plan", new
        {
            on = "2026-04-14",
            personsInvolvement = "Discussed at the appointment.",
            contactsPerMonth = 2,
            objectives = new object[] { new { text = "Attend all appointments as directed", links = new[] { "Engagement" }, priority = 1, targetDate = "2027-01-31" } },
            schedule = new object[] { new { requirementId = await RarIdAsync(story), startsOn = "2026-05-01", completeBy = "2027-06-30", pattern = "Fortnightly sessions" } },
        });
        var plan = (await story.SupervisionAsync()).GetProperty("plan");
        Assert.Equal("Template", plan.GetProperty("objectives")[0].GetProperty("copied").GetString());

        // "Being drunk and 'sleeping in' had been accepted as reasons for Craig missing appointments."
        story.On(new DateOnly(2026, 5, 5));
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-05-05", kind = "Office", outcome = "FailedToAttend", decision = "Acceptable", decisionReason = "Said he was sleeping in." });
        story.On(new DateOnly(2026, 6, 2));
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-06-02", kind = "Office", outcome = "FailedToAttend", decision = "Acceptable", decisionReason = "Had been drinking and was unwell." });
        story.On(new DateOnly(2026, 6, 16));
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-06-16", kind = "Office", outcome = "AttendedAndComplied", notes = "Casual conversation about his week." });

        // "... a significant event where his partner went into hospital": the police then shared his domestic abuse history.
        story.On(new DateOnly(2026, 9, 21));
        await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-09-21", kind = "HospitalAdmissionOfPartnerOrChild", description = "Partner admitted to hospital with injuries; circumstances unclear." });
        await story.WriteAsync("po", HttpMethod.Post, "registrations", new { type = "DomesticAbuse", startedOn = "2026-09-21" });

        // "No review had been done": two months on, what the team manager sees on the case.
        story.On(new DateOnly(2026, 11, 26));
        var alerts = await story.AlertsAsync();
        Assert.Equal(
            ["DomesticAbuseNotAddressedInPlan", "HomeVisitOverdue", "NoContingencyArrangements", "PoliceCheckNotRequested", "ReviewOverdue", "TriggeredReviewOverdue"],
            alerts.Select(a => a.Code).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(alerts, a => a.Code == "TriggeredReviewOverdue" && a.Reason.Contains("hospital admission", StringComparison.Ordinal));

        // The officer cannot now dismiss them; a manager's exception needs a reason, and the work stays owed.
        var refused = await story.RefusedAsync("po", HttpMethod.Post, "alert-exceptions", new { code = "PoliceCheckNotRequested", reason = "Busy", until = "2026-12-10" });
        Assert.Contains("manager of the team", refused, StringComparison.Ordinal);
    }

    private static async Task<int> RarIdAsync(StoryClient story) =>
        (await story.SupervisionAsync()).GetProperty("requirements")[0].GetProperty("id").GetInt32();
}

public abstract class MartinStoryTests(MartinStoryApp app)
{
    [Fact]
    public async Task Martin_DomesticAbuseAndChildren_SparseRiskPlan_CurfewBreachesNotEnforced_NoReviewAfterCustody()
    {
        // "Martin was made subject to a 12-month community order for driving offences. This is in a context of
        // drug use, domestic abuse and child protection issues ... a curfew was imposed."
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        await story.CreateAndAllocateAsync(
            new
            {
                firstName = "Martin",
                lastName = "Storyteller",
                dateOfBirth = "1991-02-03",
                gender = "Male",
                teamId,
                source = "Court",
                receivedOn = "2026-01-05",
                orderType = "CommunityOrder",
                orderStart = "2026-01-05",
                lengthMonths = 12,
                court = "Teesside Magistrates' Court",
                mainOffence = "MotoringDrinkDriving",
                requirements = new object[] { new { type = "Curfew", lengthMonths = 4 }, new { type = "RehabilitationActivity", rarDays = 15 } },
                rosh = "Medium",
                riskToChildren = true,
                riskToKnownAdult = true,
                ogrsScore = 58,
                registrations = new object[] { new { type = "DomesticAbuse", startedOn = "2026-01-05" }, new { type = "ChildProtection", startedOn = "2026-01-05" } },
            },
            "po");

        story.On(new DateOnly(2026, 1, 19));
        var policeCheck = await story.WriteAsync("po", HttpMethod.Post, "checks", new { kind = "PoliceDomesticAbuse", requestedOn = "2026-01-19" });

        // The product does not let the assessment be completed until children's services are asked, or the
        // officer records why not: "too much weight on Martin's account of the home situation".
        var assessment = new
        {
            kind = "Initial",
            startedOn = "2026-01-19",
            completedOn = "2026-01-26",
            currentOffence = "Drove while disqualified.",
            previousConvictionsReviewed = true,
            needs = StoryClient.AllNeeds(),
            strengths = "Employed.",
            diversityAndCircumstances = "Lives with partner and two children.",
            motivation = "Low.",
            personsViews = "Says home life is settled.",
            informationSources = "Court papers; Martin.",
            rosh = "Medium",
            roshReasons = "Domestic abuse history towards partner.",
            whoIsAtRisk = "Partner and children.",
            riskToChildren = true,
            riskToKnownAdult = true,
        };
        story.On(new DateOnly(2026, 1, 26));
        var refused = await story.RefusedAsync("po", HttpMethod.Post, "assessments", assessment);
        Assert.Contains("children's services", refused, StringComparison.Ordinal);
        await story.WriteAsync("po", HttpMethod.Post, "checks", new { kind = "ChildrensServices", notRequiredReason = "Martin says social services closed their case last year." });
        await story.WriteAsync("po", HttpMethod.Patch, $"checks/{policeCheck}", new { answeredOn = "2026-01-26", summary = "Two call-outs to the home address in 2025." });
        await story.WriteAsync("po", HttpMethod.Post, "assessments", assessment);

        // "Domestic abuse was not addressed in the sentence plan": the product refuses that plan ...
        story.On(new DateOnly(2026, 2, 2));
        var rarId = (await story.SupervisionAsync()).GetProperty("requirements")[1].GetProperty("id").GetInt32();
        object Plan(string? da, string? children) => new
        {
            on = "2026-02-02",
            personsInvolvement = "Martin agreed the plan.",
            contactsPerMonth = 2,
            domesticAbuseMeasures = da,
            childSafeguardingMeasures = children,
            objectives = new object[] { new { text = "Stop driving while disqualified", links = new[] { "ThinkingAndBehaviour" }, priority = 1, targetDate = "2026-12-31" } },
            schedule = new object[] { new { requirementId = rarId, startsOn = "2026-02-09", completeBy = "2026-12-31", pattern = "Weekly" } },
        };
        Assert.Contains("Domestic abuse is flagged", await story.RefusedAsync("po", HttpMethod.Put, "plan", Plan(null, null)), StringComparison.Ordinal);

        // ... so it is written, sparsely: "the risk management plan is sparse".
        await story.WriteAsync("po", HttpMethod.Put, "plan", Plan("Discuss the relationship in supervision.", "Martin to tell the officer about contact with the children."));

        // "This was breached by Martin many times, but not enforced by the responsible officer."
        foreach (var day in new[] { new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 24), new DateOnly(2026, 4, 14) })
        {
            story.On(day);
            await story.WriteAsync("po", HttpMethod.Post, "events", new { on = day, kind = "MonitoringViolation", description = "Curfew monitoring: out of the address after 9pm." });
        }

        // "An increase in the domestic abuse risk was not noted ... Martin received a short custodial sentence ...
        // There have been numerous breaches of non-molestation order since release."
        foreach (var (day, kind, what) in new[]
                 {
                     (new DateOnly(2026, 5, 20), "PoliceDomesticAbuseCallOut", "Police called to the home after a disturbance."),
                     (new DateOnly(2026, 6, 15), "NewOffenceOrArrest", "Arrested for driving while disqualified; remanded."),
                     (new DateOnly(2026, 8, 3), "ReleaseFromCustody", "Released from a short custodial sentence."),
                     (new DateOnly(2026, 9, 1), "NonMolestationOrderBreach", "Partner reports contact in breach of the order."),
                     (new DateOnly(2026, 10, 6), "NonMolestationOrderBreach", "Seen outside the partner's address."),
                 })
        {
            story.On(day);
            await story.WriteAsync("po", HttpMethod.Post, "events", new { on = day, kind, description = what });
        }

        story.On(new DateOnly(2026, 11, 26));
        var alerts = await story.AlertsAsync();
        var codes = alerts.Select(a => a.Code).ToList();
        Assert.Equal(3, codes.Count(c => c == "MonitoringViolationNotActioned"));
        Assert.Equal(5, codes.Count(c => c == "TriggeredReviewOverdue"));
        Assert.Equal(
            ["HomeVisitOverdue", "MonitoringViolationNotActioned", "NoContingencyArrangements", "PoliceCheckNotRefreshed", "ReviewOverdue", "TriggeredReviewOverdue"],
            codes.Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Contains(alerts, a => a.Code == "TriggeredReviewOverdue" && a.Reason.Contains("non-molestation order", StringComparison.Ordinal));

        // The children's services decision stands on the record for the manager to see, with its reason.
        var checks = (await story.SupervisionAsync()).GetProperty("checks");
        Assert.Contains(checks.EnumerateArray(), c => c.GetProperty("notRequiredReason").GetString() == "Martin says social services closed their case last year.");
    }
}

public abstract class DonnaStoryTests(DonnaStoryApp app)
{
    [Fact]
    public async Task Donna_WellRunCase_HomeVisitsChecksPlanAndReviews_RaisesNothing()
    {
        // "Regular home visits helped to gain the trust of Donna ... The officer was mindful of risk issues
        // and regularly liaised with agencies to exchange information and secure appropriate services."
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        await story.CreateAndAllocateAsync(
            new
            {
                firstName = "Donna",
                lastName = "Storyteller",
                dateOfBirth = "1990-09-09",
                gender = "Female",
                teamId,
                source = "Court",
                receivedOn = "2026-04-06",
                orderType = "CommunityOrder",
                orderStart = "2026-04-06",
                lengthMonths = 18,
                court = "Teesside Magistrates' Court",
                mainOffence = "Drugs",
                requirements = new object[] { new { type = "RehabilitationActivity", rarDays = 25 } },
                rosh = "Medium",
                riskToChildren = true,
                ogrsScore = 45,
                registrations = new object[] { new { type = "ChildProtection", startedOn = "2026-04-06" } },
            },
            "po");

        story.On(new DateOnly(2026, 4, 8));
        var cs = await story.WriteAsync("po", HttpMethod.Post, "checks", new { kind = "ChildrensServices", requestedOn = "2026-04-08" });
        story.On(new DateOnly(2026, 4, 14));
        await story.WriteAsync("po", HttpMethod.Patch, $"checks/{cs}", new { answeredOn = "2026-04-14", summary = "Child in need plan; social worker named." });
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-04-14", kind = "HomeVisit", outcome = "AttendedAndComplied", notes = "Met Donna and her mother at home." });
        story.On(new DateOnly(2026, 4, 20));
        await story.WriteAsync("po", HttpMethod.Post, "assessments", new
        {
            kind = "Initial",
            startedOn = "2026-04-08",
            completedOn = "2026-04-20",
            currentOffence = "Possession with intent to supply, under pressure from a former partner.",
            previousConvictionsReviewed = true,
            patternsOfOffending = "Offending follows relapse.",
            needs = StoryClient.AllNeeds("SignificantProblems"),
            strengths = "Close to her mother; wants to keep her children.",
            diversityAndCircumstances = "Single parent; history of trauma.",
            motivation = "High.",
            personsViews = "Wants help with drug use and housing.",
            informationSources = "Court papers; children's services; GP.",
            rosh = "Medium",
            roshReasons = "Risk to her children from drug use and associates.",
            whoIsAtRisk = "Her two children.",
            riskToChildren = true,
        });
        var rarId = (await story.SupervisionAsync()).GetProperty("requirements")[0].GetProperty("id").GetInt32();
        story.On(new DateOnly(2026, 4, 27));
        await story.WriteAsync("po", HttpMethod.Put, "plan", new
        {
            on = "2026-04-27",
            personsInvolvement = "Donna wrote the objectives with me, in her words.",
            contactsPerMonth = 4,
            contactPattern = "Weekly, with a home visit each month",
            constructiveInterventions = "Substance misuse service; women's centre.",
            restrictiveInterventions = "None needed.",
            contingencyArrangements = "If she relapses, joint visit with the social worker within two days.",
            otherAgencies = "Children's services (child in need plan).",
            victimSafety = "Children's safety through the child in need plan.",
            childSafeguardingMeasures = "Monthly home visits; liaison with the social worker.",
            objectives = new object[]
            {
                new { text = "Donna will keep her appointments with the drug service and test clean", links = new[] { "Drugs", "ChildSafeguarding" }, priority = 1, targetDate = "2026-10-31" },
                new { text = "Donna will find a tenancy away from her former partner", links = new[] { "Accommodation", "Relationships" }, priority = 2, targetDate = "2027-03-31" },
            },
            schedule = new object[] { new { requirementId = rarId, startsOn = "2026-05-04", completeBy = "2027-06-30", pattern = "Women's centre modules, weekly" } },
        });

        // Home visits at least every 90 days; reviews after each change, and within 16 weeks.
        foreach (var day in new[] { new DateOnly(2026, 6, 23), new DateOnly(2026, 8, 25), new DateOnly(2026, 10, 27) })
        {
            story.On(day);
            await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = day, kind = "HomeVisit", outcome = "AttendedAndComplied", notes = "Home calm; children present and well." });
        }

        story.On(new DateOnly(2026, 7, 6));
        var move = await story.WriteAsync("po", HttpMethod.Post, "events", new { on = "2026-07-06", kind = "ChangeOfAddressOrHousehold", description = "Moved to a council tenancy." });
        var supervision = await story.SupervisionAsync();
        var objectives = supervision.GetProperty("plan").GetProperty("objectives").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ToList();
        object Review(string on, string kind, int? eventId) => new
        {
            kind,
            completedOn = on,
            triggeredByEventId = eventId,
            progress = objectives.Select(id => new { objectiveId = id, progress = "Steady progress; tests negative." }).ToArray(),
            offendingFactorChanges = "Drug use reduced.",
            riskFactorChanges = "No contact with former partner.",
            personsInvolvement = "Donna reviewed her plan with me.",
            otherAgencyInput = "Social worker: children doing well.",
            planAdjusted = true,
        };
        story.On(new DateOnly(2026, 7, 13));
        await story.WriteAsync("po", HttpMethod.Post, "checks", new { kind = "ChildrensServices", requestedOn = "2026-07-13" });
        await story.WriteAsync("po", HttpMethod.Post, "reviews", Review("2026-07-13", "Triggered", move));
        story.On(new DateOnly(2026, 10, 19));
        var refresh = (await story.SupervisionAsync()).GetProperty("checks")[0].GetProperty("id").GetInt32();
        await story.WriteAsync("po", HttpMethod.Patch, $"checks/{refresh}", new { answeredOn = "2026-10-19", summary = "Child in need plan continues; no concerns." });
        await story.WriteAsync("po", HttpMethod.Post, "reviews", Review("2026-10-19", "Scheduled", null));

        story.On(new DateOnly(2026, 11, 26));
        Assert.Empty(await story.AlertsAsync());
    }
}

public sealed class SqliteCraigStoryTests(CraigStoryApp app) : CraigStoryTests(app), IClassFixture<CraigStoryApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresCraigStoryTests(CraigStoryPostgresApp app) : CraigStoryTests(app), IClassFixture<CraigStoryPostgresApp>;

public sealed class SqliteMartinStoryTests(MartinStoryApp app) : MartinStoryTests(app), IClassFixture<MartinStoryApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresMartinStoryTests(MartinStoryPostgresApp app) : MartinStoryTests(app), IClassFixture<MartinStoryPostgresApp>;

public sealed class SqliteDonnaStoryTests(DonnaStoryApp app) : DonnaStoryTests(app), IClassFixture<DonnaStoryApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresDonnaStoryTests(DonnaStoryPostgresApp app) : DonnaStoryTests(app), IClassFixture<DonnaStoryPostgresApp>;
