using Probation.Domain.Risk;

namespace Probation.Web.Pages.Cases;

/// <summary>How risk and flags look: one colour per level, the same on every page.</summary>
public static class CaseDisplay
{
    public static string RoshColour(RoshLevel level) => level switch
    {
        RoshLevel.VeryHigh or RoshLevel.High => "red",
        RoshLevel.Medium => "orange",
        _ => "green",
    };

    public static string BannerModifier(RoshLevel? level) => level switch
    {
        RoshLevel.VeryHigh => "very-high",
        RoshLevel.High => "high",
        RoshLevel.Medium => "medium",
        RoshLevel.Low => "low",
        _ => "unknown",
    };

    public static string FlagColour(RegistrationType type) => type switch
    {
        RegistrationType.DomesticAbuse or RegistrationType.ChildProtection or RegistrationType.Mappa
            or RegistrationType.RegisteredSexOffender or RegistrationType.NonRegisteredSexualOffending => "red",
        RegistrationType.AdultSafeguarding or RegistrationType.PreviousSexualOffence => "orange",
        _ => "blue",
    };

    /// <summary>
    /// The class of a GOV.UK tag of a colour, as the <c>govuk-tag</c> tag helper renders it (blue has no modifier), for
    /// long tables where a tag helper per cell would cost more than the markup it writes.
    /// </summary>
    public static string TagClass(string colour) => colour == "blue" ? "govuk-tag" : "govuk-tag govuk-tag--" + colour;

    public static string Offence(Probation.Domain.Cases.OffenceCategory category) => category switch
    {
        Probation.Domain.Cases.OffenceCategory.DomesticAbuseRelated => "Domestic abuse related",
        Probation.Domain.Cases.OffenceCategory.MotoringDrinkDriving => "Drink driving",
        Probation.Domain.Cases.OffenceCategory.PublicOrder => "Public order",
        Probation.Domain.Cases.OffenceCategory.CriminalDamage => "Criminal damage",
        _ => category.ToString(),
    };
}
