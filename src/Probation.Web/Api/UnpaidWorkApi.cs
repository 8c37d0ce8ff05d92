using Microsoft.AspNetCore.Mvc;
using Probation.Application.Supervision;
using Probation.Application.UnpaidWork;
using Probation.Domain.Common;
using Probation.Domain.UnpaidWork;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

public sealed record ProjectRequest(
    string? Name, ProjectType? Type, string? Beneficiary, int? SiteId, PlacementKind? Placement, bool WomenOnly, int? Capacity,
    IReadOnlyList<ProjectRisks>? Risks, string? RiskNotes, bool WeekendAvailable, Qualification? Award, IReadOnlyList<int>? SupervisorIds);

public sealed record ProjectUpdateRequest(
    int? Version, string? Name, ProjectType? Type, string? Beneficiary, int? SiteId, PlacementKind? Placement, bool WomenOnly, int? Capacity,
    IReadOnlyList<ProjectRisks>? Risks, string? RiskNotes, bool WeekendAvailable, Qualification? Award, IReadOnlyList<int>? SupervisorIds, DateOnly? RetiredOn);

public sealed record SessionRequest(int? ProjectId, DateOnly? On, TimeOnly? StartsAt, TimeOnly? EndsAt, int? SupervisorId, int? Capacity);

public sealed record BriefingRequest(int? Version, string? Briefing, IReadOnlyList<EquipmentItem>? Equipment, string? EquipmentNotes);

public sealed record BookingRequest(int? Version, string? Crn);

public sealed record AttendanceRowRequest(
    int? BookingId, string? Crn, AttendanceOutcome? Outcome, TimeOnly? StartedAt, TimeOnly? FinishedAt, int? PenaltyMinutes, int? TravelMinutes, string? Reason, string? Notes);

public sealed record CancelBookingRequest(int? Version, CancellationReason? Reason, string? Details);

public sealed record AttendanceCorrectionRequest(
    int? Version, AttendanceOutcome? Outcome, TimeOnly? StartedAt, TimeOnly? FinishedAt, int? PenaltyMinutes, int? TravelMinutes, string? Reason, string? Notes, string? CorrectionReason);

public sealed record UnpaidWorkAttendanceRequest(int? Version, IReadOnlyList<AttendanceRowRequest>? Rows);

public sealed record UnpaidWorkAssessmentRequest(
    int? Version, DateOnly? CompletedOn, string? Health, string? Skills, IReadOnlyList<WorkDays>? AvailableDays, string? AvailabilityNotes,
    string? RiskToPublic, string? RiskToSupervisors, string? DiversityNeeds, IReadOnlyList<ProjectRisks>? RuledOut);

public sealed record AwardRequest(int? Version, Qualification? Qualification, DateOnly? RegisteredOn);

/// <summary>
/// Unpaid work through the API (standard 4.1): projects, sessions, bookings, a whole session's attendance at once,
/// a person's hours and awards, and capacity by day of the week. Session writes take the session's version and
/// person writes the case's (If-Match, answered 412 when stale; or "version" in the body, answered 409).
/// </summary>
public static class UnpaidWorkApi
{
    public static void MapUnpaidWorkApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/unpaid-work").WithTags("Unpaid work").RequireAuthorization(Policies.CaseWorker).DisableAntiforgery();

