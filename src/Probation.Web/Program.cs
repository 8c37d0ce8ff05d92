using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Probation.Application;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Application.Demo;
using Probation.Application.Identity;
using Probation.Domain.Allocation;
using Probation.Domain.Common;
using Probation.Domain.Supervision;
using Probation.Web.Api;
using Probation.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

// Typed settings, checked now: a bad setting stops the app here with a clear message.
var database = DatabaseOptions.FromConfiguration(config);
var demo = new DemoOptions(
    config.GetValue("Demo:Seed", false),
    DemoScale.Parse(config["Demo:Scale"]),
    config["Demo:Password"]);
var session = config.GetSection("Session").Get<SessionLimits>() ?? new SessionLimits();
var allocation = config.GetSection("Allocation").Get<AllocationMatrixOptions>() ?? new AllocationMatrixOptions();
if (allocation.Validate() is { Count: > 0 } allocationErrors)
{
    throw new InvalidOperationException("The allocation matrix settings are not valid: " + string.Join(" ", allocationErrors));
}

var singleSignOn = SingleSignOnOptions.FromConfiguration(config);
var safetyNet = config.GetSection("SafetyNet").Get<SafetyNetOptions>() ?? new SafetyNetOptions();
if (safetyNet.Validate() is { Count: > 0 } safetyNetErrors)
{
    throw new InvalidOperationException("The safety net settings are not valid: " + string.Join(" ", safetyNetErrors));
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(session);
builder.Services.AddSingleton(new SingleSignOn(singleSignOn));
builder.Services.AddScoped<SingleSignOnAccounts>();
builder.Services.AddSingleton(WorkingDayCalendar.EnglandAndWales);
builder.Services.AddSingleton(config.GetSection("Documents:Pdf").Get<Probation.Web.Letters.PdfOptions>() ?? new Probation.Web.Letters.PdfOptions());
builder.Services.AddSingleton<Probation.Web.Letters.PdfPrinter>();
builder.Services.AddScoped<Probation.Web.Letters.LetterRenderer>();
builder.Services.AddSingleton(config.GetSection("Reports:DailyAggregates").Get<Probation.Application.Reports.ReportAggregatesOptions>() ?? new()).AddHostedService<Probation.Application.Reports.ReportAggregatesRefresher>();
builder.Services.AddSingleton(new AllocationMatrix(allocation, WorkingDayCalendar.EnglandAndWales));
builder.Services.AddSingleton(new SafetyNet(safetyNet, WorkingDayCalendar.EnglandAndWales));
builder.Services.AddSingleton(new Probation.Domain.Resettlement.ResettlementAlerts(Probation.Domain.Resettlement.ResettlementOptions.Checked(config.GetSection("Resettlement").Get<Probation.Domain.Resettlement.ResettlementOptions>()), WorkingDayCalendar.EnglandAndWales));
builder.Services.AddSingleton(Probation.Domain.Inspection.InspectionSampleOptions.Checked(config.GetSection("Inspection").Get<Probation.Domain.Inspection.InspectionSampleOptions>()));
builder.Services.AddProbationData(database);
var refreshAfter = config.GetValue("CaseStatus:RefreshAfterMidnight", Probation.Application.Supervision.CaseStatusRefreshOptions.Default.AfterMidnight);
if (refreshAfter < TimeSpan.Zero || refreshAfter > TimeSpan.FromHours(6))
{
    throw new InvalidOperationException($"CaseStatus:RefreshAfterMidnight must be from 00:00 to 06:00, not {refreshAfter}.");
}

var refreshBatch = config.GetValue("CaseStatus:RefreshBatchSize", Probation.Application.Supervision.CaseStatuses.BatchSize);
var refreshPause = config.GetValue("CaseStatus:RefreshPause", TimeSpan.Zero);
if (refreshBatch is < 1 or > 10_000 || refreshPause < TimeSpan.Zero || refreshPause > TimeSpan.FromMinutes(1))
{
    throw new InvalidOperationException($"CaseStatus:RefreshBatchSize must be from 1 to 10000 and CaseStatus:RefreshPause from 00:00:00 to 00:01:00, not {refreshBatch} and {refreshPause}.");
}

builder.Services.AddSingleton(new Probation.Application.Supervision.CaseStatusRefreshOptions(config.GetValue("CaseStatus:RefreshDaily", true), refreshAfter)
{
    BatchSize = refreshBatch,
    PauseBetweenBatches = refreshPause,
});

// Several nodes may share one PostgreSQL database: each scheduled job runs once a slot across them (ADR 0019).
var jobs = config.GetSection("Jobs");
builder.Services.AddSingleton(Probation.Application.Common.JobRunOptions.Checked(jobs["Node"], jobs.GetValue<TimeSpan?>("LeaseDuration"), jobs.GetValue<TimeSpan?>("Every")));

var sealing = config.GetSection("Audit:Sealing");
builder.Services.AddSingleton(Probation.Application.Audit.AuditSealOptions.Checked(
    sealing.GetValue<bool?>("Enabled"), sealing.GetValue<TimeSpan?>("Interval"), sealing.GetValue<TimeSpan?>("Horizon"), sealing.GetValue<int?>("MaxEntriesPerSeal")));
builder.Services.AddProbationUseCases();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<IRequestContext, HttpRequestContext>();

builder.Services
    .AddIdentity<ApplicationUser, IdentityRole>(o =>
    {
        o.Password.RequiredLength = 12;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
    })
    .AddEntityFrameworkStores<ProbationDbContext>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<ProbationClaimsFactory>();

builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "probation.session";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.LoginPath = "/sign-in";
    o.LogoutPath = "/sign-out";
    o.AccessDeniedPath = "/error/403";
    o.SlidingExpiration = true;
    o.ExpireTimeSpan = session.IdleTimeout;
});
builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
{
    o.ValidationInterval = session.StampCheckInterval;
    o.TimeProvider = clock;
});
builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
    .Configure<TimeProvider>((o, clock) => o.Events = CookieEvents.Create(session, clock));

