using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Probation.Web.GovUk;

/// <summary>
/// Renders a GOV.UK tag. <c>&lt;govuk-tag colour="red"&gt;Breached&lt;/govuk-tag&gt;</c> renders
/// <c>&lt;strong class="govuk-tag govuk-tag--red"&gt;Breached&lt;/strong&gt;</c>.
/// Without <c>colour</c> (or with <c>colour="blue"</c>, the default) no modifier class is added.
/// Other attributes, including <c>class</c>, are kept.
/// </summary>
[HtmlTargetElement("govuk-tag")]
public sealed class GovUkTagTagHelper : TagHelper
{
    /// <summary>Colours that GOV.UK Frontend 6 has a <c>govuk-tag--{colour}</c> modifier for.</summary>
    public static readonly IReadOnlySet<string> Colours = new HashSet<string>(StringComparer.Ordinal)
    {
        "grey", "green", "teal", "turquoise", "magenta", "orange", "pink", "purple", "red", "yellow",
    };

    /// <summary>
    /// Tag colour: one of <see cref="Colours"/>, or <c>blue</c>/empty for the default blue tag.
    /// Any other value is ignored (the tag is rendered blue) rather than failing the page.
    /// </summary>
    [HtmlAttributeName("colour")]
    public string? Colour { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        output.TagName = "strong";
        output.TagMode = TagMode.StartTagAndEndTag;

        output.AddClass("govuk-tag", HtmlEncoder.Default);

        var colour = Colour?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(colour) && Colours.Contains(colour))
        {
            output.AddClass("govuk-tag--" + colour, HtmlEncoder.Default);
        }
    }
}
