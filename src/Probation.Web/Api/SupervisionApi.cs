using Microsoft.AspNetCore.Mvc;
using Probation.Application.Cases;
using Probation.Application.Supervision;
using Probation.Domain.Allocation;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Web.Infrastructure;

namespace Probation.Web.Api;

public sealed record WriteResponse(int Id, int Version);

public sealed record AddressRequest(string? Line1, string? Line2, string? Town, string? Postcode);

public sealed record RequirementRequest(RequirementType? Type, int? RarDays, int? UnpaidWorkHours, AccreditedProgramme? Programme, int? LengthMonths);

public sealed record RegistrationRequest(RegistrationType? Type, DateOnly? StartedOn, MappaLevel? MappaLevel, MappaCategory? MappaCategory, int? Version);

public sealed record CaseCreateRequest(
    string? Crn, string? FirstName, string? LastName, DateOnly? DateOfBirth, Gender? Gender, int? TeamId, CaseSource? Source, DateOnly? ReceivedOn,
    AddressRequest? Address, OrderType? OrderType, DateOnly? OrderStart, int? LengthMonths, string? Court, OffenceCategory? MainOffence,
    IReadOnlyList<RequirementRequest>? Requirements, RoshLevel? Rosh, bool RiskToChildren, bool RiskToKnownAdult, bool RiskToPublic, bool RiskToStaff,
    int? OgrsScore, IReadOnlyList<RegistrationRequest>? Registrations);

public sealed record EndRegistrationRequest(DateOnly? EndedOn, int? Version);

public sealed record NeedRequest(Need? Need, NeedSeverity? Severity, bool LinkedToOffending, bool LinkedToHarm);

public sealed record AssessmentRequest(
    int? Version, AssessmentKind? Kind, DateOnly? StartedOn, DateOnly? CompletedOn, string? CurrentOffence, bool PreviousConvictionsReviewed,
    string? PatternsOfOffending, IReadOnlyList<NeedRequest>? Needs, string? Strengths, string? DiversityAndCircumstances, string? Motivation,
    string? PersonsViews, string? InformationSources, RoshLevel? Rosh, string? RoshReasons, string? WhoIsAtRisk, bool RiskToChildren,
    bool RiskToKnownAdult, bool RiskToPublic, bool RiskToStaff);

public sealed record CheckRequest(int? Version, AgencyCheckKind? Kind, DateOnly? RequestedOn, string? NotRequiredReason);

public sealed record CheckUpdateRequest(int? Version, DateOnly? ChasedOn, DateOnly? AnsweredOn, string? Summary);

public sealed record ObjectiveRequest(string? Text, IReadOnlyList<ObjectiveLinks>? Links, int? Priority, DateOnly? TargetDate);

public sealed record ScheduleRequest(int? RequirementId, DateOnly? StartsOn, DateOnly? CompleteBy, string? Pattern);

public sealed record PlanRequest(
    int? Version, DateOnly? On, string? PersonsInvolvement, int? ContactsPerMonth, string? ContactPattern, string? ConstructiveInterventions,
    string? RestrictiveInterventions, string? ContingencyArrangements, string? OtherAgencies, string? VictimSafety, string? DomesticAbuseMeasures,
    string? ChildSafeguardingMeasures, IReadOnlyList<ObjectiveRequest>? Objectives, IReadOnlyList<ScheduleRequest>? Schedule);

public sealed record ContactRequest(
    int? Version, DateOnly? On, TimeOnly? StartsAt, TimeOnly? EndsAt, ContactKind? Kind, int? SiteId, int? RequirementId, ContactOutcome? Outcome,
    string? Notes, AbsenceDecision? Decision, string? DecisionReason);

public sealed record ContactUpdateRequest(int? Version, ContactOutcome? Outcome, string? Notes, AbsenceDecision? Decision, string? DecisionReason, DateOnly? DecidedOn);

public sealed record EnforcementRequest(int? Version, DateOnly? On, EnforcementKind? Kind, int? ContactId, string? Notes);

public sealed record EventRequest(int? Version, DateOnly? On, SignificantEventKind? Kind, string? Description);

public sealed record EventActionRequest(int? Version, DateOnly? On, string? ActionTaken);

public sealed record ProgressRequest(int? ObjectiveId, string? Progress);

public sealed record ReviewRequest(
    int? Version, ReviewKind? Kind, DateOnly? CompletedOn, int? TriggeredByEventId, IReadOnlyList<ProgressRequest>? Progress,
    string? OffendingFactorChanges, string? RiskFactorChanges, string? PersonsInvolvement, string? OtherAgencyInput, bool? PlanAdjusted,
    string? WhyPlanNotAdjusted, RoshLevel? NewRosh);

