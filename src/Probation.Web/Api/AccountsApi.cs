using Probation.Application.Identity;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

/// <summary>Accounts, for system administrators: disabling one ends its sessions and tokens.</summary>
public static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").RequireAuthorization(Policies.SystemAdministrator).WithTags("Accounts");
        accounts.MapPost("/{userName}/disable", async (string userName, DisableAccount use, CancellationToken ct) => await use.RunAsync(userName, ct) switch
            {
                DisableOutcome.Disabled => Results.NoContent(),
                DisableOutcome.Refused => ApiResults.Refused("An administrator cannot disable their own account.", null),
                _ => ApiResults.NotFound("No account has that user name."),
            })
            .DisableAntiforgery()
            .WithSummary("Disable an account: sign-in is refused, and its sessions and tokens end within the stamp check interval")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
