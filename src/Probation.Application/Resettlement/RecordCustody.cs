using Microsoft.EntityFrameworkCore;
using Probation.Application.Supervision;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Resettlement;

namespace Probation.Application.Resettlement;

/// <summary>A custody record: new (<see cref="Id"/> null) or a correction of the open one.</summary>
public sealed record CustodyCommand(
    string Crn,
    int ExpectedVersion,
    int? Id,
    string? PrisonCode,
    DateOnly ReceptionDate,
    DateOnly SentenceDate,
    int SentenceLengthMonths,
    DateOnly ExpectedReleaseDate,
    ReleaseType ReleaseType,
    bool WomensThroughcare);

/// <summary>Records that a person on probation is in custody: prison, sentence, expected release, release type, women's throughcare.</summary>
public sealed class RecordCustody(ResettlementChange change)
{
    public async Task<Outcome<Saved>> RunAsync(CustodyCommand c, CancellationToken ct)
    {
        var (opened, refusal) = await change.OpenAsync(c.Crn, c.ExpectedVersion, ct);
        if (opened is null)
        {
            return ResettlementChange.Fail(refusal!);
        }

        var person = opened.Person;
        var code = c.PrisonCode?.Trim().ToUpperInvariant();
        var prison = string.IsNullOrWhiteSpace(code)
            ? null
            : await change.Db.Sites.AsNoTracking()
                .Where(s => s.Kind == SiteKind.Prison && s.ProviderId == person.ProviderId && s.Code == code)
                .Select(s => new { s.Id, s.Name })
                .SingleOrDefaultAsync(ct);
        if (prison is null)
        {
            return ResettlementChange.Fail(Outcome.Refuse("Select the prison", nameof(c.PrisonCode)));
        }

        if (ResettlementRules.Custody(c.ReceptionDate, c.SentenceDate, c.SentenceLengthMonths, c.ExpectedReleaseDate, change.Today) is { } bad)
        {
            return ResettlementChange.Fail(bad);
        }

        CustodyRecord record;
        if (c.Id is { } id)
        {
            record = opened.Records.SingleOrDefault(r => r.Id == id)!;
            if (record is null)
            {
                return ResettlementChange.Fail(Outcome.Missing("custody record"));
            }

            if (record.Released)
            {
                return ResettlementChange.Fail(Outcome.Refuse("The person has been released: the custody record is closed"));
            }

            if (record.ScreenedOn is { } screened && c.ReceptionDate > screened)
            {
                return ResettlementChange.Fail(Outcome.Refuse($"The reception date cannot be after the screening ({screened:d MMMM yyyy})", nameof(c.ReceptionDate)));
            }
        }
        else
        {
            if (opened.Current is { } open)
            {
                return ResettlementChange.Fail(Outcome.Refuse($"A custody record from {open.ReceptionDate:d MMMM yyyy} is still open: record that release first, or correct that record"));
            }

            if (opened.Records.Any(r => r.ReceptionDate == c.ReceptionDate || (r.ReleasedOn is { } released && c.ReceptionDate < released)))
            {
                return ResettlementChange.Fail(Outcome.Refuse("The reception date must be after the person's last release", nameof(c.ReceptionDate)));
            }

            record = new CustodyRecord { PersonId = person.Id, RecordedBy = change.Viewer.UserName };
            change.Db.CustodyRecords.Add(record);
        }

        record.PrisonId = prison.Id;
        record.ReceptionDate = c.ReceptionDate;
        record.SentenceDate = c.SentenceDate;
        record.SentenceLengthMonths = c.SentenceLengthMonths;
        record.ExpectedReleaseDate = c.ExpectedReleaseDate;
        record.ReleaseType = c.ReleaseType;
        record.WomensThroughcare = c.WomensThroughcare;
        return await change.SaveAsync(person, c.Id is null ? "Custody recorded" : "Custody record corrected", () => record.Id, ct);
    }
}
