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
public abstract class AuthorisationMatrixTests(WorldFixture fixture)
{
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

    private async Task<Outcome> SendAsync(MatrixUser user, Route route, string method, string url, bool withToken = true)
    {
        var (browser, api, token) = fixture.Clients[user.UserName];
        var client = route.IsPage ? browser : api;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = route.IsPage
                ? new FormUrlEncodedContent(withToken ? new Dictionary<string, string> { ["__RequestVerificationToken"] = token } : new Dictionary<string, string> { ["Input.Notes"] = "sent from another site" })
                : new StringContent("{\"version\":1}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        return new Outcome(user, method, url, response.StatusCode, response.Headers.Location?.OriginalString, body);
    }

    private void Report(string text) => TestContext.Current.SendDiagnosticMessage($"[{fixture.App.DatabaseProvider}] {text}");

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
    public async Task EveryTextColumn_OfEveryRowOfEveryCase_HoldsAMarker()
    {
        var markers = World.Markers;
        var stored = await fixture.App.WithDbAsync(markers.StoredAsync);
        Report($"Case markers: {markers.Tables.Count} tables of case data found from the model ({string.Join(", ", markers.Tables)}); "
            + $"{markers.Columns.Count} text columns each given a marker in every case; {World.Cases.Count} cases, {World.Cases.Sum(c => c.Canaries.Count)} markers; "
            + $"{markers.Copied.Count} rows copied so that every case holds every table ({string.Join(", ", markers.Copied)}); "
            + $"left without rows of the tables that decide access and sampling: {string.Join(", ", markers.LeftWithout)}; "
            + $"not copied: {(markers.NotCopied.Count == 0 ? "none" : string.Join("; ", markers.NotCopied))}; "
            + $"columns left without a marker: {(markers.Skipped.Count == 0 ? "none" : string.Join("; ", markers.Skipped))}");
        Assert.Contains("People.FirstName", markers.Columns);
        Assert.Contains("Contacts.Notes", markers.Columns);
        Assert.True(markers.Columns.Count > 100, $"only {markers.Columns.Count} text columns found");
        Assert.Empty(markers.NotCopied);
        Assert.All(World.Cases, c => Assert.Equal(markers.Columns.Count - markers.ColumnsLeftWithout(c.Tag), c.Canaries.Count));
        Assert.All(stored, s => Assert.True(s.Value >= 1, $"{s.Key}: no row holds a marker"));
    }

    /// <summary>Sends every request of a plan, a few at a time, and gives the outcomes in the plan's order.</summary>
    private async Task<Outcome[]> RunAsync(IReadOnlyList<(MatrixUser User, Route Route, string Method, string Url)> plan)
    {
        var outcomes = new Outcome[plan.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) => outcomes[i] = await SendAsync(plan[i].User, plan[i].Route, plan[i].Method, plan[i].Url));
        return outcomes;
    }

    [Fact]
    public async Task Reads_EveryRouteRoleAndCaseSituation_ShowOnlyWhatTheAccessRulesAllow()
    {
        var plan = new List<(MatrixUser User, Route Route, MatrixCase? Case, bool Foreign, string Url)>();
        foreach (var user in World.Users)
        {
            foreach (var route in World.Routes.Where(r => r.Methods.Contains("GET")))
            {
                if (route.TakesCase)
                {
                    plan.AddRange(World.Cases.Select(c => (user, route, (MatrixCase?)c, false, World.Fill(route, c)!)).Where(p => p.Item5 is not null));
                    continue;
                }

                // Routes without a case: the demo provider's record, then the other provider's where the route takes an id.
                foreach (var foreignRecord in route.Parameters.Count == 0 ? [false] : new[] { false, true })
                {
                    if (World.Fill(route, null, foreignRecord) is { } url)
                    {
                        plan.Add((user, route, null, foreignRecord, url));
                    }
                }
            }
        }

        var outcomes = await RunAsync(plan.Select(p => (p.User, p.Route, "GET", p.Url)).ToList());
        var refused = 0;
        var allowedAndShown = 0;
        var unexpected = new List<string>();
        var leaks = new List<string>();
        var notShown = new List<string>();
        var errors = new List<string>();
        var situations = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Count; i++)
        {
            var (user, route, @case, foreignRecord, _) = plan[i];
            var outcome = outcomes[i];
            var shown = World.CasesShownIn(outcome.Body);
            if ((int)outcome.Status >= 500)
            {
                errors.Add(outcome.ToString());
            }

            if (user.ProviderId is not null && World.ForeignCanaries.FirstOrDefault(outcome.Body.Contains) is { } foreign)
            {
                leaks.Add($"{outcome} shows {foreign}");
            }

            if (@case is not null)
            {
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

                if (shown.TryGetValue(@case.Tag, out var marker))
                {
                    leaks.Add($"{outcome} shows {marker} ({situation})");
                }

                continue;
            }

            // Organisation records (teams, staff, hubs, projects) are not case data: inspectors and administrators, who
            // belong to no provider, read every provider's; provider staff read only their own.
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
            foreach (var hidden in World.Cases.Where(c => !c.MayRead(user, route) && !(route.Template.Contains("inspection", StringComparison.Ordinal) && c.MayRead(user, InspectionCase))))
            {
                if (shown.TryGetValue(hidden.Tag, out var marker))
                {
                    leaks.Add($"{outcome} shows {marker}");
                }
            }
        }

