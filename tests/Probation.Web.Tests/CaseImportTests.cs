using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Imports;
using Probation.Domain.Audit;
using Probation.Domain.Organisation;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Importing new cases from a court or transfer file, through the API and the pages, on each database: the dry run
/// refuses each kind of bad row with its reason and writes nothing; an import is idempotent by source reference; every
/// imported case waits in its team's allocation queue and its collection is in the audit log.
/// </summary>
public abstract partial class CaseImportTests(ProbationAppFactory app)
{
    internal const string Header = "sourceReference,crn,firstName,lastName,dateOfBirth,gender,source,receivedOn,hub,orderType,orderStart,lengthMonths,court,mainOffence,requirements,rosh,ogrsScore";

    private static int _files;

    /// <summary>A reference no other test uses, so tests sharing the app's data never meet.</summary>
    internal static string Reference(string tag) => $"T{Interlocked.Increment(ref _files)}-{tag}-{Guid.NewGuid():N}"[..30];

    internal static string Row(string reference, string lastName, string hub, string crn = "", string firstName = "Alex", string dateOfBirth = "1980-01-01",
        string orderType = "CommunityOrder", string receivedOn = "2026-11-20", string source = "Court", string requirements = "RehabilitationActivity:20") =>
        $"{reference},{crn},{firstName},{lastName},{dateOfBirth},Male,{source},{receivedOn},{hub},{orderType},{receivedOn},12,Teesside Magistrates' Court,Acquisitive,{requirements},Low,30";

    internal static async Task<string> HubAsync(ProbationAppFactory app, string user = "caseadmin") =>
        await app.WithDbAsync(async db =>
        {
            var team = await db.Staff.Where(s => s.UserName == user).Select(s => s.TeamId).SingleAsync();
            var hub = await db.Sites.Where(s => s.TeamId == team && s.Kind == SiteKind.CommunityHub).Select(s => s.Code).FirstOrDefaultAsync();
            if (hub is not null)
            {
                return hub;
            }

            var provider = await db.Teams.Where(t => t.Id == team).Select(t => t.ProviderId).SingleAsync();
            var site = new Site
            {
                ProviderId = provider,
                TeamId = team,
                Code = $"IMP{team}",
                Name = "Import test hub",
                Kind = SiteKind.CommunityHub,
                Address = new Address { Line1 = "1 High Street", Town = "Stockton-on-Tees", Postcode = "TS18 1AA" },
            };
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            return site.Code;
        });

