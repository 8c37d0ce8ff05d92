using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Audit;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>Every read over HTTP is one consultation row, with its own request id, naming the case read; an export is a disclosure.</summary>
public abstract class AuditWebTests(ProbationAppFactory app)
{
    [Fact]
    public async Task HundredConcurrentCasePageReads_GiveExactlyHundredConsultedRows_WithDistinctRequestIds_NamingTheRightCases()
    {
        app.SkipIfUnavailable();
        const int reads = 100;
        var crns = await app.WithDbAsync(async db =>
        {
            var staffId = await db.Staff.Where(s => s.UserName == "po").Select(s => s.Id).SingleAsync();
            return (await db.People.Where(p => p.ResponsibleOfficerId == staffId && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => p.Crn).Take(5).ToListAsync())
                .Select(c => c.Value).ToList();
        });
        Assert.Equal(5, crns.Count);
        var client = await app.SignInAsync("po");
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Id)) ?? 0;

        var responses = await Task.WhenAll(Enumerable.Range(0, reads).Select(i => client.GetAsync($"/cases/{crns[i % crns.Count]}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Include(e => e.Subjects)
            .Where(e => e.Id > before && e.Where == "GET /cases/{crn}").ToListAsync());
        Assert.Equal(reads, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(AuditAction.Consulted, r.Action);
            Assert.Equal("po", r.UserName);
            Assert.Equal("Case overview", r.Purpose);
        });
        Assert.Equal(reads, rows.Select(r => r.RequestId).Where(id => !string.IsNullOrEmpty(id)).Distinct().Count());
        Assert.Equal(
            crns.Order(StringComparer.Ordinal).Select(c => (c, reads / crns.Count)),
            rows.Select(r => Assert.Single(r.Subjects).Crn).GroupBy(c => c).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/reports/caseload-profile?handler=Csv", "GET /reports/caseload-profile", "Caseload profile exported as CSV")]
    [InlineData("/reports/timeliness?handler=Csv", "GET /reports/timeliness", "exported as CSV")]
    public async Task ACsvExport_IsRecordedAsADisclosure_ByWhoAndWhere(string path, string where, string purpose)
    {
        app.SkipIfUnavailable();
        var manager = await app.SignInAsync("manager");
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Id)) ?? 0;
        var csv = await manager.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Id > before).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(AuditAction.Disclosed, row.Action);
        Assert.Equal("manager", row.UserName);
        Assert.Equal(where, row.Where);
        Assert.Contains(purpose, row.Purpose, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(row.RequestId));
    }
}

public sealed class SqliteAuditWebTests(ProbationAppFactory app) : AuditWebTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresAuditWebTests(PostgresAppFactory app) : AuditWebTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The app with a read-audit writer whose every insert fails, as on a full disk or a lost database.</summary>
public class FailingAuditAppFactory : ProbationAppFactory
{
    public FailingAuditAppFactory()
        : base(TestDatabase.Sqlite())
    {
    }

    protected FailingAuditAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<AuditWriter>();
            services.AddSingleton(sp =>
            {
                var options = new DbContextOptionsBuilder<ProbationDbContext>();
                sp.GetRequiredService<DatabaseOptions>().Apply(options);
                options.AddInterceptors(new FailCommands(text => text.Contains("AuditLog", StringComparison.Ordinal)));
                var built = options.Options;
                return new AuditWriter(() => new ProbationDbContext(built), AuditGroupCommitOptions.Default);
            });
        });
    }
}

public sealed class PostgresFailingAuditAppFactory() : FailingAuditAppFactory(TestDatabase.Postgres());

