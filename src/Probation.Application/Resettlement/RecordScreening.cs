using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Resettlement;

namespace Probation.Application.Resettlement;

public sealed record ScreeningCommand(string Crn, int ExpectedVersion, DateOnly On, IReadOnlyDictionary<Pathway, PathwayStatus> Statuses);

/// <summary>Screens resettlement needs soon after reception: a status for every pathway. Later changes go in the plan.</summary>
public sealed class RecordScreening(ResettlementChange change)
{
    public async Task<Outcome<Saved>> RunAsync(ScreeningCommand c, CancellationToken ct)
    {
        var (opened, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, ct);
        if (opened is null)
        {
            return ResettlementChange.Fail(refusal!);
        }

        if (opened.Current is not { } custody)
        {
            return ResettlementChange.Fail(Outcome.Refuse(ResettlementChange.NoCustody));
        }

        if (custody.ScreenedOn is { } screened)
        {
            return ResettlementChange.Fail(Outcome.Refuse($"The needs were screened on {screened:d MMMM yyyy}: record changes in the resettlement plan", nameof(c.On)));
        }

        if (ResettlementRules.Screening(c.Statuses, c.On, custody, change.Today) is { } bad)
        {
            return ResettlementChange.Fail(bad);
        }

        custody.ScreenedOn = c.On;
        custody.ScreenedBy = change.Viewer.UserName;
        foreach (var (pathway, status) in c.Statuses)
        {
            var need = custody.Needs.FirstOrDefault(n => n.Pathway == pathway);
            if (need is null)
            {
                need = new ResettlementNeed { Pathway = pathway };
                custody.Needs.Add(need);
            }

            need.Status = status;
            need.UpdatedOn = c.On;
        }

        return await change.SaveAsync(opened.Person, "Resettlement needs screened", () => custody.Id, ct);
    }
}
