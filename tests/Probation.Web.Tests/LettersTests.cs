using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Documents;
using Probation.Domain.Organisation;
using Probation.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Probation.Web.Tests;

/// <summary>
/// Letters and documents made from a case built through the API: what each letter says is read back against the
/// record, the issued letter is kept and audited as a disclosure, and its PDF (printed by headless Chromium) is read
/// back with an independent PDF reader (PdfPig): tagged, in English, with the words the page shows.
/// </summary>
public abstract partial class LettersTests(ProbationAppFactory app)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static readonly HtmlParser Parser = new();

    private static int _people;

    private static string Long(DateOnly d) => d.ToString("dddd d MMMM yyyy", English);

    private static string Short(DateOnly d) => d.ToString("d MMMM yyyy", English);

    private static string Time(TimeOnly t) => (t.Minute == 0 ? t.ToString("%h", English) : t.ToString("h:mm", English)) + (t.Hour < 12 ? "am" : "pm");

    /// <summary>A case of the demo officer's with an address and a community order from 1 September 2026.</summary>
    private async Task<StoryClient> NewCaseAsync(string firstName)
    {
        app.SkipIfUnavailable();
        var story = new StoryClient(app);
        var (teamId, _) = await story.OfficerAsync("po");
        await story.CreateAndAllocateAsync(
            new
            {
                firstName,
                lastName = "Letters" + Interlocked.Increment(ref _people),
                dateOfBirth = "1988-03-14",
                gender = "Female",
                teamId,
                source = "Court",
                receivedOn = "2026-09-01",
                address = new { line1 = "12 Coniscliffe Road", town = "Darlington", postcode = "DL3 7RG" },
                orderType = "CommunityOrder",
                orderStart = "2026-09-01",
                lengthMonths = 12,
                court = "Teesside Magistrates' Court",
                mainOffence = "Acquisitive",
                requirements = new object[] { new { type = "RehabilitationActivity", rarDays = 15 } },
                rosh = "Medium",
                ogrsScore = 40,
            },
            "po");
        return story;
    }

    /// <summary>A rented hub open on a day in the next fortnight: its id, name, address, the day and the session's hours.</summary>
    private Task<(int Id, string Name, Address Address, DateOnly Day, TimeOnly Opens, TimeOnly Closes, List<HubOpeningSession> Sessions)> OpenHubAsync() =>
        app.WithDbAsync(async db =>
        {
            var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
            foreach (var hub in await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.CommunityHub).Include(s => s.OpeningSessions).Include(s => s.RentalPeriods).OrderBy(s => s.Id).ToListAsync())
            {
                for (var d = today.AddDays(1); d < today.AddDays(15); d = d.AddDays(1))
                {
                    var s = hub.OpeningSessions.OrderBy(x => x.Opens).FirstOrDefault(x => x.Day == d.DayOfWeek && !x.WomenOnly);
                    if (s is not null && hub.RentalPeriods.Any(r => r.Covers(d)))
                    {
                        return (hub.Id, hub.Name, hub.Address, d, s.Opens, s.Closes, hub.OpeningSessions.ToList());
                    }
                }
            }

            throw new InvalidOperationException("The demo provider has no open, rented hub.");
        });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string> PreviewAsync(HttpClient api, string crn, object body)
    {
        var preview = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{crn}/letters/preview", body), HttpStatusCode.OK);
        return preview.GetProperty("html").GetString()!;
    }

    /// <summary>A letter's text as a reader meets it: the words, in order, with the markup gone.</summary>
    private static string Text(string html) =>
        Regex.Replace(string.Join(' ', Parser.ParseDocument($"<body>{html}</body>").Body!.Descendants<IText>().Select(t => t.Data)), @"\s+", " ").Trim();

    private static List<string> Words(string text) =>
        Regex.Matches(text, @"[\p{L}\p{N}][\p{L}\p{N}'’:.,()\-]*").Select(m => m.Value.TrimEnd('.', ',', ':')).Where(w => w.Length > 0).Order(StringComparer.Ordinal).ToList();

    private Task<int> AuditedAsync(AuditAction action, string crn, string purpose) => app.WithDbAsync(db =>
        db.AuditEntries.CountAsync(e => e.Action == action && e.Purpose == purpose && e.Subjects.Any(s => s.Crn == crn)));

    private Task<int> DocumentsAsync(string crn) => app.WithDbAsync(db =>
    {
        var parsed = Crn.Parse(crn);
        return db.CaseDocuments.CountAsync(d => db.People.Any(p => p.Id == d.PersonId && p.Crn == parsed));
    });

    [Fact]
    public async Task AnAppointmentLetter_SaysWhenWhereAndWhatToBring_IsKeptAsIssued_AndItsPdfIsTaggedWithTheSameWords()
    {
        var story = await NewCaseAsync("Aisha");
        var hub = await OpenHubAsync();
        var starts = hub.Opens;
        var ends = hub.Opens.AddMinutes(45) < hub.Closes ? hub.Opens.AddMinutes(45) : hub.Closes;
        var contact = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = hub.Day, kind = "CommunityHub", siteId = hub.Id, startsAt = starts, endsAt = ends });
        var api = await story.As("po");

        var offered = await JsonAsync(await api.GetAsync($"/api/v1/cases/{story.Crn}/letters"), HttpStatusCode.OK);
        Assert.Contains(offered.GetProperty("choices").EnumerateArray(), c => c.GetProperty("kind").GetString() == "appointment-letter" && c.GetProperty("sourceId").GetInt32() == contact);

        var html = await PreviewAsync(api, story.Crn, new { kind = "appointment-letter", sourceId = contact });
        var text = Text(html);
        Assert.Contains($"{Long(hub.Day)} at {Time(starts)} until {Time(ends)}", text, StringComparison.Ordinal);
        Assert.Contains(hub.Name, text, StringComparison.Ordinal);
        Assert.Contains(hub.Address.ToString(), text, StringComparison.Ordinal);
        foreach (var s in hub.Sessions)
        {
            Assert.Contains($"{English.DateTimeFormat.GetDayName(s.Day)}: {Time(s.Opens)} to {Time(s.Closes)}", text, StringComparison.Ordinal);
        }

        Assert.Contains("What to bring", text, StringComparison.Ordinal);
        Assert.Contains("Something that shows who you are", text, StringComparison.Ordinal);
        Assert.Contains("12 Coniscliffe Road", text, StringComparison.Ordinal);
        Assert.Contains($"Case reference (CRN): {story.Crn}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("app-letter--large-print", html, StringComparison.Ordinal);

        // Issued: kept as it was shown, with who produced it, and the disclosure recorded with it.
        var issued = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "appointment-letter", sourceId = contact }), HttpStatusCode.Created);
        var id = issued.GetProperty("id").GetInt32();
        Assert.Equal("AppointmentLetter", issued.GetProperty("kind").GetString());
        var kept = await app.WithDbAsync(db => db.CaseDocuments.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(html, kept.Html);
        Assert.Equal("po", kept.ProducedBy);
        Assert.Equal(contact, kept.SourceId);
        Assert.Equal(1, await AuditedAsync(AuditAction.Disclosed, story.Crn, "Appointment letter issued"));

        // The PDF: tagged, in English, titled, and holding every word of the letter and no other.
        var pdfResponse = await api.GetAsync($"/api/v1/cases/{story.Crn}/letters/{id}/pdf");
        Assert.True(pdfResponse.StatusCode == HttpStatusCode.OK, await pdfResponse.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        using (var document = PdfDocument.Open(pdf))
        {
            var catalog = document.Structure.Catalog.CatalogDictionary;
            Assert.True(catalog.ContainsKey(NameToken.Create("StructTreeRoot")), "The PDF has no structure tree: it is not tagged.");
            Assert.True(catalog.TryGet(NameToken.Create("MarkInfo"), document.Structure.TokenScanner, out DictionaryToken? mark) && mark.Data["Marked"] is BooleanToken { Data: true }, "The PDF is not marked as tagged.");
            Assert.True(catalog.TryGet(NameToken.Create("Lang"), document.Structure.TokenScanner, out StringToken? lang) && lang.Data.StartsWith("en", StringComparison.Ordinal), "The PDF does not say its language.");
            Assert.Contains("Appointment letter", document.Information.Title, StringComparison.Ordinal);
            var printed = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Equal(Words(text), Words(printed));
            Assert.All(document.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)), l => Assert.InRange(l.PointSize, 11, 40));
        }

        Assert.Equal(1, await AuditedAsync(AuditAction.Disclosed, story.Crn, "Appointment letter downloaded"));

        // The page shows the letter as kept, and links the same PDF.
        var browser = await app.SignInAsync("po");
        var page = await browser.GetStringAsync($"/cases/{story.Crn}/letters/{id}");
        Assert.Contains(kept.Html, page, StringComparison.Ordinal);
        var download = await browser.GetAsync($"/cases/{story.Crn}/letters/{id}/letter.pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WarningLetters_FirstThenFinal_NameTheOrderTheFailureAndTheConsequence_AndTheBreachReportCarriesTheHistoryAndProposal()
    {
        var story = await NewCaseAsync("Bethany");
        var first = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-10-06", startsAt = "14:30", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "No reason given and no contact made." });
        var firstWarning = await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-10-07", kind = "Warning", contactId = first });
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-10-20", kind = "Office", outcome = "AttendedAndComplied" });
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-10-27", kind = "Office", outcome = "FailedToAttend", decision = "Acceptable", decisionReason = "In hospital; discharge letter seen." });
        var second = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-11-03", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "Said she forgot." });
        var finalWarning = await story.WriteAsync("po", HttpMethod.Post, "enforcement", new { on = "2026-11-04", kind = "Warning", contactId = second });
        var api = await story.As("po");

        var firstText = Text(await PreviewAsync(api, story.Crn, new { kind = "warning-letter", sourceId = firstWarning }));
        Assert.Contains("This letter is a warning about your community order", firstText, StringComparison.Ordinal);
        Assert.Contains("On 1 September 2026, Teesside Magistrates' Court made a community order for 12 months", firstText, StringComparison.Ordinal);
        Assert.Contains("Rehabilitation activity requirement: 15 days", firstText, StringComparison.Ordinal);
        Assert.Contains("On Tuesday 6 October 2026 at 2:30pm, you had an appointment (office appointment). The record says: failed to attend.", firstText, StringComparison.Ordinal);
        Assert.Contains("Our reason: No reason given and no contact made.", firstText, StringComparison.Ordinal);
        Assert.Contains("before Wednesday 6 October 2027", firstText, StringComparison.Ordinal);
        Assert.DoesNotContain("final warning.", firstText, StringComparison.OrdinalIgnoreCase);

        var finalText = Text(await PreviewAsync(api, story.Crn, new { kind = "warning-letter", sourceId = finalWarning }));
        Assert.Contains("This letter is a final warning", finalText, StringComparison.Ordinal);
        Assert.Contains("You were already warned on 7 October 2026", finalText, StringComparison.Ordinal);
        Assert.Contains("Our reason: Said she forgot.", finalText, StringComparison.Ordinal);
        Assert.Contains("we will take you back to court", finalText, StringComparison.Ordinal);

        var issued = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "warning-letter", sourceId = finalWarning }), HttpStatusCode.Created);
        Assert.Equal("FinalWarningLetter", issued.GetProperty("kind").GetString());

        // The breach report needs the officer's proposal; with it, it carries the record's history.
        var before = await DocumentsAsync(story.Crn);
        var refused = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "breach-report" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(refused.GetProperty("errors").TryGetProperty("proposal", out _));
        Assert.Equal(before, await DocumentsAsync(story.Crn));
        const string proposal = "That the order continues, with an added alcohol treatment requirement: her absences follow heavy drinking.";
        var report = Text(await PreviewAsync(api, story.Crn, new { kind = "breach-report", proposal }));
        Assert.Contains("Breach report for the court", report, StringComparison.Ordinal);
        Assert.Contains("6 October 2026, 2:30pm Office appointment Failed to attend Unacceptable: No reason given and no contact made.", report, StringComparison.Ordinal);
        Assert.Contains("3 November 2026 Office appointment Failed to attend Unacceptable: Said she forgot.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("In hospital", report, StringComparison.Ordinal);
        Assert.Contains("Appointments with an outcome 4 Attended and complied 1 Absences accepted 1 Failures judged unacceptable 2 Warnings given 2", report, StringComparison.Ordinal);
        Assert.Contains(proposal, report, StringComparison.Ordinal);
        Assert.DoesNotContain("If you need this letter in another format", report, StringComparison.Ordinal);

        // A case administrator may send letters but not write a breach report: that is the officer's judgement.
        var admin = await story.As("caseadmin");
        var adminRefused = await JsonAsync(await admin.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "breach-report", proposal }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("breach report", adminRefused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await DocumentsAsync(story.Crn));
    }

    [Fact]
    public async Task APersonWhoNeedsLargePrintOrEasyRead_GetsItInEveryLetter_AndTheLargePrintPdfIsAtLeastSixteenPoint()
    {
        var story = await NewCaseAsync("Carys");
        var hub = await OpenHubAsync();
        var contact = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = hub.Day, kind = "CommunityHub", siteId = hub.Id, startsAt = hub.Opens, endsAt = hub.Opens.AddMinutes(30) < hub.Closes ? hub.Opens.AddMinutes(30) : hub.Closes });

        // Recorded on the letters page, as a change to the case.
        var browser = await app.SignInAsync("po");
        var page = await browser.GetStringAsync($"/cases/{story.Crn}/letters");
        var form = PageForms.Read(page, $"/cases/{story.Crn}/letters").Single(f => f.Has("Input.Format"));
        var saved = await browser.PostAsync(form.Action, new FormUrlEncodedContent(form.AsSent([("Input.Format", "LargePrint")])));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(AccessibleFormat.LargePrint, await StoryClient.CaseAsync(app, story.Crn, p => p.AccessibleFormat));
        Assert.Equal(1, await AuditedAsync(AuditAction.Altered, story.Crn, "Letter format recorded: Large print"));

        var api = await story.As("po");
        var large = await PreviewAsync(api, story.Crn, new { kind = "appointment-letter", sourceId = contact });
        Assert.Contains("app-letter--large-print", large, StringComparison.Ordinal);
        var issued = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "appointment-letter", sourceId = contact }), HttpStatusCode.Created);
        Assert.Equal("LargePrint", issued.GetProperty("format").GetString());
        var pdf = await api.GetByteArrayAsync($"/api/v1/cases/{story.Crn}/letters/{issued.GetProperty("id").GetInt32()}/pdf");
        using (var document = PdfDocument.Open(pdf))
        {
            var sizes = document.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => l.PointSize).ToList();
            Assert.NotEmpty(sizes);
            Assert.True(sizes.Min() >= 16, $"The smallest type in the large print letter is {sizes.Min():0.0} point.");
        }

        // Easy read, through the API: the main points come first, in short sentences.
        var version = await StoryClient.CaseAsync(app, story.Crn, p => p.Version);
        var changed = await api.PutAsJsonAsync($"/api/v1/cases/{story.Crn}/accessible-format", new { format = "EasyRead", version });
        Assert.True(changed.StatusCode == HttpStatusCode.Created, await changed.Content.ReadAsStringAsync());
        var easy = Text(await PreviewAsync(api, story.Crn, new { kind = "appointment-letter", sourceId = contact }));
        Assert.StartsWith("The main points", easy[easy.IndexOf("The main points", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.True(easy.IndexOf("The main points", StringComparison.Ordinal) < easy.IndexOf("Dear ", StringComparison.Ordinal));
        Assert.Contains($"You have an appointment on {Long(hub.Day)} at {Time(hub.Opens)}.", easy, StringComparison.Ordinal);

        // A format that does not exist changes nothing.
        var bad = await api.PutAsJsonAsync($"/api/v1/cases/{story.Crn}/accessible-format", new { format = "Braille", version = version + 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(AccessibleFormat.EasyRead, await StoryClient.CaseAsync(app, story.Crn, p => p.AccessibleFormat));
    }

    [Fact]
    public async Task TheResettlementSummaryAndHoursStatement_SayWhatTheRecordsSay()
    {
        var po = await new StoryClient(app).OfficerAsync("po");

        // A person in custody with a resettlement plan, and one with unpaid work hours credited, moved to the officer's team.
        var (custodyCrn, custody, prison) = await app.WithDbAsync(async db =>
        {
            var c = await db.CustodyRecords.AsNoTracking().Include(x => x.Needs).Where(x => x.Needs.Count >= 2 && !db.CaseAccessEntries.Any(a => a.PersonId == x.PersonId))
                .OrderBy(x => x.Id).FirstAsync();
            await db.People.Where(p => p.Id == c.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.TeamId, po.TeamId));
            var crn = await db.People.Where(p => p.Id == c.PersonId).Select(p => p.Crn).SingleAsync();
            return (crn.Value, c, await db.Sites.Where(s => s.Id == c.PrisonId).Select(s => s.Name).SingleAsync());
        });
        var api = await app.TokenClientAsync("po");
        var summary = Text(await PreviewAsync(api, custodyCrn, new { kind = "resettlement-summary", sourceId = custody.Id }));
        Assert.Contains($"Prison {prison}", summary, StringComparison.Ordinal);
        Assert.Contains(Long(custody.ReleasedOn ?? custody.ExpectedReleaseDate), summary, StringComparison.Ordinal);
        Assert.Contains(Probation.Domain.Resettlement.ResettlementRules.Describe(custody.ReleaseType), summary, StringComparison.Ordinal);
        foreach (var need in custody.Needs)
        {
            Assert.Contains(
                $"{Probation.Domain.Resettlement.ResettlementRules.Describe(need.Pathway)} {Probation.Domain.Resettlement.ResettlementRules.Describe(need.Status)}",
                summary,
                StringComparison.Ordinal);
        }

        var (hoursCrn, ordered, credited, sessions) = await app.WithDbAsync(async db =>
        {
            var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
            var candidates = await db.UnpaidWorkBookings.AsNoTracking().Where(b => b.CreditedMinutes > 0 && !db.CaseAccessEntries.Any(a => a.PersonId == b.PersonId))
                .Select(b => b.PersonId).Distinct().OrderBy(x => x).Take(50).ToListAsync();
            foreach (var personId in candidates)
            {
                var person = await db.People.AsNoTracking().Include(p => p.Orders).ThenInclude(o => o.Requirements).Include(p => p.UnpaidWorkBookings).SingleAsync(p => p.Id == personId);
                var (order, requirement) = Probation.Application.UnpaidWork.UnpaidWorkChange.Requirement(person, today);
                if (requirement?.UnpaidWorkHours is not { } hours)
                {
                    continue;
                }

                var bookings = person.UnpaidWorkBookings.Where(b => b.RequirementId == requirement.Id).ToList();
                await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.TeamId, po.TeamId));
                return (person.Crn.Value, hours, bookings.Sum(b => b.CreditedMinutes), bookings.Count(b => b.Outcome is not null));
            }

            throw new InvalidOperationException("The demo provider has no unpaid work with hours credited.");
        });
        var statement = Text(await PreviewAsync(api, hoursCrn, new { kind = "hours-statement" }));
        Assert.Contains($"Hours ordered {ordered} hours", statement, StringComparison.Ordinal);
        var done = credited % 60 == 0 ? $"{credited / 60} hours" : $"{credited / 60} hours {credited % 60} minutes";
        Assert.Contains($"Hours done {done}", statement, StringComparison.Ordinal);
        Assert.Equal(sessions, Regex.Matches(await PreviewAsync(api, hoursCrn, new { kind = "hours-statement" }), "<tr>").Count - 1);
    }

    [Fact]
    public async Task LettersAreRefused_ForBadKindsPastAppointmentsOtherTeamsAndRestrictedCases_AndNothingIsKept()
    {
        var story = await NewCaseAsync("Delyth");
        var past = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-11-02", kind = "Office", outcome = "AttendedAndComplied" });
        var api = await story.As("po");

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { sourceId = past })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/cases/{story.Crn}/letters", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "love-letter" })).StatusCode);
        var passed = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "appointment-letter", sourceId = past }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("still to come", passed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "hours-statement" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "resettlement-summary" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{story.Crn}/letters/999999999")).StatusCode);

        // The unpaid work supervisor reads the case but is not of its team: no letters from them.
        var upw = await story.As("upw");
        Assert.Equal(HttpStatusCode.OK, (await upw.GetAsync($"/api/v1/cases/{story.Crn}/letters")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await upw.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "warning-letter", sourceId = 1 })).StatusCode);

        // An issued letter of a case restricted to someone else is not found, and neither is the case's letters list.
        var hub = await OpenHubAsync();
        var contact = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = hub.Day, kind = "CommunityHub", siteId = hub.Id, startsAt = hub.Opens, endsAt = hub.Opens.AddMinutes(30) < hub.Closes ? hub.Opens.AddMinutes(30) : hub.Closes });
        var id = (await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "appointment-letter", sourceId = contact }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await app.WithDbAsync(async db =>
        {
            var manager = await db.Staff.Where(s => s.UserName == "manager").Select(s => s.Id).SingleAsync();
            var personId = await db.People.Where(p => p.Crn == Crn.Parse(story.Crn)).Select(p => p.Id).SingleAsync();
            db.CaseAccessEntries.Add(new CaseAccessEntry { PersonId = personId, Kind = AccessListKind.Restriction, StaffMemberId = manager });
            return await db.SaveChangesAsync();
        });
        var kept = await DocumentsAsync(story.Crn);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{story.Crn}/letters")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{story.Crn}/letters/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{story.Crn}/letters/{id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{story.Crn}/letters", new { kind = "appointment-letter", sourceId = contact })).StatusCode);
        var browser = await app.SignInAsync("po");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/cases/{story.Crn}/letters/{id}/letter.pdf")).StatusCode);
        Assert.Equal(kept, await DocumentsAsync(story.Crn));
        Assert.Equal(0, await AuditedAsync(AuditAction.Disclosed, story.Crn, "Appointment letter downloaded"));
    }

    [Fact]
    public async Task TheLettersPages_MakeReviewAndIssueALetter_WithoutJavaScript()
    {
        var story = await NewCaseAsync("Eluned");
        var hub = await OpenHubAsync();
        var contact = await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = hub.Day, kind = "CommunityHub", siteId = hub.Id, startsAt = hub.Opens, endsAt = hub.Opens.AddMinutes(30) < hub.Closes ? hub.Opens.AddMinutes(30) : hub.Closes });
        var browser = await app.SignInAsync("po");
        var letters = await browser.GetStringAsync($"/cases/{story.Crn}/letters");
        var link = WebUtility.HtmlDecode(Regex.Match(letters, $"href=\"(/cases/{story.Crn}/letters/new\\?kind=appointment-letter&amp;source={contact})\"", RegexOptions.IgnoreCase).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(link), "The letters page offers no appointment letter for the booked appointment.");

        var preview = await browser.GetStringAsync(link);
        Assert.Contains("Check the letter", preview, StringComparison.Ordinal);
        Assert.Contains(Long(hub.Day), preview, StringComparison.Ordinal);
        var form = PageForms.Read(preview, link).Single(f => f.Has("Kind") && f.Has("Source"));
        var issued = await browser.PostAsync(form.Action, new FormUrlEncodedContent(form.AsSent()));
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var shown = await browser.GetStringAsync(issued.Headers.Location!.OriginalString);
        Assert.Contains("Appointment letter issued and kept against the case", shown, StringComparison.Ordinal);
        Assert.Contains(Long(hub.Day), shown, StringComparison.Ordinal);
        Assert.Contains("issued-letters", await browser.GetStringAsync($"/cases/{story.Crn}/letters"), StringComparison.Ordinal);

        // The breach report page asks for the proposal, shows the error summary without one, and keeps nothing.
        var before = await DocumentsAsync(story.Crn);
        var breachPage = $"/cases/{story.Crn}/letters/new?kind=breach-report";
        var breach = PageForms.Read(await browser.GetStringAsync(breachPage), breachPage).Single(f => f.Has("Proposal"));
        var noProposal = await browser.PostAsync(breach.Action, new FormUrlEncodedContent(breach.AsSent()));
        var refusedPage = await noProposal.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, noProposal.StatusCode);
        Assert.Contains("govuk-error-summary", refusedPage, StringComparison.Ordinal);
        Assert.Equal(before, await DocumentsAsync(story.Crn));
    }

    [Fact]
    public async Task TheSubjectAccessExport_HoldsThePersonsRecord_ForTheTeamManagerOnly_AndIsADisclosure()
    {
        var story = await NewCaseAsync("Ffion");
        await story.WriteAsync("po", HttpMethod.Post, "contacts", new { on = "2026-10-06", kind = "Office", outcome = "FailedToAttend", decision = "Unacceptable", decisionReason = "Reason marker 7f3c: no call." });

        var officer = await story.As("po");
        var refused = await JsonAsync(await officer.GetAsync($"/api/v1/cases/{story.Crn}/subject-access-export"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("manager", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await AuditedAsync(AuditAction.Disclosed, story.Crn, "Subject access export of the person's record"));

        var manager = await story.As("manager");
        var response = await manager.GetAsync($"/api/v1/cases/{story.Crn}/subject-access-export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"subject-access-{story.Crn}", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Ffion", export.GetProperty("person").GetProperty("firstName").GetString());
        Assert.Equal(story.Crn, export.GetProperty("person").GetProperty("crn").GetString());
        Assert.Equal("12 Coniscliffe Road", export.GetProperty("addresses")[0].GetProperty("line1").GetString());
        Assert.Contains(export.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("decisionReason").GetString() == "Reason marker 7f3c: no call.");
        Assert.Equal("CommunityOrder", export.GetProperty("orders")[0].GetProperty("type").GetString());
        Assert.False(export.TryGetProperty("accessList", out _));
        Assert.Equal(1, await AuditedAsync(AuditAction.Disclosed, story.Crn, "Subject access export of the person's record"));

        // The page link gives the same file.
        var page = await app.SignInAsync("manager");
        Assert.Contains("subject-access-export", await page.GetStringAsync($"/cases/{story.Crn}/letters"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync($"/cases/{story.Crn}/subject-access-export.json")).StatusCode);
        Assert.Equal(2, await AuditedAsync(AuditAction.Disclosed, story.Crn, "Subject access export of the person's record"));
    }
}

public sealed class SqliteLettersTests(ProbationAppFactory app) : LettersTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresLettersTests(PostgresAppFactory app) : LettersTests(app), IClassFixture<PostgresAppFactory>;
