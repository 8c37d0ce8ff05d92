using System.Text;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;

namespace Probation.Domain.Supervision;

/// <summary>
/// The rules a supervision record must meet before it is written. Each returns the first refusal, in
/// words the officer can act on and naming the field, or null when the record may be written.
/// </summary>
public static class SupervisionRules
{
    /// <summary>The current order: the latest started that has not ended, else the latest.</summary>
    public static Order? CurrentOrder(PersonOnProbation person, DateOnly today) =>
        person.Orders.Where(o => o.IsCurrent(today)).OrderByDescending(o => o.StartDate).FirstOrDefault()
        ?? person.Orders.OrderByDescending(o => o.StartDate).FirstOrDefault();

    /// <summary>
    /// The significant event owed when an unacceptable failure brings the case to its order's enforcement
    /// threshold, so that the review it calls for can name it; null below the threshold or when one is recorded already.
    /// The failure must already be among the person's contacts.
    /// </summary>
    public static SignificantEvent? ThresholdEvent(PersonOnProbation person, Contact failure, string recordedBy)
    {
        if (failure.Decision != AbsenceDecision.Unacceptable
            || person.SignificantEvents.Any(e => e.Kind == SignificantEventKind.NonComplianceThreshold && e.On >= failure.On))
        {
            return null;
        }

        var type = CurrentOrder(person, failure.On)?.Type ?? OrderType.CommunityOrder;
        var count = EnforcementRules.FailuresInWindow(
            person.Contacts.Where(x => x.Decision == AbsenceDecision.Unacceptable).Select(x => x.On), failure.On);
        if (count < EnforcementRules.Threshold(type))
        {
            return null;
        }

        var decision = type is OrderType.Licence or OrderType.PostSentenceSupervision ? "recall" : "breach";
        return new SignificantEvent
        {
            On = failure.On,
            Kind = SignificantEventKind.NonComplianceThreshold,
            Description = $"Unacceptable failure {count} within 12 months on a {OrderTerms.Describe(type)}: the {decision} threshold is reached, and a review of the plan and of risk is due.",
            RecordedBy = recordedBy,
        };
    }

    public static bool HasActive(PersonOnProbation person, RegistrationType type, DateOnly on) =>
        person.Registrations.Any(r => r.Type == type && r.IsActive(on));

    /// <summary>Whether a child is at risk on a day: a child protection registration, or the RoSH assessment says so.</summary>
    public static bool ChildAtRisk(PersonOnProbation person, DateOnly on) =>
        HasActive(person, RegistrationType.ChildProtection, on) || person.Risk.RiskToChildren;

    /// <summary>
    /// A date for a supervision record: not in the future, and not before the order started (records
    /// entered as a history must still fall within the sentence).
    /// </summary>
    public static Refused? Date(DateOnly on, DateOnly today, PersonOnProbation person, string field, string what)
    {
        if (on > today)
        {
            return new Refused($"The date of the {what} must be today or in the past", field);
        }

        var start = person.Orders.Count == 0 ? (DateOnly?)null : person.Orders.Min(o => o.StartDate);
        if (start is { } s && on < s)
        {
            return new Refused($"The date of the {what} must be on or after the order started ({s:d MMMM yyyy})", field);
        }

        return null;
    }

    public static Refused? Text(string? value, int max, string field, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? new Refused($"Enter {what}", field) : null;
        }

