using Microsoft.EntityFrameworkCore;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;

namespace Probation.Application.Inspections;

public sealed record CreateInspectionCommand(
    int? ProviderId, ProviderType? ProviderType, string? Framework, string? Title, DateOnly FieldworkFrom, DateOnly FieldworkTo, IReadOnlyList<int> Team);

/// <summary>An inspector sets up an inspection of a provider: its type, framework, title, fieldwork dates and team. They lead it.</summary>
public sealed class CreateInspection(InspectionAccess access)
{
    public async Task<Outcome<InspectionSaved>> RunAsync(CreateInspectionCommand c, CancellationToken ct)
    {
        if (!access.IsInspector)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Only an inspector of HM Inspectorate of Probation can set up an inspection."));
        }

        var db = access.Db;
        var provider = c.ProviderId is { } pid ? await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid, ct) : null;
        if (provider is null)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Choose the provider to inspect", "ProviderId"));
        }

        if (c.ProviderType is not { } type)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Choose the type of provider: CRC or NPS", "ProviderType"));
        }

        var framework = Frameworks.Find(c.Framework ?? Frameworks.Current);
        if (framework is null)
        {
            return InspectionAccess.Fail(Outcome.Refuse($"'{c.Framework}' is not a framework version: use {string.Join(", ", Frameworks.All.Select(f => f.Version))}", "Framework"));
        }

        if (InspectionRules.CheckDetails(c.Title, c.FieldworkFrom, c.FieldworkTo) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        var me = access.Viewer.StaffMemberId!.Value;
        var team = c.Team.Append(me).Distinct().ToList();
        var inspectors = await db.Staff.AsNoTracking().Where(s => team.Contains(s.Id) && s.Grade == StaffGrade.Inspector && s.ProviderId == null && s.Active)
            .Select(s => s.Id).ToListAsync(ct);
        var notInspectors = team.Where(id => !inspectors.Contains(id)).ToList();
        if (notInspectors.Count > 0)
        {
            return InspectionAccess.Fail(Outcome.Refuse($"Staff member {notInspectors[0]} is not an inspector: the team is made of the inspectorate's inspectors", "Team"));
        }

        var inspection = new InspectionRecord
        {
            ProviderId = provider.Id,
            ProviderType = type,
            FrameworkVersion = framework.Version,
            Title = c.Title!.Trim(),
            FieldworkFrom = c.FieldworkFrom,
            FieldworkTo = c.FieldworkTo,
            Status = InspectionStatus.Planned,
            LeadInspectorId = me,
            Version = 1,
            Team = team.Select(id => new InspectionTeamMember { StaffMemberId = id }).ToList(),
        };
        db.Inspections.Add(inspection);
        return await access.SaveAsync(
            $"Inspection set up: {InspectionAccess.Describe(type)} {provider.Code}, fieldwork {c.FieldworkFrom:yyyy-MM-dd} to {c.FieldworkTo:yyyy-MM-dd}",
            [], () => new InspectionSaved(inspection.Id, inspection.Version), ct, AuditAction.Collected);
    }
}

public sealed record DrawSampleCommand(int InspectionId, int Version, SampleKind? Kind, int? Seed, double? Confidence, double? Margin);

/// <summary>
/// The lead inspector draws a case sample while the inspection is planned: the eligible population as of the first
/// day of fieldwork, sized for the confidence and margin asked (80% and 5 points unless said), stratified, and
/// reproducible from the seed given or the one generated and recorded. Drawing again replaces the sample; once
/// fieldwork starts it is refused.
/// </summary>
public sealed class DrawSample(InspectionAccess access, InspectionSampleOptions options)
{
    public async Task<Outcome<InspectionSaved>> RunAsync(DrawSampleCommand c, CancellationToken ct)
    {
        var (inspection, refusal) = await access.OpenForTeamAsync(c.InspectionId, leadOnly: true, ct, q => q.Include(i => i.Samples));
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        if (c.Kind is not { } kind)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Choose the sample to draw: " + string.Join(", ", SampleEligibility.SamplesFor(inspection.ProviderType)), "Kind"));
        }

