using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Identity;
using Probation.Application.Inspections;
using Probation.Domain.Common;
using Probation.Domain.Inspection;

namespace Probation.Web.Api;

public sealed record CreateInspectionRequest(int? ProviderId, string? ProviderType, string? Framework, string? Title, DateOnly? FieldworkFrom, DateOnly? FieldworkTo, List<int>? Team);

public sealed record DrawSampleRequest(int? Version, SampleKind? Kind, int? Seed, double? Confidence, double? Margin);

public sealed record InspectionStatusRequest(int? Version, InspectionStatus? Status);

public sealed record KeyQuestionJudgementRequest(string? KeyQuestionId, Judgement? Judgement, string? Evidence);

public sealed record PromptAnswerRequest(string? PromptId, Judgement? Answer);

public sealed record InspectionAssessmentRequest(
    int? Version, List<KeyQuestionJudgementRequest>? Judgements, List<PromptAnswerRequest>? Prompts, bool Complete, bool OfficerInterviewed, string? InterviewNotes, string? Strengths, string? AreasForImprovement);

public sealed record InspectionMeetingRequest(DateOnly? On, string? With, string? Notes);

public sealed record InterviewQuestionRequest(string? StandardId, string? Text, int? Asked, int? AnsweredYes);

public sealed record DomainOneRatingRequest(Rating? Rating, string? Evidence);

public sealed record EnteredCountsRequest(int? Cases, string? Source, List<InspectionKeyQuestionRequest>? KeyQuestions);

public sealed record StandardDiscretionRequest(Rating? Rating, string? Reason);

public sealed record InspectionRecommendationRequest(string? Text, string? Owner, DateOnly? DueOn);

public sealed record RecommendationProgressRequest(RecommendationStatus? Status, string? Progress);

/// <summary>
/// Inspections through the API: set up, samples, the status, the inspection team's read-only view of a sampled case and
/// its case assessment, domain one evidence, discretion, recommendations and the report (JSON and CSV). An
/// inspection the caller may not read is answered 404, as if it did not exist.
/// </summary>
public static class InspectionsApi
{
    private const string Enums = "Ratings: Outstanding, Good, RequiresImprovement, Inadequate. Judgements: Yes, No, NotApplicable.";

    public static void MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/inspections").WithTags("Inspections").RequireAuthorization().DisableAntiforgery();

        api.MapGet("", (InspectionQueries q, CancellationToken ct) => q.ListAsync(ct))
            .Document("The inspections the caller may read",
                "Inspectors: the inspections whose team they are on, at any status. The inspected provider's staff: its published inspections. Anyone else: none.")
            .Produces<IReadOnlyList<InspectionRow>>();

        api.MapGet("/choices", async (InspectionQueries q, InspectionAccess access, CancellationToken ct) =>
                access.IsInspector ? (IResult)Results.Ok(await q.ChoicesAsync(ct)) : ApiResults.NotFound("Only inspectors set up inspections."))
            .Document("What an inspection is set up with: providers, the inspectorate's inspectors, framework versions", "Inspectors only; anyone else is answered 404.", 404)
            .Produces<InspectionChoices>();

