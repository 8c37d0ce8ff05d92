using Microsoft.EntityFrameworkCore;
using Probation.Application.Data;
using Probation.Domain.Access;
using Probation.Domain.Cases;
using Probation.Domain.Inspection;

namespace Probation.Application.Inspections;

/// <summary>
/// Finds a sample's eligible population in the provider's records and draws the sample from it. The database only
/// narrows the search to the window's dates; <see cref="SampleEligibility"/> decides who is eligible, and
/// <see cref="Sampling"/> sizes and draws, so the rules are the domain's alone.
/// </summary>
public static class InspectionSampler
{
    /// <summary>
    /// The eligible cases of a provider for one sample. Cases with a restriction list (only named staff may see
    /// them) are left out: nobody is exempt from an access list, so an inspector could not read one.
    /// </summary>
    public static async Task<IReadOnlyList<SampleCandidate>> PopulationAsync(
        ProbationDbContext db, int providerId, SampleKind kind, EligibilityWindow window, DateOnly reference, CancellationToken ct)
    {
        var people = db.People.Where(p => p.ProviderId == providerId && !p.AccessList.Any(e => e.Kind == AccessListKind.Restriction));
        Dictionary<int, Disposal> eligible;
        if (kind == SampleKind.ThroughTheGate)
        {
            var from = window.From;
            var to = window.To;
            var released = await db.CustodyRecords.AsNoTracking()
                .Where(c => c.ReleasedOn >= from && c.ReleasedOn <= to && people.Any(p => p.Id == c.PersonId))
                .Select(c => new { c.PersonId, c.ReleasedOn })
                .ToListAsync(ct);
            eligible = released.Where(c => SampleEligibility.ReleasedWithin(c.ReleasedOn, window))
                .Select(c => c.PersonId).Distinct().ToDictionary(id => id, _ => Disposal.Licence);
        }
        else
        {
            var from = window.From;
            var to = window.To;
            var orders = await db.Orders.AsNoTracking().Include(o => o.Requirements)
                .Where(o => o.StartDate >= from && o.StartDate <= to && people.Any(p => p.Id == o.PersonId))
                .ToListAsync(ct);
            eligible = orders
                .Where(o => kind == SampleKind.UnpaidWork ? SampleEligibility.UnpaidWork(o, window, reference) : SampleEligibility.UnderSupervision(o, window, reference))
                .GroupBy(o => o.PersonId)
                .ToDictionary(g => g.Key, g => SampleEligibility.DisposalOf(g.OrderByDescending(o => o.StartDate).ThenByDescending(o => o.Id).First().Type)!.Value);
        }

        var ids = eligible.Keys.ToList();
        var found = new List<SampleCandidate>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Crn, p.Gender, p.Risk.Rosh })
                .ToListAsync(ct);
            found.AddRange(rows.Select(r => new SampleCandidate(r.Id, r.Crn.Value, r.Gender, eligible[r.Id], r.Rosh)));
        }

        return found.OrderBy(c => c.Crn, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Sizes the sample for the population (Cochran with the finite population correction) and draws it, stratified
    /// and reproducible from <paramref name="seed"/>: the same population and seed always draw the same cases.
    /// </summary>
    public static InspectionSample Draw(
        IReadOnlyList<SampleCandidate> population, SampleKind kind, EligibilityWindow window, double confidence, double margin, int seed, DateTime drawnAtUtc)
    {
        var size = Sampling.SampleSize(population.Count, confidence, margin);
        var (cases, strata) = Sampling.Draw(population, c => SampleEligibility.StratumKey(kind, c), c => c.Crn, size, seed);
        return new InspectionSample
        {
            Kind = kind,
            EligibleFrom = window.From,
            EligibleTo = window.To,
            Confidence = confidence,
            Margin = margin,
            Seed = seed,
            Population = population.Count,
            Size = size,
            DrawnAtUtc = drawnAtUtc,
            Strata = strata.Select(s => new SampleStratum { Key = s.Key, Population = s.Population, Sample = s.Sample }).ToList(),
            Cases = cases.Select(c => new SampledCase { PersonId = c.PersonId, Stratum = SampleEligibility.StratumKey(kind, c) }).ToList(),
        };
    }

    /// <summary>A new random seed, recorded with the sample so it can be drawn again the same way.</summary>
    public static int NewSeed() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
