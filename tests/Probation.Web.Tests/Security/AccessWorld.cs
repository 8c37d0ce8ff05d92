using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;
using Probation.Domain.Oversight;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;
using Probation.Domain.UnpaidWork;
using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>One of the app's routes, as its endpoint list gives it.</summary>
public sealed record Route(string Template, IReadOnlyList<string> Methods, bool IsPage)
{
    public IReadOnlyList<string> Parameters { get; } = Regex.Matches(Template, @"\{([^}:?=]+)").Select(m => m.Groups[1].Value).ToList();

    public bool TakesCase => Parameters.Contains("crn");

    /// <summary>A route of the inspection module, where inspectors read the cases of their sample.</summary>
    public bool IsInspectionCase => TakesCase && Template.Contains("inspection", StringComparison.Ordinal);

    /// <summary>What each API method of the route reads besides its route values: its JSON body's type and its query parameters.</summary>
    public IReadOnlyDictionary<string, EndpointInputs> Inputs { get; init; } = new Dictionary<string, EndpointInputs>();

    public override string ToString() => $"{string.Join('|', Methods)} {Template}";
}

/// <summary>What an API endpoint binds from the request besides its route: the type of its JSON body, and its query parameters.</summary>
public sealed record EndpointInputs(Type? Body, IReadOnlyList<(string Name, Type Type)> Query)
{
    public static EndpointInputs Of(Endpoint endpoint, IReadOnlyList<string> routeParameters)
    {
        var body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var query = endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
            .Where(p => !routeParameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
                && (p.HasTryParse || p.ParameterInfo.ParameterType == typeof(string))
                && !p.ParameterInfo.GetCustomAttributes(true).Any(a => a is Microsoft.AspNetCore.Mvc.FromBodyAttribute or Microsoft.AspNetCore.Mvc.FromServicesAttribute))
            .Select(p => (p.Name, Nullable.GetUnderlyingType(p.ParameterInfo.ParameterType) ?? p.ParameterInfo.ParameterType))
            .ToList();
        return new EndpointInputs(body, query);
    }
}

/// <summary>A record that belongs to one case (a contact, a check, an event...), by its key.</summary>
public sealed record ChildRecord(int PersonId, int Id);

/// <summary>A user of the matrix: the demo account of one role.</summary>
public sealed record MatrixUser(string Role, string UserName, int? StaffId, int? ProviderId)
{
    public bool IsCaseWorker => Roles.CaseWorkers.Contains(Role);
}

/// <summary>A case the matrix opens, with the markers planted in its fields and who may see it.</summary>
public sealed record MatrixCase(string Tag, string Crn, int PersonId, int ProviderId, IReadOnlyList<CaseAccessEntry> AccessList, IReadOnlyList<string> Canaries, bool Sampled)
{
    /// <summary>Whether <paramref name="user"/> may read this case on <paramref name="route"/>: the access rules, restated.</summary>
    public bool MayRead(MatrixUser user, Route route)
    {
        var listAllows = CaseAccessRules.Decide(AccessList, user.StaffId).Allowed;
        return route.IsInspectionCase
            ? user.Role == Roles.Inspector && Sampled && listAllows
            : user.IsCaseWorker && user.ProviderId == ProviderId && listAllows;
    }

    /// <summary>How this case stands to <paramref name="user"/>, in the issue's words, for the report.</summary>
    public string Situation(MatrixUser user, int? userTeamId, int? caseTeamId, int? officerId)
    {
        if (user.Role == Roles.Inspector)
        {
            return Sampled ? "inspector, inside the sample" : "inspector, outside the sample";
        }

        if (AccessList.Any(e => e.Kind == AccessListKind.Exclusion && e.StaffMemberId == user.StaffId))
        {
            return "excluded";
        }

        if (AccessList.Any(e => e.Kind == AccessListKind.Restriction))
        {
            return AccessList.Any(e => e.Kind == AccessListKind.Restriction && e.StaffMemberId == user.StaffId) ? "restricted, listed" : "restricted, not listed";
        }

        if (user.ProviderId != ProviderId)
        {
            return "other provider";
        }

        return officerId is not null && officerId == user.StaffId ? "own case" : userTeamId is not null && userTeamId == caseTeamId ? "same team" : "other team";
    }
}

