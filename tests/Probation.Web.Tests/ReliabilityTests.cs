using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Data;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Faults a test switches on: the next save of a chosen kind fails before its Nth database command,
/// or when its transaction commits, as a dropped connection or a full disk would make it fail.
/// Saves of any other kind (the audit of reads, the kept statuses) are left alone.
/// </summary>
public sealed class SaveFaults : DbCommandInterceptor, ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Fail when the transaction commits, after every command of the save has run.</summary>
    public const int AtCommit = 0;

    private readonly Lock _gate = new();
    private Func<DbContext, bool>? _which;
    private int _failAt;
    private DbContext? _target;
    private int _commands;

    /// <summary>How many commands the last save chosen had sent when it ended or failed.</summary>
    public int CommandsSeen { get; private set; }

    /// <summary>Whether the last fault switched on was thrown.</summary>
    public bool Thrown { get; private set; }

    /// <summary>Makes the next save that <paramref name="which"/> picks fail before its <paramref name="failAt"/>th command (1 is the first), or at commit.</summary>
    public void Arm(Func<DbContext, bool> which, int failAt)
    {
        lock (_gate)
        {
            _which = which;
            _failAt = failAt;
            _target = null;
            _commands = 0;
            Thrown = false;
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _which = null;
            _target = null;
        }
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_which is { } which && _target is null && eventData.Context is { } context && which(context))
            {
                _target = context;
                _commands = 0;
            }
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return Task.CompletedTask;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Command(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Command(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Command(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_target is not null && eventData.Context == _target && _failAt == AtCommit)
            {
                Thrown = true;
                _which = null;
                throw new InvalidOperationException("Fault injected at commit.");
            }
        }

        return ValueTask.FromResult(result);
    }

    private void Command(DbContext? context)
    {
        lock (_gate)
        {
            if (_target is null || context != _target)
            {
                return;
            }

            _commands++;
            if (_commands == _failAt)
            {
                Thrown = true;
                _which = null;
                throw new InvalidOperationException($"Fault injected before command {_commands} of the save.");
            }
        }
    }

    private void End(DbContext? context)
    {
        lock (_gate)
        {
            if (_target is not null && context == _target)
            {
                CommandsSeen = _commands;
                _target = null;
                _which = null;
            }
        }
    }
}

/// <summary>The app with <see cref="SaveFaults"/> on its database context.</summary>
public class FaultInjectingAppFactory : ProbationAppFactory
{
    public FaultInjectingAppFactory()
    {
    }

    protected FaultInjectingAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    public SaveFaults Faults { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<ProbationDbContext>(o => o.AddInterceptors(Faults)));
    }
}

public sealed class PostgresFaultInjectingAppFactory() : FaultInjectingAppFactory(TestDatabase.Postgres());

