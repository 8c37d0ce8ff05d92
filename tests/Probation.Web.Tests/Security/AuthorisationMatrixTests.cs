using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Probation.Application.Identity;
using Probation.Domain.Audit;
using Probation.Testing;

namespace Probation.Web.Tests.Security;

/// <summary>
/// Every route the app maps (taken from its endpoint list, not a hand list) × every role × every situation a case can
/// be in for that user (own case, same team, other team, other provider, excluded, restricted and listed or not,
/// inspector inside or outside the sample). A user may read a case only where the access rules say so; anything else
/// must be refused, must show none of the case's planted markers, and a refused write must change nothing.
/// </summary>
public sealed class AuthorisationMatrixTests(AuthorisationMatrixTests.Fixture fixture) : IClassFixture<AuthorisationMatrixTests.Fixture>
{
    /// <summary>The app, its world and signed-in clients, built once for the class.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ProbationAppFactory App { get; } = new();

        public AccessWorld World { get; private set; } = null!;

        public Dictionary<string, (HttpClient Browser, HttpClient Api, string Token)> Clients { get; } = [];

        public async ValueTask InitializeAsync()
        {
            await App.InitializeAsync();
            World = await AccessWorld.BuildAsync(App);
            foreach (var user in World.Users)
            {
                var browser = await App.SignInAsync(user.UserName);
                var token = await ProbationAppFactory.AntiforgeryTokenAsync(browser, "/");
                Clients[user.UserName] = (browser, await App.TokenClientAsync(user.UserName), token);
            }
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    private AccessWorld World => fixture.World;

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private static readonly Route InspectionCase = new("/inspections/{id:int}/cases/{crn}", ["GET"], true);

    /// <summary>One request of the matrix and what came back.</summary>
    private sealed record Outcome(MatrixUser User, string Method, string Url, HttpStatusCode Status, string? Location, string Body)
    {
        public bool Succeeded => (int)Status is >= 200 and < 300
            || (Status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb
                && Location is { } l && !PathOf(l).StartsWith("/error", StringComparison.Ordinal) && !PathOf(l).StartsWith("/sign-in", StringComparison.Ordinal));

        private static string PathOf(string location) => Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri.PathAndQuery : location;

        public override string ToString() => $"{User.UserName} {Method} {Url} → {(int)Status}{(Location is null ? string.Empty : " " + Location)}";
    }

    private async Task<Outcome> SendAsync(MatrixUser user, Route route, string method, string url)
    {
        var (browser, api, token) = fixture.Clients[user.UserName];
        var client = route.IsPage ? browser : api;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = route.IsPage
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })
                : new StringContent("{\"version\":1}", Encoding.UTF8, "application/json");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        lock (Timings)
        {
            Timings[route.Template] = Timings.GetValueOrDefault(route.Template) + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return new Outcome(user, method, url, response.StatusCode, response.Headers.Location?.OriginalString, body);
    }

    private static readonly Dictionary<string, double> Timings = [];

    private static void Report(string text) => TestContext.Current.SendDiagnosticMessage(text + " Slowest: " + string.Join(", ", Timings.OrderByDescending(t => t.Value).Take(12).Select(t => $"{t.Key} {t.Value:0} ms")));

