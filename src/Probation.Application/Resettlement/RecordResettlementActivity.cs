using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Resettlement;

namespace Probation.Application.Resettlement;

public sealed record ActivityCommand(string Crn, int ExpectedVersion, DateOnly On, Pathway Pathway, string? Description, string? DeliveredBy, string? CoordinatedWith);

/// <summary>Records a resettlement activity delivered in prison and what it was coordinated with (report 4.2.2 and 4.2.3).</summary>
public sealed class RecordResettlementActivity(ResettlementChange change)
{
    public async Task<Outcome<Saved>> RunAsync(ActivityCommand c, CancellationToken ct)
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

        if (ResettlementRules.Activity(c.On, c.Description, c.DeliveredBy, c.CoordinatedWith, custody, change.Today) is { } bad)
        {
            return ResettlementChange.Fail(bad);
        }

        var activity = new ResettlementActivity
        {
            On = c.On,
            Pathway = c.Pathway,
            Description = c.Description!.Trim(),
            DeliveredBy = c.DeliveredBy!.Trim(),
            CoordinatedWith = ResettlementChange.Clean(c.CoordinatedWith),
            RecordedBy = change.Viewer.UserName,
        };
        custody.Activities.Add(activity);
        return await change.SaveAsync(opened.Person, "Resettlement activity recorded", () => activity.Id, ct);
    }
}

public sealed record HandoverCommand(string Crn, int ExpectedVersion, DateOnly On, string? To, string? Notes);

/// <summary>Records the handover to the community responsible officer and local providers before release.</summary>
public sealed class RecordHandover(ResettlementChange change)
{
    public async Task<Outcome<Saved>> RunAsync(HandoverCommand c, CancellationToken ct)
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

        if (ResettlementRules.Handover(c.On, c.To, c.Notes, custody, change.Today) is { } bad)
        {
            return ResettlementChange.Fail(bad);
        }

        custody.HandoverOn = c.On;
        custody.HandoverTo = c.To!.Trim();
        custody.HandoverNotes = ResettlementChange.Clean(c.Notes);
        return await change.SaveAsync(opened.Person, "Resettlement handover recorded", () => custody.Id, ct);
    }
}

public sealed record ReleaseCommand(string Crn, int ExpectedVersion, DateOnly On, AccommodationOnRelease? Accommodation, DateOnly? FirstAppointmentOn, bool? BenefitsInPlace, string? Notes);

/// <summary>Records the day of release and what was in place: accommodation, the first appointment, benefits. The custody record closes.</summary>
public sealed class RecordRelease(ResettlementChange change)
{
    public async Task<Outcome<Saved>> RunAsync(ReleaseCommand c, CancellationToken ct)
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

        if (ResettlementRules.Release(c.On, c.Accommodation, c.FirstAppointmentOn, c.BenefitsInPlace, c.Notes, custody, change.Today) is { } bad)
        {
            return ResettlementChange.Fail(bad);
        }

        custody.ReleasedOn = c.On;
        custody.AccommodationOnRelease = c.Accommodation;
        custody.FirstAppointmentOn = c.FirstAppointmentOn;
        custody.BenefitsInPlace = c.BenefitsInPlace;
        custody.ReleaseNotes = ResettlementChange.Clean(c.Notes);
        return await change.SaveAsync(opened.Person, "Release from custody recorded", () => custody.Id, ct);
    }
}
