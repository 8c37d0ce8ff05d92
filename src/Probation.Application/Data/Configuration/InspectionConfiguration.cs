using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;

namespace Probation.Application.Data.Configuration;

internal sealed class CaseAssessmentConfiguration : IEntityTypeConfiguration<CaseAssessment>
{
    public void Configure(EntityTypeBuilder<CaseAssessment> b)
    {
        b.ToTable("CaseAssessments");
        b.HasIndex(a => new { a.ProviderId, a.Kind, a.StartedOn });
        b.HasIndex(a => new { a.PersonId, a.StartedOn });
        // One inspection assessment per inspection, case and scope: two inspectors starting the same case at once
        // cannot both create one. Audits and quality events have no inspection, and nulls never collide.
        b.HasIndex(a => new { a.InspectionId, a.PersonId, a.Scope }).IsUnique();
        b.HasIndex(a => a.OfficerStaffId);
        b.Property(a => a.FrameworkVersion).HasMaxLength(CaseAssessment.FrameworkMaxLength);
        b.Property(a => a.InterviewNotes).HasMaxLength(CaseAssessment.TextMaxLength);
        b.Property(a => a.Strengths).HasMaxLength(CaseAssessment.TextMaxLength);
        b.Property(a => a.AreasForImprovement).HasMaxLength(CaseAssessment.TextMaxLength);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Provider>().WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.AssessorStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.OfficerStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CaseAssessment>().WithMany().HasForeignKey(a => a.ModeratesId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionRecord>().WithMany().HasForeignKey(a => a.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Judgements).WithOne().HasForeignKey(j => j.CaseAssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Prompts).WithOne().HasForeignKey(p => p.CaseAssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Participants).WithOne().HasForeignKey(p => p.CaseAssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KeyQuestionJudgementConfiguration : IEntityTypeConfiguration<KeyQuestionJudgement>
{
    public void Configure(EntityTypeBuilder<KeyQuestionJudgement> b)
    {
        b.ToTable("KeyQuestionJudgements");
        b.HasIndex(j => new { j.CaseAssessmentId, j.KeyQuestionId }).IsUnique();
        b.Property(j => j.KeyQuestionId).HasMaxLength(KeyQuestionJudgement.IdMaxLength);
        b.Property(j => j.Evidence).HasMaxLength(CaseAssessment.TextMaxLength);
    }
}

internal sealed class PromptAnswerConfiguration : IEntityTypeConfiguration<PromptAnswer>
{
    public void Configure(EntityTypeBuilder<PromptAnswer> b)
    {
        b.ToTable("PromptAnswers");
        b.HasIndex(p => new { p.CaseAssessmentId, p.PromptId }).IsUnique();
        b.Property(p => p.PromptId).HasMaxLength(PromptAnswer.IdMaxLength);
    }
}

internal sealed class AssessmentParticipantConfiguration : IEntityTypeConfiguration<AssessmentParticipant>
{
    public void Configure(EntityTypeBuilder<AssessmentParticipant> b)
    {
        b.ToTable("AssessmentParticipants");
        b.HasIndex(p => new { p.CaseAssessmentId, p.StaffMemberId }).IsUnique();
        b.HasOne<StaffMember>().WithMany().HasForeignKey(p => p.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditFeedbackConfiguration : IEntityTypeConfiguration<AuditFeedback>
{
    public void Configure(EntityTypeBuilder<AuditFeedback> b)
    {
        b.ToTable("AuditFeedback");
        b.HasIndex(f => new { f.OfficerStaffId, f.AcknowledgedOn });
        b.Property(f => f.Text).HasMaxLength(CaseAssessment.TextMaxLength);
        b.Property(f => f.Response).HasMaxLength(CaseAssessment.TextMaxLength);
        b.HasOne<CaseAssessment>().WithMany().HasForeignKey(f => f.CaseAssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(f => f.OfficerStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionRecordConfiguration : IEntityTypeConfiguration<InspectionRecord>
{
    public void Configure(EntityTypeBuilder<InspectionRecord> b)
    {
        b.ToTable("Inspections");
        b.HasIndex(i => new { i.ProviderId, i.FieldworkFrom });
        b.Property(i => i.FrameworkVersion).HasMaxLength(CaseAssessment.FrameworkMaxLength);
        b.Property(i => i.Title).HasMaxLength(InspectionRecord.TitleMaxLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Provider>().WithMany().HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(i => i.LeadInspectorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Team).WithOne().HasForeignKey(t => t.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Samples).WithOne().HasForeignKey(s => s.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.DomainOneRatings).WithOne().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.EnteredCounts).WithOne().HasForeignKey(c => c.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.InterviewQuestions).WithOne().HasForeignKey(q => q.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Meetings).WithOne().HasForeignKey(m => m.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Discretions).WithOne().HasForeignKey(d => d.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Recommendations).WithOne().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InspectionTeamMemberConfiguration : IEntityTypeConfiguration<InspectionTeamMember>
{
    public void Configure(EntityTypeBuilder<InspectionTeamMember> b)
    {
        b.ToTable("InspectionTeamMembers");
        b.HasIndex(t => new { t.InspectionId, t.StaffMemberId }).IsUnique();
        b.HasIndex(t => t.StaffMemberId);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionSampleConfiguration : IEntityTypeConfiguration<InspectionSample>
{
    public void Configure(EntityTypeBuilder<InspectionSample> b)
    {
        b.ToTable("InspectionSamples");
        b.HasIndex(s => new { s.InspectionId, s.Kind });
        b.HasMany(s => s.Strata).WithOne().HasForeignKey(x => x.InspectionSampleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Cases).WithOne().HasForeignKey(x => x.InspectionSampleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SampleStratumConfiguration : IEntityTypeConfiguration<SampleStratum>
{
    public void Configure(EntityTypeBuilder<SampleStratum> b)
    {
        b.ToTable("SampleStrata");
        b.Property(s => s.Key).HasMaxLength(SampleStratum.KeyMaxLength);
    }
}

internal sealed class SampledCaseConfiguration : IEntityTypeConfiguration<SampledCase>
{
    public void Configure(EntityTypeBuilder<SampledCase> b)
    {
        b.ToTable("SampledCases");
        b.HasIndex(s => new { s.InspectionSampleId, s.PersonId }).IsUnique();
        b.HasIndex(s => s.PersonId);
        b.Property(s => s.Stratum).HasMaxLength(SampleStratum.KeyMaxLength);
        b.HasOne<PersonOnProbation>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DomainOneRatingConfiguration : IEntityTypeConfiguration<DomainOneRating>
{
    public void Configure(EntityTypeBuilder<DomainOneRating> b)
    {
        b.ToTable("DomainOneRatings");
        b.HasIndex(r => new { r.InspectionId, r.StandardId }).IsUnique();
        b.Property(r => r.StandardId).HasMaxLength(KeyQuestionJudgement.IdMaxLength);
        b.Property(r => r.Evidence).HasMaxLength(InspectionRecord.TextMaxLength);
    }
}

internal sealed class EnteredCountsConfiguration : IEntityTypeConfiguration<EnteredCounts>
{
    public void Configure(EntityTypeBuilder<EnteredCounts> b)
    {
        b.ToTable("InspectionEnteredCounts");
        b.HasIndex(c => new { c.InspectionId, c.StandardId }).IsUnique();
        b.Property(c => c.StandardId).HasMaxLength(KeyQuestionJudgement.IdMaxLength);
        b.Property(c => c.Source).HasMaxLength(InspectionRecord.TextMaxLength);
        b.HasMany(c => c.KeyQuestions).WithOne().HasForeignKey(k => k.EnteredCountsId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EnteredKeyQuestionCountConfiguration : IEntityTypeConfiguration<EnteredKeyQuestionCount>
{
    public void Configure(EntityTypeBuilder<EnteredKeyQuestionCount> b)
    {
        b.ToTable("InspectionEnteredKeyQuestionCounts");
        b.HasIndex(k => new { k.EnteredCountsId, k.KeyQuestionId }).IsUnique();
        b.Property(k => k.KeyQuestionId).HasMaxLength(KeyQuestionJudgement.IdMaxLength);
    }
}

internal sealed class InterviewQuestionConfiguration : IEntityTypeConfiguration<InterviewQuestion>
{
    public void Configure(EntityTypeBuilder<InterviewQuestion> b)
    {
        b.ToTable("InterviewQuestions");
        b.Property(q => q.StandardId).HasMaxLength(KeyQuestionJudgement.IdMaxLength);
        b.Property(q => q.Text).HasMaxLength(InspectionRecord.TitleMaxLength * 2);
    }
}

internal sealed class InspectionMeetingConfiguration : IEntityTypeConfiguration<InspectionMeeting>
{
    public void Configure(EntityTypeBuilder<InspectionMeeting> b)
    {
        b.ToTable("InspectionMeetings");
        b.Property(m => m.With).HasMaxLength(InspectionRecord.TitleMaxLength);
        b.Property(m => m.Notes).HasMaxLength(InspectionRecord.TextMaxLength);
    }
}

internal sealed class StandardDiscretionConfiguration : IEntityTypeConfiguration<StandardDiscretion>
{
    public void Configure(EntityTypeBuilder<StandardDiscretion> b)
    {
        b.ToTable("StandardDiscretions");
        b.HasIndex(d => new { d.InspectionId, d.StandardId }).IsUnique();
        b.Property(d => d.StandardId).HasMaxLength(KeyQuestionJudgement.IdMaxLength);
        b.Property(d => d.Reason).HasMaxLength(InspectionRecord.TextMaxLength);
        b.Property(d => d.DecidedBy).HasMaxLength(256);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> b)
    {
        b.ToTable("Recommendations");
        b.HasIndex(r => new { r.InspectionId, r.Number }).IsUnique();
        b.Property(r => r.Text).HasMaxLength(InspectionRecord.TextMaxLength);
        b.Property(r => r.Owner).HasMaxLength(InspectionRecord.TitleMaxLength);
        b.Property(r => r.Progress).HasMaxLength(InspectionRecord.TextMaxLength);
    }
}
