-- W3's limit: the caseload profile of a provider on a day (the page /reports/caseload-profile with no filter),
-- computed straight from the case tables by hand-written SQL, for sqlite3. The harness sets :provider (the
-- provider's id) and :on (the day, as text: .parameter set :on "'yyyy-MM-dd'") and runs it with .timer on.
-- Output: one row per figure, table|key|count, as the page's CSV names them.
WITH
-- The caseload: people whose first order has begun and whom an officer holds on the day (the latest allocation).
caseload AS MATERIALIZED (
    SELECT p.Id, p.Gender, p.Rosh, p.OgrsScore,
        (SELECT a.StaffMemberId FROM CaseAllocations a
          WHERE a.PersonId = p.Id AND a."From" <= :on AND (a."To" IS NULL OR a."To" > :on)
          ORDER BY a."From" DESC, a.Id LIMIT 1) AS Officer
    FROM People p
    WHERE p.ProviderId = :provider
      AND EXISTS (SELECT 1 FROM Orders o WHERE o.PersonId = p.Id AND o.StartDate <= :on)
      AND EXISTS (SELECT 1 FROM CaseAllocations a WHERE a.PersonId = p.Id AND a."From" <= :on AND (a."To" IS NULL OR a."To" > :on))
),
-- Registrations active on the day.
active AS MATERIALIZED (
    SELECT r.PersonId, r.Type, r.MappaLevel
    FROM Registrations r JOIN caseload c ON c.Id = r.PersonId
    WHERE r.StartedOn <= :on AND (r.EndedOn IS NULL OR r.EndedOn > :on)
),
-- The current order (the latest begun), or the latest order when none is current.
current_order AS MATERIALIZED (
    SELECT c.Id AS PersonId, COALESCE(
        (SELECT o.Id FROM Orders o WHERE o.PersonId = c.Id AND o.StartDate <= :on AND :on <= o.EndDate AND o.TerminatedOn IS NULL
          ORDER BY o.StartDate DESC, o.Id LIMIT 1),
        (SELECT o.Id FROM Orders o WHERE o.PersonId = c.Id ORDER BY o.StartDate DESC, o.Id LIMIT 1)) AS OrderId
    FROM caseload c
),
-- The tier: protect points (RoSH, MAPPA, complexity) and change (mandate, needs of the latest assessment, none when
-- never assessed, OGRS).
tier_input AS (
    SELECT c.Id, c.OgrsScore,
        CASE c.Rosh WHEN 'VeryHigh' THEN 150 WHEN 'High' THEN 20 WHEN 'Medium' THEN 10 ELSE 0 END
        + CASE (SELECT MAX(r.MappaLevel) FROM active r WHERE r.PersonId = c.Id AND r.Type = 'Mappa') WHEN 3 THEN 150 WHEN 2 THEN 150 WHEN 1 THEN 5 ELSE 0 END
        + 2 * (SELECT COUNT(DISTINCT r.Type) FROM active r WHERE r.PersonId = c.Id AND r.Type IN ('ChildProtection', 'AdultSafeguarding')) AS Protect,
        EXISTS (SELECT 1 FROM Orders o WHERE o.PersonId = c.Id AND o.StartDate <= :on AND :on <= o.EndDate AND o.TerminatedOn IS NULL
            AND (o.Type IN ('Custody', 'Licence', 'PostSentenceSupervision')
                 OR EXISTS (SELECT 1 FROM Requirements q WHERE q.OrderId = o.Id AND q.Type <> 'UnpaidWork'))) AS Mandate,
        CASE WHEN l.Id IS NULL THEN NULL ELSE (SELECT COALESCE(SUM(
                CASE n.Need WHEN 'ThinkingAndBehaviour' THEN 2 WHEN 'Attitudes' THEN 2 WHEN 'Finance' THEN 0 WHEN 'EmotionalWellbeing' THEN 0 ELSE 1 END
                * CASE n.Severity WHEN 'SignificantProblems' THEN 2 WHEN 'SomeProblems' THEN 1 ELSE 0 END), 0)
           FROM AssessedNeeds n WHERE n.AssessmentId = l.Id) END AS NeedsPoints
    FROM caseload c
    LEFT JOIN Assessments l ON l.Id = (SELECT a.Id FROM Assessments a WHERE a.PersonId = c.Id AND a.CompletedOn IS NOT NULL
                                        ORDER BY a.CompletedOn DESC, a.Id DESC LIMIT 1)
),
tiers AS (
    SELECT CASE WHEN Protect >= 150 THEN 'A' WHEN Protect >= 20 THEN 'B' WHEN Protect >= 10 THEN 'C' ELSE 'D' END
        || CASE WHEN NOT Mandate THEN '0'
                WHEN NeedsPoints IS NULL THEN '2'
                WHEN NeedsPoints + COALESCE(OgrsScore, 0) / 10 >= 20 THEN '3'
                WHEN NeedsPoints + COALESCE(OgrsScore, 0) / 10 >= 10 THEN '2'
                ELSE '1' END AS Code
    FROM tier_input
)
SELECT 'summary' AS "table", 'people' AS "key", COUNT(*) AS "count" FROM caseload
UNION ALL SELECT 'summary', 'women', COUNT(*) FROM caseload WHERE Gender = 'Female'
UNION ALL SELECT 'summary', 'currentDomesticAbuse', COUNT(DISTINCT PersonId) FROM active WHERE Type = 'DomesticAbuse'
UNION ALL SELECT 'summary', 'childSafeguarding', COUNT(DISTINCT PersonId) FROM active WHERE Type = 'ChildProtection'
UNION ALL SELECT 'summary', 'responsibleOfficers', COUNT(DISTINCT Officer) FROM caseload
UNION ALL SELECT 'rosh', COALESCE(Rosh, 'Unknown'), COUNT(*) FROM caseload GROUP BY 2
UNION ALL SELECT 'ogrs', CASE WHEN OgrsScore IS NULL THEN 'Unknown' WHEN OgrsScore < 50 THEN 'Low' WHEN OgrsScore < 75 THEN 'Medium'
                              WHEN OgrsScore < 90 THEN 'High' ELSE 'VeryHigh' END, COUNT(*) FROM caseload GROUP BY 2
UNION ALL SELECT 'tier', Code, COUNT(*) FROM tiers GROUP BY Code
UNION ALL SELECT 'orderType', o.Type, COUNT(*) FROM current_order co JOIN Orders o ON o.Id = co.OrderId GROUP BY o.Type
UNION ALL SELECT 'requirement', q.Type, COUNT(DISTINCT co.PersonId) FROM current_order co JOIN Requirements q ON q.OrderId = co.OrderId GROUP BY q.Type
ORDER BY 1, 2;
