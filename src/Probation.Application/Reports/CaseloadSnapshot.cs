using Microsoft.EntityFrameworkCore;
using Probation.Application.Allocation;
using Probation.Application.Data;
using Probation.Domain.Allocation;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Risk;
using Probation.Domain.Supervision;

namespace Probation.Application.Reports;

/// <summary>One person under supervision on the day, with who held the case then.</summary>
internal sealed record OnTheDay(PersonOnProbation Person, int OfficerId, int? TeamId);

/// <summary>
/// A caseload on a day read as the caseload profile and needs analysis need it and no more: each person's gender and
/// risk, their registrations active on the day, their orders with the requirements' types, and their latest completed
/// assessment (the tier reads it) and the latest completed on or before the day (the needs analysis reads it), with the
/// assessment's needs. Each is one query of only those columns; the domain's own rules then read the records.
/// </summary>
internal static class CaseloadSnapshot
{
    public static async Task<List<OnTheDay>> LoadAsync(ProbationDbContext db, IQueryable<PersonOnProbation> caseload, int providerId, DateOnly on, CancellationToken ct)
    {
        var ids = caseload.Select(p => p.Id);
        var people = await caseload.Select(p => new { p.Id, p.Gender, p.Risk.Rosh, p.Risk.Ogrs }).ToListAsync(ct);
        var byId = people.ToDictionary(p => p.Id, p => new PersonOnProbation
        {
            Id = p.Id,
            FirstName = "",
            LastName = "",
            Gender = p.Gender,
            Risk = new RiskProfile { Rosh = p.Rosh, Ogrs = p.Ogrs },
        });

        // Who held the case: the latest allocation covering the day (ties: the first recorded).
        var allocations = await db.CaseAllocations.AsNoTracking()
            .Where(a => ids.Contains(a.PersonId) && a.From <= on && (a.To == null || a.To > on))
            .Select(a => new { a.Id, a.PersonId, a.StaffMemberId, a.From }).ToListAsync(ct);
        var officers = allocations.GroupBy(a => a.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.From).ThenBy(a => a.Id).First().StaffMemberId);

        foreach (var r in await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.PersonId)).Where(Registration.ActiveOn(on))
            .Select(r => new { r.PersonId, r.Type, r.MappaLevel, r.StartedOn, r.EndedOn }).ToListAsync(ct))
        {
            byId[r.PersonId].Registrations.Add(new Registration { PersonId = r.PersonId, Type = r.Type, MappaLevel = r.MappaLevel, StartedOn = r.StartedOn, EndedOn = r.EndedOn });
        }

        var orders = new Dictionary<int, Order>();
        foreach (var o in await db.Orders.AsNoTracking().Where(o => ids.Contains(o.PersonId))
            .Select(o => new { o.Id, o.PersonId, o.Type, o.StartDate, o.EndDate, o.TerminatedOn }).ToListAsync(ct))
        {
            var order = new Order { Id = o.Id, PersonId = o.PersonId, Type = o.Type, StartDate = o.StartDate, EndDate = o.EndDate, TerminatedOn = o.TerminatedOn, Court = "" };
            orders[o.Id] = order;
            byId[o.PersonId].Orders.Add(order);
        }

        foreach (var r in await db.Requirements.AsNoTracking().Where(r => db.Orders.Any(o => o.Id == r.OrderId && ids.Contains(o.PersonId)))
            .Select(r => new { r.OrderId, r.Type }).ToListAsync(ct))
        {
            orders[r.OrderId].Requirements.Add(new Requirement { OrderId = r.OrderId, Type = r.Type });
        }

        var completed = db.Assessments.AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.CompletedOn != null);
        var read = completed.Where(a =>
            !completed.Any(b => b.PersonId == a.PersonId && (b.CompletedOn > a.CompletedOn || (b.CompletedOn == a.CompletedOn && b.Id > a.Id)))
            || (a.CompletedOn <= on && !completed.Any(b => b.PersonId == a.PersonId && b.CompletedOn <= on && (b.CompletedOn > a.CompletedOn || (b.CompletedOn == a.CompletedOn && b.Id > a.Id)))));
        var assessments = new Dictionary<int, Assessment>();
        foreach (var a in await read.Select(a => new { a.Id, a.PersonId, a.CompletedOn }).ToListAsync(ct))
        {
            var assessment = new Assessment { Id = a.Id, PersonId = a.PersonId, CompletedOn = a.CompletedOn, AssessedBy = "" };
            assessments[a.Id] = assessment;
            byId[a.PersonId].Assessments.Add(assessment);
        }

        var readIds = read.Select(a => a.Id);
        foreach (var n in await db.Set<AssessedNeed>().AsNoTracking().Where(n => readIds.Contains(n.AssessmentId))
            .OrderBy(n => n.Id).Select(n => new { n.Id, n.AssessmentId, n.Need, n.Severity, n.LinkedToOffending, n.LinkedToHarm }).ToListAsync(ct))
        {
            assessments[n.AssessmentId].Needs.Add(new AssessedNeed
            {
                Id = n.Id,
                AssessmentId = n.AssessmentId,
                Need = n.Need,
                Severity = n.Severity,
                LinkedToOffending = n.LinkedToOffending,
                LinkedToHarm = n.LinkedToHarm,
            });
        }

        var officerTeams = await db.Staff.AsNoTracking().Where(s => s.ProviderId == providerId).ToDictionaryAsync(s => s.Id, s => s.TeamId, ct);
        return byId.Values.OrderBy(p => p.Id)
            .Select(p => new OnTheDay(p, officers[p.Id], officerTeams.GetValueOrDefault(officers[p.Id])))
            .ToList();
    }
}

