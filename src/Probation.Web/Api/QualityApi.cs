using Microsoft.AspNetCore.Mvc;
using Probation.Application.Quality;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

public sealed record StartAuditRequest(string? Crn, CaseAssessmentKind? Kind, AssessmentScope? Scope, List<int>? ParticipantIds, int? ModeratesId);

public sealed record AuditJudgementRequest(string? KeyQuestionId, Judgement? Judgement, string? Evidence);

public sealed record AuditPromptRequest(string? PromptId, Judgement? Answer);

public sealed record SaveAuditRequest(
    int? Version, List<AuditJudgementRequest>? Judgements, List<AuditPromptRequest>? Prompts, bool? OfficerInterviewed, string? InterviewNotes,
    string? Strengths, string? AreasForImprovement, bool? Complete);

public sealed record AuditFeedbackRequest(string? Text, DateOnly? DueOn);

public sealed record AcknowledgeFeedbackRequest(string? Response);

/// <summary>The provider's case audits through the API: audits, quality events, moderation, results and feedback to officers.</summary>
public static class QualityApi
{
    public static void MapQualityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/quality").WithTags("Quality").RequireAuthorization(Policies.CaseWorker);
        const string Filters = "Filters: teamId (the audited officer's team), officerId, from and to (dates; results default to the twelve months to today).";

        api.MapGet("/audits", async (int? teamId, int? officerId, DateOnly? from, DateOnly? to, QualityQueries q, CancellationToken ct) =>
                await q.ListAsync(new QualityFilter(teamId, officerId, from, to), ct) is { } rows ? Results.Ok(rows) : Forbidden())
            .WithSummary("Case audits and quality events, newest first")
            .WithDescription(Filters + " Quality officers, team managers and senior leaders. The cases listed are recorded in the audit log.")
            .Produces<IReadOnlyList<AuditRow>>();

