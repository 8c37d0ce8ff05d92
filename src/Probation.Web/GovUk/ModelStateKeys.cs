using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Probation.Web.GovUk;

/// <summary>
/// Helpers shared by the GOV.UK tag helpers and the <c>_ErrorSummary</c> partial for
/// turning a <see cref="ModelStateDictionary"/> key into messages and element ids.
/// </summary>
public static class ModelStateKeys
{
    /// <summary>Shown when a model error carries no message (e.g. one raised from an exception).</summary>
    public const string FallbackMessage = "There is a problem with this answer";

    /// <summary>
    /// The id ASP.NET Core generates for the input bound to <paramref name="key"/>
    /// (<c>Input.OgrsScore</c> becomes <c>Input_OgrsScore</c>), matching the input tag helper.
    /// </summary>
    public static string InputId(string key, string dotReplacement = "_") =>
        TagBuilder.CreateSanitizedId(key, dotReplacement);

    /// <summary>
    /// The first error message recorded for <paramref name="key"/>, or <see langword="null"/>
    /// when the key has no errors. GOV.UK shows one message per field.
    /// </summary>
    public static string? FirstError(ModelStateDictionary? modelState, string? key)
    {
        if (modelState is null || key is null
            || !modelState.TryGetValue(key, out var entry) || entry is null || entry.Errors.Count == 0)
        {
            return null;
        }

        return MessageOf(entry.Errors[0]);
    }

    /// <summary>The error's message, or <see cref="FallbackMessage"/> when it has none.</summary>
    public static string MessageOf(ModelError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return string.IsNullOrWhiteSpace(error.ErrorMessage) ? FallbackMessage : error.ErrorMessage;
    }
}