        if (InspectionRules.CheckDraw(inspection.Status, inspection.ProviderType, kind) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        var confidence = c.Confidence ?? Sampling.DefaultConfidence;
        if (confidence is < 0.5 or > 0.999)
        {
            return InspectionAccess.Fail(Outcome.Refuse("The confidence level is a proportion from 0.5 to 0.999, for example 0.8", "Confidence"));
        }

        var margin = c.Margin ?? Sampling.DefaultMargin;
        if (margin is < 0.01 or > 0.5)
        {
            return InspectionAccess.Fail(Outcome.Refuse("The margin of error is a proportion from 0.01 to 0.5, for example 0.05", "Margin"));
        }

        if (c.Seed is < 1)
        {
            return InspectionAccess.Fail(Outcome.Refuse("The seed is a whole number from 1 upwards", "Seed"));
        }

        access.Expect(inspection, c.Version);
        var reference = inspection.FieldworkFrom;
        var window = SampleEligibility.Window(kind, reference, options);
        var population = await InspectionSampler.PopulationAsync(access.Db, inspection.ProviderId, kind, window, reference, ct);
        var seed = c.Seed ?? InspectionSampler.NewSeed();
        var sample = InspectionSampler.Draw(population, kind, window, confidence, margin, seed, access.UtcNow);
        foreach (var old in inspection.Samples.Where(s => s.Kind == kind).ToList())
        {
            inspection.Samples.Remove(old);
        }

        inspection.Samples.Add(sample);
        var drawn = sample.Cases.Select(x => x.PersonId).ToHashSet();
        return await access.SaveAsync(
            $"Inspection sample drawn: {SampleEligibility.Describe(kind).ToLowerInvariant()}, {sample.Size} of {sample.Population} eligible, seed {seed}",
            population.Where(p => drawn.Contains(p.PersonId)).Select(p => Crn.Parse(p.Crn)).ToList(),
            () => new InspectionSaved(sample.Id, inspection.Version), ct, AuditAction.Collected);
    }
}

public sealed record StatusCommand(int InspectionId, int Version, InspectionStatus? Status);

/// <summary>The lead inspector moves the inspection on: fieldwork (the cases open to the team within the dates), reporting (they close), published.</summary>
public sealed class ChangeInspectionStatus(InspectionAccess access)
{
    public async Task<Outcome<InspectionSaved>> RunAsync(StatusCommand c, CancellationToken ct)
    {
        var (inspection, refusal) = await access.OpenForTeamAsync(c.InspectionId, leadOnly: true, ct, q => q.Include(i => i.Samples));
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        if (c.Status is not { } status)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Choose the status to move to: " + string.Join(", ", Enum.GetNames<InspectionStatus>()), "Status"));
        }

        if (InspectionRules.CheckStatusChange(inspection.Status, status, inspection.Samples.Count) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        access.Expect(inspection, c.Version);
        var from = inspection.Status;
        inspection.Status = status;
        return await access.SaveAsync(
            $"Inspection moved from {InspectionRules.Describe(from).ToLowerInvariant()} to {InspectionRules.Describe(status).ToLowerInvariant()}",
            [], () => new InspectionSaved(inspection.Id, inspection.Version), ct);
    }
}

public sealed record MeetingCommand(int InspectionId, DateOnly? On, string? With, string? Notes);

public sealed record InterviewQuestionCommand(int InspectionId, string? StandardId, string? Text, int? Asked, int? AnsweredYes);

public sealed record DomainOneRatingCommand(int InspectionId, string? StandardId, Rating? Rating, string? Evidence);

public sealed record EnteredCountsCommand(int InspectionId, string? StandardId, int? Cases, string? Source, IReadOnlyList<KeyQuestionCount>? KeyQuestions);

public sealed record DiscretionCommand(int InspectionId, string? StandardId, Rating? Rating, string? Reason);

/// <summary>
/// Domain one evidence (meetings, the staff-interview questions, a judged rating per domain one standard with its
/// evidence) and professional discretion on a case-based standard: recorded by the inspection team until the report
/// is published.
/// </summary>
public sealed class RecordInspectionEvidence(InspectionAccess access)
{
    private async Task<(InspectionRecord? Inspection, Framework? Framework, Outcome? Refusal)> OpenAsync(int id, CancellationToken ct, Func<IQueryable<InspectionRecord>, IQueryable<InspectionRecord>>? include = null)
    {
        var (inspection, refusal) = await access.OpenForTeamAsync(id, leadOnly: false, ct, include);
        if (inspection is null)
        {
            return (null, null, refusal);
        }

        return InspectionRules.CheckEvidenceOpen(inspection.Status) is { } closed
            ? (null, null, closed)
            : (inspection, Frameworks.Find(inspection.FrameworkVersion), null);
    }

