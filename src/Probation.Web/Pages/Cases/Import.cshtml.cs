using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Access;
using Probation.Application.Imports;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Web.Api;

namespace Probation.Web.Pages.Cases;

/// <summary>
/// Import new cases from a court or transfer file: upload, the check's report of every row, confirm, then the import's
/// progress page. Between the check and the confirmation the file travels back with the form, encrypted and good for an
/// hour (<see cref="CheckedUpload"/>): nothing of it is stored before the person confirms, and any web node can take the
/// confirmation.
/// </summary>
public sealed class ImportModel(ImportCases use, CaseImportQueries queries, CaseImportRunner runner, IDataProtectionProvider protection, IRequestContext request, TimeProvider clock) : PageModel
{
    /// <summary>Rows of each kind shown in the report; the counts above it cover them all.</summary>
    public const int RowsShown = 200;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The checked file, encrypted, sent back with the confirmation.</summary>
    [BindProperty]
    public string? Checked { get; set; }

    public bool MayImport { get; private set; }

    public ImportReport? Report { get; private set; }

    public IReadOnlyList<ImportReport> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (Upload is null)
        {
            ModelState.AddModelError(nameof(Upload), "Select a CSV or JSON file of cases");
            return await PageAsync(ct);
        }

        var (file, problem) = await ImportsApi.FromUploadAsync(Upload, ct);
        if (file is null)
        {
            ModelState.AddModelError(nameof(Upload), problem!);
            return await PageAsync(ct);
        }

        var checkedFile = await CheckAsync(file, ct);
        if (checkedFile is null)
        {
            return await PageAsync(ct);
        }

        Report = ImportReport.DryRunOf(file.Name, file.Format, checkedFile);
        Checked = CheckedUpload.Protect(protection, clock, request.Viewer, file);
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var file = CheckedUpload.Unprotect(protection, clock, request.Viewer, Checked);
        if (file is null)
        {
            ModelState.AddModelError(nameof(Upload), "The check of your file has expired: select the file and check it again");
            Checked = null;
            return await PageAsync(ct);
        }

        // Checked again: cases may have been created, or imported, since the report was shown.
        var checkedFile = await CheckAsync(file, ct);
        if (checkedFile is null)
        {
            return await PageAsync(ct);
        }

        var id = await use.BeginAsync(file.Name, file.Format, checkedFile, ct);
        if (checkedFile.Accepted.Count > 0)
        {
            runner.Start(id, checkedFile, request.Viewer, request.Where, request.RequestId);
        }

        return Redirect($"/cases/import/{id}");
    }

    private async Task<CheckedFile?> CheckAsync(ImportsApi.UploadedFile file, CancellationToken ct)
    {
        IReadOnlyList<CaseFileRow> rows;
        try
        {
            rows = CaseFile.Read(file.Content, file.Format);
        }
        catch (MalformedCaseFileException e)
        {
            ModelState.AddModelError(nameof(Upload), e.Message);
            return null;
        }

        var check = await use.CheckAsync(rows, ct);
        if (check.Result is Refused refused)
        {
            ModelState.AddModelError(nameof(Upload), refused.Reason);
            return null;
        }

        return check.Value;
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayImport = ImportCases.MayImport(request.Viewer);
        History = await queries.HistoryAsync(10, ct) ?? [];
    }
}

/// <summary>
/// A checked file carried in the confirmation form: compressed, then encrypted and signed with the app's data protection
/// keys (kept in the database, so every node can read it), bound to the person who checked it and good for an hour.
/// </summary>
public static class CheckedUpload
{
    private const string Purpose = "Probation.CaseImport.CheckedFile.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static string Protect(IDataProtectionProvider protection, TimeProvider clock, Viewer viewer, ImportsApi.UploadedFile file)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().ToUnixTimeSeconds());
            writer.Write(viewer.UserName);
            writer.Write(file.Name);
            writer.Write((byte)file.Format);
        }

        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(file.Content);
        }

        return Base64UrlEncode(protection.CreateProtector(Purpose).Protect(buffer.ToArray()));
    }

    public static ImportsApi.UploadedFile? Unprotect(IDataProtectionProvider protection, TimeProvider clock, Viewer viewer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var buffer = new MemoryStream(protection.CreateProtector(Purpose).Unprotect(Base64UrlDecode(text)));
            using var reader = new BinaryReader(buffer, System.Text.Encoding.UTF8, leaveOpen: true);
            var issued = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
            var user = reader.ReadString();
            var name = reader.ReadString();
            var format = (CaseImportFormat)reader.ReadByte();
            if (user != viewer.UserName || clock.GetUtcNow() - issued > Lifetime || !Enum.IsDefined(format))
            {
                return null;
            }

            using var gzip = new GZipStream(buffer, CompressionMode.Decompress);
            using var content = new MemoryStream();
            gzip.CopyTo(content);
            return new ImportsApi.UploadedFile(name, format, content.ToArray());
        }
        catch (Exception e) when (e is CryptographicException or FormatException or InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - (s.Length % 4)) % 4));
    }
}

/// <summary>One table of the import report: rows of one kind, the first <see cref="Shown"/> of them.</summary>
public sealed record ImportRowsView(string Caption, IReadOnlyList<ImportRowResult> Rows, int Shown, string Id);