        Report($"Read matrix: {World.Routes.Count(r => r.Methods.Contains("GET"))} GET routes × {World.Users.Count} roles × {World.Cases.Count} cases: "
            + $"{plan.Count} requests; {refused} should be refused, {unexpected.Count} were not; {leaks.Count} showed a marker; "
            + $"{allowedAndShown} allowed and shown; {notShown.Count} allowed by the access rules but refused by the route's own rules (role or state). "
            + $"Situations: {string.Join(", ", situations.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.True(plan.Count > 3000, $"only {plan.Count} combinations");
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
        var plan = new List<(MatrixUser User, Route Route, MatrixCase Case, string Method, string Url)>();
        foreach (var user in World.Users)
        {
            foreach (var route in World.Routes.Where(r => r.TakesCase && r.Methods.Any(WriteMethods.Contains)))
            {
                foreach (var @case in World.Cases.Where(c => !c.MayRead(user, route)))
                {
                    if (World.Fill(route, @case) is { } url)
                    {
                        plan.AddRange(route.Methods.Where(WriteMethods.Contains).Select(method => (user, route, @case, method, url)));
                    }
                }
            }
        }

        var outcomes = await RunAsync(plan.Select(p => (p.User, p.Route, p.Method, p.Url)).ToList());
        var unexpected = outcomes.Where(o => o.Succeeded).Select(o => o.ToString()).ToList();
        var errors = outcomes.Where(o => (int)o.Status >= 500).Select(o => o.ToString()).ToList();
        var leaks = plan.Zip(outcomes).Where(x => World.CasesShownIn(x.Second.Body).ContainsKey(x.First.Case.Tag)).Select(x => x.Second.ToString()).ToList();
        var byStatus = outcomes.GroupBy(o => (int)o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}");

        var after = await FingerprintAsync();
        var auditAfter = await fixture.App.WithDbAsync(db => db.AuditEntries.Where(e => e.Action != AuditAction.Consulted).CountAsync());
        Report($"Write matrix: {plan.Count} writes to cases the user may not read; {unexpected.Count} succeeded; {leaks.Count} showed a marker; "
            + $"answers: {string.Join(", ", byStatus)}; changed cases: {before.Keys.Count(k => before[k] != after[k])}; "
            + $"audit rows of changes: {auditAfter - auditBefore}");
        Assert.True(plan.Count > 1000, $"only {plan.Count} combinations");
        Assert.True(unexpected.Count == 0, "Not refused:\n" + string.Join('\n', unexpected));
        Assert.True(leaks.Count == 0, "Markers shown:\n" + string.Join('\n', leaks));
        Assert.True(errors.Count == 0, "Server errors:\n" + string.Join('\n', errors));
        Assert.Equal(before, after);
        Assert.Equal(auditBefore, auditAfter);
    }

