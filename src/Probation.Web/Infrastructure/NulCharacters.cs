using System.Text;

namespace Probation.Web.Infrastructure;

/// <summary>
/// No field takes the NUL character (U+0000), and PostgreSQL cannot hold it in text at all: a query string, form or
/// JSON body carrying one is answered 400 before any endpoint runs, rather than failing in the database as a 500 (on
/// PostgreSQL) or being kept (on SQLite).
/// </summary>
public static class NulCharacters
{
    private const string Detail = "The request holds a NUL character (U+0000), which no field accepts.";

    public static IApplicationBuilder UseNulCharacterRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page is drawn for the refused request itself, with its query string: it is not checked again.
        if (!context.Request.Path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase) && await HoldsNulAsync(context.Request))
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

    private static async Task<bool> HoldsNulAsync(HttpRequest request)
    {
        if (request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            return true;
        }

        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync();
                return form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
            }
            catch (InvalidDataException)
            {
                return false; // a form too big to read is refused as malformed further on
            }
        }

        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && request.ContentLength is null or < 1_048_576)
        {
            // A NUL in JSON text must be written as an escape: look for it in the body, which is kept for the endpoint.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            request.Body.Position = 0;
            return body.Contains("\\u0000", StringComparison.Ordinal);
        }

        return false;
    }
}
