using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Probation.Web.GovUk;

/// <summary>
/// Adds <c>govuk-form-group--error</c> to a form group when ModelState has an error for the key.
/// <c>&lt;div class="govuk-form-group" govuk-form-group-for="Input.OgrsScore"&gt;</c> renders
/// <c>&lt;div class="govuk-form-group govuk-form-group--error"&gt;</c> when <c>Input.OgrsScore</c>
/// is invalid, and the div unchanged (without the attribute) otherwise.
/// </summary>
[HtmlTargetElement("div", Attributes = ForAttributeName)]
public sealed class GovUkFormGroupTagHelper : TagHelper
{
    private const string ForAttributeName = "govuk-form-group-for";

    /// <summary>The ModelState key, e.g. <c>Input.OgrsScore</c>.</summary>
    [HtmlAttributeName(ForAttributeName)]
    public string? For { get; set; }

    /// <summary>The current view context (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        if (ModelStateKeys.FirstError(ViewContext?.ModelState, For) is not null)
        {
            output.AddClass("govuk-form-group--error", HtmlEncoder.Default);
        }
    }
}
