namespace Probation.Web.Infrastructure;

/// <summary>
/// Two peers the benchmarks (scripts/bench, docs/performance.md) measure our pages against, in the
/// same host: a bare endpoint (W1's throughput ceiling) and a bare GOV.UK Frontend page with the
/// same assets as the site layout and no content (W7's page weight); and the runtime's compilation
/// count, which tells the benchmark when the service is warm. Mapped only when
/// <c>Benchmark:Endpoints=true</c>; off by default, so they answer 404 in every normal run.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string Setting = "Benchmark:Endpoints";

    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue(Setting, false))
        {
            return;
        }

        app.MapGet("/bench/bare", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/bench/govuk", () => Results.Content(BareGovUkPage, "text/html; charset=utf-8")).AllowAnonymous();

        // How much the runtime has compiled so far: the benchmark warms a workload until this stops rising, since the
        // runtime keeps compiling hot code again, better, for minutes after it starts (ADR 0017).
        app.MapGet("/bench/runtime", () => Results.Json(new RuntimeWarmth(
            System.Runtime.JitInfo.GetCompiledMethodCount(),
            System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds))).AllowAnonymous();
    }

    /// <summary>Methods compiled since start (first compilations and later, optimised ones) and the time spent on them.</summary>
    public sealed record RuntimeWarmth(long CompiledMethods, double CompilationMs);

    // The site layout's head and scripts (GOV.UK Frontend and MoJ Frontend), a heading and nothing else.
    private const string BareGovUkPage = """
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
        <head>
            <meta charset="utf-8">
            <title>Bare page – Probation</title>
            <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
            <meta name="theme-color" content="#0b0c0c">
            <link rel="icon" type="image/svg+xml" href="/favicon.svg">
            <link rel="stylesheet" href="/lib/govuk-frontend/govuk-frontend.min.css">
            <link rel="stylesheet" href="/lib/moj-frontend/moj-frontend.min.css">
            <link rel="stylesheet" href="/css/site.css">
        </head>
        <body class="govuk-template__body">
            <script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
            <div class="govuk-width-container">
                <main class="govuk-main-wrapper" id="main-content">
                    <h1 class="govuk-heading-l">Bare page</h1>
                </main>
            </div>
            <script type="module">import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js'; initAll()</script>
            <script type="module">import { initAll } from '/lib/moj-frontend/moj-frontend.min.js'; initAll()</script>
        </body>
        </html>
        """;
}