        return value.Trim().Length > max ? new Refused($"{Capitalise(what)} must be {max} characters or fewer", field) : null;
    }

    /// <summary>
    /// Completing an assessment (standard 2.1): the offending analysis, every need rated, the RoSH
    /// classification with reasons and who is at risk, the sources consulted; and where domestic abuse or a
    /// child at risk is flagged, the police or children's services check requested (or a recorded reason why not).
    /// </summary>
    public static Refused? AssessmentCompletion(Assessment a, PersonOnProbation person, DateOnly completedOn)
    {
        if (string.IsNullOrWhiteSpace(a.CurrentOffence))
        {
            return new Refused("Enter the analysis of the current offence", nameof(Assessment.CurrentOffence));
        }

        if (!a.PreviousConvictionsReviewed)
        {
            return new Refused("Confirm that previous convictions and patterns of offending have been reviewed", nameof(Assessment.PreviousConvictionsReviewed));
        }

        var missing = Enum.GetValues<Need>().Where(n => !a.Needs.Any(x => x.Need == n)).ToList();
        if (missing.Count > 0)
        {
            return new Refused("Rate every need before completing the assessment. Not rated: " + string.Join(", ", missing.Select(Describe).Select(s => s.ToLowerInvariant())), nameof(Assessment.Needs));
        }

        foreach (var (field, text, what) in new[]
                 {
                     (nameof(Assessment.Strengths), a.Strengths, "strengths and protective factors"),
                     (nameof(Assessment.DiversityAndCircumstances), a.DiversityAndCircumstances, "diversity and personal circumstances"),
                     (nameof(Assessment.Motivation), a.Motivation, "motivation and readiness to change"),
                     (nameof(Assessment.PersonsViews), a.PersonsViews, "the person's own views"),
                     (nameof(Assessment.InformationSources), a.InformationSources, "the information sources consulted"),
                 })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return new Refused($"Enter {what}", field);
            }
        }

        if (a.Rosh is null)
        {
            return new Refused("Select the risk of serious harm classification", nameof(Assessment.Rosh));
        }

        if (string.IsNullOrWhiteSpace(a.RoshReasons))
        {
            return new Refused("Give the reasons for the risk of serious harm classification", nameof(Assessment.RoshReasons));
        }

        if (a.Rosh > RoshLevel.Low && string.IsNullOrWhiteSpace(a.WhoIsAtRisk))
        {
            return new Refused("Say who is at risk, and of what", nameof(Assessment.WhoIsAtRisk));
        }

        // Recommendation 4: police domestic abuse call-out information and children's services checks.
        if (HasActive(person, RegistrationType.DomesticAbuse, completedOn) && !Sought(person, AgencyCheckKind.PoliceDomesticAbuse, completedOn))
        {
            return new Refused("Domestic abuse is flagged: request police call-out information (or record why it is not needed) before completing the assessment", "PoliceCheck");
        }

        if ((HasActive(person, RegistrationType.ChildProtection, completedOn) || a.RiskToChildren) && !Sought(person, AgencyCheckKind.ChildrensServices, completedOn))
        {
            return new Refused("A child is at risk: ask children's services (or record why it is not needed) before completing the assessment", "ChildrensServicesCheck");
        }

        return null;
    }

    private static bool Sought(PersonOnProbation person, AgencyCheckKind kind, DateOnly by) =>
        person.AgencyChecks.Any(c => c.Kind == kind && ((c.RequestedOn is { } r && r <= by) || !string.IsNullOrWhiteSpace(c.NotRequiredReason)));

    /// <summary>
    /// A sentence plan (standard 2.2): the person's involvement; objectives each linked to a need or risk,
    /// prioritised without ties, with a target date inside the order; and, where domestic abuse or a child
    /// at risk is flagged, measures for it in the risk management plan.
    /// </summary>
    public static Refused? Plan(SentencePlan plan, PersonOnProbation person, DateOnly on)
    {
        if (plan.Objectives.Count == 0)
        {
            return new Refused("Add at least one objective", "Objectives");
        }

        var order = CurrentOrder(person, on);
        for (var i = 0; i < plan.Objectives.Count; i++)
        {
            var o = plan.Objectives[i];
            var field = $"Objectives[{i}]";
            if (string.IsNullOrWhiteSpace(o.Text))
            {
                return new Refused($"Enter what objective {i + 1} is", field + ".Text");
            }

            if (o.Links == ObjectiveLinks.None)
            {
                return new Refused($"Link objective {i + 1} to at least one need or risk factor it addresses", field + ".Links");
            }

            if (o.TargetDate < on)
            {
                return new Refused($"The target date of objective {i + 1} must be on or after the date of the plan", field + ".TargetDate");
            }

            if (order is not null && o.TargetDate > order.EndDate)
            {
                return new Refused($"The target date of objective {i + 1} must be before the order ends ({order.EndDate:d MMMM yyyy})", field + ".TargetDate");
            }

            if (o.Priority < 1 || o.Priority > plan.Objectives.Count)
            {
                return new Refused($"Give objective {i + 1} a priority from 1 to {plan.Objectives.Count}", field + ".Priority");
            }
        }

        if (plan.Objectives.Select(o => o.Priority).Distinct().Count() != plan.Objectives.Count)
        {
            return new Refused("Give each objective a different priority, so the work is sequenced", "Objectives");
        }

        if (HasActive(person, RegistrationType.DomesticAbuse, on) && string.IsNullOrWhiteSpace(plan.DomesticAbuseMeasures))
        {
            return new Refused("Domestic abuse is flagged: set out the measures to monitor and address it", nameof(SentencePlan.DomesticAbuseMeasures));
        }

        if (ChildAtRisk(person, on) && string.IsNullOrWhiteSpace(plan.ChildSafeguardingMeasures))
        {
            return new Refused("A child is at risk: set out the child safeguarding measures", nameof(SentencePlan.ChildSafeguardingMeasures));
        }

        foreach (var s in plan.Schedule)
        {
            var requirement = person.Orders.SelectMany(x => x.Requirements.Select(r => (Order: x, Requirement: r))).FirstOrDefault(x => x.Requirement.Id == s.RequirementId);
            if (requirement.Requirement is null)
            {
                return new Refused("A scheduled requirement is not a requirement of this person's orders", "Schedule");
            }

            if (s.CompleteBy < s.StartsOn)
            {
                return new Refused("A requirement must be planned to finish after it starts", "Schedule");
            }

            if (s.CompleteBy > requirement.Order.EndDate)
            {
                return new Refused($"The {Describe(requirement.Requirement.Type)} must be planned to finish before the order ends ({requirement.Order.EndDate:d MMMM yyyy})", "Schedule");
            }
        }

        return null;
    }

    /// <summary>A contact at a community hub must fall inside one of the hub's opening sessions, on a day the premises are rented.</summary>
    public static Refused? HubSlot(DateOnly on, TimeOnly? starts, TimeOnly? ends, Site hub, IEnumerable<HubOpeningSession> sessions, IEnumerable<HubRentalPeriod> rentals)
    {
        if (hub.Kind != SiteKind.CommunityHub)
        {
            return new Refused($"{hub.Name} is not a community hub", nameof(Contact.SiteId));
        }

        if (starts is null || ends is null || ends <= starts)
        {
            return new Refused("Enter the start and end time of the hub appointment", nameof(Contact.StartsAt));
        }

        if (!rentals.Any(r => r.Covers(on)))
        {
            return new Refused($"{hub.Name} is not rented on {on:dddd d MMMM yyyy}", nameof(Contact.On));
        }

        var open = sessions.Where(s => s.Day == on.DayOfWeek).OrderBy(s => s.Opens).ToList();
        if (!open.Any(s => s.Opens <= starts && ends <= s.Closes))
        {
            var when = open.Count == 0 ? "closed that day" : "open " + string.Join(" and ", open.Select(s => $"{s.Opens:HH\\:mm} to {s.Closes:HH\\:mm}"));
            return new Refused($"{hub.Name} is {when} on {on:dddd}s: choose a time inside an opening session", nameof(Contact.StartsAt));
        }

        return null;
    }

    /// <summary>Objective wording as compared for copies: lower case, letters and digits, single spaces.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(ch);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>Standard objective wording the report found in many plans ("standardised ... fixed target dates").</summary>
    public static readonly IReadOnlySet<string> TemplateObjectives = new HashSet<string>(new[]
    {
        "Comply with the order",
        "Comply with the requirements of the order",
        "Attend all appointments",
        "Attend all appointments as directed",
        "Reduce reoffending",
        "Address offending behaviour",
        "Not to reoffend",
        "Complete unpaid work hours",
        "Complete the RAR days",
        "Engage with supervision",
    }.Select(Normalise));

    public static string Describe(Need need) => need switch
    {
        Need.Accommodation => "Accommodation",
        Need.EducationTrainingEmployment => "Education, training and employment",
        Need.Finance => "Finance",
        Need.Relationships => "Relationships",
        Need.Lifestyle => "Lifestyle and associates",
        Need.Drugs => "Drugs",
        Need.Alcohol => "Alcohol",
        Need.EmotionalWellbeing => "Emotional wellbeing",
        Need.ThinkingAndBehaviour => "Thinking and behaviour",
        Need.Attitudes => "Attitudes",
        _ => need.ToString(),
    };

    public static string Describe(RequirementType r) => r switch
    {
        RequirementType.RehabilitationActivity => "rehabilitation activity requirement",
        RequirementType.UnpaidWork => "unpaid work",
        RequirementType.AccreditedProgramme => "accredited programme",
        RequirementType.AlcoholTreatment => "alcohol treatment",
        RequirementType.DrugRehabilitation => "drug rehabilitation",
        RequirementType.MentalHealthTreatment => "mental health treatment",
        RequirementType.ProhibitedActivity => "prohibited activity",
        _ => r.ToString().ToLowerInvariant(),
    };

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