public sealed record ReferralRequest(int? Version, DateOnly? On, ReferralService? Service, string? Detail, ReferralOutcome? Outcome, DateOnly? OutcomeOn);

public sealed record ReferralUpdateRequest(int? Version, ReferralOutcome? Outcome, DateOnly? OutcomeOn);

public sealed record AlertExceptionRequest(int? Version, AlertCode? Code, string? Reason, DateOnly? Until);

/// <summary>
/// Supervision through the API (standards 2.1-2.4), for scripts and for entering a history as it
/// happened: every write takes the case's version (If-Match, answered 412 when stale; or "version" in
/// the body, answered 409) and returns the record's id and the case's new version.
/// </summary>
public static class SupervisionApi
{
    public static readonly string AlertCodesDescription =
        "Each alert has a code, a severity (High or Medium), the reason in words, the date it became due and the page that resolves it. "
        + "An alert goes only when the work is recorded, or while a team manager's reasoned exception lasts. Codes: "
        + string.Join("; ", Enum.GetValues<AlertCode>().Select(c => $"{c}: {AlertCodes.Describe(c)}")) + ".";

    public static void MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Supervision").RequireAuthorization(Policies.CaseWorker).DisableAntiforgery();

        cases.MapPost("/", CreateCaseAsync)
            .WithSummary("Create a case from court or by transfer: person, order, requirements, risk profile and registrations")
            .WithDescription("Codes. source: " + Names<CaseSource>() + ". orderType: " + Names<OrderType>() + ". mainOffence: " + Names<OffenceCategory>()
                + ". requirements[].type: " + Names<RequirementType>() + ". registrations[].type: " + Names<RegistrationType>() + ". Without a crn, one is assigned.");
        cases.MapPost("/{crn}/registrations", (string crn, [FromBody] RegistrationRequest? b, RecordRegistration use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, $"registrations", b is null ? "Send the registration as JSON." : b.Type is null ? "Send the type." : b.StartedOn is null ? "Send startedOn." : null,
                    v => use.AddAsync(new RecordRegistrationCommand(crn, v, b!.Type!.Value, b.StartedOn!.Value, b.MappaLevel, b.MappaCategory), ct)))
            .WithSummary("Add a registration (domestic abuse, child protection, MAPPA ...)");
        cases.MapPost("/{crn}/registrations/{id:int}/end", (string crn, int id, [FromBody] EndRegistrationRequest? b, RecordRegistration use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "registrations", b?.EndedOn is null ? "Send endedOn." : null,
                    v => use.EndAsync(new EndRegistrationCommand(crn, v, id, b!.EndedOn!.Value), ct)))
            .WithSummary("End a registration");

