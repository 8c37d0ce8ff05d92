using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Probation.Application.Documents;

namespace Probation.Web.Letters;

/// <summary>
/// Renders a letter through its Razor template to HTML: the one rendering the page shows, the case keeps when the
/// letter is issued, and the PDF prints. The templates are Razor components, so wording changes are code-reviewed.
/// </summary>
public sealed class LetterRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync(Letter letter)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<LetterView>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(LetterView.Letter)] = letter }));
            return output.ToHtmlString();
        });
    }
}
