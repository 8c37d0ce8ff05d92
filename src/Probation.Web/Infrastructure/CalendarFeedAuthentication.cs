using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Probation.Application.Calendars;
using Probation.Application.Identity;

namespace Probation.Web.Infrastructure;

/// <summary>
/// Signs a calendar feed request in as the feed's owner, from the secret in its URL: a calendar app sends no cookie
/// and no token. The owner's account must still be usable (a disabled or locked account's feeds stop), and the user
/// gets the same claims, and so the same access to cases, as when they sign in. An unknown or revoked secret is
/// answered 404, saying nothing of whether it ever existed.
/// </summary>
public sealed class CalendarFeedAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CalendarFeeds feeds, SignInManager<ApplicationUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CalendarFeed";

    /// <summary>The route value that carries the secret.</summary>
    public const string SecretRouteValue = "secret";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetRouteValue(SecretRouteValue) is not string secret)
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await feeds.OwnerAsync(secret, Context.RequestAborted);
        var user = owner is null ? null : await signIn.UserManager.FindByNameAsync(owner);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("No calendar feed has that address.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
