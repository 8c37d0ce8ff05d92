using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Programmes;

namespace Probation.Application.Data.Configuration;

internal sealed class ProgrammesPersonConfiguration : IEntityTypeConfiguration<PersonOnProbation>
{
    public void Configure(EntityTypeBuilder<PersonOnProbation> b) =>
        b.HasMany(p => p.ProgrammeReferrals).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
}

internal sealed class ProgrammeReferralConfiguration : IEntityTypeConfiguration<ProgrammeReferral>
{
    public void Configure(EntityTypeBuilder<ProgrammeReferral> b)
    {
        b.HasIndex(r => new { r.Status, r.Programme });
        b.HasIndex(r => r.PersonId);
        b.Property(r => r.ReferredBy).HasMaxLength(256);
        b.Property(r => r.Notes).HasMaxLength(ProgrammeReferral.TextMaxLength);
        b.Property(r => r.Reason).HasMaxLength(ProgrammeReferral.TextMaxLength);
        b.HasOne(r => r.Requirement).WithMany().HasForeignKey(r => r.RequirementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Group).WithMany(g => g.Members).HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Attendance).WithOne().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgrammeGroupConfiguration : IEntityTypeConfiguration<ProgrammeGroup>
{
    public void Configure(EntityTypeBuilder<ProgrammeGroup> b)
    {
        b.HasIndex(g => new { g.ProviderId, g.Programme, g.StartDate });
        b.Property(g => g.CreatedBy).HasMaxLength(256);
        b.Property(g => g.Version).IsConcurrencyToken();
        b.HasOne<Domain.Organisation.Provider>().WithMany().HasForeignKey(g => g.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(g => g.Site).WithMany().HasForeignKey(g => g.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.Facilitators).WithOne().HasForeignKey(f => f.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(g => g.Sessions).WithOne().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgrammeFacilitatorConfiguration : IEntityTypeConfiguration<ProgrammeFacilitator>
{
    public void Configure(EntityTypeBuilder<ProgrammeFacilitator> b)
    {
        b.HasIndex(f => new { f.GroupId, f.StaffMemberId }).IsUnique();
        b.HasOne(f => f.StaffMember).WithMany().HasForeignKey(f => f.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgrammeSessionConfiguration : IEntityTypeConfiguration<ProgrammeSession>
{
    public void Configure(EntityTypeBuilder<ProgrammeSession> b) => b.HasIndex(s => new { s.GroupId, s.On }).IsUnique();
}

internal sealed class ProgrammeAttendanceConfiguration : IEntityTypeConfiguration<ProgrammeAttendance>
{
    public void Configure(EntityTypeBuilder<ProgrammeAttendance> b)
    {
        b.ToTable("ProgrammeAttendance");
        b.HasIndex(a => new { a.SessionId, a.ReferralId }).IsUnique();
        b.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Contact).WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
