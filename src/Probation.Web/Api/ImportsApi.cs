using Probation.Application.Imports;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

/// <summary>
/// New cases from a court or transfer file (docs/imports.md): a dry run that reports every row, then the import, one
/// transaction a batch, idempotent by source reference. A file that cannot be read is a 400; a file with refused rows
/// is a 422 that writes nothing, unless skipRefused=true asks for the accepted rows alone.
/// </summary>
public static class ImportsApi
{
    public static void MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/imports/cases").WithTags("Imports").RequireAuthorization(Policies.CaseWorker);
        group.MapPost("/", ImportAsync)
            .DisableAntiforgery()
            .WithSummary("Check (dryRun=true) or import a CSV or JSON file of new cases from court or by transfer")
            .WithDescription("Send the file as multipart/form-data (field \"file\"), or as the body with Content-Type text/csv or application/json. "
                + "dryRun=true checks every row and writes nothing. Without it, a file with any refused row is answered 422 and nothing is written, "
                + "unless skipRefused=true, which imports the accepted rows and reports the rest. A source reference imported before, as the same "
                + "person, is reported as alreadyImported and not written again. Columns and JSON shape: docs/imports.md.")
            .Produces<ImportReport>()
            .Produces<ImportReport>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", async (CaseImportQueries q, CancellationToken ct) =>
                await q.HistoryAsync(50, ct) is { } history ? Results.Ok(history) : ApiResults.Refused(ImportCases.NotAllowed, null))
            .WithSummary("The provider's last 50 imports, newest first, with their counts");
        group.MapGet("/{id:int}", async (int id, CaseImportQueries q, CancellationToken ct) =>
                await q.GetAsync(id, ct) is { } found ? Results.Ok(found.Report) : ApiResults.NotFound("No import has that id, or it is not your provider's."))
            .WithSummary("One import's status and counts (batchesDone of batches while it runs)");
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, bool? dryRun, bool? skipRefused, ImportCases use, IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var (file, problem) = await ReadFileAsync(http.Request, ct);
        if (problem is not null)
        {
            return ApiResults.BadRequest(problem, "file");
        }

        IReadOnlyList<CaseFileRow> rows;
        try
        {
            rows = CaseFile.Read(file!.Content, file.Format);
        }
        catch (MalformedCaseFileException e)
        {
            return ApiResults.BadRequest(e.Message, "file");
        }

        var check = await use.CheckAsync(rows, ct);
        if (check.Result is not Done)
        {
            return ApiResults.From(check.Result, () => Results.Ok());
        }

        var checkedFile = check.Value!;
        if (dryRun == true)
        {
            return Results.Ok(ImportReport.DryRunOf(file.Name, file.Format, checkedFile));
        }

        if (checkedFile.Refused > 0 && skipRefused != true)
        {
            return Results.Problem(
                title: "Some rows were refused",
                detail: $"{checkedFile.Refused} of {checkedFile.Rows} rows were refused, so nothing was imported. Mend them and send the file again, or send skipRefused=true to import the accepted rows alone.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["report"] = ImportReport.DryRunOf(file.Name, file.Format, checkedFile) });
        }

        var id = await use.BeginAsync(file.Name, file.Format, checkedFile, ct);

        // The batches go on if the caller goes away: each commits whole, and the import's row says how far it got.
        var results = await use.RunAsync(id, checkedFile, lifetime.ApplicationStopping);
        var done = await http.RequestServices.GetRequiredService<CaseImportQueries>().GetAsync(id, ct);
        return Results.Created($"/api/v1/imports/cases/{id}", done!.Value.Report with { Results = results });
    }

    public sealed record UploadedFile(string Name, CaseImportFormat Format, byte[] Content);

    /// <summary>The file from a multipart upload (field "file") or from the body itself; a problem in words when there is none to read.</summary>
    public static async Task<(UploadedFile? File, string? Problem)> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var upload = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
                if (upload is null)
                {
                    return (null, "Send the file as the multipart field \"file\".");
                }

                return await FromUploadAsync(upload, ct);
            }

            var format = CaseFile.FormatOf(null, request.ContentType);
            if (format is null)
            {
                return (null, "Send a CSV file (Content-Type text/csv) or a JSON file (application/json), or upload one as multipart/form-data.");
            }

            var content = await ReadLimitedAsync(request.Body, ct);
            return content is null
                ? (null, $"The file is larger than {CaseFile.MaxBytes / 1024 / 1024} MB: split it into smaller files.")
                : content.Length == 0 ? (null, "The file is empty.") : (new UploadedFile(format == CaseImportFormat.Csv ? "cases.csv" : "cases.json", format.Value, content), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
        {
            return (null, "The upload could not be read: send the file as multipart/form-data, or as the request body.");
        }
    }

    public static async Task<(UploadedFile? File, string? Problem)> FromUploadAsync(IFormFile upload, CancellationToken ct)
    {
        var format = CaseFile.FormatOf(upload.FileName, upload.ContentType);
        if (format is null)
        {
            return (null, "The selected file must be a CSV or JSON file.");
        }

        if (upload.Length == 0)
        {
            return (null, "The selected file is empty.");
        }

        if (upload.Length > CaseFile.MaxBytes)
        {
            return (null, $"The selected file must be smaller than {CaseFile.MaxBytes / 1024 / 1024} MB.");
        }

        await using var stream = upload.OpenReadStream();
        var content = await ReadLimitedAsync(stream, ct);
        return content is null
            ? (null, $"The selected file must be smaller than {CaseFile.MaxBytes / 1024 / 1024} MB.")
            : (new UploadedFile(upload.FileName, format.Value, content), null);
    }

    /// <summary>The whole stream, or null when it is longer than an import file may be.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > CaseFile.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
