using Microsoft.AspNetCore.Mvc;
using Probation.Application.Programmes;
using Probation.Application.Supervision;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Programmes;
using Probation.Domain.Supervision;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

public sealed record ProgrammeReferralRequest(string? Crn, int? Version, int? RequirementId, DateOnly? On, GroupTime? PreferredTime, string? Notes);

public sealed record ReferralStatusRequest(int? Version, ReferralStatus? Status, DateOnly? On, string? Reason);

public sealed record JoinGroupRequest(int? Version, int? GroupId);

public sealed record ProgrammeGroupRequest(AccreditedProgramme? Programme, int? SiteId, GroupTime? Time, DateOnly? StartDate, int? Capacity, IReadOnlyList<int>? FacilitatorIds);

public sealed record ProgrammeSessionRequest(int? Version, DateOnly? On, TimeOnly? StartsAt, TimeOnly? EndsAt);

public sealed record ProgrammeAttendanceRequest(int? ReferralId, int? Version, ContactOutcome? Outcome, string? Notes, AbsenceDecision? Decision, string? DecisionReason);

/// <summary>
/// Accredited programmes through the API: referrals and their statuses, the waiting list with its
/// figures, groups and their sessions, and attendance. A change to a referral is a change to the
/// person's case: it takes the case's version (If-Match, answered 412 when stale; or "version" in the
/// body, answered 409) and returns the new one. A change to a group takes the group's version the same way.
/// </summary>
public static class ProgrammesApi
{
    private static readonly string Statuses =
        "Statuses: " + string.Join("; ", Enum.GetValues<ReferralStatus>().Select(s =>
            $"{s} ({ProgrammeRules.Describe(s).ToLowerInvariant()}) → {(ProgrammeRules.Transitions[s].Count == 0 ? "closed" : string.Join(", ", ProgrammeRules.Transitions[s]))}")) + ".";

    public static void MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/programmes").WithTags("Programmes").RequireAuthorization(Policies.CaseWorker).DisableAntiforgery();

        api.MapGet("/referrals", async (AccreditedProgramme? programme, ReferralStatus? status, ProgrammeQueries q, CancellationToken ct) =>
                await q.ReferralsAsync(programme, status, ct) is { } rows ? Results.Ok(rows) : Forbidden())
            .WithSummary("Programme referrals, latest first (up to 500), filtered by programme and status")
            .WithDescription("programme: " + Names<AccreditedProgramme>() + ". " + Statuses)
            .Produces<IReadOnlyList<ReferralRow>>();
        api.MapGet("/referrals/{id:int}", async (int id, ProgrammeQueries q, ProgrammeAccess access, HttpContext http, CancellationToken ct) =>
            {
                if (!await access.MayReadAsync(ct))
                {
                    return Forbidden();
                }

                if (await q.ReferralAsync(id, ct) is not { } row)
                {
                    return ApiResults.NotFound("No referral has that id, or you do not have access to it.");
                }

                http.Response.Headers.ETag = $"\"{row.CaseVersion}\"";
                return Results.Ok(row);
            })
            .WithSummary("One referral; its ETag is the version of the person's case")
            .Produces<ReferralRow>();
        api.MapPost("/referrals", async ([FromBody] ProgrammeReferralRequest? b, ReferToProgramme use, HttpContext http, CancellationToken ct) =>
            {
                if (b is null || b.Crn is null || b.RequirementId is null)
                {
                    return ApiResults.BadRequest("Send crn and requirementId (the accredited programme requirement of the current order).");
                }

                if (!Crn.TryParse(b.Crn, out _))
                {
                    return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
                }

                return await Write(http, b.Version, v => use.RunAsync(new ReferToProgrammeCommand(b.Crn, v, b.RequirementId, b.On, b.PreferredTime, b.Notes), ct), id => $"/api/v1/programmes/referrals/{id}");
            })
            .WithSummary("Refer a person to the accredited programme their order requires (the responsible officer or their team)")
            .WithDescription("version: the case's version. preferredTime: " + Names<GroupTime>() + ". The referral starts as Submitted.")
            .Produces<WriteResponse>(StatusCodes.Status201Created);
        api.MapPost("/referrals/{id:int}/status", async (int id, [FromBody] ReferralStatusRequest? b, ManageReferral use, HttpContext http, CancellationToken ct) =>
                b?.Status is null
                    ? ApiResults.BadRequest("Send status: " + Names<ReferralStatus>() + ".", "status")
                    : await Write(http, b.Version, v => use.MoveAsync(new MoveReferralCommand(id, v, b.Status.Value, b.On, b.Reason), ct), _ => $"/api/v1/programmes/referrals/{id}"))
            .WithSummary("Move a referral on: assessment, group ready, the waiting list, completion or not, withdrawal")
            .WithDescription(Statuses + " An illegal move is a 422 naming status. A reason is required for SuitableNotReady, NotSuitable, NotCompleted and Withdrawn. OnProgramme is reached by joining a group.")
            .Produces<WriteResponse>(StatusCodes.Status201Created);
        api.MapPost("/referrals/{id:int}/group", async (int id, [FromBody] JoinGroupRequest? b, ManageReferral use, HttpContext http, CancellationToken ct) =>
                b?.GroupId is null
                    ? ApiResults.BadRequest("Send groupId.", "groupId")
                    : await Write(http, b.Version, v => use.JoinAsync(new JoinGroupCommand(id, v, b.GroupId.Value), ct), _ => $"/api/v1/programmes/referrals/{id}"))
            .WithSummary("A person on the waiting list (group ready) joins a group of their programme; refused when the group is full")
            .Produces<WriteResponse>(StatusCodes.Status201Created);

