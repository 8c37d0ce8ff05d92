using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Access;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;

namespace Probation.Application.Data.Configuration;

internal sealed class PersonOnProbationConfiguration : IEntityTypeConfiguration<PersonOnProbation>
{
    public void Configure(EntityTypeBuilder<PersonOnProbation> b)
    {
        b.ToTable("People");
        b.Property(p => p.Crn)
            .HasConversion(c => c.Value, s => Crn.Parse(s))
            .HasMaxLength(Crn.Length)
            .IsFixedLength(false);
        b.HasIndex(p => p.Crn).IsUnique();
        b.Property(p => p.FirstName).HasMaxLength(PersonOnProbation.NameMaxLength);
        b.Property(p => p.LastName).HasMaxLength(PersonOnProbation.NameMaxLength);
        b.Property(p => p.Ethnicity).HasMaxLength(PersonOnProbation.CharacteristicMaxLength);
        b.Property(p => p.Religion).HasMaxLength(PersonOnProbation.CharacteristicMaxLength);
        b.Property(p => p.SexualOrientation).HasMaxLength(PersonOnProbation.CharacteristicMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.LastName);
        b.HasIndex(p => new { p.ResponsibleOfficerId, p.LastName });
        b.HasIndex(p => new { p.TeamId, p.LastName });
        b.HasOne(p => p.Provider).WithMany().HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Team).WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.ResponsibleOfficer).WithMany().HasForeignKey(p => p.ResponsibleOfficerId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(p => p.Risk, r =>
        {
            r.Property(x => x.Rosh).HasColumnName("Rosh");
            r.Property(x => x.RiskToChildren).HasColumnName("RiskToChildren");
            r.Property(x => x.RiskToKnownAdult).HasColumnName("RiskToKnownAdult");
            r.Property(x => x.RiskToPublic).HasColumnName("RiskToPublic");
            r.Property(x => x.RiskToStaff).HasColumnName("RiskToStaff");
            r.Property(x => x.Ogrs).HasColumnName("OgrsScore")
                .HasConversion(o => o!.Value.Value, v => OgrsScore.From(v));
            r.Property(x => x.AssessedOn).HasColumnName("RiskAssessedOn");
        });
        b.Navigation(p => p.Risk).IsRequired();
        b.HasMany(p => p.Addresses).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Orders).WithOne().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Registrations).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.AccessList).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.TeamId, p.ResponsibleOfficerId, p.ReceivedOn });
        b.Property(p => p.FactsToConfirm).HasConversion<int>(); // a set of flags: stored as its bits

        // A source reference names one case within a provider: what makes a second import of a file create nothing new.
        b.Property(p => p.SourceReference).HasMaxLength(PersonOnProbation.SourceReferenceMaxLength);
        b.HasIndex(p => new { p.ProviderId, p.SourceReference }).IsUnique();
        b.HasOne<CaseImport>().WithMany().HasForeignKey(p => p.CaseImportId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.FullName);
    }
}

internal sealed class AddressRecordConfiguration : IEntityTypeConfiguration<AddressRecord>
{
    public void Configure(EntityTypeBuilder<AddressRecord> b)
    {
        b.ToTable("PersonAddresses");
        b.OwnsOne(a => a.Address, AddressMapping.Configure);
        b.Navigation(a => a.Address).IsRequired();
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.Court).HasMaxLength(Order.CourtMaxLength);
        b.HasMany(o => o.Requirements).WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> b)
    {
        b.HasIndex(r => new { r.Type, r.PersonId });
        b.Property(r => r.MappaLevel).HasConversion<int?>();
        b.Property(r => r.MappaCategory).HasConversion<int?>();
    }
}

internal sealed class CaseAccessEntryConfiguration : IEntityTypeConfiguration<CaseAccessEntry>
{
    public void Configure(EntityTypeBuilder<CaseAccessEntry> b)
    {
        b.HasIndex(e => new { e.PersonId, e.StaffMemberId, e.Kind }).IsUnique();
        b.HasOne<Probation.Domain.Organisation.StaffMember>().WithMany().HasForeignKey(e => e.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseAllocationConfiguration : IEntityTypeConfiguration<Probation.Domain.Allocation.CaseAllocation>
{
    public void Configure(EntityTypeBuilder<Probation.Domain.Allocation.CaseAllocation> b)
    {
        b.ToTable("CaseAllocations");
        b.Property(a => a.DecidedByUserName).HasMaxLength(256);
        b.Property(a => a.RequiredGrade).HasMaxLength(60); // "ProbationOfficerOrProbationServicesOfficer" is longer than the usual 40
        b.Property(a => a.MatrixReasons).HasMaxLength(4000);
        b.Property(a => a.CandidateReason).HasMaxLength(1000);
        b.Property(a => a.OverrideReason).HasMaxLength(Probation.Domain.Allocation.CaseAllocation.OverrideReasonMaxLength);
        b.HasIndex(a => new { a.PersonId, a.From });
        b.HasIndex(a => a.StaffMemberId);
        b.HasOne<Probation.Domain.Organisation.StaffMember>().WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseImportConfiguration : IEntityTypeConfiguration<CaseImport>
{
    public void Configure(EntityTypeBuilder<CaseImport> b)
    {
        b.ToTable("CaseImports");
        b.Property(i => i.UserName).HasMaxLength(CaseImport.UserNameMaxLength);
        b.Property(i => i.FileName).HasMaxLength(CaseImport.FileNameMaxLength);
        b.Property(i => i.Problem).HasMaxLength(CaseImport.ProblemMaxLength);
        b.HasOne<Probation.Domain.Organisation.Provider>().WithMany().HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.ProviderId, i.StartedAtUtc });
    }
}
