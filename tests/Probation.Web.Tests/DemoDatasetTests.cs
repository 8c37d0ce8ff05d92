using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The demo provider at its full size (the default <c>seed</c>), on PostgreSQL.</summary>
public sealed class ProviderScalePostgresAppFactory() : ProviderScaleAppFactoryBase(TestDatabase.Postgres());

/// <summary>The demo provider at its full size (the default <c>seed</c>) on a database of the subclass's choosing.</summary>
public class ProviderScaleAppFactoryBase(TestDatabase? database) : ProbationAppFactory(database)
{
    protected override string DemoScale => "provider";
}

/// <summary>The demo provider at its full size, on SQLite.</summary>
public sealed class ProviderScaleSqliteAppFactory() : ProviderScaleAppFactoryBase(TestDatabase.Sqlite());

/// <summary>
/// The default seed (the demo provider, what the README's run command loads and what many tests compute the
/// report's figures from) makes exactly the rows it made before the bulk scales were given longer histories:
/// the longer histories are behind the bulk scales' options only. The counts were taken from the generator as
/// it stood before that change, on the tests' clock (26 November 2026).
/// </summary>
public abstract class DemoDatasetTests(ProviderScaleAppFactoryBase app)
{
    internal static readonly IReadOnlyDictionary<string, long> ProviderRows = new Dictionary<string, long>
    {
        ["AgencyChecks"] = 3_477,
        ["AssessedNeeds"] = 84_900,
        ["Assessments"] = 8_490,
        ["CaseAccessEntries"] = 15,
        ["CaseAllocations"] = 8_490,
        ["CaseAssessments"] = 247,
        ["Contacts"] = 127_898,
        ["CustodyRecords"] = 303,
        ["DomainOneRatings"] = 4,
        ["EnforcementActions"] = 7_423,
        ["HubOpeningSessions"] = 106,
        ["HubRentalPeriods"] = 70,
        ["InspectionMeetings"] = 3,
        ["InspectionSamples"] = 3,
        ["InspectionTeamMembers"] = 1,
        ["Inspections"] = 1,
        ["InterviewQuestions"] = 3,
        ["KeyQuestionJudgements"] = 1_535,
        ["ObjectiveProgress"] = 38_113,
        ["Orders"] = 8_703,
        ["People"] = 8_703,
        ["PersonAddresses"] = 11_266,
        ["PlanObjectives"] = 23_025,
        ["ProgrammeAttendance"] = 13_108,
        ["ProgrammeFacilitator"] = 246,
        ["ProgrammeGroups"] = 123,
        ["ProgrammeReferrals"] = 926,
        ["ProgrammeSession"] = 2_781,
        ["PromptAnswers"] = 4_830,
        ["Providers"] = 1,
        ["Recommendations"] = 5,
        ["Referrals"] = 6_071,
        ["Registrations"] = 5_600,
        ["Requirements"] = 9_849,
        ["ResettlementActivities"] = 124,
        ["ResettlementNeeds"] = 1_674,
        ["Reviews"] = 12_838,
        ["SampleStrata"] = 29,
        ["SampledCases"] = 294,
        ["ScheduledRequirements"] = 5_148,
        ["SentencePlans"] = 7_660,
        ["SignificantEvents"] = 3_796,
        ["Sites"] = 41,
        ["Staff"] = 211,
        ["StandardDiscretions"] = 1,
        ["Teams"] = 8,
        ["TrainingRecords"] = 334,
        ["UnpaidWorkAssessments"] = 1_499,
        ["UnpaidWorkAwards"] = 598,
        ["UnpaidWorkBookings"] = 17_537,
        ["UnpaidWorkProjectSupervisor"] = 12,
        ["UnpaidWorkProjects"] = 6,
        ["UnpaidWorkSessions"] = 3_217,
    };

    [Fact]
    public async Task TheDefaultSeed_WritesTheRowsItAlwaysWrote_TableByTable()
    {
        app.SkipIfUnavailable();
        var counts = await CountAsync(app);
        var actual = string.Join(", ", counts.Select(c => $"[\"{c.Key}\"] = {c.Value}"));
        TestContext.Current.SendDiagnosticMessage("Demo provider rows: " + actual);
        Assert.True(ProviderRows.Count > 0, actual);
        Assert.Equal(ProviderRows.OrderBy(c => c.Key, StringComparer.Ordinal), counts.Where(c => ProviderRows.ContainsKey(c.Key) || c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    /// <summary>
    /// Rows in every table of the model that holds case or organisation data (sign-in, key and audit tables aside: reads
    /// write audit rows; the kept copies computed from the records, which the app fills as it runs: ADR 0013, 0014, 0015;
    /// and the record of the scheduled jobs' runs, ADR 0019).
    /// </summary>
    internal static Task<SortedDictionary<string, long>> CountAsync(ProbationAppFactory factory) => factory.WithDbAsync(async db =>
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in db.Model.GetRelationalModel().Tables.Where(t => !t.Name.StartsWith("AspNet", StringComparison.Ordinal) && !t.Name.StartsWith("Audit", StringComparison.Ordinal)
            && t.Name is not ("DataProtectionKeys" or "CaseStatuses" or "DailyReportCounts" or "DailyReadinessCounts" or "DailyTimelinessCounts" or "JobRuns")))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table.Name}\"";
            counts[table.Name] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    });
}

public sealed class SqliteDemoDatasetTests(ProviderScaleSqliteAppFactory app) : DemoDatasetTests(app), IClassFixture<ProviderScaleSqliteAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresDemoDatasetTests(ProviderScalePostgresAppFactory app) : DemoDatasetTests(app), IClassFixture<ProviderScalePostgresAppFactory>;
