-- W3: the team manager page (/teams/{id}/oversight) read straight from the kept case statuses (ADR 0014) by hand-written
-- SQL, for psql; the harness runs it with psql -v provider=<id> -v team=<id> -v on=<yyyy-MM-dd> and \timing on. It reads
-- what the page shows, in one statement: the team; its probation officers and PSOs with their hours and last staff
-- supervision; per officer, the counts over the team's allocated cases under supervision whose status holds (computed
-- today from the case's current version), the oversight recorded on them in the last 90 days, and the workload points
-- kept with the statuses of every case the officer holds; and the allocation queue with the cases referred to the manager
-- (matrix rule 5: the RoSH level, the OGRS score or a fact to confirm not known). It is not W3's limit (the page is
-- compared with the source rows, w3_team_source) but the page's cost over its own kept data.
-- Output: measure|officer|value, one row per officer and measure, and the team's rows with an empty officer.
WITH team AS MATERIALIZED (
    SELECT t."Id" FROM "Teams" t WHERE t."Id" = :team AND t."ProviderId" = :provider
),
officers AS MATERIALIZED (
    SELECT s."Id", s."ContractedHours", s."ReductionHours",
           (SELECT max(r."On") FROM "StaffSupervisionRecords" r WHERE r."StaffMemberId" = s."Id") AS "LastSupervised"
    FROM "Staff" s JOIN team t ON t."Id" = s."TeamId"
    WHERE s."Active" AND s."Grade" IN ('ProbationOfficer', 'ProbationServicesOfficer')
),
held AS MATERIALIZED (
    SELECT p."ResponsibleOfficerId" AS officer, count(*) AS "Cases",
           sum(s."HighAlerts") AS "HighAlerts", sum(s."MediumAlerts") AS "MediumAlerts",
           sum(s."AssessmentsOverdue") AS "AssessmentsOverdue", sum(s."PlansOverdue") AS "PlansOverdue",
           sum(s."ReviewsOverdue") AS "ReviewsOverdue", sum(s."ChecksAwaitingAnswer") AS "ChecksAwaitingAnswer",
           sum(s."AbsencesAwaitingDecision") AS "AbsencesAwaitingDecision", sum(s."EnforcementDecisionsDue") AS "EnforcementDecisionsDue",
           sum(s."DirectionsDueForCheck") AS "DirectionsDueForCheck"
    FROM "People" p JOIN "CaseStatuses" s ON s."PersonId" = p."Id"
    WHERE p."ProviderId" = :provider AND p."TeamId" = :team AND p."ResponsibleOfficerId" IS NOT NULL
      AND s."ComputedOn" = :'on' AND s."PersonVersion" = p."Version" AND s."UnderSupervision"
    GROUP BY p."ResponsibleOfficerId"
)
SELECT 'Officer', o."Id"::text, coalesce(to_char(o."LastSupervised", 'YYYYMMDD')::bigint, 0) FROM officers o
UNION ALL SELECT 'Cases', officer::text, "Cases" FROM held
UNION ALL SELECT 'HighAlerts', officer::text, "HighAlerts" FROM held
UNION ALL SELECT 'MediumAlerts', officer::text, "MediumAlerts" FROM held
UNION ALL SELECT 'AssessmentsOverdue', officer::text, "AssessmentsOverdue" FROM held
UNION ALL SELECT 'PlansOverdue', officer::text, "PlansOverdue" FROM held
UNION ALL SELECT 'ReviewsOverdue', officer::text, "ReviewsOverdue" FROM held
UNION ALL SELECT 'ChecksAwaitingAnswer', officer::text, "ChecksAwaitingAnswer" FROM held
UNION ALL SELECT 'AbsencesAwaitingDecision', officer::text, "AbsencesAwaitingDecision" FROM held
UNION ALL SELECT 'EnforcementDecisionsDue', officer::text, "EnforcementDecisionsDue" FROM held
UNION ALL SELECT 'DirectionsDueForCheck', officer::text, "DirectionsDueForCheck" FROM held
UNION ALL
SELECT 'OversightRecorded', p."ResponsibleOfficerId"::text, count(*)
FROM "People" p JOIN "CaseStatuses" s ON s."PersonId" = p."Id" JOIN "OversightEntries" o ON o."PersonId" = p."Id"
WHERE p."ProviderId" = :provider AND p."TeamId" = :team AND p."ResponsibleOfficerId" IS NOT NULL
  AND s."ComputedOn" = :'on' AND s."PersonVersion" = p."Version" AND s."UnderSupervision" AND o."RecordedOn" > (:'on'::date - 90)
GROUP BY p."ResponsibleOfficerId"
UNION ALL
SELECT 'WorkloadPoints', p."ResponsibleOfficerId"::text, sum(s."WorkloadPoints")
FROM "People" p JOIN "CaseStatuses" s ON s."PersonId" = p."Id"
WHERE p."ResponsibleOfficerId" IN (SELECT "Id" FROM officers) AND s."ComputedOn" = :'on' AND s."PersonVersion" = p."Version"
GROUP BY p."ResponsibleOfficerId"
UNION ALL
SELECT 'Waiting', '', count(*) FROM "People" p WHERE p."ProviderId" = :provider AND p."TeamId" = :team AND p."ResponsibleOfficerId" IS NULL
UNION ALL
SELECT 'ReferredToManager', '', count(*)
FROM "People" p
WHERE p."ProviderId" = :provider AND p."TeamId" = :team AND p."ResponsibleOfficerId" IS NULL AND (p."Rosh" IS NULL OR p."OgrsScore" IS NULL OR p."FactsToConfirm" & 7 <> 0);
