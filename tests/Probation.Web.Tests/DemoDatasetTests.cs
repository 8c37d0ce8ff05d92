using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The default seed (the demo provider, what the README's run command loads and what many tests compute the
/// report's figures from) makes exactly the rows it made before the bulk scales were given longer histories:
/// the longer histories are behind the bulk scales' options only. The counts were taken from the generator as
/// it stood before that change, on the tests' clock (26 November 2026).
/// </summary>
public sealed class DemoDatasetTests(ProviderScaleAppFactory app) : IClassFixture<ProviderScaleAppFactory>
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

/// <summary>
/// The same seed writes the same rows on PostgreSQL as on SQLite, table by table: the generator is the engine's to
/// choose nothing in, so the fixed counts above, taken on SQLite at the demo's full size, hold for PostgreSQL as long
/// as its writer leaves out no row. Compared at the tests' small size, whose seeded copies every test class starts from.
/// </summary>
[Trait("Database", "Postgres")]
public sealed class PostgresDemoDatasetTests(PostgresAppFactory postgres, ProbationAppFactory sqlite) : IClassFixture<PostgresAppFactory>, IClassFixture<ProbationAppFactory>
{
    [Fact]
    public async Task TheSeed_WritesTheSameRowsOnPostgres_AsOnSqlite_TableByTable()
    {
        postgres.SkipIfUnavailable();
        var onPostgres = await DemoDatasetTests.CountAsync(postgres);
        var onSqlite = await DemoDatasetTests.CountAsync(sqlite);
        TestContext.Current.SendDiagnosticMessage($"{onSqlite.Count} tables, {onSqlite.Values.Sum():N0} rows on SQLite, {onPostgres.Values.Sum():N0} on PostgreSQL");
        Assert.True(onSqlite["People"] > 400, $"{onSqlite["People"]} cases seeded");
        Assert.Equal(onSqlite, onPostgres);
    }
}
