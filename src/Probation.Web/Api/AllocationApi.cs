using Microsoft.AspNetCore.Mvc;
using Probation.Domain.Allocation;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

/// <summary>The body of a what-if recommendation. Codes are strings so that an unknown one gets a clear 400 naming it.</summary>
public sealed record RecommendationRequest(
    string? Gender,
    string? RoshLevel,
    int? OgrsScore,
    IReadOnlyList<string>? Flags,
    IReadOnlyList<string>? Requirements,
    IReadOnlyList<string>? Unknown,
    DateOnly? ReceivedOn);

public sealed record ReasonResponse(string Rule, string Text);

public sealed record AllocationRequest(int? StaffMemberId, int? Version, string? OverrideReason);

public sealed record RecommendationResponse(
    RequiredGrade RequiredGrade,
    ResourceLevel? ResourceLevel,
    bool FemaleOfficerRequired,
    AllocationDecider DecidedBy,
    DateOnly? ReferralDueDate,
    IReadOnlyList<ReasonResponse> Reasons);

public static class AllocationApi
{
    private static readonly string[] Genders = ["Male", "Female", "NotStated"];

    public static readonly string CodesDescription =
        "Codes. gender: " + string.Join(", ", Genders)
        + ". roshLevel: " + string.Join(", ", Enum.GetNames<RoshLevel>()) + " (null: unknown)"
        + ". ogrsScore: 0–99 (null: unknown)"
        + ". flags: " + string.Join(", ", Enum.GetNames<AllocationFlag>())
        + ". requirements: " + string.Join(", ", Enum.GetNames<AllocationRequirement>())
        + ". unknown: " + string.Join(", ", Enum.GetNames<UnknownFactor>())
        + ". Answers: requiredGrade " + string.Join(" or ", Enum.GetNames<RequiredGrade>())
        + "; resourceLevel " + string.Join(", ", Enum.GetNames<ResourceLevel>()) + " (null when the OGRS score is unknown)"
        + "; decidedBy " + string.Join(" or ", Enum.GetNames<AllocationDecider>())
        + "; referralDueDate null when not referred; reasons, each with the matrix rule (1–5) and its text. An unknown code is a 400.";

    public static void MapAllocationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/allocation").WithTags("Allocation").RequireAuthorization(Policies.CaseWorker);
        group.MapPost("/recommendation", Recommend)
            .DisableAntiforgery()
            .WithSummary("What the allocation matrix recommends for a case (a what-if: nothing is stored)")
            .WithDescription(CodesDescription)
            .Produces<RecommendationResponse>()
            .ProducesValidationProblem();