        api.MapPost("/audits", async ([FromBody] StartAuditRequest? b, CaseAudits use, CancellationToken ct) =>
            {
                if (b is null)
                {
                    return ApiResults.BadRequest("Send the audit as JSON: crn, kind (Audit or QualityEvent), scope (CaseSupervision, UnpaidWork or ThroughTheGate).");
                }

                var outcome = await use.StartAsync(new StartAuditCommand(b.Crn, b.Kind, b.Scope, b.ParticipantIds ?? [], b.ModeratesId), ct);
                return ApiResults.From(outcome.Result, () => Results.Created($"/api/v1/quality/audits/{outcome.Value!.Id}", outcome.Value));
            })
            .WithSummary("A quality officer starts an audit, a quality event (participantIds: two practitioners) or a moderation of a completed audit (moderatesId)")
            .WithDescription("Refused (422) for anyone but a quality officer, a case not allocated, a quality event without two practitioners, or a moderation of one's own or an unfinished audit.")
            .Produces<Probation.Application.Supervision.Saved>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/audits/{id:int}", async (int id, QualityQueries q, CancellationToken ct) =>
                await q.AuditAsync(id, ct) is { } view ? Results.Ok(view) : ApiResults.NotFound("No audit has that id, or you may not read it."))
            .WithSummary("One audit: its judgements per key question with prompts and evidence, the officer interview, strengths, areas for improvement, moderations and feedback")
            .Produces<AuditView>();

        api.MapPut("/audits/{id:int}", (int id, [FromBody] SaveAuditRequest? b, CaseAudits use, HttpContext http, CancellationToken ct) =>
            {
                if (b is null)
                {
                    return Task.FromResult(ApiResults.BadRequest("Send the audit's judgements as JSON."));
                }

                if (b.Judgements?.Any(j => j is null) == true || b.Prompts?.Any(p => p is null) == true)
                {
                    return Task.FromResult(ApiResults.BadRequest("Each judgement and prompt answer is an object."));
                }

                return ApiResults.VersionedWriteAsync(http, b.Version, version => use.SaveAsync(new SaveAuditCommand(
                        id, version,
                        (b.Judgements ?? []).Select(j => new JudgementInput(j.KeyQuestionId, j.Judgement, j.Evidence)).ToList(),
                        (b.Prompts ?? []).Select(p => new PromptInput(p.PromptId, p.Answer)).ToList(),
                        b.OfficerInterviewed ?? false, b.InterviewNotes, b.Strengths, b.AreasForImprovement, b.Complete ?? false), ct),
                    saved => $"/api/v1/quality/audits/{saved.Id}");
            })
            .WithSummary("Records the audit's judgements (a draft, or complete: every key question judged, evidence for each no)")
            .WithDescription("The audit's version as If-Match (stale: 412) or version in the body (stale: 409). Judgement: Yes, No or NotApplicable (only for 2.2.3, 2.3.3 and 2.4.3, answered on the relevant sub-sample). A completed audit's judgements stand (422). Answers 201 with the audit's new version and ETag.")
            .Produces<WriteResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/audits/{id:int}/moderation", async (int id, QualityQueries q, CancellationToken ct) =>
                await q.ModerationAsync(id, ct) is { } view ? Results.Ok(view) : ApiResults.NotFound("No moderation has that id, or you may not read it."))
            .WithSummary("A moderation beside the audit it moderates: the key questions and prompts judged differently")
            .Produces<ModerationView>();

        api.MapPost("/audits/{id:int}/feedback", async (int id, [FromBody] AuditFeedbackRequest? b, CaseAudits use, CancellationToken ct) =>
            {
                if (b is null)
                {
                    return ApiResults.BadRequest("Send the feedback as JSON: text and optionally dueOn.");
                }

                var outcome = await use.FeedbackAsync(new FeedbackCommand(id, b.Text, b.DueOn), ct);
                return ApiResults.From(outcome.Result, () => Results.Created($"/api/v1/quality/feedback/{outcome.Value!.Id}", outcome.Value));
            })
            .WithSummary("Sends a completed audit's feedback to the responsible officer as a task (due in 10 days unless dueOn says otherwise)")
            .Produces<Probation.Application.Supervision.Saved>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/feedback", async (QualityQueries q, CancellationToken ct) => Results.Ok(await q.MyFeedbackAsync(ct)))
            .WithSummary("The signed-in officer's feedback from audits of their cases, open first")
            .Produces<IReadOnlyList<FeedbackView>>();

        api.MapPost("/feedback/{id:int}/acknowledgement", async (int id, [FromBody] AcknowledgeFeedbackRequest? b, CaseAudits use, CancellationToken ct) =>
            {
                var outcome = await use.AcknowledgeAsync(new AcknowledgeCommand(id, b?.Response), ct);
                return ApiResults.From(outcome.Result, () => Results.Ok(outcome.Value));
            })
            .WithSummary("The officer acknowledges feedback with their response")
            .Produces<Probation.Application.Supervision.Saved>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/results", async (int? teamId, int? officerId, DateOnly? from, DateOnly? to, QualityQueries q, CancellationToken ct) =>
            {
                if (from is { } f && to is { } t && f > t)
                {
                    return ApiResults.BadRequest("from must be on or before to.", "from");
                }

                return await q.ResultsAsync(new QualityFilter(teamId, officerId, from, to), ct) is { } results ? Results.Ok(results) : Forbidden();
            })
            .WithSummary("Key question results of completed audits for the provider, each team, each officer and each month, banded as the inspectorate bands them")
            .WithDescription(Filters + " Moderations are left out (second opinions on audits already counted). percent = yes ÷ (yes + no), whole number, halves up; band from it (80/65/50).")
            .Produces<QualityResults>();
    }

    private static IResult Forbidden() =>
        Results.Problem(title: "Forbidden", detail: "Quality officers, team managers and senior leaders read case audits.", statusCode: StatusCodes.Status403Forbidden);
}
