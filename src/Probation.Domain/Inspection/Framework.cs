namespace Probation.Domain.Inspection;

/// <summary>The two kinds of adult probation provider the 2018 framework inspects; each has ten standards.</summary>
public enum ProviderType
{
    /// <summary>Community Rehabilitation Company: domains one, two and four (unpaid work, Through the Gate).</summary>
    Crc,

    /// <summary>National Probation Service division: domains one, two and three (court reports and allocation, victim work).</summary>
    Nps,
}

/// <summary>A prompt under a key question: answered yes, no or not applicable; it informs the key question's judgement but is not counted into it.</summary>
public sealed record Prompt(string Id, string Text);

/// <summary>
/// A key question. <see cref="RelevantSubSampleOnly"/> marks the questions answered only for cases where risk of
/// serious harm issues apply (the report's footnote 19: 2.2.3, 2.3.3 and 2.4.3), not the whole sample.
/// </summary>
public sealed record KeyQuestion(string Id, string Text, IReadOnlyList<Prompt> Prompts, bool RelevantSubSampleOnly = false);

/// <summary>
/// A standard. Case-based standards (domains two to four) are rated from their key questions' results; domain
/// one standards are judged by the inspectors on the evidence and entered with it.
/// </summary>
public sealed record Standard(string Id, string Name, string Statement, int Domain, IReadOnlyList<KeyQuestion> KeyQuestions)
{
    public bool CaseBased => Domain != 1;

    /// <summary>Which cases a case-based standard's key questions are answered on; none for domain one and the NPS's domain three.</summary>
    public AssessmentScope? Scope => Id switch
    {
        "4.1" => AssessmentScope.UnpaidWork,
        "4.2" => AssessmentScope.ThroughTheGate,
        _ when Domain == 2 => AssessmentScope.CaseSupervision,
        _ => null,
    };
}

public sealed record FrameworkDomain(int Number, string Name, IReadOnlyList<ProviderType> ProviderTypes);

/// <summary>
/// A version of the inspection standards, kept as data in code. An inspection or audit records the version it
/// used, so its results always recompute the same; a refreshed framework is a new version beside this one.
/// </summary>
public sealed record Framework(string Version, string Name, IReadOnlyList<FrameworkDomain> Domains, IReadOnlyList<Standard> Standards)
{
    public IReadOnlyList<Standard> StandardsFor(ProviderType type)
    {
        var domains = Domains.Where(d => d.ProviderTypes.Contains(type)).Select(d => d.Number).ToHashSet();
        return Standards.Where(s => domains.Contains(s.Domain)).ToList();
    }

    public Standard? Standard(string id) => Standards.FirstOrDefault(s => s.Id == id);

    /// <summary>The standards rated from cases for a provider type, in the framework's order.</summary>
    public IReadOnlyList<Standard> CaseStandards(ProviderType type) => StandardsFor(type).Where(s => s.CaseBased).ToList();

    public KeyQuestion? KeyQuestion(string id) => Standards.SelectMany(s => s.KeyQuestions).FirstOrDefault(k => k.Id == id);
}

public static class Frameworks
{
    public const string Current = "2018";

    public static IReadOnlyList<Framework> All { get; } = [Adult2018.Framework];

    public static Framework? Find(string? version) => All.FirstOrDefault(f => f.Version == version?.Trim());

    /// <summary>The current framework.</summary>
    public static Framework Default => Find(Current)!;

    /// <summary>The current framework's case-based standards for a CRC: the ones inspection readiness indicates.</summary>
    public static IReadOnlyList<Standard> CrcCaseStandards => Default.CaseStandards(ProviderType.Crc);

    public static IEnumerable<KeyQuestion> CrcCaseKeyQuestions => CrcCaseStandards.SelectMany(s => s.KeyQuestions);
}

