using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Domain.Cases;
using Probation.Domain.Inspection;
using Probation.Domain.Organisation;
using Probation.Domain.Resettlement;

namespace Probation.Application.Inspections;

/// <summary>
/// The demo provider's inspection: in fieldwork today, led by the demo inspector, its three samples drawn from the
/// demo data with recorded seeds, about two in three sampled cases assessed with judgements near the report's own
/// percentages, domain one evidence as the report gives it, and the report's five recommendations. Fast: a few
/// queries and one save for the samples, one for the assessments.
/// </summary>
public static class DemoInspection
{
    public const int CaseSupervisionSeed = 20190301;
    public const int UnpaidWorkSeed = 20190302;
    public const int ThroughTheGateSeed = 20190303;

    /// <summary>The report's Annex 2 percentages: how often each key question is judged yes in the demo.</summary>
    private static readonly Dictionary<string, int> ReportPercent = new()
    {
        ["2.1.1"] = 63,
        ["2.1.2"] = 57,
        ["2.1.3"] = 47,
        ["2.2.1"] = 61,
        ["2.2.2"] = 60,
        ["2.2.3"] = 36,
        ["2.3.1"] = 73,
        ["2.3.2"] = 52,
        ["2.3.3"] = 42,
        ["2.4.1"] = 65,
        ["2.4.2"] = 46,
        ["2.4.3"] = 33,
        ["4.1.1"] = 61,
        ["4.1.2"] = 83,
        ["4.1.3"] = 74,
        ["4.1.4"] = 70,
        ["4.2.1"] = 50,
        ["4.2.2"] = 50,
        ["4.2.3"] = 50,
    };

    public static async Task SeedAsync(ProbationDbContext db, int providerId, DateOnly today, CancellationToken ct)
    {
        var inspector = await db.Staff.Where(s => s.Grade == StaffGrade.Inspector && s.ProviderId == null).OrderBy(s => s.Id).Select(s => s.Id).FirstOrDefaultAsync(ct);
        if (inspector == 0)
        {
            return;
        }

        await ReleasedBeforeTheInspectionAsync(db, providerId, today, ct);
        var from = today.AddDays(-3);
        var inspection = new InspectionRecord
        {
            ProviderId = providerId,
            ProviderType = ProviderType.Crc,
            FrameworkVersion = Frameworks.Current,
            Title = "Inspection of probation services: Durham Tees Valley CRC (demo)",
            FieldworkFrom = from,
            FieldworkTo = today.AddDays(11),
            Status = InspectionStatus.Fieldwork,
            LeadInspectorId = inspector,
            Version = 1,
            Team = [new InspectionTeamMember { StaffMemberId = inspector }],
        };

        var options = new InspectionSampleOptions();
        var drawnAt = from.AddDays(-21).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        foreach (var (kind, seed) in new[] { (SampleKind.CaseSupervision, CaseSupervisionSeed), (SampleKind.UnpaidWork, UnpaidWorkSeed), (SampleKind.ThroughTheGate, ThroughTheGateSeed) })
        {
            var window = SampleEligibility.Window(kind, from, options);
            var population = await InspectionSampler.PopulationAsync(db, providerId, kind, window, from, ct);
            inspection.Samples.Add(InspectionSampler.Draw(population, kind, window, Sampling.DefaultConfidence, Sampling.DefaultMargin, seed, drawnAt));
        }

        inspection.Meetings.AddRange(
        [
            new InspectionMeeting { On = from, With = "Chief executive and senior leaders", Notes = "Presentation of the provider's evidence in advance and its priorities for improvement." },
            new InspectionMeeting { On = from.AddDays(1), With = "Senior manager responsible for unpaid work", Notes = "Delivery, placements and the twelve-month completion rate." },
            new InspectionMeeting { On = from.AddDays(2), With = "Through the Gate middle managers", Notes = "Resettlement planning in the resettlement prisons and the handover to the community." },
        ]);
        inspection.InterviewQuestions.AddRange(
        [
            new InterviewQuestion { StandardId = "1.2", Text = "Do you have supervision arrangements in place to enhance and sustain high-quality work with individuals?", Asked = 52, AnsweredYes = 47 },
            new InterviewQuestion { StandardId = "1.4", Text = "Are policies effectively communicated within the organisation?", Asked = 52, AnsweredYes = 50 },
            new InterviewQuestion { StandardId = "1.2", Text = "Do you have the skills, ability and knowledge necessary to supervise your caseload?", Asked = 52, AnsweredYes = 47 },
        ]);
        inspection.DomainOneRatings.AddRange(
        [
            new DomainOneRating { StandardId = "1.1", Rating = Rating.Outstanding, Evidence = "A clear vision and strategy, communicated and understood across the organisation; leaders model an open, learning culture." },
            new DomainOneRating { StandardId = "1.2", Rating = Rating.Good, Evidence = "Staff are supported by accessible managers (90% of 52 have supervision arrangements), but oversight does not focus enough on practice quality." },
            new DomainOneRating { StandardId = "1.3", Rating = Rating.Good, Evidence = "A wide range of services in community hubs, built on an analysis of the caseload's needs." },
            new DomainOneRating { StandardId = "1.4", Rating = Rating.Good, Evidence = "Policies are effectively communicated (96% of those asked); ICT supports mobile working." },
        ]);
        var due = today.AddMonths(6);
        inspection.Recommendations.AddRange(
            new[]
            {
                "Improve effective management oversight of practice.",
                "Improve the quality of work to assess, plan for, manage and review work to protect potential and actual victims.",
                "Equip staff with the skills and knowledge to address domestic abuse work and deal with child safeguarding concerns.",
                "Require staff to make use of all relevant information, including (when required) police domestic abuse call-out information, to inform their assessments.",
                "Ensure that staff are allocated work for which they have the necessary skills and experience.",
            }.Select((text, i) => new Recommendation { Number = i + 1, Text = text, Owner = "Chief executive", DueOn = due, Status = RecommendationStatus.Open }));
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);

