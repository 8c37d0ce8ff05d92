using Microsoft.AspNetCore.Mvc;
using Probation.Application.Documents;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Documents;
using Probation.Web.Infrastructure;
using Probation.Web.Letters;

namespace Probation.Web.Api;

/// <summary>What to make: the kind of letter, the record it is made from, and the officer's proposal for a breach report.</summary>
public sealed record LetterRequest(string? Kind, int? SourceId, string? Proposal);

/// <summary>A letter as it would be issued now: its kind, title and HTML.</summary>
public sealed record LetterPreviewBody(string Kind, string Title, string Html);

/// <summary>An issued letter with its content, and where its PDF is.</summary>
public sealed record IssuedLetterBody(IssuedLetter Letter, string Html, string Pdf);

/// <summary>How the person needs their letters, and the version of the case the change is based on.</summary>
public sealed record AccessibleFormatRequest(string? Format, int? Version);

/// <summary>
/// Letters and documents of a case (the letters the page makes, through the API), and the subject access export of a
/// person's record. Every letter is rendered by the server from the record: a client names the kind and the source,
/// never the content.
/// </summary>
public static class DocumentsApi
{
    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases/{crn}").WithTags("Letters and documents").RequireAuthorization(Policies.CaseWorker).DisableAntiforgery();
        cases.MapGet("/letters", async (string crn, LetterQueries q, CancellationToken ct) =>
                WithCrn(crn) ?? From(await q.ViewAsync(crn, ct), v => Results.Ok(v)))
            .WithSummary("The case's issued letters, the letters that can be made now, and the person's accessible-format need")
            .Produces<LettersView>();
        cases.MapPost("/letters/preview", async (string crn, [FromBody] LetterRequest? b, LetterQueries q, LetterRenderer renderer, CancellationToken ct) =>
            {
                if ((WithCrn(crn) ?? Malformed(b)) is { } bad)
                {
                    return bad;
                }

                var built = await q.PreviewAsync(crn, b!.Kind!, b.SourceId, b.Proposal, ct);
                return built.Value is { } letter
                    ? Results.Ok(new LetterPreviewBody(b.Kind!, letter.Title, await renderer.RenderAsync(letter)))
                    : ApiResults.From(built.Result, () => Results.Ok());
            })
            .WithSummary("A letter as it would be issued now, to review before issuing it (nothing is kept)")
            .WithDescription("kind: " + string.Join(", ", LetterQueries.Kinds) + ". sourceId: the appointment (contact), warning or custody record it is made from, as the letters list offers. proposal: the officer's proposal, for a breach report.")
            .Produces<LetterPreviewBody>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cases.MapPost("/letters", async (string crn, [FromBody] LetterRequest? b, LetterQueries q, LetterRenderer renderer, CancellationToken ct) =>
            {
                if ((WithCrn(crn) ?? Malformed(b)) is { } bad)
                {
                    return bad;
                }

                var issued = await q.IssueAsync(crn, b!.Kind!, b.SourceId, b.Proposal, renderer.RenderAsync, ct);
                return ApiResults.From(issued.Result, () => Results.Created(
                    $"/api/v1/cases/{crn.ToLowerInvariant()}/letters/{issued.Value!.Id}", issued.Value));
            })
            .WithSummary("Issue a letter: it is made from the record as it stands, kept against the case with who produced it, and recorded as a disclosure")
            .Produces<IssuedLetter>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cases.MapGet("/letters/{id:int}", async (string crn, int id, LetterQueries q, CancellationToken ct) =>
                WithCrn(crn) ?? From(await q.IssuedAsync(crn, id, disclosed: false, ct), v =>
                    Results.Ok(new IssuedLetterBody(v.Letter, v.Html, $"/api/v1/cases/{crn.ToLowerInvariant()}/letters/{id}/pdf"))))
            .WithSummary("An issued letter, as it was issued")
            .Produces<IssuedLetterBody>();
        cases.MapGet("/letters/{id:int}/pdf", (string crn, int id, LetterQueries q, PdfPrinter printer, CancellationToken ct) =>
                WithCrn(crn) is { } bad ? Task.FromResult(bad) : PdfAsync(crn, id, q, printer, problems: true, ct))
            .WithSummary("An issued letter as a tagged PDF (a disclosure in the audit log)")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        cases.MapPut("/accessible-format", (string crn, [FromBody] AccessibleFormatRequest? b, LetterQueries q, CaseChange change, HttpContext http, CancellationToken ct) =>
                ApiResults.CaseWriteAsync(
                    http, crn, b?.Version, b is null ? "Send a JSON body with \"format\" and \"version\"." : null,
                    v => q.SetFormatAsync(change, crn, v, Enum.TryParse<AccessibleFormat>(b!.Format, ignoreCase: false, out var f) && Enum.IsDefined(f) ? f : null, ct),
                    c => $"/api/v1/cases/{c.Value.ToLowerInvariant()}/letters"))
            .WithSummary("Record how the person needs their letters; every letter made after follows it")
            .WithDescription("format: " + ApiResults.Names<AccessibleFormat>())
            .Produces<WriteResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cases.MapGet("/subject-access-export", async (string crn, SubjectAccessExport export, CancellationToken ct) =>
                WithCrn(crn) ?? From(await export.ExportAsync(crn, ct), f => Results.File(System.Text.Encoding.UTF8.GetBytes(f.Json), "application/json", f.FileName)))
            .WithSummary("Everything held about the person, as JSON, for a subject access request (team manager or senior leader; a disclosure in the audit log)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // The same files from the pages: links, answered with the error page rather than ProblemDetails.
        app.MapGet("/cases/{crn}/letters/{id:int}/letter.pdf", (string crn, int id, LetterQueries q, PdfPrinter printer, CancellationToken ct) =>
                PdfAsync(crn, id, q, printer, problems: false, ct))
            .RequireAuthorization(Policies.CaseWorker).ExcludeFromDescription();
        app.MapGet("/cases/{crn}/subject-access-export.json", async (string crn, SubjectAccessExport export, CancellationToken ct) =>
                await export.ExportAsync(crn, ct) is { Value: { } f }
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(f.Json), "application/json", f.FileName)
                    : Results.NotFound())
            .RequireAuthorization(Policies.CaseWorker).ExcludeFromDescription();
    }

    private static async Task<IResult> PdfAsync(string crn, int id, LetterQueries q, PdfPrinter printer, bool problems, CancellationToken ct)
    {
        if (!printer.Available)
        {
            return Unavailable(problems);
        }

        var found = await q.IssuedAsync(crn, id, disclosed: true, ct);
        if (found.Value is not { } letter)
        {
            return problems ? ApiResults.From(found.Result, () => Results.Ok()) : Results.NotFound();
        }

        var pdf = await printer.PrintAsync(letter.Letter.Title, letter.Html, ct);
        return pdf is null ? Unavailable(problems) : Results.File(pdf, "application/pdf", $"{Slug(letter.Letter.Kind)}-{crn.ToLowerInvariant()}-{id}.pdf");
    }

    private static IResult Unavailable(bool problems) => problems
        ? Results.Problem(title: "PDF printing is not available", detail: "This server cannot print letters to PDF just now. The letter is kept and can be read on screen.", statusCode: StatusCodes.Status503ServiceUnavailable)
        : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);

    private static string Slug(LetterKind kind) => string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static IResult? WithCrn(string crn) => Crn.TryParse(crn, out _) ? null : ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");

    private static IResult? Malformed(LetterRequest? b) =>
        b is null ? ApiResults.BadRequest("Send a JSON body with \"kind\", and \"sourceId\" where the kind needs one.")
        : string.IsNullOrWhiteSpace(b.Kind) ? ApiResults.BadRequest("Name the kind of letter: " + string.Join(", ", LetterQueries.Kinds) + ".", "kind")
        : null;

    private static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) => ApiResults.From(outcome.Result, () => ok(outcome.Value!));
}
