using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Probation.Application.Access;
using Probation.Application.Data;
using Probation.Application.Identity;

namespace Probation.Web.Infrastructure;

public static class ProbationClaims
{
    public const string StaffMemberId = "probation:staff";
    public const string ProviderId = "probation:provider";
    public const string TeamId = "probation:team";
    public const string DisplayName = "probation:name";
}

public static class AuthSchemes
{
    /// <summary>Chooses bearer tokens for scripts (an Authorization header) and the cookie for browsers.</summary>
    public const string Smart = "Probation";
    public const string Bearer = "BearerToken";
}

public static class Policies
{
    public const string CaseWorker = "CaseWorker";
    public const string SystemAdministrator = "SystemAdministrator";
}

/// <summary>Puts the staff record, provider and team into the sign-in, so each request knows the user's scope without a database read.</summary>
public sealed class ProbationClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, ProbationDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.StaffMemberId is { } staffId)
        {
            var staff = await db.Staff.AsNoTracking().Where(s => s.Id == staffId)
                .Select(s => new { s.ProviderId, s.TeamId }).SingleOrDefaultAsync();
            identity.AddClaim(new Claim(ProbationClaims.StaffMemberId, staffId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (staff?.ProviderId is { } p)
            {
                identity.AddClaim(new Claim(ProbationClaims.ProviderId, p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (staff?.TeamId is { } t)
            {
                identity.AddClaim(new Claim(ProbationClaims.TeamId, t.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        identity.AddClaim(new Claim(ProbationClaims.DisplayName, user.DisplayName ?? user.UserName ?? string.Empty));
        return identity;
    }
}

/// <summary>The current request as the use cases see it.</summary>
public sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    private Viewer? _viewer;

    public Viewer Viewer => _viewer ??= FromPrincipal(accessor.HttpContext?.User);

    public string Where
    {
        get
        {
            var http = accessor.HttpContext;
            if (http is null)
            {
                return "background";
            }

            // The route pattern, never the raw path: a path holds CRNs and search words.
            var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            return $"{http.Request.Method} /{(pattern ?? "unknown").TrimStart('/')}";
        }
    }

    public string? RequestId => accessor.HttpContext?.TraceIdentifier;

    public static Viewer FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return new Viewer("anonymous", null, null, null, new HashSet<string>());
        }

        static int? Int(ClaimsPrincipal u, string type) =>
            int.TryParse(u.FindFirstValue(type), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Viewer(
            user.Identity.Name ?? "unknown",
            Int(user, ProbationClaims.StaffMemberId),
            Int(user, ProbationClaims.ProviderId),
            Int(user, ProbationClaims.TeamId),
            roles);
    }
}

/// <summary>Session limits: an idle timeout (sliding cookie) and an absolute one from the moment of sign-in.</summary>
public sealed class SessionLimits
{
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often a session or token is checked against its account's security stamp. Signing out, disabling an
    /// account or changing its password changes the stamp, so every other session and token of that account ends
    /// within this time.
    /// </summary>
    public TimeSpan StampCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sign-in attempts (the sign-in form and the token endpoint) one client address may make a minute, whoever it
    /// names: the lock-out stops guessing one account's password, this stops trying one password on many accounts.
    /// </summary>
    public int SignInAttemptsPerMinute { get; set; } = 30;
}

/// <summary>The rate limit on sign-in attempts (<see cref="SessionLimits.SignInAttemptsPerMinute"/>), per client address.</summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static void Configure(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions o, SessionLimits session)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(Policy, ctx => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
            ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("reading the form")
            : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "no address",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = session.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        o.OnRejected = async (ctx, ct) =>
        {
            ctx.HttpContext.Response.Headers.RetryAfter = "60";
            if (ctx.HttpContext.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(title: "Too many sign-in attempts", detail: "Too many sign-in attempts from this address. Try again in a minute.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(ctx.HttpContext);
            }
        };
    }
}

/// <summary>
/// Bearer tokens carry the account's security stamp from when they were issued. A token whose stamp no longer matches
/// the account (signed out everywhere, disabled, password changed) is refused with 401. Each token is checked against
/// the database at most once per <see cref="SessionLimits.StampCheckInterval"/>. Each node keeps its own record of
/// the tokens it has checked, so with several nodes a token is checked once an interval on each node it reaches; the
/// bound is the same on every node: a revoked token is refused everywhere within one interval of the change.
/// </summary>
public sealed class TokenStampCheck(RequestDelegate next, SessionLimits session, TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _checked = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context, SignInManager<ApplicationUser> signIn)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var key = context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value + "|" + context.User.FindFirst(signIn.Options.ClaimsIdentity.SecurityStampClaimType)?.Value;
            var now = clock.GetUtcNow();
            if (!_checked.TryGetValue(key, out var at) || now - at >= session.StampCheckInterval)
            {
                if (await signIn.ValidateSecurityStampAsync(context.User) is null)
                {
                    _checked.TryRemove(key, out _);
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                if (_checked.Count > 10_000)
                {
                    _checked.Clear();
                }

                _checked[key] = now;
            }
        }

        await next(context);
    }
}

public static class CookieEvents
{
    public static CookieAuthenticationEvents Create(SessionLimits session, TimeProvider clock) => new()
    {
        OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized),
        OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden),
        OnValidatePrincipal = async ctx =>
        {
            // Sliding renewal moves IssuedUtc, so the moment of sign-in is kept in the ticket's own items.
            if (!SignedInAt(ctx.Properties, out var signedIn) || clock.GetUtcNow() - signedIn > session.AbsoluteTimeout)
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await SecurityStampValidator.ValidatePrincipalAsync(ctx);
        },
    };

    public const string SignedInAtItem = ".probation.signedin";

    public static Microsoft.AspNetCore.Authentication.AuthenticationProperties NewSession(TimeProvider clock) => new()
    {
        Items = { [SignedInAtItem] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static bool SignedInAt(Microsoft.AspNetCore.Authentication.AuthenticationProperties properties, out DateTimeOffset at)
    {
        at = default;
        if (properties.Items.TryGetValue(SignedInAtItem, out var text)
            && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            at = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return false;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
