using Probation.Application.Reports;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

/// <summary>The leaders' and performance team's reports through the API, with the same filters as the pages.</summary>
public static class ReportsApi
{
    private const string Filters = "Filters: teamId, hubId (a community hub's site id: people with a contact there in the 90 days to the day), officerId, and on (a date, default today). None: the whole provider.";

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.CaseWorker);
        reports.MapGet("/caseload-profile", async (int? teamId, int? hubId, int? officerId, DateOnly? on, ReportQueries q, CancellationToken ct) =>
                await q.CaseloadProfileAsync(new ReportScope(teamId, hubId, officerId, on), ct) is { } profile
                    ? Results.Ok(profile)
                    : ApiResults.NotFound("No team, hub or officer has that id in your provider, or you may not read reports."))
            .WithSummary("The caseload profile on a day: people, women, current domestic abuse, child safeguarding, officers and cases per officer, and the RoSH, OGRS, tier, order and requirement distributions")
            .WithDescription(Filters + " People are the cases a responsible officer held on the day (the caseload workload counts), whose first order had begun; percentages are of them.")
            .Produces<CaseloadProfile>();
        reports.MapGet("/needs", async (int? teamId, int? hubId, int? officerId, DateOnly? on, ReportQueries q, CancellationToken ct) =>
                await q.NeedsAsync(new ReportScope(teamId, hubId, officerId, on), ct) is { } needs
                    ? Results.Ok(needs)
                    : ApiResults.NotFound("No team, hub or officer has that id in your provider, or you may not read reports."))
            .WithSummary("The share of assessed people with each criminogenic need, and with it linked to offending and to harm, overall and by team")
            .WithDescription(Filters + " Assessed: a completed assessment on or before the day (the latest counts); a need counts when rated some or significant problems.")
            .Produces<NeedsAnalysis>();
    }
}
