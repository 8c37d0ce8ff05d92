using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Audit;
using Probation.Domain.Common;

namespace Probation.Application.Data.Configuration;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Where).HasMaxLength(AuditEntry.WhereMaxLength);
        b.Property(a => a.Purpose).HasMaxLength(AuditEntry.PurposeMaxLength);
        b.Property(a => a.RequestId).HasMaxLength(64);
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.UserName, a.AtUtc });
        b.HasMany(a => a.Subjects).WithOne().HasForeignKey(s => s.AuditEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditSubjectConfiguration : IEntityTypeConfiguration<AuditSubject>
{
    public void Configure(EntityTypeBuilder<AuditSubject> b)
    {
        b.ToTable("AuditLogSubjects");
        b.Property(s => s.Crn).HasMaxLength(Crn.Length);
        b.HasIndex(s => new { s.Crn, s.AuditEntryId });
    }
}

internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> b)
    {
        b.ToTable("AuditSeals");
        b.HasKey(s => s.Position);
        b.Property(s => s.Position).ValueGeneratedNever();
        b.Property(s => s.Hash).HasMaxLength(AuditSeal.HashLength);
        b.HasIndex(s => s.ThroughEntryId).IsUnique();
    }
}
