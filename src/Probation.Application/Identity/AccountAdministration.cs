using Microsoft.AspNetCore.Identity;
using Probation.Application.Access;

namespace Probation.Application.Identity;

/// <summary>What became of a request to disable an account.</summary>
public enum DisableOutcome
{
    Disabled,
    NotFound,
    Refused,
}

/// <summary>
/// A system administrator disables an account when its holder leaves or may no longer use the service: sign-in is
/// refused from then on, and every session and API token the account holds ends at its next check (within
/// <c>Session:StampCheckInterval</c>), because the account's security stamp changes.
/// </summary>
public sealed class DisableAccount(UserManager<ApplicationUser> users, IRequestContext request)
{
    public async Task<DisableOutcome> RunAsync(string userName, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 256)
        {
            return DisableOutcome.NotFound;
        }

        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            return DisableOutcome.NotFound;
        }

        // An administrator cannot lock themselves out: the service would be left without one.
        if (string.Equals(user.UserName, request.Viewer.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return DisableOutcome.Refused;
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        return DisableOutcome.Disabled;
    }
}
