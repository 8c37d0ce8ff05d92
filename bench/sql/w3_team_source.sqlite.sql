-- W3's limit for the team manager page (/teams/{id}/oversight), for sqlite3; the harness sets :provider, :team
-- and :on (the day, as text) and runs it with .timer on. The page's counts (alerts, overdue assessments,
-- plans and reviews, checks, absences and enforcement decisions, directions, workload points) are the safety net's
-- rules and the workload weights run over each case's records; hand-written SQL that computed them from those records
-- would have to read at least the records themselves. So this reads them and no more: for the cases the page counts
-- (the team's allocated cases, and every case its probation officers and PSOs hold), every row of every record the
-- rules read, the columns they read, folded into one trivial total per table. Any SQL computing the same counts from the
-- records takes at least this long, so the page's time over this one is an upper bound on its time over such SQL.
-- (The rules themselves are not copied into SQL: ADR 0008, 0013.)
-- Output: table|checksum|rows read.
WITH officers AS MATERIALIZED (
    SELECT s.Id FROM Staff s JOIN Teams t ON t.Id = s.TeamId
    WHERE t.Id = :team AND t.ProviderId = :provider AND s.Active AND s.Grade IN ('ProbationOfficer', 'ProbationServicesOfficer')
),
cases AS MATERIALIZED (
    SELECT p.Id, p.Version, p.ResponsibleOfficerId, p.AllocatedOn, p.Rosh, p.RiskToChildren, p.OgrsScore
    FROM People p
    WHERE p.ProviderId = :provider AND p.ResponsibleOfficerId IS NOT NULL
      AND (p.TeamId = :team OR p.ResponsibleOfficerId IN (SELECT Id FROM officers))
)
SELECT 'People', (sum(c.Version) + count(c.AllocatedOn) + count(c.Rosh) + count(c.RiskToChildren) + count(c.OgrsScore)), count(*) FROM cases c
UNION ALL
SELECT 'Orders', (count(o.EndDate) + count(o.TerminatedOn) + count(o.Type) + (julianday(max(o.StartDate)) - julianday(min(o.StartDate))) + sum(o.LengthMonths)), count(*)
FROM cases c JOIN Orders o ON o.PersonId = c.Id
UNION ALL
SELECT 'Requirements', (count(r.Type) + count(r.Programme) + sum(coalesce(r.RarDays, 0) + coalesce(r.UnpaidWorkHours, 0) + coalesce(r.LengthMonths, 0))), count(*)
FROM cases c JOIN Orders o ON o.PersonId = c.Id JOIN Requirements r ON r.OrderId = o.Id
UNION ALL
SELECT 'Registrations', (count(g.Type) + count(g.EndedOn) + count(g.MappaLevel) + count(g.MappaCategory) + (julianday(max(g.StartedOn)) - julianday(min(g.StartedOn)))), count(*)
FROM cases c JOIN Registrations g ON g.PersonId = c.Id
UNION ALL
SELECT 'Assessments', (count(a.Kind) + count(a.CompletedOn) + count(a.Rosh) + (julianday(max(a.StartedOn)) - julianday(min(a.StartedOn)))), count(*)
FROM cases c JOIN Assessments a ON a.PersonId = c.Id
UNION ALL
SELECT 'AssessedNeeds', (count(n.Need) + count(n.Severity)), count(*)
FROM cases c JOIN Assessments a ON a.PersonId = c.Id AND a.CompletedOn IS NOT NULL JOIN AssessedNeeds n ON n.AssessmentId = a.Id
UNION ALL
SELECT 'AgencyChecks', (count(k.Kind) + count(k.RequestedOn) + count(k.AnsweredOn) + count(k.NotRequiredReason)), count(*)
FROM cases c JOIN AgencyChecks k ON k.PersonId = c.Id
UNION ALL
SELECT 'SentencePlans', (count(sp.CompletedOn) + count(sp.ContingencyArrangements) + count(sp.DomesticAbuseMeasures) + count(sp.ChildSafeguardingMeasures)), count(*)
FROM cases c JOIN SentencePlans sp ON sp.PersonId = c.Id
UNION ALL
SELECT 'ScheduledRequirements', (count(q.RequirementId) + count(q.Type) + count(q.StartsOn)), count(*)
FROM cases c JOIN SentencePlans sp ON sp.PersonId = c.Id JOIN ScheduledRequirements q ON q.PlanId = sp.Id
UNION ALL
SELECT 'Contacts', (count(x.Kind) + count(x.Outcome) + count(x.Decision) + (julianday(max(x."On")) - julianday(min(x."On")))), count(*)
FROM cases c JOIN Contacts x ON x.PersonId = c.Id AND x."On" <= :on
UNION ALL
SELECT 'EnforcementActions', (count(e.Kind) + (julianday(max(e."On")) - julianday(min(e."On")))), count(*)
FROM cases c JOIN EnforcementActions e ON e.PersonId = c.Id
UNION ALL
SELECT 'SignificantEvents', (count(v.Kind) + count(v.ActionedOn) + (julianday(max(v."On")) - julianday(min(v."On")))), count(*)
FROM cases c JOIN SignificantEvents v ON v.PersonId = c.Id
UNION ALL
SELECT 'Reviews', (count(w.Kind) + count(w.CompletedOn)), count(*)
FROM cases c JOIN Reviews w ON w.PersonId = c.Id
UNION ALL
SELECT 'AlertExceptions', (count(y.Code) + count(y.Reason) + count(y.RecordedOn) + count(y.Until)), count(*)
FROM cases c JOIN AlertExceptions y ON y.PersonId = c.Id
UNION ALL
SELECT 'ProgrammeReferrals', (count(f.Status) + count(f.ReferredOn) + count(f.Programme) + count(f.RequirementId)), count(*)
FROM cases c JOIN ProgrammeReferrals f ON f.PersonId = c.Id
UNION ALL
SELECT 'UnpaidWorkBookings', (count(b.Outcome) + count(b.RequirementId) + sum(coalesce(b.CreditedMinutes, 0)) + (julianday(max(b."On")) - julianday(min(b."On")))), count(*)
FROM cases c JOIN UnpaidWorkBookings b ON b.PersonId = c.Id
UNION ALL
SELECT 'OversightEntries', (count(z.CheckBy) + count(z.Kind)), count(*)
FROM cases c JOIN OversightEntries z ON z.PersonId = c.Id AND z.Kind = 'Direction' AND z.CheckedOn IS NULL AND z.CheckBy IS NOT NULL;