    public async Task<Outcome<InspectionSaved>> AddMeetingAsync(MeetingCommand c, CancellationToken ct)
    {
        var (inspection, _, refusal) = await OpenAsync(c.InspectionId, ct);
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        if (c.On is not { } on)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Enter the date of the meeting", "On"));
        }

        if ((InspectionRules.CheckText(c.With, "With", "who the meeting was with", InspectionRecord.TitleMaxLength)
            ?? InspectionRules.CheckText(c.Notes, "Notes", "the notes", InspectionRecord.TextMaxLength, required: false)) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        var meeting = new InspectionMeeting { On = on, With = c.With!.Trim(), Notes = Blank(c.Notes) };
        inspection.Meetings.Add(meeting);
        return await access.SaveAsync("Inspection meeting recorded", [], () => new InspectionSaved(meeting.Id, inspection.Version), ct);
    }

    public async Task<Outcome<InspectionSaved>> AddInterviewQuestionAsync(InterviewQuestionCommand c, CancellationToken ct)
    {
        var (inspection, framework, refusal) = await OpenAsync(c.InspectionId, ct);
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        var standardId = Blank(c.StandardId);
        if (standardId is not null && !DomainOne(framework!, inspection).Any(s => s.Id == standardId))
        {
            return InspectionAccess.Fail(Outcome.Refuse($"'{standardId}' is not a domain one standard: use {string.Join(", ", DomainOne(framework!, inspection).Select(s => s.Id))}, or none", "StandardId"));
        }

        if (c.Asked is not { } asked)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Enter how many staff were asked", "Asked"));
        }

