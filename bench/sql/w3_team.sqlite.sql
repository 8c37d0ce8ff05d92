-- W3's limit for the team manager page (/teams/{id}/oversight): each officer's numbers, computed straight from
-- the kept case statuses (ADR 0014) by hand-written SQL, for sqlite3. The harness sets :provider, :team and :on
-- (the day, as text) and runs it with .timer on. Like the page, it counts only statuses that hold (computed today
-- from the case's current version) for the team's allocated cases under supervision, and sums the workload points
-- kept with the statuses over every case the team's probation officers and PSOs hold; the page also reads the
-- officers' supervision dates and the allocation queue, which this peer leaves out.
-- Output: one row per officer and measure, measure|officer|count.
WITH held AS MATERIALIZED (
    SELECT p.Id AS PersonId, p.ResponsibleOfficerId AS Officer, s.*
    FROM People p JOIN CaseStatuses s ON s.PersonId = p.Id
    WHERE p.ProviderId = :provider AND p.TeamId = :team AND p.ResponsibleOfficerId IS NOT NULL
      AND s.ComputedOn = :on AND s.PersonVersion = p.Version AND s.UnderSupervision
)
SELECT 'Cases', h.Officer, COUNT(*) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'HighAlerts', h.Officer, SUM(h.HighAlerts) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'MediumAlerts', h.Officer, SUM(h.MediumAlerts) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'AssessmentsOverdue', h.Officer, SUM(h.AssessmentsOverdue) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'PlansOverdue', h.Officer, SUM(h.PlansOverdue) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'ReviewsOverdue', h.Officer, SUM(h.ReviewsOverdue) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'ChecksAwaitingAnswer', h.Officer, SUM(h.ChecksAwaitingAnswer) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'AbsencesAwaitingDecision', h.Officer, SUM(h.AbsencesAwaitingDecision) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'EnforcementDecisionsDue', h.Officer, SUM(h.EnforcementDecisionsDue) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'DirectionsDueForCheck', h.Officer, SUM(h.DirectionsDueForCheck) FROM held h GROUP BY h.Officer
UNION ALL
SELECT 'OversightRecorded', h.Officer, COUNT(*) FROM held h JOIN OversightEntries o ON o.PersonId = h.PersonId
WHERE o.RecordedOn > date(:on, '-90 days') GROUP BY h.Officer
UNION ALL
SELECT 'WorkloadPoints', p.ResponsibleOfficerId, SUM(s.WorkloadPoints)
FROM Staff o JOIN People p ON p.ResponsibleOfficerId = o.Id JOIN CaseStatuses s ON s.PersonId = p.Id
WHERE o.TeamId = :team AND o.Active AND o.Grade IN ('ProbationOfficer', 'ProbationServicesOfficer')
  AND s.ComputedOn = :on AND s.PersonVersion = p.Version
GROUP BY p.ResponsibleOfficerId;
