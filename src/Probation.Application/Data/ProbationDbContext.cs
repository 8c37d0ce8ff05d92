using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Probation.Application.Identity;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;

namespace Probation.Application.Data;

/// <summary>
/// The one DbContext. Each database provider keeps its migrations in its own assembly
/// (Probation.Data.Migrations.Sqlite / .Postgres); the model is the same for both.
/// </summary>
public class ProbationDbContext(DbContextOptions<ProbationDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<HubOpeningSession> HubOpeningSessions => Set<HubOpeningSession>();
    public DbSet<HubRentalPeriod> HubRentalPeriods => Set<HubRentalPeriod>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<PersonOnProbation> People => Set<PersonOnProbation>();
    public DbSet<AddressRecord> Addresses => Set<AddressRecord>();
    public DbSet<CaseImport> CaseImports => Set<CaseImport>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Requirement> Requirements => Set<Requirement>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<CaseAccessEntry> CaseAccessEntries => Set<CaseAccessEntry>();
    public DbSet<Probation.Domain.Allocation.CaseAllocation> CaseAllocations => Set<Probation.Domain.Allocation.CaseAllocation>();
    public DbSet<Probation.Domain.Supervision.Assessment> Assessments => Set<Probation.Domain.Supervision.Assessment>();
    public DbSet<Probation.Domain.Supervision.AgencyCheck> AgencyChecks => Set<Probation.Domain.Supervision.AgencyCheck>();
    public DbSet<Probation.Domain.Supervision.SentencePlan> SentencePlans => Set<Probation.Domain.Supervision.SentencePlan>();
    public DbSet<Probation.Domain.Supervision.PlanObjective> PlanObjectives => Set<Probation.Domain.Supervision.PlanObjective>();
    public DbSet<Probation.Domain.Supervision.Contact> Contacts => Set<Probation.Domain.Supervision.Contact>();
    public DbSet<Probation.Domain.Supervision.EnforcementAction> EnforcementActions => Set<Probation.Domain.Supervision.EnforcementAction>();
    public DbSet<Probation.Domain.Supervision.SignificantEvent> SignificantEvents => Set<Probation.Domain.Supervision.SignificantEvent>();
    public DbSet<Probation.Domain.Supervision.Review> Reviews => Set<Probation.Domain.Supervision.Review>();
    public DbSet<Probation.Domain.Supervision.Referral> Referrals => Set<Probation.Domain.Supervision.Referral>();
    public DbSet<Probation.Domain.Supervision.AlertExceptionEntry> AlertExceptions => Set<Probation.Domain.Supervision.AlertExceptionEntry>();
    public DbSet<Probation.Domain.Oversight.OversightEntry> OversightEntries => Set<Probation.Domain.Oversight.OversightEntry>();
    public DbSet<Probation.Domain.Oversight.StaffSupervisionRecord> StaffSupervisionRecords => Set<Probation.Domain.Oversight.StaffSupervisionRecord>();
    public DbSet<Probation.Domain.Programmes.ProgrammeReferral> ProgrammeReferrals => Set<Probation.Domain.Programmes.ProgrammeReferral>();
    public DbSet<Probation.Domain.Programmes.ProgrammeGroup> ProgrammeGroups => Set<Probation.Domain.Programmes.ProgrammeGroup>();
    public DbSet<Probation.Domain.Resettlement.CustodyRecord> CustodyRecords => Set<Probation.Domain.Resettlement.CustodyRecord>();
    public DbSet<Probation.Domain.UnpaidWork.UnpaidWorkProject> UnpaidWorkProjects => Set<Probation.Domain.UnpaidWork.UnpaidWorkProject>();
    public DbSet<Probation.Domain.UnpaidWork.UnpaidWorkSession> UnpaidWorkSessions => Set<Probation.Domain.UnpaidWork.UnpaidWorkSession>();
    public DbSet<Probation.Domain.UnpaidWork.UnpaidWorkBooking> UnpaidWorkBookings => Set<Probation.Domain.UnpaidWork.UnpaidWorkBooking>();
    public DbSet<Probation.Domain.UnpaidWork.UnpaidWorkAssessment> UnpaidWorkAssessments => Set<Probation.Domain.UnpaidWork.UnpaidWorkAssessment>();
    public DbSet<Probation.Domain.UnpaidWork.UnpaidWorkAward> UnpaidWorkAwards => Set<Probation.Domain.UnpaidWork.UnpaidWorkAward>();
    public DbSet<Probation.Domain.Inspection.CaseAssessment> CaseAssessments => Set<Probation.Domain.Inspection.CaseAssessment>();
    public DbSet<Probation.Domain.Inspection.AuditFeedback> AuditFeedback => Set<Probation.Domain.Inspection.AuditFeedback>();
    public DbSet<Probation.Domain.Inspection.InspectionRecord> Inspections => Set<Probation.Domain.Inspection.InspectionRecord>();
    public DbSet<Probation.Domain.Supervision.CaseStatus> CaseStatuses => Set<Probation.Domain.Supervision.CaseStatus>();
    public DbSet<Reports.DailyReportCount> DailyReportCounts => Set<Reports.DailyReportCount>();
    public DbSet<Reports.DailyReadinessCount> DailyReadinessCounts => Set<Reports.DailyReadinessCount>();
    public DbSet<Reports.DailyTimelinessCount> DailyTimelinessCounts => Set<Reports.DailyTimelinessCount>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditSubject> AuditSubjects => Set<AuditSubject>();
    public DbSet<AuditSeal> AuditSeals => Set<AuditSeal>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Common.JobRun> JobRuns => Set<Common.JobRun>();
    public DbSet<Probation.Domain.Calendars.CalendarFeed> CalendarFeeds => Set<Probation.Domain.Calendars.CalendarFeed>();
    public DbSet<Probation.Domain.Documents.CaseDocument> CaseDocuments => Set<Probation.Domain.Documents.CaseDocument>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ProbationDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Marks the case record changed so that a concurrent edit of any part of it is caught.</summary>
    public void Touch(PersonOnProbation person)
    {
        var entry = Entry(person);
        if (entry.State == EntityState.Unchanged)
        {
            entry.State = EntityState.Modified;
        }
    }

    /// <summary>
    /// The records a case's <see cref="Probation.Domain.Supervision.CaseStatus"/> is computed from, besides the case record
    /// itself (what <c>SupervisionQueries.WithRecords</c> loads, the assessed needs the tier reads, and the oversight
    /// entries the team page counts).
    /// </summary>
    internal static readonly IReadOnlySet<Type> CaseStatusInputs = new HashSet<Type>
    {
        typeof(Order), typeof(Requirement), typeof(Registration),
        typeof(Probation.Domain.Supervision.Assessment), typeof(Probation.Domain.Supervision.AssessedNeed), typeof(Probation.Domain.Supervision.AgencyCheck),
        typeof(Probation.Domain.Supervision.SentencePlan), typeof(Probation.Domain.Supervision.ScheduledRequirement),
        typeof(Probation.Domain.Supervision.Contact), typeof(Probation.Domain.Supervision.EnforcementAction),
        typeof(Probation.Domain.Supervision.SignificantEvent), typeof(Probation.Domain.Supervision.Review),
        typeof(Probation.Domain.Supervision.AlertExceptionEntry), typeof(Probation.Domain.Programmes.ProgrammeReferral),
        typeof(Probation.Domain.UnpaidWork.UnpaidWorkBooking), typeof(Probation.Domain.Oversight.OversightEntry),
    };

    /// <summary>
    /// Set while the seeders write whole new case histories: no status is stored for those cases yet and nobody has them
    /// open, so their versions are left as generated rather than moved on by every batch of records.
    /// </summary>
    internal bool SeedingNewCases { get; set; }

    private void BeforeSave()
    {
        // A change to any record a case's status is computed from moves the case's version on (ADR 0014), so the stored
        // status no longer holds and a concurrent edit of the case is caught, whichever part of the record was changed.
        var changed = SeedingNewCases ? [] : ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && CaseStatusInputs.Contains(e.Metadata.ClrType))
            .ToList();
        foreach (var personId in changed.Select(OwnerOf).OfType<int>().Distinct().ToList())
        {
            if (Find<PersonOnProbation>(personId) is { } person)
            {
                Touch(person);
            }
        }

        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                // The audit log is append-only (DPA 2018 s.62): rows are never changed or removed.
                case AuditEntry or AuditSubject or AuditSeal when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("The audit log is append-only.");
                case PersonOnProbation person when entry.State == EntityState.Modified:
                    person.Version++;
                    break;
            }
        }
    }

    /// <summary>The case a record belongs to: its own reference to the person, or its parent record's (a requirement's order).</summary>
    private int? OwnerOf(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        // A key the database has not given yet belongs to a record added in this same save: nothing stored can be stale.
        object?[] Values(Microsoft.EntityFrameworkCore.Metadata.IForeignKey fk) =>
            fk.Properties.Select(p => entry.Property(p.Name).IsTemporary ? null : entry.State == EntityState.Deleted ? entry.OriginalValues[p] : entry.CurrentValues[p]).ToArray();

        var foreignKeys = entry.Metadata.GetForeignKeys().ToList();
        if (foreignKeys.FirstOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(PersonOnProbation)) is { } toPerson)
        {
            return Values(toPerson)[0] as int?;
        }

        foreach (var fk in foreignKeys.Where(fk => CaseStatusInputs.Contains(fk.PrincipalEntityType.ClrType)))
        {
            var key = Values(fk);
            if (key.All(v => v is not null) && Find(fk.PrincipalEntityType.ClrType, key) is { } parent)
            {
                return OwnerOf(Entry(parent));
            }
        }

        return null;
    }
}
