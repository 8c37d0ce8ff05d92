using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Probation.Web.Tests.Security;

/// <summary>
/// One way into the app that gets past sign-in and role checks to the handler: a route and method, the user who may
/// use it, the URL with its values filled, and what the handler reads (a page's form, a page's query fields, an API
/// body's type, an API's query parameters).
/// </summary>
public sealed record Reach(Route Route, string Method, MatrixUser User, string Url, HttpStatusCode Probe, PageForm? Form, IReadOnlyList<string> QueryNames, Type? Body)
{
    public bool IsWrite => Method != "GET";

    public string Kind => (Route.IsPage ? "page " : "API ") + (IsWrite ? "write" : "read");

    public override string ToString() => $"{Method} {Url} as {User.UserName}";

    /// <summary>
    /// For each route and method, the user that gets furthest: a page or read that answers 2xx, a write that reaches its
    /// rules (2xx, 409, 422) rather than stopping at its shape (400), a missing record (404) or the door (401, 403, 405).
    /// The likeliest role for the route's area is tried first; every page's post forms become reaches of their own.
    /// With <paramref name="writesOnly"/>, only pages (for their forms) and API writes are probed.
    /// </summary>
    public static async Task<IReadOnlyList<Reach>> FindAsync(WorldFixture fixture, DateOnly today, bool writesOnly = false)
    {
        var world = fixture.World;
        var own = world.Cases.Single(c => c.Tag == "Own");
        var sampled = world.Cases.Single(c => c.Tag == "Sampled");
        var found = new System.Collections.Concurrent.ConcurrentBag<Reach>();
        await Parallel.ForEachAsync(world.Routes.Where(r => !writesOnly || r.IsPage || r.Methods.Any(m => m != "GET")), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (route, _) =>
        {
            var @case = route.IsInspectionCase ? sampled : own;
            if (world.Fill(route, route.TakesCase ? @case : null) is not { } url)
            {
                return;
            }

            var users = world.Users.Where(u => !route.TakesCase || @case.MayRead(u, route)).OrderBy(u => Likeliness(route, u)).ToList();
            foreach (var method in route.IsPage ? ["GET"] : route.Methods.Where(m => (m == "GET" && !writesOnly) || m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                var inputs = route.Inputs.GetValueOrDefault(method);
                (MatrixUser User, HttpStatusCode Status, int Rank, string Body)? best = null;
                foreach (var user in users)
                {
                    var (status, location, body) = await ProbeAsync(fixture, user, route, method, url, inputs?.Body, today);
                    var rank = Rank(method, status, location);
                    if (best is null || rank < best.Value.Rank)
                    {
                        best = (user, status, rank, body);
                    }

                    if (rank == 0)
                    {
                        break;
                    }
                }

                if (best is not { } chosen || chosen.Rank >= 4)
                {
                    continue;
                }

                if (!route.IsPage)
                {
                    found.Add(new Reach(route, method, chosen.User, url, chosen.Status, null, inputs?.Query.Select(q => q.Name).ToList() ?? [], inputs?.Body));
                    continue;
                }

                var forms = PageForms.Read(chosen.Body, url);
                var queryNames = forms.Where(f => f.Method == "GET").SelectMany(f => f.Names).Distinct().ToList();
                found.Add(new Reach(route, "GET", chosen.User, url, chosen.Status, null, queryNames, null));
                foreach (var form in forms.Where(f => f.Method == "POST" && (f.Action.StartsWith(url + "?", StringComparison.OrdinalIgnoreCase) || string.Equals(f.Action, url, StringComparison.OrdinalIgnoreCase))))
                {
                    found.Add(new Reach(route, "POST", chosen.User, form.Action, chosen.Status, form, [], null));
                }
            }
        });

        // In a fixed order, whatever order the probes finished in, so that a seed replays the same run.
        var reaches = found.OrderBy(r => r.Route.Template, StringComparer.Ordinal).ThenBy(r => r.Route.IsPage).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Url, StringComparer.Ordinal).ToList();
        return reaches;
    }

    private static int Rank(string method, HttpStatusCode status, string? location)
    {
        var code = (int)status;
        var toError = location is not null && (location.Contains("/error", StringComparison.Ordinal) || location.Contains("/sign-in", StringComparison.Ordinal));
        return code switch
        {
            >= 200 and < 300 => 0,
            >= 300 and < 400 => toError ? 4 : 0,
            409 or 412 or 422 => 1,
            400 => method == "GET" ? 3 : 2,
            404 => 3,
            _ => 4,
        };
    }

