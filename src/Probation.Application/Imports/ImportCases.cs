using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Cases;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Domain.Allocation;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;

namespace Probation.Application.Imports;

/// <summary>A checked file: what was found for every row, and the rows to create.</summary>
public sealed record CheckedFile(IReadOnlyList<ImportRowResult> Results, IReadOnlyList<AcceptedRow> Accepted)
{
    public int Rows => Results.Count;

    public int Refused => Results.Count(r => r.Verdict == RowVerdict.Refused);

    public int AlreadyImported => Results.Count(r => r.Verdict == RowVerdict.AlreadyImported);
}

/// <summary>An import as it stands (and, straight after a check or a run, what became of each row).</summary>
public sealed record ImportReport(
    int? ImportId,
    string FileName,
    CaseImportFormat Format,
    bool DryRun,
    CaseImportStatus? Status,
    int Rows,
    int Accepted,
    int AlreadyImported,
    int Refused,
    int Created,
    int Batches,
    int BatchesDone,
    DateTime? StartedAtUtc,
    DateTime? FinishedAtUtc,
    string? UserName,
    string? Problem,
    IReadOnlyList<ImportRowResult> Results)
{
    public static ImportReport Of(CaseImport i, IReadOnlyList<ImportRowResult> results, bool stalled) => new(
        i.Id, i.FileName, i.Format, false, stalled ? CaseImportStatus.Failed : i.Status, i.Rows, i.Accepted, i.AlreadyImported, i.Refused, i.Created, i.Batches, i.BatchesDone,
        DateTime.SpecifyKind(i.StartedAtUtc, DateTimeKind.Utc), i.FinishedAtUtc is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : null, i.UserName,
        stalled ? ImportCases.StalledProblem : i.Problem, results);

    public static ImportReport DryRunOf(string fileName, CaseImportFormat format, CheckedFile file) => new(
        null, fileName, format, true, null, file.Rows, file.Accepted.Count, file.AlreadyImported, file.Refused, 0, ImportCases.BatchCount(file.Accepted.Count), 0,
        null, null, null, null, file.Results);

    /// <summary>How far the writing has gone, 0 to 100.</summary>
    public int PercentDone => Batches == 0 ? 100 : (int)(100L * BatchesDone / Batches);
}

