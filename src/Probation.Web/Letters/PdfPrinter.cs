using System.Diagnostics;
using System.Net;

namespace Probation.Web.Letters;

/// <summary>Where headless Chromium is, and how long a letter may take to print.</summary>
public sealed class PdfOptions
{
    /// <summary>The Chromium program; by default <c>CHROMIUM_PATH</c>, else <c>/usr/bin/chromium</c>.</summary>
    public string? ChromiumPath { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Letters printed at once on this node: each print is a Chromium process.</summary>
    public int Concurrency { get; set; } = 2;
}

/// <summary>
/// Prints a letter's HTML to PDF with headless Chromium: our own HTML and the letter style sheet, nothing fetched from
/// anywhere else. Chromium writes a tagged PDF (a structure tree, the document language and title), so screen readers
/// read it in order, and the text is the text the page shows.
/// </summary>
public sealed class PdfPrinter
{
    private readonly PdfOptions options;
    private readonly string styles;
    private readonly SemaphoreSlim gate;
    private readonly ILogger<PdfPrinter> log;

    public PdfPrinter(PdfOptions options, IWebHostEnvironment environment, ILogger<PdfPrinter> log)
    {
        this.options = options;
        this.log = log;
        gate = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        var sheet = environment.WebRootFileProvider.GetFileInfo("css/letters.css");
        using var reader = new StreamReader(sheet.CreateReadStream());
        styles = reader.ReadToEnd();
    }

    public string Chromium => options.ChromiumPath is { Length: > 0 } p ? p : Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } e ? e : "/usr/bin/chromium";

    /// <summary>Whether this node can print: Chromium is installed where the settings say.</summary>
    public bool Available => File.Exists(Chromium);

    /// <summary>The PDF of a letter, or null when Chromium is missing or failed (the caller answers 503).</summary>
    public async Task<byte[]?> PrintAsync(string title, string letterHtml, CancellationToken ct)
    {
        if (!Available)
        {
            log.LogWarning("Letters cannot be printed to PDF: Chromium was not found at the configured path");
            return null;
        }

        var work = Directory.CreateTempSubdirectory("probation-letter-");
        await gate.WaitAsync(ct);
        try
        {
            var page = Path.Combine(work.FullName, "letter.html");
            var pdf = Path.Combine(work.FullName, "letter.pdf");
            await File.WriteAllTextAsync(
                page,
                $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>"
                + $"<style>@page {{ size: A4; margin: 20mm 18mm; }} body {{ margin: 0; }} {styles}</style></head><body>{letterHtml}</body></html>",
                ct);
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}", "--no-pdf-header-footer", "--export-tagged-pdf",
                "--generate-pdf-document-outline", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync(ct);
            _ = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (ct.IsCancellationRequested)
                {
                    throw;
                }

                log.LogError("Chromium did not finish printing a letter within {Timeout}", options.Timeout);
                return null;
            }

            if (!File.Exists(pdf))
            {
                log.LogError("Chromium exited with {ExitCode} and wrote no PDF", process.ExitCode);
                return null;
            }

            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            gate.Release();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A Chromium helper still closing: the temporary folder is left for the system to clear.
            }
        }
    }
}
