-- W3's limit for the team manager page (/teams/{id}/oversight), for psql; the harness runs it with
-- psql -v provider=<id> -v team=<id> -v on=<yyyy-MM-dd> and \timing on. The page's counts (alerts, overdue assessments,
-- plans and reviews, checks, absences and enforcement decisions, directions, workload points) are the safety net's
-- rules and the workload weights run over each case's records; hand-written SQL that computed them from those records
-- would have to read at least the records themselves. So this reads them and no more: for the cases the page counts
-- (the team's allocated cases, and every case its probation officers and PSOs hold), every row of every record the
-- rules read, the columns they read, folded into one trivial total per table. Any SQL computing the same counts from the
-- records takes at least this long, so the page's time over this one is an upper bound on its time over such SQL.
-- (The rules themselves are not copied into SQL: ADR 0008, 0013.)
-- Output: table|checksum|rows read.
-- server options: -c jit=off (the statement's estimated cost passes jit_above_cost, and PostgreSQL would spend about 2 s
-- compiling it on every run; anyone running it by hand would turn that off)
WITH officers AS MATERIALIZED (
    SELECT s."Id" FROM "Staff" s JOIN "Teams" t ON t."Id" = s."TeamId"
    WHERE t."Id" = :team AND t."ProviderId" = :provider AND s."Active" AND s."Grade" IN ('ProbationOfficer', 'ProbationServicesOfficer')
),
cases AS MATERIALIZED (
    SELECT p."Id", p."Version", p."ResponsibleOfficerId", p."AllocatedOn", p."Rosh", p."RiskToChildren", p."OgrsScore"
    FROM "People" p
    WHERE p."ProviderId" = :provider AND p."ResponsibleOfficerId" IS NOT NULL
      AND (p."TeamId" = :team OR p."ResponsibleOfficerId" IN (SELECT "Id" FROM officers))
)
SELECT 'People', (sum(c."Version") + count(c."AllocatedOn") + count(c."Rosh") + count(c."RiskToChildren") + count(c."OgrsScore"))::text, count(*) FROM cases c
UNION ALL
SELECT 'Orders', (count(o."EndDate") + count(o."TerminatedOn") + count(o."Type") + (max(o."StartDate") - min(o."StartDate")) + sum(o."LengthMonths"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT o."EndDate", o."TerminatedOn", o."Type", o."StartDate", o."LengthMonths" FROM "Orders" o WHERE o."PersonId" = c."Id" OFFSET 0) o
UNION ALL
SELECT 'Requirements', (count(r."Type") + count(r."Programme") + sum(coalesce(r."RarDays", 0) + coalesce(r."UnpaidWorkHours", 0) + coalesce(r."LengthMonths", 0)))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT o."Id" FROM "Orders" o WHERE o."PersonId" = c."Id" OFFSET 0) o JOIN "Requirements" r ON r."OrderId" = o."Id"
UNION ALL
SELECT 'Registrations', (count(g."Type") + count(g."EndedOn") + count(g."MappaLevel") + count(g."MappaCategory") + (max(g."StartedOn") - min(g."StartedOn")))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT g."Type", g."EndedOn", g."MappaLevel", g."MappaCategory", g."StartedOn" FROM "Registrations" g WHERE g."PersonId" = c."Id" OFFSET 0) g
UNION ALL
SELECT 'Assessments', (count(a."Kind") + count(a."CompletedOn") + count(a."Rosh") + (max(a."StartedOn") - min(a."StartedOn")))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT a."Kind", a."CompletedOn", a."Rosh", a."StartedOn" FROM "Assessments" a WHERE a."PersonId" = c."Id" OFFSET 0) a
UNION ALL
SELECT 'AssessedNeeds', (count(n."Need") + count(n."Severity"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT a."CompletedOn", a."Id" FROM "Assessments" a WHERE a."PersonId" = c."Id" AND a."CompletedOn" IS NOT NULL OFFSET 0) a JOIN "AssessedNeeds" n ON n."AssessmentId" = a."Id"
UNION ALL
SELECT 'AgencyChecks', (count(k."Kind") + count(k."RequestedOn") + count(k."AnsweredOn") + count(k."NotRequiredReason"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT k."Kind", k."RequestedOn", k."AnsweredOn", k."NotRequiredReason" FROM "AgencyChecks" k WHERE k."PersonId" = c."Id" OFFSET 0) k
UNION ALL
SELECT 'SentencePlans', (count(sp."CompletedOn") + count(sp."ContingencyArrangements") + count(sp."DomesticAbuseMeasures") + count(sp."ChildSafeguardingMeasures"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT sp."CompletedOn", sp."ContingencyArrangements", sp."DomesticAbuseMeasures", sp."ChildSafeguardingMeasures" FROM "SentencePlans" sp WHERE sp."PersonId" = c."Id" OFFSET 0) sp
UNION ALL
SELECT 'ScheduledRequirements', (count(q."RequirementId") + count(q."Type") + count(q."StartsOn"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT sp."Id" FROM "SentencePlans" sp WHERE sp."PersonId" = c."Id" OFFSET 0) sp JOIN "ScheduledRequirements" q ON q."PlanId" = sp."Id"
UNION ALL
SELECT 'Contacts', (count(x."Kind") + count(x."Outcome") + count(x."Decision") + (max(x."On") - min(x."On")))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT x."Kind", x."Outcome", x."Decision", x."On" FROM "Contacts" x WHERE x."PersonId" = c."Id" AND x."On" <= :'on' OFFSET 0) x
UNION ALL
SELECT 'EnforcementActions', (count(e."Kind") + (max(e."On") - min(e."On")))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT e."Kind", e."On" FROM "EnforcementActions" e WHERE e."PersonId" = c."Id" OFFSET 0) e
UNION ALL
SELECT 'SignificantEvents', (count(v."Kind") + count(v."ActionedOn") + (max(v."On") - min(v."On")))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT v."Kind", v."ActionedOn", v."On" FROM "SignificantEvents" v WHERE v."PersonId" = c."Id" OFFSET 0) v
UNION ALL
SELECT 'Reviews', (count(w."Kind") + count(w."CompletedOn"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT w."Kind", w."CompletedOn" FROM "Reviews" w WHERE w."PersonId" = c."Id" OFFSET 0) w
UNION ALL
SELECT 'AlertExceptions', (count(y."Code") + count(y."Reason") + count(y."RecordedOn") + count(y."Until"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT y."Code", y."Reason", y."RecordedOn", y."Until" FROM "AlertExceptions" y WHERE y."PersonId" = c."Id" OFFSET 0) y
UNION ALL
SELECT 'ProgrammeReferrals', (count(f."Status") + count(f."ReferredOn") + count(f."Programme") + count(f."RequirementId"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT f."Status", f."ReferredOn", f."Programme", f."RequirementId" FROM "ProgrammeReferrals" f WHERE f."PersonId" = c."Id" OFFSET 0) f
UNION ALL
SELECT 'UnpaidWorkBookings', (count(b."Outcome") + count(b."RequirementId") + sum(coalesce(b."CreditedMinutes", 0)) + (max(b."On") - min(b."On")))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT b."Outcome", b."RequirementId", b."CreditedMinutes", b."On" FROM "UnpaidWorkBookings" b WHERE b."PersonId" = c."Id" OFFSET 0) b
UNION ALL
SELECT 'OversightEntries', (count(z."CheckBy") + count(z."Kind"))::text, count(*)
FROM cases c CROSS JOIN LATERAL (SELECT z."CheckBy", z."Kind", z."CheckedOn" FROM "OversightEntries" z WHERE z."PersonId" = c."Id" AND z."Kind" = 'Direction' AND z."CheckedOn" IS NULL AND z."CheckBy" IS NOT NULL OFFSET 0) z;
