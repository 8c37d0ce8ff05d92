using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Application.Reports;

namespace Probation.Application.Data.Configuration;

internal sealed class DailyReportCountConfiguration : IEntityTypeConfiguration<DailyReportCount>
{
    public void Configure(EntityTypeBuilder<DailyReportCount> b)
    {
        b.ToTable("DailyReportCounts");
        b.HasIndex(c => new { c.Day, c.ProviderId, c.TeamId, c.OfficerId });
        b.Property(c => c.Table).HasMaxLength(DailyReportCount.TableMaxLength);
        b.Property(c => c.Key).HasMaxLength(DailyReportCount.KeyMaxLength);
    }
}