        g.MapGet("/projects", async (bool? includeRetired, UnpaidWorkQueries q, CancellationToken ct) => Results.Ok(await q.ProjectsAsync(ct, includeRetired ?? false)))
            .WithSummary("The provider's unpaid work projects; those retired by today only with includeRetired=true")
            .Produces<IReadOnlyList<ProjectView>>();
        g.MapGet("/projects/{id:int}", async (int id, UnpaidWorkQueries q, HttpContext http, CancellationToken ct) =>
            {
                var project = await q.ProjectAsync(id, ct);
                if (project is null)
                {
                    return ApiResults.NotFound("No project has that id, or it is not your provider's.");
                }

                http.Response.Headers.ETag = $"\"{project.Version}\"";
                return Results.Ok(project);
            })
            .WithSummary("One project, with its version as the ETag")
            .Produces<ProjectView>();
        g.MapPut("/projects/{id:int}", (int id, [FromBody] ProjectUpdateRequest? b, RecordProject use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "project", b is null ? "Send the project as JSON." : null,
                    v => use.UpdateAsync(
                        new ProjectUpdateCommand(id, v, new ProjectCommand(b!.Name, b.Type, b.Beneficiary, b.SiteId, b.Placement, b.WomenOnly, b.Capacity, Flags(b.Risks), b.RiskNotes, b.WeekendAvailable, b.Award, b.SupervisorIds ?? []), b.RetiredOn),
                        ct),
                    $"/api/v1/unpaid-work/projects/{id}"))
            .WithSummary("Change a project's details, or retire it from a day (retiredOn; null puts it back in use)")
            .WithDescription("Send every detail, as for adding a project, with the project's version (If-Match, answered 412 when stale; or \"version\", answered 409). "
                + "A retired project takes no new sessions on or after retiredOn (sessions already scheduled stay) and leaves the project lists unless includeRetired=true. "
                + "Refused (422, naming the session) when the places would fall below those booked on a session still to come, or the project would become women-only, a mixed group "
                + "or involve what a booked person's assessment rules out while they are booked. Sessions still to come with more places than the project are lowered to its places. "
                + "type: " + Names<ProjectType>() + ". placement: " + Names<PlacementKind>() + ". risks[]: " + Names<ProjectRisks>() + ". award: " + Names<Qualification>() + ".");
        g.MapPost("/projects", async ([FromBody] ProjectRequest? b, RecordProject use, CancellationToken ct) =>
            {
                if (b is null)
                {
                    return ApiResults.BadRequest("Send the project as JSON.");
                }

                var outcome = await use.CreateAsync(
                    new ProjectCommand(b.Name, b.Type, b.Beneficiary, b.SiteId, b.Placement, b.WomenOnly, b.Capacity, Flags(b.Risks), b.RiskNotes, b.WeekendAvailable, b.Award, b.SupervisorIds ?? []),
                    ct);
                return ApiResults.From(outcome.Result, () => Results.Created($"/api/v1/unpaid-work/projects/{outcome.Value!.Id}", new WriteResponse(outcome.Value.Id, 0)));
            })
            .WithSummary("Add a project: type of work, beneficiary, site, placement, women-only, places, supervisors, risks, weekend availability, award")
            .WithDescription("type: " + Names<ProjectType>() + ". placement: " + Names<PlacementKind>() + ". risks[]: " + Names<ProjectRisks>() + ". award: " + Names<Qualification>() + ".");

