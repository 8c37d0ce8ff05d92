using System.Text;
using Microsoft.Net.Http.Headers;

namespace Probation.Web.Infrastructure;

/// <summary>
/// An API body is read in the charset its Content-Type names. One the platform cannot decode (UTF-7, which .NET
/// disables, or a name it does not know) makes the JSON reader throw, and the client would get a 500 for its own
/// mistake; such a request is answered 415 with ProblemDetails before any endpoint runs.
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UseKnownRequestCharset(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && HeaderUtilities.RemoveQuotes(type.Charset) is { Length: > 0 } charset && !IsReadable(charset.Value!))
        {
            await Results.Problem(
                title: "The request's character set is not supported",
                detail: "Send the body as UTF-8, with Content-Type: application/json (a charset, if given, must be one the service can read).",
                statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool IsReadable(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
