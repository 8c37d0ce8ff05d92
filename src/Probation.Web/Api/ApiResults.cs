using Probation.Domain.Common;

namespace Probation.Web.Api;

/// <summary>How use-case outcomes become HTTP answers: ProblemDetails for every refusal.</summary>
public static class ApiResults
{
    public static IResult From(Outcome outcome, Func<IResult> onDone) => outcome switch
    {
        Done => onDone(),
        Refused r => Refused(r.Reason, r.Field),
        NotFound n => NotFound($"No {n.What} was found, or you do not have access to it."),
        Conflict c => Results.Problem(title: "The record was changed by someone else", detail: c.Reason, statusCode: StatusCodes.Status409Conflict),
        _ => throw new InvalidOperationException("Unknown outcome " + outcome.GetType().Name),
    };

    public static IResult Refused(string reason, string? field) => field is null
        ? Results.Problem(title: "The change was refused", detail: reason, statusCode: StatusCodes.Status422UnprocessableEntity)
        : Results.ValidationProblem(
            new Dictionary<string, string[]> { [Camel(field)] = [reason] },
            title: "The change was refused", detail: reason, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult BadRequest(string detail, string? field = null) => field is null
        ? Results.Problem(title: "The request is not valid", detail: detail, statusCode: StatusCodes.Status400BadRequest)
        : Results.ValidationProblem(new Dictionary<string, string[]> { [Camel(field)] = [detail] }, title: "The request is not valid", detail: detail);

    /// <summary>
    /// The version of the case a write is based on: the ETag in If-Match (a stale one is answered 412), else
    /// "version" in the body (answered 409). An error when neither is sent or If-Match is not a version.
    /// </summary>
    public static (int Version, bool FromIfMatch, IResult? Error) CaseVersion(HttpContext http, int? bodyVersion) => RecordVersion(http, bodyVersion, "case");

    /// <summary>The version of the record (<paramref name="what"/>) a write is based on, read as <see cref="CaseVersion"/> reads the case's.</summary>
    public static (int Version, bool FromIfMatch, IResult? Error) RecordVersion(HttpContext http, int? bodyVersion, string what)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim().Trim('"');
        if (ifMatch.Length > 0)
        {
            return int.TryParse(ifMatch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? (v, true, null)
                : (0, true, BadRequest($"If-Match must be the ETag of the {what}, for example \"3\"."));
        }

        return bodyVersion is { } body
            ? (body, false, null)
            : (0, false, BadRequest($"Send the version of the {what} you are changing (its ETag as If-Match, or \"version\").", "version"));
    }

    /// <summary>A use case's outcome for a write whose version came from If-Match: a conflict is then 412, not 409.</summary>
    public static IResult FromWrite(Outcome outcome, bool fromIfMatch, Func<IResult> onDone) =>
        outcome is Conflict c && fromIfMatch
            ? Results.Problem(title: "The record was changed by someone else", detail: c.Reason, statusCode: StatusCodes.Status412PreconditionFailed)
            : From(outcome, onDone);

    /// <summary>
    /// A write that carries the case's version: read it (If-Match or body), run the use case, and answer 201
    /// with the record's id, the case's new version and its ETag, or the refusal as ProblemDetails.
    /// </summary>
    public static async Task<IResult> VersionedWriteAsync(HttpContext http, int? bodyVersion, Func<int, Task<Outcome<Probation.Application.Supervision.Saved>>> run, Func<Probation.Application.Supervision.Saved, string> location)
    {
        var (version, fromIfMatch, versionError) = CaseVersion(http, bodyVersion);
        if (versionError is not null)
        {
            return versionError;
        }

        var outcome = await run(version);
        return FromWrite(outcome.Result, fromIfMatch, () =>
        {
            http.Response.Headers.ETag = $"\"{outcome.Value!.Version}\"";
            return Results.Created(location(outcome.Value), new WriteResponse(outcome.Value.Id, outcome.Value.Version));
        });
    }

    /// <summary>
    /// The shared steps of a write to a case: a well-formed CRN, the body's required parts (<paramref name="malformed"/>
    /// names what is missing), then the versioned write; 201 at <paramref name="location"/>, or the refusal.
    /// </summary>
    public static async Task<IResult> CaseWriteAsync(
        HttpContext http, string crn, int? bodyVersion, string? malformed, Func<int, Task<Outcome<Probation.Application.Supervision.Saved>>> run, Func<Crn, string> location)
    {
        if (!Crn.TryParse(crn, out var parsed))
        {
            return BadRequest(Crn.FormatDescription + ".", "crn");
        }

        if (malformed is not null)
        {
            return BadRequest(malformed);
        }

        return await VersionedWriteAsync(http, bodyVersion, run, _ => location(parsed));
    }

    /// <summary>An enum's codes for the OpenAPI descriptions, without the empty "None".</summary>
    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Where(n => n != "None"));

    public static IResult Restricted() =>
        Results.Problem(title: "Access restricted", detail: "You do not have access to this case.", statusCode: StatusCodes.Status403Forbidden);

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
