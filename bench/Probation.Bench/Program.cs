using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Bench;

// scripts/bench drives this: `run` measures the workloads against a running app (started by the
// script, pinned to CPU 1) and writes a JSON result; `report` turns the results into the table in
// docs/performance.md.
var command = args.Length > 0 ? args[0] : "help";
var options = Options.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "run":
        return await Runner.RunAsync(options);
    case "report":
        Report.Write(options.Require("--results"), options.Require("--out"));
        return 0;
    default:
        Console.Error.WriteLine("usage: Probation.Bench run --base-url URL --provider sqlite|postgres --connection CS --scale NAME --password P --out DIR [--smoke]");
        Console.Error.WriteLine("       Probation.Bench report --results DIR --out docs/performance.md");
        return 2;
}

namespace Probation.Bench
{
    public sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(string[] args)
        {
            var d = new Dictionary<string, string>();
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    d[args[i]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
                }
            }

            return new Options(d);
        }

        public string? Get(string name) => values.GetValueOrDefault(name);

        public string Require(string name) => Get(name) ?? throw new ArgumentException($"{name} is required");

        public bool Flag(string name) => Get(name) == "true";

        public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>A signed-in user for the load: the cookie header and the cases on their caseload.</summary>
    public sealed record BenchUser(string UserName, int StaffId, string Cookie, IReadOnlyList<string> Crns);

    public static partial class Runner
    {
        public static async Task<int> RunAsync(Options o)
        {
            var smoke = o.Flag("--smoke");
            var settings = new Settings(
                TimeSpan.FromSeconds(o.Int("--warmup", smoke ? 2 : 10)),
                TimeSpan.FromSeconds(o.Int("--duration", smoke ? 3 : 20)),
                3,
                o.Int("--connections", 32),
                smoke)
            {
                WarmUpLimit = TimeSpan.FromSeconds(o.Int("--warmup-limit", smoke ? 2 : 300)),
            };
            var baseUrl = new Uri(o.Require("--base-url"));
            var provider = o.Require("--provider").Equals("postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
            var database = new DatabaseOptions(provider, o.Require("--connection"));
            var password = o.Require("--password");
            var only = (o.Get("--only") ?? (smoke ? "W1,W2,W6" : "W1,W2,W3,W4,W5,W6,W7")).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();

            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddProbationData(database);
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(new Probation.Domain.Supervision.SafetyNet(new Probation.Domain.Supervision.SafetyNetOptions(), Probation.Domain.Common.WorkingDayCalendar.EnglandAndWales));
            services.AddScoped<Probation.Application.Supervision.CaseStatuses>();
            services.AddIdentityCore<ApplicationUser>(i => i.Password.RequiredLength = 12).AddRoles<IdentityRole>().AddEntityFrameworkStores<ProbationDbContext>();
            await using var sp = services.BuildServiceProvider();

            var result = await Machine.DescribeAsync(sp, database, o.Get("--scale") ?? "unknown", settings);
            if (!settings.Smoke && o.Get("--only") is { } some)
            {
                result = result with { Mode = "partial: " + some };
            }

            Console.WriteLine($"Benchmarking {result.Database.Provider} {result.Database.Version}, scale {result.Scale}, {result.Rows["people"]} people, {result.Rows["contacts"]} contacts");

            var officers = await PrepareOfficersAsync(sp, baseUrl, password, smoke ? 4 : 8);
            var tool = new LoadTool(baseUrl);
            var workloads = new List<WorkloadResult>();

            async Task Add(string id, Func<Task<WorkloadResult>> run)
            {
                if (!only.Contains(id))
                {
                    return;
                }

                Console.WriteLine($"== {id}");
                var w = await run();
                Console.WriteLine("   " + w.Summary());
                workloads.Add(w);
            }

            await Add("W1", () => Workloads.W1Async(sp, tool, officers, settings, database, o));
            await Add("W2", () => Workloads.W2Async(sp, tool, officers, settings, database, o));
            await Add("W3", () => Workloads.W3Async(sp, tool, baseUrl, password, settings, database, o));
            await Add("W4", () => Workloads.W4Async(sp, settings, database));
            await Add("W5", () => Task.FromResult(Workloads.W5(o)));
            await Add("W6", () => Task.FromResult(Workloads.W6(settings)));
            await Add("W7", () => Workloads.W7Async(baseUrl, officers[0]));

            result = result with { Workloads = workloads, FinishedAtUtc = DateTime.UtcNow };
            var outDir = o.Require("--out");
            Directory.CreateDirectory(outDir);
            var file = Path.Combine(outDir, $"{result.StartedAtUtc:yyyyMMdd-HHmmss}-{result.Database.Provider.ToLowerInvariant()}-{result.Scale}{(smoke ? "-smoke" : o.Get("--only") is null ? "" : "-partial")}.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, Report.Json));
            Console.WriteLine();
            Console.WriteLine(Report.Table([result]));
            Console.WriteLine($"Written {file}");

            // The smoke (CI) fails only on errors or a ratio below half its target; a full run reports and never fails on timings.
            var failed = workloads.Where(w => smoke ? !w.SmokePass : w.Errors > 0).ToList();
            foreach (var w in failed)
            {
                Console.Error.WriteLine($"FAILED {w.Id}: {w.Summary()}");
            }

            return failed.Count == 0 ? 0 : 1;
        }

        /// <summary>
        /// Sign-in accounts for officers whose caseloads are nearest 50 (so each user's caseload page differs),
        /// created once with the demo password, each signed in once through the sign-in page; their cookies are reused.
        /// </summary>
        private static async Task<IReadOnlyList<BenchUser>> PrepareOfficersAsync(IServiceProvider sp, Uri baseUrl, string password, int count)
        {
            List<(int StaffId, string Grade, List<string> Crns)> picked;
            await using (var scope = sp.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
                var loads = await db.People.AsNoTracking().Where(p => p.ResponsibleOfficerId != null)
                    .GroupBy(p => p.ResponsibleOfficerId!.Value).Select(g => new { StaffId = g.Key, Cases = g.Count() }).ToListAsync();
                var grades = await db.Staff.AsNoTracking().Select(s => new { s.Id, s.Grade }).ToDictionaryAsync(s => s.Id, s => s.Grade.ToString());
                var chosen = loads.Where(l => grades[l.StaffId] is "ProbationOfficer" or "ProbationServicesOfficer")
                    .OrderBy(l => Math.Abs(l.Cases - 50)).ThenBy(l => l.StaffId).Take(count).ToList();
                picked = [];
                foreach (var c in chosen)
                {
                    var crns = await db.People.AsNoTracking().Where(p => p.ResponsibleOfficerId == c.StaffId && !p.AccessList.Any())
                        .OrderBy(p => p.Id).Select(p => p.Crn).Take(20).ToListAsync();
                    picked.Add((c.StaffId, grades[c.StaffId], crns.Select(x => x.Value).ToList()));
                }

                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                foreach (var (staffId, grade, _) in picked)
                {
                    var name = $"bench-officer-{staffId}";
                    if (await users.FindByNameAsync(name) is not null)
                    {
                        continue;
                    }

                    var user = new ApplicationUser { UserName = name, Email = name + "@bench.probation.invalid", EmailConfirmed = true, StaffMemberId = staffId, DisplayName = name };
                    var created = await users.CreateAsync(user, password);
                    if (!created.Succeeded)
                    {
                        throw new InvalidOperationException("Could not create " + name + ": " + string.Join("; ", created.Errors.Select(e => e.Description)));
                    }

                    await users.AddToRoleAsync(user, grade);
                }
            }

            var result = new List<BenchUser>();
            foreach (var (staffId, _, crns) in picked)
            {
                result.Add(new BenchUser($"bench-officer-{staffId}", staffId, await SignInAsync(baseUrl, $"bench-officer-{staffId}", password), crns));
            }

            Console.WriteLine($"Signed in {result.Count} officers with {string.Join(", ", result.Select(u => u.Crns.Count))} cases shown on their case pages");
            return result;
        }

        public static async Task<string> SignInAsync(Uri baseUrl, string userName, string password)
        {
            var cookies = new System.Net.CookieContainer();
            using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { BaseAddress = baseUrl };
            var html = await client.GetStringAsync("/sign-in");
            var token = System.Net.WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
            using var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = token,
            }));
            if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
            }

            return cookies.GetCookieHeader(baseUrl);
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenField();
    }

    public static class Machine
    {
        public static async Task<BenchResult> DescribeAsync(IServiceProvider sp, DatabaseOptions database, string scale, Settings settings)
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
            var version = database.Provider == DatabaseProvider.Postgres
                ? await db.Database.SqlQueryRaw<string>("SELECT version() AS \"Value\"").SingleAsync()
                : "SQLite " + await db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS \"Value\"").SingleAsync();
            var rows = new Dictionary<string, long>
            {
                ["providers"] = await db.Providers.LongCountAsync(),
                ["staff"] = await db.Staff.LongCountAsync(),
                ["people"] = await db.People.LongCountAsync(),
                ["orders"] = await db.Orders.LongCountAsync(),
                ["contacts"] = await db.Contacts.LongCountAsync(),
                ["unpaidWorkBookings"] = await db.UnpaidWorkBookings.LongCountAsync(),
                ["auditRows"] = await db.AuditEntries.LongCountAsync(),
            };
            return new BenchResult(
                Commit: Git("rev-parse --short HEAD"),
                StartedAtUtc: DateTime.UtcNow,
                FinishedAtUtc: DateTime.UtcNow,
                MachineInfo: new MachineInfo(Cores(), MemoryGb(), CpuModel(), System.Runtime.InteropServices.RuntimeInformation.OSDescription, Environment.Version.ToString()),
                Database: new DatabaseInfo(database.Provider.ToString(), version.Split(',')[0]),
                Scale: scale,
                Mode: settings.Smoke ? "smoke" : "full",
                Settings: $"warm-up in windows of {settings.WarmUp.TotalSeconds:0} s until the app's runtime compiles fewer than {LoadTool.SettledMethods} methods in one (at most {settings.WarmUpLimit.TotalSeconds:0} s), {settings.Runs} runs of {settings.Duration.TotalSeconds:0} s, median run reported; load tool on CPU 0, app and database on CPU 1",
                Rows: rows,
                Workloads: []);
        }

        private static string Git(string args)
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo("git", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var s = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return s;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "unknown";
            }
        }

        // The machine's cores, not this process's (it is pinned to one).
        private static int Cores() =>
            File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal)) : Environment.ProcessorCount;

        private static double MemoryGb()
        {
            var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
            return line is null ? 0 : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1);
        }

        private static string CpuModel() =>
            File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
                : "unknown";
    }
}