/// <summary>
/// Imports new cases from a court or transfer file. <see cref="CheckAsync"/> is the dry run: it checks every row and
/// writes nothing (only an audit row naming any held cases it compared against). <see cref="BeginAsync"/> records the
/// import and <see cref="RunAsync"/> writes it in batches of <see cref="BatchSize"/>, one transaction a batch: the cases
/// of the batch, their audit row (collected personal data) and the import's counts commit together, so the counts any
/// node shows are what is in the database. A source reference already imported is skipped, so importing a file again
/// creates nothing new, and a run that stopped half-way is finished by importing the same file again. Every case created
/// is unallocated: it joins its team's allocation queue as a case created on its own does.
/// </summary>
public sealed class ImportCases(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    /// <summary>Cases written in one transaction: large enough for the bulk path to pay, small enough to show progress and keep locks short.</summary>
    public const int BatchSize = 500;

    /// <summary>A running import whose counts have not moved for this long has stopped with the node that ran it.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(5);

    public const string StalledProblem = "The import stopped before it finished. Import the same file again: the cases already created are skipped.";

    public static int BatchCount(int accepted) => (accepted + BatchSize - 1) / BatchSize;

    /// <summary>Who may import: the staff who may create a case (case workers of a team, not inspectors), for their own provider.</summary>
    public static bool MayImport(Viewer viewer) =>
        viewer.IsCaseWorker && !viewer.IsInRole(Roles.Inspector) && viewer.ProviderId is not null && viewer.TeamId is not null;

    public const string NotAllowed = "Only staff of a team that receives cases can import them.";

    /// <summary>The dry run: checks every row against the rules and what is held, and writes no case.</summary>
    public async Task<Outcome<CheckedFile>> CheckAsync(IReadOnlyList<CaseFileRow> rows, CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (!MayImport(viewer))
        {
            return new(Outcome.Refuse(NotAllowed), null);
        }

        var provider = viewer.ProviderId!.Value;
        var lookups = await LookupsAsync(provider, rows, ct);
        var today = clock.Today();
        var firstOfReference = new Dictionary<string, int>();
        var firstOfCrn = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            if (row.SourceReference is { } reference)
            {
                firstOfReference.TryAdd(CaseImportCheck.Key(reference), row.Row);
            }

            if (Crn.TryParse(row.Crn, out var crn))
            {
                firstOfCrn.TryAdd(crn.Value, row.Row);
            }
        }

        var results = new List<ImportRowResult>(rows.Count);
        var accepted = new List<AcceptedRow>();
        foreach (var row in rows)
        {
            var (result, ok) = CaseImportCheck.Check(row, lookups, viewer, today, firstOfReference, firstOfCrn);
            results.Add(result);
            if (ok is not null)
            {
                accepted.Add(ok);
            }
        }

        // The check compared the file with held cases' names and dates of birth: those cases' records were consulted.
        var consulted = lookups.ByCrn.Values.Concat(lookups.BySourceReference.Values).Where(h => h.ProviderId == provider).Select(h => Crn.Parse(h.Crn)).Distinct().ToList();
        await audit.RecordReadAsync(AuditAction.Consulted, "Import file checked against held cases", consulted, ct);
        return new(Outcome.Ok(), new CheckedFile(results, accepted));
    }

    /// <summary>Records an import about to be written, with the check's counts; returns its id.</summary>
    public async Task<int> BeginAsync(string fileName, CaseImportFormat format, CheckedFile file, CancellationToken ct)
    {
        var viewer = request.Viewer;
        var now = clock.GetUtcNow().UtcDateTime;
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var import = new CaseImport
        {
            ProviderId = viewer.ProviderId ?? throw new InvalidOperationException("An import needs the importer's provider."),
            UserName = viewer.UserName.Length <= CaseImport.UserNameMaxLength ? viewer.UserName : viewer.UserName[..CaseImport.UserNameMaxLength],
            StaffMemberId = viewer.StaffMemberId,
            FileName = string.IsNullOrWhiteSpace(name) ? "upload" : name.Length <= CaseImport.FileNameMaxLength ? name : name[..CaseImport.FileNameMaxLength],
            Format = format,
            Status = file.Accepted.Count == 0 ? CaseImportStatus.Finished : CaseImportStatus.Running,
            StartedAtUtc = now,
            UpdatedAtUtc = now,
            FinishedAtUtc = file.Accepted.Count == 0 ? now : null,
            Rows = file.Rows,
            Accepted = file.Accepted.Count,
            Refused = file.Refused,
            AlreadyImported = file.AlreadyImported,
            Batches = BatchCount(file.Accepted.Count),
        };
        db.CaseImports.Add(import);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return import.Id;
    }

    /// <summary>
    /// Writes the accepted rows batch by batch. A fault stops the run and marks the import failed; the batches
    /// committed before it stay. Returns what became of every row.
    /// </summary>
    public async Task<IReadOnlyList<ImportRowResult>> RunAsync(int importId, CheckedFile file, CancellationToken ct)
    {
        var results = file.Results.ToArray();
        var index = results.Select((r, i) => (r.Row, i)).ToDictionary(x => x.Row, x => x.i);
        var writer = new BulkWriter(db.Model) { ReserveKeys = true };
        var givenInFile = file.Accepted.Where(r => r.Command.Crn is not null).Select(r => Crn.Parse(r.Command.Crn).Value).ToHashSet();
        try
        {
            foreach (var batch in file.Accepted.Chunk(BatchSize))
            {
                await WriteBatchAsync(importId, batch, results, index, writer, givenInFile, ct);
            }

            await db.CaseImports.Where(i => i.Id == importId).ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Status, CaseImportStatus.Finished).SetProperty(i => i.FinishedAtUtc, clock.GetUtcNow().UtcDateTime), ct);
        }
        catch (Exception e)
        {
            db.ChangeTracker.Clear();
            var problem = e is OperationCanceledException ? "The import was stopped when the service stopped. " : "The import stopped on a fault. ";
            await db.CaseImports.Where(i => i.Id == importId).ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Status, CaseImportStatus.Failed)
                    .SetProperty(i => i.FinishedAtUtc, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(i => i.Problem, problem + "Import the same file again: the cases already created are skipped."),
                CancellationToken.None);
            throw;
        }

        return results;
    }

    private async Task WriteBatchAsync(int importId, AcceptedRow[] batch, ImportRowResult[] results, Dictionary<int, int> index, BulkWriter writer, HashSet<string> givenInFile, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var import = await db.CaseImports.SingleAsync(i => i.Id == importId, ct);
            var outcome = new Dictionary<int, ImportRowResult>();
            try
            {
                // Again inside the transaction: what another user or node wrote since the check.
                var references = batch.Select(r => r.SourceReference.Trim()).ToList();
                var given = batch.Where(r => r.Command.Crn is not null).Select(r => Crn.Parse(r.Command.Crn)).ToList();
                var byReference = await HeldByReferenceAsync(import.ProviderId, references, ct);
                var byCrn = await HeldByCrnAsync(given, ct);
                var toWrite = new List<AcceptedRow>(batch.Length);
                foreach (var row in batch)
                {
                    var c = row.Command;
                    if (byReference.TryGetValue(CaseImportCheck.Key(row.SourceReference), out var imported))
                    {
                        var same = imported.DateOfBirth == c.DateOfBirth && string.Equals(imported.FirstName, c.FirstName.Trim(), StringComparison.OrdinalIgnoreCase)
                            && string.Equals(imported.LastName, c.LastName.Trim(), StringComparison.OrdinalIgnoreCase) && (c.Crn is null || Crn.Parse(c.Crn).Value == imported.Crn);
                        outcome[row.Row] = same
                            ? new ImportRowResult(row.Row, row.SourceReference, RowVerdict.AlreadyImported, [$"Already imported as CRN {imported.Crn}"], imported.Crn)
                            : new ImportRowResult(row.Row, row.SourceReference, RowVerdict.Refused, ["The source reference was imported for a different person while this file was being imported"], c.Crn);
                    }
                    else if (c.Crn is not null && byCrn.ContainsKey(Crn.Parse(c.Crn).Value))
                    {
                        outcome[row.Row] = new ImportRowResult(row.Row, row.SourceReference, RowVerdict.Refused, [$"A case with CRN {Crn.Parse(c.Crn).Value} was created while this file was being imported: find the case instead"], c.Crn);
                    }
                    else
                    {
                        toWrite.Add(row);
                    }
                }

                var assigned = new Queue<Crn>(await FreeCrnsAsync(toWrite.Count(r => r.Command.Crn is null), givenInFile, ct));
                var now = clock.GetUtcNow().UtcDateTime;
                var people = toWrite.Select(row =>
                {
                    var crn = row.Command.Crn is { } text ? Crn.Parse(text) : assigned.Dequeue();
                    var person = CreateCase.NewPerson(row.Command, crn, import.ProviderId, row.HoldingTeamId, now);
                    person.SourceReference = row.SourceReference.Trim();
                    person.CaseImportId = importId;
                    outcome[row.Row] = new ImportRowResult(row.Row, row.SourceReference, RowVerdict.Accepted, [], crn.Value);
                    return (Row: row, Person: person);
                }).ToList();

                // DPA 2018 s.62: the cases' personal data was collected, recorded in the same transaction as the cases.
                var audits = people.GroupBy(p => p.Row.Command.Source).Select(source => audit.NewEntry(
                    AuditAction.Collected, source.Key == CaseSource.Court ? "Cases created from court by import" : "Cases received by transfer by import", source.Select(p => p.Person.Crn)));
                await writer.WriteGraphAsync(db, people.Select(p => (object)p.Person).Concat(audits), ct);

                import.Created += people.Count;
                import.AlreadyImported += outcome.Values.Count(o => o.Verdict == RowVerdict.AlreadyImported);
                import.Refused += outcome.Values.Count(o => o.Verdict == RowVerdict.Refused);
                import.BatchesDone++;
                import.UpdatedAtUtc = now;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                foreach (var (row, result) in outcome)
                {
                    results[index[row]] = result;
                }

                return;
            }
            catch (DbException e) when (attempt < 5 && IsUniqueViolation(e))
            {
                // Another import, or a case created on its own, took a CRN or a source reference at the same moment:
                // write the batch again; the check inside the transaction now sees what the other wrote.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool IsUniqueViolation(DbException e) =>
        e is Npgsql.PostgresException { SqlState: "23505" } || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    private async Task<ImportLookups> LookupsAsync(int provider, IReadOnlyList<CaseFileRow> rows, CancellationToken ct)
    {
        var hubs = await db.Sites.AsNoTracking().Where(s => s.ProviderId == provider && s.Kind == SiteKind.CommunityHub)
            .Select(s => new ImportHub(s.Code, s.Name, s.TeamId)).ToListAsync(ct);
        var unpaidWorkTeam = await db.Teams.AsNoTracking().Where(t => t.ProviderId == provider && t.Kind == TeamKind.UnpaidWork)
            .OrderBy(t => t.Id).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        var references = rows.Where(r => r.SourceReference is not null).Select(r => r.SourceReference!.Trim()).Distinct().ToList();
        var crns = rows.Select(r => Crn.TryParse(r.Crn, out var c) ? c : (Crn?)null).OfType<Crn>().Distinct().ToList();
        return new ImportLookups(
            hubs.GroupBy(h => h.Code.Trim().ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First()),
            await HeldByCrnAsync(crns, ct),
            await HeldByReferenceAsync(provider, references, ct),
            unpaidWorkTeam);
    }

    private async Task<Dictionary<string, HeldCase>> HeldByCrnAsync(IReadOnlyList<Crn> crns, CancellationToken ct)
    {
        var held = new Dictionary<string, HeldCase>();
        foreach (var chunk in crns.Chunk(1000))
        {
            var list = chunk.ToList();
            foreach (var h in await db.People.AsNoTracking().Where(p => list.Contains(p.Crn))
                         .Select(p => new { p.Crn, p.FirstName, p.LastName, p.DateOfBirth, p.ProviderId, p.SourceReference }).ToListAsync(ct))
            {
                held[h.Crn.Value] = new HeldCase(h.Crn.Value, h.FirstName, h.LastName, h.DateOfBirth, h.ProviderId, h.SourceReference);
            }
        }

        return held;
    }

    private async Task<Dictionary<string, HeldCase>> HeldByReferenceAsync(int provider, IReadOnlyList<string> references, CancellationToken ct)
    {
        var held = new Dictionary<string, HeldCase>();
        foreach (var chunk in references.Chunk(1000))
        {
            var keys = chunk.Select(CaseImportCheck.Key).Distinct().ToList();
            foreach (var h in await db.People.AsNoTracking().Where(p => p.ProviderId == provider && keys.Contains(p.SourceReference!))
                         .Select(p => new { p.Crn, p.FirstName, p.LastName, p.DateOfBirth, p.ProviderId, p.SourceReference }).ToListAsync(ct))
            {
                held[CaseImportCheck.Key(h.SourceReference!)] = new HeldCase(h.Crn.Value, h.FirstName, h.LastName, h.DateOfBirth, h.ProviderId, h.SourceReference);
            }
        }

        return held;
    }

    /// <summary>
    /// CRNs for rows that came without one, as a case created on its own is given one (the letter N and the first free
    /// number from the case count on), found a thousand at a time rather than one query a case; never one that a later
    /// row of the file brings with it.
    /// </summary>
    private async Task<List<Crn>> FreeCrnsAsync(int count, HashSet<string> givenInFile, CancellationToken ct)
    {
        var free = new List<Crn>(count);
        if (count == 0)
        {
            return free;
        }

        var next = (await db.People.MaxAsync(p => (int?)p.Id, ct) ?? 0) + 1L;
        while (free.Count < count)
        {
            var candidates = Enumerable.Range(0, count - free.Count + 16).Select(i => CreateCase.AssignedCrn(next + i)).Distinct().ToList();
            next += count - free.Count + 16;
            var taken = new HashSet<string>(givenInFile);
            taken.UnionWith(free.Select(f => f.Value));
            foreach (var chunk in candidates.Chunk(1000))
            {
                var list = chunk.ToList();
                taken.UnionWith((await db.People.AsNoTracking().Where(p => list.Contains(p.Crn)).Select(p => p.Crn).ToListAsync(ct)).Select(c => c.Value));
            }

            free.AddRange(candidates.Where(c => !taken.Contains(c.Value)).Take(count - free.Count));
        }

        return free;
    }
}
