using Microsoft.EntityFrameworkCore;
using Probation.Application.Cases;
using Probation.Application.Data;
using Probation.Application.Resettlement;
using Probation.Application.Supervision;
using Probation.Application.UnpaidWork;
using Probation.Domain.Access;
using Probation.Domain.Audit;
using Probation.Domain.Common;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;

namespace Probation.Application.Inspections;

public sealed record InspectorRef(int Id, string Name);

public sealed record ProviderChoice(int Id, string Name, ProviderType Type);

/// <summary>What the form to create an inspection offers: providers, inspectors for the team, framework versions.</summary>
public sealed record InspectionChoices(IReadOnlyList<ProviderChoice> Providers, IReadOnlyList<InspectorRef> Inspectors, IReadOnlyList<string> Frameworks);

public sealed record InspectionRow(
    int Id, string Title, string Provider, ProviderType ProviderType, InspectionStatus Status, DateOnly FieldworkFrom, DateOnly FieldworkTo, bool IsLead, bool CasesOpen);

/// <summary>A stratum's share of the eligible population beside its share of the sample.</summary>
public sealed record StratumView(string Key, string Description, int Population, double PopulationPercent, int Sample, double SamplePercent);

/// <summary>
/// A sampled case as the inspection team sees it during fieldwork, with where its assessment stands. <see cref="Name"/>
/// is null where a restriction added after the draw keeps the viewer out.
/// </summary>
public sealed record SampledCaseView(string Crn, string? Name, string Stratum, AssessmentStatus? Assessment)
{
    public bool Withheld => Name is null;
}

/// <summary>
/// A sample: who was eligible and when, its confidence and margin, the seed it was drawn with, its size against the
/// population and its strata. The cases themselves only while they are open to the team (null otherwise).
/// </summary>
public sealed record SampleView(
    SampleKind Kind, string Name, string Eligibility, DateOnly EligibleFrom, DateOnly EligibleTo, double Confidence, double Margin, int Seed,
    int Population, int Size, DateTime DrawnAtUtc, int Completed, int Drafts, IReadOnlyList<StratumView> Strata, IReadOnlyList<SampledCaseView>? Cases);

public sealed record MeetingView(int Id, DateOnly On, string With, string? Notes);

public sealed record InterviewQuestionView(int Id, string? StandardId, string Text, int Asked, int AnsweredYes, int PercentYes);

public sealed record DomainOneRatingView(string StandardId, string Name, Rating Rating, string RatingName, string Evidence);

/// <summary>A standard rated from counts the inspectors enter (the NPS's 3.1 and 3.2), with what is entered so far (null before).</summary>
public sealed record EnteredCountsView(string StandardId, string Name, IReadOnlyList<StandardQuestion> KeyQuestions, int? Cases, string? Source, IReadOnlyList<KeyQuestionCount> Counts);

public sealed record StandardQuestion(string Id, string Text);

public sealed record DiscretionView(string StandardId, string Name, Rating Rating, string RatingName, string Reason, string DecidedBy);

public sealed record RecommendationView(int Number, string Text, string Owner, DateOnly DueOn, RecommendationStatus Status, string StatusName, string? Progress, DateOnly? CompletedOn);

public sealed record StandardChoice(string Id, string Name, bool CaseBased);

/// <summary>An inspection as its team (or, once published, the provider) sees it, with what this user may do next.</summary>
public sealed record InspectionDetail(
    int Id,
    int Version,
    string Title,
    int ProviderId,
    string Provider,
    ProviderType ProviderType,
    string FrameworkVersion,
    DateOnly FieldworkFrom,
    DateOnly FieldworkTo,
    InspectionStatus Status,
    InspectionStatus? NextStatus,
    DateOnly Today,
    InspectorRef Lead,
    IReadOnlyList<InspectorRef> Team,
    bool OnTeam,
    bool IsLead,
    bool CasesOpen,
    string? WhyCasesClosed,
    bool MayDraw,
    bool MayRecordEvidence,
    bool MayTrackRecommendations,
    IReadOnlyList<SampleKind> SampleKinds,
    IReadOnlyList<SampleView> Samples,
    IReadOnlyList<StandardChoice> Standards,
    IReadOnlyList<MeetingView> Meetings,
    IReadOnlyList<InterviewQuestionView> InterviewQuestions,
    IReadOnlyList<DomainOneRatingView> DomainOneRatings,
    IReadOnlyList<DiscretionView> Discretions,
    IReadOnlyList<RecommendationView> Recommendations,
    IReadOnlyList<EnteredCountsView> EnteredCounts);

