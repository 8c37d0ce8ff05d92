using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Probation.Web.GovUk;

/// <summary>
/// Renders the GOV.UK error message for one field when ModelState has an error for its key,
/// and nothing otherwise. <c>&lt;govuk-error-message for="Input.OgrsScore" /&gt;</c> renders
/// <c>&lt;p class="govuk-error-message" id="Input_OgrsScore-error"&gt;&lt;span class="govuk-visually-hidden"&gt;Error:&lt;/span&gt; message&lt;/p&gt;</c>.
/// Point the input's <c>aria-describedby</c> at <c>Input_OgrsScore-error</c>.
/// </summary>
[HtmlTargetElement("govuk-error-message", TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class GovUkErrorMessageTagHelper : TagHelper
{
    private readonly IHtmlGenerator _generator;

    public GovUkErrorMessageTagHelper(IHtmlGenerator generator)
    {
        _generator = generator;
    }

    /// <summary>The ModelState key, e.g. <c>Input.OgrsScore</c>.</summary>
    [HtmlAttributeName("for")]
    public string? For { get; set; }

    /// <summary>The current view context (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var message = ModelStateKeys.FirstError(ViewContext?.ModelState, For);
        if (For is null || message is null)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("govuk-error-message", HtmlEncoder.Default);
        output.Attributes.SetAttribute("id", ModelStateKeys.InputId(For, _generator.IdAttributeDotReplacement) + "-error");
        output.Content.Clear();
        output.Content.AppendHtml("<span class=\"govuk-visually-hidden\">Error:</span> ");
        output.Content.Append(message);
    }
}
