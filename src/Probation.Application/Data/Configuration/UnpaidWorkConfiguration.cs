using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Domain.UnpaidWork;

namespace Probation.Application.Data.Configuration;

internal sealed class UnpaidWorkPersonConfiguration : IEntityTypeConfiguration<PersonOnProbation>
{
    public void Configure(EntityTypeBuilder<PersonOnProbation> b) =>
        b.HasMany(p => p.UnpaidWorkBookings).WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
}

internal sealed class UnpaidWorkProjectConfiguration : IEntityTypeConfiguration<UnpaidWorkProject>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkProject> b)
    {
        b.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(UnpaidWorkProject.NameMaxLength);
        b.Property(x => x.Beneficiary).HasMaxLength(UnpaidWorkProject.NameMaxLength);
        b.Property(x => x.RiskNotes).HasMaxLength(UnpaidWorkProject.TextMaxLength);

        // Flags are stored as numbers: a combination is not one name.
        b.Property(x => x.Risks).HasConversion<int>();
        b.HasMany(x => x.Supervisors).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ProviderId, x.Name }).IsUnique();
    }
}

internal sealed class UnpaidWorkProjectSupervisorConfiguration : IEntityTypeConfiguration<UnpaidWorkProjectSupervisor>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkProjectSupervisor> b)
    {
        b.HasOne(x => x.StaffMember).WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ProjectId, x.StaffMemberId }).IsUnique();
    }
}

internal sealed class UnpaidWorkSessionConfiguration : IEntityTypeConfiguration<UnpaidWorkSession>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkSession> b)
    {
        b.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Supervisor).WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Briefing).HasMaxLength(UnpaidWorkSession.TextMaxLength);
        b.Property(x => x.EquipmentNotes).HasMaxLength(UnpaidWorkSession.TextMaxLength);
        b.Property(x => x.BriefingRecordedBy).HasMaxLength(256);
        b.Property(x => x.EquipmentIssued).HasConversion<int>();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Minutes);
        b.HasMany(x => x.Bookings).WithOne(x => x.Session).HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.On, x.ProjectId });
    }
}

internal sealed class UnpaidWorkBookingConfiguration : IEntityTypeConfiguration<UnpaidWorkBooking>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkBooking> b)
    {
        b.HasOne<Requirement>().WithMany().HasForeignKey(x => x.RequirementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Contact).WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Reason).HasMaxLength(UnpaidWorkBooking.TextMaxLength);
        b.Property(x => x.Notes).HasMaxLength(UnpaidWorkBooking.TextMaxLength);
        b.Property(x => x.BookedBy).HasMaxLength(256);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.Ignore(x => x.Attendance);
        b.HasMany(x => x.Corrections).WithOne().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);

        // One place per person per session: a second booking is refused by the rules, and by the database if two race.
        b.HasIndex(x => new { x.SessionId, x.PersonId }).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.On });
    }
}

internal sealed class UnpaidWorkAssessmentConfiguration : IEntityTypeConfiguration<UnpaidWorkAssessment>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkAssessment> b)
    {
        b.HasOne<PersonOnProbation>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        foreach (var p in new[] { nameof(UnpaidWorkAssessment.Health), nameof(UnpaidWorkAssessment.Skills), nameof(UnpaidWorkAssessment.AvailabilityNotes), nameof(UnpaidWorkAssessment.RiskToPublic), nameof(UnpaidWorkAssessment.RiskToSupervisors), nameof(UnpaidWorkAssessment.DiversityNeeds) })
        {
            b.Property(p).HasMaxLength(UnpaidWorkAssessment.TextMaxLength);
        }

        b.Property(x => x.AvailableDays).HasConversion<int>();
        b.Property(x => x.RuledOut).HasConversion<int>();
        b.Property(x => x.AssessedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.PersonId, x.CompletedOn });
    }
}

internal sealed class UnpaidWorkAwardConfiguration : IEntityTypeConfiguration<UnpaidWorkAward>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkAward> b)
    {
        b.HasOne<PersonOnProbation>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.PersonId, x.Qualification }).IsUnique();
    }
}

internal sealed class UnpaidWorkBookingCancellationConfiguration : IEntityTypeConfiguration<UnpaidWorkBookingCancellation>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkBookingCancellation> b)
    {
        b.ToTable("UnpaidWorkBookingCancellations");
        b.HasOne<UnpaidWorkSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PersonOnProbation>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Requirement>().WithMany().HasForeignKey(x => x.RequirementId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Details).HasMaxLength(UnpaidWorkBookingCancellation.TextMaxLength);
        b.Property(x => x.BookedBy).HasMaxLength(256);
        b.Property(x => x.CancelledBy).HasMaxLength(256);
        b.HasIndex(x => x.SessionId);
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class UnpaidWorkAttendanceCorrectionConfiguration : IEntityTypeConfiguration<UnpaidWorkAttendanceCorrection>
{
    public void Configure(EntityTypeBuilder<UnpaidWorkAttendanceCorrection> b)
    {
        b.ToTable("UnpaidWorkAttendanceCorrections");
        b.Property(x => x.PreviousReason).HasMaxLength(UnpaidWorkBooking.TextMaxLength);
        b.Property(x => x.Changes).HasMaxLength(UnpaidWorkAttendanceCorrection.TextMaxLength);
        b.Property(x => x.Reason).HasMaxLength(UnpaidWorkAttendanceCorrection.TextMaxLength);
        b.Property(x => x.CorrectedBy).HasMaxLength(256);
        b.HasIndex(x => x.BookingId);
    }
}