var authentication = builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = AuthSchemes.Smart;
        o.DefaultChallengeScheme = AuthSchemes.Smart;
        o.DefaultAuthenticateScheme = AuthSchemes.Smart;
    })
    .AddBearerToken(AuthSchemes.Bearer, o => o.BearerTokenExpiration = session.TokenLifetime)
    .AddScheme<AuthenticationSchemeOptions, CalendarFeedAuthentication>(CalendarFeedAuthentication.SchemeName, null)
    .AddPolicyScheme(AuthSchemes.Smart, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
        ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? AuthSchemes.Bearer
            : IdentityConstants.ApplicationScheme);
if (singleSignOn is not null)
{
    // Beside local accounts, never instead: it only signs in people who already have an account (README, single sign-on).
    authentication.AddSingleSignOn(singleSignOn);
}

var authorization = builder.Services.AddAuthorizationBuilder();
CalendarApi.AddCalendarFeedPolicy(authorization);
authorization
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.CaseWorker, p => p.RequireRole(Roles.CaseWorkers))
    .AddPolicy(Policies.SystemAdministrator, p => p.RequireRole(Roles.SystemAdministrator));

builder.Services.AddDataProtection().PersistKeysToDbContext<ProbationDbContext>().SetApplicationName("probation");
builder.Services.AddRateLimiter(o => SignInRateLimit.Configure(o, session));
var proxies = ForwardedProxies.FromConfiguration(config);
if (proxies is not null)
{
    builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(proxies.Configure);
}

builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "probation.antiforgery";
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Cases", Policies.CaseWorker);
    o.Conventions.AuthorizeFolder("/Allocation", Policies.CaseWorker);
    o.Conventions.AuthorizeFolder("/Quality", Policies.CaseWorker);
    o.Conventions.AuthorizeFolder("/Admin", Policies.SystemAdministrator);
    o.Conventions.AllowAnonymousToPage("/Account/SignIn");
    o.Conventions.AllowAnonymousToPage("/Account/OrganisationSignIn");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AllowAnonymousToPage("/Accessibility");
    o.Conventions.ConfigureFilter(new PageMethodFilter());
    o.Conventions.Add(new RouteValuesFromRouteOnly());
});
builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<ProbationDbContext>("database")
    .AddCheck<Probation.Application.Common.StartUpWorkHealthCheck>("start-up work", tags: [Probation.Application.Common.StartUpWorkHealthCheck.Tag]);
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

var app = builder.Build();

if (args.Length > 0 && args[0] == "seed")
{
    return await SeedCommand.RunAsync(app, args[1..]);
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<Probation.Application.Demo.DatabaseInitialiser>().InitialiseAsync(demo, CancellationToken.None);
}

if (proxies is not null)
{
    // First, so that everything after sees the client's address and scheme rather than the load balancer's.
    app.UseForwardedHeaders();
}

app.UseSecurityHeaders();
app.UseWhen(
    ctx => ctx.Request.Path.StartsWithSegments("/api"),
    api =>
    {
        api.UseExceptionHandler();
        api.UseStatusCodePages();
        api.UseKnownRequestCharset();
    });
app.UseWhen(
    ctx => !ctx.Request.Path.StartsWithSegments("/api"),
    pages =>
    {
        pages.UseExceptionHandler("/error/500");
        pages.UseStatusCodePagesWithReExecute("/error/{0}");
    });
app.UseNulCharacterRefusal();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<TokenStampCheck>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi().AllowAnonymous();
// Liveness: the node answers and reaches its database. Readiness: that, and its start-up work is done.
app.MapHealthChecks("/health", new() { Predicate = c => !c.Tags.Contains(Probation.Application.Common.StartUpWorkHealthCheck.Tag) }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new()
{
    ResultStatusCodes = { [HealthStatus.Healthy] = StatusCodes.Status200OK, [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable, [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
}).AllowAnonymous();
app.MapRazorPages();
app.MapProbationApi();
app.MapAccountsApi();
app.MapCalendarApi();
app.MapDocumentsApi();
app.MapAllocationApi();
app.MapSupervisionApi();
app.MapImportsApi();
app.MapOversightApi();
app.MapReportsApi();
app.MapProgrammesApi();
app.MapResettlementApi();
app.MapUnpaidWorkApi();
app.MapInspectionApi();
app.MapQualityApi();
app.MapInspectionsApi();
app.MapBenchmarkEndpoints();

app.Run();
return 0;

/// <summary>The web application's entry point, public so that tests can host it.</summary>
public partial class Program;
