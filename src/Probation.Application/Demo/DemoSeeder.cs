using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Probation.Application.Data;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Organisation;

namespace Probation.Application.Demo;

/// <summary>Demo data settings. Demo data and demo accounts exist only where asked for (Development asks).</summary>
public sealed record DemoOptions(bool Seed, DemoScale Scale, string? Password)
{
    public const int MinimumPasswordLength = 12;
}

/// <summary>Loads a generated demo provider into an empty database, with one sign-in account per role.</summary>
public sealed partial class DemoSeeder(
    ProbationDbContext db, UserManager<ApplicationUser> users, TimeProvider clock, ILogger<DemoSeeder> log)
{
    private const int BatchSize = 1_000;

    public async Task<bool> SeedAsync(DemoScale scale, string password, CancellationToken ct)
    {
        if (await db.Providers.AnyAsync(ct))
        {
            LogAlreadySeeded(log);
            return false;
        }

        var watch = Stopwatch.StartNew();
        var data = DemoDataGenerator.Generate(scale, clock.Today());
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SeedingNewCases = true;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Providers.Add(data.Provider);
            db.Teams.AddRange(data.Teams);
            db.Sites.AddRange(data.Sites);
            db.Staff.AddRange(data.Staff);
            foreach (var (userName, staff) in data.DemoAccounts)
            {
                staff.UserName = userName;
            }

            await db.SaveChangesAsync(ct);
            var providerId = data.Provider.Id;
            db.ChangeTracker.Clear();

            var histories = new List<DemoHistory.Records>(BatchSize);
            foreach (var batch in data.People.Chunk(BatchSize))
            {
                foreach (var p in batch)
                {
                    var person = Link(p, providerId);
                    histories.Add(DemoHistory.Detach(person));
                    db.People.Add(person);
                }

                await db.SaveChangesAsync(ct);

                // The cases have keys now: their supervision records follow in bulk.
                await DemoHistory.SaveAsync(db, histories, ct);
                histories.Clear();
                db.ChangeTracker.Clear();
            }

            await DemoProgrammes.SeedAsync(db, clock.Today(), ct);
            await DemoResettlement.SeedAsync(db, clock.Today(), ct);
            await DemoUnpaidWork.SeedAsync(db, providerId, clock.Today(), DemoDataGenerator.Seed, ct);
            await Inspections.DemoInspection.SeedAsync(db, providerId, clock.Today(), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            db.SeedingNewCases = false;
        }

        // Statistics for the query planner: without them SQLite reads a whole provider's cases to find one officer's.
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        foreach (var (userName, staff) in data.DemoAccounts)
        {
            var role = userName == "admin" ? Roles.SystemAdministrator : Roles.ForGrade(staff.Grade);
            await EnsureUserAsync(userName, staff, role, password);
        }

        LogSeeded(log, scale.Name, data.People.Count, data.Staff.Count, watch.ElapsedMilliseconds);
        return true;
    }

    /// <summary>Points a generated case at its saved provider, team, officer and access list by key, and records its allocation.</summary>
    internal static Domain.Cases.PersonOnProbation Link(DemoPerson p, int providerId)
    {
        var person = p.Person;
        person.Provider = null;
        person.ProviderId = providerId;
        person.TeamId = p.Team.Id;
        person.ResponsibleOfficerId = p.Officer?.Id;
        person.AccessList = p.Access.Select(a => new CaseAccessEntry { StaffMemberId = a.Staff.Id, Kind = a.Kind }).ToList();
        if (p.Officer is not null && person.AllocatedOn is { } allocatedOn)
        {
            person.Allocations.Add(new Domain.Allocation.CaseAllocation
            {
                StaffMemberId = p.Officer.Id,
                From = allocatedOn,
                DecidedAtUtc = allocatedOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                DecidedByUserName = "demo",
                MatrixReasons = "Allocated before this product recorded allocation decisions.",
            });
        }

        return person;
    }

    internal async Task EnsureUserAsync(string userName, StaffMember staff, string role, string password)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new ApplicationUser
        {
            UserName = userName,
            Email = $"{userName}@demo.probation.invalid",
            EmailConfirmed = true,
            StaffMemberId = staff.Id,
            DisplayName = staff.FullName,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create demo account " + userName + ": " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data already present; nothing seeded")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo provider at scale {Scale}: {People} people, {Staff} staff in {ElapsedMs} ms")]
    private static partial void LogSeeded(ILogger logger, string scale, int people, int staff, long elapsedMs);
}

/// <summary>
/// Brings the database to the current schema, checks that it is durable (<see cref="DatabaseDurability"/>) and makes
/// sure the roles exist; then demo data if asked for.
/// </summary>
public sealed class DatabaseInitialiser(ProbationDbContext db, RoleManager<IdentityRole> roles, DemoSeeder seeder, DatabaseOptions database, ILogger<DatabaseInitialiser> log)
{
    public async Task InitialiseAsync(DemoOptions demo, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        await DatabaseDurability.CheckAsync(db, database.AcceptNonDurableStorage, log, ct);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (demo.Seed)
        {
            if (string.IsNullOrWhiteSpace(demo.Password) || demo.Password.Length < DemoOptions.MinimumPasswordLength)
            {
                throw new InvalidOperationException($"Demo:Password must be set (at least {DemoOptions.MinimumPasswordLength} characters) when Demo:Seed is true.");
            }

            await seeder.SeedAsync(demo.Scale, demo.Password, ct);
        }
    }
}
