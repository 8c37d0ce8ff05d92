using Probation.Application.Demo;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;

namespace Probation.Application.Tests;

/// <summary>
/// The demo provider must have the shape the report describes (section 1.2 and Annex 3). Each
/// figure is computed from the generated data, not asserted from the generator's settings.
/// </summary>
public sealed class DemoDataTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Lazy<DemoDataset> Demo = new(() => DemoDataGenerator.Generate(DemoScale.Provider, Today));

    private static double Share(Func<DemoPerson, bool> predicate) =>
        (double)Demo.Value.People.Count(predicate) / Demo.Value.People.Count;

    private static bool Active(DemoPerson p, RegistrationType type) =>
        p.Person.Registrations.Any(r => r.Type == type && r.IsActive(Today));

    [Fact]
    public void AverageCasesPerResponsibleOfficer_IsAbout51()
    {
        var perOfficer = Demo.Value.People.Where(p => p.Officer is not null).GroupBy(p => p.Officer).Select(g => g.Count()).ToList();
        var officers = Demo.Value.Staff.Count(s => s.IsResponsibleOfficerGrade);
        Assert.InRange(officers, 165, 175);
        Assert.InRange((double)Demo.Value.People.Count / officers, 49.0, 53.0);
        Assert.Equal(officers, perOfficer.Count);
    }

    [Fact]
    public void People_AreAbout8700()
    {
        Assert.InRange(Demo.Value.People.Count, 8_500, 8_900);
        Assert.Equal(Demo.Value.People.Count, Demo.Value.People.Select(p => p.Person.Crn).Distinct().Count());
    }

    [Fact]
    public void CurrentDomesticAbuse_IsInAbout40PerCentOfCases() =>
        Assert.InRange(Share(p => Active(p, RegistrationType.DomesticAbuse)), 0.38, 0.42);

    [Fact]
    public void ChildSafeguarding_IsInAbout10PerCentOfCases() =>
        Assert.InRange(Share(p => Active(p, RegistrationType.ChildProtection)), 0.08, 0.12);

    [Fact]
    public void AboutOneInFiveAreWomen() =>
        Assert.InRange(Share(p => p.Person.Gender == Gender.Female), 0.18, 0.22);

    [Fact]
    public void Organisation_SixLocalTeamsAlignedToTheLocalAuthorities_TwoDistrictCentres_35Hubs()
    {
        var local = Demo.Value.Teams.Where(t => t.Kind == TeamKind.LocalTeam).Select(t => t.LocalAuthority).Order().ToList();
        Assert.Equal(
            ["County Durham", "Darlington", "Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"],
            local);
        Assert.Single(Demo.Value.Teams, t => t.Kind == TeamKind.Interventions);
        Assert.Equal(2, Demo.Value.Sites.Count(s => s.Kind == SiteKind.DistrictCentre));
        Assert.Equal(35, Demo.Value.Sites.Count(s => s.Kind == SiteKind.CommunityHub));
        Assert.All(Demo.Value.Sites.Where(s => s.Kind == SiteKind.CommunityHub), h => Assert.NotEmpty(h.OpeningSessions));
    }

    [Fact]
    public void Allocation_FollowsAnnex3_DomesticAbuseWithProbationOfficers_WomenWithFemaleOfficers()
    {
        var da = Demo.Value.People.Where(p => p.Officer is not null && Active(p, RegistrationType.DomesticAbuse)).ToList();
        Assert.All(da, p => Assert.Equal(StaffGrade.ProbationOfficer, p.Officer!.Grade));
        var women = Demo.Value.People.Where(p => p.Officer is not null && p.Person.Gender == Gender.Female).ToList();
        Assert.All(women, p => Assert.Equal(Gender.Female, p.Officer!.Gender));
    }

    [Fact]
    public void Orders_HaveValidLengthsAndEndDates_AndUnpaidWorkWithin300Hours()
    {
        var orders = Demo.Value.People.SelectMany(p => p.Person.Orders).ToList();
        Assert.All(orders, o =>
        {
            Assert.True(OrderTerms.TryEndDate(o.Type, o.StartDate, o.LengthMonths).Succeeded);
            Assert.Equal(OrderTerms.EndDate(o.StartDate, o.LengthMonths), o.EndDate);
        });
        Assert.All(orders.SelectMany(o => o.Requirements).Where(r => r.Type == RequirementType.UnpaidWork),
            r => Assert.Null(OrderTerms.CheckUnpaidWorkHours(r.UnpaidWorkHours!.Value)));
        Assert.Contains(orders, o => o.Type == OrderType.Licence);
        Assert.Contains(orders, o => o.Type == OrderType.SuspendedSentenceOrder);
    }

    [Fact]
    public void Generation_IsDeterministic()
    {
        var again = DemoDataGenerator.Generate(DemoScale.Provider, Today);
        Assert.Equal(
            Demo.Value.People.Take(50).Select(p => (p.Person.Crn, p.Person.FirstName, p.Person.LastName, p.Person.Risk.Ogrs)),
            again.People.Take(50).Select(p => (p.Person.Crn, p.Person.FirstName, p.Person.LastName, p.Person.Risk.Ogrs)));
    }

    [Fact]
    public void SomeCasesAreRestricted_AndEveryRoleHasADemoAccount()
    {
        Assert.Contains(Demo.Value.People, p => p.Access.Any(a => a.Kind == Domain.Access.AccessListKind.Restriction));
        Assert.Contains(Demo.Value.People, p => p.Access.Any(a => a.Kind == Domain.Access.AccessListKind.Exclusion));
        Assert.Equal(
            ["admin", "caseadmin", "inspector", "leader", "manager", "po", "programmes", "pso", "quality", "quality2", "ttg", "upw", "upwmanager"],
            Demo.Value.DemoAccounts.Keys.Order());
    }

    [Fact]
    public void StandaloneUnpaidWorkCases_AreHeldByTheUnpaidWorkTeam_OthersByTheLocalTeams()
    {
        var team = Assert.Single(Demo.Value.Teams, t => t.Kind == TeamKind.UnpaidWork);
        bool Standalone(DemoPerson p) => p.Person.Orders.Count > 0 && p.Person.Orders.All(o => o.Requirements.Count > 0 && o.Requirements.All(r => r.Type == RequirementType.UnpaidWork));
        var standalone = Demo.Value.People.Where(Standalone).ToList();
        Assert.True(standalone.Count > 100, $"{standalone.Count} standalone unpaid work cases");
        Assert.All(standalone, p => Assert.Same(team, p.Team));
        Assert.All(standalone.Where(p => p.Officer is not null), p => Assert.Same(team, p.Officer!.Team));
        Assert.All(Demo.Value.People.Where(p => !Standalone(p) && p.Officer is not null), p => Assert.Same(p.Team, p.Officer!.Team));
        Assert.All(Demo.Value.People.Where(p => p.Team == team), p => Assert.True(Standalone(p)));

        // The team's caseload is in line with everyone else's, and it has a manager to allocate its queue.
        var officers = Demo.Value.Staff.Where(s => s.Team == team && s.IsResponsibleOfficerGrade).ToList();
        Assert.InRange((double)standalone.Count(p => p.Officer is not null) / officers.Count, 35.0, 70.0);
        Assert.Contains(Demo.Value.Staff, s => s.Team == team && s.Grade == StaffGrade.TeamManager);
        Assert.Contains(standalone, p => p.Officer is null);
    }

    [Theory]
    [InlineData(10, new[] { 0.5, 0.5 }, new[] { 5, 5 })]
    [InlineData(10, new[] { 1.0, 1.0, 1.0 }, new[] { 4, 3, 3 })]
    [InlineData(170, new[] { 0.34, 0.11, 0.11, 0.18, 0.11, 0.15 }, new[] { 58, 19, 19, 30, 19, 25 })]
    public void Apportion_PartsAddUpExactly(int total, double[] shares, int[] expected) =>
        Assert.Equal(expected, DemoDataGenerator.Apportion(total, shares));

    [Fact]
    public void LargeScale_KeepsTheShape_At51CasesPerOfficer()
    {
        var large = DemoDataGenerator.Generate(DemoScale.Parse("large"), Today);
        var officers = large.Staff.Count(s => s.IsResponsibleOfficerGrade);
        Assert.True(large.People.Count > 5 * 8_000);
        Assert.InRange((double)large.People.Count / officers, 49.0, 53.0);
        Assert.Equal(large.People.Count, large.People.Select(p => p.Person.Crn).Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => DemoScale.Parse("galactic"));
    }

    [Fact]
    public void EveryTeam_HasNewCasesWaitingForAllocation_SomeReferred()
    {
        var waiting = Demo.Value.People.Where(p => p.Officer is null).ToList();
        Assert.All(Demo.Value.Teams.Where(t => t.Kind == TeamKind.LocalTeam), t => Assert.True(waiting.Count(p => p.Team == t) >= 3));
        Assert.All(waiting, p => Assert.NotNull(p.Person.ReceivedOn));
        Assert.Contains(waiting, p => p.Person.Risk.Ogrs is null);
        Assert.Contains(waiting, p => p.Person.FactsToConfirm != Domain.Allocation.FactsToConfirm.None);
        Assert.Contains(waiting, p => Active(p, RegistrationType.DomesticAbuse) && p.Person.Risk.Ogrs is null);
        Assert.InRange((double)waiting.Count / Demo.Value.People.Count, 0.01, 0.04);
    }
}