        g.MapGet("/sessions", async (DateOnly? from, DateOnly? to, int? projectId, UnpaidWorkQueries q, TimeProvider clock, CancellationToken ct) =>
            {
                var start = from ?? Probation.Application.UkClock.Today(clock);
                var end = to ?? start.AddDays(27);
                if (end < start || end.DayNumber - start.DayNumber > 366)
                {
                    return ApiResults.BadRequest("Send from and to no more than a year apart, to on or after from.", "to");
                }

                return Results.Ok(await q.SessionsAsync(start, end, projectId, ct));
            })
            .WithSummary("The session calendar between two days (default: four weeks from today), with places booked")
            .Produces<IReadOnlyList<SessionRow>>();
        g.MapPost("/sessions", async ([FromBody] SessionRequest? b, ScheduleSession use, HttpContext http, CancellationToken ct) =>
            {
                if (b?.ProjectId is null || b.On is null)
                {
                    return ApiResults.BadRequest("Send projectId, on, startsAt, endsAt, supervisorId and capacity.");
                }

                var outcome = await use.CreateAsync(new SessionCommand(b.ProjectId.Value, b.On.Value, b.StartsAt, b.EndsAt, b.SupervisorId, b.Capacity), ct);
                return Created(http, outcome, $"/api/v1/unpaid-work/sessions/{outcome.Value?.Id}");
            })
            .WithSummary("Schedule a session on a project: date, times, supervisor and places");
        g.MapGet("/sessions/{id:int}", async (int id, UnpaidWorkQueries q, HttpContext http, CancellationToken ct) =>
            {
                var view = await q.SessionAsync(id, "Unpaid work session (API)", ct);
                if (view is null)
                {
                    return ApiResults.NotFound("No session has that id, or it is not your provider's.");
                }

                http.Response.Headers.ETag = $"\"{view.Session.Version}\"";
                return Results.Ok(view);
            })
            .WithSummary("A session with its briefing, equipment and the people booked (their attendance and minutes credited)")
            .Produces<SessionView>();
        g.MapPut("/sessions/{id:int}/briefing", (int id, [FromBody] BriefingRequest? b, ScheduleSession use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "session", b is null ? "Send the briefing as JSON." : null,
                    v => use.BriefingAsync(new BriefingCommand(id, v, b!.Briefing, Flags(b.Equipment), b.EquipmentNotes), ct), $"/api/v1/unpaid-work/sessions/{id}"))
            .WithSummary("Record the daily briefing and the equipment issued at the session")
            .WithDescription("equipment[]: " + Names<EquipmentItem>() + ".");
        g.MapPost("/sessions/{id:int}/bookings", (int id, [FromBody] BookingRequest? b, BookPlacement use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "session", b?.Crn is null ? "Send the crn of the person to book." : null,
                    v => use.RunAsync(new BookingCommand(id, v, b!.Crn!), ct), $"/api/v1/unpaid-work/sessions/{id}"))
            .WithSummary("Book a person onto a session")
            .WithDescription("Refused (422) without a complete unpaid work assessment, for a woman on a mixed group placement, onto a project the person's risk rules out, "
                + "when the session is full, when the person has another appointment at the time, or is already booked. Returns the booking id and the session's new version.");
        g.MapGet("/sessions/{id:int}/bookings/{bookingId:int}", async (int id, int bookingId, UnpaidWorkQueries q, HttpContext http, CancellationToken ct) =>
            {
                var detail = await q.BookingAsync(id, bookingId, "Unpaid work booking (API)", ct);
                if (detail is null)
                {
                    return ApiResults.NotFound("No booking has that id on the session, or you do not have access to the person's case.");
                }

                http.Response.Headers.ETag = $"\"{detail.Session.Version}\"";
                return Results.Ok(detail);
            })
            .WithSummary("One booking on a session: the attendance recorded and each correction to it (the values before, what changed and why)")
            .Produces<BookingDetail>();
        g.MapPost("/sessions/{id:int}/bookings/{bookingId:int}/cancel", (int id, int bookingId, [FromBody] CancelBookingRequest? b, CancelBooking use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "session", b is null ? "Send the reason for cancelling as JSON." : null,
                    v => use.RunAsync(new CancelBookingCommand(id, v, bookingId, b!.Reason, b.Details), ct), $"/api/v1/unpaid-work/sessions/{id}"))
            .WithSummary("Cancel a booking before the person's attendance is recorded, freeing the place")
            .WithDescription("reason: " + Names<CancellationReason>() + " (details are needed for Other). Takes the session's version (If-Match, answered 412 when stale; or \"version\", answered 409). "
                + "Refused (422) once the person's attendance at the session is recorded (correct it instead) or after the day of the session. "
                + "Returns the cancellation's id and the session's new version; the cancellation is listed on the session with its reason.");
        g.MapPut("/sessions/{id:int}/attendance/{bookingId:int}", (int id, int bookingId, [FromBody] AttendanceCorrectionRequest? b, CorrectAttendance use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "session", b is null ? "Send the corrected attendance as JSON, with correctionReason." : null,
                    v => use.RunAsync(new CorrectionCommand(id, v, bookingId, b!.Outcome, b.StartedAt, b.FinishedAt, b.PenaltyMinutes ?? 0, b.TravelMinutes ?? 0, b.Reason, b.Notes, b.CorrectionReason), ct),
                    $"/api/v1/unpaid-work/sessions/{id}/bookings/{bookingId}"))
            .WithSummary("Correct one person's attendance record after it was recorded (a wrong outcome or wrong times)")
            .WithDescription("outcome: " + Names<AttendanceOutcome>() + ". The same rules as recording: times within the session's, no negative or over-long minutes, a reason for an enforceable "
                + "outcome or an absence. Minutes credited are worked out again and capped at the hours remaining without this record's own credit. correctionReason (why the record is corrected) is required. "
                + "The contact on the person's record follows: a failure corrected to an acceptable outcome no longer counts towards enforcement (refused while enforcement action answers it), "
                + "an acceptable outcome corrected to a failure counts as a new one. The values before are kept with the booking. Takes the session's version.");
        g.MapPost("/sessions/{id:int}/attendance", (int id, [FromBody] UnpaidWorkAttendanceRequest? b, RecordAttendance use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "session", b?.Rows is null ? "Send rows: one per person booked, each with bookingId (or crn) and outcome." : null,
                    v => use.RunAsync(new AttendanceCommand(id, v, b!.Rows!.Select(r => new AttendanceRow(r.BookingId, r.Crn, r.Outcome, r.StartedAt, r.FinishedAt, r.PenaltyMinutes ?? 0, r.TravelMinutes ?? 0, r.Reason, r.Notes)).ToList()), ct),
                    $"/api/v1/unpaid-work/sessions/{id}"))
            .WithSummary("Record a whole session's attendance at once")
            .WithDescription("rows[].outcome: " + Names<AttendanceOutcome>() + ". Minutes credited = finishedAt − startedAt − penaltyMinutes + travelMinutes (at most "
                + UnpaidWorkRules.MaxTravelMinutes + ", group and individual placements only), capped at the hours remaining and, for education, training and employment, at 30% of the hours ordered. "
                + "Times must be within the session's. FailedToComply, SentHomeForBehaviour and UnacceptableAbsence are enforceable: each needs a reason and goes on the person's record as an unacceptable failure. "
                + "All rows are saved together or none: a refused row is named in the problem's errors (rows[n].field).");

