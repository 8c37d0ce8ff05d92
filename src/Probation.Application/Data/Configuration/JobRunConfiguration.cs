using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Application.Common;

namespace Probation.Application.Data.Configuration;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");

        // One run a job and slot: the key is what lets only one node claim it.
        b.HasKey(r => new { r.Job, r.SlotAtUtc });
        b.Property(r => r.Job).HasMaxLength(JobRun.JobMaxLength);
        b.Property(r => r.Node).HasMaxLength(JobRun.NodeMaxLength);
        b.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
    }
}
