using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Inspection;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The inspection pages through their forms, as an inspector's browser sends them: refusals in the GOV.UK error
/// summary linked to their field with nothing written; a sample drawn and shown beside its population; a sampled
/// case read and assessed; the evidence, the report and its CSV. Today is 26 November 2026.
/// </summary>
public abstract class InspectionPagesTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) => await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await HtmlAsync(response);
    }

    /// <summary>Fills in the form holding the first field as a browser would: its hidden fields, and the fields given.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var form = PageForms.Read(await client.GetStringAsync(path), path).PostingWith(fields[0].Name);
        Assert.True(form is not null, $"No form on {path} has the field {fields[0].Name}");
        foreach (var (name, _) in fields)
        {
            Assert.True(form.Has(name), $"The form on {path} has no field {name}");
        }

        // What the browser sends untouched (hidden and text fields as they stand, checked choices, each list's selected option), with the fields given.
        return await client.PostAsync(form.Action, new FormUrlEncodedContent(form.AsSent(fields)));
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response, string href, string message, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        var doc = await HtmlAsync(response);
        var summary = doc.QuerySelector(".govuk-error-summary");
        Assert.True(summary is not null, "No error summary on the page");
        var link = summary.QuerySelectorAll(".govuk-error-summary__list a").FirstOrDefault(l => l.GetAttribute("href") == href);
        Assert.True(link is not null, $"The error summary does not link to {href}: {summary.TextContent.Trim()}");
        Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
        if (href != "#main-content")
        {
            Assert.NotNull(doc.GetElementById(href[1..]));
        }

        return doc;
    }

    private static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response, string saved)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {(await HtmlAsync(response)).QuerySelector(".govuk-error-summary")?.TextContent.Trim()}");
        var doc = await PageAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains(saved, doc.QuerySelector("[data-testid=saved]")?.TextContent ?? "", StringComparison.Ordinal);
        return doc;
    }

    private Task<int> InspectionCountAsync() => app.WithDbAsync(db => db.Inspections.CountAsync());

    /// <summary>An inspection set up, drawn and in fieldwork through the pages, today within its dates.</summary>
    private async Task<(HttpClient Client, int Id)> InFieldworkAsync()
    {
        var client = await app.SignInAsync("inspector");
        var created = await SubmitAsync(
            client, "/inspections/new",
            ("Input.Title", "Inspection in fieldwork"), ("Input.ProviderType", "Crc"),
            ("Input.FieldworkFrom.Day", "24"), ("Input.FieldworkFrom.Month", "11"), ("Input.FieldworkFrom.Year", "2026"),
            ("Input.FieldworkTo.Day", "4"), ("Input.FieldworkTo.Month", "12"), ("Input.FieldworkTo.Year", "2026"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var id = int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await FollowAsync(client, await SubmitAsync(client, path, ("CaseSupervision.Seed", "31")), "The case supervision sample is drawn.");
        await FollowAsync(client, await SubmitAsync(client, path, ("Status", "Fieldwork")), "Fieldwork has started.");
        return (client, id);
    }

    [Fact]
    public async Task SetUp_RefusesFieldworkEndingBeforeItStarts_ThenDrawsASample_ShowingItsStrataBesideThePopulation()
    {
        var client = await app.SignInAsync("inspector");
        var before = await InspectionCountAsync();
        await RefusedAsync(
            await SubmitAsync(
                client, "/inspections/new",
                ("Input.Title", "Inspection of probation services"), ("Input.ProviderType", "Crc"),
                ("Input.FieldworkFrom.Day", "7"), ("Input.FieldworkFrom.Month", "12"), ("Input.FieldworkFrom.Year", "2026"),
                ("Input.FieldworkTo.Day", "1"), ("Input.FieldworkTo.Month", "12"), ("Input.FieldworkTo.Year", "2026")),
            "#Input_FieldworkTo", "Fieldwork must end on or after the day it starts (7 December 2026)");
        await RefusedAsync(
            await SubmitAsync(client, "/inspections/new", ("Input.Title", " "), ("Input.ProviderType", "Crc"), ("Input.FieldworkFrom.Day", "31"), ("Input.FieldworkFrom.Month", "2"), ("Input.FieldworkFrom.Year", "2027")),
            "#Input_FieldworkFrom", "The date of the start of fieldwork must be a real date");
        Assert.Equal(before, await InspectionCountAsync());

        var created = await SubmitAsync(
            client, "/inspections/new",
            ("Input.Title", "Inspection of probation services"), ("Input.ProviderType", "Crc"),
            ("Input.FieldworkFrom.Day", "7"), ("Input.FieldworkFrom.Month", "12"), ("Input.FieldworkFrom.Year", "2026"),
            ("Input.FieldworkTo.Day", "18"), ("Input.FieldworkTo.Month", "12"), ("Input.FieldworkTo.Year", "2026"));
        var page = await FollowAsync(client, created, "The inspection is set up.");
        var path = created.Headers.Location!.OriginalString;
        Assert.Contains("Planned", page.QuerySelector("[data-testid=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=case-supervision-not-drawn]"));

        await RefusedAsync(await SubmitAsync(client, path, ("CaseSupervision.Seed", "twelve")), "#CaseSupervision_Seed", "The seed must be a whole number from 1 upwards");
        await RefusedAsync(await SubmitAsync(client, path, ("UnpaidWork.Margin", "5%")), "#UnpaidWork_Margin", "The margin of error must be a proportion, for example 0.05");
        page = await FollowAsync(client, await SubmitAsync(client, path, ("CaseSupervision.Seed", "12")), "The case supervision sample is drawn.");
        var population = int.Parse(page.QuerySelector("[data-testid=case-supervision-population]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        var size = int.Parse(page.QuerySelector("[data-testid=case-supervision-size]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Sampling.SampleSize(population), size);
        Assert.Equal("12", page.QuerySelector("[data-testid=case-supervision-seed]")!.TextContent.Trim());
        var strata = page.QuerySelector("[data-testid=case-supervision-strata]")!;
        Assert.Equal(["Stratum", "Population", "Share", "Sample", "Share"], strata.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()));
        var rows = strata.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(population, rows.Sum(r => int.Parse(r.QuerySelectorAll("td")[0].TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(size, rows.Sum(r => int.Parse(r.QuerySelectorAll("td")[2].TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(page.QuerySelector("[data-testid=case-supervision-cases]")); // not open before fieldwork
        Assert.Contains("Start fieldwork", page.GetElementById("Status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_ShowsTheCaseReadOnly_AuditsTheView_AndRefusesAnIncompleteAssessment_WritingNothing()
    {
        var (client, id) = await InFieldworkAsync();
        var detail = await PageAsync(client, $"/inspections/{id}");
        var link = detail.QuerySelector("[data-testid=case-supervision-cases] tbody a")!.GetAttribute("href")!;
        var crn = link.Split('/')[^1].Split('?')[0].ToUpperInvariant();
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.UserName == "inspector" && e.Subjects.Any(s => s.Crn == crn)));

        var page = await PageAsync(client, link);
        Assert.NotNull(page.QuerySelector("[data-testid=risk-banner]"));
        Assert.Contains("read-only", page.QuerySelector("[data-testid=read-only]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(12, page.QuerySelectorAll("[data-testid^=kq-]").Length);
        Assert.Empty(page.QuerySelectorAll("a[href^='/cases/']")); // no way into the case's own pages
        Assert.Equal(audited + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.UserName == "inspector" && e.Subjects.Any(s => s.Crn == crn))));

        await RefusedAsync(await SubmitAsync(client, link, ("Send", "complete")), "#Input_Judgements_0__Judgement", "Judge key question 2.1.1 before completing the assessment");
        await RefusedAsync(
            await SubmitAsync(client, link, ("Input.Judgements[0].Judgement", "Perhaps"), ("Send", "draft")),
            "#Input_Judgements_0__Judgement", "Choose yes or no for key question 2.1.1");
        Assert.Equal(0, await app.WithDbAsync(db => db.CaseAssessments.CountAsync(a => a.InspectionId == id)));

        var answers = new List<(string, string)>();
        var questions = CaseAssessmentRules.KeyQuestionsIn(Frameworks.Find("2018")!, AssessmentScope.CaseSupervision);
        for (var i = 0; i < questions.Count; i++)
        {
            answers.Add(($"Input.Judgements[{i}].Judgement", i == 0 ? "No" : "Yes"));
        }

        await RefusedAsync(
            await SubmitAsync(client, link, [.. answers, ("Send", "complete")]),
            "#Input_Judgements_0__Evidence", "Give the evidence for the judgement on 2.1.1: what was not sufficient");
        var saved = await FollowAsync(
            client, await SubmitAsync(client, link, [.. answers, ("Input.Judgements[0].Evidence", "No analysis of motivation."), ("Input.Prompts[0].Answer", "No"), ("Send", "complete")]),
            "The case assessment is completed.");
        Assert.Contains("Completed on 26 November 2026", saved.QuerySelector("[data-testid=assessment-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("checked", saved.GetElementById("Input_Judgements_0__Judgement-No")!.GetAttribute("checked"));
        var stored = await app.WithDbAsync(db => db.CaseAssessments.AsNoTracking().Include(a => a.Prompts).SingleAsync(a => a.InspectionId == id));
        Assert.Equal((AssessmentStatus.Completed, 1), (stored.Status, stored.Version));
        Assert.Equal(Judgement.No, stored.Prompts.Single(p => p.PromptId == "2.1.1a").Answer);

        // A page opened before that save is stale: 409 with the reason, and the assessment unchanged.
        var stale = await client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = saved.QuerySelector("[data-testid=assessment-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.Scope"] = "CaseSupervision",
            ["Input.Version"] = "0",
            ["Send"] = "draft",
        }));
        await RefusedAsync(stale, "#main-content", "Someone else saved this case assessment after you opened it", HttpStatusCode.Conflict);
        Assert.Equal(1, await app.WithDbAsync(db => db.CaseAssessments.Where(a => a.InspectionId == id).Select(a => a.Version).SingleAsync()));

        // The provider's officer cannot open the inspection's case page.
        var po = await app.SignInAsync("po");
        var denied = await po.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/error/403", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NpsEvidencePage_RefusesCountsThatDoNotAddUp_WritingNothing_ThenRatesTheCourtStandardFromTheCounts()
    {
        var client = await app.SignInAsync("inspector");
        var created = await SubmitAsync(
            client, "/inspections/new",
            ("Input.Title", "NPS division inspection"), ("Input.ProviderType", "Nps"),
            ("Input.FieldworkFrom.Day", "24"), ("Input.FieldworkFrom.Month", "11"), ("Input.FieldworkFrom.Year", "2026"),
            ("Input.FieldworkTo.Day", "4"), ("Input.FieldworkTo.Month", "12"), ("Input.FieldworkTo.Year", "2026"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var path = $"/inspections/{id}/evidence";
        var page = await PageAsync(client, path);
        Assert.Equal("No counts entered yet.", page.QuerySelector("[data-testid='counts-3.1']")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid='counts-form-3.2']"));

        (string, string)[] Fields(string yes) =>
        [
            ("Counts[3.1].Cases", "40"), ("Counts[3.1].Source", "Pre-sentence reports to the magistrates' court."),
            ("Counts[3.1].KeyQuestions.3.1.1.Yes", yes), ("Counts[3.1].KeyQuestions.3.1.1.No", "10"),
            ("Counts[3.1].KeyQuestions.3.1.2.Yes", "20"), ("Counts[3.1].KeyQuestions.3.1.2.No", "20"),
        ];
        await RefusedAsync(await SubmitAsync(client, path, Fields("twenty")), "#Counts_3_1__KeyQuestions_3_1_1", "Enter key question 3.1.1's yes, no and not applicable counts as whole numbers");
        var refused = await RefusedAsync(await SubmitAsync(client, path, Fields("31")), "#Counts_3_1__KeyQuestions_3_1_1", "The counts for key question 3.1.1 add up to 41");
        Assert.Equal("31", refused.GetElementById("Counts_3_1__KeyQuestions_3_1_1")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EnteredCounts>().CountAsync(e => e.InspectionId == id)));

        var saved = await FollowAsync(client, await SubmitAsync(client, path, Fields("30")), "The counts for 3.1 are entered.");
        Assert.Contains("40 cases assessed", saved.QuerySelector("[data-testid='counts-3.1'] caption")!.TextContent, StringComparison.Ordinal);
        var report = await PageAsync(client, $"/inspections/{id}/report");
        Assert.Contains("Requires improvement", report.QuerySelector("[data-testid='rating-3.1']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Requires improvement: the lowest key question, 3.1.2, scored 50% (20 of 40 cases).", report.QuerySelector("[data-testid='reason-3.1']")!.TextContent.Trim());
        Assert.Equal("40 cases assessed: Pre-sentence reports to the magistrates' court.", report.QuerySelector("[data-testid='evidence-3.1']")!.TextContent.Trim());
    }

    [Fact]
    public async Task EvidencePage_RefusesImpossibleAnswers_AndTheReportShowsWhatIsRecorded_PrintableAndAsCsv()
    {
        var (client, id) = await InFieldworkAsync();
        var evidence = $"/inspections/{id}/evidence";
        await RefusedAsync(
            await SubmitAsync(client, evidence, ("Question.Text", "Are policies effectively communicated?"), ("Question.Asked", "52"), ("Question.AnsweredYes", "53")),
            "#Question_AnsweredYes", "The number answering yes must be from 0 to the 52 asked");
        await RefusedAsync(
            await SubmitAsync(client, evidence, ("Meeting.With", "Chief executive"), ("Meeting.On.Day", ""), ("Meeting.On.Month", ""), ("Meeting.On.Year", "")),
            "#Meeting_On", "Enter the date of the meeting");
        await RefusedAsync(await SubmitAsync(client, evidence, ("DomainOne.StandardId", "1.1"), ("DomainOne.Rating", "Outstanding"), ("DomainOne.Evidence", "")), "#DomainOne_Evidence", "Enter the evidence for the rating");
        Assert.Equal(0, await app.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).SelectMany(i => i.InterviewQuestions).CountAsync()));

        var page = await FollowAsync(
            client, await SubmitAsync(client, evidence, ("Question.Text", "Are policies effectively communicated?"), ("Question.Asked", "52"), ("Question.AnsweredYes", "50")),
            "The staff-interview question is recorded.");
        Assert.Contains("96%", page.QuerySelector("[data-testid=interview-questions]")!.TextContent, StringComparison.Ordinal);
        await FollowAsync(client, await SubmitAsync(client, evidence, ("DomainOne.StandardId", "1.1"), ("DomainOne.Rating", "Outstanding"), ("DomainOne.Evidence", "A clear vision and strategy.")), "The rating of 1.1 is entered.");
        await FollowAsync(client, await SubmitAsync(client, evidence, ("Discretion.StandardId", "4.1"), ("Discretion.Rating", "Good"), ("Discretion.Reason", "Wider evidence about this area of work.")), "Discretion on 4.1 is recorded.");
        await FollowAsync(
            client, await SubmitAsync(client, evidence, ("Recommendation.Text", "Improve effective management oversight of practice."), ("Recommendation.Owner", "Chief executive")),
            "The recommendation is written.");

        var report = await PageAsync(client, $"/inspections/{id}/report");
        Assert.Contains("Outstanding", report.QuerySelector("[data-testid='rating-1.1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not rated yet: no case supervision (2.1 to 2.4) case assessment is completed.", report.QuerySelector("[data-testid='rating-2.1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No overall rating: 1 of 10 standards are rated", report.QuerySelector("[data-testid=overall]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Improve effective management oversight of practice.", report.QuerySelector("[data-testid=report-recommendations]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(report.QuerySelector("link[rel=stylesheet][media=print][href^='/css/print.css']"));
        var csvLink = report.QuerySelector("a[download]")!.GetAttribute("href")!;
        var csv = await client.GetAsync(csvLink);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(Probation.Application.Inspections.InspectionReports.CsvHeader + "\n", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var print = await app.AnonymousClient().GetStringAsync("/css/print.css");
        Assert.Contains("@media print", print, StringComparison.Ordinal);
        Assert.Contains(".moj-primary-navigation", print, StringComparison.Ordinal);

        // The provider's leaders see the inspection only once it is published.
        var leader = await app.SignInAsync("leader");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/inspections/{id}/report")).StatusCode);
        Assert.DoesNotContain($"/inspections/{id}\"", await leader.GetStringAsync("/inspections"), StringComparison.Ordinal);
    }
}

public sealed class SqliteInspectionPagesTests(ProbationAppFactory app) : InspectionPagesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresInspectionPagesTests(PostgresAppFactory app) : InspectionPagesTests(app), IClassFixture<PostgresAppFactory>;
