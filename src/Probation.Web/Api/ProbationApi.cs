using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Probation.Application;
using Probation.Application.Audit;
using Probation.Application.Cases;
using Probation.Application.Identity;
using Probation.Application.Organisation;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, DateTime ExpiresAtUtc);

public sealed record MeResponse(string UserName, int? StaffMemberId, int? TeamId, int? ProviderId, IReadOnlyList<string> Roles);

public sealed record RiskUpdateRequest(
    int? Version, RoshLevel? Rosh, bool RiskToChildren, bool RiskToKnownAdult, bool RiskToPublic, bool RiskToStaff,
    int? OgrsScore, DateOnly? AssessedOn);

/// <summary>The JSON API, <c>/api/v1</c>. Every endpoint calls the same use case as its page.</summary>
public static class ProbationApi
{
    public static void MapProbationApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").WithTags("Probation API");
        v1.MapPost("/auth/token", IssueTokenAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("Exchange a username and password for a bearer token");

        v1.MapGet("/me", (Probation.Application.Access.IRequestContext request) =>
                Results.Ok(new MeResponse(request.Viewer.UserName, request.Viewer.StaffMemberId, request.Viewer.TeamId, request.Viewer.ProviderId, request.Viewer.Roles.Order(StringComparer.Ordinal).ToList())))
            .RequireAuthorization()
            .WithSummary("Who the caller is: their staff record, team, provider and roles");

        var cases = v1.MapGroup("/cases").RequireAuthorization(Policies.CaseWorker);
        cases.MapGet("/", SearchCasesAsync).WithSummary("Search and list cases, a page at a time");
        cases.MapGet("/{crn}", GetCaseAsync).WithSummary("One case: risk, registrations, orders and requirements");
        cases.MapPut("/{crn}/risk", UpdateRiskAsync).DisableAntiforgery().WithSummary("Record a new risk of serious harm level and OGRS score");

        v1.MapGet("/staff", async (OrganisationQueries q, string? name, int? teamId, StaffGrade? grade, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await q.StaffAsync(name, teamId, grade, page ?? 1, pageSize ?? 25, ct)));
        v1.MapGet("/staff/{id:int}", async (OrganisationQueries q, int id, CancellationToken ct) =>
            await q.StaffMemberAsync(id, ct) is { } s ? Results.Ok(s) : ApiResults.NotFound("No member of staff has that id."));
        v1.MapGet("/teams", async (OrganisationQueries q, CancellationToken ct) => Results.Ok(await q.TeamsAsync(ct)));
        v1.MapGet("/teams/{id:int}", async (OrganisationQueries q, int id, CancellationToken ct) =>
            await q.TeamAsync(id, ct) is { } t ? Results.Ok(t) : ApiResults.NotFound("No team has that id."));
        v1.MapGet("/hubs", async (OrganisationQueries q, CancellationToken ct) => Results.Ok(await q.SitesAsync(SiteKind.CommunityHub, null, ct)));
        v1.MapGet("/sites", async (OrganisationQueries q, SiteKind? kind, CancellationToken ct) => Results.Ok(await q.SitesAsync(kind, null, ct)));
        v1.MapGet("/hubs/{id:int}", async (OrganisationQueries q, int id, CancellationToken ct) =>
            await q.SiteAsync(id, ct) is { } h ? Results.Ok(h) : ApiResults.NotFound("No site has that id."));

        v1.MapGet("/audit", async (SearchAuditLog q, string? crn, string? user, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
            {
                if (!string.IsNullOrWhiteSpace(crn) && !Crn.TryParse(crn, out _))
                {
                    return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
                }

                return Results.Ok(await q.RunAsync(new AuditSearch(crn, user, from, to, page ?? 1, pageSize ?? 50), ct));
            })
            .RequireAuthorization(Policies.SystemAdministrator);
        v1.MapGet("/audit/verify", async (AuditChain chain, CancellationToken ct) => Results.Ok(await chain.VerifyAsync(ct)))
            .RequireAuthorization(Policies.SystemAdministrator)
            .WithSummary("Check the audit log against its hash chain")
            .WithDescription("Walks every seal of the audit log in order, reads the entries and subjects each covers again and recomputes its hash. "
                + "ok is false when a seal's rows were changed, deleted or added since it was made; firstBrokenSeal names the first such seal and "
                + "brokenAfterEntryId and brokenThroughEntryId its range. Entries newer than the last seal (unsealedEntries) are sealed within minutes.")
            .Produces<AuditVerification>();
    }

    private static async Task<IResult> IssueTokenAsync(
        [FromBody] TokenRequest? request, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
        Microsoft.Extensions.Options.IOptionsMonitor<BearerTokenOptions> bearer, SessionLimits session, TimeProvider clock)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password)
            || request.Username.Length > 256 || request.Password.Length > 256)
        {
            return ApiResults.BadRequest("Send a username and a password.");
        }

        var user = await users.FindByNameAsync(request.Username.Trim());
        if (user is null)
        {
            return Results.Problem(title: "Sign-in failed", detail: "The username or password is not right.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return Results.Problem(title: "Account locked", detail: "Too many failed attempts. Try again in 15 minutes.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (!check.Succeeded)
        {
            return Results.Problem(title: "Sign-in failed", detail: "The username or password is not right.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var expires = clock.GetUtcNow().Add(session.TokenLifetime);
        var options = bearer.Get(AuthSchemes.Bearer);
        var ticket = new Microsoft.AspNetCore.Authentication.AuthenticationTicket(
            principal,
            new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = clock.GetUtcNow(), ExpiresUtc = expires },
            AuthSchemes.Bearer);
        var token = options.BearerTokenProtector.Protect(ticket);
        return Results.Ok(new TokenResponse(token, expires.UtcDateTime));
    }

    private static async Task<IResult> SearchCasesAsync(
        SearchCases search, string? q, int? teamId, int? officerId, RoshLevel? rosh, Probation.Domain.Risk.RegistrationType? registration,
        Gender? gender, int? page, int? pageSize, CancellationToken ct)
    {
        if (q is { Length: > 100 })
        {
            return ApiResults.BadRequest("A search is at most 100 characters.", "q");
        }

        if (pageSize is < 1 or > Paging.MaxPageSize)
        {
            return ApiResults.BadRequest($"pageSize is from 1 to {Paging.MaxPageSize}.", "pageSize");
        }

        if (page is < 1)
        {
            return ApiResults.BadRequest("page starts at 1.", "page");
        }

        var result = await search.RunAsync(new CaseSearch(q, teamId, officerId, rosh, registration, gender, page ?? 1, pageSize ?? 25), ct);
        return Results.Ok(new { items = result.Items, page = result.Page, pageSize = result.PageSize, total = result.Total });
    }

    private static async Task<IResult> GetCaseAsync(string crn, GetCaseOverview get, HttpContext http, CancellationToken ct)
    {
        if (!Crn.TryParse(crn, out _))
        {
            return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
        }

        var lookup = await get.RunAsync(crn, "Case record (API)", ct);
        if (lookup.Restricted)
        {
            return ApiResults.Restricted();
        }

        if (lookup.Case is null)
        {
            return ApiResults.NotFound("No case has that CRN, or you do not have access to it.");
        }

        http.Response.Headers.ETag = $"\"{lookup.Case.Version}\"";
        return Results.Ok(lookup.Case);
    }

    private static async Task<IResult> UpdateRiskAsync(string crn, [FromBody] RiskUpdateRequest? body, UpdateRiskProfile update, HttpContext http, CancellationToken ct)
    {
        if (!Crn.TryParse(crn, out _))
        {
            return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
        }

        if (body is null)
        {
            return ApiResults.BadRequest("Send the new risk profile as JSON.");
        }

        var (version, fromIfMatch, versionError) = ApiResults.CaseVersion(http, body.Version);
        if (versionError is not null)
        {
            return versionError;
        }

        if (body.Rosh is null)
        {
            return ApiResults.BadRequest("Select the risk of serious harm level.", "rosh");
        }

        if (body.AssessedOn is null)
        {
            return ApiResults.BadRequest("Send the date of the risk assessment.", "assessedOn");
        }

        var outcome = await update.RunAsync(
            new UpdateRiskProfileCommand(crn, version, body.Rosh.Value, body.RiskToChildren, body.RiskToKnownAdult, body.RiskToPublic,
                body.RiskToStaff, body.OgrsScore, body.AssessedOn.Value),
            ct);
        return ApiResults.FromWrite(outcome, fromIfMatch, () => Results.NoContent());
    }
}