public sealed record AssessmentPromptView(string Id, string Text, Judgement? Answer);

public sealed record AssessmentQuestionView(string Id, string Text, bool RelevantSubSampleOnly, Judgement? Judgement, string? Evidence, IReadOnlyList<AssessmentPromptView> Prompts);

public sealed record AssessmentStandardView(string Id, string Name, string Statement, IReadOnlyList<AssessmentQuestionView> KeyQuestions);

/// <summary>The inspection's case assessment for one scope the case is sampled in; Version 0 and no Id before the first save.</summary>
public sealed record InspectionAssessmentView(
    AssessmentScope Scope, string ScopeName, SampleKind Sample, int? Id, int Version, AssessmentStatus? Status, DateOnly? StartedOn, DateOnly? CompletedOn,
    string? Assessor, bool OfficerInterviewed, string? InterviewNotes, string? Strengths, string? AreasForImprovement, IReadOnlyList<AssessmentStandardView> Standards);

/// <summary>
/// A sampled case, read-only, as an inspector needs it to assess the work: the overview with risk of serious harm and
/// flags, the supervision record, unpaid work hours and the resettlement record where the sample needs them, and
/// the inspection's assessments of it.
/// </summary>
public sealed record InspectionCaseView(
    int InspectionId,
    string Title,
    DateOnly FieldworkTo,
    string Crn,
    string Name,
    IReadOnlyList<SampleKind> Samples,
    CaseOverview Case,
    SupervisionView Supervision,
    HoursView? UnpaidWork,
    ResettlementView? Resettlement,
    IReadOnlyList<InspectionAssessmentView> Assessments);

/// <summary>A sampled case open to the viewer: the inspection, the person and the samples that drew them.</summary>
public sealed record OpenedInspectionCase(InspectionRecord Inspection, int PersonId, Crn Crn, IReadOnlyList<SampleKind> Samples);

