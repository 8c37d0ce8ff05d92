using Probation.Domain.Common;

namespace Probation.Domain.Inspection;

/// <summary>A key question's judgement as entered, with its evidence.</summary>
public sealed record JudgementInput(string? KeyQuestionId, Judgement? Judgement, string? Evidence);

/// <summary>A prompt's answer as entered.</summary>
public sealed record PromptInput(string? PromptId, Judgement? Answer);

/// <summary>Where a moderating auditor judged a key question or answered a prompt differently from the first auditor.</summary>
public sealed record Disagreement(string Id, string Text, Judgement? First, Judgement? Second, bool KeyQuestion);

/// <summary>
/// The rules of a case assessment, for audits, quality events and inspections alike: which standards it answers,
/// what a complete assessment needs, how judgements count into key question results, and how two auditors'
/// judgements of the same case compare.
/// </summary>
public static class CaseAssessmentRules
{
    public static IReadOnlyList<Standard> StandardsIn(Framework framework, AssessmentScope scope) => scope switch
    {
        AssessmentScope.UnpaidWork => [framework.Standard("4.1")!],
        AssessmentScope.ThroughTheGate => [framework.Standard("4.2")!],
        _ => framework.Standards.Where(s => s.Domain == 2).ToList(),
    };

    public static IReadOnlyList<KeyQuestion> KeyQuestionsIn(Framework framework, AssessmentScope scope) =>
        StandardsIn(framework, scope).SelectMany(s => s.KeyQuestions).ToList();

    public static AssessmentScope ScopeOf(SampleKind kind) => kind switch
    {
        SampleKind.UnpaidWork => AssessmentScope.UnpaidWork,
        SampleKind.ThroughTheGate => AssessmentScope.ThroughTheGate,
        _ => AssessmentScope.CaseSupervision,
    };

    public static string Describe(AssessmentScope scope) => scope switch
    {
        AssessmentScope.UnpaidWork => "Unpaid work (4.1)",
        AssessmentScope.ThroughTheGate => "Through the Gate (4.2)",
        _ => "Case supervision (2.1 to 2.4)",
    };

    public static string Describe(Judgement? j) => j switch
    {
        Judgement.Yes => "Yes",
        Judgement.No => "No",
        Judgement.NotApplicable => "Not applicable",
        _ => "Not answered",
    };

    public static string Describe(CaseAssessmentKind kind) => kind switch
    {
        CaseAssessmentKind.QualityEvent => "Quality event",
        CaseAssessmentKind.Inspection => "Inspection",
        _ => "Audit",
    };

    /// <summary>
    /// Checks what is entered. A draft may leave key questions unanswered; a completed assessment judges every key
    /// question in scope and gives the evidence for each "no". Only the questions answered on the relevant
    /// sub-sample (cases where risk of serious harm issues apply) may be judged not applicable.
    /// </summary>
    public static Refused? Check(Framework framework, AssessmentScope scope, IReadOnlyList<JudgementInput> judgements, IReadOnlyList<PromptInput> prompts, bool complete, params (string Field, string Label, string? Text)[] texts)
    {
        var questions = KeyQuestionsIn(framework, scope);
        var seen = new HashSet<string>();
        for (var i = 0; i < judgements.Count; i++)
        {
            var j = judgements[i];
            var question = questions.FirstOrDefault(q => q.Id == j.KeyQuestionId?.Trim());
            var field = $"Judgements[{i}]";
            if (question is null)
            {
                return new Refused($"'{j.KeyQuestionId}' is not a key question of {Describe(scope).ToLowerInvariant()}", field);
            }

            if (!seen.Add(question.Id))
            {
                return new Refused($"Key question {question.Id} is answered twice", field);
            }

            if (j.Judgement == Judgement.NotApplicable && !question.RelevantSubSampleOnly)
            {
                return new Refused($"Key question {question.Id} applies to every case: judge it yes or no", field + ".Judgement");
            }

            if (j.Evidence?.Length > CaseAssessment.TextMaxLength)
            {
                return new Refused($"The evidence for {question.Id} must be {CaseAssessment.TextMaxLength} characters or fewer", field + ".Evidence");
            }

            if (complete && j.Judgement is null)
            {
                return new Refused($"Judge key question {question.Id} before completing the assessment", field + ".Judgement");
            }

            if (complete && j.Judgement == Judgement.No && string.IsNullOrWhiteSpace(j.Evidence))
            {
                return new Refused($"Give the evidence for the judgement on {question.Id}: what was not sufficient", field + ".Evidence");
            }
        }

        if (complete && questions.FirstOrDefault(q => !seen.Contains(q.Id)) is { } missing)
        {
            return new Refused($"Judge key question {missing.Id} before completing the assessment", "Judgements");
        }

        var prompts2 = questions.SelectMany(q => q.Prompts).ToDictionary(p => p.Id);
        var answered = new HashSet<string>();
        for (var i = 0; i < prompts.Count; i++)
        {
            var p = prompts[i];
            if (p.PromptId is null || !prompts2.ContainsKey(p.PromptId.Trim()))
            {
                return new Refused($"'{p.PromptId}' is not a prompt of {Describe(scope).ToLowerInvariant()}", $"Prompts[{i}]");
            }

            if (!answered.Add(p.PromptId.Trim()))
            {
                return new Refused($"Prompt {p.PromptId} is answered twice", $"Prompts[{i}]");
            }
        }

        foreach (var (field, label, text) in texts)
        {
            if (text?.Length > CaseAssessment.TextMaxLength)
            {
                return new Refused($"{label} must be {CaseAssessment.TextMaxLength} characters or fewer", field);
            }
        }

        return null;
    }