        api.MapPost("", CreateAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Inspector))
            .Document(
                "Set up an inspection of a provider; the caller leads it",
                "providerId (see /choices), providerType: CRC or NPS, framework: " + string.Join(", ", Frameworks.All.Select(f => f.Version)) + " (the default), title, "
                + "fieldworkFrom and fieldworkTo (at most " + InspectionRules.MaxFieldworkDays + " days), team: staff ids of the inspectorate's inspectors (the caller is always on it). "
                + "Answers 201 with the inspection's id and version. Inspectors only (403 otherwise).",
                400, 403, 422)
            .Produces<WriteResponse>(StatusCodes.Status201Created);

        api.MapGet("/{id:int}", DetailAsync)
            .Document(
                "An inspection: status, fieldwork dates, team, samples with their strata beside the population's, domain one evidence, discretion and recommendations",
                "The sampled cases (CRN, name, stratum, assessment status) are listed only to the inspection team while the cases are open "
                + "(status Fieldwork and today within the fieldwork dates); the listing is audited with every CRN shown. The ETag is the inspection's version.",
                404)
            .Produces<InspectionDetail>();

        api.MapPost("/{id:int}/samples", DrawAsync)
            .Document(
                "The lead inspector draws a case sample (drawing again replaces it while the inspection is planned)",
                "kind: " + ApiResults.Names<SampleKind>() + " (unpaid work and Through the Gate for a CRC only). The eligible population is counted back from the first day of fieldwork: "
                + "case supervision, orders or licences that began six to seven months before; unpaid work, requirements begun three to twelve months before; Through the Gate, "
                + "released from custody five to seven weeks before (windows set under Inspection: in the settings). Cases only named staff may see are left out. "
                + "Size: Cochran's formula with the finite population correction for confidence (default 0.8) and margin (default 0.05). Stratified by gender, disposal "
                + "and RoSH level (unpaid work: gender and RoSH level), largest remainder; seed: given, or generated and recorded; the same population and seed draw the same cases. "
                + "Takes the inspection's version (If-Match, 412 when stale; or version in the body, 409). Refused (422) once fieldwork starts.",
                400, 404, 409, 412, 422)
            .Produces<WriteResponse>(StatusCodes.Status201Created);

        api.MapPut("/{id:int}/status", StatusAsync)
            .Document(
                "The lead inspector moves the inspection on: Planned, Fieldwork, Reporting, Published",
                "status: the next one only; Fieldwork needs a sample drawn. The sampled cases open to the team in Fieldwork within the fieldwork dates and close in Reporting. "
                + "Takes the inspection's version (If-Match, 412 when stale; or version in the body, 409).",
                400, 404, 409, 412, 422)
            .Produces<WriteResponse>();

        api.MapGet("/{id:int}/cases/{crn}", CaseAsync)
            .Document(
                "A sampled case, read-only, for the inspection team during fieldwork",
                "The overview (risk of serious harm, flags, orders), the supervision record (assessments, agency checks, plan, contacts, enforcement, events, reviews), "
                + "unpaid work hours for the unpaid work sample, the resettlement record for the Through the Gate sample, and the inspection's assessments of the case. "
                + "404 unless the caller is on the inspection's team, its status is Fieldwork, today is within the fieldwork dates and a sample drew the case. Every read is audited with the CRN.",
                400, 404)
            .Produces<InspectionCaseView>();

        api.MapPut("/{id:int}/cases/{crn}/assessments/{scope}", AssessAsync)
            .Document(
                "Save the inspection's case assessment of a sampled case as a draft, or complete it",
                "scope: " + ApiResults.Names<AssessmentScope>() + " (a sample that drew the case). judgements: [{keyQuestionId, judgement, evidence}] for the key questions in scope; "
                + "prompts: [{promptId, answer}]; complete: true to complete (every key question judged, evidence for each No); officerInterviewed, interviewNotes, strengths, "
                + "areasForImprovement. Only 2.2.3, 2.3.3 and 2.4.3 may be NotApplicable (the relevant sub-sample). A judgement or prompt sent blank is removed. " + Enums + " "
                + "Takes the assessment's version, 0 before its first save (If-Match, 412 when stale; or version in the body, 409). Refused input writes nothing (422 naming the field).",
                400, 404, 409, 412, 422)
            .Produces<WriteResponse>();

        api.MapPost("/{id:int}/meetings", (int id, [FromBody] InspectionMeetingRequest? b, RecordInspectionEvidence use, CancellationToken ct) =>
                b is null ? Task.FromResult(ApiResults.BadRequest("Send the meeting as JSON.")) : Created(id, "meetings", use.AddMeetingAsync(new MeetingCommand(id, b.On, b.With, b.Notes), ct)))
            .Document("Record a domain one meeting or focus group", "on, with (who), notes. The inspection team, until the report is published.", 400, 404, 422)
            .Produces<WriteResponse>(StatusCodes.Status201Created);

        api.MapPost("/{id:int}/interview-questions", (int id, [FromBody] InterviewQuestionRequest? b, RecordInspectionEvidence use, CancellationToken ct) =>
                b is null ? Task.FromResult(ApiResults.BadRequest("Send the question as JSON."))
                : Created(id, "interview-questions", use.AddInterviewQuestionAsync(new InterviewQuestionCommand(id, b.StandardId, b.Text, b.Asked, b.AnsweredYes), ct)))
            .Document(
                "Record a staff-interview question with how many were asked and how many answered yes",
                "standardId (a domain one standard, optional), text, asked (1 or more), answeredYes (0 to asked). The percentage answering yes is rounded as key questions are.",
                400, 404, 422)
            .Produces<WriteResponse>(StatusCodes.Status201Created);

        api.MapPut("/{id:int}/domain-one/{standardId}", (int id, string standardId, [FromBody] DomainOneRatingRequest? b, RecordInspectionEvidence use, CancellationToken ct) =>
                b is null ? Task.FromResult(ApiResults.BadRequest("Send the rating as JSON.")) : Ok(use.RateDomainOneAsync(new DomainOneRatingCommand(id, standardId, b.Rating, b.Evidence), ct)))
            .Document("Enter a domain one standard's rating, judged on the evidence, with that evidence (replacing any entered before)", "standardId: 1.1 to 1.4; rating, evidence. " + Enums, 400, 404, 422)
            .Produces<WriteResponse>();

        api.MapPut("/{id:int}/entered-counts/{standardId}", (int id, string standardId, [FromBody] EnteredCountsRequest? b, RecordInspectionEvidence use, CancellationToken ct) =>
            {
                if (b is null)
                {
                    return Task.FromResult(ApiResults.BadRequest("Send the counts as JSON."));
                }

                var counts = new List<KeyQuestionCount>();
                foreach (var (k, n) in (b.KeyQuestions ?? []).Select((k, n) => (k, n)))
                {
                    if (k?.Id is null || k.Yes is null || k.No is null)
                    {
                        return Task.FromResult(ApiResults.BadRequest("Each key question needs its id, yes and no counts (notApplicable defaults to 0).", $"keyQuestions[{n}]"));
                    }

                    counts.Add(new KeyQuestionCount(k.Id, k.Yes.Value, k.No.Value, k.NotApplicable ?? 0));
                }

                return Ok(use.EnterCountsAsync(new EnteredCountsCommand(id, standardId, b.Cases, b.Source, counts), ct));
            })
            .Document(
                "Enter the key question counts of a standard whose cases this product draws no sample of (an NPS inspection's 3.1 and 3.2), replacing any entered before",
                "cases (how many were assessed), source (which cases, from whose records), keyQuestions: every key question of the standard once, with yes, no and notApplicable adding up to cases. "
                + "The report rates the standard from them as it rates a sample's case assessments.",
                400, 404, 422)
            .Produces<WriteResponse>();

        api.MapPut("/{id:int}/discretions/{standardId}", (int id, string standardId, [FromBody] StandardDiscretionRequest? b, RecordInspectionEvidence use, CancellationToken ct) =>
                b is null ? Task.FromResult(ApiResults.BadRequest("Send the discretion as JSON.")) : Ok(use.RecordDiscretionAsync(new DiscretionCommand(id, standardId, b.Rating, b.Reason), ct)))
            .Document(
                "Record professional discretion on a case-based standard: the rating given instead of the calculated one, and why",
                "rating, reason. Who decided is the caller. The report shows both ratings and a footnote. " + Enums, 400, 404, 422)
            .Produces<WriteResponse>();

        api.MapDelete("/{id:int}/discretions/{standardId}", async (int id, string standardId, RecordInspectionEvidence use, CancellationToken ct) =>
                ApiResults.From((await use.WithdrawDiscretionAsync(id, standardId, ct)).Result, Results.NoContent))
            .Document("Withdraw discretion: the standard takes its calculated rating again", "The inspection team, until the report is published.", 404, 422)
            .Produces(StatusCodes.Status204NoContent);

        api.MapPost("/{id:int}/recommendations", (int id, [FromBody] InspectionRecommendationRequest? b, RecordRecommendations use, CancellationToken ct) =>
                b is null ? Task.FromResult(ApiResults.BadRequest("Send the recommendation as JSON."))
                : Created(id, "report", use.AddAsync(new RecommendationCommand(id, b.Text, b.Owner, b.DueOn), ct)))
            .Document("Write a recommendation of the report (numbered in order)", "text, owner, dueOn. The inspection team, until the report is published; the id answered is its number.", 400, 404, 422)
            .Produces<WriteResponse>(StatusCodes.Status201Created);

        api.MapPatch("/{id:int}/recommendations/{number:int}", (int id, int number, [FromBody] RecommendationProgressRequest? b, RecordRecommendations use, CancellationToken ct) =>
                b is null ? Task.FromResult(ApiResults.BadRequest("Send the progress as JSON.")) : Ok(use.ProgressAsync(new ProgressCommand(id, number, b.Status, b.Progress), ct)))
            .Document(
                "The provider tracks a published recommendation: its status and progress",
                "status: " + ApiResults.Names<RecommendationStatus>() + "; progress (needed to complete it). A senior leader of the inspected provider, once the report is published; "
                + "a completed recommendation stays completed.",
                400, 404, 422)
            .Produces<WriteResponse>();

        api.MapGet("/{id:int}/report", async (int id, InspectionReports reports, CancellationToken ct) =>
                await reports.ReportAsync(id, ct) is { } report ? (IResult)Results.Ok(report) : ApiResults.NotFound("No inspection was found, or you do not have access to it."))
            .Document(
                "The inspection report as JSON",
                "The summary of ratings (each standard and overall, with the reason in words, or why it is not rated yet), the Annex 2 rows (key question counts and % yes over the "
                + "completed case assessments; 2.2.3, 2.3.3 and 2.4.3 on the relevant sub-sample), discretion with its footnotes, domain one evidence, the samples and their strata, "
                + "and the recommendations. Rated by the inspectorate's rules: lowest key question banded 80/65/50; overall " + Ratings.OverallBands + ". No case is named.",
                404)
            .Produces<InspectionReport>();

        api.MapGet("/{id:int}/report.csv", async (int id, InspectionReports reports, CancellationToken ct) =>
                await reports.CsvAsync(id, ct) is { } csv
                    ? (IResult)Results.File(System.Text.Encoding.UTF8.GetBytes(csv.Csv), "text/csv", FormattableString.Invariant($"inspection-{id}-report.csv"))
                    : ApiResults.NotFound("No inspection was found, or you do not have access to it."))
            .Document(
                "The inspection report as CSV",
                "Columns: " + InspectionReports.CsvHeader + ". One row per overall rating, standard, key_question, footnote, sample, stratum, interview_question, meeting and recommendation "
                + "(the section column). The export is audited as a disclosure.",
                404)
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
    }

    private static RouteHandlerBuilder Document(this RouteHandlerBuilder b, string summary, string description, params int[] problems)
    {
        b.WithSummary(summary).WithDescription(description);
        foreach (var status in problems)
        {
            b = status is 400 or 422 ? b.ProducesValidationProblem(status) : b.ProducesProblem(status);
        }

        return b;
    }

    private static async Task<IResult> CreateAsync([FromBody] CreateInspectionRequest? b, CreateInspection use, CancellationToken ct)
    {
        if (b is null)
        {
            return ApiResults.BadRequest("Send the inspection as JSON.");
        }

        if (b.FieldworkFrom is null || b.FieldworkTo is null)
        {
            return ApiResults.BadRequest("Send fieldworkFrom and fieldworkTo.", b.FieldworkFrom is null ? "fieldworkFrom" : "fieldworkTo");
        }

        ProviderType? type = b.ProviderType?.Trim().ToUpperInvariant() switch
        {
            "CRC" => ProviderType.Crc,
            "NPS" => ProviderType.Nps,
            _ => null,
        };
        var outcome = await use.RunAsync(new CreateInspectionCommand(b.ProviderId, type, b.Framework, b.Title, b.FieldworkFrom.Value, b.FieldworkTo.Value, b.Team ?? []), ct);
        return ApiResults.From(outcome.Result, () => Results.Created($"/api/v1/inspections/{outcome.Value!.Id}", new WriteResponse(outcome.Value.Id, outcome.Value.Version)));
    }

    private static async Task<IResult> DetailAsync(int id, InspectionQueries q, HttpContext http, CancellationToken ct)
    {
        var detail = await q.DetailAsync(id, "Inspection and its sampled cases (API)", ct);
        if (detail is null)
        {
            return ApiResults.NotFound("No inspection was found, or you do not have access to it.");
        }

        http.Response.Headers.ETag = $"\"{detail.Version}\"";
        return Results.Ok(detail);
    }

    private static async Task<IResult> DrawAsync(int id, [FromBody] DrawSampleRequest? b, DrawSample use, HttpContext http, CancellationToken ct)
    {
        if (b is null)
        {
            return ApiResults.BadRequest("Send the sample to draw as JSON.");
        }

        return await VersionedAsync(http, b.Version, "inspection", v => use.RunAsync(new DrawSampleCommand(id, v, b.Kind, b.Seed, b.Confidence, b.Margin), ct), created: $"/api/v1/inspections/{id}");
    }

    private static async Task<IResult> StatusAsync(int id, [FromBody] InspectionStatusRequest? b, ChangeInspectionStatus use, HttpContext http, CancellationToken ct)
    {
        if (b is null)
        {
            return ApiResults.BadRequest("Send the status as JSON.");
        }

        return await VersionedAsync(http, b.Version, "inspection", v => use.RunAsync(new StatusCommand(id, v, b.Status), ct));
    }

    private static async Task<IResult> CaseAsync(int id, string crn, InspectionQueries q, CancellationToken ct)
    {
        if (!Crn.TryParse(crn, out _))
        {
            return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
        }

        var view = await q.CaseAsync(id, crn, "Inspection case assessment: reading the sampled case (API)", ct);
        return view is null ? ApiResults.NotFound("No sampled case was found, or it is not open to you.") : Results.Ok(view);
    }

    private static async Task<IResult> AssessAsync(int id, string crn, string scope, [FromBody] InspectionAssessmentRequest? b, RecordInspectionAssessment use, HttpContext http, CancellationToken ct)
    {
        if (!Crn.TryParse(crn, out _))
        {
            return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
        }

        if (!Enum.TryParse<AssessmentScope>(scope, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(scope, out _))
        {
            return ApiResults.BadRequest("scope is one of " + ApiResults.Names<AssessmentScope>() + ".", "scope");
        }

        if (b is null)
        {
            return ApiResults.BadRequest("Send the assessment as JSON.");
        }

        return await VersionedAsync(http, b.Version, "case assessment", v => use.RunAsync(
            new InspectionAssessmentCommand(
                id, crn, parsed, v,
                (b.Judgements ?? []).Select(j => new JudgementInput(j?.KeyQuestionId, j?.Judgement, j?.Evidence)).ToList(),
                (b.Prompts ?? []).Select(p => new PromptInput(p?.PromptId, p?.Answer)).ToList(),
                b.Complete, b.OfficerInterviewed, b.InterviewNotes, b.Strengths, b.AreasForImprovement),
            ct));
    }

    /// <summary>
    /// A write carrying a record's version: the ETag in If-Match (a stale one answered 412) or "version" in the body
    /// (answered 409); the answer carries the record's new version and ETag.
    /// </summary>
    private static async Task<IResult> VersionedAsync(HttpContext http, int? bodyVersion, string what, Func<int, Task<Outcome<InspectionSaved>>> run, string? created = null)
    {
        var (version, fromIfMatch, versionError) = ApiResults.RecordVersion(http, bodyVersion, what);
        if (versionError is not null)
        {
            return versionError;
        }

        var outcome = await run(version);
        return ApiResults.FromWrite(outcome.Result, fromIfMatch, () =>
        {
            http.Response.Headers.ETag = $"\"{outcome.Value!.Version}\"";
            var body = new WriteResponse(outcome.Value.Id, outcome.Value.Version);
            return created is null ? Results.Ok(body) : Results.Created(created, body);
        });
    }

    private static async Task<IResult> Created(int id, string path, Task<Outcome<InspectionSaved>> run)
    {
        var outcome = await run;
        return ApiResults.From(outcome.Result, () => Results.Created($"/api/v1/inspections/{id}/{path}", new WriteResponse(outcome.Value!.Id, outcome.Value.Version)));
    }

    private static async Task<IResult> Ok(Task<Outcome<InspectionSaved>> run)
    {
        var outcome = await run;
        return ApiResults.From(outcome.Result, () => Results.Ok(new WriteResponse(outcome.Value!.Id, outcome.Value.Version)));
    }
}