    [Fact]
    public async Task AnotherRecordsId_InARouteTheUserMayUse_IsRefused_AndChangesNothing()
    {
        // A child record (contact, check, event...) of another case, put under the user's own case; and the other
        // provider's team, staff member, hub or project where a route takes the id of the user's own.
        var own = World.Cases.Single(c => c.Tag == "Own");
        var before = await FingerprintAsync();
        var plan = new List<(MatrixUser User, Route Route, string Method, string Url, string Whose)>();
        foreach (var user in World.Users.Where(u => u.UserName is "po" or "manager" or "upw" or "leader"))
        {
            foreach (var route in World.Routes.Where(r => r.Parameters.Count > (r.TakesCase ? 1 : 0)))
            {
                var methods = route.Methods.Where(m => m == "GET" || WriteMethods.Contains(m)).ToList();
                if (route.TakesCase)
                {
                    var ownUrl = World.Fill(route, own);
                    foreach (var other in World.Cases.Where(c => c != own))
                    {
                        if (World.Fill(route, own, childOf: other.Crn) is { } url && url != ownUrl && !url.Contains("999999", StringComparison.Ordinal))
                        {
                            plan.AddRange(methods.Select(m => (user, route, m, url, other.Crn)));
                        }
                    }
                }
                else if (World.Fill(route, null, foreign: true) is { } foreignUrl && foreignUrl != World.Fill(route, null))
                {
                    plan.AddRange(methods.Select(m => (user, route, m, foreignUrl, "other provider")));
                }
            }
        }

        var outcomes = await RunAsync(plan.Select(p => (p.User, p.Route, p.Method, p.Url)).ToList());
        var unexpected = outcomes.Where(o => o.Succeeded).Select(o => o.ToString()).ToList();
        var errors = outcomes.Where(o => (int)o.Status >= 500).Select(o => o.ToString()).ToList();
        var leaks = plan.Zip(outcomes)
            .Where(x => World.Cases.Any(c => c.Crn == x.First.Whose && World.CasesShownIn(x.Second.Body).ContainsKey(c.Tag)) || World.ForeignCanaries.Any(x.Second.Body.Contains))
            .Select(x => x.Second.ToString()).ToList();
        var after = await FingerprintAsync();
        Report($"Identifier substitution: {plan.Count} requests ({plan.Count(p => p.Whose == "other provider")} with the other provider's records, "
            + $"{plan.Select(p => p.Route.Template).Distinct().Count()} routes); {unexpected.Count} succeeded; {leaks.Count} showed another record's data; "
            + $"answers: {string.Join(", ", outcomes.GroupBy(o => (int)o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"))}");
        Assert.True(plan.Count > 50, $"only {plan.Count} substitutions");
        Assert.True(unexpected.Count == 0, "Not refused:\n" + string.Join('\n', unexpected));
        Assert.True(leaks.Count == 0, "Data shown:\n" + string.Join('\n', leaks));
        Assert.True(errors.Count == 0, "Server errors:\n" + string.Join('\n', errors));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task EveryForm_WithoutItsAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var own = World.Cases.Single(c => c.Tag == "Own");
        var before = await FingerprintAsync();
        var pages = World.Routes.Where(r => r.IsPage).ToList();
        var plan = new List<(MatrixUser User, Route Route, string Url)>();
        foreach (var user in World.Users.Where(u => u.UserName is "po" or "manager" or "upw" or "programmes" or "ttg" or "quality" or "inspector" or "admin"))
        {
            plan.AddRange(pages.Select(r => (user, r, World.Fill(r, r.TakesCase ? own : null)!)).Where(p => p.Item3 is not null));
        }

        var outcomes = new Outcome[plan.Count];
        for (var i = 0; i < plan.Count; i++)
        {
            outcomes[i] = await SendAsync(plan[i].User, plan[i].Route, "POST", plan[i].Url, withToken: false);
        }

        var after = await FingerprintAsync();
        var refusedAsForged = outcomes.Count(o => o.Status == HttpStatusCode.BadRequest);
        Report($"Forms without a token: {plan.Count} posts to {pages.Count} pages by {plan.Select(p => p.User).Distinct().Count()} roles; "
            + $"answers: {string.Join(", ", outcomes.GroupBy(o => (int)o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"))}");
        Assert.True(outcomes.All(o => !o.Succeeded), "Accepted without a token:\n" + string.Join('\n', outcomes.Where(o => o.Succeeded)));
        Assert.True(outcomes.All(o => o.Status is HttpStatusCode.BadRequest || o.Location is not null), "Neither refused as forged nor sent away:\n" + string.Join('\n', outcomes.Where(o => o.Status is not HttpStatusCode.BadRequest && o.Location is null)));
        Assert.True(refusedAsForged > pages.Count * 4, $"only {refusedAsForged} posts were refused for their missing token");
        Assert.Equal(before, after);
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

public sealed class SqliteAuthorisationMatrixTests(WorldFixture fixture) : AuthorisationMatrixTests(fixture), IClassFixture<WorldFixture>;

[Trait("Database", "Postgres")]
public sealed class PostgresAuthorisationMatrixTests(PostgresWorldFixture fixture) : AuthorisationMatrixTests(fixture), IClassFixture<PostgresWorldFixture>;
