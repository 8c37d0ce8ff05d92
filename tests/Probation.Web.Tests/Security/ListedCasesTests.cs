using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Access;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;
using Probation.Domain.Oversight;
using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Pages that list cases by way of another record (an inspection's sample, an officer's audit feedback, a staff
/// supervision session) show a case's details only to those who may read the case: a restriction added after the
/// record was made, or a case that has moved to another provider, keeps its name and text off the list.
/// </summary>
public abstract class ListedCasesTests(ProbationAppFactory app)
{
    private static string Marker(string what) => $"Listed{what}{Guid.NewGuid():N}"[..30];

    /// <summary>Gives the case a unique name, so a page showing it can be found by search.</summary>
    private Task<string> RenameAsync(int personId) => app.WithDbAsync(async db =>
    {
        var person = await db.People.SingleAsync(p => p.Id == personId);
        person.LastName = Marker("Name");
        await db.SaveChangesAsync();
        return person.LastName;
    });

    private Task RestrictAsync(int personId, string toUser) => app.WithDbAsync(async db =>
    {
        var staffId = await db.Staff.Where(s => s.UserName == toUser).Select(s => s.Id).SingleAsync();
        db.CaseAccessEntries.Add(new CaseAccessEntry { PersonId = personId, Kind = AccessListKind.Restriction, StaffMemberId = staffId });
        await db.SaveChangesAsync();
        return 0;
    });

    private static async Task<string> ReadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ASampledCase_RestrictedAfterTheDraw_IsListedByItsCrn_WithItsNameWithheld()
    {
        var api = await app.TokenClientAsync("inspector");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var providerId = await app.WithDbAsync(db => db.Staff.Where(s => s.UserName == "po").Select(s => s.ProviderId).SingleAsync());
        var created = await api.PostAsJsonAsync("/api/v1/inspections", new { providerId, providerType = "CRC", framework = "2018", title = "Sample withheld", fieldworkFrom = today.AddDays(-2), fieldworkTo = today.AddDays(8), team = Array.Empty<int>() }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();
        async Task<int> VersionAsync() => (await api.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{id}", TestContext.Current.CancellationToken)).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/inspections/{id}/samples", new { version = await VersionAsync(), kind = "CaseSupervision", seed = 11 }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/inspections/{id}/status", new { version = await VersionAsync(), status = "Fieldwork" }, TestContext.Current.CancellationToken)).StatusCode);
        var (personId, crn) = await app.WithDbAsync(async db =>
        {
            var sampled = await db.Set<InspectionSample>().Where(s => s.InspectionId == id).SelectMany(s => s.Cases).Select(c => c.PersonId).OrderBy(x => x).FirstAsync();
            return (sampled, (await db.People.SingleAsync(p => p.Id == sampled)).Crn.Value);
        });
        var name = await RenameAsync(personId);
        var browser = await app.SignInAsync("inspector");

        // Before the restriction the inspector sees the name, on the page and through the API.
        Assert.Contains(name, await ReadAsync(browser, $"/inspections/{id}"), StringComparison.Ordinal);
        Assert.Contains(name, await ReadAsync(api, $"/api/v1/inspections/{id}"), StringComparison.Ordinal);

        await RestrictAsync(personId, "manager");
        var auditBefore = await app.WithDbAsync(db => db.AuditSubjects.CountAsync(s => s.Crn == crn));
        var page = await ReadAsync(browser, $"/inspections/{id}");
        var json = await ReadAsync(api, $"/api/v1/inspections/{id}");
        Assert.DoesNotContain(name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(name, json, StringComparison.Ordinal);
        Assert.Contains("Restricted case: name withheld", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/inspections/{id}/cases/{crn.ToLowerInvariant()}", page, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(json).RootElement.GetProperty("samples").EnumerateArray()
            .SelectMany(s => s.GetProperty("cases").EnumerateArray()).Single(c => c.GetProperty("crn").GetString() == crn);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("name").ValueKind);
        Assert.True(listed.GetProperty("withheld").GetBoolean());

        // Nothing of the case was read, so nothing of it is logged as consulted; the case page stays closed.
        Assert.Equal(auditBefore, await app.WithDbAsync(db => db.AuditSubjects.CountAsync(s => s.Crn == crn)));
        using var casePage = await browser.GetAsync($"/inspections/{id}/cases/{crn}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, casePage.StatusCode);
    }

    [Fact]
    public async Task AuditFeedback_OnACaseTheOfficerMayNoLongerRead_IsNotShown_AndCannotBeAcknowledged()
    {
        var text = Marker("Feedback");
        var (personId, feedbackId) = await app.WithDbAsync(async db =>
        {
            var po = await db.Staff.SingleAsync(s => s.UserName == "po");
            var assessment = await db.CaseAssessments.Where(a => a.Person!.ProviderId == po.ProviderId && !a.Person.AccessList.Any()).OrderBy(a => a.Id).FirstAsync();
            var feedback = new AuditFeedback { CaseAssessmentId = assessment.Id, OfficerStaffId = po.Id, Text = text, SetOn = new DateOnly(2026, 11, 20), DueOn = new DateOnly(2026, 11, 30) };
            db.AuditFeedback.Add(feedback);
            await db.SaveChangesAsync();
            return (assessment.PersonId, feedback.Id);
        });
        var browser = await app.SignInAsync("po");
        var api = await app.TokenClientAsync("po");
        Assert.Contains(text, await ReadAsync(browser, "/quality/feedback"), StringComparison.Ordinal);
        Assert.Contains(text, await ReadAsync(api, "/api/v1/quality/feedback"), StringComparison.Ordinal);

        await RestrictAsync(personId, "manager");
        Assert.DoesNotContain(text, await ReadAsync(browser, "/quality/feedback"), StringComparison.Ordinal);
        Assert.DoesNotContain(text, await ReadAsync(api, "/api/v1/quality/feedback"), StringComparison.Ordinal);
        using var acknowledged = await api.PostAsJsonAsync($"/api/v1/quality/feedback/{feedbackId}/acknowledgement", new { response = "Read it" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, acknowledged.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.AuditFeedback.Where(f => f.Id == feedbackId).Select(f => f.Response).SingleAsync()));
    }

    [Fact]
    public async Task AStaffSupervisionSession_ShowsACaseThatMovedToAnotherProvider_ByItsCrnOnly()
    {
        var (personId, staffId) = await app.WithDbAsync(async db =>
        {
            var po = await db.Staff.SingleAsync(s => s.UserName == "po");
            var manager = await db.Staff.Where(s => s.UserName == "manager").Select(s => s.Id).SingleAsync();
            var person = await db.People.Where(p => p.ResponsibleOfficerId == po.Id && !p.AccessList.Any()).OrderBy(p => p.Id).FirstAsync();
            var record = new StaffSupervisionRecord { StaffMemberId = po.Id, ManagerStaffId = manager, On = new DateOnly(2026, 11, 20), RecordedBy = "manager" };
            record.Cases.Add(new StaffSupervisionCase { PersonId = person.Id });
            db.StaffSupervisionRecords.Add(record);
            await db.SaveChangesAsync();
            return (person.Id, po.Id);
        });
        var name = await RenameAsync(personId);
        var browser = await app.SignInAsync("manager");
        var api = await app.TokenClientAsync("manager");
        Assert.Contains(name, await ReadAsync(browser, $"/staff/{staffId}/supervision"), StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var other = new Provider { Code = $"L{Random.Shared.Next(10_000, 99_999)}", Name = "Another provider", Kind = ProviderKind.Crc };
            db.Providers.Add(other);
            await db.SaveChangesAsync();
            var person = await db.People.SingleAsync(p => p.Id == personId);
            person.ProviderId = other.Id;
            person.TeamId = null;
            person.ResponsibleOfficerId = null;
            await db.SaveChangesAsync();
            return 0;
        });
        var page = await ReadAsync(browser, $"/staff/{staffId}/supervision");
        Assert.DoesNotContain(name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(name, await ReadAsync(api, $"/api/v1/staff/{staffId}/supervision"), StringComparison.Ordinal);
    }
}

public sealed class SqliteListedCasesTests(ProbationAppFactory app) : ListedCasesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresListedCasesTests(PostgresAppFactory app) : ListedCasesTests(app), IClassFixture<PostgresAppFactory>;
