using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Domain.Resettlement;

namespace Probation.Application.Data.Configuration;

internal sealed class CustodyRecordConfiguration : IEntityTypeConfiguration<CustodyRecord>
{
    public void Configure(EntityTypeBuilder<CustodyRecord> b)
    {
        b.ToTable("CustodyRecords");
        b.HasOne<PersonOnProbation>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Site>().WithMany().HasForeignKey(c => c.PrisonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.PersonId, c.ReceptionDate }).IsUnique();

        // The prison caseload: people not yet released, by prison and release date.
        b.HasIndex(c => new { c.PrisonId, c.ReleasedOn, c.ExpectedReleaseDate });
        b.Property(c => c.RecordedBy).HasMaxLength(256);
        b.Property(c => c.ScreenedBy).HasMaxLength(256);
        b.Property(c => c.PlanWrittenBy).HasMaxLength(256);
        b.Property(c => c.RiskOfHarmConsidered).HasMaxLength(CustodyRecord.TextMaxLength);
        b.Property(c => c.HandoverTo).HasMaxLength(CustodyRecord.ShortTextMaxLength);
        b.Property(c => c.HandoverNotes).HasMaxLength(CustodyRecord.TextMaxLength);
        b.Property(c => c.ReleaseNotes).HasMaxLength(CustodyRecord.TextMaxLength);
        b.HasMany(c => c.Needs).WithOne().HasForeignKey(n => n.CustodyRecordId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Activities).WithOne().HasForeignKey(a => a.CustodyRecordId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.SentenceEnd);
        b.Ignore(c => c.Released);
    }
}

internal sealed class ResettlementNeedConfiguration : IEntityTypeConfiguration<ResettlementNeed>
{
    public void Configure(EntityTypeBuilder<ResettlementNeed> b)
    {
        b.ToTable("ResettlementNeeds");
        b.HasIndex(n => new { n.CustodyRecordId, n.Pathway }).IsUnique();
        b.Property(n => n.Actions).HasMaxLength(CustodyRecord.TextMaxLength);
        b.Property(n => n.Partner).HasMaxLength(CustodyRecord.ShortTextMaxLength);
    }
}

internal sealed class ResettlementActivityConfiguration : IEntityTypeConfiguration<ResettlementActivity>
{
    public void Configure(EntityTypeBuilder<ResettlementActivity> b)
    {
        b.ToTable("ResettlementActivities");
        b.HasIndex(a => new { a.CustodyRecordId, a.On });
        b.Property(a => a.Description).HasMaxLength(CustodyRecord.TextMaxLength);
        b.Property(a => a.DeliveredBy).HasMaxLength(CustodyRecord.ShortTextMaxLength);
        b.Property(a => a.CoordinatedWith).HasMaxLength(CustodyRecord.ShortTextMaxLength);
        b.Property(a => a.RecordedBy).HasMaxLength(256);
    }
}
