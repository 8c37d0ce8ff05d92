using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>
/// The app as operators run it: <c>dotnet Probation.Web.dll</c> in a process of its own, listening on a free
/// loopback port, on the database a test gives it; so that a test can kill it outright and start it again.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The repository's root, found above the test's output folder.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Probation.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Probation.slnx was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The web app built in the same configuration as the tests (bin/Debug or bin/Release).</summary>
    public static string WebDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(Root, "src", "Probation.Web", "bin", output.Parent!.Name, output.Name, "Probation.Web.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built.");
        }
    }

    /// <summary>The settings the app reads from its environment for a database and the demo provider.</summary>
    public static Dictionary<string, string> Settings(string provider, string connectionString, bool seedDemo) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Database__Provider"] = provider,
        ["ConnectionStrings__Probation"] = connectionString,
        ["Demo__Seed"] = seedDemo ? "true" : "false",
        ["Demo__Scale"] = "small",
        ["Demo__Password"] = TestUsers.Password,
        ["Reports__DailyAggregates__Enabled"] = "false",
        ["Audit__Sealing__Enabled"] = "false",
        ["Session__SignInAttemptsPerMinute"] = "100000",

        // The test PostgreSQL server runs without fsync for speed (a crash of the app, not of the server, is tested).
        ["Database__AcceptNonDurableStorage"] = provider == "Postgres" ? "true" : "false",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft"] = "Warning",
    };

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs the app's command line to the end (for example <c>seed --scale large-provider</c>); returns its output.</summary>
    public static async Task<string> RunCommandAsync(Dictionary<string, string> settings, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Root, "src", "Probation.Web") };
        start.ArgumentList.Add(WebDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in settings)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {text}");
    }

    /// <summary>Starts the app and waits until it answers <c>/health</c> (migrations and, on a new store, the demo data are done).</summary>
    public static async Task<AppProcess> StartAsync(Dictionary<string, string> settings, TimeSpan? limit = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Root, "src", "Probation.Web") };
        foreach (var a in new[] { WebDll, "--urls", url, "--contentRoot", Path.Combine(Root, "src", "Probation.Web") })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in settings)
        {
            start.Environment[k] = v;
        }

        var app = new AppProcess(Process.Start(start)!, new Uri(url));
        using var probe = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < until)
        {
            if (app._process.HasExited)
            {
                throw new InvalidOperationException($"The app exited ({app._process.ExitCode}) before it answered: {app.Log}");
            }

            try
            {
                using var health = await probe.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        app.Kill();
        throw new InvalidOperationException("The app did not answer /health in time: " + app.Log);
    }

    /// <summary>SIGKILL: the process ends at once, as in a power cut of the node or the OOM killer; nothing is flushed or drained.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>A client signed in with a bearer token from <c>POST /api/v1/auth/token</c>.</summary>
    public async Task<HttpClient> TokenClientAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = TestUsers.Password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ProbationAppFactory.TokenBody>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body!.AccessToken);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 2_000_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
