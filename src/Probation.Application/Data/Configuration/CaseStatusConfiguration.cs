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
    public void Configure(EntityTypeBuilder<CaseStatus> b)
    {
        b.HasKey(s => s.PersonId);
        b.Property(s => s.PersonId).ValueGeneratedNever();
        b.HasOne<PersonOnProbation>().WithOne().HasForeignKey<CaseStatus>(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);

        // The alerts are stored as they are shown, as one JSON array: they are only ever read whole, with the case.
        b.Property(s => s.Alerts)
            .HasConversion(
                v => JsonSerializer.Serialize(v.ToList(), CaseStatusJson.Default.ListPracticeAlert),
                v => JsonSerializer.Deserialize(v, CaseStatusJson.Default.ListPracticeAlert) ?? new List<PracticeAlert>(),
                new ValueComparer<IReadOnlyList<PracticeAlert>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
    }
}

/// <summary>
/// The stored alerts' JSON, generated at build time: every caseload page reads fifty cases' alerts, and reading them
/// by reflection took about a fourteenth of the page's CPU. Enums as their names, as before.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<PracticeAlert>))]
internal sealed partial class CaseStatusJson : JsonSerializerContext;