/// <summary>
/// What concurrent users and failing saves must never do to the records: two people saving the same plan
/// (the second is told, nothing is overwritten), many writers revising one plan (no revision lost), many
/// bookings of the last place on an unpaid work session (exactly one is made), and a save that fails part-way
/// (nothing of it is kept). Community hubs have opening sessions but no bookable places (an appointment there is
/// a contact checked against the opening times), so the last-place race is the unpaid work session's.
/// </summary>
public abstract class ReliabilityTests(FaultInjectingAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private static int _people;

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static object PlanBody(string involvement, string objective = "Find work in the building trade") => new
    {
        on = "2026-11-26",
        personsInvolvement = involvement,
        contactsPerMonth = 2,
        objectives = new object[] { new { text = objective, links = new[] { "EducationTrainingEmployment" }, priority = 1, targetDate = "2027-05-31" } },
    };

    private static HttpRequestMessage Versioned(HttpMethod method, string path, object body, int version)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }

    private static int ETag(HttpResponseMessage response) =>
        int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The plan as a client reads it: the text of how the person was involved, and the case version (ETag).</summary>
    private static async Task<(string Involvement, int Version)> ReadPlanAsync(HttpClient client, string crn)
    {
        using var response = await client.GetAsync($"/api/v1/cases/{crn}/plan");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (plan.GetProperty("personsInvolvement").GetString()!, ETag(response));
    }

    private async Task<StoryClient> CaseWithPlanAsync()
    {
        var story = await StoryClient.NewCaseAsync(app, "Plan");
        await story.InitialAssessmentAsync("2026-11-25");
        await story.WriteAsync("po", HttpMethod.Put, "plan", PlanBody("Agreed together. Revision 0"));
        return story;
    }

    [Fact]
    public async Task PlanSavedByTwoUsers_TheSecondIsToldOfTheConflict_AndTheFirstsTextSurvives()
    {
        var story = await CaseWithPlanAsync();
        var po = await story.As("po");
        var manager = await story.As("manager");
        var (_, seenByPo) = await ReadPlanAsync(po, story.Crn);
        var (_, seenByManager) = await ReadPlanAsync(manager, story.Crn);
        Assert.Equal(seenByPo, seenByManager);

        var first = await po.SendAsync(Versioned(HttpMethod.Put, $"/api/v1/cases/{story.Crn}/plan", PlanBody("Agreed with the officer's wording."), seenByPo));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await manager.SendAsync(Versioned(HttpMethod.Put, $"/api/v1/cases/{story.Crn}/plan", PlanBody("Agreed with the manager's wording."), seenByManager));
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var inBody = await manager.PutAsJsonAsync($"/api/v1/cases/{story.Crn}/plan", new
        {
            version = seenByManager,
            on = "2026-11-26",
            personsInvolvement = "Agreed with the manager's wording.",
            contactsPerMonth = 2,
            objectives = new object[] { new { text = "Find work in the building trade", links = new[] { "EducationTrainingEmployment" }, priority = 1, targetDate = "2027-05-31" } },
        });
        Assert.Equal(HttpStatusCode.Conflict, inBody.StatusCode);
        Assert.Contains("Someone else changed this case", await inBody.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (text, version) = await ReadPlanAsync(manager, story.Crn);
        Assert.Equal("Agreed with the officer's wording.", text);
        Assert.Equal(ETag(first), version);

        // The same through the pages: both open the plan form, the officer saves first, the manager is told.
        var officerBrowser = await app.SignInAsync("po");
        var managerBrowser = await app.SignInAsync("manager");
        var path = $"/cases/{story.Crn.ToLowerInvariant()}/plan";
        var officerForm = await PlanFormAsync(officerBrowser, path);
        var managerForm = await PlanFormAsync(managerBrowser, path);
        Assert.Equal(Version(officerForm), Version(managerForm));
        var saved = await officerBrowser.PostAsync(path, new FormUrlEncodedContent(officerForm.AsSent([("Input.PersonsInvolvement", "Agreed in the office, officer's page.")])));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"The officer's save: {(int)saved.StatusCode}");
        var refused = await managerBrowser.PostAsync(path, new FormUrlEncodedContent(managerForm.AsSent([("Input.PersonsInvolvement", "Agreed in the office, manager's page.")])));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var doc = await Parser.ParseDocumentAsync(await refused.Content.ReadAsStringAsync());
        var summary = doc.QuerySelector(".govuk-error-summary");
        Assert.NotNull(summary);
        Assert.Contains("Someone else changed this case", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal("Agreed in the office, officer's page.", (await ReadPlanAsync(manager, story.Crn)).Involvement);
    }

    /// <summary>The plan form as the page fills it in (every input, text area and chosen option), ready to send back.</summary>
    private static async Task<PageForm> PlanFormAsync(HttpClient browser, string path) =>
        PageForms.Read(await browser.GetStringAsync(path), path).PostingWith("Input.PersonsInvolvement")!;

    private static string Version(PageForm form) => form.Fields.Single(f => f.Name == "Input.Version").Value;

    /// <summary>
    /// Revisions each of the 20 writers makes: 5 in the suite (100 in all, a few seconds); set PROBATION_RELIABILITY_REVISIONS=50
    /// for the full 1,000, which takes minutes because every revision of the one plan waits for the one before it.
    /// </summary>
    private static int RevisionsEach =>
        int.TryParse(Environment.GetEnvironmentVariable("PROBATION_RELIABILITY_REVISIONS"), out var n) && n > 0 ? n : 5;

    [Fact]
    public async Task TwentyWritersRevisingOnePlan_LoseNoRevision()
    {
        const int writers = 20;
        var revisionsEach = RevisionsEach;
        var story = await CaseWithPlanAsync();
        var clients = new[] { await story.As("po"), await story.As("manager") };
        var before = await app.WithDbAsync(db => db.People.Where(p => p.Crn == Domain.Common.Crn.Parse(story.Crn)).Select(p => p.Version).SingleAsync());
        var conflicts = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Each writer reads the plan, adds one to the revision count in its text and saves with the version it read;
        // told of a conflict, it waits a little (longer after each conflict in a row), reads again and redoes its
        // change, as a user reloading the page would. A lost update would leave the count short.
        async Task WriterAsync(int writer)
        {
            var client = clients[writer % clients.Length];
            var random = new Random(writer);
            var inARow = 0;
            for (var done = 0; done < revisionsEach;)
            {
                var (text, version) = await ReadPlanAsync(client, story.Crn);
                var count = int.Parse(text[(text.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                using var response = await client.SendAsync(Versioned(HttpMethod.Put, $"/api/v1/cases/{story.Crn}/plan", PlanBody($"Agreed together. Revision {count + 1}"), version));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    done++;
                    inARow = 0;
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.PreconditionFailed, $"Writer {writer}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    Interlocked.Increment(ref conflicts);
                    inARow = Math.Min(inARow + 1, 6);
                    await Task.Delay(random.Next(0, 10 << inARow));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriterAsync(w))));
        var total = writers * revisionsEach;
        Log($"{app.DatabaseProvider}: {writers} writers x {revisionsEach} revisions in {watch.Elapsed.TotalSeconds:0.0} s, {conflicts} conflicts answered 412 and retried");

        var (final, finalVersion) = await ReadPlanAsync(clients[0], story.Crn);
        Assert.Equal($"Agreed together. Revision {total}", final);
        Assert.Equal(before + total, finalVersion);
        var saves = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Purpose.StartsWith("Sentence plan") && a.Subjects.Any(s => s.Crn == story.Crn)));
        Assert.Equal(1 + total, saves);
    }

    /// <summary>Clients of the case administrator, the manager who allocates and the unpaid work supervisor, shared by the people a test makes.</summary>
    private sealed record Staff(HttpClient CaseAdmin, HttpClient Manager, HttpClient Upw, int TeamId, int OfficerId);

    /// <summary>A new case with 60 hours of unpaid work, allocated, and its unpaid work assessment done: ready to book.</summary>
    private static async Task<string> UnpaidWorkerAsync(Staff staff)
    {
        var created = await staff.CaseAdmin.PostAsJsonAsync("/api/v1/cases", new
        {
            firstName = "Race",
            lastName = "Booker" + Interlocked.Increment(ref _people),
            dateOfBirth = "1990-05-01",
            gender = "Male",
            teamId = staff.TeamId,
            source = "Court",
            receivedOn = "2026-09-01",
            orderType = "CommunityOrder",
            orderStart = "2026-09-01",
            lengthMonths = 12,
            court = "Teesside Magistrates' Court",
            mainOffence = "Acquisitive",
            requirements = new object[] { new { type = "UnpaidWork", unpaidWorkHours = 60 }, new { type = "RehabilitationActivity", rarDays = 10 } },
            rosh = "Low",
            ogrsScore = 30,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        var crn = json.GetProperty("crn").GetString()!;
        var allocated = await staff.Manager.SendAsync(Versioned(HttpMethod.Post, $"/api/v1/cases/{crn}/allocation", new { staffMemberId = staff.OfficerId, overrideReason = "Continuity: this officer knows the family" }, json.GetProperty("version").GetInt32()));
        Assert.True(allocated.IsSuccessStatusCode, await allocated.Content.ReadAsStringAsync());
        var version = json.GetProperty("version").GetInt32() + 1; // the allocation moved the case on by one
        var assessed = await staff.Upw.SendAsync(Versioned(HttpMethod.Post, $"/api/v1/unpaid-work/people/{crn}/assessments", new
        {
            completedOn = "2026-09-03",
            health = "Fit for outdoor work",
            skills = "Labouring",
            availableDays = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" },
            riskToPublic = "Low",
            riskToSupervisors = "Low",
            diversityNeeds = "None identified",
            ruledOut = Array.Empty<string>(),
        }, version));
        Assert.True(assessed.StatusCode == HttpStatusCode.Created, await assessed.Content.ReadAsStringAsync());
        return crn;
    }

    /// <summary>A new project and one session of it with <paramref name="places"/> places, an evening still to come.</summary>
    private async Task<(int Id, int Version)> SessionAsync(HttpClient upw, int places, string on)
    {
        var supervisors = await app.WithDbAsync(db => db.Staff.Where(s => s.Grade == Domain.Organisation.StaffGrade.UnpaidWorkSupervisor).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());
        var project = await upw.PostAsJsonAsync("/api/v1/unpaid-work/projects", new
        {
            name = "Reliability project " + Interlocked.Increment(ref _people),
            type = "Horticulture",
            beneficiary = "Thornaby Town Council",
            placement = "Group",
            womenOnly = false,
            capacity = places,
            risks = Array.Empty<string>(),
            weekendAvailable = true,
            supervisorIds = supervisors,
        });
        Assert.True(project.StatusCode == HttpStatusCode.Created, await project.Content.ReadAsStringAsync());
        var projectId = (await project.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var created = await upw.PostAsJsonAsync("/api/v1/unpaid-work/sessions", new { projectId, on, startsAt = "18:00", endsAt = "21:00", supervisorId = supervisors[^1], capacity = places });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (session.GetProperty("id").GetInt32(), session.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Booking_FailingInTheDatabase_IsAnError_NotARefusal_AndBooksNothing()
    {
        app.SkipIfUnavailable();
        var story = new StoryClient(app);
        var (teamId, officerId) = await story.OfficerAsync("po");
        var upw = await story.As("upw");
        var crn = await UnpaidWorkerAsync(new Staff(await story.As("caseadmin"), await story.As("manager"), upw, teamId, officerId));
        var (sessionId, version) = await SessionAsync(upw, places: 2, on: "2027-01-20");
        static bool BookingBeingAdded(DbContext db) =>
            db.ChangeTracker.Entries<Domain.UnpaidWork.UnpaidWorkBooking>().Any(e => e.State == EntityState.Added);

        // The database failing as the booking is written is not "already booked": it is an error, and nothing is booked.
        app.Faults.Arm(BookingBeingAdded, 1);
        using var failed = await upw.SendAsync(Versioned(HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/bookings", new { crn }, version));
        app.Faults.Disarm();
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UnpaidWorkBookings.CountAsync(b => b.SessionId == sessionId)));
        Assert.Equal(version, await app.WithDbAsync(db => db.UnpaidWorkSessions.Where(s => s.Id == sessionId).Select(s => s.Version).SingleAsync()));

        using var booked = await upw.SendAsync(Versioned(HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/bookings", new { crn }, version));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }

    [Fact]
    public async Task FiftySimultaneousBookingsOfTheLastPlace_ExactlyOneIsMade()
    {
        app.SkipIfUnavailable();
        const int bookers = 50;
        var story = new StoryClient(app);
        var (teamId, officerId) = await story.OfficerAsync("po");
        var upw = await story.As("upw");
        var staff = new Staff(await story.As("caseadmin"), await story.As("manager"), upw, teamId, officerId);
        var people = new List<string>();
        foreach (var chunk in Enumerable.Range(0, bookers + 1).Chunk(4))
        {
            people.AddRange(await Task.WhenAll(chunk.Select(_ => UnpaidWorkerAsync(staff))));
        }

        var (sessionId, version) = await SessionAsync(upw, places: 2, on: "2027-01-13");

        // One of the two places is taken: exactly one is left.
        var firstBooking = await upw.SendAsync(Versioned(HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/bookings", new { crn = people[^1] }, version));
        Assert.True(firstBooking.StatusCode == HttpStatusCode.Created, await firstBooking.Content.ReadAsStringAsync());
        version = ETag(firstBooking);

        // Fifty people are booked at once onto the last place, each from the session as it stood. A booking that reaches
        // the session after the winner's is told it is full (422), or that it changed (412) when it read the session
        // before; told that, it reads it again and tries again, as the supervisor would, and then finds it full.
        var first = new ConcurrentBag<HttpStatusCode>();
        var final = new ConcurrentBag<HttpStatusCode>();
        var start = new TaskCompletionSource();
        async Task BookAsync(string crn)
        {
            await start.Task;
            var expected = version;
            for (var attempt = 0; ; attempt++)
            {
                using var response = await upw.SendAsync(Versioned(HttpMethod.Post, $"/api/v1/unpaid-work/sessions/{sessionId}/bookings", new { crn }, expected));
                if (attempt == 0)
                {
                    first.Add(response.StatusCode);
                }

                if (response.StatusCode != HttpStatusCode.PreconditionFailed || attempt == 20)
                {
                    final.Add(response.StatusCode);
                    if (response.StatusCode == (HttpStatusCode)422)
                    {
                        Assert.Contains("The session is full", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                    }

                    return;
                }

                using var read = await upw.GetAsync($"/api/v1/unpaid-work/sessions/{sessionId}");
                expected = ETag(read);
            }
        }

        var all = people.Take(bookers).Select(crn => Task.Run(() => BookAsync(crn))).ToList();
        start.SetResult();
        await Task.WhenAll(all);

        string Tally(IEnumerable<HttpStatusCode> codes) => string.Join(", ", codes.GroupBy(c => (int)c).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}"));
        Log($"{app.DatabaseProvider}: first answers {Tally(first)}; final answers {Tally(final)}");
        Assert.Equal(1, first.Count(c => c == HttpStatusCode.Created));
        Assert.All(first.Where(c => c != HttpStatusCode.Created), c => Assert.True(c is HttpStatusCode.PreconditionFailed or (HttpStatusCode)422, $"Answered {(int)c}"));
        Assert.Equal(1, final.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(bookers - 1, final.Count(c => c == (HttpStatusCode)422));
        Assert.Equal(2, await app.WithDbAsync(db => db.UnpaidWorkBookings.CountAsync(b => b.SessionId == sessionId)));
        Assert.Equal(version + 1, await app.WithDbAsync(db => db.UnpaidWorkSessions.Where(s => s.Id == sessionId).Select(s => s.Version).SingleAsync()));
    }

    private sealed record Counts(int Contacts, int Events, int Enforcement, int AuditEntries, int AuditSubjects, int CaseVersion, int Statuses);

    private Task<Counts> CountsAsync(string crn) => app.WithDbAsync(async db => new Counts(
        await db.Contacts.CountAsync(),
        await db.SignificantEvents.CountAsync(),
        await db.EnforcementActions.CountAsync(),
        await db.AuditEntries.CountAsync(),
        await db.AuditSubjects.CountAsync(),
        await db.People.Where(p => p.Crn == Domain.Common.Crn.Parse(crn)).Select(p => p.Version).SingleAsync(),
        await db.CaseStatuses.CountAsync()));

    [Fact]
    public async Task AbsenceReachingTheRecallThreshold_FailingAtAnyStepOfItsSave_KeepsNothing()
    {
        // A licence's first unacceptable absence is one save of four records: the contact, the threshold event
        // (recall to be considered), the audit entry and its subject, and the case's new version.
        var story = await StoryClient.NewCaseAsync(app, "Fault", orderType: "Licence");
        var client = await story.As("po");
        var body = new { on = "2026-11-24", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "No contact, no reason given." };
        static bool ContactBeingAdded(DbContext db) =>
            db.ChangeTracker.Entries<Domain.Supervision.Contact>().Any(e => e.State == EntityState.Added);

        var before = await CountsAsync(story.Crn);
        var faults = new List<string>();
        for (var failAt = 1; ; failAt++)
        {
            Assert.True(failAt < 30, "The save never completed.");
            app.Faults.Arm(ContactBeingAdded, failAt == 1 ? SaveFaults.AtCommit : failAt - 1);
            using var response = await client.SendAsync(Versioned(HttpMethod.Post, $"/api/v1/cases/{story.Crn}/contacts", body, story.Version));
            if (!app.Faults.Thrown)
            {
                // Past the last command: the save went through, the control that the faults above broke a real write.
                app.Faults.Disarm();
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                break;
            }

            faults.Add(failAt == 1 ? "at commit" : $"before command {failAt - 1}");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Headers.ETag);
            Assert.Equal(before, await CountsAsync(story.Crn));
        }

        Log($"{app.DatabaseProvider}: the save sends {app.Faults.CommandsSeen} commands; faults injected {string.Join(", ", faults)}: nothing kept after any");
        Assert.True(faults.Count >= 2, "A fault at commit and before at least one command");
        var after = await CountsAsync(story.Crn);
        Assert.Equal(before.Contacts + 1, after.Contacts);
        Assert.Equal(before.Events + 1, after.Events);
        Assert.Equal(before.AuditEntries + 1, after.AuditEntries);
        Assert.Equal(before.AuditSubjects + 1, after.AuditSubjects);
        Assert.Equal(before.CaseVersion + 1, after.CaseVersion);
    }
}

public sealed class SqliteReliabilityTests(FaultInjectingAppFactory app) : ReliabilityTests(app), IClassFixture<FaultInjectingAppFactory>;

public sealed class PostgresReliabilityTests(PostgresFaultInjectingAppFactory app) : ReliabilityTests(app), IClassFixture<PostgresFaultInjectingAppFactory>;
