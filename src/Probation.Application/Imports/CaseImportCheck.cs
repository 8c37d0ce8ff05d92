using Probation.Application.Access;
using Probation.Application.Cases;
using Probation.Domain.Allocation;
using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Risk;

namespace Probation.Application.Imports;

public enum RowVerdict
{
    /// <summary>Every value is acceptable: the import creates the case.</summary>
    Accepted,

    /// <summary>The source reference was imported before, as the same person: nothing new is written.</summary>
    AlreadyImported,

    /// <summary>Refused for the reasons given: never written.</summary>
    Refused,
}

/// <summary>What the check (or the import) found for one row of the file.</summary>
public sealed record ImportRowResult(int Row, string? SourceReference, RowVerdict Verdict, IReadOnlyList<string> Reasons, string? Crn);

/// <summary>A community hub of the importer's provider, by its code: the hub the person will report to, and the team it is aligned to.</summary>
public sealed record ImportHub(string Code, string Name, int? TeamId);

/// <summary>A case already held that a row names, by CRN or by source reference: what the identity check compares.</summary>
public sealed record HeldCase(string Crn, string FirstName, string LastName, DateOnly DateOfBirth, int ProviderId, string? SourceReference);

/// <summary>What the check of a file reads from the database, read once for every row.</summary>
public sealed record ImportLookups(
    IReadOnlyDictionary<string, ImportHub> Hubs,
    IReadOnlyDictionary<string, HeldCase> ByCrn,
    IReadOnlyDictionary<string, HeldCase> BySourceReference,
    int? UnpaidWorkTeamId);

/// <summary>A row the check accepted: the command the create-case rules checked, and the teams that receive and hold the case.</summary>
public sealed record AcceptedRow(int Row, string SourceReference, CreateCaseCommand Command, int HoldingTeamId);

