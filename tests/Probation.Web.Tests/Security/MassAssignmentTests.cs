using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Mass assignment: every page form and every API write is sent as its user would send it, plus fields that name what
/// no user may set: ids, owners, providers and teams, who recorded what and when, versions, statuses and outcomes, user
/// names and roles: every property of every entity of the data model, bare and under each prefix the form uses
/// (<c>Input.</c>, <c>Decide.</c>...). The extra values are markers (a text, a number, a date) that nothing else in the
/// database holds: none may be found anywhere afterwards, and where the post with extras is refused, the same post
/// without them must be refused with the same messages.
/// </summary>
public abstract class MassAssignmentTests(WorldFixture fixture, ITestOutputHelper output)
{
    private const long MarkerNumber = 987_654_321;
    private static readonly DateOnly MarkerDate = new(1901, 2, 3);
    private static readonly HtmlParser Parser = new();

    /// <summary>The most extra fields one form carries, so that the form stays within what the form reader accepts (1,024 values).</summary>
    private const int MaxExtras = 800;

    [Fact]
    public async Task ExtraFieldsPostedToEveryFormAndApiWrite_ChangeNothing()
    {
        var app = fixture.App;
        var markerText = "MassAssigned" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await using var census = await DatabaseCensus.ForAsync(app);
        Assert.Empty(await census.FindAsync(markerText, MarkerNumber, MarkerDate));

        // Every scalar property of the data model, by name, with the marker of its type.
        var properties = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .GroupBy(p => p.Name)
            .Select(g => (Name: g.Key, Value: Marker(Nullable.GetUnderlyingType(g.First().ClrType) ?? g.First().ClrType, markerText)))
            .Where(p => p.Value is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList()));
        Assert.Contains(properties, p => p.Name == "ResponsibleOfficerId");
        Assert.Contains(properties, p => p.Name == "ProviderId");
        Assert.Contains(properties, p => p.Name == "Version");

        var reaches = (await Reach.FindAsync(fixture, today, writesOnly: true)).Where(r => r.IsWrite).ToList();
        var faults = new List<string>();
        var forms = 0;
        var apiWrites = 0;
        var fields = 0;
        var acceptedWithExtras = 0;
        var compared = 0;
        foreach (var reach in reaches)
        {
            if (reach.Route.IsPage)
            {
                // The form with extras first, then the same form without, each as the page draws it at the time.
                var withExtras = await PostFormAsync(reach, today, properties, extras: true);
                if (withExtras is null)
                {
                    continue;
                }

                forms++;
                fields += withExtras.Value.Extras;
                if (await PostFormAsync(reach, today, properties, extras: false) is { } without)
                {
                    Judge(reach, withExtras.Value.Status, withExtras.Value.Accepted, withExtras.Value.Messages, without.Status, without.Accepted, without.Messages);
                }
                else if (!withExtras.Value.Accepted)
                {
                    faults.Add($"{reach}: refused with extras, yet the form was gone afterwards");
                }
            }
            else
            {
                apiWrites++;
                var (status, accepted, problem, extras) = await SendJsonAsync(reach, today, properties, extras: true);
                fields += extras;
                var (statusWithout, acceptedWithout, problemWithout, _) = await SendJsonAsync(reach, today, properties, extras: false);
                Judge(reach, status, accepted, problem, statusWithout, acceptedWithout, problemWithout);
            }
        }

        void Judge(Reach reach, int status, bool accepted, string messages, int statusWithout, bool acceptedWithout, string messagesWithout)
        {
            if (status >= 500 || statusWithout >= 500)
            {
                faults.Add($"{reach}: {status} with extras, {statusWithout} without");
            }

            if (accepted)
            {
                acceptedWithExtras++;
                return;
            }

            // Refused with extras: nothing changed, so the same post without them meets the same state and must fare the same.
            compared++;
            if (acceptedWithout || status != statusWithout || messages != messagesWithout)
            {
                faults.Add($"{reach}: with extras {status} \"{messages}\", without {statusWithout}{(acceptedWithout ? " (accepted)" : string.Empty)} \"{messagesWithout}\"");
            }
        }

