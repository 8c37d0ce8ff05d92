using Microsoft.AspNetCore.Mvc;
using Probation.Application;
using Probation.Application.Resettlement;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Resettlement;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

public sealed record CustodyRequest(
    int? Version, string? PrisonCode, DateOnly? ReceptionDate, DateOnly? SentenceDate, int? SentenceLengthMonths, DateOnly? ExpectedReleaseDate,
    ReleaseType? ReleaseType, bool WomensThroughcare);

public sealed record PathwayStatusRequest(Pathway? Pathway, PathwayStatus? Status, string? Actions, string? Partner);

public sealed record ScreeningRequest(int? Version, DateOnly? On, IReadOnlyList<PathwayStatusRequest>? Pathways);

public sealed record ResettlementPlanRequest(int? Version, DateOnly? On, IReadOnlyList<PathwayStatusRequest>? Pathways, string? RiskOfHarmConsidered);

public sealed record ActivityRequest(int? Version, DateOnly? On, Pathway? Pathway, string? Description, string? DeliveredBy, string? CoordinatedWith);

public sealed record HandoverRequest(int? Version, DateOnly? On, string? To, string? Notes);

public sealed record ReleaseRequest(int? Version, DateOnly? On, AccommodationOnRelease? Accommodation, DateOnly? FirstAppointmentOn, bool? BenefitsInPlace, string? Notes);

/// <summary>
/// Through the Gate resettlement through the API (standard 4.2): the prison caseload, a person's custody
/// and resettlement record, and its writes. Every write takes the case's version (If-Match, answered 412
/// when stale; or "version" in the body, answered 409) and returns the record's id and the case's new version.
/// </summary>
public static class ResettlementApi
{
    public static readonly string AlertCodesDescription =
        "Each alert has a code, a severity (High or Medium), the reason in words, the last day the work was on time and the page that resolves it. "
        + "No alert is raised once the release is recorded. Codes: "
        + string.Join("; ", Enum.GetValues<ResettlementAlertCode>().Select(c => $"{c}: {ResettlementAlerts.Describe(c)}")) + ".";

    public static void MapResettlementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/resettlement").WithTags("Resettlement").RequireAuthorization(Policies.CaseWorker).DisableAntiforgery();

        api.MapGet("/prisons", (ResettlementQueries q, CancellationToken ct) => q.PrisonsAsync(ct))
            .WithSummary("The provider's prisons (their codes filter the caseload)");
        api.MapGet("/caseload", CaseloadAsync)
            .WithSummary("People in custody not yet released, soonest release first, with their stage and resettlement alerts; prison narrows it to one prison")
            .WithDescription(AlertCodesDescription)
            .Produces<Paged<CaseloadRow>>();
        api.MapGet("/{crn}", ReadAsync)
            .WithSummary("A person's custody and resettlement record: prison, sentence, release, pathways, activities, handover, the day of release, alerts")
            .WithDescription(AlertCodesDescription)
            .Produces<ResettlementView>();