        if (c.AnsweredYes is not { } yes)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Enter how many answered yes", "AnsweredYes"));
        }

        if (InspectionRules.CheckInterviewQuestion(c.Text, asked, yes) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        var question = new InterviewQuestion { StandardId = standardId, Text = c.Text!.Trim(), Asked = asked, AnsweredYes = yes };
        inspection.InterviewQuestions.Add(question);
        return await access.SaveAsync("Inspection staff-interview question recorded", [], () => new InspectionSaved(question.Id, inspection.Version), ct);
    }

    /// <summary>A domain one standard's rating, judged on the evidence and entered with it; entering it again replaces it.</summary>
    public async Task<Outcome<InspectionSaved>> RateDomainOneAsync(DomainOneRatingCommand c, CancellationToken ct)
    {
        var (inspection, framework, refusal) = await OpenAsync(c.InspectionId, ct, q => q.Include(i => i.DomainOneRatings));
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        var standard = DomainOne(framework!, inspection).FirstOrDefault(s => s.Id == c.StandardId?.Trim());
        if (standard is null)
        {
            return InspectionAccess.Fail(Outcome.Refuse($"Choose a domain one standard: {string.Join(", ", DomainOne(framework!, inspection).Select(s => s.Id))}", "StandardId"));
        }

        if (c.Rating is not { } rating)
        {
            return InspectionAccess.Fail(Outcome.Refuse($"Choose the rating of {standard.Id} {standard.Name}", "Rating"));
        }

        if (InspectionRules.CheckText(c.Evidence, "Evidence", "the evidence for the rating", InspectionRecord.TextMaxLength) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        var row = inspection.DomainOneRatings.FirstOrDefault(r => r.StandardId == standard.Id);
        if (row is null)
        {
            row = new DomainOneRating { StandardId = standard.Id, Evidence = "" };
            inspection.DomainOneRatings.Add(row);
        }

        row.Rating = rating;
        row.Evidence = c.Evidence!.Trim();
        return await access.SaveAsync($"Domain one rating entered: {standard.Id} {Ratings.Describe(rating)}", [], () => new InspectionSaved(row.Id, inspection.Version), ct);
    }

    /// <summary>
    /// The key question counts of a standard whose cases this product holds no sample of (the NPS's 3.1 and 3.2),
    /// assessed by the inspectors from other records; entering them again replaces them.
    /// </summary>
    public async Task<Outcome<InspectionSaved>> EnterCountsAsync(EnteredCountsCommand c, CancellationToken ct)
    {
        var (inspection, framework, refusal) = await OpenAsync(c.InspectionId, ct, q => q.Include(i => i.EnteredCounts).ThenInclude(e => e.KeyQuestions));
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        var allowed = InspectionRules.RatedFromEnteredCounts(framework!, inspection.ProviderType);
        var standard = allowed.FirstOrDefault(s => s.Id == c.StandardId?.Trim());
        if (standard is null)
        {
            return InspectionAccess.Fail(Outcome.Refuse(
                allowed.Count == 0
                    ? $"Every case-based standard of a {InspectionAccess.Describe(inspection.ProviderType)} inspection is rated from its samples' case assessments; no counts are entered"
                    : $"Counts are entered for a standard rated from cases this product does not sample: {string.Join(", ", allowed.Select(s => s.Id))}",
                "StandardId"));
        }

        if (InspectionRules.CheckEnteredCounts(standard, c.Cases, c.KeyQuestions, c.Source) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        var row = inspection.EnteredCounts.FirstOrDefault(e => e.StandardId == standard.Id);
        if (row is null)
        {
            row = new EnteredCounts { StandardId = standard.Id, Source = "" };
            inspection.EnteredCounts.Add(row);
        }

        row.Cases = c.Cases!.Value;
        row.Source = c.Source!.Trim();
        foreach (var question in standard.KeyQuestions)
        {
            var given = c.KeyQuestions!.Single(k => k.Id.Trim() == question.Id);
            var count = row.KeyQuestions.FirstOrDefault(k => k.KeyQuestionId == question.Id);
            if (count is null)
            {
                count = new EnteredKeyQuestionCount { KeyQuestionId = question.Id };
                row.KeyQuestions.Add(count);
            }

            count.Yes = given.Yes;
            count.No = given.No;
            count.NotApplicable = given.NotApplicable;
        }

        return await access.SaveAsync($"Key question counts entered for {standard.Id} from {row.Cases} cases", [], () => new InspectionSaved(row.Id, inspection.Version), ct);
    }

    /// <summary>Professional discretion on a case-based standard: the rating given instead of the calculated one, why, and who decided.</summary>
    public async Task<Outcome<InspectionSaved>> RecordDiscretionAsync(DiscretionCommand c, CancellationToken ct)
    {
        var (inspection, framework, refusal) = await OpenAsync(c.InspectionId, ct, q => q.Include(i => i.Discretions));
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        var caseBased = framework!.StandardsFor(inspection.ProviderType).Where(s => s.CaseBased).ToList();
        var standard = caseBased.FirstOrDefault(s => s.Id == c.StandardId?.Trim());
        if (standard is null)
        {
            return InspectionAccess.Fail(Outcome.Refuse($"Discretion applies to a standard rated from its cases: {string.Join(", ", caseBased.Select(s => s.Id))}", "StandardId"));
        }

        if (c.Rating is not { } rating)
        {
            return InspectionAccess.Fail(Outcome.Refuse($"Choose the rating given to {standard.Id} {standard.Name}", "Rating"));
        }

        if (InspectionRules.CheckText(c.Reason, "Reason", "the reason for applying discretion", InspectionRecord.TextMaxLength) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        var me = access.Viewer.StaffMemberId;
        var who = await access.Db.Staff.AsNoTracking().Where(s => s.Id == me).Select(s => s.FirstName + " " + s.LastName).SingleOrDefaultAsync(ct) ?? access.Viewer.UserName;
        var row = inspection.Discretions.FirstOrDefault(d => d.StandardId == standard.Id);
        if (row is null)
        {
            row = new StandardDiscretion { StandardId = standard.Id, Reason = "", DecidedBy = "" };
            inspection.Discretions.Add(row);
        }

        row.Rating = rating;
        row.Reason = c.Reason!.Trim();
        row.DecidedBy = who;
        return await access.SaveAsync($"Professional discretion recorded on {standard.Id}: {Ratings.Describe(rating)}", [], () => new InspectionSaved(row.Id, inspection.Version), ct);
    }

    /// <summary>Withdraws discretion: the standard takes its calculated rating again.</summary>
    public async Task<Outcome<InspectionSaved>> WithdrawDiscretionAsync(int inspectionId, string? standardId, CancellationToken ct)
    {
        var (inspection, _, refusal) = await OpenAsync(inspectionId, ct, q => q.Include(i => i.Discretions));
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        var row = inspection.Discretions.FirstOrDefault(d => d.StandardId == standardId?.Trim());
        if (row is null)
        {
            return InspectionAccess.Fail(Outcome.Missing("discretion"));
        }

        inspection.Discretions.Remove(row);
        return await access.SaveAsync($"Professional discretion withdrawn on {row.StandardId}", [], () => new InspectionSaved(row.Id, inspection.Version), ct);
    }

    private static IEnumerable<Standard> DomainOne(Framework framework, InspectionRecord inspection) =>
        framework.StandardsFor(inspection.ProviderType).Where(s => !s.CaseBased);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record RecommendationCommand(int InspectionId, string? Text, string? Owner, DateOnly? DueOn);

public sealed record ProgressCommand(int InspectionId, int Number, RecommendationStatus? Status, string? Progress);

/// <summary>
/// The report's recommendations: written by the inspection team before publication (numbered in order), then tracked
/// to completion by the provider's senior leaders.
/// </summary>
public sealed class RecordRecommendations(InspectionAccess access)
{
    public async Task<Outcome<InspectionSaved>> AddAsync(RecommendationCommand c, CancellationToken ct)
    {
        var (inspection, refusal) = await access.OpenForTeamAsync(c.InspectionId, leadOnly: false, ct, q => q.Include(i => i.Recommendations));
        if (inspection is null)
        {
            return InspectionAccess.Fail(refusal!);
        }

        if (InspectionRules.CheckEvidenceOpen(inspection.Status) is { } closed)
        {
            return InspectionAccess.Fail(closed);
        }

        if ((InspectionRules.CheckText(c.Text, "Text", "the recommendation", InspectionRecord.TextMaxLength)
            ?? InspectionRules.CheckText(c.Owner, "Owner", "who owns the recommendation", InspectionRecord.TitleMaxLength)) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        if (c.DueOn is not { } due)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Enter the date the recommendation is due", "DueOn"));
        }

        var recommendation = new Recommendation
        {
            Number = inspection.Recommendations.Select(r => r.Number).DefaultIfEmpty(0).Max() + 1,
            Text = c.Text!.Trim(),
            Owner = c.Owner!.Trim(),
            DueOn = due,
            Status = RecommendationStatus.Open,
        };
        inspection.Recommendations.Add(recommendation);
        return await access.SaveAsync($"Recommendation {recommendation.Number} written", [], () => new InspectionSaved(recommendation.Number, inspection.Version), ct);
    }

    /// <summary>After publication, a senior leader of the inspected provider records a recommendation's status and progress.</summary>
    public async Task<Outcome<InspectionSaved>> ProgressAsync(ProgressCommand c, CancellationToken ct)
    {
        var inspection = await access.Readable().Include(i => i.Recommendations).SingleOrDefaultAsync(i => i.Id == c.InspectionId, ct);
        if (inspection is null)
        {
            return InspectionAccess.Fail(Outcome.Missing("inspection"));
        }

        var recommendation = inspection.Recommendations.FirstOrDefault(r => r.Number == c.Number);
        if (recommendation is null)
        {
            return InspectionAccess.Fail(Outcome.Missing("recommendation"));
        }

        if (!access.MayTrackRecommendations(inspection))
        {
            return InspectionAccess.Fail(Outcome.Refuse(inspection.Status == InspectionStatus.Published
                ? "Only a senior leader of the inspected provider records progress on its recommendations."
                : "Progress is recorded once the report is published."));
        }

        if (c.Status is not { } status)
        {
            return InspectionAccess.Fail(Outcome.Refuse("Choose the recommendation's status", "Status"));
        }

        if (InspectionRules.CheckProgress(recommendation.Status, status, c.Progress) is { } refused)
        {
            return InspectionAccess.Fail(refused);
        }

        recommendation.Status = status;
        recommendation.Progress = string.IsNullOrWhiteSpace(c.Progress) ? recommendation.Progress : c.Progress.Trim();
        recommendation.CompletedOn = status == RecommendationStatus.Completed ? recommendation.CompletedOn ?? access.Today : null;
        return await access.SaveAsync(
            $"Recommendation {recommendation.Number} progress: {InspectionRules.Describe(status).ToLowerInvariant()}", [], () => new InspectionSaved(recommendation.Number, inspection.Version), ct);
    }
}