    [Fact]
    public void TheRoutes_ComeFromTheAppsEndpointList_AndCoverPagesAndApi()
    {
        var routes = World.Routes;
        Assert.Contains(routes, r => r.IsPage && r.Template == "/cases/{crn}");
        Assert.Contains(routes, r => !r.IsPage && r.Template == "/api/v1/cases/{crn}" && r.Methods.Contains("GET"));
        Assert.Contains(routes, r => !r.IsPage && r.Methods.Contains("PUT") && r.Template == "/api/v1/cases/{crn}/risk");
        Assert.True(routes.Count(r => r.IsPage) >= 70, $"{routes.Count(r => r.IsPage)} pages");
        Assert.True(routes.Count(r => !r.IsPage) >= 100, $"{routes.Count(r => !r.IsPage)} API routes");
        Assert.DoesNotContain(routes, r => r.Template.StartsWith("/bench", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reads_EveryRouteRoleAndCaseSituation_ShowOnlyWhatTheAccessRulesAllow()
    {
        var combinations = 0;
        var refused = 0;
        var allowedAndShown = 0;
        var unexpected = new List<string>();
        var leaks = new List<string>();
        var notShown = new List<string>();
        var errors = new List<string>();
        var situations = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in World.Users)
        {
            foreach (var route in World.Routes.Where(r => r.Methods.Contains("GET")))
            {
                if (route.TakesCase)
                {
                    foreach (var @case in World.Cases)
                    {
                        if (World.Fill(route, @case) is not { } url)
                        {
                            continue;
                        }

                        var outcome = await SendAsync(user, route, "GET", url);
                        combinations++;
                        if ((int)outcome.Status >= 500)
                        {
                            errors.Add(outcome.ToString());
                        }

                        var (team, officer) = World.CaseHolders[@case.Crn];
                        var situation = @case.Situation(user, World.TeamOfUser[user.UserName], team, officer);
                        situations[situation] = situations.GetValueOrDefault(situation) + 1;
                        if (@case.MayRead(user, route))
                        {
                            if (outcome.Succeeded)
                            {
                                allowedAndShown++;
                            }
                            else
                            {
                                notShown.Add(outcome.ToString());
                            }

                            continue;
                        }

                        refused++;
                        if (outcome.Succeeded)
                        {
                            unexpected.Add($"{outcome} ({situation})");
                        }

                        if (@case.Canaries.FirstOrDefault(outcome.Body.Contains) is { } marker)
                        {
                            leaks.Add($"{outcome} shows {marker} ({situation})");
                        }

                        if (user.ProviderId is not null && World.ForeignCanaries.FirstOrDefault(outcome.Body.Contains) is { } foreign)
                        {
                            leaks.Add($"{outcome} shows {foreign}");
                        }
                    }

                    continue;
                }

                // Routes without a case: the demo provider's record, then the other provider's where the route takes an id.
                foreach (var foreignRecord in route.Parameters.Count == 0 ? [false] : new[] { false, true })
                {
                    if (World.Fill(route, null, foreignRecord) is not { } url)
                    {
                        continue;
                    }

                    var outcome = await SendAsync(user, route, "GET", url);
                    combinations++;
                    if ((int)outcome.Status >= 500)
                    {
                        errors.Add(outcome.ToString());
                    }

                    // Organisation records (teams, staff, hubs, projects) are not case data: inspectors and administrators,
                    // who belong to no provider, read every provider's; provider staff read only their own.
                    if (foreignRecord && user.ProviderId is not null)
                    {
                        refused++;
                        situations["other provider's record"] = situations.GetValueOrDefault("other provider's record") + 1;
                        if (outcome.Succeeded)
                        {
                            unexpected.Add($"{outcome} (other provider's record)");
                        }
                    }

                    // Lists, searches, dashboards and exports: no marker of a case this user may not read, on this route.
                    foreach (var @case in World.Cases.Where(c => !c.MayRead(user, route) && !(route.Template.Contains("inspection", StringComparison.Ordinal) && c.MayRead(user, InspectionCase))))
                    {
                        if (@case.Canaries.FirstOrDefault(outcome.Body.Contains) is { } marker)
                        {
                            leaks.Add($"{outcome} shows {marker}");
                        }
                    }

                    if (user.ProviderId is not null && World.ForeignCanaries.FirstOrDefault(outcome.Body.Contains) is { } foreign)
                    {
                        leaks.Add($"{outcome} shows {foreign}");
                    }
                }
            }
        }

        Report($"Read matrix: {World.Routes.Count(r => r.Methods.Contains("GET"))} GET routes × {World.Users.Count} roles × {World.Cases.Count} cases: "
            + $"{combinations} requests; {refused} should be refused, {unexpected.Count} were not; {leaks.Count} showed a marker; "
            + $"{allowedAndShown} allowed and shown; {notShown.Count} allowed by the access rules but refused by the route's own rules (role or state). "
            + $"Situations: {string.Join(", ", situations.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.True(combinations > 3000, $"only {combinations} combinations");
        Assert.True(unexpected.Count == 0, "Not refused:\n" + string.Join('\n', unexpected));
        Assert.True(leaks.Count == 0, "Markers shown:\n" + string.Join('\n', leaks));
        Assert.True(errors.Count == 0, "Server errors:\n" + string.Join('\n', errors));
        Assert.True(allowedAndShown > 500, $"only {allowedAndShown} allowed reads were shown: the matrix would pass an app that refuses everything");
        foreach (var expected in new[] { "own case", "same team", "other team", "other provider", "excluded", "restricted, listed", "restricted, not listed", "inspector, inside the sample", "inspector, outside the sample" })
        {
            Assert.True(situations.ContainsKey(expected), $"no combination in the situation '{expected}'");
        }
    }

    [Fact]
    public async Task Writes_ToACaseTheUserMayNotRead_AreRefused_AndChangeNothing()
    {
        var before = await FingerprintAsync();
        var auditBefore = await fixture.App.WithDbAsync(db => db.AuditEntries.Where(e => e.Action != AuditAction.Consulted).CountAsync());
        var combinations = 0;
        var unexpected = new List<string>();
        var leaks = new List<string>();
        var byStatus = new SortedDictionary<int, int>();
        var errors = new List<string>();
        foreach (var user in World.Users)
        {
            foreach (var route in World.Routes.Where(r => r.TakesCase && r.Methods.Any(WriteMethods.Contains)))
            {
                foreach (var @case in World.Cases.Where(c => !c.MayRead(user, route)))
                {
                    if (World.Fill(route, @case) is not { } url)
                    {
                        continue;
                    }

                    foreach (var method in route.Methods.Where(WriteMethods.Contains))
                    {
                        var outcome = await SendAsync(user, route, method, url);
                        combinations++;
                        byStatus[(int)outcome.Status] = byStatus.GetValueOrDefault((int)outcome.Status) + 1;
                        if ((int)outcome.Status >= 500)
                        {
                            errors.Add(outcome.ToString());
                        }

                        if (outcome.Succeeded)
                        {
                            unexpected.Add(outcome.ToString());
                        }

                        if (@case.Canaries.FirstOrDefault(outcome.Body.Contains) is { } marker)
                        {
                            leaks.Add($"{outcome} shows {marker}");
                        }
                    }
                }
            }
        }

        var after = await FingerprintAsync();
        var auditAfter = await fixture.App.WithDbAsync(db => db.AuditEntries.Where(e => e.Action != AuditAction.Consulted).CountAsync());
        Report($"Write matrix: {combinations} writes to cases the user may not read; {unexpected.Count} succeeded; {leaks.Count} showed a marker; "
            + $"answers: {string.Join(", ", byStatus.Select(s => $"{s.Key} × {s.Value}"))}; changed cases: {before.Keys.Count(k => before[k] != after[k])}; "
            + $"audit rows of changes: {auditAfter - auditBefore}");
        Assert.True(combinations > 1000, $"only {combinations} combinations");
        Assert.True(unexpected.Count == 0, "Not refused:\n" + string.Join('\n', unexpected));
        Assert.True(leaks.Count == 0, "Markers shown:\n" + string.Join('\n', leaks));
        Assert.True(errors.Count == 0, "Server errors:\n" + string.Join('\n', errors));
        Assert.Equal(before, after);
        Assert.Equal(auditBefore, auditAfter);
    }

    /// <summary>Each matrix case's version and the number of records it holds: any write shows here.</summary>
    private Task<Dictionary<string, string>> FingerprintAsync() => fixture.App.WithDbAsync(async db =>
    {
        var ids = World.Cases.Select(c => c.PersonId).ToList();
        var rows = await db.People.Where(p => ids.Contains(p.Id)).Select(p => new
        {
            p.Crn,
            p.Version,
            p.TeamId,
            p.ResponsibleOfficerId,
            Counts = p.Contacts.Count() + "/" + p.EnforcementActions.Count() + "/" + p.SignificantEvents.Count() + "/" + p.Reviews.Count() + "/"
                + p.Referrals.Count() + "/" + p.AgencyChecks.Count() + "/" + p.Registrations.Count() + "/" + p.Assessments.Count() + "/"
                + p.AlertExceptions.Count() + "/" + p.ProgrammeReferrals.Count() + "/" + p.UnpaidWorkBookings.Count() + "/" + p.AccessList.Count(),
        }).ToListAsync();
        return rows.ToDictionary(r => r.Crn.Value, r => $"v{r.Version} t{r.TeamId} o{r.ResponsibleOfficerId} {r.Counts}");
    });
}
