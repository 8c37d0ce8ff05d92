using Microsoft.AspNetCore.Authorization;
using Probation.Application.Calendars;
using Probation.Application.Identity;
using Probation.Domain.Common;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

/// <summary>
/// Calendars: each user's feed address (made, read and revoked through the API or the calendar page), the feeds a
/// calendar app reads from it (the user's appointments, a hub's opening sessions), and one appointment as a file.
/// </summary>
public static class CalendarApi
{
    /// <summary>The feeds are read with the secret in their address, as its owner; only provider staff have one.</summary>
    public const string FeedPolicy = "CalendarFeed";

    public static void AddCalendarFeedPolicy(AuthorizationBuilder authorization) =>
        authorization.AddPolicy(FeedPolicy, p => p.AddAuthenticationSchemes(CalendarFeedAuthentication.SchemeName).RequireAuthenticatedUser());

    /// <summary>The feed of the user's appointments at <paramref name="secret"/>.</summary>
    public static string AppointmentsUrl(HttpRequest request, string secret) => $"{Origin(request)}/calendar/{secret}/appointments.ics";

    /// <summary>The feed of a hub's opening sessions at <paramref name="secret"/>.</summary>
    public static string HubUrl(HttpRequest request, string secret, int hubId) => $"{Origin(request)}/calendar/{secret}/hubs/{hubId}.ics";

    /// <summary>Every address a new secret gives: the appointments feed, and one feed for each of the user's provider's hubs.</summary>
    public static async Task<NewFeedBody> AddressesAsync(HttpRequest request, NewCalendarFeed feed, Application.Organisation.OrganisationQueries organisation, CancellationToken ct)
    {
        var hubs = await organisation.SitesAsync(Domain.Organisation.SiteKind.CommunityHub, null, ct);
        return new NewFeedBody(
            AppointmentsUrl(request, feed.Secret),
            hubs.Select(h => new HubFeedBody(h.Id, h.Name, HubUrl(request, feed.Secret, h.Id))).ToList(),
            feed.CreatedAtUtc);
    }

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static Func<string, string> CaseUrl(HttpRequest request) => crn => $"{Origin(request)}/cases/{crn}";

    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/calendar/{" + CalendarFeedAuthentication.SecretRouteValue + "}").RequireAuthorization(FeedPolicy).ExcludeFromDescription();
        feeds.MapGet("/appointments.ics", async (HttpContext http, CalendarQueries q, CancellationToken ct) =>
            Calendar(await q.AppointmentsAsync(CaseUrl(http.Request), ct), null));
        feeds.MapGet("/hubs/{id:int}.ics", async (int id, CalendarQueries q, CancellationToken ct) =>
            await q.HubAsync(id, ct) is { } calendar ? Calendar(calendar, null) : Results.NotFound());

        var me = app.MapGroup("/api/v1/me/calendar-feed").WithTags("Calendars").DisableAntiforgery();
        me.MapGet("/", async (CalendarFeeds use, CancellationToken ct) => Results.Ok(await use.StatusAsync(ct)))
            .WithSummary("Whether you have a calendar feed address, and since when (the address itself is shown only when it is made)");
        me.MapPost("/", async (HttpContext http, CalendarFeeds use, Application.Organisation.OrganisationQueries organisation, CancellationToken ct) =>
            {
                var made = await use.CreateAsync(ct);
                if (made.Value is not { } feed)
                {
                    return ApiResults.From(made.Result, () => Results.NoContent());
                }

                return Results.Created("/api/v1/me/calendar-feed", await AddressesAsync(http.Request, feed, organisation, ct));
            })
            .WithSummary("Make a calendar feed address (any earlier one stops working); the answer holds the addresses, shown this once")
            .Produces<NewFeedBody>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapDelete("/", async (CalendarFeeds use, CancellationToken ct) =>
                await use.RevokeAsync(ct) ? Results.NoContent() : ApiResults.NotFound("You have no calendar feed address."))
            .WithSummary("Revoke your calendar feed address: calendar apps reading it get 404 from then on");

        app.MapGet("/api/v1/cases/{crn}/contacts/{id:int}/calendar", async (string crn, int id, HttpContext http, CalendarQueries q, CancellationToken ct) =>
            {
                if (!Crn.TryParse(crn, out _))
                {
                    return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
                }

                var found = await q.AppointmentAsync(crn, id, CaseUrl(http.Request), ct);
                return found.Restricted ? ApiResults.Restricted()
                    : found.Calendar is { } calendar ? Calendar(calendar, $"appointment-{id}.ics")
                    : ApiResults.NotFound("No appointment of that case has that id, or you do not have access to it.");
            })
            .RequireAuthorization(Policies.CaseWorker).WithTags("Calendars")
            .WithSummary("One appointment as an iCalendar file, to add to a calendar (a disclosure in the audit log)");

        // The same file from the contacts page: a link, answered with the error page rather than ProblemDetails.
        app.MapGet("/cases/{crn}/contacts/{id:int}/appointment.ics", async (string crn, int id, HttpContext http, CalendarQueries q, CancellationToken ct) =>
            {
                var found = await q.AppointmentAsync(crn, id, CaseUrl(http.Request), ct);
                return found.Calendar is { } calendar ? Calendar(calendar, $"appointment-{id}.ics") : Results.NotFound();
            })
            .RequireAuthorization(Policies.CaseWorker).ExcludeFromDescription();
    }

    private static IResult Calendar(string calendar, string? download)
    {
        var result = Results.Text(calendar, ICalendar.ContentType);
        return download is null ? result : new DownloadResult(result, download);
    }

    /// <summary>A new feed address: the appointments feed, and one feed for each of the provider's hubs.</summary>
    public sealed record NewFeedBody(string AppointmentsUrl, IReadOnlyList<HubFeedBody> Hubs, DateTime CreatedAtUtc);

    public sealed record HubFeedBody(int Id, string Name, string Url);

    /// <summary>Sends the calendar as a file to save, by name.</summary>
    private sealed class DownloadResult(IResult inner, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
