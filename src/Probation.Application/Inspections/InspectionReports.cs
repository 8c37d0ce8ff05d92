using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Probation.Domain.Audit;
using Probation.Domain.Inspection;

namespace Probation.Application.Inspections;

public sealed record ReportKeyQuestion(string Id, string Text, int Yes, int No, int NotApplicable, int Relevant, int? PercentYes, bool RelevantSubSampleOnly);

/// <summary>
/// One standard in the report: its rating and the reason in words, or why it is not rated yet. A case-based standard
/// carries its key questions (the Annex 2 rows) and, where discretion was applied, the calculated rating, the
/// discretion's reason and who decided, and the number of its footnote; a domain one standard carries its evidence.
/// </summary>
public sealed record ReportStandard(
    string Id,
    string Name,
    string Statement,
    int Domain,
    bool CaseBased,
    bool Rated,
    Rating? Rating,
    string? RatingName,
    Rating? CalculatedRating,
    bool DiscretionApplied,
    string? DiscretionReason,
    string? DiscretionDecidedBy,
    int? Footnote,
    string? LowestKeyQuestion,
    int? Score,
    string Reason,
    string? Evidence,
    IReadOnlyList<ReportKeyQuestion> KeyQuestions);

public sealed record ReportDomain(int Number, string Name);

public sealed record ReportSample(
    SampleKind Kind, string Name, string Eligibility, DateOnly EligibleFrom, DateOnly EligibleTo, double Confidence, double Margin, int Seed,
    int Population, int Size, int Completed, IReadOnlyList<StratumView> Strata);

public sealed record ReportFootnote(int Number, string Text);

/// <summary>
/// The inspection report: the summary of ratings (each standard and overall), the Annex 2 tables computed from the
/// completed case assessments with any discretion applied, the domain one evidence, the samples and their
/// composition, and the recommendations with their progress.
/// </summary>
public sealed record InspectionReport(
    int Id,
    string Title,
    string Provider,
    ProviderType ProviderType,
    string Framework,
    DateOnly FieldworkFrom,
    DateOnly FieldworkTo,
    InspectionStatus Status,
    DateOnly Today,
    IReadOnlyList<ReportDomain> Domains,
    IReadOnlyList<ReportStandard> Standards,
    int RatedStandards,
    int TotalScore,
    Rating? OverallRating,
    string? OverallRatingName,
    string OverallReason,
    IReadOnlyList<ReportFootnote> Footnotes,
    IReadOnlyList<ReportSample> Samples,
    IReadOnlyList<MeetingView> Meetings,
    IReadOnlyList<InterviewQuestionView> InterviewQuestions,
    IReadOnlyList<RecommendationView> Recommendations);

/// <summary>
/// Builds an inspection's report from what is recorded: key question counts by <see cref="CaseAssessmentRules.Count"/>
/// over the completed inspection assessments, ratings by <see cref="Ratings.Calculate"/> with the recorded discretion
/// and domain one ratings. No personal data: the report names no case.
/// </summary>
public sealed class InspectionReports(InspectionAccess access)
{
    public async Task<InspectionReport?> ReportAsync(int id, CancellationToken ct)
    {
        var inspection = await access.ReadableWithEvidence()
            .SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return null;
        }