/// <summary>
/// The world the authorisation matrix runs in: the demo provider plus a second provider built here, one demo account
/// per role, an inspection in fieldwork with a drawn sample, and a case in every situation the rules distinguish, each
/// carrying a unique marker string in every text column of every row it holds so that a leak anywhere can be found by search.
/// </summary>
public sealed class AccessWorld
{
    public static readonly (string Role, string UserName)[] Accounts =
    [
        (Roles.ProbationOfficer, "po"), (Roles.ProbationServicesOfficer, "pso"), (Roles.CaseAdministrator, "caseadmin"),
        (Roles.TeamManager, "manager"), (Roles.UnpaidWorkSupervisor, "upw"), (Roles.ProgrammeTutor, "programmes"),
        (Roles.ResettlementWorker, "ttg"), (Roles.QualityOfficer, "quality"), (Roles.Inspector, "inspector"),
        (Roles.SeniorLeader, "leader"), (Roles.SystemAdministrator, "admin"),
    ];

    /// <summary>Routes left out, with the reason: they act on the session itself, or have no user yet.</summary>
    public static readonly IReadOnlySet<string> SessionRoutes = new HashSet<string> { "/sign-in", "/sign-out", "/api/v1/auth/token", "/error/{code:int?}", "/accessibility" };

    private AccessWorld()
    {
    }

    public required IReadOnlyList<Route> Routes { get; init; }
    public required IReadOnlyList<MatrixUser> Users { get; init; }
    public required IReadOnlyList<MatrixCase> Cases { get; init; }
    public required IReadOnlyDictionary<string, int?> TeamOfUser { get; init; }
    public required IReadOnlyDictionary<string, (int? TeamId, int? OfficerId)> CaseHolders { get; init; }
    public required int InspectionId { get; init; }

    /// <summary>The markers planted in every text column of every case's rows, and the search for them in a response.</summary>
    public required CaseCanaries Markers { get; init; }

    /// <summary>The cases whose markers <paramref name="body"/> shows, with the first marker of each.</summary>
    public IReadOnlyDictionary<string, string> CasesShownIn(string body) =>
        Markers.In(body).GroupBy(m => Markers.CaseOfMarker[m]).ToDictionary(g => g.Key, g => g.Min(StringComparer.Ordinal)!, StringComparer.Ordinal);

    /// <summary>Markers planted in the second provider's own records (its team, staff, hub, project): no user may ever see them.</summary>
    public required IReadOnlyList<string> ForeignCanaries { get; init; }

    /// <summary>Ids of records that are not cases, by the collection they live in: the demo provider's, then the other provider's.</summary>
    public required IReadOnlyDictionary<string, (int Own, int? Foreign)> Records { get; init; }

    /// <summary>Ids of each case's own child records (contacts, checks, events...), by collection.</summary>
    public required IReadOnlyDictionary<(string Crn, string Collection), int> ChildIds { get; init; }