/// <summary>
/// HM Inspectorate of Probation's adult framework of 2018 (refreshed 2019 without changing ratings). Key question
/// wording follows the inspection report's Annex 2 where it gives it; prompts follow the inspectorate's effective
/// practice guidance and case assessment rules as far as they are known.
/// </summary>
internal static class Adult2018
{
    private static readonly ProviderType[] Both = [ProviderType.Crc, ProviderType.Nps];

    private static KeyQuestion Q(string id, string text, params string[] prompts) =>
        new(id, text, prompts.Select((p, i) => new Prompt($"{id}{(char)('a' + i)}", p)).ToList());

    private static KeyQuestion Relevant(string id, string text, params string[] prompts) => Q(id, text, prompts) with { RelevantSubSampleOnly = true };

    public static readonly Framework Framework = new(
        "2018",
        "Adult probation inspection standards (2018, refreshed 2019)",
        [
            new(1, "Organisational delivery", Both),
            new(2, "Case supervision", Both),
            new(3, "NPS-specific work", [ProviderType.Nps]),
            new(4, "CRC-specific work: unpaid work and Through the Gate", [ProviderType.Crc]),
        ],
        [
            new("1.1", "Leadership", "The leadership of the organisation supports and promotes the delivery of a high-quality, personalised and responsive service for all service users.", 1,
            [
                Q("1.1.1", "Is there an effective vision and strategy driving the delivery of a high-quality service for all service users?"),
                Q("1.1.2", "Does the operating model support effective service delivery, meeting the needs of all service users?"),
                Q("1.1.3", "Do the leadership and governance arrangements manage the risks to the organisation and support an open, learning culture?"),
            ]),
            new("1.2", "Staff", "Staff within the organisation are empowered to deliver a high-quality, personalised and responsive service for all service users.", 1,
            [
                Q("1.2.1", "Do staffing and workload levels support the delivery of a high-quality service for all service users?"),
                Q("1.2.2", "Do the skills and profile of staff support the delivery of a high-quality service for all service users?"),
                Q("1.2.3", "Does the oversight of work support high-quality delivery and professional development?"),
                Q("1.2.4", "Are arrangements for learning and development comprehensive and responsive?"),
                Q("1.2.5", "Do managers pay sufficient attention to staff engagement?"),
            ]),
            new("1.3", "Services", "A comprehensive range of high-quality services is in place, supporting a tailored and responsive service for all service users.", 1,
            [
                Q("1.3.1", "Is there a sufficiently analysed and evidenced understanding of the profile of service users, used to deliver well-targeted services?"),
                Q("1.3.2", "Does the organisation provide the volume, range and quality of services to meet the needs of all service users?"),
                Q("1.3.3", "Are arrangements with statutory partners, providers and other agencies established, maintained and used effectively to deliver high-quality services?"),
            ]),
            new("1.4", "Information and facilities", "Timely and relevant information is available and appropriate facilities are in place to support a high-quality, personalised and responsive approach for all service users.", 1,
            [
                Q("1.4.1", "Are the necessary policies and guidance in place to enable staff to deliver a quality service, meeting the needs of all service users?"),
                Q("1.4.2", "Does the organisation's delivery environment(s) meet the needs of all service users and enable staff to deliver a quality service?"),
                Q("1.4.3", "Do the information and communication technology (ICT) systems enable staff to deliver a quality service, meeting the needs of all service users?"),
                Q("1.4.4", "Is analysis, evidence and learning used effectively to drive improvement?"),
            ]),
            new("2.1", "Assessment", "Assessment is well-informed, analytical and personalised, actively involving the service user.", 2,
            [
                Q("2.1.1", "Does assessment focus sufficiently on engaging the service user?",
                    "Does assessment analyse the service user's motivation and readiness to engage and comply with their sentence?",
                    "Does assessment analyse the service user's diversity and personal circumstances, and their impact on the ability to comply and engage?",
                    "Is the service user meaningfully involved in their assessment, and are their views taken into account?"),
                Q("2.1.2", "Does assessment focus sufficiently on the factors linked to offending and desistance?",
                    "Does assessment identify and analyse offending-related factors?",
                    "Does assessment identify strengths and protective factors?",
                    "Does assessment draw sufficiently on available sources of information?"),
                Q("2.1.3", "Does assessment focus sufficiently on keeping other people safe?",
                    "Does assessment clearly identify and analyse any risk of harm to others, including who is at risk and the nature of that risk?",
                    "Does assessment draw sufficiently on available sources of information, including past behaviour and convictions, and involve other agencies (domestic abuse and child safeguarding checks) where appropriate?"),
            ]),
            new("2.2", "Planning", "Planning is well-informed, holistic and personalised, actively involving the service user.", 2,
            [
                Q("2.2.1", "Does planning focus sufficiently on engaging the service user?",
                    "Is the service user meaningfully involved, and are their views taken into account?",
                    "Does planning take sufficient account of diversity and personal circumstances that may affect engagement and compliance?",
                    "Does planning take sufficient account of readiness and motivation to change?",
                    "Does planning set out how all the requirements of the sentence or licence will be delivered within the available timescales?",
                    "Does planning set a level, pattern and type of contact sufficient to engage the service user and support specific interventions?"),
                Q("2.2.2", "Does planning focus sufficiently on reducing reoffending and supporting the service user's desistance?",
                    "Does planning address the most critical factors linked to offending?",
                    "Does planning build on strengths and protective factors, using potential sources of support?",
                    "Does planning set out the services most likely to reduce offending and support desistance?",
                    "Does planning take account of opportunities for community integration, including access to services after supervision?"),
                Relevant("2.2.3", "Does planning focus sufficiently on keeping other people safe?",
                    "Does planning address risk of harm factors and prioritise the most critical?",
                    "Does planning set out the necessary constructive and restrictive interventions?",
                    "Does planning make appropriate links to other agencies and multi-agency plans?",
                    "Does planning set out necessary and effective contingency arrangements?",
                    "Does planning address the needs and wishes of actual and potential victims?"),
            ]),
            new("2.3", "Implementation and delivery", "High-quality, well-focused, personalised and coordinated services are delivered, engaging the service user.", 2,
            [
                Q("2.3.1", "Is the sentence/post-custody period implemented effectively with a focus on engaging the service user?",
                    "Do requirements start promptly or at an appropriate time?",
                    "Is there sufficient focus on maintaining an effective working relationship, taking account of diversity and personal circumstances?",
                    "Is sufficient effort made to enable the service user to complete their sentence, with flexibility?",
                    "Are risks of non-compliance identified and addressed in a timely way?",
                    "Is enforcement action taken when appropriate?"),
                Q("2.3.2", "Does the implementation and delivery of services effectively support the service user's desistance?",
                    "Are the services delivered those most likely to reduce offending and support desistance, with attention to sequencing and timescales?",
                    "Does delivery build on strengths and enhance protective factors?",
                    "Is the involvement of other organisations well coordinated?",
                    "Does delivery promote community integration and access to mainstream services?"),
                Relevant("2.3.3", "Does the implementation and delivery of services effectively support the safety of other people?",
                    "Are the services delivered sufficient to manage and minimise the risk of harm?",
                    "Is sufficient attention given to protecting actual and potential victims?",
                    "Is the involvement of other agencies in managing risk well coordinated?",
                    "Are home visits undertaken where necessary to support effective management of risk of harm?"),
            ]),
            new("2.4", "Reviewing", "Reviewing of progress is well-informed, analytical and personalised, actively involving the service user.", 2,
            [
                Q("2.4.1", "Does reviewing focus sufficiently on supporting the service user's compliance and engagement?",
                    "Does reviewing consider compliance and engagement levels and any relevant barriers?",
                    "Does reviewing make necessary adjustments to the plan of work to take account of compliance, engagement and barriers?",
                    "Is the service user meaningfully involved in reviewing their progress and engagement?",
                    "Are written reviews completed as a formal record of actions to implement the sentence, where appropriate?"),
                Q("2.4.2", "Does reviewing focus sufficiently on supporting the service user's desistance?",
                    "Does reviewing identify and address changes in factors linked to offending?",
                    "Does reviewing build on strengths and enhance protective factors?",
                    "Does reviewing involve other agencies in the service user's desistance?",
                    "Is the service user meaningfully involved?",
                    "Does reviewing lead to necessary adjustments in the plan of work?"),
                Relevant("2.4.3", "Does reviewing focus sufficiently on keeping other people safe?",
                    "Does reviewing identify and address changes in factors related to risk of harm?",
                    "Does reviewing draw on information from other agencies?",
                    "Does reviewing involve the service user?",
                    "Does reviewing lead to necessary adjustments in the plan to manage and minimise the risk of harm?"),
            ]),
            new("3.1", "Court reports and case allocation", "Pre-sentence information and advice provided to court is accurate, analytical and personalised to the service user, supporting the court's decision-making.", 3,
            [
                Q("3.1.1", "Does the pre-sentence information and advice provided to court support its decision-making?",
                    "Does it draw sufficiently on available sources of information, including child safeguarding and domestic abuse information?",
                    "Does it analyse offending-related factors and risk of harm, taking account of diversity and personal circumstances?",
                    "Does it propose a sentence appropriate to the risk and needs?"),
                Q("3.1.2", "Is the case allocation decision accurate and timely, with the necessary information passed on?",
                    "Is the risk of serious harm classification used for allocation accurate?"),
            ]),
            new("3.2", "Statutory victim work", "High-quality, well-focused, personalised and coordinated services are delivered, engaging the victim.", 3,
            [
                Q("3.2.1", "Does initial contact offer the victim the statutory victim contact scheme in a timely, personalised way, with enough information to make an informed choice?"),
                Q("3.2.2", "Does pre-release work enable the victim to contribute to the release process, with information passed between the victim liaison officer and the offender manager?"),
            ]),
            new("4.1", "Unpaid work", "Unpaid work is delivered safely and effectively, engaging the service user in line with the expectations of the court.", 4,
            [
                Q("4.1.1", "Does assessment focus on the key issues relevant to unpaid work?",
                    "Are health, skills, availability and diversity needs assessed before the first session?",
                    "Is the risk of harm to the public and to supervisors assessed, and the placement chosen accordingly?"),
                Q("4.1.2", "Do arrangements for unpaid work focus sufficiently on supporting the service user's engagement and compliance with the sentence?",
                    "Are placements suited to personal circumstances (women offered women-only or individual placements)?",
                    "Is non-compliance followed up and enforced promptly?"),
                Q("4.1.3", "Do arrangements for unpaid work maximise the opportunity for the service user's personal development?",
                    "Are education, training and employment hours and accredited awards used where they fit?"),
                Q("4.1.4", "Is the sentence of the court implemented appropriately?",
                    "Does work start promptly and are enough hours offered to complete within twelve months?",
                    "Does delivery support the safety of other people?"),
            ]),
            new("4.2", "Through the Gate", "Through the Gate services are personalised and coordinated, addressing the service user's resettlement needs.", 4,
            [
                Q("4.2.1", "Does resettlement planning focus sufficiently on the service user's resettlement needs and on factors linked to offending and desistance?",
                    "Is the screening of resettlement needs done on time after reception?",
                    "Does the plan take account of risk of harm, diversity and personal circumstances?"),
                Q("4.2.2", "Does resettlement activity focus sufficiently on supporting the service user's resettlement?",
                    "Are resettlement services delivered in line with the needs identified?"),
                Q("4.2.3", "Is there effective coordination of resettlement activity?",
                    "Is resettlement activity coordinated with other services delivered in the prison?",
                    "Is there an effective handover to the community officer and local providers before release?"),
            ]),
        ]);
}