/// <summary>Fails every command whose text or any text parameter matches, as the database would on a storage failure.</summary>
public sealed class FailCommands(Func<string, bool> matches) : DbCommandInterceptor
{
    private void Check(DbCommand command)
    {
        if (matches(command.CommandText) || command.Parameters.Cast<DbParameter>().Any(p => p.Value is string s && matches(s)))
        {
            throw new InvalidOperationException("The database could not write (simulated storage failure).");
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// Reads fail closed: when a read's audit row cannot be written, the case page and the case API answer a server error
/// that shows nothing of the person, and no row is kept.
/// </summary>
public abstract class AuditFailClosedTests(FailingAuditAppFactory app)
{
    private Task<(string Crn, string FirstName, string LastName, DateOnly Born)> CaseAsync() => app.WithDbAsync(async db =>
    {
        var staffId = await db.Staff.Where(s => s.UserName == "po").Select(s => s.Id).SingleAsync();
        var p = await db.People.Where(p => p.ResponsibleOfficerId == staffId && !p.AccessList.Any()).OrderBy(p => p.Id)
            .Select(p => new { p.Crn, p.FirstName, p.LastName, p.DateOfBirth }).FirstAsync();
        return (p.Crn.Value, p.FirstName, p.LastName, p.DateOfBirth);
    });

    private static void AssertNothingOf((string Crn, string FirstName, string LastName, DateOnly Born) person, string body)
    {
        Assert.DoesNotContain(person.FirstName, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.LastName, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.Born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Born.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Born.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
    }

    private Task<int> RowsNamingAsync(string crn) => app.WithDbAsync(db => db.AuditSubjects.CountAsync(s => s.Crn == crn));

    [Fact]
    public async Task CasePage_WhenItsAuditRowCannotBeWritten_IsAServerError_ShowingNothingOfThePerson()
    {
        app.SkipIfUnavailable();
        var person = await CaseAsync();
        var before = await RowsNamingAsync(person.Crn);
        var client = await app.SignInAsync("po");

        var response = await client.GetAsync($"/cases/{person.Crn}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
        AssertNothingOf(person, body);
        Assert.Equal(before, await RowsNamingAsync(person.Crn));
    }

    [Fact]
    public async Task CaseApi_WhenItsAuditRowCannotBeWritten_IsAProblem500_ShowingNothingOfThePerson()
    {
        app.SkipIfUnavailable();
        var person = await CaseAsync();
        var before = await RowsNamingAsync(person.Crn);
        var client = await app.TokenClientAsync("po");

        var response = await client.GetAsync($"/api/v1/cases/{person.Crn}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        AssertNothingOf(person, body);
        Assert.DoesNotContain("simulated", body, StringComparison.OrdinalIgnoreCase); // no internals either
        Assert.Equal(before, await RowsNamingAsync(person.Crn));

        // The same case's supervision record, read through another use case, fails the same way.
        var supervision = await client.GetAsync($"/api/v1/cases/{person.Crn}/supervision");
        Assert.Equal(HttpStatusCode.InternalServerError, supervision.StatusCode);
        AssertNothingOf(person, await supervision.Content.ReadAsStringAsync());
        Assert.Equal(before, await RowsNamingAsync(person.Crn));
    }
}

public sealed class SqliteAuditFailClosedTests(FailingAuditAppFactory app) : AuditFailClosedTests(app), IClassFixture<FailingAuditAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresAuditFailClosedTests(PostgresFailingAuditAppFactory app) : AuditFailClosedTests(app), IClassFixture<PostgresFailingAuditAppFactory>;

/// <summary>Every log message the app writes, at every level, with its exception and scopes, kept for a test to search.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder(formatter(state, exception));
            text.Append(" | ").Append(state?.ToString());
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            owner._scopes.ForEachScope((scope, sb) => sb.Append(" | scope ").Append(scope), text);
            owner.Entries.Enqueue((category, logLevel, text.ToString()));
        }
    }
}

/// <summary>The app logging everything at Trace level into <see cref="Logs"/>, with writes whose text holds "FAIL-" failing in the database.</summary>
public class LogCaptureAppFactory : ProbationAppFactory
{
    public LogCaptureAppFactory()
        : base(TestDatabase.Sqlite())
    {
    }

    protected LogCaptureAppFactory(TestDatabase? database)
        : base(database)
    {
    }

    public CapturedLogs Logs { get; } = new();

    public const string FailingText = "FAIL-";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<ProbationDbContext>(o => o.AddInterceptors(new FailCommands(text => text.Contains(FailingText, StringComparison.Ordinal)))));
    }
}

public sealed class PostgresLogCaptureAppFactory() : LogCaptureAppFactory(TestDatabase.Postgres());

/// <summary>
/// No case-note text in any log: a contact's notes, saved and read back, and the notes of a write the database fails,
/// appear in no log message, exception or scope at any level, and in no column of the audit log.
/// </summary>
public abstract class NoCaseNotesInLogsTests(LogCaptureAppFactory app)
{
    [Fact]
    public async Task ContactNotes_SavedReadAndFailed_AreInNoLogAndNoAuditRow()
    {
        app.SkipIfUnavailable();
        var marker = "Disclosed-to-me-" + Guid.NewGuid().ToString("N");
        var failedMarker = LogCaptureAppFactory.FailingText + Guid.NewGuid().ToString("N");
        var story = await StoryClient.NewCaseAsync(app, "Logless");

        var id = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-12-03", kind = "Office", startsAt = "10:00", endsAt = "10:30", notes = marker });
        Assert.Equal(marker, await StoryClient.CaseAsync(app, story.Crn, p => p.Contacts.Single(c => c.Id == id).Notes));
        var read = await (await story.As("po")).GetStringAsync($"/api/v1/cases/{story.Crn}/contacts");
        Assert.Contains(marker, read, StringComparison.Ordinal);
        var page = await (await app.SignInAsync("po")).GetAsync($"/cases/{story.Crn}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var failed = await story.SendAsync("po", HttpMethod.Post, "contacts", new { on = "2026-12-04", kind = "Office", startsAt = "10:00", endsAt = "10:30", notes = failedMarker });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain(failedMarker, await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([marker], await StoryClient.CaseAsync(app, story.Crn, p => p.Contacts.Select(c => c.Notes).ToList()));

        var logs = app.Logs.Entries.ToList();
        Assert.Contains(logs, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && l.Level <= LogLevel.Debug);
        Assert.Contains(logs, l => l.Level >= LogLevel.Error && l.Text.Contains("simulated storage failure", StringComparison.Ordinal));
        foreach (var text in new[] { marker, failedMarker })
        {
            var leaks = logs.Where(l => l.Text.Contains(text, StringComparison.Ordinal)).Select(l => $"{l.Level} {l.Category}").ToList();
            Assert.True(leaks.Count == 0, "Logged: " + string.Join("; ", leaks));
        }

        var audit = await app.WithDbAsync(async db => new
        {
            Entries = await db.AuditEntries.AsNoTracking().ToListAsync(),
            Subjects = await db.AuditSubjects.AsNoTracking().Select(s => s.Crn).ToListAsync(),
        });
        Assert.Contains(audit.Entries, e => e.Action == AuditAction.Collected || e.Action == AuditAction.Altered);
        foreach (var text in new[] { marker, failedMarker })
        {
            Assert.DoesNotContain(audit.Entries, e => $"{e.UserName}|{e.Where}|{e.Purpose}|{e.RequestId}".Contains(text, StringComparison.Ordinal));
            Assert.DoesNotContain(audit.Subjects, s => s.Contains(text, StringComparison.Ordinal));
        }
    }
}

public sealed class SqliteNoCaseNotesInLogsTests(LogCaptureAppFactory app) : NoCaseNotesInLogsTests(app), IClassFixture<LogCaptureAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresNoCaseNotesInLogsTests(PostgresLogCaptureAppFactory app) : NoCaseNotesInLogsTests(app), IClassFixture<PostgresLogCaptureAppFactory>;
