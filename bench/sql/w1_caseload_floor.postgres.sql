-- W1's database floor on PostgreSQL: the caseload page's own SQL and nothing else, one page per transaction
-- (pgbench -M prepared -f, autocommit). The harness fills in {officers} (the bench officers' staff ids), {providers}
-- (each one's provider, in the same order) and {count}; each page is one officer's, picked at random, as the app's
-- requests are spread over them.
-- The two reads are the ones the app sends for the page; the audit row and its subjects go to scratch tables
-- made LIKE the audit log's, with the same indexes, so the real log gets no rows that record no read.
\set i random(1, {count})
SELECT p0."Crn", p0."Id", t."Id", s."Id", c."Kind", c."StaffMemberId", c."Id", p0."FirstName", p0."LastName", p0."DateOfBirth", p0."Gender", p0."Rosh", p0."OgrsScore", t."Name", s."FirstName", s."LastName", r0."Type", r0."Id"
FROM (
    SELECT p."Id", p."Crn", p."DateOfBirth", p."FirstName", p."Gender", p."LastName", p."ResponsibleOfficerId", p."TeamId", p."OgrsScore", p."Rosh"
    FROM "People" AS p
    WHERE p."ProviderId" = (ARRAY[{providers}])[:i] AND p."ResponsibleOfficerId" = (ARRAY[{officers}])[:i]
    ORDER BY p."LastName", p."FirstName", p."Id"
    LIMIT 100 OFFSET 0
) AS p0
LEFT JOIN "Teams" AS t ON p0."TeamId" = t."Id"
LEFT JOIN "Staff" AS s ON p0."ResponsibleOfficerId" = s."Id"
LEFT JOIN "CaseAccessEntries" AS c ON p0."Id" = c."PersonId"
LEFT JOIN (
    SELECT r."Type", r."Id", r."PersonId"
    FROM "Registrations" AS r
    WHERE r."StartedOn" <= current_date AND (r."EndedOn" IS NULL OR r."EndedOn" > current_date)
) AS r0 ON p0."Id" = r0."PersonId"
ORDER BY p0."LastName", p0."FirstName", p0."Id", t."Id", s."Id", c."Id";
SELECT p."Id", p."Crn", p."ResponsibleOfficerId", p."Version", c2."PersonId", c2."AbsencesAwaitingDecision", c2."Alerts", c2."AssessmentsOverdue", c2."ChecksAwaitingAnswer", c2."ComputedOn", c2."DirectionsDueForCheck", c2."EnforcementDecisionsDue", c2."HighAlerts", c2."MediumAlerts", c2."PersonVersion", c2."PlansOverdue", c2."ReviewsOverdue", c2."UnderSupervision", c2."WorkloadPoints"
FROM "People" AS p
LEFT JOIN "CaseStatuses" AS c2 ON p."Id" = c2."PersonId"
WHERE p."ProviderId" = (ARRAY[{providers}])[:i] AND NOT EXISTS (
    SELECT 1 FROM "CaseAccessEntries" AS c
    WHERE p."Id" = c."PersonId" AND c."Kind" = 'Exclusion' AND c."StaffMemberId" = (ARRAY[{officers}])[:i]) AND (NOT EXISTS (
    SELECT 1 FROM "CaseAccessEntries" AS c0
    WHERE p."Id" = c0."PersonId" AND c0."Kind" = 'Restriction') OR EXISTS (
    SELECT 1 FROM "CaseAccessEntries" AS c1
    WHERE p."Id" = c1."PersonId" AND c1."Kind" = 'Restriction' AND c1."StaffMemberId" = (ARRAY[{officers}])[:i]))
  AND p."Crn" = ANY (ARRAY(SELECT "Crn" FROM "People" WHERE "ResponsibleOfficerId" = (ARRAY[{officers}])[:i]));
WITH e AS (
    INSERT INTO bench_floor_audit ("AtUtc", "UserName", "StaffMemberId", "Action", "Where", "Purpose", "RequestId")
    VALUES (now(), 'bench-floor', (ARRAY[{officers}])[:i], 'Consulted', 'GET /', 'Case list', NULL) RETURNING "Id"
)
INSERT INTO bench_floor_audit_subjects ("AuditEntryId", "Crn")
SELECT e."Id", p."Crn" FROM e, "People" AS p WHERE p."ResponsibleOfficerId" = (ARRAY[{officers}])[:i];