    internal static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv, string query) =>
        await client.PostAsync("/api/v1/imports/cases" + query, new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static JsonElement RowOf(JsonElement report, int row) => report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == row);

    private static string Reasons(JsonElement row) => string.Join(" | ", row.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

    private Task<int> PeopleAsync() => app.WithDbAsync(db => db.People.CountAsync());

    private Task<int> ImportsAsync() => app.WithDbAsync(db => db.CaseImports.CountAsync());

    /// <summary>A held case of another identity: a demo case's CRN with a name that is not its own.</summary>
    private Task<string> HeldCrnAsync() => app.WithDbAsync(async db => (await db.People.OrderBy(p => p.Id).Select(p => p.Crn).FirstAsync()).Value);

    public static TheoryData<string, string> BadRows => new()
    {
        { "unknown order type", "Unknown order type" },
        { "CRN held with a different identity", "is already held for a different person" },
        { "unparseable date", "The date of birth is not a date" },
        { "unknown hub", "Unknown hub" },
        { "missing first name", "Enter the first name" },
        { "duplicate source reference", "appears more than once in the file" },
        { "date of birth more than 110 years ago", "Check the date of birth" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task DryRun_RefusesTheBadRow_WithItsReason_AndWritesNothing(string kind, string reason)
    {
        app.SkipIfUnavailable();
        var hub = await HubAsync(app);
        var good = Reference("good");
        var bad = Reference("bad");
        var badRow = kind switch
        {
            "unknown order type" => Row(bad, "Bad", hub, orderType: "CommunityPenance"),
            "CRN held with a different identity" => Row(bad, "Nobody-Like-This", hub, crn: await HeldCrnAsync(), firstName: "Quentin"),
            "unparseable date" => Row(bad, "Bad", hub, dateOfBirth: "31/02/1980"),
            "unknown hub" => Row(bad, "Bad", "NOSUCHHUB"),
            "missing first name" => Row(bad, "Bad", hub, firstName: ""),
            "duplicate source reference" => Row(good, "Bad", hub),
            "date of birth more than 110 years ago" => Row(bad, "Bad", hub, dateOfBirth: "1900-01-01"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var (people, imports) = (await PeopleAsync(), await ImportsAsync());
        var client = await app.TokenClientAsync("caseadmin");

        var response = await PostCsvAsync(client, string.Join('\n', Header, Row(good, "Good", hub), badRow), "?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await JsonAsync(response);
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal("Accepted", RowOf(report, 1).GetProperty("verdict").GetString());
        var refused = RowOf(report, 2);
        Assert.Equal("Refused", refused.GetProperty("verdict").GetString());
        Assert.Contains(reason, Reasons(refused), StringComparison.Ordinal);
        Assert.Equal((1, 1), (report.GetProperty("accepted").GetInt32(), report.GetProperty("refused").GetInt32()));
        Assert.Equal((people, imports), (await PeopleAsync(), await ImportsAsync()));
    }

    [Fact]
    public async Task DryRun_GivesEveryReasonOfARow_NotJustTheFirst()
    {
        var hub = await HubAsync(app);
        var client = await app.TokenClientAsync("caseadmin");
        var response = await PostCsvAsync(client, string.Join('\n', Header, Row(Reference("many"), "Bad", "NOSUCHHUB", orderType: "Penance", dateOfBirth: "yesterday")), "?dryRun=true");
        var reasons = Reasons(RowOf(await JsonAsync(response), 1));
        Assert.Contains("Unknown order type", reasons, StringComparison.Ordinal);
        Assert.Contains("The date of birth is not a date", reasons, StringComparison.Ordinal);
        Assert.Contains("Unknown hub", reasons, StringComparison.Ordinal);
        Assert.NotEmpty(hub);
    }

    [Fact]
    public async Task Import_WithARefusedRow_Is422AndWritesNothing_UnlessAskedToSkipIt()
    {
        var hub = await HubAsync(app);
        var client = await app.TokenClientAsync("caseadmin");
        var (good, bad) = (Reference("good"), Reference("bad"));
        var csv = string.Join('\n', Header, Row(good, "Refusals", hub), Row(bad, "Refusals", "NOSUCHHUB"));
        var people = await PeopleAsync();

        var refused = await PostCsvAsync(client, csv, string.Empty);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(1, (await JsonAsync(refused)).GetProperty("report").GetProperty("refused").GetInt32());
        Assert.Equal(people, await PeopleAsync());

        var imported = await PostCsvAsync(client, csv, "?skipRefused=true");
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var report = await JsonAsync(imported);
        Assert.Equal((1, 1, "Finished"), (report.GetProperty("created").GetInt32(), report.GetProperty("refused").GetInt32(), report.GetProperty("status").GetString()));
        Assert.Equal(people + 1, await PeopleAsync());
    }

    [Fact]
    public async Task ReImport_OfTheSameFile_CreatesNothingNew_AndReportsTheRowsAsAlreadyImported()
    {
        var hub = await HubAsync(app);
        var client = await app.TokenClientAsync("caseadmin");
        var references = Enumerable.Range(0, 3).Select(i => Reference("json" + i)).ToList();
        var cases = references.Select((r, i) => new
        {
            sourceReference = r,
            firstName = "Jordan",
            lastName = "Twice" + i,
            dateOfBirth = "1990-05-17",
            gender = "Female",
            source = i == 0 ? "Transfer" : "Court",
            receivedOn = "2026-11-24",
            hub,
            address = new { line1 = "2 Station Road", town = "Stockton-on-Tees", postcode = "ts18 2aa" },
            order = new
            {
                type = "SuspendedSentenceOrder",
                start = "24/11/2026",
                lengthMonths = 18,
                court = "Teesside Crown Court",
                mainOffence = "Violence",
                requirements = new object[] { new { type = "UnpaidWork", unpaidWorkHours = 100 }, new { type = "Curfew", lengthMonths = 3 } },
            },
            riskProfile = new { rosh = "Medium", riskToPublic = true, ogrsScore = 45 },
        }).ToList();
        var json = JsonSerializer.Serialize(cases);
        var people = await PeopleAsync();

        var first = await client.PostAsync("/api/v1/imports/cases", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var report = await JsonAsync(first);
        Assert.Equal(3, report.GetProperty("created").GetInt32());
        Assert.Equal(people + 3, await PeopleAsync());
        var crns = report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("crn").GetString()!).ToList();

        var again = await client.PostAsync("/api/v1/imports/cases", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var second = await JsonAsync(again);
        Assert.Equal((0, 3, 0), (second.GetProperty("created").GetInt32(), second.GetProperty("alreadyImported").GetInt32(), second.GetProperty("refused").GetInt32()));
        Assert.Equal(crns, second.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("crn").GetString()!).ToList());
        Assert.Equal(people + 3, await PeopleAsync());

        // The same person under the same CRN and reference is a skip; a CRN held from no import is a refusal, not a skip.
        var withCrn = string.Join('\n', Header, Row(references[1], "Twice1", hub, crn: crns[1], firstName: "Jordan", dateOfBirth: "1990-05-17"));
        var skip = await JsonAsync(await PostCsvAsync(client, withCrn, "?dryRun=true"));
        Assert.Equal("AlreadyImported", RowOf(skip, 1).GetProperty("verdict").GetString());
        var otherReference = string.Join('\n', Header, Row(Reference("other"), "Twice1", hub, crn: crns[1], firstName: "Jordan", dateOfBirth: "1990-05-17"));
        var refused = RowOf(await JsonAsync(await PostCsvAsync(client, otherReference, "?dryRun=true")), 1);
        Assert.Equal("Refused", refused.GetProperty("verdict").GetString());
        Assert.Contains("already exists for this person", Reasons(refused), StringComparison.Ordinal);

        // What was stored: the case as the create-case path makes it, with its source reference.
        var stored = await app.WithDbAsync(db => db.People.AsNoTracking().Include(p => p.Orders).ThenInclude(o => o.Requirements).Include(p => p.Addresses)
            .SingleAsync(p => p.SourceReference == references[2]));
        Assert.Equal(("Twice2", "TS18 2AA", 2, new DateOnly(2028, 5, 23)), (stored.LastName, stored.Addresses.Single().Address.Postcode, stored.Orders.Single().Requirements.Count, stored.Orders.Single().EndDate));
        Assert.Equal((Probation.Domain.Risk.RoshLevel.Medium, 45), (stored.Risk.Rosh, stored.Risk.Ogrs!.Value.Value));
    }

    [Fact]
    public async Task ImportedCases_WaitInTheAllocationQueue_AndTheirCollectionIsAudited()
    {
        var hub = await HubAsync(app);
        var client = await app.TokenClientAsync("caseadmin");
        var csv = string.Join('\n', Header, Row(Reference("q1"), "Queued1", hub), Row(Reference("q2"), "Queued2", hub, source: "Transfer"));
        var response = await PostCsvAsync(client, csv, string.Empty);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var crns = (await JsonAsync(response)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("crn").GetString()!).ToList();

        var team = await app.WithDbAsync(db => db.Staff.Where(s => s.UserName == "caseadmin").Select(s => s.TeamId!.Value).SingleAsync());
        var queue = await client.GetStringAsync($"/api/v1/teams/{team}/allocation-queue");
        Assert.All(crns, crn => Assert.Contains($"\"{crn}\"", queue, StringComparison.Ordinal));

        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Collected && e.Subjects.Any(s => crns.Contains(s.Crn)))
            .Select(e => new { e.Purpose, e.UserName, Crns = e.Subjects.Select(s => s.Crn).ToList() }).ToListAsync());
        Assert.Equal(crns.Order(), audited.SelectMany(a => a.Crns).Where(crns.Contains).Order());
        Assert.All(audited, a => Assert.Equal("caseadmin", a.UserName));
        Assert.Contains(audited, a => a.Purpose.Contains("by transfer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text/csv", "sourceReference,firstName\n\"unclosed,x\n")]
    [InlineData("text/csv", "sourceReference,favouriteColour\nA,blue\n")]
    [InlineData("text/csv", "")]
    [InlineData("application/json", "{\"sourceReference\":\"A\"}")]
    [InlineData("application/json", "[{\"sourceReference\":")]
    [InlineData("application/json", "[{\"sourceReference\":\"A\",\"shoeSize\":9}]")]
    [InlineData("application/json", "[]")]
    [InlineData("text/plain", "hello")]
    public async Task MalformedFile_Is400_AndWritesNothing(string contentType, string body)
    {
        var client = await app.TokenClientAsync("caseadmin");
        var people = await PeopleAsync();
        var response = await client.PostAsync("/api/v1/imports/cases", new StringContent(body, Encoding.UTF8, contentType));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(people, await PeopleAsync());
    }

    [Fact]
    public async Task PageJourney_Upload_CheckReport_Import_Progress_Result()
    {
        var hub = await HubAsync(app);
        var manager = await app.SignInAsync("manager");
        var (good1, good2, bad) = (Reference("page1"), Reference("page2"), Reference("page3"));
        var csv = string.Join('\n', Header, Row(good1, "Paged1", hub), Row(good2, "Paged2", hub, requirements: "UnpaidWork:80"), Row(bad, "Paged3", "NOSUCHHUB"));

        Assert.Contains("/cases/import", await manager.GetStringAsync("/cases"), StringComparison.Ordinal);
        var token = await ProbationAppFactory.AntiforgeryTokenAsync(manager, "/cases/import");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        upload.Add(file, "Upload", "court-list.csv");
        var checkedPage = await manager.PostAsync("/cases/import?handler=Check", upload);
        var html = await checkedPage.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, checkedPage.StatusCode);
        Assert.Contains("Check the import", html, StringComparison.Ordinal);
        Assert.Contains("Unknown hub", html, StringComparison.Ordinal);
        Assert.Contains("Import 2 cases", html, StringComparison.Ordinal);

        var form = PageForms.Read(html, "/cases/import").Single(f => f.Action.Contains("handler=Import", StringComparison.Ordinal));
        var people = await PeopleAsync();
        var started = await manager.PostAsync(form.Action, new FormUrlEncodedContent(form.AsSent()));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var progress = started.Headers.Location!.OriginalString;
        Assert.Matches(ImportPage(), progress);

        await app.Services.GetRequiredService<CaseImportRunner>().WhenIdleAsync();
        var result = await manager.GetStringAsync(progress);
        Assert.Contains("Import finished", result, StringComparison.Ordinal);
        Assert.Contains("2 cases created", result, StringComparison.Ordinal);
        Assert.Contains("court-list.csv", await manager.GetStringAsync("/cases/import"), StringComparison.Ordinal);
        Assert.Equal(people + 2, await PeopleAsync());

        // A confirmation that does not come from a check of this person's is refused, not imported.
        var forged = await manager.PostAsync(form.Action, new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", form.AsSent().Single(f => f.Key == "__RequestVerificationToken").Value), KeyValuePair.Create("Checked", "bm90IGEgY2hlY2s")]));
        Assert.Contains("has expired", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(people + 2, await PeopleAsync());
    }

    [Fact]
    public async Task Inspector_MayNotImport()
    {
        var inspector = await app.TokenClientAsync("inspector");
        var response = await PostCsvAsync(inspector, string.Join('\n', Header, Row(Reference("x"), "X", "HUB01")), "?dryRun=true");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [GeneratedRegex(@"^/cases/import/\d+$")]
    private static partial Regex ImportPage();
}

public sealed class SqliteCaseImportTests(ProbationAppFactory app) : CaseImportTests(app), IClassFixture<ProbationAppFactory>;

public sealed class PostgresCaseImportTests(PostgresAppFactory app) : CaseImportTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>A court file of 10,000 cases on SQLite: written batch by batch through the bulk path, every case in the allocation queue.</summary>
public sealed class SqliteCaseImportVolumeTests(ProbationAppFactory app, ITestOutputHelper output) : IClassFixture<ProbationAppFactory>
{
    [Fact]
    public async Task Import_OfTenThousandRows_PutsEveryCaseInTheAllocationQueue()
    {
        const int rows = 10_000;
        var hub = await CaseImportTests.HubAsync(app);
        var client = await app.TokenClientAsync("caseadmin");
        var csv = new StringBuilder(CaseImportTests.Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CaseImportTests.Row($"MC-2026-{i:D6}", $"Volume{i}", hub, requirements: i % 4 == 0 ? "UnpaidWork:120" : "RehabilitationActivity:20; Curfew")).Append('\n');
        }

        var watch = Stopwatch.StartNew();
        var response = await CaseImportTests.PostCsvAsync(client, csv.ToString(), string.Empty);
        watch.Stop();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body[..Math.Min(body.Length, 2000)]);
        output.WriteLine($"Imported {rows:N0} rows on SQLite in {watch.Elapsed.TotalSeconds:F1} s (check and write, {ImportCases.BatchSize}-row batches).");

        using var report = JsonDocument.Parse(body);
        Assert.Equal((rows, rows / ImportCases.BatchSize), (report.RootElement.GetProperty("created").GetInt32(), report.RootElement.GetProperty("batchesDone").GetInt32()));
        var importId = report.RootElement.GetProperty("importId").GetInt32();

        // Every case is unallocated in a team's queue: the receiving team, or the unpaid work team for unpaid work alone.
        var (queued, teams) = await app.WithDbAsync(async db =>
        {
            var imported = await db.People.AsNoTracking().Where(p => p.CaseImportId == importId).Select(p => new { p.TeamId, p.ResponsibleOfficerId, p.ReceivedOn }).ToListAsync();
            return (imported.Count(p => p.TeamId != null && p.ResponsibleOfficerId == null && p.ReceivedOn != null), imported.Select(p => p.TeamId!.Value).Distinct().ToList());
        });
        Assert.Equal(rows, queued);
        var queueWatch = Stopwatch.StartNew();
        var seen = 0;
        foreach (var team in teams)
        {
            var queue = await client.GetAsync($"/api/v1/teams/{team}/allocation-queue");
            using var json = JsonDocument.Parse(await queue.Content.ReadAsStringAsync());
            seen += json.RootElement.EnumerateArray().Count(r => r.GetProperty("name").GetString()?.Contains("Volume", StringComparison.Ordinal) == true);
        }

        output.WriteLine($"Read the allocation queues of {teams.Count} teams in {queueWatch.Elapsed.TotalSeconds:F1} s.");
        Assert.Equal(rows, seen);
    }
}
