using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Organisation;

namespace Probation.Application.Data.Configuration;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.Property(p => p.Code).HasMaxLength(10);
        b.Property(p => p.Name).HasMaxLength(120);
        b.HasIndex(p => p.Code).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Code).HasMaxLength(10);
        b.Property(t => t.Name).HasMaxLength(120);
        b.Property(t => t.LocalAuthority).HasMaxLength(60);
        b.HasIndex(t => t.Code).IsUnique();
        b.HasOne(t => t.Provider).WithMany().HasForeignKey(t => t.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.Property(s => s.Code).HasMaxLength(10);
        b.Property(s => s.Name).HasMaxLength(120);
        b.HasIndex(s => s.Code).IsUnique();
        b.OwnsOne(s => s.Address, AddressMapping.Configure);
        b.HasOne(s => s.Provider).WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.OpeningSessions).WithOne().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.RentalPeriods).WithOne().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HubRentalPeriodConfiguration : IEntityTypeConfiguration<HubRentalPeriod>
{
    public void Configure(EntityTypeBuilder<HubRentalPeriod> b) => b.Property(r => r.Landlord).HasMaxLength(120);
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.ToTable("Staff");
        b.Property(s => s.StaffCode).HasMaxLength(12);
        b.Property(s => s.FirstName).HasMaxLength(StaffMember.NameMaxLength);
        b.Property(s => s.LastName).HasMaxLength(StaffMember.NameMaxLength);
        b.Property(s => s.UserName).HasMaxLength(256);
        b.HasIndex(s => s.StaffCode).IsUnique();
        b.HasIndex(s => s.UserName).IsUnique();
        b.HasIndex(s => new { s.TeamId, s.Grade });
        b.HasOne(s => s.Provider).WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Training).WithOne().HasForeignKey(t => t.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(s => s.FullName);
        b.Ignore(s => s.IsResponsibleOfficerGrade);
    }
}

internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> b) => b.Property(t => t.Course).HasMaxLength(120);
}

internal static class AddressMapping
{
    public static void Configure<T>(OwnedNavigationBuilder<T, Address> a)
        where T : class
    {
        a.Property(x => x.Line1).HasMaxLength(Address.LineMaxLength).HasColumnName("AddressLine1");
        a.Property(x => x.Line2).HasMaxLength(Address.LineMaxLength).HasColumnName("AddressLine2");
        a.Property(x => x.Town).HasMaxLength(Address.LineMaxLength).HasColumnName("Town");
        a.Property(x => x.Postcode).HasMaxLength(Address.PostcodeMaxLength).HasColumnName("Postcode");
    }
}
