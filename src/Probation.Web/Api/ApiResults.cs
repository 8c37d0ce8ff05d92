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
    public static (int Version, bool FromIfMatch, IResult? Error) CaseVersion(HttpContext http, int? bodyVersion)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim().Trim('"');
        if (ifMatch.Length > 0)
        {
            return int.TryParse(ifMatch, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? (v, true, null)
                : (0, true, BadRequest("If-Match must be the ETag of the case, for example \"3\"."));
        }

        return bodyVersion is { } body
            ? (body, false, null)
            : (0, false, BadRequest("Send the version of the case you are changing (the ETag as If-Match, or \"version\").", "version"));
    }

    /// <summary>A use case's outcome for a write whose version came from If-Match: a conflict is then 412, not 409.</summary>
    public static IResult FromWrite(Outcome outcome, bool fromIfMatch, Func<IResult> onDone) =>
        outcome is Conflict c && fromIfMatch
            ? Results.Problem(title: "The record was changed by someone else", detail: c.Reason, statusCode: StatusCodes.Status412PreconditionFailed)
            : From(outcome, onDone);

    public static IResult Restricted() =>
        Results.Problem(title: "Access restricted", detail: "You do not have access to this case.", statusCode: StatusCodes.Status403Forbidden);

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