/// <summary>
/// Reads inspections. Sampled cases open to the inspection team only while the inspection is in fieldwork and today
/// is within its fieldwork dates; every read of a case, and every list of sampled cases, is audited with the CRNs.
/// </summary>
public sealed class InspectionQueries(
    InspectionAccess access, ProbationDbContext db, SupervisionQueries supervision, UnpaidWorkQueries unpaidWork, ResettlementQueries resettlement)
{
    public async Task<IReadOnlyList<InspectionRow>> ListAsync(CancellationToken ct)
    {
        var me = access.Viewer.StaffMemberId ?? -1;
        var today = access.Today;
        var rows = await access.Readable().AsNoTracking()
            .OrderByDescending(i => i.FieldworkFrom).ThenByDescending(i => i.Id)
            .Select(i => new
            {
                i.Id,
                i.Title,
                i.ProviderId,
                i.ProviderType,
                i.Status,
                i.FieldworkFrom,
                i.FieldworkTo,
                i.LeadInspectorId,
            })
            .ToListAsync(ct);
        var providerIds = rows.Select(r => r.ProviderId).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return rows.Select(i => new InspectionRow(
            i.Id, i.Title, providers[i.ProviderId], i.ProviderType, i.Status, i.FieldworkFrom, i.FieldworkTo, access.IsInspector && i.LeadInspectorId == me,
            access.IsInspector && InspectionRules.CasesOpen(i.Status, i.FieldworkFrom, i.FieldworkTo, today))).ToList();
    }

    public async Task<InspectionChoices> ChoicesAsync(CancellationToken ct)
    {
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.Kind }).ToListAsync(ct);
        var inspectors = await db.Staff.AsNoTracking().Where(s => s.Grade == StaffGrade.Inspector && s.ProviderId == null && s.Active)
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).Select(s => new { s.Id, s.FirstName, s.LastName }).ToListAsync(ct);
        return new InspectionChoices(
            providers.Select(p => new ProviderChoice(p.Id, p.Name, p.Kind == ProviderKind.Crc ? ProviderType.Crc : ProviderType.Nps)).ToList(),
            inspectors.Select(s => new InspectorRef(s.Id, $"{s.FirstName} {s.LastName}")).ToList(),
            Frameworks.All.Select(f => f.Version).ToList());
    }

    /// <summary>An inspection this user may read, or null. The sampled cases are listed (and the listing audited) only while they are open to the team.</summary>
    public async Task<InspectionDetail?> DetailAsync(int id, string purpose, CancellationToken ct)
    {
        var inspection = await access.ReadableWithEvidence()
            .Include(i => i.Team)
            .Include(i => i.Samples).ThenInclude(s => s.Cases)
            .SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return null;
        }

        var today = access.Today;
        var framework = Frameworks.Find(inspection.FrameworkVersion)!;
        var standards = framework.StandardsFor(inspection.ProviderType);
        var onTeam = access.OnTeam(inspection);
        var open = onTeam && InspectionRules.CasesOpen(inspection.Status, inspection.FieldworkFrom, inspection.FieldworkTo, today);
        var staffIds = inspection.Team.Select(t => t.StaffMemberId).Append(inspection.LeadInspectorId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FullName, ct);
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == inspection.ProviderId).Select(p => p.Name).SingleAsync(ct);
        var assessments = await db.CaseAssessments.AsNoTracking()
            .Where(a => a.InspectionId == id && a.Kind == CaseAssessmentKind.Inspection)
            .Select(a => new { a.PersonId, a.Scope, a.Status })
            .ToListAsync(ct);

        var people = new Dictionary<int, (Crn Crn, string? Name)>();
        if (open)
        {
            var ids = inspection.Samples.SelectMany(s => s.Cases).Select(c => c.PersonId).Distinct().ToList();
            foreach (var chunk in ids.Chunk(500))
            {
                var rows = await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id))
                    .Select(p => new { p.Id, p.Crn, p.FirstName, p.LastName, p.AccessList }).ToListAsync(ct);
                foreach (var p in rows)
                {
                    // A restriction added after the sample was drawn keeps the inspectors out of the name too, as it
                    // does of the case page; the case stays listed by its CRN, so the sample's size still adds up.
                    var allowed = CaseAccessRules.Decide(p.AccessList, access.Viewer.StaffMemberId).Allowed;
                    people[p.Id] = (p.Crn, allowed ? $"{p.FirstName} {p.LastName}" : null);
                }
            }

            await access.Audit.RecordReadAsync(AuditAction.Consulted, purpose, people.Values.Where(p => p.Name is not null).Select(p => p.Crn).ToList(), ct);
        }

        var samples = SampleEligibility.SamplesFor(inspection.ProviderType)
            .Select(kind => inspection.Samples.FirstOrDefault(s => s.Kind == kind))
            .OfType<InspectionSample>()
            .Select(s =>
            {
                var scope = CaseAssessmentRules.ScopeOf(s.Kind);
                var mine = assessments.Where(a => a.Scope == scope).ToList();
                return new SampleView(
                    s.Kind, SampleEligibility.Describe(s.Kind), SampleEligibility.DescribeEligibility(s.Kind), s.EligibleFrom, s.EligibleTo, s.Confidence, s.Margin, s.Seed,
                    s.Population, s.Size, DateTime.SpecifyKind(s.DrawnAtUtc, DateTimeKind.Utc),
                    mine.Count(a => a.Status == AssessmentStatus.Completed), mine.Count(a => a.Status == AssessmentStatus.Draft),
                    Strata(s),
                    open
                        ? s.Cases.Where(c => people.ContainsKey(c.PersonId))
                            .Select(c => new SampledCaseView(
                                people[c.PersonId].Crn.Value, people[c.PersonId].Name, SampleEligibility.DescribeStratum(c.Stratum),
                                mine.FirstOrDefault(a => a.PersonId == c.PersonId)?.Status))
                            .OrderBy(c => c.Withheld).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Crn, StringComparer.Ordinal).ToList()
                        : null);
            }).ToList();

        string Name(int staffId) => staff.TryGetValue(staffId, out var n) ? n : "Former inspector";
        string StandardName(string standardId) => framework.Standard(standardId)?.Name ?? standardId;
        var isLead = access.IsLead(inspection);
        return new InspectionDetail(
            inspection.Id,
            inspection.Version,
            inspection.Title,
            inspection.ProviderId,
            provider,
            inspection.ProviderType,
            inspection.FrameworkVersion,
            inspection.FieldworkFrom,
            inspection.FieldworkTo,
            inspection.Status,
            InspectionRules.Next(inspection.Status),
            today,
            new InspectorRef(inspection.LeadInspectorId, Name(inspection.LeadInspectorId)),
            inspection.Team.Select(t => new InspectorRef(t.StaffMemberId, Name(t.StaffMemberId))).OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
            onTeam,
            isLead,
            open,
            onTeam ? InspectionRules.WhyCasesClosed(inspection.Status, inspection.FieldworkFrom, inspection.FieldworkTo, today) : null,
            isLead && inspection.Status == InspectionStatus.Planned,
            onTeam && InspectionRules.CheckEvidenceOpen(inspection.Status) is null,
            access.MayTrackRecommendations(inspection),
            SampleEligibility.SamplesFor(inspection.ProviderType),
            samples,
            standards.Select(s => new StandardChoice(s.Id, s.Name, s.CaseBased)).ToList(),
            inspection.Meetings.OrderBy(m => m.On).ThenBy(m => m.Id).Select(m => new MeetingView(m.Id, m.On, m.With, m.Notes)).ToList(),
            inspection.InterviewQuestions.OrderBy(q => q.Id)
                .Select(q => new InterviewQuestionView(q.Id, q.StandardId, q.Text, q.Asked, q.AnsweredYes, InspectionRules.PercentYes(q.Asked, q.AnsweredYes))).ToList(),
            inspection.DomainOneRatings.OrderBy(r => r.StandardId, StringComparer.Ordinal)
                .Select(r => new DomainOneRatingView(r.StandardId, StandardName(r.StandardId), r.Rating, Ratings.Describe(r.Rating), r.Evidence)).ToList(),
            inspection.Discretions.OrderBy(d => d.StandardId, StringComparer.Ordinal)
                .Select(d => new DiscretionView(d.StandardId, StandardName(d.StandardId), d.Rating, Ratings.Describe(d.Rating), d.Reason, d.DecidedBy)).ToList(),
            Recommendations(inspection),
            InspectionRules.RatedFromEnteredCounts(framework, inspection.ProviderType).Select(st =>
            {
                var e = inspection.EnteredCounts.FirstOrDefault(x => x.StandardId == st.Id);
                return new EnteredCountsView(
                    st.Id, st.Name, st.KeyQuestions.Select(q => new StandardQuestion(q.Id, q.Text)).ToList(), e?.Cases, e?.Source,
                    e?.Counts() ?? []);
            }).ToList());
    }

    public static IReadOnlyList<StratumView> Strata(InspectionSample s) =>
        s.Strata.OrderByDescending(x => x.Population).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new StratumView(
                x.Key, SampleEligibility.DescribeStratum(x.Key), x.Population, Percent(x.Population, s.Population), x.Sample, Percent(x.Sample, s.Size)))
            .ToList();

    public static IReadOnlyList<RecommendationView> Recommendations(InspectionRecord i) =>
        i.Recommendations.OrderBy(r => r.Number)
            .Select(r => new RecommendationView(r.Number, r.Text, r.Owner, r.DueOn, r.Status, InspectionRules.Describe(r.Status), r.Progress, r.CompletedOn)).ToList();

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    /// <summary>
    /// A case the viewer may open as an inspector: they are on the inspection's team, its cases are open today, and
    /// one of its samples drew the case. Anything else is null, and the caller answers "not found".
    /// </summary>
    public async Task<OpenedInspectionCase?> OpenCaseAsync(int id, string crnText, CancellationToken ct)
    {
        if (!access.IsInspector || !Crn.TryParse(crnText, out var crn))
        {
            return null;
        }

        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Team).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null || !access.OnTeam(inspection)
            || !InspectionRules.CasesOpen(inspection.Status, inspection.FieldworkFrom, inspection.FieldworkTo, access.Today))
        {
            return null;
        }

        var person = await db.People.AsNoTracking().Include(p => p.AccessList)
            .Where(p => p.Crn == crn && p.ProviderId == inspection.ProviderId)
            .SingleOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }

        var personId = person.Id;
        var kinds = await db.Set<InspectionSample>().AsNoTracking()
            .Where(s => s.InspectionId == id && s.Cases.Any(c => c.PersonId == personId))
            .Select(s => s.Kind)
            .ToListAsync(ct);

        // A restriction added after the sample was drawn keeps the inspectors out like anyone else.
        if (kinds.Count == 0 || !CaseAccessRules.Decide(person.AccessList, access.Viewer.StaffMemberId).Allowed)
        {
            return null;
        }

        return new OpenedInspectionCase(inspection, personId, crn, kinds.Order().ToList());
    }

    /// <summary>A sampled case, read-only, with the inspection's assessments of it; every read is audited with the CRN.</summary>
    public async Task<InspectionCaseView?> CaseAsync(int id, string crnText, string purpose, CancellationToken ct)
    {
        var opened = await OpenCaseAsync(id, crnText, ct);
        if (opened is null)
        {
            return null;
        }

        var viewer = access.Viewer;
        var crn = opened.Crn;
        var one = db.People.AsNoTracking().Where(p => p.Id == opened.PersonId);
        var overviewPerson = await GetCaseOverview.ForOverview(one).SingleAsync(ct);
        var supervisionPerson = await SupervisionQueries.ForView(one).SingleAsync(ct);
        await access.Audit.RecordReadAsync(AuditAction.Consulted, purpose, [crn], ct);

        var overview = GetCaseOverview.Map(overviewPerson, access.Today, false);
        var record = supervision.View(supervisionPerson, crn, viewer);
        HoursView? hours = null;
        if (opened.Samples.Contains(SampleKind.UnpaidWork))
        {
            var hoursPerson = await UnpaidWorkQueries.ForHours(one).SingleAsync(ct);
            hours = await unpaidWork.HoursViewAsync(hoursPerson, crn, viewer, ct);
        }

        ResettlementView? custody = null;
        if (opened.Samples.Contains(SampleKind.ThroughTheGate))
        {
            custody = await resettlement.ViewAsync(overviewPerson, crn, viewer, ct);
        }

        return new InspectionCaseView(
            opened.Inspection.Id, opened.Inspection.Title, opened.Inspection.FieldworkTo, crn.Value, overviewPerson.FullName, opened.Samples,
            overview, record, hours, custody, await AssessmentsAsync(opened, ct));
    }

    /// <summary>The inspection's assessment of the case for each sample that drew it, as saved (or blank before the first save).</summary>
    public async Task<IReadOnlyList<InspectionAssessmentView>> AssessmentsAsync(OpenedInspectionCase opened, CancellationToken ct)
    {
        var framework = Frameworks.Find(opened.Inspection.FrameworkVersion)!;
        var saved = await db.CaseAssessments.AsNoTracking().Include(a => a.Judgements).Include(a => a.Prompts)
            .Where(a => a.InspectionId == opened.Inspection.Id && a.PersonId == opened.PersonId && a.Kind == CaseAssessmentKind.Inspection)
            .ToListAsync(ct);
        var assessorIds = saved.Select(a => a.AssessorStaffId).Distinct().ToList();
        var assessors = await db.Staff.AsNoTracking().Where(s => assessorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FullName, ct);
        return opened.Samples.Select(kind =>
        {
            var scope = CaseAssessmentRules.ScopeOf(kind);
            var a = saved.Where(x => x.Scope == scope).OrderBy(x => x.Id).FirstOrDefault();
            return new InspectionAssessmentView(
                scope, CaseAssessmentRules.Describe(scope), kind, a?.Id, a?.Version ?? 0, a?.Status, a?.StartedOn, a?.CompletedOn,
                a is null ? null : assessors.GetValueOrDefault(a.AssessorStaffId), a?.OfficerInterviewed ?? false, a?.InterviewNotes, a?.Strengths, a?.AreasForImprovement,
                CaseAssessmentRules.StandardsIn(framework, scope).Select(s => new AssessmentStandardView(
                    s.Id, s.Name, s.Statement,
                    s.KeyQuestions.Select(q =>
                    {
                        var j = a?.Judgements.FirstOrDefault(x => x.KeyQuestionId == q.Id);
                        return new AssessmentQuestionView(
                            q.Id, q.Text, q.RelevantSubSampleOnly, j?.Judgement, j?.Evidence,
                            q.Prompts.Select(p => new AssessmentPromptView(p.Id, p.Text, a?.Prompts.FirstOrDefault(x => x.PromptId == p.Id)?.Answer)).ToList());
                    }).ToList())).ToList());
        }).ToList();
    }
}