        g.MapGet("/people/{crn}/hours", async (string crn, UnpaidWorkQueries q, HttpContext http, CancellationToken ct) =>
            {
                if (!Crn.TryParse(crn, out _))
                {
                    return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
                }

                var lookup = await q.HoursAsync(crn, "Unpaid work hours (API)", ct);
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
            })
            .WithSummary("A person's hours ordered, worked and remaining, the 12-month deadline and whether it is at risk, assessment, sessions and awards")
            .Produces<HoursView>();
        g.MapPost("/people/{crn}/assessments", (string crn, [FromBody] UnpaidWorkAssessmentRequest? b, RecordUnpaidWorkAssessment use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "case", !Crn.TryParse(crn, out _) ? Crn.FormatDescription + "." : b?.CompletedOn is null ? "Send the assessment as JSON with completedOn." : null,
                    v => use.RunAsync(new UnpaidWorkAssessmentCommand(crn, v, b!.CompletedOn!.Value, b.Health, b.Skills, Flags(b.AvailableDays), b.AvailabilityNotes, b.RiskToPublic, b.RiskToSupervisors, b.DiversityNeeds, Flags(b.RuledOut)), ct),
                    $"/api/v1/unpaid-work/people/{crn}/hours"))
            .WithSummary("Record the unpaid work assessment needed before a first session")
            .WithDescription("availableDays[]: " + Names<WorkDays>() + ". ruledOut[]: " + Names<ProjectRisks>() + ".");
        g.MapPost("/people/{crn}/awards", (string crn, [FromBody] AwardRequest? b, RegisterAward use, HttpContext http, CancellationToken ct) =>
                Write(http, b?.Version, "case", !Crn.TryParse(crn, out _) ? Crn.FormatDescription + "." : b?.Qualification is null || b.RegisteredOn is null ? "Send qualification and registeredOn." : null,
                    v => use.RunAsync(new AwardCommand(crn, v, b!.Qualification!.Value, b.RegisteredOn!.Value), ct), $"/api/v1/unpaid-work/people/{crn}/hours"))
            .WithSummary("Register an accredited award once the person has worked the " + UnpaidWorkRules.HoursForAward + " hours it is based on")
            .WithDescription("qualification: " + Names<Qualification>() + ".");

        g.MapGet("/capacity", async (int? weeks, UnpaidWorkQueries q, CancellationToken ct) => Results.Ok(await q.CapacityAsync(weeks ?? 4, ct)))
            .WithSummary("Sessions and places offered against demand by day of the week over the coming weeks, with the shortfall (weekends in the report)")
            .Produces<CapacityView>();
    }

    private static TFlags Flags<TFlags>(IReadOnlyList<TFlags>? values)
        where TFlags : struct, Enum =>
        (TFlags)Enum.ToObject(typeof(TFlags), (values ?? []).Aggregate(0L, (all, v) => all | Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Names<T>()
        where T : struct, Enum => ApiResults.Names<T>();

    private static IResult Created(HttpContext http, Outcome<Saved> outcome, string location) =>
        ApiResults.From(outcome.Result, () =>
        {
            http.Response.Headers.ETag = $"\"{outcome.Value!.Version}\"";
            return Results.Created(location, new WriteResponse(outcome.Value.Id, outcome.Value.Version));
        });

    /// <summary>A write against a version: the session's or the case's, from If-Match (stale: 412) or the body (stale: 409).</summary>
    private static async Task<IResult> Write(HttpContext http, int? bodyVersion, string what, string? malformed, Func<int, Task<Outcome<Saved>>> run, string location)
    {
        if (malformed is not null)
        {
            return ApiResults.BadRequest(malformed);
        }

        var (version, fromIfMatch, versionError) = ApiResults.RecordVersion(http, bodyVersion, what);
        if (versionError is not null)
        {
            return versionError;
        }

        var outcome = await run(version);
        return ApiResults.FromWrite(outcome.Result, fromIfMatch, () =>
        {
            http.Response.Headers.ETag = $"\"{outcome.Value!.Version}\"";
            return Results.Created(location, new WriteResponse(outcome.Value.Id, outcome.Value.Version));
        });
    }
}
