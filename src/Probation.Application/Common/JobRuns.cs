using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Probation.Application.Data;

namespace Probation.Application.Common;

/// <summary>What became of a node's attempt at a slot's run.</summary>
public enum JobRunResult
{
    /// <summary>This node ran it (or took it over and finished it).</summary>
    Ran,

    /// <summary>Another node finished it already.</summary>
    AlreadyFinished,

    /// <summary>Another node holds it and its lease has not run out: see <see cref="JobRunAttempt.HeldUntilUtc"/>.</summary>
    HeldElsewhere,

    /// <summary>This node lost its lease while it worked (it stalled past the lease), and stopped.</summary>
    LeaseLost,
}

public sealed record JobRunAttempt(JobRunResult Result, DateTime? HeldUntilUtc = null);

/// <summary>The run a job's work is for: the slot, and which attempt at it this is.</summary>
public sealed record JobRunContext(string Job, DateTime SlotAtUtc, int Attempt);

/// <summary>
/// The database leases that make each scheduled job run once per slot across every node sharing the database (ADR 0019).
/// A node claims a slot's run by inserting its <see cref="JobRun"/> row; the job and slot are the key, so of several
/// nodes inserting at once one succeeds and the others leave the run to it. While the work goes on the holder moves its
/// lease on every third of <see cref="JobRunOptions.LeaseDuration"/>; when it ends, the holder records the outcome. A
/// node that finds a run whose lease has run out with no end recorded (its holder died or hung) takes it over with one
/// conditional update, which only one node can win. The work itself must leave nothing half done when a node dies: it
/// writes in transactions that are each whole, and a run taken over does what the dead one had not.
/// </summary>
public sealed partial class JobRuns(IServiceScopeFactory scopes, TimeProvider clock, JobRunOptions options, ILogger<JobRuns> log)
{
    public JobRunOptions Options => options;

    /// <summary>
    /// Runs <paramref name="work"/> for the slot unless another node has run it or holds it. The work returns how many
    /// items it did. A failure is recorded and logged (by its type only) and not thrown: the next slot tries again.
    /// </summary>
    public async Task<JobRunAttempt> RunAsync(string job, DateTime slotAtUtc, Func<JobRunContext, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        var slot = Slot(slotAtUtc);
        var claim = await ClaimAsync(job, slotAtUtc, ct);
        switch (claim)
        {
            case { Finished: true }:
                AlreadyFinished(job, slot, claim.Node);
                return new(JobRunResult.AlreadyFinished);
            case { Attempt: null }:
                LeftToAnotherNode(job, slot, claim.Node, Slot(claim.LeaseUntilUtc));
                return new(JobRunResult.HeldElsewhere, claim.LeaseUntilUtc);
        }

        var attempt = claim.Attempt.Value;
        if (attempt > 1)
        {
            TakenOver(job, slot, options.Node, claim.Node, Slot(claim.LeaseUntilUtc));
        }

        Started(job, slot, options.Node, attempt);
        var started = clock.GetTimestamp();
        using var working = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewAsync(job, slotAtUtc, attempt, working, stopRenewing.Token);
        int? items = null;
        Exception? failure = null;
        var ended = false;
        try
        {
            items = await work(new JobRunContext(job, slotAtUtc, attempt), working.Token);
            ended = true;
        }
        catch (Exception e) when (!working.IsCancellationRequested)
        {
            failure = e;
            ended = true;
        }
        catch (Exception) when (working.IsCancellationRequested)
        {
            // Stopped part way: the node is shutting down, or the lease was lost. Handled below.
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
        }

        if (!ended)
        {
            if (ct.IsCancellationRequested)
            {
                // The node is stopping: hand the run on at once rather than when the lease would have run out.
                await ReleaseAsync(job, slotAtUtc, attempt);
                ct.ThrowIfCancellationRequested();
            }

            LeaseLost(job, slot, options.Node, attempt);
            return new(JobRunResult.LeaseLost);
        }

        var outcome = failure is null ? JobRunOutcome.Completed : JobRunOutcome.Failed;
        var error = failure?.GetType().Name;
        if (!await FinishAsync(job, slotAtUtc, attempt, outcome, items, error))
        {
            LeaseLost(job, slot, options.Node, attempt);
            return new(JobRunResult.LeaseLost);
        }

        var ms = clock.GetElapsedTime(started).TotalMilliseconds;
        if (failure is null)
        {
            Finished(job, slot, options.Node, attempt, outcome.ToString(), items ?? 0, ms);
        }
        else
        {
            Failed(job, slot, options.Node, attempt, error!, ms);
        }

        return new(JobRunResult.Ran);
    }