        var framework = Frameworks.Find(inspection.FrameworkVersion)!;
        var officers = await db.People.AsNoTracking()
            .Where(p => p.ProviderId == providerId && db.Set<SampledCase>().Any(c => c.PersonId == p.Id))
            .Select(p => new { p.Id, p.ResponsibleOfficerId })
            .ToDictionaryAsync(p => p.Id, p => p.ResponsibleOfficerId, ct);
        var assessments = new List<CaseAssessment>();
        foreach (var sample in inspection.Samples)
        {
            var scope = CaseAssessmentRules.ScopeOf(sample.Kind);
            var n = 0;
            foreach (var sampled in sample.Cases.OrderBy(c => c.PersonId))
            {
                // About two in three completed, one in six a draft, the rest not started.
                var slot = n++ % 6;
                if (slot == 5)
                {
                    continue;
                }

                var complete = slot != 4;
                var random = new Random(sample.Seed + sampled.PersonId);
                var lowRisk = sampled.Stratum.EndsWith("|Low", StringComparison.Ordinal) || sampled.Stratum.EndsWith("|NotAssessed", StringComparison.Ordinal);
                var judgements = new List<JudgementInput>();
                var prompts = new List<PromptInput>();
                foreach (var q in CaseAssessmentRules.KeyQuestionsIn(framework, scope))
                {
                    Judgement? judgement = q.RelevantSubSampleOnly && lowRisk ? Judgement.NotApplicable
                        : random.Next(100) < ReportPercent[q.Id] ? Judgement.Yes : Judgement.No;
                    if (!complete && judgements.Count >= 3)
                    {
                        judgement = null;
                    }

                    judgements.Add(new JudgementInput(q.Id, judgement, judgement switch
                    {
                        Judgement.No => $"Not sufficient for {q.Id}: the records and the interview with the responsible officer did not show it.",
                        Judgement.Yes => "Sufficient on the records and the interview with the responsible officer.",
                        Judgement.NotApplicable => "No risk of serious harm issues apply to this case.",
                        _ => null,
                    }));
                    foreach (var p in q.Prompts)
                    {
                        prompts.Add(new PromptInput(p.Id, judgement switch
                        {
                            Judgement.Yes => random.Next(10) < 9 ? Judgement.Yes : Judgement.No,
                            Judgement.No => random.Next(10) < 5 ? Judgement.Yes : Judgement.No,
                            Judgement.NotApplicable => Judgement.NotApplicable,
                            _ => null,
                        }));
                    }
                }

                if (CaseAssessmentRules.Check(framework, scope, judgements, prompts, complete) is { } refused)
                {
                    throw new InvalidOperationException("The demo inspection's assessment breaks the rules: " + refused.Reason);
                }

                var assessment = new CaseAssessment
                {
                    ProviderId = providerId,
                    PersonId = sampled.PersonId,
                    Kind = CaseAssessmentKind.Inspection,
                    Scope = scope,
                    FrameworkVersion = inspection.FrameworkVersion,
                    InspectionId = inspection.Id,
                    AssessorStaffId = inspector,
                    OfficerStaffId = officers.GetValueOrDefault(sampled.PersonId),
                    Status = complete ? AssessmentStatus.Completed : AssessmentStatus.Draft,
                    StartedOn = from.AddDays(n % 3),
                    CompletedOn = complete ? today.AddDays(-(n % 3)) : null,
                    OfficerInterviewed = complete,
                    InterviewNotes = complete ? "Interviewed the responsible officer about the case." : null,
                    Version = 1,
                };
                CaseAssessmentRules.Apply(assessment, judgements, prompts);
                assessments.Add(assessment);
            }
        }

