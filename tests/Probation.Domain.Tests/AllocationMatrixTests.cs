using Probation.Domain.Allocation;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Domain.Tests;

public sealed class AllocationMatrixTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly AllocationMatrix Matrix = new(new AllocationMatrixOptions(), WorkingDayCalendar.EnglandAndWales);

    private static AllocationInput Input(
        RoshLevel? rosh = RoshLevel.Low, int? ogrs = 30, Gender gender = Gender.Male,
        AllocationFlag[]? flags = null, AllocationRequirement[]? requirements = null, UnknownFactor[]? unknown = null, DateOnly? received = null) =>
        new(gender, rosh, ogrs is null ? null : OgrsScore.From(ogrs.Value),
            (flags ?? []).ToHashSet(), (requirements ?? []).ToHashSet(), (unknown ?? []).ToHashSet(), received ?? Monday);

    [Fact]
    public void Allocate_LowRiskWithNothingElse_AllowsPoOrPso_AndACaseAdministratorDecides()
    {
        var r = Matrix.Recommend(Input());
        Assert.Equal(RequiredGrade.ProbationOfficerOrProbationServicesOfficer, r.RequiredGrade);
        Assert.Equal(AllocationDecider.CaseAdministrator, r.DecidedBy);
        Assert.Null(r.ReferralDueDate);
        Assert.Contains(r.Reasons, x => x.Rule == "2" && x.Text.StartsWith("PO or PSO", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(AllocationFlag.CurrentDomesticAbuse, "current domestic abuse")]
    [InlineData(AllocationFlag.NonRegisteredSexualOffending, "non-registered sexual offending")]
    [InlineData(AllocationFlag.RegisteredSexualOffending, "registered sexual offending")]
    [InlineData(AllocationFlag.PreviousSexualOffence, "a previous sexual offence")]
    [InlineData(AllocationFlag.ChildProtection, "child protection registration")]
    public void Allocate_Rule1Flag_RequiresProbationOfficer(AllocationFlag flag, string words)
    {
        var r = Matrix.Recommend(Input(flags: [flag]));
        Assert.Equal(RequiredGrade.ProbationOfficer, r.RequiredGrade);
        Assert.Contains(r.Reasons, x => x.Rule == "1" && x.Text.Contains(words, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(AllocationRequirement.BuildingBetterRelationships, true)]
    [InlineData(AllocationRequirement.Resolve, true)]
    [InlineData(AllocationRequirement.ThinkingSkillsProgramme, false)]
    [InlineData(AllocationRequirement.DrinkImpairedDrivers, false)]
    [InlineData(AllocationRequirement.UnpaidWork, false)]
    [InlineData(AllocationRequirement.Rar, false)]
    public void Allocate_BbrAndResolveRequirements_RequireProbationOfficer(AllocationRequirement requirement, bool po) =>
        Assert.Equal(po ? RequiredGrade.ProbationOfficer : RequiredGrade.ProbationOfficerOrProbationServicesOfficer,
            Matrix.Recommend(Input(requirements: [requirement])).RequiredGrade);

    [Fact]
    public void Allocate_Rule1WithLowRisk_SaysRule2WouldHaveAllowedAPso()
    {
        var r = Matrix.Recommend(Input(rosh: RoshLevel.Medium, flags: [AllocationFlag.CurrentDomesticAbuse]));
        Assert.Contains(r.Reasons, x => x.Rule == "2" && x.Text.Contains("but rule 1 requires a PO", StringComparison.Ordinal));
        var unknown = Matrix.Recommend(Input(rosh: RoshLevel.Low, unknown: [UnknownFactor.ChildProtection]));
        Assert.DoesNotContain(unknown.Reasons, x => x.Text.Contains("nothing in rule 1 applies", StringComparison.Ordinal));
        Assert.Contains(unknown.Reasons, x => x.Rule == "2" && x.Text.Contains("but rule 1 requires a PO", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RoshLevel.Low, false)]
    [InlineData(RoshLevel.Medium, false)]
    [InlineData(RoshLevel.High, true)]
    [InlineData(RoshLevel.VeryHigh, true)]
    public void Allocate_RiskOfSeriousHarm_DecidesTheGrade(RoshLevel rosh, bool po) =>
        Assert.Equal(po ? RequiredGrade.ProbationOfficer : RequiredGrade.ProbationOfficerOrProbationServicesOfficer,
            Matrix.Recommend(Input(rosh: rosh)).RequiredGrade);

    [Theory]
    [InlineData(AllocationFlag.MappaLevel1)]
    [InlineData(AllocationFlag.AdultSafeguarding)]
    [InlineData(AllocationFlag.Veteran)]
    public void Allocate_FlagsOutsideRule1_LeaveTheGradeToRoshAlone(AllocationFlag flag) =>
        Assert.Equal(RequiredGrade.ProbationOfficerOrProbationServicesOfficer, Matrix.Recommend(Input(flags: [flag])).RequiredGrade);

    [Fact]
    public void Allocate_PreviousSexualOffenceAndChildProtection_AreTwoReasons()
    {
        var r = Matrix.Recommend(Input(flags: [AllocationFlag.PreviousSexualOffence, AllocationFlag.ChildProtection]));
        Assert.Equal(2, r.Reasons.Count(x => x.Rule == "1"));
        Assert.All(r.Reasons.Where(x => x.Rule == "1"), x => Assert.Contains("either one needs a PO", x.Text));
    }

    [Theory]
    [InlineData(0, ResourceLevel.Low)]
    [InlineData(49, ResourceLevel.Low)]
    [InlineData(50, ResourceLevel.Medium)]
    [InlineData(74, ResourceLevel.Medium)]
    [InlineData(75, ResourceLevel.High)]
    [InlineData(89, ResourceLevel.High)]
    [InlineData(90, ResourceLevel.VeryHigh)]
    [InlineData(99, ResourceLevel.VeryHigh)]
    public void Allocate_OgrsBand_DecidesTheResourceLevel(int ogrs, ResourceLevel level)
    {
        var r = Matrix.Recommend(Input(ogrs: ogrs));
        Assert.Equal(level, r.ResourceLevel);
        Assert.Contains(r.Reasons, x => x.Rule == "3" && x.Text.Contains($"OGRS {ogrs}%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Gender.Female, true)]
    [InlineData(Gender.Male, false)]
    [InlineData(Gender.NotStated, false)]
    public void Allocate_Women_GoToFemaleOfficers(Gender gender, bool female) =>
        Assert.Equal(female, Matrix.Recommend(Input(gender: gender)).FemaleOfficerRequired);

    [Theory]
    [InlineData(UnknownFactor.RoshLevel)]
    [InlineData(UnknownFactor.OgrsScore)]
    [InlineData(UnknownFactor.DomesticAbuse)]
    [InlineData(UnknownFactor.SexualOffending)]
    [InlineData(UnknownFactor.ChildProtection)]
    public void Allocate_AnyFactorUnknown_IsReferredToTheTeamManager_DueNextWorkingDay(UnknownFactor factor)
    {
        var r = Matrix.Recommend(Input(unknown: [factor]));
        Assert.Equal(AllocationDecider.TeamManager, r.DecidedBy);
        Assert.Equal(new DateOnly(2026, 11, 24), r.ReferralDueDate);
        Assert.Contains(r.Reasons, x => x.Rule == "5" && x.Text.StartsWith("Referred to the team manager", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(UnknownFactor.RoshLevel, true)]
    [InlineData(UnknownFactor.DomesticAbuse, true)]
    [InlineData(UnknownFactor.SexualOffending, true)]
    [InlineData(UnknownFactor.ChildProtection, true)]
    [InlineData(UnknownFactor.OgrsScore, false)]
    public void Allocate_UnknownRiskFacts_AreTreatedAsNeedingAPoUntilDecided(UnknownFactor factor, bool po) =>
        Assert.Equal(po ? RequiredGrade.ProbationOfficer : RequiredGrade.ProbationOfficerOrProbationServicesOfficer,
            Matrix.Recommend(Input(unknown: [factor])).RequiredGrade);

    [Fact]
    public void Allocate_NullRoshOrOgrs_CountsAsUnknown()
    {
        var r = Matrix.Recommend(Input(rosh: null, ogrs: null));
        Assert.Equal(AllocationDecider.TeamManager, r.DecidedBy);
        Assert.Null(r.ResourceLevel);
        Assert.Equal(RequiredGrade.ProbationOfficer, r.RequiredGrade);
    }

    [Fact]
    public void Allocate_ReceivedFridayBeforeABankHolidayMonday_IsDueOnTuesday()
    {
        // Friday 22 May 2026; Monday 25 May is the spring bank holiday.
        var r = Matrix.Recommend(Input(unknown: [UnknownFactor.DomesticAbuse], received: new DateOnly(2026, 5, 22)));
        Assert.Equal(new DateOnly(2026, 5, 26), r.ReferralDueDate);
    }

    [Fact]
    public void Allocate_EveryCombinationOfRule1AndRosh_NeedsAPoExactlyWhenEitherSaysSo()
    {
        var rule1 = new[] { AllocationFlag.CurrentDomesticAbuse, AllocationFlag.NonRegisteredSexualOffending, AllocationFlag.PreviousSexualOffence, AllocationFlag.ChildProtection };
        var checkedCount = 0;
        for (var mask = 0; mask < 1 << rule1.Length; mask++)
        {
            var flags = rule1.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            foreach (var rosh in Enum.GetValues<RoshLevel>())
            {
                foreach (var requirement in new AllocationRequirement?[] { null, AllocationRequirement.BuildingBetterRelationships, AllocationRequirement.Rar })
                {
                    var r = Matrix.Recommend(Input(rosh: rosh, flags: flags, requirements: requirement is null ? [] : [requirement.Value]));
                    var expectPo = flags.Length > 0 || rosh >= RoshLevel.High || requirement == AllocationRequirement.BuildingBetterRelationships;
                    Assert.Equal(expectPo ? RequiredGrade.ProbationOfficer : RequiredGrade.ProbationOfficerOrProbationServicesOfficer, r.RequiredGrade);
                    Assert.Equal(flags.Length + (requirement == AllocationRequirement.BuildingBetterRelationships ? 1 : 0), r.Reasons.Count(x => x.Rule == "1"));
                    checkedCount++;
                }
            }
        }

        Assert.Equal(16 * 4 * 3, checkedCount);
    }

    [Fact]
    public void Options_Defaults_AreValid_AndBadBandsAreRefused()
    {
        Assert.Empty(new AllocationMatrixOptions().Validate());
        Assert.NotEmpty(new AllocationMatrixOptions { MediumResourceFrom = 80 }.Validate());
        Assert.NotEmpty(new AllocationMatrixOptions { VeryHighResourceFrom = 100 }.Validate());
        Assert.NotEmpty(new AllocationMatrixOptions { ReferralWorkingDays = -1 }.Validate());
    }

    [Fact]
    public void Options_ConfiguredBands_ChangeTheResourceLevel()
    {
        var matrix = new AllocationMatrix(new AllocationMatrixOptions { MediumResourceFrom = 40 }, WorkingDayCalendar.EnglandAndWales);
        Assert.Equal(ResourceLevel.Medium, matrix.Recommend(Input(ogrs: 45)).ResourceLevel);
    }
}

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2026, "2026-01-01,2026-04-03,2026-04-06,2026-05-04,2026-05-25,2026-08-31,2026-12-25,2026-12-28")]
    [InlineData(2027, "2027-01-01,2027-03-26,2027-03-29,2027-05-03,2027-05-31,2027-08-30,2027-12-27,2027-12-28")]
    [InlineData(2022, "2022-01-03,2022-04-15,2022-04-18,2022-05-02,2022-06-02,2022-06-03,2022-08-29,2022-09-19,2022-12-26,2022-12-27")]
    [InlineData(2020, "2020-01-01,2020-04-10,2020-04-13,2020-05-08,2020-05-25,2020-08-31,2020-12-25,2020-12-28")]
    [InlineData(2023, "2023-01-02,2023-04-07,2023-04-10,2023-05-01,2023-05-08,2023-05-29,2023-08-28,2023-12-25,2023-12-26")]
    public void BankHolidays_MatchThePublishedList(int year, string published) =>
        Assert.Equal(published.Split(',').Select(D).Order(), Calendar.HolidaysOf(year).Order());

    [Theory]
    [InlineData("2026-11-23", 1, "2026-11-24")] // Monday → Tuesday
    [InlineData("2026-11-27", 1, "2026-11-30")] // Friday → Monday
    [InlineData("2026-11-28", 1, "2026-12-01")] // Saturday: counts from Monday
    [InlineData("2026-12-24", 1, "2026-12-29")] // Christmas Eve (Thursday) → Tuesday after Christmas and the substitute Boxing Day
    [InlineData("2026-04-02", 1, "2026-04-07")] // Thursday before Easter → Tuesday
    [InlineData("2026-11-23", 0, "2026-11-23")]
    [InlineData("2026-11-23", 5, "2026-11-30")]
    public void AddWorkingDays_SkipsWeekendsAndBankHolidays(string from, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(from), days));
}

public sealed class TierTests
{
    private static TierInput Input(RoshLevel? rosh = RoshLevel.Low, double? rsr = null, MappaLevel? mappa = null, int complexity = 0, int? ogrs = 40, int? needs = 6, bool mandate = true) =>
        new(rosh, rsr, mappa, complexity, ogrs is null ? null : OgrsScore.From(ogrs.Value), needs, mandate);

    [Theory]
    [InlineData(RoshLevel.VeryHigh, null, null, 0, ProtectLevel.A)]
    [InlineData(RoshLevel.High, null, null, 0, ProtectLevel.B)]
    [InlineData(RoshLevel.Medium, null, null, 0, ProtectLevel.C)]
    [InlineData(RoshLevel.Low, null, null, 0, ProtectLevel.D)]
    [InlineData(RoshLevel.Medium, 7.5, null, 0, ProtectLevel.B)] // RSR 20 beats RoSH 10: only the higher counts
    [InlineData(RoshLevel.High, 7.5, null, 0, ProtectLevel.B)] // 20 and 20: counted once
    [InlineData(RoshLevel.Low, 3.0, null, 0, ProtectLevel.C)]
    [InlineData(RoshLevel.Low, null, MappaLevel.Two, 0, ProtectLevel.A)]
    [InlineData(RoshLevel.Low, null, MappaLevel.One, 0, ProtectLevel.D)]
    [InlineData(RoshLevel.Low, null, null, 5, ProtectLevel.C)] // 10 points of complexity
    public void Protect_FollowsThePoints(RoshLevel rosh, double? rsr, MappaLevel? mappa, int complexity, ProtectLevel expected)
    {
        Assert.Equal(expected, TierCalculator.Calculate(Input(rosh, rsr, mappa, complexity)).Protect);
    }

    [Fact]
    public void Protect_MediumRoshMappa1AndTwoComplexityFactors_Is19PointsSoC()
    {
        var tier = TierCalculator.Calculate(Input(RoshLevel.Medium, null, MappaLevel.One, 2));
        Assert.Equal(19, tier.ProtectPoints);
        Assert.Equal(ProtectLevel.C, tier.Protect);
    }

    [Theory]
    [InlineData(false, 6, 40, 0, false)] // no mandate for change
    [InlineData(true, null, 40, 2, true)] // not yet assessed: 2, provisional
    [InlineData(true, 5, 49, 1, false)] // 5 + 4 = 9
    [InlineData(true, 6, 40, 2, false)] // 6 + 4 = 10
    [InlineData(true, 10, 99, 2, false)] // 10 + 9 = 19
    [InlineData(true, 11, 99, 3, false)] // 11 + 9 = 20
    public void Change_FollowsNeedsAndOgrs(bool mandate, int? needs, int ogrs, int expected, bool provisional)
    {
        var tier = TierCalculator.Calculate(Input(needs: needs, ogrs: ogrs, mandate: mandate));
        Assert.Equal(expected, tier.Change);
        Assert.Equal(provisional, tier.Provisional);
        Assert.NotEmpty(tier.Reasons);
    }

    [Fact]
    public void Code_JoinsProtectAndChange() =>
        Assert.Equal("B2", TierCalculator.Calculate(Input(RoshLevel.High, needs: null)).Code);
}

public sealed class WorkloadTests
{
    [Theory]
    [InlineData(ProtectLevel.A, 3, CaseType.Community, 206)]
    [InlineData(ProtectLevel.A, 0, CaseType.Community, 110)]
    [InlineData(ProtectLevel.B, 2, CaseType.Community, 115)]
    [InlineData(ProtectLevel.C, 1, CaseType.Community, 50)]
    [InlineData(ProtectLevel.D, 0, CaseType.Community, 29)]
    [InlineData(ProtectLevel.A, 3, CaseType.Licence, 219)]
    [InlineData(ProtectLevel.D, 1, CaseType.Licence, 31)]
    [InlineData(ProtectLevel.B, 3, CaseType.Custody, 59)]
    [InlineData(ProtectLevel.C, 0, CaseType.Custody, 0)]
    public void CasePoints_ComeFromTheHmppsTable(ProtectLevel protect, int change, CaseType type, int points) =>
        Assert.Equal(points, Workload.CasePoints(protect, change, type));

    [Theory]
    [InlineData(37, 0, 2176)]
    [InlineData(18.5, 0, 1088)]
    [InlineData(37, 7.4, 1740.8)]
    [InlineData(10, 20, 0)]
    public void AvailablePoints_ScaleTheNominalTargetByHours(double hours, double reductions, double expected) =>
        Assert.Equal(expected, Workload.AvailablePoints(hours, reductions), 3);

    [Theory]
    [InlineData(2176, 2176, 100)]
    [InlineData(1088, 2176, 50)]
    [InlineData(2400, 2176, 110.3)]
    public void CapacityPercent_IsPointsOverAvailable(int points, double available, double expected) =>
        Assert.Equal(expected, Workload.CapacityPercent(points, available));
}
