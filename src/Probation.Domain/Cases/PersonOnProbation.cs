using Probation.Domain.Access;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;

namespace Probation.Domain.Cases;

/// <summary>A person on probation ("participant" in the report). The case record every module hangs from.</summary>
public sealed class PersonOnProbation
{
    public const int NameMaxLength = 60;
    public const int CharacteristicMaxLength = 60;
    public const int SourceReferenceMaxLength = 50;

    public int Id { get; set; }
    public Crn Crn { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public Gender Gender { get; set; }

    // Protected characteristics (Equality Act 2010), recorded as the person describes them.
    public string? Ethnicity { get; set; }
    public bool? Disability { get; set; }
    public string? Religion { get; set; }
    public string? SexualOrientation { get; set; }

    public int ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    public int? ResponsibleOfficerId { get; set; }
    public StaffMember? ResponsibleOfficer { get; set; }
    public DateOnly? AllocatedOn { get; set; }

    /// <summary>When the case arrived for allocation (from court or by transfer), and how.</summary>
    public DateOnly? ReceivedOn { get; set; }
    public Allocation.CaseSource? Source { get; set; }

    /// <summary>
    /// The sending system's reference for a case that came in by file (a court's or the transferring area's case
    /// reference): importing the same row again finds it and writes nothing new. Unique within the provider.
    /// </summary>
    public string? SourceReference { get; set; }

    /// <summary>The import that created the case, where one did.</summary>
    public int? CaseImportId { get; set; }

    /// <summary>Facts the allocation matrix needs that are not yet confirmed.</summary>
    public Allocation.FactsToConfirm FactsToConfirm { get; set; }

    public List<Allocation.CaseAllocation> Allocations { get; set; } = [];

    public RiskProfile Risk { get; set; } = new();

    public List<AddressRecord> Addresses { get; set; } = [];
    public List<Order> Orders { get; set; } = [];
    public List<Registration> Registrations { get; set; } = [];
    public List<CaseAccessEntry> AccessList { get; set; } = [];

    // Supervision (standards 2.1-2.4).
    public List<Supervision.Assessment> Assessments { get; set; } = [];
    public List<Supervision.AgencyCheck> AgencyChecks { get; set; } = [];
    public Supervision.SentencePlan? Plan { get; set; }
    public List<Supervision.Contact> Contacts { get; set; } = [];
    public List<Supervision.EnforcementAction> EnforcementActions { get; set; } = [];
    public List<Supervision.SignificantEvent> SignificantEvents { get; set; } = [];
    public List<Supervision.Review> Reviews { get; set; } = [];
    public List<Supervision.Referral> Referrals { get; set; } = [];
    public List<Supervision.AlertExceptionEntry> AlertExceptions { get; set; } = [];
    public List<Programmes.ProgrammeReferral> ProgrammeReferrals { get; set; } = [];

    // Management oversight (the report's first recommendation).
    public List<Oversight.OversightEntry> Oversight { get; set; } = [];
    public List<UnpaidWork.UnpaidWorkBooking> UnpaidWorkBookings { get; set; } = [];

    /// <summary>How the person needs their letters (large print, easy read): every letter made for them follows it.</summary>
    public Documents.AccessibleFormat AccessibleFormat { get; set; }

    public List<Documents.CaseDocument> Documents { get; set; } = [];

    /// <summary>Optimistic concurrency: every change to the case record increments it.</summary>
    public int Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>One address the person has lived at, with the dates they lived there.</summary>
public sealed class AddressRecord
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public required Address Address { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }

    public bool IsCurrent(DateOnly today) => From <= today && (To is null || today <= To);
}