        var found = await census.FindAsync(markerText, MarkerNumber, MarkerDate);
        var integrity = await census.IntegrityProblemsAsync();
        Report($"Mass assignment: {forms} page forms and {apiWrites} API writes, {fields} extra fields in all ({properties.Count} property names of the data model, under each prefix a form uses); "
            + $"{acceptedWithExtras} accepted with the extras, {compared} refused with them and compared with the same post without; markers found in the database: {found.Count}; faults: {faults.Count}");
        Assert.True(forms >= 20, $"only {forms} page forms were posted");
        Assert.True(apiWrites >= 50, $"only {apiWrites} API writes were sent");
        Assert.True(found.Count == 0, "Injected values were stored in: " + string.Join(", ", found));
        Assert.True(faults.Count == 0, "The extras changed the outcome:\n" + string.Join('\n', faults));
        Assert.True(acceptedWithExtras >= 15, $"only {acceptedWithExtras} posts with extras were accepted: too few to show the extras were ignored where it counts");
        Assert.Empty(integrity);
    }

    [Fact]
    public async Task AFormFieldNamedLikeTheRouteValue_DoesNotMoveTheWriteToAnotherCase()
    {
        // The page's case comes from its URL: a posted "crn" naming another case the officer may also open is ignored.
        var own = fixture.World.Cases.Single(c => c.Tag == "Own");
        var other = fixture.World.Cases.Single(c => c.Tag == "SameTeam");
        var (browser, _, _) = fixture.Clients["po"];
        var url = $"/cases/{own.Crn.ToLowerInvariant()}/events";
        var form = PageForms.Read(await browser.GetStringAsync(url, TestContext.Current.CancellationToken), url).Single(f => f.Method == "POST" && f.Names.Contains("Input.Description"));
        Task<Dictionary<int, int>> VersionsAsync() => fixture.App.WithDbAsync(db => db.People.Where(p => p.Id == own.PersonId || p.Id == other.PersonId).ToDictionaryAsync(p => p.Id, p => p.Version));
        var before = await VersionsAsync();
        var values = form.Filled(DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().UtcDateTime));
        values.Add(KeyValuePair.Create("crn", other.Crn));
        using var response = await browser.PostAsync(url, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
        var after = await VersionsAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before[other.PersonId], after[other.PersonId]);
        Assert.Equal(before[own.PersonId] + 1, after[own.PersonId]);
    }

    /// <summary>The marker for a property of <paramref name="type"/>, as form text; null for types no marker can tell apart (true/false, choices).</summary>
    private static string? Marker(Type type, string text) => type switch
    {
        _ when type == typeof(string) => text,
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => MarkerNumber.ToString(CultureInfo.InvariantCulture),
        _ when type == typeof(DateOnly) => MarkerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => MarkerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T04:05:06Z",
        _ => null,
    };

    /// <summary>
    /// Reads the reach's form afresh (its version and token as the page now draws them), fills it as a person would,
    /// adds the extras when asked, and posts it: the status, whether it was accepted, and the error summary's messages.
    /// </summary>
    private async Task<(int Status, bool Accepted, string Messages, int Extras)?> PostFormAsync(Reach reach, DateOnly today, IReadOnlyList<(string Name, string? Value)> properties, bool extras)
    {
        var browser = fixture.Clients[reach.User.UserName].Browser;
        var page = reach.Url.Split('?')[0];
        using var drawn = await browser.GetAsync(page, TestContext.Current.CancellationToken);
        if (drawn.StatusCode != HttpStatusCode.OK)
        {
            return null; // an earlier post closed the form (a record completed or removed)
        }

        var html = await drawn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var form = PageForms.Read(html, page).FirstOrDefault(f => f.Method == "POST" && f.Action == reach.Url && f.Names.SetEquals(reach.Form!.Names))
            ?? PageForms.Read(html, page).FirstOrDefault(f => f.Method == "POST" && f.Action == reach.Url);
        if (form is null)
        {
            return null;
        }

        var values = form.Filled(today);
        var added = 0;
        if (extras)
        {
            var prefixes = form.Names.Select(n => n.Contains('.', StringComparison.Ordinal) ? n[..(n.IndexOf('.', StringComparison.Ordinal) + 1)] : string.Empty)
                .Append(string.Empty).Distinct().ToList();
            foreach (var prefix in prefixes)
            {
                foreach (var (name, value) in properties)
                {
                    if (added < MaxExtras && !form.Names.Contains(prefix + name))
                    {
                        values.Add(KeyValuePair.Create(prefix + name, value!));
                        added++;
                    }
                }
            }
        }

        using var response = await browser.PostAsync(reach.Url, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString;
        var accepted = status is >= 300 and < 400
            ? location is null || !(location.Contains("/error", StringComparison.Ordinal) || location.Contains("/sign-in", StringComparison.Ordinal))
            : status is >= 200 and < 300 && !body.Contains("govuk-error-summary", StringComparison.Ordinal);
        var messages = string.Join(" | ", (await Parser.ParseDocumentAsync(body)).QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Trim()));
        return (status, accepted, messages, added);
    }

    /// <summary>The API write with its well-formed body and, when asked, every model property it does not take, as JSON members.</summary>
    private async Task<(int Status, bool Accepted, string Problem, int Extras)> SendJsonAsync(Reach reach, DateOnly today, IReadOnlyList<(string Name, string? Value)> properties, bool extras)
    {
        var api = fixture.Clients[reach.User.UserName].Api;
        var body = reach.Body is null ? new JsonObject() : JsonBodies.Valid(reach.Body, fixture.World, today);
        var version = await CurrentVersionAsync(reach);
        if (version is not null && body.ContainsKey("version"))
        {
            body["version"] = version;
        }

        var added = 0;
        if (extras)
        {
            foreach (var (name, value) in properties)
            {
                var member = char.ToLowerInvariant(name[0]) + name[1..];
                if (!body.ContainsKey(member))
                {
                    body[member] = long.TryParse(value, out var n) ? n : value;
                    added++;
                }
            }
        }

        using var request = new HttpRequestMessage(new HttpMethod(reach.Method), reach.Url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await api.SendAsync(request, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        return (status, status is >= 200 and < 300, System.Text.RegularExpressions.Regex.Match(problem, "\"detail\":\"[^\"]*\"").Value, added);
    }

    /// <summary>The case's version for a write to a case, so that the body's version is current and the post reaches its rules.</summary>
    private Task<int?> CurrentVersionAsync(Reach reach)
    {
        var crn = reach.Route.TakesCase ? fixture.World.Cases.Single(c => c.Tag == (reach.Route.IsInspectionCase ? "Sampled" : "Own")).Crn : null;
        return crn is null
            ? Task.FromResult<int?>(null)
            : fixture.App.WithDbAsync(db => db.People.Where(p => p.Crn == Probation.Domain.Common.Crn.Parse(crn)).Select(p => (int?)p.Version).SingleOrDefaultAsync());
    }

    private void Report(string text)
    {
        text = $"[{fixture.App.DatabaseProvider}] {text}";
        output.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
    }
}

public sealed class SqliteMassAssignmentTests(WorldFixture fixture, ITestOutputHelper output) : MassAssignmentTests(fixture, output), IClassFixture<WorldFixture>;

[Trait("Database", "Postgres")]
public sealed class PostgresMassAssignmentTests(PostgresWorldFixture fixture, ITestOutputHelper output) : MassAssignmentTests(fixture, output), IClassFixture<PostgresWorldFixture>;
