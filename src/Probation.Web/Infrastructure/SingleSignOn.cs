using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Probation.Application.Identity;

namespace Probation.Web.Infrastructure;

/// <summary>Which field of a Probation account the identity provider's claim is compared with.</summary>
public enum SingleSignOnMatch
{
    Email,
    UserName,
}

/// <summary>One value of the organisation's role or group claim and the Probation role it gives.</summary>
public sealed class SingleSignOnRoleMapping
{
    public string? Value { get; set; }

    public string? Role { get; set; }
}

/// <summary>
/// Single sign-on through the organisation's OpenID Connect identity provider (<c>Authentication:OpenIdConnect</c>),
/// beside local accounts. Off unless <see cref="Authority"/> is set. The provider proves who the member of staff is;
/// the app still decides whether they may sign in: only into an existing account, and never a disabled or locked one.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    /// <summary>The identity provider's issuer address (its discovery document is read from below it), HTTPS.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The organisation's name on the sign-in button: "Sign in with {DisplayName} account".</summary>
    public string? DisplayName { get; set; }

    /// <summary>The claim that identifies the member of staff, compared with <see cref="MatchAccountBy"/>.</summary>
    public string AccountClaim { get; set; } = "email";

    public SingleSignOnMatch MatchAccountBy { get; set; } = SingleSignOnMatch.Email;

    /// <summary>The claim carrying the organisation's roles or groups (<c>roles</c>, <c>groups</c>); none leaves roles to the app.</summary>
    public string? RoleClaim { get; set; }

    public List<SingleSignOnRoleMapping> RoleMappings { get; set; } = [];

    /// <summary>Scopes asked for beyond <c>openid profile email</c>, where the provider needs one to send the role claim.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Whether <see cref="RoleMappings"/> decide roles at each sign-in.</summary>
    public bool MapsRoles => !string.IsNullOrWhiteSpace(RoleClaim) && RoleMappings.Count > 0;

    /// <summary>The roles the mapping manages: at each sign-in each is given or taken away as the provider says; others are left as they are.</summary>
    public IReadOnlySet<string> ManagedRoles => RoleMappings.Select(m => m.Role!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The settings, or null when single sign-on is off; settings that cannot work stop start-up with what is wrong.</summary>
    public static SingleSignOnOptions? FromConfiguration(IConfiguration config)
    {
        var section = config.GetSection(Section);
        if (!section.Exists())
        {
            return null;
        }

        SingleSignOnOptions options;
        try
        {
            options = section.Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong kind, such as MatchAccountBy neither Email nor UserName.
            throw new InvalidOperationException("The single sign-on settings are not valid: " + e.Message, e);
        }

        var errors = options.Validate();
        return errors.Count > 0
            ? throw new InvalidOperationException("The single sign-on settings are not valid: " + string.Join(" ", errors))
            : options;
    }

    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Authority))
        {
            errors.Add($"{Section}:Authority is needed: the identity provider's issuer address.");
        }
        else if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{Section}:Authority must be an absolute HTTPS address.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            errors.Add($"{Section}:ClientId is needed: the client id the identity provider gave this service.");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            errors.Add($"{Section}:ClientSecret is needed: the client secret the identity provider gave this service.");
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 60)
        {
            errors.Add($"{Section}:DisplayName is needed (at most 60 characters): the organisation's name on the sign-in button.");
        }

        if (string.IsNullOrWhiteSpace(AccountClaim))
        {
            errors.Add($"{Section}:AccountClaim is needed: the claim that identifies the member of staff, such as email or preferred_username.");
        }

        if (RoleMappings.Count > 0 && string.IsNullOrWhiteSpace(RoleClaim))
        {
            errors.Add($"{Section}:RoleClaim is needed with RoleMappings: the claim that carries the organisation's roles or groups.");
        }

        foreach (var (mapping, i) in RoleMappings.Select((m, i) => (m, i)))
        {
            if (string.IsNullOrWhiteSpace(mapping.Value))
            {
                errors.Add($"{Section}:RoleMappings:{i}:Value is needed: the value of the role claim.");
            }

            if (mapping.Role is null || !Roles.All.Contains(mapping.Role, StringComparer.Ordinal))
            {
                errors.Add($"{Section}:RoleMappings:{i}:Role must be one of {string.Join(", ", Roles.All)}.");
            }
        }

        return errors;
    }
}

