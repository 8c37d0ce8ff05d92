using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Cases;
using Probation.Domain.Organisation;
using Probation.Domain.Supervision;

namespace Probation.Application.Data.Configuration;

internal sealed class SupervisionPersonConfiguration : IEntityTypeConfiguration<PersonOnProbation>
{
    public void Configure(EntityTypeBuilder<PersonOnProbation> b)
    {
        b.HasMany(p => p.Assessments).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.AgencyChecks).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Plan).WithOne().HasForeignKey<SentencePlan>(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Contacts).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.EnforcementActions).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.SignificantEvents).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Reviews).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Referrals).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.AlertExceptions).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.HasIndex(a => new { a.PersonId, a.StartedOn });
        b.Property(a => a.AssessedBy).HasMaxLength(256);
        foreach (var p in new[] { nameof(Assessment.CurrentOffence), nameof(Assessment.PatternsOfOffending), nameof(Assessment.Strengths), nameof(Assessment.DiversityAndCircumstances), nameof(Assessment.Motivation), nameof(Assessment.PersonsViews), nameof(Assessment.InformationSources), nameof(Assessment.RoshReasons), nameof(Assessment.WhoIsAtRisk) })
        {
            b.Property(p).HasMaxLength(Assessment.TextMaxLength);
        }

        b.HasMany(a => a.Needs).WithOne().HasForeignKey(n => n.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(a => a.IsComplete);
    }
}

internal sealed class AssessedNeedConfiguration : IEntityTypeConfiguration<AssessedNeed>
{
    public void Configure(EntityTypeBuilder<AssessedNeed> b)
    {
        b.ToTable("AssessedNeeds");
        b.HasIndex(n => new { n.AssessmentId, n.Need }).IsUnique();
    }
}