        cases.MapGet("/{crn}/supervision", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v, ct))
            .WithSummary("The whole supervision record: alerts, assessments, checks, plan, contacts, enforcement, events, reviews, referrals, exceptions");
        cases.MapGet("/{crn}/alerts", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Alerts, ct))
            .WithSummary("The practice alerts the safety net raises on the case today")
            .WithDescription(AlertCodesDescription)
            .Produces<IReadOnlyList<AlertView>>();

        cases.MapGet("/{crn}/assessments", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Assessments, ct));
        cases.MapPost("/{crn}/assessments", (string crn, [FromBody] AssessmentRequest? b, RecordAssessment use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "assessments", Missing(b), v => use.RunAsync(ToCommand(crn, v, null, b!), ct)))
            .WithSummary("Start an assessment (completedOn set: complete it too)")
            .WithDescription("needs[].need: " + Names<Need>() + "; severity: " + Names<NeedSeverity>() + ". Completing needs every need rated, the RoSH classification with reasons, and the police or children's services check sought where domestic abuse or a child at risk is flagged.");
        cases.MapPut("/{crn}/assessments/{id:int}", (string crn, int id, [FromBody] AssessmentRequest? b, RecordAssessment use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "assessments", Missing(b), v => use.RunAsync(ToCommand(crn, v, id, b!), ct)))
            .WithSummary("Continue or complete an assessment in progress");

        cases.MapGet("/{crn}/checks", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Checks, ct));
        cases.MapPost("/{crn}/checks", (string crn, [FromBody] CheckRequest? b, RecordAgencyCheck use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "checks", b is null ? "Send the check as JSON." : b.Kind is null ? "Send kind: " + Names<AgencyCheckKind>() + "." : null,
                    v => use.RequestAsync(new RequestCheckCommand(crn, v, b!.Kind!.Value, b.RequestedOn, b.NotRequiredReason), ct)))
            .WithSummary("Request a police domestic abuse call-out or children's services check, or record why it is not needed");
        cases.MapPatch("/{crn}/checks/{id:int}", (string crn, int id, [FromBody] CheckUpdateRequest? b, RecordAgencyCheck use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "checks", b is null ? "Send the update as JSON." : null,
                    v => use.UpdateAsync(new UpdateCheckCommand(crn, v, id, b!.ChasedOn, b.AnsweredOn, b.Summary), ct)))
            .WithSummary("Record that a check was chased, or answered (with a summary)");

        cases.MapGet("/{crn}/plan", async (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => await ReadAsync(crn, q, http, v => (object?)v.Plan, ct));
        cases.MapPut("/{crn}/plan", (string crn, [FromBody] PlanRequest? b, WritePlan use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "plan", Missing(b), v => use.RunAsync(ToCommand(crn, v, b!), ct)))
            .WithSummary("Write or revise the sentence plan and risk management plan")
            .WithDescription("objectives[].links: " + Names<ObjectiveLinks>() + ". Objectives worded like a template or another case's plan are accepted and flagged (copied).");

        cases.MapGet("/{crn}/contacts", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Contacts, ct));
        cases.MapPost("/{crn}/contacts", (string crn, [FromBody] ContactRequest? b, RecordContact use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "contacts", b is null ? "Send the contact as JSON." : b.On is null ? "Send on." : b.Kind is null ? "Send kind: " + Names<ContactKind>() + "." : null,
                    v => use.RunAsync(new ContactCommand(crn, v, b!.On!.Value, b.StartsAt, b.EndsAt, b.Kind!.Value, b.SiteId, b.RequirementId, b.Outcome, b.Notes, b.Decision, b.DecisionReason), ct)))
            .WithSummary("Book an appointment or record a contact, with its outcome and, for a failure, the decision and judgement")
            .WithDescription("kind: " + Names<ContactKind>() + ". outcome: " + Names<ContactOutcome>() + ". decision: " + Names<AbsenceDecision>() + " (decisionReason required).");
        cases.MapPatch("/{crn}/contacts/{id:int}", (string crn, int id, [FromBody] ContactUpdateRequest? b, RecordContact use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "contacts", b is null ? "Send the outcome or decision as JSON." : null,
                    v => use.OutcomeAsync(new ContactOutcomeCommand(crn, v, id, b!.Outcome, b.Notes, b.Decision, b.DecisionReason, b.DecidedOn), ct)))
            .WithSummary("Record a contact's outcome, or the decision on an absence");

        cases.MapGet("/{crn}/enforcement", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Enforcement, ct));
        cases.MapPost("/{crn}/enforcement", (string crn, [FromBody] EnforcementRequest? b, RecordEnforcement use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "enforcement", b is null ? "Send the action as JSON." : b.On is null ? "Send on." : b.Kind is null ? "Send kind: " + Names<EnforcementKind>() + "." : null,
                    v => use.RunAsync(new EnforcementCommand(crn, v, b!.On!.Value, b.Kind!.Value, b.ContactId, b.Notes), ct)))
            .WithSummary("Record a warning, breach step, recall step, no further action or re-engagement")
            .WithDescription("kind: " + Names<EnforcementKind>() + ".");

        cases.MapGet("/{crn}/events", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Events, ct));
        cases.MapPost("/{crn}/events", (string crn, [FromBody] EventRequest? b, RecordSignificantEvent use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "events", b is null ? "Send the event as JSON." : b.On is null ? "Send on." : b.Kind is null ? "Send kind: " + Names<SignificantEventKind>() + "." : null,
                    v => use.RunAsync(new EventCommand(crn, v, b!.On!.Value, b.Kind!.Value, b.Description), ct)))
            .WithSummary("Record a significant event; it makes a review due")
            .WithDescription("kind: " + Names<SignificantEventKind>() + ".");
        cases.MapPatch("/{crn}/events/{id:int}", (string crn, int id, [FromBody] EventActionRequest? b, RecordSignificantEvent use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "events", b?.On is null ? "Send on and actionTaken." : null,
                    v => use.ActionAsync(new ActionEventCommand(crn, v, id, b!.On!.Value, b.ActionTaken), ct)))
            .WithSummary("Record the decision and action on an event (a monitoring violation needs one)");

        cases.MapGet("/{crn}/reviews", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Reviews, ct));
        cases.MapPost("/{crn}/reviews", (string crn, [FromBody] ReviewRequest? b, RecordReview use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "reviews",
                    b is null ? "Send the review as JSON." : b.Kind is null ? "Send kind: " + Names<ReviewKind>() + "." : b.CompletedOn is null ? "Send completedOn." : b.PlanAdjusted is null ? "Send planAdjusted." : null,
                    v => use.RunAsync(new ReviewCommand(crn, v, b!.Kind!.Value, b.CompletedOn!.Value, b.TriggeredByEventId,
                        (b.Progress ?? []).Select(p => new ProgressInput(p.ObjectiveId ?? 0, p.Progress)).ToList(), b.OffendingFactorChanges, b.RiskFactorChanges,
                        b.PersonsInvolvement, b.OtherAgencyInput, b.PlanAdjusted!.Value, b.WhyPlanNotAdjusted, b.NewRosh), ct)))
            .WithSummary("Record a scheduled or triggered review");

        cases.MapGet("/{crn}/referrals", (string crn, SupervisionQueries q, HttpContext http, CancellationToken ct) => ReadAsync(crn, q, http, v => v.Referrals, ct));
        cases.MapPost("/{crn}/referrals", (string crn, [FromBody] ReferralRequest? b, RecordReferral use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "referrals", b is null || b.On is null || b.Service is null ? "Send on and service: " + Names<ReferralService>() + "." : null,
                    v => use.RunAsync(new ReferralCommand(crn, v, b!.On!.Value, b.Service!.Value, b.Detail, b.Outcome ?? ReferralOutcome.Awaiting, b.OutcomeOn), ct)))
            .WithSummary("Record a referral to a service or partner");
        cases.MapPatch("/{crn}/referrals/{id:int}", (string crn, int id, [FromBody] ReferralUpdateRequest? b, RecordReferral use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "referrals", b?.Outcome is null || b.OutcomeOn is null ? "Send outcome and outcomeOn." : null,
                    v => use.OutcomeAsync(new ReferralOutcomeCommand(crn, v, id, b!.Outcome!.Value, b.OutcomeOn!.Value), ct)))
            .WithSummary("Record the outcome of a referral");

        cases.MapPost("/{crn}/alert-exceptions", (string crn, [FromBody] AlertExceptionRequest? b, RecordAlertException use, HttpContext http, CancellationToken ct) =>
                Write(http, crn, b?.Version, "alerts", b?.Code is null || b.Until is null ? "Send code and until." : null,
                    v => use.RunAsync(new AlertExceptionCommand(crn, v, b!.Code!.Value, b.Reason, b.Until!.Value), ct)))
            .WithSummary("A team manager's reasoned exception to an alert raised now, for up to three months")
            .WithDescription(AlertCodesDescription);
    }

    internal static string Names<T>()
        where T : struct, Enum => ApiResults.Names<T>();

    internal static async Task<IResult> ReadAsync<T>(string crn, SupervisionQueries q, HttpContext http, Func<SupervisionView, T> pick, CancellationToken ct)
    {
        if (!Crn.TryParse(crn, out _))
        {
            return ApiResults.BadRequest(Crn.FormatDescription + ".", "crn");
        }

        var lookup = await q.GetAsync(crn, "Supervision record (API)", ct);
        if (lookup.Restricted)
        {
            return ApiResults.Restricted();
        }

        if (lookup.View is null)
        {
            return ApiResults.NotFound("No case has that CRN, or you do not have access to it.");
        }

        http.Response.Headers.ETag = $"\"{lookup.View.Version}\"";
        return Results.Ok(pick(lookup.View));
    }

    /// <summary>
    /// The shared steps of a write: a well-formed CRN, the body's required parts, the version (If-Match or
    /// body), then the use case; 201 with the id and the new version, or its refusal as ProblemDetails.
    /// </summary>
    internal static Task<IResult> Write(HttpContext http, string crn, int? bodyVersion, string collection, string? malformed, Func<int, Task<Outcome<Saved>>> run) =>
        ApiResults.CaseWriteAsync(http, crn, bodyVersion, malformed, run, c => $"/api/v1/cases/{c.Value}/{collection}");

    private static async Task<IResult> CreateCaseAsync([FromBody] CaseCreateRequest? b, CreateCase use, CancellationToken ct)
    {
        if (b is null)
        {
            return ApiResults.BadRequest("Send the case as JSON.");
        }

        var missing = new List<string>();
        void Need(object? value, string name)
        {
            if (value is null)
            {
                missing.Add(name);
            }
        }

        Need(b.FirstName, "firstName");
        Need(b.LastName, "lastName");
        Need(b.DateOfBirth, "dateOfBirth");
        Need(b.Gender, "gender");
        Need(b.TeamId, "teamId");
        Need(b.Source, "source");
        Need(b.ReceivedOn, "receivedOn");
        Need(b.OrderType, "orderType");
        Need(b.OrderStart, "orderStart");
        Need(b.LengthMonths, "lengthMonths");
        Need(b.Court, "court");
        Need(b.MainOffence, "mainOffence");
        if (b.Requirements?.Any(r => r.Type is null) == true)
        {
            missing.Add("requirements[].type");
        }

        if (b.Registrations?.Any(r => r.Type is null || r.StartedOn is null) == true)
        {
            missing.Add("registrations[].type and startedOn");
        }

        if (b.Address is { } a && (a.Line1 is null || a.Town is null || a.Postcode is null))
        {
            missing.Add("address.line1, town and postcode");
        }

        if (missing.Count > 0)
        {
            return ApiResults.BadRequest("Send " + string.Join(", ", missing) + ".");
        }

        var outcome = await use.RunAsync(
            new CreateCaseCommand(
                b.Crn, b.FirstName!, b.LastName!, b.DateOfBirth!.Value, b.Gender!.Value, b.TeamId!.Value, b.Source!.Value, b.ReceivedOn!.Value,
                b.Address is { } ad ? new Address { Line1 = ad.Line1!, Line2 = ad.Line2, Town = ad.Town!, Postcode = ad.Postcode! } : null,
                b.OrderType!.Value, b.OrderStart!.Value, b.LengthMonths!.Value, b.Court!, b.MainOffence!.Value,
                (b.Requirements ?? []).Select(r => new NewRequirement(r.Type!.Value, r.RarDays, r.UnpaidWorkHours, r.Programme, r.LengthMonths)).ToList(),
                b.Rosh, b.RiskToChildren, b.RiskToKnownAdult, b.RiskToPublic, b.RiskToStaff, b.OgrsScore,
                (b.Registrations ?? []).Select(r => new NewRegistration(r.Type!.Value, r.StartedOn!.Value, r.MappaLevel, r.MappaCategory)).ToList()),
            ct);
        return ApiResults.From(outcome.Result, () => Results.Created($"/api/v1/cases/{outcome.Value!.Crn}", outcome.Value));
    }

    private static string? Missing(AssessmentRequest? b) =>
        b is null ? "Send the assessment as JSON." : b.Kind is null ? "Send kind: " + Names<AssessmentKind>() + "." : b.StartedOn is null ? "Send startedOn."
        : b.Needs?.Any(n => n.Need is null || n.Severity is null) == true ? "Each need needs need and severity." : null;

    private static string? Missing(PlanRequest? b) =>
        b is null ? "Send the plan as JSON." : b.On is null ? "Send on." : b.ContactsPerMonth is null ? "Send contactsPerMonth."
        : b.Objectives?.Any(o => o.Priority is null || o.TargetDate is null) == true ? "Each objective needs priority and targetDate."
        : b.Schedule?.Any(s => s.RequirementId is null || s.StartsOn is null || s.CompleteBy is null) == true ? "Each schedule entry needs requirementId, startsOn and completeBy." : null;

    private static AssessmentCommand ToCommand(string crn, int version, int? id, AssessmentRequest b) => new(
        crn, version, id, b.Kind!.Value, b.StartedOn!.Value, b.CompletedOn, b.CurrentOffence, b.PreviousConvictionsReviewed, b.PatternsOfOffending,
        (b.Needs ?? []).Select(n => new NeedRating(n.Need!.Value, n.Severity!.Value, n.LinkedToOffending, n.LinkedToHarm)).ToList(),
        b.Strengths, b.DiversityAndCircumstances, b.Motivation, b.PersonsViews, b.InformationSources, b.Rosh, b.RoshReasons, b.WhoIsAtRisk,
        b.RiskToChildren, b.RiskToKnownAdult, b.RiskToPublic, b.RiskToStaff);

    private static PlanCommand ToCommand(string crn, int version, PlanRequest b) => new(
        crn, version, b.On!.Value, b.PersonsInvolvement, b.ContactsPerMonth!.Value, b.ContactPattern, b.ConstructiveInterventions, b.RestrictiveInterventions,
        b.ContingencyArrangements, b.OtherAgencies, b.VictimSafety, b.DomesticAbuseMeasures, b.ChildSafeguardingMeasures,
        (b.Objectives ?? []).Select(o => new ObjectiveInput(o.Text, (o.Links ?? []).Aggregate(ObjectiveLinks.None, (all, l) => all | l), o.Priority!.Value, o.TargetDate!.Value)).ToList(),
        (b.Schedule ?? []).Select(s => new ScheduleInput(s.RequirementId!.Value, s.StartsOn!.Value, s.CompleteBy!.Value, s.Pattern)).ToList());
}