/// <summary>Whether single sign-on is on, and its settings, for the pages.</summary>
public sealed class SingleSignOn(SingleSignOnOptions? options)
{
    /// <summary>The authentication scheme of the organisation's identity provider.</summary>
    public const string Scheme = "OpenIdConnect";

    /// <summary>Where the identity provider sends the browser back to (register it with the provider).</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The page that starts single sign-on and finishes it.</summary>
    public const string PagePath = "/sign-in/organisation";

    public bool Enabled => options is not null;

    /// <summary>Where the app's forms may lead: the app itself, and with single sign-on the identity provider's origin.</summary>
    public string FormAction { get; } = options is null ? "'self'" : "'self' " + new Uri(options.Authority!).GetLeftPart(UriPartial.Authority);

    public SingleSignOnOptions Options => options ?? throw new InvalidOperationException("Single sign-on is not configured.");

    public string ButtonText => $"Sign in with {Options.DisplayName} account";
}

public static class SingleSignOnRegistration
{
    /// <summary>
    /// The OpenID Connect handler: authorisation code flow with PKCE, its result held in Identity's short-lived external
    /// cookie until <c>/sign-in/organisation</c> matches it to an account and issues the app's own session cookie.
    /// </summary>
    public static AuthenticationBuilder AddSingleSignOn(this AuthenticationBuilder builder, SingleSignOnOptions settings)
    {
        return builder.AddOpenIdConnect(SingleSignOn.Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.RequireHttpsMetadata = true;
            o.CallbackPath = SingleSignOn.CallbackPath;
            o.SignInScheme = IdentityConstants.ExternalScheme;

            // The provider's claim names as sent (email, groups, roles), not mapped to long XML names.
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" }.Concat(settings.Scopes).Distinct(StringComparer.Ordinal))
            {
                o.Scope.Add(scope);
            }

            // The session that matters is the app's own cookie; the provider's tokens are kept no longer than sign-in takes.
            o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
            o.Events.OnRemoteFailure = ctx =>
            {
                // A tampered or replayed response, a cancelled sign-in at the provider, or the provider unreachable: the
                // user is told on a page; the log keeps the kind of failure, not the response (it may hold personal data).
                var log = ctx.HttpContext.RequestServices.GetRequiredService<ILogger<SingleSignOn>>();
                SingleSignOnLog.ProviderFailed(log, ctx.Failure?.GetType().Name ?? "unknown");
                ctx.Response.Redirect(SingleSignOn.PagePath + "?failed=true");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}

/// <summary>What became of a single sign-on: signed in to an account, or refused and why.</summary>
public enum SingleSignOnOutcome
{
    SignedIn,
    NoIdentifyingClaim,
    NoAccount,
    SeveralAccounts,
    Disabled,
    LockedOut,
}

public sealed record SingleSignOnResult(SingleSignOnOutcome Outcome, ApplicationUser? User, string? Identifier);

/// <summary>
/// Matches the person the identity provider vouches for to an existing account and, where roles are mapped, brings
/// the account's mapped roles into line with the provider's claim. Nobody is given an account they do not already
/// have; a disabled or locked-out account is refused just as at the password form.
/// </summary>
public sealed class SingleSignOnAccounts(
    SingleSignOn sso, UserManager<ApplicationUser> users, ILogger<SingleSignOnAccounts> log)
{
    public async Task<SingleSignOnResult> MatchAsync(ClaimsPrincipal external, CancellationToken ct)
    {
        var options = sso.Options;
        var identifier = external.FindFirst(options.AccountClaim)?.Value?.Trim();
        if (string.IsNullOrEmpty(identifier) || identifier.Length > 256)
        {
            SingleSignOnLog.Refused(log, nameof(SingleSignOnOutcome.NoIdentifyingClaim), "none");
            return new(SingleSignOnOutcome.NoIdentifyingClaim, null, null);
        }

        var normalised = options.MatchAccountBy == SingleSignOnMatch.Email ? users.NormalizeEmail(identifier) : users.NormalizeName(identifier);
        var query = options.MatchAccountBy == SingleSignOnMatch.Email
            ? users.Users.Where(u => u.NormalizedEmail == normalised)
            : users.Users.Where(u => u.NormalizedUserName == normalised);

        // Email addresses need not be unique between accounts: two accounts with one address are refused, not guessed between.
        var matches = await query.OrderBy(u => u.Id).Take(2).ToListAsync(ct);
        if (matches.Count != 1)
        {
            var outcome = matches.Count == 0 ? SingleSignOnOutcome.NoAccount : SingleSignOnOutcome.SeveralAccounts;
            SingleSignOnLog.Refused(log, outcome.ToString(), "none");
            return new(outcome, null, identifier);
        }

        var user = matches[0];
        if (await users.IsLockedOutAsync(user))
        {
            // Disabling an account locks it out for good (DisableAccount); failed passwords lock it for a while.
            var outcome = user.LockoutEnd == DateTimeOffset.MaxValue ? SingleSignOnOutcome.Disabled : SingleSignOnOutcome.LockedOut;
            SingleSignOnLog.Refused(log, outcome.ToString(), user.Id);
            return new(outcome, user, identifier);
        }

        if (options.MapsRoles)
        {
            await ApplyRolesAsync(user, external, options);
        }

        return new(SingleSignOnOutcome.SignedIn, user, identifier);
    }

    /// <summary>
    /// The provider is the source of truth for the roles the mapping names: each is given when a mapped claim value is
    /// present and taken away when none is. Roles the mapping does not name are never given, and are left as the
    /// system administrator set them. A change ends the account's other sessions and tokens (a new security stamp), so
    /// no session keeps a role the provider has taken away.
    /// </summary>
    private async Task ApplyRolesAsync(ApplicationUser user, ClaimsPrincipal external, SingleSignOnOptions options)
    {
        var values = external.FindAll(options.RoleClaim!).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var granted = options.RoleMappings.Where(m => values.Contains(m.Value!)).Select(m => m.Role!).ToHashSet(StringComparer.Ordinal);
        var managed = options.ManagedRoles;
        var current = await users.GetRolesAsync(user);
        var add = granted.Except(current, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var remove = current.Where(managed.Contains).Except(granted, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (add.Count == 0 && remove.Count == 0)
        {
            return;
        }

        if (add.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, add));
        }

        if (remove.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, remove));
        }

        Check(await users.UpdateSecurityStampAsync(user));
        SingleSignOnLog.RolesChanged(log, user.Id, string.Join(",", add), string.Join(",", remove));

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Could not change the account's roles: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }
        }
    }
}

/// <summary>Single sign-on's log lines: outcomes and role changes by account id and role name, never a name or address.</summary>
public static partial class SingleSignOnLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Single sign-on: account {AccountId} signed in")]
    public static partial void SignedIn(ILogger logger, string accountId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Single sign-on refused ({Reason}); account {AccountId}")]
    public static partial void Refused(ILogger logger, string reason, string accountId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Single sign-on: account {AccountId} roles changed by the identity provider: added [{Added}], removed [{Removed}]")]
    public static partial void RolesChanged(ILogger logger, string accountId, string added, string removed);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Single sign-on could not start: the identity provider's discovery document could not be read ({Failure})")]
    public static partial void ProviderUnreachable(ILogger logger, string failure);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Single sign-on failed at the identity provider's response ({Failure})")]
    public static partial void ProviderFailed(ILogger logger, string failure);
}
