namespace Probation.Web.Infrastructure;

/// <summary>
/// No field takes the NUL character (U+0000), and PostgreSQL cannot hold it in text at all: a query string carrying
/// one is answered 400 before any endpoint runs, rather than failing in the database as a 500 (on PostgreSQL).
/// Forms and JSON bodies are read by their endpoints, which must not find their body already read here.
/// </summary>
public static class NulCharacters
{
    private const string Detail = "The request holds a NUL character (U+0000), which no field accepts.";

    public static IApplicationBuilder UseNulCharacterRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page is drawn for the refused request itself, with its query string: it is not checked again.
        if (!context.Request.Path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase) && HoldsNul(context.Request))
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await Results.Problem(title: "The request is not valid", detail: Detail, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return;
        }

        await next(context);
    });

    private static bool HoldsNul(HttpRequest request) =>
        request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
}