    /// <summary>
    /// Writes checked answers onto the assessment: a judgement or prompt answered is kept or updated in place, one
    /// left blank is removed. Run <see cref="Check"/> first.
    /// </summary>
    public static void Apply(CaseAssessment assessment, IReadOnlyList<JudgementInput> judgements, IReadOnlyList<PromptInput> prompts)
    {
        foreach (var j in judgements)
        {
            var id = j.KeyQuestionId!.Trim();
            var row = assessment.Judgements.FirstOrDefault(x => x.KeyQuestionId == id);
            var evidence = string.IsNullOrWhiteSpace(j.Evidence) ? null : j.Evidence.Trim();
            if (j.Judgement is null && evidence is null)
            {
                if (row is not null)
                {
                    assessment.Judgements.Remove(row);
                }
            }
            else if (row is null)
            {
                assessment.Judgements.Add(new KeyQuestionJudgement { KeyQuestionId = id, Judgement = j.Judgement, Evidence = evidence });
            }
            else
            {
                row.Judgement = j.Judgement;
                row.Evidence = evidence;
            }
        }

        foreach (var p in prompts)
        {
            var id = p.PromptId!.Trim();
            var row = assessment.Prompts.FirstOrDefault(x => x.PromptId == id);
            if (p.Answer is not { } answer)
            {
                if (row is not null)
                {
                    assessment.Prompts.Remove(row);
                }
            }
            else if (row is null)
            {
                assessment.Prompts.Add(new PromptAnswer { PromptId = id, Answer = answer });
            }
            else
            {
                row.Answer = answer;
            }
        }
    }

    /// <summary>Yes, no and not applicable per key question over completed assessments: what the rating rules read.</summary>
    public static IReadOnlyList<KeyQuestionCount> Count(IEnumerable<KeyQuestion> questions, IEnumerable<CaseAssessment> assessments)
    {
        var done = assessments.Where(a => a.Status == AssessmentStatus.Completed).ToList();
        return questions.Select(q =>
        {
            var answers = done.Select(a => a.Judgements.FirstOrDefault(j => j.KeyQuestionId == q.Id)?.Judgement).ToList();
            return new KeyQuestionCount(q.Id, answers.Count(a => a == Judgement.Yes), answers.Count(a => a == Judgement.No), answers.Count(a => a == Judgement.NotApplicable));
        }).ToList();
    }

    /// <summary>Moderation: the key questions and prompts a second auditor judged differently from the first.</summary>
    public static IReadOnlyList<Disagreement> Compare(Framework framework, CaseAssessment first, CaseAssessment second)
    {
        var list = new List<Disagreement>();
        foreach (var q in KeyQuestionsIn(framework, first.Scope))
        {
            var a = first.Judgements.FirstOrDefault(j => j.KeyQuestionId == q.Id)?.Judgement;
            var b = second.Judgements.FirstOrDefault(j => j.KeyQuestionId == q.Id)?.Judgement;
            if (a != b)
            {
                list.Add(new(q.Id, q.Text, a, b, true));
            }

            foreach (var p in q.Prompts)
            {
                var pa = first.Prompts.FirstOrDefault(x => x.PromptId == p.Id)?.Answer;
                var pb = second.Prompts.FirstOrDefault(x => x.PromptId == p.Id)?.Answer;
                if (pa is not null && pb is not null && pa != pb)
                {
                    list.Add(new(p.Id, p.Text, pa, pb, false));
                }
            }
        }

        return list;
    }
}
