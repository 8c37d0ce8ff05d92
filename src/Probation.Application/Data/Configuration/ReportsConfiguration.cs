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

internal sealed class DailyReadinessCountConfiguration : IEntityTypeConfiguration<DailyReadinessCount>
{
    public void Configure(EntityTypeBuilder<DailyReadinessCount> b)
    {
        b.ToTable("DailyReadinessCounts");
        b.HasIndex(c => new { c.Day, c.ProviderId, c.TeamId, c.OfficerId });
        b.Property(c => c.KeyQuestion).HasMaxLength(DailyReadinessCount.KeyQuestionMaxLength);
    }
}

internal sealed class DailyTimelinessCountConfiguration : IEntityTypeConfiguration<DailyTimelinessCount>
{
    public void Configure(EntityTypeBuilder<DailyTimelinessCount> b)
    {
        b.ToTable("DailyTimelinessCounts");
        // Covering: a period's figures are read from the index alone.
        b.HasIndex(c => new { c.Day, c.ProviderId, c.WholeMonth, c.On, c.Measure, c.TeamId, c.Met, c.Of });
        b.Property(c => c.Measure).HasConversion<string>().HasMaxLength(30);
    }
}