internal sealed class AgencyCheckConfiguration : IEntityTypeConfiguration<AgencyCheck>
{
    public void Configure(EntityTypeBuilder<AgencyCheck> b)
    {
        b.HasIndex(a => new { a.PersonId, a.Kind });
        b.Property(a => a.Summary).HasMaxLength(AgencyCheck.TextMaxLength);
        b.Property(a => a.NotRequiredReason).HasMaxLength(AgencyCheck.TextMaxLength);
        b.Property(a => a.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class SentencePlanConfiguration : IEntityTypeConfiguration<SentencePlan>
{
    public void Configure(EntityTypeBuilder<SentencePlan> b)
    {
        b.ToTable("SentencePlans");
        b.HasIndex(p => p.PersonId).IsUnique();
        b.Property(p => p.WrittenBy).HasMaxLength(256);
        b.Property(p => p.ContactPattern).HasMaxLength(ScheduledRequirement.PatternMaxLength);
        foreach (var p in new[] { nameof(SentencePlan.PersonsInvolvement), nameof(SentencePlan.ConstructiveInterventions), nameof(SentencePlan.RestrictiveInterventions), nameof(SentencePlan.ContingencyArrangements), nameof(SentencePlan.OtherAgencies), nameof(SentencePlan.VictimSafety), nameof(SentencePlan.DomesticAbuseMeasures), nameof(SentencePlan.ChildSafeguardingMeasures) })
        {
            b.Property(p).HasMaxLength(SentencePlan.TextMaxLength);
        }

        b.HasMany(p => p.Objectives).WithOne().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Schedule).WithOne().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanObjectiveConfiguration : IEntityTypeConfiguration<PlanObjective>
{
    public void Configure(EntityTypeBuilder<PlanObjective> b)
    {
        b.ToTable("PlanObjectives");
        b.Property(o => o.Text).HasMaxLength(PlanObjective.TextMaxLength);
        b.Property(o => o.NormalisedText).HasMaxLength(PlanObjective.TextMaxLength);
        b.Property(o => o.Links).HasConversion<int>(); // a set of flags: stored as its bits
        b.HasIndex(o => o.NormalisedText); // copies across cases are found by this index
    }
}

internal sealed class ScheduledRequirementConfiguration : IEntityTypeConfiguration<ScheduledRequirement>
{
    public void Configure(EntityTypeBuilder<ScheduledRequirement> b)
    {
        b.ToTable("ScheduledRequirements");
        b.Property(s => s.Pattern).HasMaxLength(ScheduledRequirement.PatternMaxLength);
        b.HasOne(s => s.Requirement).WithMany().HasForeignKey(s => s.RequirementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    /// <summary>The filter of <c>IX_Contacts_DecisionOrHomeVisit</c>.</summary>
    internal const string DecisionOrHomeVisitFilter =
        "\"Outcome\" IN ('FailedToAttend', 'AttendedNotComplied', 'SentHome') OR (\"Kind\" = 'HomeVisit' AND \"Outcome\" = 'AttendedAndComplied')";

    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.HasIndex(c => new { c.PersonId, c.On });
        b.HasIndex(c => new { c.SiteId, c.On });

        // Each requirement's first attended contact (inspection readiness): read for a caseload's people from this small
        // index alone. Without it the database walked every contact that has a requirement (11 s for a provider at
        // national scale; 32 ms with it).
        b.HasIndex(c => new { c.PersonId, c.RequirementId, c.On }, "IX_Contacts_AttendedOnRequirement")
            .HasFilter("\"RequirementId\" IS NOT NULL AND \"Outcome\" = 'AttendedAndComplied'");

        // The contacts inspection readiness judges: absences that need a decision, and attended home visits. A past
        // day's readiness for a provider read them through the person-and-day index and filtered out nine in ten (about
        // 2 s at national scale); this index holds only them. Its filter must match the read's condition as the database
        // sees it (ReadinessQueries.NeedingDecision, written as constants), and a test holds the two together.
        b.HasIndex(c => new { c.PersonId, c.On }, "IX_Contacts_DecisionOrHomeVisit")
            .HasFilter(DecisionOrHomeVisitFilter);
        b.Property(c => c.Notes).HasMaxLength(Contact.TextMaxLength);
        b.Property(c => c.DecisionReason).HasMaxLength(Contact.TextMaxLength);
        b.Property(c => c.RecordedBy).HasMaxLength(256);
        b.HasOne(c => c.Site).WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Requirement).WithMany().HasForeignKey(c => c.RequirementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnforcementActionConfiguration : IEntityTypeConfiguration<EnforcementAction>
{
    public void Configure(EntityTypeBuilder<EnforcementAction> b)
    {
        b.HasIndex(e => new { e.PersonId, e.On });
        b.Property(e => e.Notes).HasMaxLength(EnforcementAction.TextMaxLength);
        b.Property(e => e.RecordedBy).HasMaxLength(256);
        b.HasOne(e => e.Contact).WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignificantEventConfiguration : IEntityTypeConfiguration<SignificantEvent>
{
    public void Configure(EntityTypeBuilder<SignificantEvent> b)
    {
        b.HasIndex(e => new { e.PersonId, e.On });
        b.Property(e => e.Description).HasMaxLength(SignificantEvent.TextMaxLength);
        b.Property(e => e.ActionTaken).HasMaxLength(SignificantEvent.TextMaxLength);
        b.Property(e => e.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.HasIndex(r => new { r.PersonId, r.CompletedOn });
        foreach (var p in new[] { nameof(Review.OffendingFactorChanges), nameof(Review.RiskFactorChanges), nameof(Review.PersonsInvolvement), nameof(Review.OtherAgencyInput), nameof(Review.WhyPlanNotAdjusted) })
        {
            b.Property(p).HasMaxLength(Review.TextMaxLength);
        }

        b.Property(r => r.ReviewedBy).HasMaxLength(256);
        b.HasOne(r => r.TriggeredBy).WithMany().HasForeignKey(r => r.TriggeredByEventId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Progress).WithOne().HasForeignKey(p => p.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ObjectiveProgressConfiguration : IEntityTypeConfiguration<ObjectiveProgress>
{
    public void Configure(EntityTypeBuilder<ObjectiveProgress> b)
    {
        b.ToTable("ObjectiveProgress");
        b.Property(p => p.Progress).HasMaxLength(Review.TextMaxLength);
        b.Property(p => p.ObjectiveText).HasMaxLength(PlanObjective.TextMaxLength);

        // Objectives may be removed when a plan is revised; the review keeps their words.
        b.HasOne(p => p.Objective).WithMany().HasForeignKey(p => p.ObjectiveId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.HasIndex(r => new { r.PersonId, r.On });
        b.Property(r => r.Detail).HasMaxLength(Referral.TextMaxLength);
        b.Property(r => r.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class AlertExceptionConfiguration : IEntityTypeConfiguration<AlertExceptionEntry>
{
    public void Configure(EntityTypeBuilder<AlertExceptionEntry> b)
    {
        b.ToTable("AlertExceptions");
        b.HasIndex(e => new { e.PersonId, e.Code });
        b.Property(e => e.Reason).HasMaxLength(AlertExceptionEntry.ReasonMaxLength);
        b.Property(e => e.RecordedBy).HasMaxLength(256);
    }
}
