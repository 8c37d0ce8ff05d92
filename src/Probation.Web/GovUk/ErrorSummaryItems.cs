using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Probation.Web.GovUk;

/// <summary>One line of the GOV.UK error summary: the message and the <c>#id</c> it links to.</summary>
/// <param name="Key">The ModelState key (empty for a model-level error).</param>
/// <param name="Href">Fragment link: <c>#Input_OgrsScore</c>, or <c>#main-content</c> for a model-level error.</param>
/// <param name="Message">The first error message for the key.</param>
public sealed record ErrorSummaryItem(string Key, string Href, string Message);

/// <summary>
/// Builds the lines of the GOV.UK error summary (<c>Pages/Shared/_ErrorSummary.cshtml</c>) from ModelState.
/// </summary>
public static partial class ErrorSummaryItems
{
    private const int MaxDepth = 6;

    /// <summary>
    /// One item per invalid key, with the first message for that key. Model-level errors come first;
    /// the rest follow the declaration order of the bound properties on <paramref name="pageModel"/>
    /// (which normally matches the order of the form), because ModelState itself enumerates keys
    /// by length and name. Keys not found on the model keep their ModelState order, at the end.
    /// </summary>
    /// <param name="modelState">The page's ModelState; <see langword="null"/> gives no items.</param>
    /// <param name="pageModel">Metadata of the page model type, used only for ordering; may be null.</param>
    /// <param name="dotReplacement">What ASP.NET Core puts for '.' in generated ids (default "_").</param>
    public static IReadOnlyList<ErrorSummaryItem> From(
        ModelStateDictionary? modelState, ModelMetadata? pageModel, string dotReplacement = "_")
    {
        if (modelState is null || modelState.IsValid)
        {
            return [];
        }

        var items = new List<ErrorSummaryItem>();
        foreach (var (key, entry) in modelState)
        {
            if (entry is null || entry.Errors.Count == 0)
            {
                continue;
            }

            var href = "#" + (key.Length == 0 ? "main-content" : ModelStateKeys.InputId(key, dotReplacement));
            items.Add(new ErrorSummaryItem(key, href, ModelStateKeys.MessageOf(entry.Errors[0])));
        }

        if (pageModel is null || items.Count < 2)
        {
            return items;
        }

        var order = PropertyOrder(pageModel, items.Select(i => TopLevelName(i.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase));
        return items
            .Select((item, index) => (item, index))
            .OrderBy(x => x.item.Key.Length == 0 ? -1 : order.GetValueOrDefault(IndexerPattern().Replace(x.item.Key, string.Empty), int.MaxValue))
            .ThenBy(x => x.index)
            .Select(x => x.item)
            .ToList();
    }

    private static string TopLevelName(string key)
    {
        var end = key.IndexOfAny(['.', '[']);
        return end < 0 ? key : key[..end];
    }

    /// <summary>Dotted property paths (indexers dropped) in declaration order, depth first.</summary>
    private static Dictionary<string, int> PropertyOrder(ModelMetadata pageModel, HashSet<string> topLevelNames)
    {
        var order = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        void Walk(ModelMetadata metadata, string prefix, int depth)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            var target = metadata.IsEnumerableType ? metadata.ElementMetadata : metadata;
            if (target is null || !target.IsComplexType)
            {
                return;
            }

            foreach (var property in target.Properties)
            {
                if (property.PropertyName is null || (depth == 0 && !topLevelNames.Contains(property.PropertyName)))
                {
                    continue;
                }

                var path = prefix.Length == 0 ? property.PropertyName : prefix + "." + property.PropertyName;
                order.TryAdd(path, order.Count);
                Walk(property, path, depth + 1);
            }
        }

        Walk(pageModel, string.Empty, 0);
        return order;
    }

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex IndexerPattern();
}
