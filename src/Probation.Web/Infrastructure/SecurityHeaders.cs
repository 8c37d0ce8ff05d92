namespace Probation.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>
    /// Headers on every response: no framing, no MIME sniffing, no referrer leaving the site, and
    /// no caching of anything a signed-in user sees (it holds personal data). With single sign-on on, the sign-in
    /// button's form leads (by a redirect, which browsers hold to <c>form-action</c>) to the identity provider.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Content-Security-Policy"] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw=' 'sha256-ZJeWVZxdNFejlYZ7FIJweqn1TdkBrtbh1XSUHlq/uFI=' 'sha256-/JD+hQjY82zVV1MpOkWefcACiB+GOPk6WPd3g6ZIiVE='; " +
                "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action " + ctx.RequestServices.GetRequiredService<SingleSignOn>().FormAction + "; base-uri 'self'; object-src 'none'";
            if (!ctx.Request.Path.StartsWithSegments("/lib") && !ctx.Request.Path.StartsWithSegments("/assets") && !ctx.Request.Path.StartsWithSegments("/css"))
            {
                h.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next();
    });
}