    public static IReadOnlyList<Route> Discover(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new
            {
                Endpoint = e,
                Template = "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'),
                Methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods,
                IsPage = e.Metadata.GetMetadata<PageActionDescriptor>() is not null,
            })
            .GroupBy(e => (e.Template, e.IsPage))
            .Select(g => new Route(
                g.Key.Template,
                g.Key.IsPage ? ["GET", "POST"] : g.SelectMany(x => x.Methods ?? ["GET"]).Distinct().Order().ToList(),
                g.Key.IsPage)
            {
                Inputs = g.Key.IsPage ? new Dictionary<string, EndpointInputs>() : g
                    .SelectMany(x => (x.Methods ?? ["GET"]).Select(m => (Method: m, x.Endpoint)))
                    .GroupBy(x => x.Method)
                    .ToDictionary(x => x.Key, x => EndpointInputs.Of(x.First().Endpoint, x.First().Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList())),
            })
            .Where(r => !SessionRoutes.Contains(r.Template))
            .OrderBy(r => r.Template, StringComparer.Ordinal)
            .ToList();
    }

    public static async Task<AccessWorld> BuildAsync(ProbationAppFactory app)
    {
        var routes = Discover(app.Services);
        var tag = Guid.NewGuid().ToString("N")[..6];
        string Canary(string what) => $"Canary{what}{tag}";

        // An inspection of the demo provider in fieldwork, with a case sample drawn.
        var inspector = await app.TokenClientAsync("inspector");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var providerId = await app.WithDbAsync(db => db.Staff.Where(s => s.UserName == "po").Select(s => s.ProviderId).SingleAsync());
        var created = await inspector.PostAsJsonAsync("/api/v1/inspections", new
        {
            providerId,
            providerType = "CRC",
            framework = "2018",
            title = "Inspection for the access matrix",
            fieldworkFrom = today.AddDays(-2),
            fieldworkTo = today.AddDays(8),
            team = Array.Empty<int>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var inspectionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        async Task<int> VersionAsync() => (await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{inspectionId}")).GetProperty("version").GetInt32();
        var drawn = await inspector.PostAsJsonAsync($"/api/v1/inspections/{inspectionId}/samples", new { version = await VersionAsync(), kind = "CaseSupervision", seed = 7 });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var fieldwork = await inspector.PutAsJsonAsync($"/api/v1/inspections/{inspectionId}/status", new { version = await VersionAsync(), status = "Fieldwork" });
        Assert.Equal(HttpStatusCode.OK, fieldwork.StatusCode);

        return await app.WithDbAsync(async db =>
        {
            var users = new List<MatrixUser>();
            var teamOfUser = new Dictionary<string, int?>();
            foreach (var (role, userName) in Accounts)
            {
                var staff = await db.Staff.Where(s => s.UserName == userName).Select(s => new { s.Id, s.ProviderId, s.TeamId }).SingleOrDefaultAsync();
                var isAdmin = role == Roles.SystemAdministrator;
                users.Add(new MatrixUser(role, userName, isAdmin ? null : staff?.Id, isAdmin || role == Roles.Inspector ? null : staff?.ProviderId));
                teamOfUser[userName] = staff?.TeamId;
            }

            int Staff(string userName) => users.Single(u => u.UserName == userName).StaffId!.Value;
            var sampled = await db.Set<InspectionSample>().Where(s => s.InspectionId == inspectionId).SelectMany(s => s.Cases).Select(c => c.PersonId).ToListAsync();
            var po = Staff("po");
            var pso = Staff("pso");
            var manager = Staff("manager");
            var stockton = teamOfUser["po"];
            var people = db.People.Where(p => p.ProviderId == providerId && !sampled.Contains(p.Id));
            var picks = new (string Tag, int Id)[]
            {
                ("Own", await people.Where(p => p.ResponsibleOfficerId == po && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
                ("SameTeam", await people.Where(p => p.TeamId == stockton && p.ResponsibleOfficerId != po && p.ResponsibleOfficerId != pso && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
                ("OtherTeam", await people.Where(p => p.TeamId != null && p.TeamId != stockton && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
                ("Excluded", await people.Where(p => p.AccessList.Any(e => e.Kind == AccessListKind.Exclusion && e.StaffMemberId == pso)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
                ("Restricted", await people.Where(p => p.AccessList.Any(e => e.Kind == AccessListKind.Restriction && e.StaffMemberId == manager) && p.ResponsibleOfficerId != po).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
                ("Sampled", await db.People.Where(p => sampled.Contains(p.Id) && !p.AccessList.Any()).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
            };

            // The other provider: a team, an officer, a hub, an unpaid work project and one allocated case.
            var n = Random.Shared.Next(100_000, 999_999);
            var other = new Provider { Code = $"X{n}", Name = Canary("Provider"), Kind = ProviderKind.Crc };
            var otherTeam = new Team { Provider = other, Code = $"XT{n}", Name = Canary("Team"), Kind = TeamKind.LocalTeam };
            var otherOfficer = new StaffMember { Provider = other, Team = otherTeam, StaffCode = $"XS{n}", FirstName = Canary("StaffFirst"), LastName = Canary("StaffLast"), Grade = StaffGrade.ProbationOfficer, ContractedHours = 37 };
            var otherHub = new Site
            {
                Provider = other,
                Team = otherTeam,
                Code = $"XH{n}",
                Name = Canary("Hub"),
                Kind = SiteKind.CommunityHub,
                Address = new Address { Line1 = Canary("HubStreet"), Town = "Stockton-on-Tees", Postcode = "TS18 1AA" },
            };
            db.AddRange(other, otherTeam, otherOfficer, otherHub);
            await db.SaveChangesAsync();
            var otherProject = new UnpaidWorkProject { ProviderId = other.Id, Name = Canary("Project"), Type = ProjectType.Environmental, Beneficiary = Canary("Beneficiary"), Placement = PlacementKind.Group, Capacity = 10 };
            var otherPerson = new PersonOnProbation
            {
                Crn = Crn.Parse($"X{n:D6}"),
                FirstName = "First",
                LastName = "Last",
                DateOfBirth = new DateOnly(1990, 1, 1),
                Gender = Gender.Male,
                ProviderId = other.Id,
                TeamId = otherTeam.Id,
                ResponsibleOfficerId = otherOfficer.Id,
                AllocatedOn = today.AddMonths(-2),
                Risk = new RiskProfile { Rosh = RoshLevel.High, RiskToChildren = true },
                CreatedAtUtc = DateTime.UtcNow,
            };
            otherPerson.Orders.Add(new Order
            {
                Type = OrderType.CommunityOrder,
                StartDate = today.AddMonths(-2),
                LengthMonths = 12,
                EndDate = OrderTerms.EndDate(today.AddMonths(-2), 12),
                Court = "Teesside Magistrates' Court",
                MainOffence = OffenceCategory.Violence,
            });
            db.AddRange(otherProject, otherPerson);
            await db.SaveChangesAsync();
            picks = [.. picks, ("OtherProvider", otherPerson.Id)];

            // The demo holds no row of a few tables of case data. One of each, on a demo case outside the matrix, gives
            // every matrix case a row to copy, and so a marker in each of their text columns.
            var pickedIds = picks.Select(p => p.Id).ToList();
            var booking = await db.UnpaidWorkBookings.Where(b => !pickedIds.Contains(b.PersonId)).OrderBy(b => b.Id).FirstAsync();
            var audit = await db.CaseAssessments.OrderBy(a => a.InspectionId == null ? 0 : 1).ThenBy(a => a.Id).FirstAsync();
            var supervision = new StaffSupervisionRecord { StaffMemberId = po, ManagerStaffId = manager, On = today.AddDays(-7), RecordedBy = "manager" };
            supervision.Cases.Add(new StaffSupervisionCase { PersonId = booking.PersonId });
            db.AddRange(
                supervision,
                new AlertExceptionEntry { PersonId = booking.PersonId, Code = AlertCode.InitialAssessmentOverdue, Reason = "Reason", RecordedOn = today.AddDays(-5), Until = today.AddDays(20), RecordedBy = "manager" },
                new AssessmentParticipant { CaseAssessmentId = audit.Id, StaffMemberId = po },
                new AuditFeedback { CaseAssessmentId = audit.Id, OfficerStaffId = po, Text = "Feedback", SetOn = today.AddDays(-3), DueOn = today.AddDays(11) },
                new OversightEntry { PersonId = booking.PersonId, Kind = OversightKind.Direction, Subject = OversightSubject.Case, RecordedOn = today.AddDays(-2), RecordedBy = "manager", ManagerStaffId = manager, Text = "Direction" },
                new UnpaidWorkAttendanceCorrection { BookingId = booking.Id, Changes = "Changes", Reason = "Reason", CorrectedBy = "upw", CorrectedAtUtc = DateTime.UtcNow },
                new UnpaidWorkBookingCancellation { SessionId = booking.SessionId, PersonId = booking.PersonId, RequirementId = booking.RequirementId, On = booking.On, Reason = CancellationReason.Rebooked, BookedBy = "upw", CancelledBy = "upw", CancelledAtUtc = DateTime.UtcNow },
                new Probation.Domain.Documents.CaseDocument { PersonId = booking.PersonId, Kind = Probation.Domain.Documents.LetterKind.AppointmentLetter, Title = "Title", Html = "<article>Letter</article>", ProducedBy = "po", ProducedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();

            // A marker in every text column of every row of every case, each case given a row of every case table first.
            var markers = CaseCanaries.For(db);
            var cases = new List<MatrixCase>();
            var holders = new Dictionary<string, (int?, int?)>();
            for (var i = 0; i < picks.Length; i++)
            {
                var (caseTag, id) = picks[i];
                var planted = await markers.PlantAsync(caseTag, (char)('K' + i), id);
                var person = await db.People.AsNoTracking().Include(p => p.AccessList).SingleAsync(p => p.Id == id);
                cases.Add(new MatrixCase(caseTag, person.Crn.Value, id, person.ProviderId, person.AccessList.ToList(), planted, sampled.Contains(id)));
                holders[person.Crn.Value] = (person.TeamId, person.ResponsibleOfficerId);
            }

            var crnById = cases.ToDictionary(c => c.PersonId, c => c.Crn);
            var ids = cases.Select(c => c.PersonId).ToList();
            var childIds = new Dictionary<(string, string), int>();
            async Task ChildrenAsync(string collection, IQueryable<ChildRecord> rows)
            {
                foreach (var c in (await rows.ToListAsync()).OrderBy(c => c.Id))
                {
                    childIds.TryAdd((crnById[c.PersonId], collection), c.Id);
                }
            }

            await ChildrenAsync("contacts", db.Contacts.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));
            await ChildrenAsync("events", db.SignificantEvents.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));
            await ChildrenAsync("checks", db.AgencyChecks.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));
            await ChildrenAsync("referrals", db.Referrals.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));
            await ChildrenAsync("registrations", db.Registrations.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));
            await ChildrenAsync("assessments", db.Assessments.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));
            await ChildrenAsync("directions", db.OversightEntries.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));
            await ChildrenAsync("custody", db.CustodyRecords.Where(x => ids.Contains(x.PersonId)).Select(x => new ChildRecord(x.PersonId, x.Id)));

            var records = new Dictionary<string, (int, int?)>
            {
                ["teams"] = (stockton!.Value, otherTeam.Id),
                ["staff"] = (po, otherOfficer.Id),
                ["hubs"] = (await db.Sites.Where(s => s.ProviderId == providerId && s.Kind == SiteKind.CommunityHub).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(), otherHub.Id),
                ["projects"] = (await db.UnpaidWorkProjects.Where(p => p.ProviderId == providerId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(), otherProject.Id),
                ["inspections"] = (inspectionId, null),
                ["inspection"] = (inspectionId, null),
            };
            async Task Own(string name, IQueryable<int> q)
            {
                if (await q.OrderBy(x => x).Cast<int?>().FirstOrDefaultAsync() is { } id)
                {
                    records[name] = (id, null);
                }
            }

            await Own("sessions", db.UnpaidWorkSessions.Select(s => s.Id));
            await Own("bookings", db.UnpaidWorkBookings.Select(s => s.Id));
            await Own("groups", db.ProgrammeGroups.Select(s => s.Id));
            await Own("programme-referrals", db.ProgrammeReferrals.Select(s => s.Id));
            await Own("audits", db.CaseAssessments.Where(a => a.InspectionId == null).Select(s => s.Id));
            await Own("feedback", db.AuditFeedback.Select(s => s.Id));

            return new AccessWorld
            {
                Routes = routes,
                Users = users,
                Cases = cases,
                TeamOfUser = teamOfUser,
                CaseHolders = holders,
                InspectionId = inspectionId,
                Markers = markers,
                ForeignCanaries = [other.Name, otherTeam.Name, otherOfficer.FirstName, otherOfficer.LastName, otherHub.Name, otherHub.Address.Line1, otherProject.Name, otherProject.Beneficiary],
                Records = records,
                ChildIds = childIds,
            };
        });
    }

    /// <summary>
    /// The route with its parameters filled: the case's CRN, the case's own child record for a child id, and for other
    /// records the demo provider's (or with <paramref name="foreign"/>, the other provider's) record of the kind the
    /// segment before the parameter names. Null where the world has no such record.
    /// </summary>
    public string? Fill(Route route, MatrixCase? @case, bool foreign = false, string? childOf = null)
    {
        var segments = route.Template.Split('/');
        var filled = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            var m = Regex.Match(s, @"^\{([^}:?=]+)[^}]*\}$");
            if (!m.Success)
            {
                filled.Add(s);
                continue;
            }

            var name = m.Groups[1].Value;
            var before = i > 0 ? segments[i - 1] : string.Empty;
            string? value = name switch
            {
                "crn" => @case?.Crn,
                "code" => "404",
                "number" => "1",
                "standardId" => "1.1",
                "scope" => "Implementation",
                "sessionId" => "1",
                "referralId" => Records.TryGetValue("programme-referrals", out var r) ? r.Own.ToString() : null,
                "bookingId" => Records.TryGetValue("bookings", out var b) ? b.Own.ToString() : null,
                _ => IdFor(route, before, @case, foreign, childOf),
            };
            if (value is null)
            {
                return null;
            }

            filled.Add(value);
        }

        return string.Join('/', filled);
    }

    private string? IdFor(Route route, string before, MatrixCase? @case, bool foreign, string? childOf)
    {
        if (route.TakesCase && @case is not null && before != "inspections" && before != "inspection")
        {
            // A child record of a case: the case's own (or, to test substitution, another case's).
            var crn = childOf ?? @case.Crn;
            return ChildIds.TryGetValue((crn, before), out var child) ? child.ToString() : "999999";
        }

        var key = before switch
        {
            "referrals" when route.Template.Contains("programmes", StringComparison.Ordinal) => "programme-referrals",
            _ => before,
        };
        if (!Records.TryGetValue(key, out var ids))
        {
            return null;
        }

        return foreign ? ids.Foreign?.ToString() : ids.Own.ToString();
    }
}
