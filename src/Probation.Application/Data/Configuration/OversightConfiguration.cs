using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Domain.Oversight;

namespace Probation.Application.Data.Configuration;

internal sealed class OversightPersonConfiguration : IEntityTypeConfiguration<PersonOnProbation>
{
    public void Configure(EntityTypeBuilder<PersonOnProbation> b) =>
        b.HasMany(p => p.Oversight).WithOne().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
}

internal sealed class OversightEntryConfiguration : IEntityTypeConfiguration<OversightEntry>
{
    public void Configure(EntityTypeBuilder<OversightEntry> b)
    {
        b.ToTable("OversightEntries");
        b.HasIndex(o => new { o.PersonId, o.RecordedOn });
        b.Property(o => o.RecordedBy).HasMaxLength(256);
        b.Property(o => o.Text).HasMaxLength(OversightEntry.TextMaxLength);
        b.Property(o => o.CheckComment).HasMaxLength(OversightEntry.TextMaxLength);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(o => o.ManagerStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffSupervisionRecordConfiguration : IEntityTypeConfiguration<StaffSupervisionRecord>
{
    public void Configure(EntityTypeBuilder<StaffSupervisionRecord> b)
    {
        b.ToTable("StaffSupervisionRecords");
        b.HasIndex(r => new { r.StaffMemberId, r.On });
        b.Property(r => r.Notes).HasMaxLength(StaffSupervisionRecord.NotesMaxLength);
        b.Property(r => r.RecordedBy).HasMaxLength(256);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.ManagerStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Cases).WithOne().HasForeignKey(c => c.StaffSupervisionRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffSupervisionCaseConfiguration : IEntityTypeConfiguration<StaffSupervisionCase>
{
    public void Configure(EntityTypeBuilder<StaffSupervisionCase> b)
    {
        b.ToTable("StaffSupervisionCases");
        b.HasIndex(c => new { c.StaffSupervisionRecordId, c.PersonId }).IsUnique();
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
