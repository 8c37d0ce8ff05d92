using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;
using Probation.Application.Calendars;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Organisation;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Calendar feeds: an officer's appointments and each hub's opening sessions at a secret address a calendar app reads
/// without signing in, and one appointment as a file. Every feed is read back with an independent parser (Ical.Net).
/// </summary>
public abstract partial class CalendarTests(ProbationAppFactory app)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private static Ical.Net.Calendar Parse(string text) => Ical.Net.Calendar.Load(text)!;

    private static async Task<string> CalendarTextAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    /// <summary>Cases the officer holds with no access list, by id and CRN.</summary>
    private Task<List<(int Id, string Crn)>> HeldByAsync(string userName) => app.WithDbAsync(async db =>
    {
        var staffId = await db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync();
        var rows = await db.People.Where(p => p.ResponsibleOfficerId == staffId && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => new { p.Id, p.Crn }).ToListAsync();
        return rows.Select(r => (r.Id, r.Crn.Value)).ToList();
    });

    private Task<int> VersionAsync(int personId) => app.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Version).SingleAsync());

    /// <summary>Books an office appointment on the case through the API; returns the contact's id.</summary>
    private async Task<int> BookAsync(HttpClient api, (int Id, string Crn) person, DateOnly on, string starts, string ends)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/cases/{person.Crn}/contacts", new
        {
            version = await VersionAsync(person.Id),
            on,
            startsAt = starts,
            endsAt = ends,
            kind = "Office",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private Task RestrictToAsync(int personId, string userName) => app.WithDbAsync(async db =>
    {
        var staffId = await db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync();
        db.CaseAccessEntries.Add(new CaseAccessEntry { PersonId = personId, Kind = AccessListKind.Restriction, StaffMemberId = staffId });
        await db.SaveChangesAsync();
        return 0;
    });

    private async Task<JsonElement> MakeFeedAsync(HttpClient api)
    {
        var response = await api.PostAsync("/api/v1/me/calendar-feed", null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The path of an absolute feed address, for the test's client.</summary>
    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task AFeedAddressMadeOnThePage_GivesTheOfficersAppointments_AtTheirUkTimes_WithNoNamesAndNoCaseTheyMayNotRead()
    {
        var api = await app.TokenClientAsync("po");
        var held = await HeldByAsync("po");
        var (shown, hidden) = (held[0], held[1]);
        var on = Today.AddDays(5);
        var appointment = await BookAsync(api, shown, on, "10:00", "10:45");
        var summer = await BookAsync(api, shown, new DateOnly(Today.Year + 1, 7, 14), "09:30", "10:00");
        await BookAsync(api, hidden, on, "11:00", "11:30");
        await RestrictToAsync(hidden.Id, "manager");
        var name = await app.WithDbAsync(db => db.People.Where(p => p.Id == shown.Id).Select(p => p.LastName).SingleAsync());

        // The page makes the address and shows it once.
        var browser = await app.SignInAsync("po");
        var page = await browser.GetStringAsync("/account/calendar");
        var create = PageForms.Read(page, "/account/calendar").Single(f => f.Action.Contains("handler=Create", StringComparison.Ordinal));
        var made = await browser.PostAsync(create.Action, new FormUrlEncodedContent(create.AsSent()));
        var html = await made.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var url = WebUtility.HtmlDecode(AppointmentsUrl().Match(html).Groups[1].Value);
        Assert.StartsWith("http", url, StringComparison.Ordinal);
        Assert.DoesNotContain(url, await browser.GetStringAsync("/account/calendar"), StringComparison.Ordinal);

        // A calendar app reads it with no cookie and no token.
        var text = await CalendarTextAsync(await app.AnonymousClient().GetAsync(PathOf(url)));
        var calendar = Parse(text);
        var events = calendar.Events.ToList();
        var booked = Assert.Single(events, e => e.Uid == $"contact-{appointment}@probation");
        Assert.Equal($"Office appointment: {shown.Crn}", booked.Summary);
        Assert.Equal("Europe/London", booked.DtStart!.TzId);
        Assert.Equal(new DateTime(on.Year, on.Month, on.Day, 10, 0, 0), booked.DtStart.Value);
        Assert.Equal(Utc(on, new TimeOnly(10, 0)), booked.DtStart.AsUtc);
        Assert.Equal(Utc(on, new TimeOnly(10, 45)), booked.DtEnd!.AsUtc);
        Assert.Contains($"/cases/{shown.Crn}", booked.Description, StringComparison.Ordinal);

        // In summer the UK clock is an hour ahead of UTC: 09:30 in London is 08:30 UTC.
        var inSummer = Assert.Single(events, e => e.Uid == $"contact-{summer}@probation");
        Assert.Equal(Utc(new DateOnly(Today.Year + 1, 7, 14), new TimeOnly(9, 30)), inSummer.DtStart!.AsUtc);
        Assert.Equal(8, inSummer.DtStart.AsUtc.Hour);

        // Only the officer's own cases, none they may no longer read, and no names or notes.
        var held2 = held.Select(h => h.Crn).ToHashSet();
        Assert.All(events, e => Assert.Contains(e.Summary!.Split(": ")[1], held2));
        Assert.DoesNotContain(hidden.Crn, text, StringComparison.Ordinal);
        Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase);
        Assert.True(events.Count > 2, $"{events.Count} events");

        // The read is a disclosure of the cases it shows, by the feed's owner.
        var disclosed = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Disclosed && e.UserName == "po" && e.Purpose.StartsWith("Calendar feed"))
            .SelectMany(e => e.Subjects.Select(s => s.Crn)).ToListAsync());
        Assert.Contains(shown.Crn, disclosed);
        Assert.DoesNotContain(hidden.Crn, disclosed);
    }

    [Fact]
    public async Task MakingANewAddress_RevokingIt_OrDisablingTheAccount_EndsTheOldFeed()
    {
        var api = await app.TokenClientAsync("pso");
        var anonymous = app.AnonymousClient();
        Assert.False((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-feed")).GetProperty("active").GetBoolean());

        var first = PathOf((await MakeFeedAsync(api)).GetProperty("appointmentsUrl").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(first)).StatusCode);
        var second = PathOf((await MakeFeedAsync(api)).GetProperty("appointmentsUrl").GetString()!);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        Assert.True((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-feed")).GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/v1/me/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        var again = await api.DeleteAsync("/api/v1/me/calendar-feed");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        // Made up or malformed addresses find nothing, and say nothing more.
        foreach (var path in new[] { "/calendar/not-a-secret/appointments.ics", $"/calendar/{new string('A', CalendarFeeds.SecretLength)}/appointments.ics", $"/calendar/{new string('!', CalendarFeeds.SecretLength)}/appointments.ics" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("VCALENDAR", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A disabled account's feed stops with it.
        var third = PathOf((await MakeFeedAsync(api)).GetProperty("appointmentsUrl").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(third)).StatusCode);
        var admin = await app.TokenClientAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/accounts/pso/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(third)).StatusCode);

        // The makes and revokes are in the audit log, and no secret is.
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.UserName == "pso" && e.Purpose.StartsWith("Calendar feed address")).Select(e => e.Purpose).ToListAsync());
        Assert.Equal(3, rows.Count(p => p.StartsWith("Calendar feed address made", StringComparison.Ordinal)));
        Assert.Equal(1, rows.Count(p => p.StartsWith("Calendar feed address revoked", StringComparison.Ordinal)));
        var secret = third.Split('/')[2];
        Assert.Equal(0, await app.WithDbAsync(db => db.CalendarFeeds.CountAsync(f => f.SecretHash == secret)));
    }

    [Fact]
    public async Task HubFeeds_GiveEachOpeningSessionWeekly_AtTheSameUkClockTimeInWinterAndSummer_AndOnlyTheProvidersOwnHubs()
    {
        var api = await app.TokenClientAsync("manager");
        var feed = await MakeFeedAsync(api);
        var hubs = feed.GetProperty("hubs").EnumerateArray().ToList();
        var hubIds = await app.WithDbAsync(db =>
        {
            var providerId = db.Staff.Where(s => s.UserName == "manager").Select(s => s.ProviderId).Single();
            return db.Sites.Where(s => s.ProviderId == providerId && s.Kind == SiteKind.CommunityHub).Select(s => s.Id).OrderBy(i => i).ToListAsync();
        });
        Assert.Equal(hubIds, hubs.Select(h => h.GetProperty("id").GetInt32()).Order());

        // A hub rented from before next January until after next July, open every week: each session recurs at its
        // opening time on the UK clock, in winter (GMT) and summer (BST) alike.
        var (winter, summer) = (new DateOnly(Today.Year + 1, 1, 10), new DateOnly(Today.Year + 1, 7, 1));
        var hub = (await app.WithDbAsync(db => db.Sites.AsNoTracking().Include(s => s.OpeningSessions).Include(s => s.RentalPeriods)
                .Where(s => hubIds.Contains(s.Id) && s.OpeningSessions.Any()).OrderBy(s => s.Id).ToListAsync()))
            .First(s => s.RentalPeriods.Any(r => r.From <= winter && (r.To is null || r.To >= summer.AddDays(14))));
        var url = hubs.Single(h => h.GetProperty("id").GetInt32() == hub.Id).GetProperty("url").GetString()!;
        var text = await CalendarTextAsync(await app.AnonymousClient().GetAsync(PathOf(url)));
        var calendar = Parse(text);
        Assert.Contains(hub.Name, calendar.Properties["X-WR-CALNAME"]?.Value?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var session = hub.OpeningSessions.OrderBy(s => s.Day).ThenBy(s => s.Opens).First();
        var events = calendar.Events.Where(e => e.Uid!.StartsWith($"hub-{hub.Id}-session-{session.Id}-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(events);
        foreach (var week in new[] { winter, summer })
        {
            var date = week.AddDays(((int)session.Day - (int)week.DayOfWeek + 7) % 7);
            var expected = Utc(date, session.Opens);
            var occurs = events.SelectMany(e => e.GetOccurrences(new CalDateTime(week.Year, week.Month, week.Day, 0, 0, 0, "UTC")).TakeWhile(o => o.Period.StartTime.AsUtc < expected.AddDays(8)))
                .Select(o => o.Period.StartTime.AsUtc).ToList();
            Assert.Contains(expected, occurs);
        }

        Assert.All(calendar.Events, e => Assert.Equal(hub.Address.ToString(), e.Location));

        // Another provider's hub is not one of this user's.
        var other = await app.WithDbAsync(async db =>
        {
            var n = Random.Shared.Next(100_000, 999_999);
            var provider = new Provider { Code = $"C{n}", Name = $"Calendar provider {n}", Kind = ProviderKind.Crc };
            var site = new Site { Provider = provider, Code = $"CH{n}", Name = $"Other hub {n}", Kind = SiteKind.CommunityHub, Address = new Address { Line1 = "1 Other Street", Town = "Elsewhere", Postcode = "TS1 1AA" } };
            db.AddRange(provider, site);
            await db.SaveChangesAsync();
            return site.Id;
        });
        var secret = PathOf(url).Split('/')[2];
        Assert.Equal(HttpStatusCode.NotFound, (await app.AnonymousClient().GetAsync($"/calendar/{secret}/hubs/{other}.ics")).StatusCode);

        // An inspector belongs to no provider and holds no cases: no feed.
        var refused = await (await app.TokenClientAsync("inspector")).PostAsync("/api/v1/me/calendar-feed", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    [Fact]
    public async Task OneAppointment_DownloadsAsACalendarFile_FromTheApiAndTheContactsPage_AuditedAsADisclosure()
    {
        var api = await app.TokenClientAsync("po");
        var held = await HeldByAsync("po");
        var (person, other, restricted) = (held[^1], held[^2], held[^3]);
        var on = Today.AddDays(9);
        var id = await BookAsync(api, person, on, "14:00", "14:30");

        var response = await api.GetAsync($"/api/v1/cases/{person.Crn}/contacts/{id}/calendar");
        var text = await CalendarTextAsync(response);
        Assert.Equal($"appointment-{id}.ics", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var only = Assert.Single(Parse(text).Events);
        Assert.Equal(Utc(on, new TimeOnly(14, 0)), only.DtStart!.AsUtc);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Disclosed && e.Purpose == "Appointment downloaded as a calendar file")
            .SelectMany(e => e.Subjects.Select(s => s.Crn)).ToListAsync()), c => c == person.Crn);

        // The contacts page links to the same file, which the browser's cookie fetches.
        var browser = await app.SignInAsync("po");
        var link = $"/cases/{person.Crn}/contacts/{id}/appointment.ics";
        Assert.Contains($"href=\"{link}\"", await browser.GetStringAsync($"/cases/{person.Crn}/contacts"), StringComparison.Ordinal);
        Assert.Equal(only.Uid, Assert.Single(Parse(await CalendarTextAsync(await browser.GetAsync(link))).Events).Uid);

        // Under another case, or on a case the officer may no longer read, there is no file and no disclosure.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{other.Crn}/contacts/{id}/calendar")).StatusCode);
        var closed = await BookAsync(api, restricted, on, "15:00", "15:30");
        await RestrictToAsync(restricted.Id, "manager");
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/cases/{restricted.Crn}/contacts/{closed}/calendar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/cases/{restricted.Crn}/contacts/{closed}/appointment.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/cases/not-a-crn/contacts/{id}/calendar")).StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    /// <summary>Text with the characters iCalendar escapes, and long enough to be folded in the middle of a character, reads back as written.</summary>
    [Fact]
    public void EscapedAndFoldedText_ReadsBackAsWritten()
    {
        var summary = "Hub; Stockton, Room 2 \\ back door\n" + string.Concat(Enumerable.Repeat("Café é 😀 ", 30));
        var text = ICalendar.Write("Test, calendar", new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc),
            [new Probation.Application.Calendars.CalendarEvent("a@probation", new DateOnly(2026, 12, 1), null, null, summary, "1 High Street, Stockton", null)]);
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        var read = Assert.Single(Parse(text).Events);
        Assert.Equal(summary, read.Summary);
        Assert.Equal("1 High Street, Stockton", read.Location);
        Assert.False(read.DtStart!.HasTime);
        Assert.Equal(new DateTime(2026, 12, 1), read.DtStart.Value);
    }

    private static DateTime Utc(DateOnly on, TimeOnly at) =>
        TimeZoneInfo.ConvertTimeToUtc(on.ToDateTime(at, DateTimeKind.Unspecified), London);

    [GeneratedRegex("data-testid=\"appointments-url\"[^>]*>([^<]+)<")]
    private static partial Regex AppointmentsUrl();
}

public sealed class SqliteCalendarTests(ProbationAppFactory app) : CalendarTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresCalendarTests(PostgresAppFactory app) : CalendarTests(app), IClassFixture<PostgresAppFactory>;
