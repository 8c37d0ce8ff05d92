using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Probation.Web.Tests;

/// <summary>One named control of a form: its kind (text, hidden, radio, checkbox, select, textarea...), its value as drawn, and the choices it offers.</summary>
public sealed record FormField(string Name, string Kind, string Value, bool Selected, IReadOnlyList<string> Choices);

/// <summary>A form as a page draws it: where it posts, with which method, and its named controls in order.</summary>
public sealed record PageForm(string Action, string Method, IReadOnlyList<FormField> Fields)
{
    public IReadOnlySet<string> Names { get; } = Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The names of its submit buttons: a browser sends the one pressed, with its value.</summary>
    public IReadOnlySet<string> Buttons { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether a control of the form, a submit button included, has the name.</summary>
    public bool Has(string name) => Names.Contains(name) || Buttons.Contains(name);

    /// <summary>What a browser sends untouched: hidden and typed fields as they stand, checked choices, each list's selected option.</summary>
    public List<KeyValuePair<string, string>> AsSent() =>
        Fields.Where(f => f.Kind is not ("radio" or "checkbox") || f.Selected).Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();

    /// <summary>What a browser sends once <paramref name="set"/> is entered: <see cref="AsSent()"/>, with each name given sent with the value given instead.</summary>
    public List<KeyValuePair<string, string>> AsSent(IEnumerable<(string Name, string Value)> set)
    {
        var given = set.Select(s => KeyValuePair.Create(s.Name, s.Value)).ToList();
        var names = given.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. AsSent().Where(v => !names.Contains(v.Key)), .. given];
    }

    /// <summary>
    /// What a person filling the form in would send: what the page drew, and in every blank a plausible answer (today's
    /// date in date boxes, a time in time boxes, a number where the name asks for one, some words elsewhere, the first
    /// choice of a list or radio group left empty).
    /// </summary>
    public List<KeyValuePair<string, string>> Filled(DateOnly today)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var group in Fields.GroupBy(f => f.Name))
        {
            var first = group.First();
            if (first.Kind == "checkbox")
            {
                values.AddRange(group.Where(f => f.Selected).Select(f => KeyValuePair.Create(f.Name, f.Value)));
                continue;
            }

            var value = first.Kind == "radio" ? group.FirstOrDefault(f => f.Selected)?.Value ?? first.Value : first.Value;
            if (string.IsNullOrWhiteSpace(value) && first.Kind != "hidden")
            {
                value = first.Choices.FirstOrDefault(c => c.Length > 0) ?? Answer(first.Name, today);
            }

            values.Add(KeyValuePair.Create(first.Name, value));
        }

        return values;
    }

    private static string Answer(string name, DateOnly today)
    {
        var last = name[(name.LastIndexOf('.') + 1)..];
        return last switch
        {
            "Day" => today.Day.ToString(CultureInfo.InvariantCulture),
            "Month" => today.Month.ToString(CultureInfo.InvariantCulture),
            "Year" => today.Year.ToString(CultureInfo.InvariantCulture),
            _ when last.Contains("Time", StringComparison.Ordinal) || last.EndsWith("At", StringComparison.Ordinal) => "10:00",
            _ when last.EndsWith("Id", StringComparison.Ordinal) || last.Contains("Hours", StringComparison.Ordinal) || last.Contains("Minutes", StringComparison.Ordinal)
                || last.Contains("Count", StringComparison.Ordinal) || last.Contains("Capacity", StringComparison.Ordinal) || last.Contains("Months", StringComparison.Ordinal)
                || last.Contains("Days", StringComparison.Ordinal) || last.Contains("Score", StringComparison.Ordinal) || last.Contains("Priority", StringComparison.Ordinal)
                || last is "Cases" or "Asked" or "AnsweredYes" or "Yes" or "No" or "NotApplicable" => "1",
            _ => "Seen in the office and the plan was discussed",
        };
    }
}

/// <summary>Reads the forms of a page the way a browser does, for tests that fill them in.</summary>
public static class PageForms
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The forms of <paramref name="html"/>, each with its action resolved against <paramref name="pageUrl"/>.</summary>
    public static IReadOnlyList<PageForm> Read(string html, string pageUrl) => Read(Parser.ParseDocument(html), pageUrl);

    public static IReadOnlyList<PageForm> Read(IHtmlDocument document, string pageUrl) =>
        document.QuerySelectorAll("form").OfType<IHtmlFormElement>().Select(form =>
        {
            var action = form.GetAttribute("action");
            var method = (form.GetAttribute("method") ?? "get").ToUpperInvariant();
            var buttons = form.QuerySelectorAll("button[name], input[name][type=submit], input[name][type=image]").Select(b => b.GetAttribute("name")!);
            return new PageForm(string.IsNullOrEmpty(action) ? pageUrl : action, method, Fields(form)) { Buttons = buttons.ToHashSet(StringComparer.Ordinal) };
        }).ToList();

    /// <summary>The first form that posts and has a control named <paramref name="name"/>, or null.</summary>
    public static PageForm? PostingWith(this IEnumerable<PageForm> forms, string name) =>
        forms.FirstOrDefault(f => f.Method == "POST" && f.Has(name));

    private static List<FormField> Fields(IElement form)
    {
        var fields = new List<FormField>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Type is not ("submit" or "button" or "image" or "reset" or "file"):
                    fields.Add(new FormField(input.Name!, input.Type, input.Value, input.IsChecked, []));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    fields.Add(new FormField(select.Name!, "select", chosen?.Value ?? string.Empty, true, select.Options.Select(o => o.Value).ToList()));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new FormField(area.Name!, "textarea", area.Value, true, []));
                    break;
            }
        }

        // A radio group's choices belong to each of its buttons, so that a blank group can be answered with its first.
        var radios = fields.Where(f => f.Kind == "radio").GroupBy(f => f.Name).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Value).ToList());
        return fields.Select(f => f.Kind == "radio" ? f with { Choices = radios[f.Name] } : f).ToList();
    }
}
