using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Identity;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Account;

/// <summary>
/// Single sign-on: the button on the sign-in page posts here to go to the organisation's identity provider, and the
/// provider's answer comes back here (through <c>/signin-oidc</c>) to be matched to an account. A match signs in
/// exactly as the password form does: the same session cookie, claims and security stamp.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class OrganisationSignInModel(
    SingleSignOn sso, SingleSignOnAccounts accounts, SignInManager<ApplicationUser> signIn, TimeProvider clock, ILogger<OrganisationSignInModel> log)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Failed { get; set; }

    public SingleSignOnOutcome? Refusal { get; private set; }

    /// <summary>The provider's identifier for the person, shown back to them when no account has it.</summary>
    public string? Identifier { get; private set; }

    public string Organisation => sso.Options.DisplayName!;

    /// <summary>True when the identity provider could not be reached to start signing in.</summary>
    public bool ProviderUnavailable { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!sso.Enabled)
        {
            return NotFound();
        }

        var back = Url.Page("/Account/OrganisationSignIn", null, new { returnUrl = SafeReturnUrl() });
        try
        {
            // Run here rather than as a result, so that a provider that cannot be reached is a page, not a server error.
            await HttpContext.ChallengeAsync(SingleSignOn.Scheme, new AuthenticationProperties { RedirectUri = back });
            return new EmptyResult();
        }
        catch (Exception e) when (!Response.HasStarted && e is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException)
        {
            // The handler reads the provider's discovery document before redirecting: unreachable, or not a provider.
            SingleSignOnLog.ProviderUnreachable(log, e.GetType().Name);
            ProviderUnavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!sso.Enabled)
        {
            return NotFound();
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
        {
            if (Failed)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            return Redirect("/sign-in");
        }

        // The provider's answer is used once: the external cookie goes whatever the outcome.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var result = await accounts.MatchAsync(external.Principal, ct);
        if (result.Outcome != SingleSignOnOutcome.SignedIn)
        {
            Refusal = result.Outcome;
            Identifier = result.Identifier;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        await signIn.SignInAsync(result.User!, CookieEvents.NewSession(clock), authenticationMethod: "oidc");
        SingleSignOnLog.SignedIn(log, result.User!.Id);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
