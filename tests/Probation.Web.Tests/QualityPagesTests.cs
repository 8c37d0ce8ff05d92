using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Inspection;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// Case audits through the pages on each database: a quality officer starts an audit, is shown the error summary
/// when completing it unfinished (nothing written), completes it and sends feedback; the officer answers it; the
/// results page counts it.
/// </summary>
public abstract class QualityPagesTests(ProbationAppFactory app)
{
    private static readonly HtmlParser Parser = new();

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the form holding <paramref name="marker"/> as a browser would: its current values, with <paramref name="set"/> changed.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string marker, IDictionary<string, string> set, string? button = null)
    {
        var form = PageForms.Read(await PageAsync(client, path), path).PostingWith(marker)!;

        // Its hidden and text fields, text areas and checked choices as they stand (its lists are not sent).
        var values = form.Fields
            .Where(f => !set.ContainsKey(f.Name) && (f.Kind is "hidden" or "text" or "textarea" || (f.Kind is "radio" or "checkbox" && f.Selected)))
            .Select(f => KeyValuePair.Create(f.Name, f.Value))
            .ToList();
        values.AddRange(set);
        if (button is not null)
        {
            values.Add(new(button, "true"));
        }

        return await client.PostAsync(form.Action, new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task QualityOfficer_AuditsACaseThroughThePages_AndTheOfficerAnswersTheFeedback()
    {
        var story = await StoryClient.NewCaseAsync(app, "Paged");
        var quality = await app.SignInAsync("quality");
        var index = await PageAsync(quality, "/quality");
        Assert.NotNull(index.QuerySelector("#Input_Crn"));

        var bad = await SubmitAsync(quality, "/quality", "Input.Crn", new Dictionary<string, string> { ["Input.Crn"] = "X1" });
        var badDoc = await Parser.ParseDocumentAsync(await bad.Content.ReadAsStringAsync());
        Assert.Equal("#Input_Crn", badDoc.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));

        var started = await SubmitAsync(quality, "/quality", "Input.Crn", new Dictionary<string, string> { ["Input.Crn"] = story.Crn, ["Input.Kind"] = "Audit", ["Input.Scope"] = "CaseSupervision" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var path = started.Headers.Location!.OriginalString;
        var form = await PageAsync(quality, path);
        Assert.Contains("The audit is started.", form.QuerySelector("[data-testid=saved]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(12, form.QuerySelectorAll("input[name$='.KeyQuestionId']").Length);

        // Judge everything yes except 2.1.3 no without evidence: completing is refused against that field, nothing written.
        var answers = new Dictionary<string, string>();
        for (var i = 0; i < 12; i++)
        {
            answers[$"Input.Judgements[{i}].Judgement"] = i == 2 ? "No" : "Yes";
        }

        var refused = await SubmitAsync(quality, path, "Input.Version", answers, button: "complete");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedDoc = await Parser.ParseDocumentAsync(await refused.Content.ReadAsStringAsync());
        var link = refusedDoc.QuerySelector(".govuk-error-summary__list a")!;
        Assert.Equal("#Input_Judgements_2__Evidence", link.GetAttribute("href"));
        Assert.NotNull(refusedDoc.GetElementById("Input_Judgements_2__Evidence"));
        var id = int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(AssessmentStatus.Draft, await app.WithDbAsync(db => db.CaseAssessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.CaseAssessments.Where(a => a.Id == id).SelectMany(a => a.Judgements).CountAsync()));

        answers["Input.Judgements[2].Evidence"] = "No police call-out information requested for a domestic abuse case.";
        answers["Input.Strengths"] = "Warm, consistent contact.";
        var completed = await SubmitAsync(quality, path, "Input.Version", answers, button: "complete");
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var done = await PageAsync(quality, path);
        Assert.StartsWith("Completed on", done.QuerySelector("[data-testid=status]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("No", done.QuerySelector("[data-testid='judgements-2.1']")!.TextContent, StringComparison.Ordinal);

        var sent = await SubmitAsync(quality, path, "Feedback.Text", new Dictionary<string, string> { ["Feedback.Text"] = "Request the police call-out information now." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var po = await app.SignInAsync("po");
        var feedback = await PageAsync(po, "/quality/feedback");
        var card = feedback.QuerySelectorAll("[data-testid^=feedback-]").Single(c => c.TextContent.Contains(story.Crn, StringComparison.Ordinal));
        Assert.Contains("Request the police call-out information now.", card.TextContent, StringComparison.Ordinal);
        var feedbackId = card.QuerySelector("input[name='Input.FeedbackId']")!.GetAttribute("value")!;
        var empty = await SubmitAsync(po, "/quality/feedback", "Input.FeedbackId", new Dictionary<string, string> { ["Input.FeedbackId"] = feedbackId, ["Input.Response"] = "" });
        var emptyDoc = await Parser.ParseDocumentAsync(await empty.Content.ReadAsStringAsync());
        Assert.Equal("#Input_Response", emptyDoc.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.NotNull(emptyDoc.GetElementById("Input_Response"));
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(po, "/quality/feedback", "Input.FeedbackId", new Dictionary<string, string> { ["Input.FeedbackId"] = feedbackId, ["Input.Response"] = "Requested today." })).StatusCode);

        // The officer cannot open the quality pages; the results page counts the audit.
        var denied = await po.GetAsync("/quality");
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden || denied.Headers.Location?.OriginalString.Contains("/error/403", StringComparison.Ordinal) == true, $"Got {(int)denied.StatusCode}");
        var results = await PageAsync(await app.SignInAsync("leader"), "/quality/results");
        Assert.NotNull(results.QuerySelector("[data-testid=results-provider]"));
    }
}

public sealed class SqliteQualityPagesTests(ProbationAppFactory app) : QualityPagesTests(app), IClassFixture<ProbationAppFactory>;

[Trait("Database", "Postgres")]
public sealed class PostgresQualityPagesTests(PostgresAppFactory app) : QualityPagesTests(app), IClassFixture<PostgresAppFactory>;