        var completed = await access.Db.CaseAssessments.AsNoTracking().Include(a => a.Judgements)
            .Where(a => a.InspectionId == id && a.Kind == CaseAssessmentKind.Inspection && a.Status == AssessmentStatus.Completed)
            .ToListAsync(ct);
        var provider = await access.Db.Providers.AsNoTracking().Where(p => p.Id == inspection.ProviderId).Select(p => p.Name).SingleAsync(ct);
        return Build(inspection, provider, completed, access.Today);
    }

    /// <summary>The report of an inspection from its records and its completed case assessments: pure, so a test can check it by hand.</summary>
    public static InspectionReport Build(InspectionRecord inspection, string provider, IReadOnlyList<CaseAssessment> completed, DateOnly today)
    {
        var framework = Frameworks.Find(inspection.FrameworkVersion) ?? throw new InvalidOperationException($"Unknown framework {inspection.FrameworkVersion}.");
        var type = inspection.ProviderType;
        var standards = framework.StandardsFor(type);
        var inputs = new List<StandardInput>();
        var counts = new Dictionary<string, IReadOnlyList<KeyQuestionCount>>();
        var notRated = new Dictionary<string, string>();
        foreach (var standard in standards)
        {
            if (!standard.CaseBased)
            {
                if (inspection.DomainOneRatings.FirstOrDefault(r => r.StandardId == standard.Id) is { } judged)
                {
                    inputs.Add(new StandardInput(standard.Id, judged.Rating, Evidence: judged.Evidence));
                }
                else
                {
                    notRated[standard.Id] = $"Not rated yet: the inspectors have not entered their judgement on {standard.Id} {standard.Name} with its evidence.";
                }

                continue;
            }

            AssessmentScope? scope = Enum.GetValues<AssessmentScope>().Where(s => CaseAssessmentRules.StandardsIn(framework, s).Contains(standard)).Select(s => (AssessmentScope?)s).FirstOrDefault();
            if (scope is null)
            {
                // Court reports and victims (the NPS's 3.1 and 3.2): the inspectors enter the counts of the cases they assessed.
                var entered = inspection.EnteredCounts.FirstOrDefault(e => e.StandardId == standard.Id);
                counts[standard.Id] = entered?.Counts() ?? [];
                if (entered is null)
                {
                    notRated[standard.Id] = $"Not rated yet: the inspectors have not entered the key question counts of the {standard.Id} {standard.Name} cases they assessed.";
                    continue;
                }
            }
            else
            {
                var inScope = completed.Where(a => a.Scope == scope).ToList();
                counts[standard.Id] = CaseAssessmentRules.Count(standard.KeyQuestions, inScope);
                if (counts[standard.Id].FirstOrDefault(k => k.Yes + k.No == 0) is { } empty)
                {
                    notRated[standard.Id] = inScope.Count == 0
                        ? $"Not rated yet: no {CaseAssessmentRules.Describe(scope.Value).ToLowerInvariant()} case assessment is completed."
                        : $"Not rated yet: key question {empty.Id} applies to none of the {inScope.Count} completed case assessment{(inScope.Count == 1 ? "" : "s")}.";
                    continue;
                }
            }

            var standardCounts = counts[standard.Id];

            var discretion = inspection.Discretions.FirstOrDefault(d => d.StandardId == standard.Id);
            inputs.Add(new StandardInput(
                standard.Id, KeyQuestions: standardCounts, Discretion: discretion is null ? null : new Discretion(discretion.Rating, discretion.Reason, discretion.DecidedBy)));
        }

        var (result, errors) = Ratings.Calculate(framework, type, inputs);
        if (result is null)
        {
            throw new InvalidOperationException("The recorded inspection could not be rated: " + string.Join(" ", errors.Select(e => e.Message)));
        }

        var footnotes = new List<ReportFootnote>();
        var rows = new List<ReportStandard>();
        foreach (var standard in standards)
        {
            var rated = result.Standards.FirstOrDefault(r => r.Id == standard.Id);
            var discretion = inspection.Discretions.FirstOrDefault(d => d.StandardId == standard.Id);
            int? footnote = null;
            if (rated is { DiscretionApplied: true })
            {
                footnote = footnotes.Count + 1;
                footnotes.Add(new ReportFootnote(
                    footnote.Value,
                    $"In arriving at the rating for {standard.Name.ToLowerInvariant()} ({standard.Id}), we have exercised professional discretion in relation to the case data: "
                    + $"calculated {Ratings.Describe(rated.CalculatedRating)}, rated {Ratings.Describe(rated.Rating)} by {discretion?.DecidedBy}. {rated.DiscretionReason?.TrimEnd('.')}."));
            }

            var keyQuestions = standard.CaseBased
                ? standard.KeyQuestions.Select(q =>
                {
                    var c = counts.TryGetValue(standard.Id, out var list) ? list.FirstOrDefault(k => k.Id == q.Id) : null;
                    var yes = c?.Yes ?? 0;
                    var no = c?.No ?? 0;
                    return new ReportKeyQuestion(q.Id, q.Text, yes, no, c?.NotApplicable ?? 0, yes + no, yes + no == 0 ? null : Ratings.PercentYes(yes, no), q.RelevantSubSampleOnly);
                }).ToList()
                : [];
            var judged = inspection.DomainOneRatings.FirstOrDefault(r => r.StandardId == standard.Id);
            var enteredFrom = inspection.EnteredCounts.FirstOrDefault(e => e.StandardId == standard.Id);
            var evidence = judged?.Evidence ?? (enteredFrom is null ? null : $"{enteredFrom.Cases} cases assessed: {enteredFrom.Source}");
            rows.Add(rated is null
                ? new ReportStandard(
                    standard.Id, standard.Name, standard.Statement, standard.Domain, standard.CaseBased, false, null, null, null, false, null, null, null, null, null,
                    notRated[standard.Id], null, keyQuestions)
                : new ReportStandard(
                    standard.Id, standard.Name, standard.Statement, standard.Domain, standard.CaseBased, true, rated.Rating, Ratings.Describe(rated.Rating), rated.CalculatedRating,
                    rated.DiscretionApplied, rated.DiscretionReason, rated.DiscretionApplied ? discretion?.DecidedBy : null, footnote, rated.LowestKeyQuestion, rated.Score,
                    rated.Reason, evidence, keyQuestions));
        }

        var relevant = standards.SelectMany(s => s.KeyQuestions).Where(k => k.RelevantSubSampleOnly).Select(k => k.Id).ToList();
        if (relevant.Count > 0)
        {
            footnotes.Add(new ReportFootnote(
                footnotes.Count + 1,
                $"Percentages for {string.Join(", ", relevant.Take(relevant.Count - 1))} and {relevant[^1]} are calculated for the relevant sub-sample: the cases where risk of serious harm issues apply, rather than the total inspected sample."));
        }

        var samples = SampleEligibility.SamplesFor(type)
            .Select(kind => inspection.Samples.FirstOrDefault(s => s.Kind == kind))
            .OfType<InspectionSample>()
            .Select(s => new ReportSample(
                s.Kind, SampleEligibility.Describe(s.Kind), SampleEligibility.DescribeEligibility(s.Kind), s.EligibleFrom, s.EligibleTo, s.Confidence, s.Margin, s.Seed,
                s.Population, s.Size, completed.Count(a => a.Scope == CaseAssessmentRules.ScopeOf(s.Kind)), InspectionQueries.Strata(s)))
            .ToList();

        return new InspectionReport(
            inspection.Id,
            inspection.Title,
            provider,
            type,
            framework.Version,
            inspection.FieldworkFrom,
            inspection.FieldworkTo,
            inspection.Status,
            today,
            framework.Domains.Where(d => d.ProviderTypes.Contains(type)).Select(d => new ReportDomain(d.Number, d.Name)).ToList(),
            rows,
            result.Standards.Count,
            result.TotalScore,
            result.OverallRating,
            result.OverallRating is { } overall ? Ratings.Describe(overall) : null,
            result.OverallReason,
            footnotes,
            samples,
            inspection.Meetings.OrderBy(m => m.On).ThenBy(m => m.Id).Select(m => new MeetingView(m.Id, m.On, m.With, m.Notes)).ToList(),
            inspection.InterviewQuestions.OrderBy(q => q.Id)
                .Select(q => new InterviewQuestionView(q.Id, q.StandardId, q.Text, q.Asked, q.AnsweredYes, InspectionRules.PercentYes(q.Asked, q.AnsweredYes))).ToList(),
            InspectionQueries.Recommendations(inspection));
    }

    /// <summary>The report as CSV, audited as a disclosure; null when the inspection is not readable.</summary>
    public async Task<(InspectionReport Report, string Csv)?> CsvAsync(int id, CancellationToken ct)
    {
        var report = await ReportAsync(id, ct);
        if (report is null)
        {
            return null;
        }

        access.Audit.Add(AuditAction.Disclosed, $"Inspection report {id} exported as CSV", []);
        await access.Db.SaveChangesAsync(ct);
        return (report, Csv(report));
    }

    public const string CsvHeader = "section,id,label,yes,no,not_applicable,relevant,percent_yes,calculated_rating,rating,score,detail";

    /// <summary>
    /// Every table of the report as one CSV, a section per row kind: overall, standard, key_question, footnote,
    /// sample, stratum, interview_question, meeting, recommendation.
    /// </summary>
    public static string Csv(InspectionReport r)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        void Row(string section, string id, string label, int? yes = null, int? no = null, int? na = null, int? relevant = null, double? percent = null, string? calculated = null, string? rating = null, int? score = null, string? detail = null) =>
            csv.Append(string.Join(',', section, Quote(id), Quote(label), N(yes), N(no), N(na), N(relevant), percent?.ToString("0.#", CultureInfo.InvariantCulture) ?? "", Quote(calculated), Quote(rating), N(score), Quote(detail))).Append('\n');

        Row("overall", "overall", r.Title, score: r.TotalScore, rating: r.OverallRating?.ToString(), detail: r.OverallReason);
        foreach (var s in r.Standards)
        {
            Row("standard", s.Id, s.Name, calculated: s.CalculatedRating?.ToString(), rating: s.Rating?.ToString(), score: s.Score,
                detail: s.Reason + (s.Footnote is { } f ? $" [footnote {f}]" : ""));
            foreach (var k in s.KeyQuestions)
            {
                Row("key_question", k.Id, k.Text, k.Yes, k.No, k.NotApplicable, k.Relevant, k.PercentYes, detail: k.RelevantSubSampleOnly ? "relevant sub-sample" : null);
            }
        }

        foreach (var f in r.Footnotes)
        {
            Row("footnote", f.Number.ToString(CultureInfo.InvariantCulture), f.Text);
        }

        foreach (var s in r.Samples)
        {
            Row("sample", s.Kind.ToString(), s.Name, yes: s.Size, relevant: s.Population, percent: s.Population == 0 ? 0 : Math.Round(100.0 * s.Size / s.Population, 1),
                detail: FormattableString.Invariant($"eligible {s.EligibleFrom:yyyy-MM-dd} to {s.EligibleTo:yyyy-MM-dd}; confidence {s.Confidence}; margin {s.Margin}; seed {s.Seed}; {s.Completed} assessments completed"));
            foreach (var x in s.Strata)
            {
                Row("stratum", $"{s.Kind}:{x.Key}", x.Description, yes: x.Sample, relevant: x.Population, percent: x.SamplePercent,
                    detail: FormattableString.Invariant($"population share {x.PopulationPercent}%; sample share {x.SamplePercent}%"));
            }
        }

        foreach (var q in r.InterviewQuestions)
        {
            Row("interview_question", q.Id.ToString(CultureInfo.InvariantCulture), q.Text, q.AnsweredYes, q.Asked - q.AnsweredYes, relevant: q.Asked, percent: q.PercentYes, detail: q.StandardId);
        }

        foreach (var m in r.Meetings)
        {
            Row("meeting", m.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.With, detail: m.Notes);
        }

        foreach (var x in r.Recommendations)
        {
            Row("recommendation", x.Number.ToString(CultureInfo.InvariantCulture), x.Text, rating: x.Status.ToString(),
                detail: FormattableString.Invariant($"owner {x.Owner}; due {x.DueOn:yyyy-MM-dd}") + (x.Progress is null ? "" : "; progress: " + x.Progress)
                    + (x.CompletedOn is { } done ? FormattableString.Invariant($"; completed {done:yyyy-MM-dd}") : ""));
        }

        return csv.ToString();

        static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>A CSV field, quoted when it needs to be; a leading formula character is escaped so a spreadsheet shows it as text.</summary>
    private static string Quote(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "";
        }

        if (s[0] is '=' or '+' or '-' or '@')
        {
            s = "'" + s;
        }

        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
