using Probation.Domain.Inspection;

namespace Probation.Domain.Tests;

/// <summary>What a case assessment must hold, how its judgements count into key question results, and how moderation compares two auditors.</summary>
public sealed class CaseAssessmentRulesTests
{
    private static readonly Framework F = Frameworks.Find("2018")!;

    private static List<JudgementInput> All(AssessmentScope scope, Judgement j = Judgement.Yes) =>
        CaseAssessmentRules.KeyQuestionsIn(F, scope).Select(q => new JudgementInput(q.Id, j, j == Judgement.No ? "Not enough." : null)).ToList();

    [Fact]
    public void Scopes_AnswerTheirStandards()
    {
        Assert.Equal(12, CaseAssessmentRules.KeyQuestionsIn(F, AssessmentScope.CaseSupervision).Count);
        Assert.Equal(["4.1.1", "4.1.2", "4.1.3", "4.1.4"], CaseAssessmentRules.KeyQuestionsIn(F, AssessmentScope.UnpaidWork).Select(q => q.Id));
        Assert.Equal(["4.2.1", "4.2.2", "4.2.3"], CaseAssessmentRules.KeyQuestionsIn(F, AssessmentScope.ThroughTheGate).Select(q => q.Id));
        Assert.Equal(AssessmentScope.ThroughTheGate, CaseAssessmentRules.ScopeOf(SampleKind.ThroughTheGate));
    }

    [Fact]
    public void ACompleteAssessment_JudgesEveryKeyQuestion_WithEvidenceForEachNo()
    {
        Assert.Null(CaseAssessmentRules.Check(F, AssessmentScope.CaseSupervision, All(AssessmentScope.CaseSupervision), [], complete: true));
        Assert.Null(CaseAssessmentRules.Check(F, AssessmentScope.CaseSupervision, All(AssessmentScope.CaseSupervision, Judgement.No), [], complete: true));

        var partial = All(AssessmentScope.CaseSupervision).Take(5).ToList();
        Assert.Null(CaseAssessmentRules.Check(F, AssessmentScope.CaseSupervision, partial, [], complete: false));
        Assert.Contains("2.2.3", CaseAssessmentRules.Check(F, AssessmentScope.CaseSupervision, partial, [], complete: true)!.Reason, StringComparison.Ordinal);

        var noEvidence = All(AssessmentScope.UnpaidWork);
        noEvidence[1] = noEvidence[1] with { Judgement = Judgement.No, Evidence = " " };
        var refused = CaseAssessmentRules.Check(F, AssessmentScope.UnpaidWork, noEvidence, [], complete: true)!;
        Assert.Equal("Judgements[1].Evidence", refused.Field);
    }

    [Theory]
    [InlineData("2.2.3", true)]
    [InlineData("2.3.3", true)]
    [InlineData("2.4.3", true)]
    [InlineData("2.1.3", false)]
    [InlineData("2.2.1", false)]
    public void OnlyTheRelevantSubSampleQuestions_MayBeNotApplicable(string id, bool allowed)
    {
        var answers = All(AssessmentScope.CaseSupervision).Select(j => j.KeyQuestionId == id ? j with { Judgement = Judgement.NotApplicable } : j).ToList();
        Assert.Equal(allowed, CaseAssessmentRules.Check(F, AssessmentScope.CaseSupervision, answers, [], complete: true) is null);
    }

    [Fact]
    public void UnknownOrRepeatedQuestionsAndPrompts_AreRefused()
    {
        Assert.Equal("Judgements[0]", CaseAssessmentRules.Check(F, AssessmentScope.UnpaidWork, [new("2.1.1", Judgement.Yes, null)], [], false)!.Field);
        Assert.Equal("Judgements[1]", CaseAssessmentRules.Check(F, AssessmentScope.UnpaidWork, [new("4.1.1", Judgement.Yes, null), new("4.1.1", Judgement.No, "x")], [], false)!.Field);
        Assert.Equal("Prompts[0]", CaseAssessmentRules.Check(F, AssessmentScope.UnpaidWork, [], [new("2.1.1a", Judgement.Yes)], false)!.Field);
        Assert.Null(CaseAssessmentRules.Check(F, AssessmentScope.UnpaidWork, [], [new("4.1.1a", Judgement.Yes), new("4.1.1b", Judgement.NotApplicable)], false));
        Assert.Equal("Strengths", CaseAssessmentRules.Check(F, AssessmentScope.UnpaidWork, [], [], false, ("Strengths", "The strengths", new string('x', 4001)))!.Field);
    }

    private static CaseAssessment Completed(AssessmentScope scope, params (string Id, Judgement J)[] judgements) => new()
    {
        FrameworkVersion = "2018",
        Scope = scope,
        Status = AssessmentStatus.Completed,
        Judgements = judgements.Select(j => new KeyQuestionJudgement { KeyQuestionId = j.Id, Judgement = j.J }).ToList(),
    };

    [Fact]
    public void Count_TakesCompletedAssessmentsOnly_PerKeyQuestion()
    {
        var questions = CaseAssessmentRules.KeyQuestionsIn(F, AssessmentScope.ThroughTheGate);
        var draft = Completed(AssessmentScope.ThroughTheGate, ("4.2.1", Judgement.Yes));
        draft.Status = AssessmentStatus.Draft;
        var counts = CaseAssessmentRules.Count(questions, [
            Completed(AssessmentScope.ThroughTheGate, ("4.2.1", Judgement.Yes), ("4.2.2", Judgement.No), ("4.2.3", Judgement.Yes)),
            Completed(AssessmentScope.ThroughTheGate, ("4.2.1", Judgement.No), ("4.2.2", Judgement.No), ("4.2.3", Judgement.Yes)),
            draft,
        ]);
        Assert.Equal([new KeyQuestionCount("4.2.1", 1, 1, 0), new KeyQuestionCount("4.2.2", 0, 2, 0), new KeyQuestionCount("4.2.3", 2, 0, 0)], counts);
    }

    [Fact]
    public void Moderation_ListsTheDisagreements()
    {
        var first = Completed(AssessmentScope.UnpaidWork, ("4.1.1", Judgement.Yes), ("4.1.2", Judgement.Yes), ("4.1.3", Judgement.No), ("4.1.4", Judgement.Yes));
        first.Prompts = [new() { PromptId = "4.1.1a", Answer = Judgement.Yes }];
        var second = Completed(AssessmentScope.UnpaidWork, ("4.1.1", Judgement.No), ("4.1.2", Judgement.Yes), ("4.1.3", Judgement.No), ("4.1.4", Judgement.Yes));
        second.Prompts = [new() { PromptId = "4.1.1a", Answer = Judgement.No }];
        var d = CaseAssessmentRules.Compare(F, first, second);
        Assert.Equal([("4.1.1", true), ("4.1.1a", false)], d.Select(x => (x.Id, x.KeyQuestion)));
        Assert.Equal(Judgement.Yes, d[0].First);
        Assert.Equal(Judgement.No, d[0].Second);
    }
}
