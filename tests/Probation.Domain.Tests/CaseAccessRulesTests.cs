using Probation.Domain.Access;
using Probation.Domain.Risk;

namespace Probation.Domain.Tests;

public sealed class CaseAccessRulesTests
{
    private const int Me = 7;
    private const int Other = 8;

    public static TheoryData<string, int?, bool> Cases => new()
    {
        { "", Me, true },
        { "", null, true },
        { "E:7", Me, false },
        { "E:8", Me, true },
        { "R:7", Me, true },
        { "R:8", Me, false },
        { "R:8", null, false },
        { "E:7,R:7", Me, false },
        { "E:8,R:7", Me, true },
        { "E:8,R:8", Me, false },
        { "E:8,R:8", Other, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_ExclusionWins_RestrictionAdmitsOnlyNamedStaff(string list, int? viewer, bool allowed)
    {
        var entries = Parse(list);
        var decision = CaseAccessRules.Decide(entries, viewer);
        Assert.Equal(allowed, decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    internal static List<CaseAccessEntry> Parse(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => new CaseAccessEntry
            {
                Kind = e[0] == 'E' ? AccessListKind.Exclusion : AccessListKind.Restriction,
                StaffMemberId = int.Parse(e[2..], System.Globalization.CultureInfo.InvariantCulture),
            })
            .ToList();
}

public sealed class RegistrationTests
{
    [Theory]
    [InlineData("2026-01-01", null, "2026-01-01", true)]
    [InlineData("2026-01-02", null, "2026-01-01", false)]
    [InlineData("2026-01-01", "2026-06-01", "2026-05-31", true)]
    [InlineData("2026-01-01", "2026-06-01", "2026-06-01", false)]
    public void IsActive_FromStartUntilTheDayItEnds(string start, string? end, string today, bool active)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var r = new Registration { Type = RegistrationType.DomesticAbuse, StartedOn = D(start), EndedOn = end is null ? null : D(end) };
        Assert.Equal(active, r.IsActive(D(today)));
    }

    [Fact]
    public void Describe_Mappa_NamesLevelAndCategory() =>
        Assert.Equal("MAPPA level 2, category 1", new Registration { Type = RegistrationType.Mappa, MappaLevel = MappaLevel.Two, MappaCategory = MappaCategory.One }.Describe());
}