        api.MapPost("/{crn}/custody", (string crn, [FromBody] CustodyRequest? b, RecordCustody use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, Missing(b), v => use.RunAsync(ToCommand(crn, v, null, b!), ct)))
            .WithSummary("Record that the person is in custody")
            .WithDescription("releaseType: " + Names<ReleaseType>() + ". prisonCode: see /api/v1/resettlement/prisons. The expected release date is refused before the sentence or reception date, or after the sentence ends.");
        api.MapPut("/{crn}/custody/{id:int}", (string crn, int id, [FromBody] CustodyRequest? b, RecordCustody use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, Missing(b), v => use.RunAsync(ToCommand(crn, v, id, b!), ct)))
            .WithSummary("Correct the open custody record");
        api.MapPut("/{crn}/screening", (string crn, [FromBody] ScreeningRequest? b, RecordScreening use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, b is null ? "Send the screening as JSON." : b.On is null ? "Send on." : Missing(b.Pathways),
                    v => use.RunAsync(new ScreeningCommand(crn, v, b!.On!.Value, (b.Pathways ?? []).GroupBy(p => p.Pathway!.Value).ToDictionary(g => g.Key, g => g.Last().Status!.Value)), ct)))
            .WithSummary("Screen resettlement needs after reception: a status for every pathway")
            .WithDescription("pathways[].pathway: " + Names<Pathway>() + ". status: " + Names<PathwayStatus>() + ".");
        api.MapPut("/{crn}/plan", (string crn, [FromBody] ResettlementPlanRequest? b, WriteResettlementPlan use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, b is null ? "Send the plan as JSON." : b.On is null ? "Send on." : Missing(b.Pathways),
                    v => use.RunAsync(new ResettlementPlanCommand(crn, v, b!.On!.Value, (b.Pathways ?? []).Select(p => new PathwayInput(p.Pathway!.Value, p.Status!.Value, p.Actions, p.Partner)).ToList(), b.RiskOfHarmConsidered), ct)))
            .WithSummary("Write or revise the pre-release resettlement plan: each pathway's status, actions and partner organisation, and how risk of harm is taken into account")
            .WithDescription("pathways[].pathway: " + Names<Pathway>() + ". status: " + Names<PathwayStatus>()
                + " (SupportNotRequired, Declined and Done count as complete; InProgress and SupportRequired need actions and partner). Screening comes first.");
        api.MapPost("/{crn}/activities", (string crn, [FromBody] ActivityRequest? b, RecordResettlementActivity use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, b is null ? "Send the activity as JSON." : b.On is null ? "Send on." : b.Pathway is null ? "Send pathway: " + Names<Pathway>() + "." : null,
                    v => use.RunAsync(new ActivityCommand(crn, v, b!.On!.Value, b.Pathway!.Value, b.Description, b.DeliveredBy, b.CoordinatedWith), ct)))
            .WithSummary("Record an activity delivered in prison and the other prison services it was coordinated with");
        api.MapPut("/{crn}/handover", (string crn, [FromBody] HandoverRequest? b, RecordHandover use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, b?.On is null ? "Send on and to." : null, v => use.RunAsync(new HandoverCommand(crn, v, b!.On!.Value, b.To, b.Notes), ct)))
            .WithSummary("Record the handover to the community responsible officer and local providers before release");
        api.MapPut("/{crn}/release", (string crn, [FromBody] ReleaseRequest? b, RecordRelease use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, b?.On is null ? "Send on." : null,
                    v => use.RunAsync(new ReleaseCommand(crn, v, b!.On!.Value, b.Accommodation, b.FirstAppointmentOn, b.BenefitsInPlace, b.Notes), ct)))
            .WithSummary("Record the day of release and what was in place: accommodation, the first appointment, benefits")
            .WithDescription("accommodation: " + Names<AccommodationOnRelease>() + ".");
    }

    private static string Names<T>()
        where T : struct, Enum => ApiResults.Names<T>();

    private static async Task<IResult> CaseloadAsync(ResettlementQueries q, string? prison, int? page, int? pageSize, CancellationToken ct)
    {
        if (pageSize is < 1 or > Paging.MaxPageSize)
        {
            return ApiResults.BadRequest($"pageSize is from 1 to {Paging.MaxPageSize}.", "pageSize");
        }

        if (page is < 1)
        {
            return ApiResults.BadRequest("page starts at 1.", "page");
        }

        return Results.Ok(await q.CaseloadAsync(prison, page ?? 1, pageSize ?? 50, "Prison resettlement caseload (API)", ct));
    }

    private static async Task<IResult> ReadAsync(string crn, ResettlementQueries q, HttpContext http, CancellationToken ct)
    {
        if (!Crn.TryParse(crn, out _))
        {
            return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
        }

        var lookup = await q.GetAsync(crn, "Resettlement record (API)", ct);
        if (lookup.Restricted)
        {
            return ApiResults.Restricted();
        }

        if (lookup.View is null)
        {
            return ApiResults.NotFound("No case has that CRN, or you do not have access to it.");
        }

        http.Response.Headers.ETag = $"\"{lookup.View.Version}\"";
        return Results.Ok(lookup.View);
    }

    /// <summary>
    /// The shared steps of a write: a well-formed CRN, the body's required parts, the version (If-Match or
    /// body), then the use case; 201 with the id and the new version, or its refusal as ProblemDetails.
    /// </summary>
    private static Task<IResult> Write(HttpContext http, string crn, int? bodyVersion, string? malformed, Func<int, Task<Outcome<Saved>>> run) =>
        ApiResults.CaseWriteAsync(http, crn, bodyVersion, malformed, run, c => $"/api/v1/resettlement/{c.Value}");

    private static string? Missing(CustodyRequest? b) =>
        b is null ? "Send the custody record as JSON."
        : b.ReceptionDate is null ? "Send receptionDate."
        : b.SentenceDate is null ? "Send sentenceDate."
        : b.SentenceLengthMonths is null ? "Send sentenceLengthMonths."
        : b.ExpectedReleaseDate is null ? "Send expectedReleaseDate."
        : b.ReleaseType is null ? "Send releaseType: " + Names<ReleaseType>() + "."
        : null;

    private static string? Missing(IReadOnlyList<PathwayStatusRequest>? pathways) =>
        pathways?.Any(p => p.Pathway is null || p.Status is null) == true ? "Each pathway needs pathway and status." : null;

    private static CustodyCommand ToCommand(string crn, int version, int? id, CustodyRequest b) => new(
        crn, version, id, b.PrisonCode, b.ReceptionDate!.Value, b.SentenceDate!.Value, b.SentenceLengthMonths!.Value, b.ExpectedReleaseDate!.Value,
        b.ReleaseType!.Value, b.WomensThroughcare);
}