        db.CaseAssessments.AddRange(assessments);

        // The report's footnote 18: discretion on assessment, one band above its calculated rating.
        var assessmentStandard = framework.Standard("2.1")!;
        var counts = CaseAssessmentRules.Count(assessmentStandard.KeyQuestions, assessments.Where(a => a.Scope == AssessmentScope.CaseSupervision));
        if (counts.All(c => c.Yes + c.No > 0))
        {
            var calculated = Ratings.Band(counts.Min(c => Ratings.PercentYes(c.Yes, c.No)));
            if (calculated != Rating.Outstanding)
            {
                // Added to its set: the demo seeder saves with automatic change detection off.
                db.Set<StandardDiscretion>().Add(new StandardDiscretion
                {
                    InspectionId = inspection.Id,
                    StandardId = "2.1",
                    Rating = calculated + 1,
                    Reason = "We took into account wider evidence gathered about this aspect of practice.",
                    DecidedBy = "Inspection rating panel",
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The custody behind the Through the Gate sample: a released custody record, released on the day the licence
    /// began, for each person on a licence that began five to seven weeks before fieldwork and who has no custody record.
    /// </summary>
    private static async Task ReleasedBeforeTheInspectionAsync(ProbationDbContext db, int providerId, DateOnly today, CancellationToken ct)
    {
        var prison = await db.Sites.Where(s => s.Kind == SiteKind.Prison && s.ProviderId == providerId).OrderBy(s => s.Code).Select(s => s.Id).FirstOrDefaultAsync(ct);
        if (prison == 0)
        {
            return;
        }

        var from = today.AddDays(-3);
        var window = SampleEligibility.Window(SampleKind.ThroughTheGate, from, new InspectionSampleOptions());
        var licences = await db.Orders.AsNoTracking()
            .Where(o => (o.Type == OrderType.Licence || o.Type == OrderType.PostSentenceSupervision) && o.StartDate >= window.From && o.StartDate <= window.To)
            .Where(o => db.People.Any(p => p.Id == o.PersonId && p.ProviderId == providerId))
            .Where(o => !db.CustodyRecords.Any(c => c.PersonId == o.PersonId))
            .Select(o => new { o.PersonId, o.StartDate })
            .ToListAsync(ct);
        var n = 0;
        foreach (var licence in licences.DistinctBy(l => l.PersonId))
        {
            var released = licence.StartDate;
            var sentenced = released.AddMonths(-6 - (n % 6));
            db.CustodyRecords.Add(new CustodyRecord
            {
                PersonId = licence.PersonId,
                PrisonId = prison,
                ReceptionDate = sentenced,
                SentenceDate = sentenced,
                SentenceLengthMonths = 24,
                ExpectedReleaseDate = released,
                ReleaseType = ReleaseType.ConditionalRelease,
                RecordedBy = "demo (released before the inspection)",
                ScreenedOn = sentenced.AddDays(3),
                ScreenedBy = "ttg",
                PlanCompletedOn = n % 4 == 3 ? null : released.AddDays(-80),
                PlanRevisedOn = n % 4 == 3 ? null : released.AddDays(-80),
                PlanWrittenBy = n % 4 == 3 ? null : "ttg",
                RiskOfHarmConsidered = n % 2 == 0 ? "Risk to a former partner considered in the release address." : null,
                HandoverOn = n % 3 == 2 ? null : released.AddDays(-14),
                HandoverTo = n % 3 == 2 ? null : "Community responsible officer",
                ReleasedOn = released,
                AccommodationOnRelease = (AccommodationOnRelease)(n % Enum.GetValues<AccommodationOnRelease>().Length),
                FirstAppointmentOn = released.AddDays(1),
                BenefitsInPlace = n % 3 != 0,
            });
            n++;
        }

        await db.SaveChangesAsync(ct);
    }
}