    private static async Task<(HttpStatusCode Status, string? Location, string Body)> ProbeAsync(WorldFixture fixture, MatrixUser user, Route route, string method, string url, Type? body, DateOnly today)
    {
        var (browser, api, _) = fixture.Clients[user.UserName];
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new StringContent(body is null ? "{}" : JsonBodies.Valid(body, fixture.World, today).ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await (route.IsPage ? browser : api).SendAsync(request);
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Which demo account a route's area is for, first; the others after, in the order of the accounts.</summary>
    private static int Likeliness(Route route, MatrixUser user)
    {
        var t = route.Template;
        string[] likely = t switch
        {
            _ when t.Contains("inspection", StringComparison.Ordinal) => ["inspector", "quality"],
            _ when t.Contains("unpaid-work", StringComparison.Ordinal) || t.Contains("/projects", StringComparison.Ordinal) => ["upw", "po"],
            _ when t.Contains("programme", StringComparison.Ordinal) => ["programmes", "po"],
            _ when t.Contains("resettlement", StringComparison.Ordinal) || t.Contains("custody", StringComparison.Ordinal) => ["ttg", "po"],
            _ when t.Contains("quality", StringComparison.Ordinal) || t.Contains("audits", StringComparison.Ordinal) || t.Contains("feedback", StringComparison.Ordinal) => ["quality", "manager"],
            _ when t.StartsWith("/admin", StringComparison.Ordinal) || t.Contains("/audit", StringComparison.Ordinal) || t.Contains("accounts", StringComparison.Ordinal) => ["admin"],
            _ when t.Contains("allocation", StringComparison.Ordinal) || t.Contains("oversight", StringComparison.Ordinal) || t.Contains("/staff", StringComparison.Ordinal) || t.Contains("/teams", StringComparison.Ordinal) => ["manager", "po"],
            _ when t.Contains("report", StringComparison.Ordinal) => ["leader", "manager"],
            _ => ["po", "manager"],
        };
        var at = Array.IndexOf(likely, user.UserName);
        return at >= 0 ? at : likely.Length + AccessWorld.Accounts.Select(a => a.UserName).ToList().IndexOf(user.UserName);
    }
}

/// <summary>Well-formed JSON bodies for an API's request type: every property given a plausible value of its type.</summary>
public static class JsonBodies
{
    public static JsonObject Valid(Type type, AccessWorld world, DateOnly today) => (JsonObject)Value(type, "body", world, today, 0)!;

    private static JsonNode? Value(Type type, string name, AccessWorld world, DateOnly today, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return name.Equals("crn", StringComparison.OrdinalIgnoreCase) ? world.Cases.Single(c => c.Tag == "Own").Crn : "Seen in the office and the plan was discussed";
        }

        if (t == typeof(bool))
        {
            return false;
        }

        if (t == typeof(int) || t == typeof(long))
        {
            return name.Equals("version", StringComparison.OrdinalIgnoreCase) ? 1 : Id(name, world) ?? 1;
        }

        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float))
        {
            return 1.5;
        }

        if (t == typeof(DateOnly))
        {
            return today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00Z";
        }

        if (t == typeof(TimeOnly))
        {
            return "10:00:00";
        }

        if (t.IsEnum)
        {
            return Enum.GetNames(t).FirstOrDefault(n => n != "None") ?? Enum.GetNames(t)[0];
        }

        if (depth > 4)
        {
            return null;
        }

        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
        {
            var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            return new JsonArray(Value(element, name.TrimEnd('s'), world, today, depth + 1));
        }

        var obj = new JsonObject();
        foreach (var (propertyName, propertyType) in Properties(t))
        {
            obj[char.ToLowerInvariant(propertyName[0]) + propertyName[1..]] = Value(propertyType, propertyName, world, today, depth + 1);
        }

        return obj;
    }

    /// <summary>A record's constructor parameters, or a class's settable properties.</summary>
    public static IEnumerable<(string Name, Type Type)> Properties(Type t)
    {
        var constructor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        return constructor is { } c && c.GetParameters().Length > 0
            ? c.GetParameters().Select(p => (p.Name!, p.ParameterType))
            : t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => (p.Name, p.PropertyType));
    }

    /// <summary>A real id of the demo provider where the property names a kind of record the world holds.</summary>
    private static int? Id(string name, AccessWorld world)
    {
        var n = name.ToLowerInvariant();
        string? collection = n switch
        {
            _ when n.Contains("team") => "teams",
            _ when n.Contains("site") || n.Contains("hub") => "hubs",
            _ when n.Contains("project") => "projects",
            _ when n.Contains("officer") || n.Contains("staff") || n.Contains("facilitator") || n.Contains("participant") || n.Contains("supervisor") => "staff",
            _ when n.Contains("session") => "sessions",
            _ when n.Contains("group") => "groups",
            _ when n.Contains("moderates") => "audits",
            _ => null,
        };
        return collection is not null && world.Records.TryGetValue(collection, out var ids) ? ids.Own : null;
    }
}