    /// <summary>The slot's row as this node's claim left it: the attempt this node now holds, or null when it holds none.</summary>
    private sealed record Claim(int? Attempt, string Node, DateTime LeaseUntilUtc, bool Finished);

    private async Task<Claim> ClaimAsync(string job, DateTime slotAtUtc, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var now = Now();
        var until = now + options.LeaseDuration;

        // The key decides: of several nodes inserting the same job and slot at once, one row goes in and the others' do nothing.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "JobRuns" ("Job", "SlotAtUtc", "Node", "Attempt", "StartedAtUtc", "LeaseUntilUtc")
            VALUES ({job}, {slotAtUtc}, {options.Node}, {1}, {now}, {until}) ON CONFLICT DO NOTHING
            """,
            ct);
        if (inserted == 1)
        {
            var kept = now - JobRunOptions.Kept;
            await db.JobRuns.Where(r => r.Job == job && r.SlotAtUtc < kept).ExecuteDeleteAsync(ct);
            return new Claim(1, options.Node, until, false);
        }

        var row = await Row(db, job, slotAtUtc).AsNoTracking().SingleAsync(ct);
        if (row.FinishedAtUtc is not null || row.LeaseUntilUtc >= now)
        {
            return new Claim(null, row.Node, Utc(row.LeaseUntilUtc), row.FinishedAtUtc is not null);
        }

        // The holder's lease ran out with no end recorded: take the run over, if no other node has done so first (the
        // attempt number is the check: only the first of several updates finds it unchanged).
        var next = row.Attempt + 1;
        var taken = await Row(db, job, slotAtUtc)
            .Where(r => r.Attempt == row.Attempt && r.FinishedAtUtc == null && r.LeaseUntilUtc < now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Node, options.Node).SetProperty(r => r.Attempt, next)
                    .SetProperty(r => r.StartedAtUtc, now).SetProperty(r => r.LeaseUntilUtc, until),
                ct);
        if (taken == 1)
        {
            return new Claim(next, row.Node, Utc(row.LeaseUntilUtc), false);
        }

        var after = await Row(db, job, slotAtUtc).AsNoTracking().SingleAsync(ct);
        return new Claim(null, after.Node, Utc(after.LeaseUntilUtc), after.FinishedAtUtc is not null);
    }

    /// <summary>Moves the lease on while the work goes on; cancels the work if the lease turns out to be lost.</summary>
    private async Task RenewAsync(string job, DateTime slotAtUtc, int attempt, CancellationTokenSource working, CancellationToken stop)
    {
        var every = options.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, stop);
                bool held;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
                    var until = Now() + options.LeaseDuration;
                    held = await Held(db, job, slotAtUtc, attempt).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntilUtc, until), stop) == 1;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database did not answer this time; the lease lasts three renewals, so try again.
                    RenewalFailed(job, Slot(slotAtUtc), e.GetType().Name);
                    continue;
                }

                if (!held)
                {
                    await working.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The work has ended.
        }
    }

    private async Task<bool> FinishAsync(string job, DateTime slotAtUtc, int attempt, JobRunOutcome outcome, int? items, string? error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
        var now = Now();
        var errorText = error is null ? null : error.Length <= JobRun.ErrorMaxLength ? error : error[..JobRun.ErrorMaxLength];
        return await Held(db, job, slotAtUtc, attempt).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.Outcome, (JobRunOutcome?)outcome)
                .SetProperty(r => r.Items, items).SetProperty(r => r.Error, errorText),
            CancellationToken.None) == 1;
    }

    /// <summary>Ends this node's lease now, so that another node may take the run over without waiting for it to run out.</summary>
    private async Task ReleaseAsync(string job, DateTime slotAtUtc, int attempt)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbationDbContext>();
            var now = Now();
            await Held(db, job, slotAtUtc, attempt).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntilUtc, now), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out by itself.
            RenewalFailed(job, Slot(slotAtUtc), e.GetType().Name);
        }
    }

    private static IQueryable<JobRun> Row(ProbationDbContext db, string job, DateTime slotAtUtc) =>
        db.JobRuns.Where(r => r.Job == job && r.SlotAtUtc == slotAtUtc);

    /// <summary>The slot's row while this node holds it: the attempt it claimed, not yet finished.</summary>
    private IQueryable<JobRun> Held(ProbationDbContext db, string job, DateTime slotAtUtc, int attempt) =>
        Row(db, job, slotAtUtc).Where(r => r.Node == options.Node && r.Attempt == attempt && r.FinishedAtUtc == null);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    /// <summary>An instant as the log shows it (ISO 8601, UTC).</summary>
    public static string Slot(DateTime at) => Utc(at).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 1, EventName = "JobRunStarted", Level = LogLevel.Information, Message = "Job {Job} slot {Slot}: started on node {Node}, attempt {Attempt}")]
    private partial void Started(string job, string slot, string node, int attempt);

    [LoggerMessage(EventId = 2, EventName = "JobRunFinished", Level = LogLevel.Information, Message = "Job {Job} slot {Slot}: {Outcome} on node {Node}, attempt {Attempt}: {Items} items in {Milliseconds:0} ms")]
    private partial void Finished(string job, string slot, string node, int attempt, string outcome, int items, double milliseconds);

    [LoggerMessage(EventId = 3, EventName = "JobRunFailed", Level = LogLevel.Warning, Message = "Job {Job} slot {Slot}: failed on node {Node}, attempt {Attempt} ({Error}) after {Milliseconds:0} ms; the next slot tries again")]
    private partial void Failed(string job, string slot, string node, int attempt, string error, double milliseconds);

    [LoggerMessage(EventId = 4, EventName = "JobRunTakenOver", Level = LogLevel.Warning, Message = "Job {Job} slot {Slot}: taken over by node {Node} from node {Holder}, whose lease ran out at {LeaseUntil} with the run unfinished")]
    private partial void TakenOver(string job, string slot, string node, string holder, string leaseUntil);

    [LoggerMessage(EventId = 5, EventName = "JobRunLeftToAnotherNode", Level = LogLevel.Debug, Message = "Job {Job} slot {Slot}: held by node {Holder} until {LeaseUntil}; left to it")]
    private partial void LeftToAnotherNode(string job, string slot, string holder, string leaseUntil);

    [LoggerMessage(EventId = 6, EventName = "JobRunAlreadyFinished", Level = LogLevel.Debug, Message = "Job {Job} slot {Slot}: already run by node {Holder}")]
    private partial void AlreadyFinished(string job, string slot, string holder);

    [LoggerMessage(EventId = 7, EventName = "JobRunLeaseLost", Level = LogLevel.Warning, Message = "Job {Job} slot {Slot}: node {Node} lost its lease on attempt {Attempt} (another node took the run over) and stopped")]
    private partial void LeaseLost(string job, string slot, string node, int attempt);

    [LoggerMessage(EventId = 8, EventName = "JobRunLeaseNotRenewed", Level = LogLevel.Warning, Message = "Job {Job} slot {Slot}: the lease could not be renewed or released ({Error})")]
    private partial void RenewalFailed(string job, string slot, string error);
}