        api.MapGet("/waiting-list", async (AccreditedProgramme? programme, ProgrammeQueries q, CancellationToken ct) =>
                await q.WaitingListAsync(programme, ct) is { } view ? Results.Ok(view) : Forbidden())
            .WithSummary("The waiting list and its figures: days from referral to start (or to today) against the one-month aim")
            .WithDescription("figures cover every referral made in the last twelve months that has started or is still waiting (withdrawn and not suitable never start): "
                + "count, started, stillWaiting, medianDays, meanDays and overAim (more than " + ProgrammeRules.WaitingAimDays + " days). waiting lists those still waiting, longest first; counted lists every referral the figures cover.")
            .Produces<WaitingListView>();

        api.MapGet("/groups", async (ProgrammeQueries q, CancellationToken ct) =>
                await q.GroupsAsync(ct) is { } view ? Results.Ok(view) : Forbidden())
            .WithSummary("Programme groups, latest start first, with Building Better Relationships starts this month and next against the aim of two a month")
            .Produces<GroupsView>();
        api.MapPost("/groups", async ([FromBody] ProgrammeGroupRequest? b, ManageGroups use, HttpContext http, CancellationToken ct) =>
            {
                if (b is null)
                {
                    return ApiResults.BadRequest("Send the group as JSON.");
                }

                var outcome = await use.CreateAsync(new GroupCommand(b.Programme, b.SiteId, b.Time, b.StartDate, b.Capacity, b.FacilitatorIds ?? []), ct);
                return ApiResults.From(outcome.Result, () =>
                {
                    http.Response.Headers.ETag = $"\"{outcome.Value!.Version}\"";
                    return Results.Created($"/api/v1/programmes/groups/{outcome.Value.Id}", new WriteResponse(outcome.Value.Id, outcome.Value.Version));
                });
            })
            .WithSummary("Set up a group at a district centre: programme, day or evening, start date, capacity and facilitators (programme tutors)")
            .WithDescription("programme: " + Names<AccreditedProgramme>() + ". time: " + Names<GroupTime>() + ". capacity: " + ProgrammeRules.MinCapacity + " to " + ProgrammeRules.MaxCapacity + ".")
            .Produces<WriteResponse>(StatusCodes.Status201Created);
        api.MapGet("/groups/{id:int}", async (int id, ProgrammeQueries q, ProgrammeAccess access, HttpContext http, CancellationToken ct) =>
            {
                if (!await access.MayReadAsync(ct))
                {
                    return Forbidden();
                }

                if (await q.GroupAsync(id, ct) is not { } view)
                {
                    return ApiResults.NotFound("No group has that id.");
                }

                http.Response.Headers.ETag = $"\"{view.Group.Version}\"";
                return Results.Ok(view);
            })
            .WithSummary("A group: sessions, members, attendance, and the waiting list for its programme; its ETag is the group's version")
            .Produces<GroupView>();
        api.MapPost("/groups/{id:int}/sessions", async (int id, [FromBody] ProgrammeSessionRequest? b, ManageGroups use, HttpContext http, CancellationToken ct) =>
                b is null
                    ? ApiResults.BadRequest("Send the session as JSON.")
                    : await Write(http, b.Version, v => use.AddSessionAsync(new SessionCommand(id, v, b.On, b.StartsAt, b.EndsAt), ct), _ => $"/api/v1/programmes/groups/{id}"))
            .WithSummary("Add a session to a group: a date on or after its start, in its day or evening slot")
            .WithDescription("version: the group's version (If-Match or body). Answers the session's id and the group's new version.")
            .Produces<WriteResponse>(StatusCodes.Status201Created);
        api.MapPost("/groups/{id:int}/sessions/{sessionId:int}/attendance", async (int id, int sessionId, [FromBody] ProgrammeAttendanceRequest? b, ManageReferral use, HttpContext http, CancellationToken ct) =>
                b?.ReferralId is null
                    ? ApiResults.BadRequest("Send referralId.", "referralId")
                    : await Write(http, b.Version, v => use.AttendanceAsync(new AttendanceCommand(id, sessionId, b.ReferralId.Value, v, b.Outcome, b.Notes, b.Decision, b.DecisionReason), ct), _ => $"/api/v1/programmes/groups/{id}"))
            .WithSummary("Record a member's attendance at a session: it writes a programme-session contact on their record")
            .WithDescription("version: the person's case version. outcome: " + Names<ContactOutcome>() + " (not Rescheduled). decision: " + Names<AbsenceDecision>()
                + ", for a failure to attend or comply, with decisionReason. An unacceptable failure counts towards the order's enforcement threshold as any other.")
            .Produces<WriteResponse>(StatusCodes.Status201Created);

        api.MapGet("/cases/{crn}", async (string crn, ProgrammeQueries q, HttpContext http, CancellationToken ct) =>
            {
                if (!Crn.TryParse(crn, out _))
                {
                    return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
                }

                if (await q.ForCaseAsync(crn, "Programme referrals (API)", ct) is not { } view)
                {
                    return ApiResults.NotFound("No case has that CRN, or you do not have access to it.");
                }

                http.Response.Headers.ETag = $"\"{view.Version}\"";
                return Results.Ok(view);
            })
            .WithSummary("A person's programme requirements on the current order, and their referrals")
            .Produces<CaseProgrammeView>();
    }

    private static Task<IResult> Write(HttpContext http, int? bodyVersion, Func<int, Task<Outcome<Saved>>> run, Func<int, string> location) =>
        ApiResults.VersionedWriteAsync(http, bodyVersion, run, saved => location(saved.Id));

    private static IResult Forbidden() =>
        Results.Problem(title: "Not allowed", detail: "Programme pages are for programme tutors, the interventions manager, team managers and senior leaders.", statusCode: StatusCodes.Status403Forbidden);

    private static string Names<T>()
        where T : struct, Enum => ApiResults.Names<T>();
}
