using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Supervision;

namespace Probation.Application.Data.Configuration;

internal sealed class CaseStatusConfiguration : IEntityTypeConfiguration<CaseStatus>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<CaseStatus> b)
    {
        b.HasKey(s => s.PersonId);
        b.Property(s => s.PersonId).ValueGeneratedNever();
        b.HasOne<PersonOnProbation>().WithOne().HasForeignKey<CaseStatus>(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);

        // The alerts are stored as they are shown, as one JSON array: they are only ever read whole, with the case.
        b.Property(s => s.Alerts)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<PracticeAlert>>(v, Json) ?? new List<PracticeAlert>(),
                new ValueComparer<IReadOnlyList<PracticeAlert>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
    }
}