        app.MapGet("/api/v1/teams/{id:int}/allocation-queue", async (int id, Probation.Application.Allocation.AllocationQueries q, CancellationToken ct) =>
                await q.QueueAsync(id, ct) is { } rows ? Results.Ok(rows) : ApiResults.NotFound("No team has that id."))
            .WithTags("Allocation").RequireAuthorization(Policies.CaseWorker)
            .WithSummary("A team's cases waiting for allocation, oldest first, with the matrix outcome");
        app.MapGet("/api/v1/teams/{id:int}/workload", async (int id, Probation.Application.Allocation.AllocationQueries q, CancellationToken ct) =>
                await q.WorkloadAsync(id, ct) is { } rows ? Results.Ok(rows) : ApiResults.NotFound("No team has that id."))
            .WithTags("Allocation").RequireAuthorization(Policies.CaseWorker)
            .WithSummary("Each officer's cases, workload points, available points and capacity");
        app.MapGet("/api/v1/cases/{crn}/allocation/candidates", async (string crn, Probation.Application.Allocation.AllocationQueries q, CancellationToken ct) =>
            {
                if (!Crn.TryParse(crn, out _))
                {
                    return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
                }

                return await q.CandidatesAsync(crn, ct) is { } list ? Results.Ok(list) : ApiResults.NotFound("No case has that CRN, or you do not have access to it.");
            })
            .WithTags("Allocation").RequireAuthorization(Policies.CaseWorker)
            .WithSummary("The officers who could take a case, ranked, each with the reason for their place");
        app.MapPost("/api/v1/cases/{crn}/allocation", async (string crn, [FromBody] AllocationRequest? body, HttpContext http, Probation.Application.Allocation.AllocateCase allocate, CancellationToken ct) =>
            {
                if (!Crn.TryParse(crn, out _))
                {
                    return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
                }

                if (body?.StaffMemberId is not { } staffId)
                {
                    return ApiResults.BadRequest("Send staffMemberId: the officer you are allocating the case to.", "staffMemberId");
                }

                var (version, fromIfMatch, error) = ApiResults.CaseVersion(http, body.Version);
                if (error is not null)
                {
                    return error;
                }

                var outcome = await allocate.RunAsync(new Probation.Application.Allocation.AllocateCaseCommand(crn, staffId, version, body.OverrideReason), ct);
                return ApiResults.FromWrite(outcome, fromIfMatch, () => Results.NoContent());
            })
            .DisableAntiforgery().WithTags("Allocation").RequireAuthorization(Policies.CaseWorker)
            .WithSummary("Allocate a case: within the matrix, or outside it by a team manager with overrideReason. The case version comes as If-Match (a stale one is 412) or as \"version\" (409).");
    }

    private static IResult Recommend([FromBody] RecommendationRequest? body, AllocationMatrix matrix, TimeProvider clock)
    {
        if (body is null)
        {
            return ApiResults.BadRequest("Send the case's details as JSON.");
        }

        var errors = new Dictionary<string, string[]>();
        var gender = Domain.Common.Gender.NotStated;
        if (body.Gender is null || !Genders.Contains(body.Gender, StringComparer.Ordinal))
        {
            errors["gender"] = [$"gender must be one of {string.Join(", ", Genders)}."];
        }
        else
        {
            gender = Enum.Parse<Domain.Common.Gender>(body.Gender);
        }

        RoshLevel? rosh = null;
        if (body.RoshLevel is not null)
        {
            if (Enum.GetNames<RoshLevel>().Contains(body.RoshLevel, StringComparer.Ordinal))
            {
                rosh = Enum.Parse<RoshLevel>(body.RoshLevel);
            }
            else
            {
                errors["roshLevel"] = [$"'{body.RoshLevel}' is not a RoSH level: use {string.Join(", ", Enum.GetNames<RoshLevel>())}, or null when unknown."];
            }
        }

        OgrsScore? ogrs = null;
        if (body.OgrsScore is { } score)
        {
            if (OgrsScore.TryFrom(score, out var o))
            {
                ogrs = o;
            }
            else
            {
                errors["ogrsScore"] = [$"An OGRS score is from 0 to 99; {score} is outside that. Send null when unknown."];
            }
        }

        var flags = Codes<AllocationFlag>(body.Flags, "flags", errors);
        var requirements = Codes<AllocationRequirement>(body.Requirements, "requirements", errors);
        var unknown = Codes<UnknownFactor>(body.Unknown, "unknown", errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The request is not valid", detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var recommendation = matrix.Recommend(new AllocationInput(
            gender, rosh, ogrs, flags, requirements, unknown, body.ReceivedOn ?? Probation.Application.UkClock.Today(clock)));
        return Results.Ok(new RecommendationResponse(
            recommendation.RequiredGrade, recommendation.ResourceLevel, recommendation.FemaleOfficerRequired, recommendation.DecidedBy,
            recommendation.ReferralDueDate, recommendation.Reasons.Select(r => new ReasonResponse(r.Rule, r.Text)).ToList()));
    }

    private static HashSet<T> Codes<T>(IReadOnlyList<string>? codes, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        var set = new HashSet<T>();
        var names = Enum.GetNames<T>();
        var bad = new List<string>();
        foreach (var code in codes ?? [])
        {
            if (code is not null && names.Contains(code, StringComparer.Ordinal))
            {
                set.Add(Enum.Parse<T>(code));
            }
            else
            {
                bad.Add(code ?? "null");
            }
        }

        if (bad.Count > 0)
        {
            errors[field] = [$"Unknown {field} code{(bad.Count == 1 ? "" : "s")} {string.Join(", ", bad.Select(b => $"'{b}'"))}: use {string.Join(", ", names)}."];
        }

        return set;
    }
}