/// <summary>
/// Checks one row of an import file. The values are read from text here; the case itself is checked by the rules
/// that check a case created on its own (<see cref="CreateCase.Checks"/>), so a file cannot hold a case the form
/// would refuse. Every reason is given, not just the first, so a file can be mended in one go.
/// </summary>
public static class CaseImportCheck
{
    public static (ImportRowResult Result, AcceptedRow? Accepted) Check(CaseFileRow row, ImportLookups lookups, Viewer viewer, DateOnly today, IReadOnlyDictionary<string, int> firstRowOfReference, IReadOnlyDictionary<string, int> firstRowOfCrn)
    {
        var reasons = new List<string>(row.Problems);
        var reference = row.SourceReference;
        if (reference is null)
        {
            reasons.Add("Enter the source reference (the court's or the transferring area's reference for the case)");
        }
        else if (reference.Length > PersonOnProbation.SourceReferenceMaxLength)
        {
            reasons.Add($"The source reference must be {PersonOnProbation.SourceReferenceMaxLength} characters or fewer");
        }
        else if (firstRowOfReference.TryGetValue(Key(reference), out var first) && first != row.Row)
        {
            reasons.Add($"The source reference appears more than once in the file (first at row {first})");
        }

        Crn? crn = null;
        if (row.Crn is { } crnText)
        {
            if (Crn.TryParse(crnText, out var parsed))
            {
                crn = parsed;
                if (firstRowOfCrn.TryGetValue(parsed.Value, out var firstCrn) && firstCrn != row.Row)
                {
                    reasons.Add($"CRN {parsed.Value} appears more than once in the file (first at row {firstCrn})");
                }
            }
            else
            {
                reasons.Add(Crn.FormatDescription);
            }
        }

        var beforeValues = reasons.Count;
        var dateOfBirth = Date(row.DateOfBirth, "date of birth", reasons);
        var receivedOn = Date(row.ReceivedOn, "date the case was received", reasons);
        var orderStart = Date(row.OrderStart, "date the order started", reasons);
        var gender = Code<Gender>(row.Gender, "gender", reasons);
        var source = Code<CaseSource>(row.Source, "source (Court or Transfer)", reasons);
        var orderType = Code<OrderType>(row.OrderType, "order type", reasons);
        var mainOffence = Code<OffenceCategory>(row.MainOffence, "main offence", reasons);
        var lengthMonths = Whole(row.LengthMonths, "length of the order in months", required: true, reasons);
        var ogrs = Whole(row.OgrsScore, "OGRS score", required: false, reasons);
        RoshLevel? rosh = row.Rosh is null ? null : Code<RoshLevel>(row.Rosh, "RoSH level", reasons);
        var toChildren = YesNo(row.RiskToChildren, "risk to children", reasons);
        var toKnownAdult = YesNo(row.RiskToKnownAdult, "risk to a known adult", reasons);
        var toPublic = YesNo(row.RiskToPublic, "risk to the public", reasons);
        var toStaff = YesNo(row.RiskToStaff, "risk to staff", reasons);

        var requirements = new List<NewRequirement>();
        var requirementsRead = true;
        foreach (var r in row.Requirements)
        {
            var type = Code<RequirementType>(r.Type, "requirement type", reasons);
            var rar = Whole(r.RarDays, "rehabilitation activity days", required: false, reasons);
            var hours = Whole(r.UnpaidWorkHours, "unpaid work hours", required: false, reasons);
            var length = Whole(r.LengthMonths, "requirement length in months", required: false, reasons);
            AccreditedProgramme? programme = r.Programme is null ? null : Code<AccreditedProgramme>(r.Programme, "accredited programme", reasons);
            if (type is null || (r.Programme is not null && programme is null))
            {
                requirementsRead = false;
                continue;
            }

            requirements.Add(new NewRequirement(type.Value, rar, hours, programme, length));
        }

        // A value that could not be read leaves the case's own rules nothing whole to check: its reasons are enough.
        var unreadable = row.Problems.Count > 0 || reasons.Count > beforeValues;

        // The hub the person will report to names the receiving team; the importer must be one who may create a case for it.
        ImportHub? hub = null;
        if (row.Hub is null)
        {
            reasons.Add("Enter the hub (the code of the community hub the person will report to)");
        }
        else if (!lookups.Hubs.TryGetValue(row.Hub.Trim().ToUpperInvariant(), out hub))
        {
            reasons.Add($"Unknown hub {CaseFileValues.Quote(row.Hub)}: use the code of one of your provider's community hubs");
        }
        else if (hub.TeamId is null)
        {
            reasons.Add($"Hub {hub.Code} is not aligned to a team, so no team would receive the case");
        }
        else if (!viewer.MayChange(hub.TeamId, null))
        {
            reasons.Add($"{CreateCase.ReceivingTeamOnly} Hub {hub.Code} is aligned to another team.");
        }

        // Identity: a source reference imported before, or a CRN held, must be the same person (name and date of birth).
        bool SamePerson(HeldCase held) =>
            dateOfBirth == held.DateOfBirth
            && string.Equals(row.FirstName?.Trim(), held.FirstName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(row.LastName?.Trim(), held.LastName, StringComparison.OrdinalIgnoreCase);

        if (reference is not null && lookups.BySourceReference.TryGetValue(Key(reference), out var imported))
        {
            if (SamePerson(imported) && (crn is null || crn.Value.Value == imported.Crn))
            {
                return (new ImportRowResult(row.Row, reference, RowVerdict.AlreadyImported, [$"Already imported as CRN {imported.Crn}"], imported.Crn), null);
            }

            reasons.Add("The source reference was imported before for a different person: check the reference, CRN, name and date of birth");
        }
        else if (crn is { } given && lookups.ByCrn.TryGetValue(given.Value, out var held))
        {
            reasons.Add(SamePerson(held)
                ? $"A case with CRN {given.Value} already exists for this person, not from this source reference. A transfer keeps its CRN: find the case instead."
                : $"CRN {given.Value} is already held for a different person (name or date of birth differ): check the CRN, name and date of birth");
        }

        if (unreadable || dateOfBirth is null || receivedOn is null || orderStart is null || gender is null || source is null || orderType is null
            || mainOffence is null || lengthMonths is null || !requirementsRead)
        {
            return (Refused(row, reasons), null);
        }

        var address = row.AddressLine1 is null && row.AddressLine2 is null && row.Town is null && row.Postcode is null
            ? null
            : new Address { Line1 = row.AddressLine1 ?? string.Empty, Line2 = row.AddressLine2, Town = row.Town ?? string.Empty, Postcode = row.Postcode ?? string.Empty };
        var command = new CreateCaseCommand(
            crn?.Value, row.FirstName ?? string.Empty, row.LastName ?? string.Empty, dateOfBirth.Value, gender.Value, hub?.TeamId ?? 0, source.Value, receivedOn.Value,
            address, orderType.Value, orderStart.Value, lengthMonths.Value, row.Court ?? string.Empty, mainOffence.Value, requirements,
            rosh, toChildren ?? false, toKnownAdult ?? false, toPublic ?? false, toStaff ?? false, ogrs, []);
        reasons.AddRange(CreateCase.Checks(command, today).Select(r => r.Reason));
        if (reasons.Count > 0 || hub?.TeamId is not { } teamId)
        {
            return (Refused(row, reasons), null);
        }

        var holding = CreateCase.HeldByStandaloneTeam(command) ? lookups.UnpaidWorkTeamId ?? teamId : teamId;
        return (new ImportRowResult(row.Row, reference, RowVerdict.Accepted, [], crn?.Value), new AcceptedRow(row.Row, reference!, command, holding));
    }

    /// <summary>The key a source reference is matched by: as the sending system wrote it, trimmed (references are identifiers: case matters).</summary>
    public static string Key(string reference) => reference.Trim();

    private static ImportRowResult Refused(CaseFileRow row, List<string> reasons) =>
        new(row.Row, row.SourceReference, RowVerdict.Refused, reasons.Distinct().ToList(), row.Crn);

    private static DateOnly? Date(string? text, string what, List<string> reasons)
    {
        if (text is null)
        {
            reasons.Add($"Enter the {what}");
            return null;
        }

        if (!CaseFileValues.TryDate(text, out var date))
        {
            reasons.Add($"The {what} is not a date: write it as YYYY-MM-DD (or DD/MM/YYYY)");
            return null;
        }

        return date;
    }

    private static T? Code<T>(string? text, string what, List<string> reasons)
        where T : struct, Enum
    {
        if (text is null)
        {
            reasons.Add($"Enter the {what}");
            return null;
        }

        if (CaseFileValues.Enum<T>(text) is { } value)
        {
            return value;
        }

        reasons.Add($"Unknown {what} {CaseFileValues.Quote(text)}: use one of {CaseFileValues.Names<T>()}");
        return null;
    }

    private static int? Whole(string? text, string what, bool required, List<string> reasons)
    {
        if (text is null)
        {
            if (required)
            {
                reasons.Add($"Enter the {what}");
            }

            return null;
        }

        if (!CaseFileValues.TryWhole(text, out var value))
        {
            reasons.Add($"The {what} is not a whole number");
            return null;
        }

        return value;
    }

    private static bool? YesNo(string? text, string what, List<string> reasons)
    {
        var value = CaseFileValues.YesNo(text);
        if (value is null)
        {
            reasons.Add($"The {what} is not yes or no (true, false, yes, no, y, n, 1 or 0)");
        }

        return value;
    }
}