/// <summary>
/// The caseload profile's and needs analysis's counts, keyed by table and row, as the domain's rules count one
/// person. The live reports add up their people; the daily aggregates add up each officer's people and store them.
/// </summary>
internal static class CaseloadCounts
{
    public const string Summary = "summary";
    public const string People = "people";
    public const string Women = "women";
    public const string CurrentDomesticAbuse = "currentDomesticAbuse";
    public const string ChildSafeguarding = "childSafeguarding";
    public const string Rosh = "rosh";
    public const string Ogrs = "ogrs";
    public const string Tier = "tier";
    public const string OrderType = "orderType";
    public const string Requirement = "requirement";
    public const string Assessed = "assessed";
    public const string Need = "need";
    public const string NeedOffending = "needOffending";
    public const string NeedHarm = "needHarm";
    public const string Unknown = "Unknown";

    public static void Add(Dictionary<(string Table, string Key), int> counts, PersonOnProbation p, DateOnly on)
    {
        void One(string table, string key) => counts[(table, key)] = counts.GetValueOrDefault((table, key)) + 1;

        One(Summary, People);
        if (p.Gender == Gender.Female)
        {
            One(Summary, Women);
        }

        if (SupervisionRules.HasActive(p, RegistrationType.DomesticAbuse, on))
        {
            One(Summary, CurrentDomesticAbuse);
        }

        if (SupervisionRules.HasActive(p, RegistrationType.ChildProtection, on))
        {
            One(Summary, ChildSafeguarding);
        }

        One(Rosh, p.Risk.Rosh?.ToString() ?? Unknown);
        One(Ogrs, ReportQueries.OgrsBandOf(p.Risk.Ogrs?.Value));
        One(Tier, TierCalculator.Calculate(CaseFacts.ForTier(p, on)).Code);
        if (SupervisionRules.CurrentOrder(p, on) is { } order)
        {
            One(OrderType, order.Type.ToString());
            foreach (var type in order.Requirements.Select(r => r.Type).Distinct())
            {
                One(Requirement, type.ToString());
            }
        }

        if (ReportQueries.LatestAssessment(p, on) is { } latest)
        {
            One(Summary, Assessed);
            foreach (var need in Enum.GetValues<Need>())
            {
                if (latest.Needs.FirstOrDefault(x => x.Need == need) is { } rated && rated.Severity != NeedSeverity.NoProblems)
                {
                    One(Need, need.ToString());
                    if (rated.LinkedToOffending)
                    {
                        One(NeedOffending, need.ToString());
                    }

                    if (rated.LinkedToHarm)
                    {
                        One(NeedHarm, need.ToString());
                    }
                }
            }
        }
    }
}
