using Probation.Application;
using Probation.Application.Reports;
using Probation.Domain.Inspection;
using Probation.Domain.Oversight;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

/// <summary>The leaders' and performance team's reports through the API, with the same filters as the pages.</summary>
public static class ReportsApi
{
    private const string Filters = "Filters: teamId, hubId (a community hub's site id: people with a contact there in the 90 days to the day), officerId, and on (a date, default today). None: the whole provider.";

    private const string PeriodFilters = "Filters: teamId, officerId, hubId (a community hub's site id: people with a contact there in the period), from and to (dates; default: to today, from the first day of the month eleven months earlier, so twelve calendar months). " +
        "None: the whole provider. Each piece of work counts for the team and officer who held the case on its day. 400: a malformed filter, to after today, from after to, or a period over three years.";

    private const string NotFoundDetail = "No team, hub or officer has that id in your provider, or you may not read reports.";

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.CaseWorker);
        reports.MapGet("/caseload-profile", async (int? teamId, int? hubId, int? officerId, DateOnly? on, ReportQueries q, CancellationToken ct) =>
                await q.CaseloadProfileAsync(new ReportScope(teamId, hubId, officerId, on), ct) is { } profile
                    ? Results.Ok(profile)
                    : ApiResults.NotFound(NotFoundDetail))
            .WithSummary("The caseload profile on a day: people, women, current domestic abuse, child safeguarding, officers and cases per officer, and the RoSH, OGRS, tier, order and requirement distributions")
            .WithDescription(Filters + " People are the cases a responsible officer held on the day (the caseload workload counts), whose first order had begun; percentages are of them.")
            .Produces<CaseloadProfile>();
        reports.MapGet("/needs", async (int? teamId, int? hubId, int? officerId, DateOnly? on, ReportQueries q, CancellationToken ct) =>
                await q.NeedsAsync(new ReportScope(teamId, hubId, officerId, on), ct) is { } needs
                    ? Results.Ok(needs)
                    : ApiResults.NotFound(NotFoundDetail))
            .WithSummary("The share of assessed people with each criminogenic need, and with it linked to offending and to harm, overall and by team")
            .WithDescription(Filters + " Assessed: a completed assessment on or before the day (the latest counts); a need counts when rated some or significant problems.")
            .Produces<NeedsAnalysis>();

        var timeliness = app.ServiceProvider.GetRequiredService<TimelinessMeasures>();
        reports.MapGet("/timeliness", async (int? teamId, int? hubId, int? officerId, DateOnly? from, DateOnly? to, TimelinessQueries q, TimeProvider clock, CancellationToken ct) =>
            {
                var (start, end, refused) = TimelinessQueries.Period(from, to, clock.Today());
                if (refused is not null)
                {
                    return ApiResults.BadRequest(refused.Reason, refused.Field);
                }

                return await q.TimelinessAsync(new ReportPeriod(teamId, hubId, officerId, start, end), ct) is { } report
                    ? Results.Ok(report)
                    : ApiResults.NotFound(NotFoundDetail);
            })
            .WithSummary("Timeliness and delivery over a period: each measure's numerator, denominator and percentage, month by month and by team, with its definition")
            .WithDescription(PeriodFilters + " Measures: " + string.Join(" ", TimelinessMeasures.All.Select(m => $"{m} ({TimelinessMeasures.Describe(m)}): {timeliness.Define(m)}")))
            .Produces<TimelinessReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var indicators = app.ServiceProvider.GetRequiredService<ReadinessIndicators>();
        reports.MapGet("/inspection-readiness", async (int? teamId, int? hubId, int? officerId, DateOnly? on, ReadinessQueries q, TimeProvider clock, CancellationToken ct) =>
            {
                if (on > clock.Today())
                {
                    return ApiResults.BadRequest("The day must be today or in the past", "on");
                }

                return await q.ReadinessAsync(new ReportScope(teamId, hubId, officerId, on), ct) is { } readiness
                    ? Results.Ok(readiness)
                    : ApiResults.NotFound(NotFoundDetail);
            })
            .WithSummary("Inspection readiness on a day: for each case-based key question (2.1.1 to 2.4.3, 4.1.1 to 4.2.3) the cases answered yes, no and not applicable, the percentage and its band, per team and for the scope; each standard's band from its lowest key question; the latest quality audit (null until one exists)")
            .WithDescription(Filters + " " + ReadinessQueries.Notice + " " + Banding + " Indicators: "
                + string.Join(" ", Frameworks.CrcCaseKeyQuestions.Select(k => $"{k.Id}: {indicators.Define(k.Id)}")))
            .Produces<InspectionReadiness>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The rating rule, in the words the page and the API documentation use.</summary>
    public static readonly string Banding =
        "Percent: yes ÷ (yes + no), cases where it does not apply left out, as a whole number with halves rounded up. Band, as the inspectorate rates case-based standards: "
        + string.Join(", ", Enum.GetValues<Rating>().Reverse().Select(r => $"{Ratings.Define(r)} {Ratings.Describe(r)}"))
        + "; a standard takes the band of its lowest key question, and has none while any key question has no case it applies to.";
}
