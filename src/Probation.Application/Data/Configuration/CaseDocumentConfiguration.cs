using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Documents;

namespace Probation.Application.Data.Configuration;

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> b)
    {
        b.ToTable("CaseDocuments");
        b.Property(d => d.Title).HasMaxLength(CaseDocument.TitleMaxLength);
        b.Property(d => d.ProducedBy).HasMaxLength(256);
        b.HasOne<PersonOnProbation>().WithMany(p => p.Documents).HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.PersonId, d.ProducedAtUtc });
    }
}
