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

    public static IResult Restricted() =>
        Results.Problem(title: "Access restricted", detail: "You do not have access to this case.", statusCode: StatusCodes.Status403Forbidden);

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
