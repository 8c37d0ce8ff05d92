using Microsoft.AspNetCore.Mvc;
using Probation.Application.Oversight;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Oversight;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

public sealed record CountersignRequest(int? Version, OversightSubject? Subject, int? SubjectId, string? Comment);

public sealed record DirectionRequest(int? Version, string? Direction, DateOnly? CheckBy);

public sealed record DirectionCheckRequest(int? Version, bool? Followed, string? Comment);

public sealed record StaffSupervisionRequest(DateOnly? On, IReadOnlyList<string>? Crns, string? Notes);

/// <summary>Management oversight through the API: the team manager's page, the cases behind each number, oversight on a case, staff supervision.</summary>
public static class OversightApi
{
    public static readonly string MeasuresDescription =
        "Measures: " + string.Join("; ", OversightMeasures.All.Select(m => $"{m}: {OversightMeasures.Define(m)}")) + ".";

    public static void MapOversightApi(this IEndpointRouteBuilder app)
    {
        var oversight = app.MapGroup("/api/v1/oversight").WithTags("Oversight").RequireAuthorization(Policies.CaseWorker);
        oversight.MapGet("/teams/{id:int}", TeamAsync)
            .WithSummary("A team's officers: caseload, workload, capacity and the work their cases are owed (team managers, senior leaders, quality officers)")
            .WithDescription(MeasuresDescription + " Filters: grade (" + SupervisionApi.Names<StaffGrade>() + "), highAlerts=true, overCapacity=true; sort (a measure) and order (asc or desc).")
            .Produces<TeamOversight>();
        oversight.MapGet("/teams/{id:int}/cases", CasesAsync)
            .WithSummary("The cases behind one number of the team page: measure, and officer (a staff id) for one officer's cases")
            .WithDescription(MeasuresDescription)
            .Produces<OversightCases>();

        var cases = app.MapGroup("/api/v1/cases").WithTags("Oversight").RequireAuthorization(Policies.CaseWorker).DisableAntiforgery();
        cases.MapGet("/{crn}/oversight", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => SupervisionApi.ReadAsync(crn, q, http, v => v.Oversight, ct))
            .WithSummary("Management oversight recorded on the case");
        cases.MapPost("/{crn}/oversight/countersignatures", (string crn, [FromBody] CountersignRequest? b, RecordOversight use, HttpContext http, CancellationToken ct) =>
                SupervisionApi.Write(http, crn, b?.Version, "oversight", b?.Subject is null ? "Send subject: Assessment, Plan or Review." : null,
                    v => use.CountersignAsync(new CountersignCommand(crn, v, b!.Subject!.Value, b.SubjectId, b.Comment), ct)))
            .WithSummary("The team manager countersigns an assessment (subjectId), the sentence plan, or a review (subjectId)");
        cases.MapPost("/{crn}/oversight/directions", (string crn, [FromBody] DirectionRequest? b, RecordOversight use, HttpContext http, CancellationToken ct) =>
                SupervisionApi.Write(http, crn, b?.Version, "oversight", b is null ? "Send the direction as JSON." : null,
                    v => use.DirectAsync(new DirectionCommand(crn, v, b!.Direction, b.CheckBy), ct)))
            .WithSummary("The team manager's direction on the case, with the date to check it was followed");
        cases.MapPatch("/{crn}/oversight/directions/{id:int}", (string crn, int id, [FromBody] DirectionCheckRequest? b, RecordOversight use, HttpContext http, CancellationToken ct) =>
                SupervisionApi.Write(http, crn, b?.Version, "oversight", b is null ? "Send followed (true or false) and, when not followed, a comment." : null,
                    v => use.CheckAsync(new DirectionCheckCommand(crn, v, id, b!.Followed, b.Comment), ct)))
            .WithSummary("Record the check of a direction: followed or not, and what happens next");

        var staff = app.MapGroup("/api/v1/staff").WithTags("Oversight").RequireAuthorization(Policies.CaseWorker).DisableAntiforgery();
        staff.MapGet("/{id:int}/supervision", async (int id, StaffSupervision q, CancellationToken ct) =>
                await q.GetAsync(id, ct) is { } page ? Results.Ok(page) : ApiResults.NotFound("No officer has that id, or you may not see their supervision."))
            .WithSummary("An officer's staff supervision sessions and the cases discussed");
        staff.MapPost("/{id:int}/supervision", async (int id, [FromBody] StaffSupervisionRequest? b, StaffSupervision use, CancellationToken ct) =>
            {
                if (b is null)
                {
                    return ApiResults.BadRequest("Send the supervision as JSON: on, crns, notes.");
                }

                var outcome = await use.RecordAsync(new StaffSupervisionCommand(id, b.On, b.Crns, b.Notes), ct);
                return ApiResults.From(outcome.Result, () => Results.Created($"/api/v1/staff/{id}/supervision", new { id = outcome.Value }));
            })
            .WithSummary("The officer's team manager records a staff supervision session and the cases discussed");
    }

    private static async Task<IResult> TeamAsync(int id, string? grade, bool? highAlerts, bool? overCapacity, string? sort, string? order, OversightQueries q, CancellationToken ct)
    {
        if (Filter(grade, highAlerts, overCapacity, sort, order) is not { } filter)
        {
            return ApiResults.BadRequest($"grade is one of {SupervisionApi.Names<StaffGrade>()}; sort is a measure ({SupervisionApi.Names<OversightMeasure>()}); order is asc or desc.");
        }

        return await q.TeamAsync(id, filter, ct) is { } team ? Results.Ok(team) : ApiResults.NotFound("No team has that id, or you may not oversee it.");
    }

    private static async Task<IResult> CasesAsync(int id, string? measure, int? officer, OversightQueries q, CancellationToken ct)
    {
        if (!Enum.TryParse<OversightMeasure>(measure, ignoreCase: false, out var m) || !Enum.IsDefined(m) || int.TryParse(measure, out _))
        {
            return ApiResults.BadRequest($"measure is one of {SupervisionApi.Names<OversightMeasure>()}.", "measure");
        }

        return await q.CasesAsync(id, m, officer, ct) is { } list ? Results.Ok(list) : ApiResults.NotFound("No team or officer has that id, or you may not oversee it.");
    }

    /// <summary>The page's and the API's filter from query text; null when a value is not one of the allowed ones.</summary>
    public static OversightFilter? Filter(string? grade, bool? highAlerts, bool? overCapacity, string? sort, string? order)
    {
        StaffGrade? g = null;
        if (!string.IsNullOrEmpty(grade))
        {
            if (!Enum.TryParse<StaffGrade>(grade, false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(grade, out _))
            {
                return null;
            }

            g = parsed;
        }

        OversightMeasure? by = null;
        if (!string.IsNullOrEmpty(sort))
        {
            if (!Enum.TryParse<OversightMeasure>(sort, false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(sort, out _))
            {
                return null;
            }

            by = parsed;
        }

        if (order is not (null or "" or "asc" or "desc"))
        {
            return null;
        }

        return new OversightFilter(g, highAlerts == true, overCapacity == true, by, order != "asc");
    }
}
