using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Probation.Web.Pages.Reports;

/// <summary>One value a chart draws: its label, and a percentage (null when there was nothing to count).</summary>
public sealed record ChartPoint(string Label, double? Percent);

/// <summary>
/// Charts drawn on the server as inline SVG, with no script and no library: a trend line and horizontal bars, both on
/// a 0–100% scale. Each is an image with an accessible name (its title) and a description that points to the table
/// holding the same numbers, which the page always puts beside it. Colours and sizes are SVG attributes, not styles,
/// so the content security policy leaves them alone.
/// </summary>
public static class Charts
{
    private const string Blue = "#1d70b8";
    private const string Grey = "#b1b4b6";
    private const string Text = "#0b0c0c";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A line of percentages by period (months), broken where a period had nothing to count.</summary>
    public static IHtmlContent Trend(string id, string title, string tableName, IReadOnlyList<ChartPoint> points)
    {
        const double width = 640, height = 260, left = 52, right = 30, top = 16, bottom = 44;
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        var step = points.Count > 1 ? plotWidth / (points.Count - 1) : 0;
        double X(int i) => points.Count > 1 ? left + (i * step) : left + (plotWidth / 2);
        double Y(double percent) => top + (plotHeight * (1 - (Math.Clamp(percent, 0, 100) / 100)));

        var svg = Open(id, width, height, title, $"A line chart of the percentage each month. The numbers are in the table {tableName}.");
        Axis(svg, left, width - right, Y);

        // Every month is labelled when there is room; with many months, every second or third.
        var every = points.Count <= 12 ? 1 : points.Count <= 24 ? 2 : 3;
        for (var i = 0; i < points.Count; i++)
        {
            if (i % every == 0)
            {
                svg.Append(Inv, $"<text x=\"{X(i):0.#}\" y=\"{height - bottom + 18:0.#}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Text}\">{Encode(points[i].Label)}</text>");
            }
        }

        var segment = new List<string>();
        void Flush()
        {
            if (segment.Count > 1)
            {
                svg.Append(Inv, $"<polyline points=\"{string.Join(" ", segment)}\" fill=\"none\" stroke=\"{Blue}\" stroke-width=\"3\"/>");
            }

            segment.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Percent is { } p)
            {
                segment.Add(string.Create(Inv, $"{X(i):0.#},{Y(p):0.#}"));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Percent is { } p)
            {
                svg.Append(Inv, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(p):0.#}\" r=\"4\" fill=\"{Blue}\"/>");
            }
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars of percentages, one a row, with reference lines (the rating bands' boundaries) marked.</summary>
    public static IHtmlContent Bars(string id, string title, string tableName, IReadOnlyList<ChartPoint> bars, IReadOnlyList<int> marks, double width = 640)
    {
        const double right = 56, top = 28, row = 30, barHeight = 18;
        var labelWidth = Math.Round(width * 0.3);
        var height = top + (row * Math.Max(1, bars.Count)) + 8;
        var plotWidth = width - labelWidth - right;
        double X(double percent) => labelWidth + (plotWidth * Math.Clamp(percent, 0, 100) / 100);

        var svg = Open(id, width, height, title, $"A bar chart of percentages{(marks.Count == 0 ? "" : ", with lines at " + string.Join(", ", marks.Select(m => m.ToString(Inv) + "%")))}. The numbers are in the table {tableName}.");
        svg.Append(Inv, $"<line x1=\"{X(0):0.#}\" y1=\"{top - 6:0.#}\" x2=\"{X(0):0.#}\" y2=\"{height - 8:0.#}\" stroke=\"{Text}\" stroke-width=\"1\"/>");
        foreach (var m in marks)
        {
            svg.Append(Inv, $"<line x1=\"{X(m):0.#}\" y1=\"{top - 6:0.#}\" x2=\"{X(m):0.#}\" y2=\"{height - 8:0.#}\" stroke=\"{Grey}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>");
            svg.Append(Inv, $"<text x=\"{X(m):0.#}\" y=\"{top - 10:0.#}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Text}\">{m}%</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var y = top + (i * row);
            var fits = (int)(labelWidth / 6.5);
            var label = bars[i].Label.Length > fits ? bars[i].Label[..(fits - 1)] + "…" : bars[i].Label;
            svg.Append(Inv, $"<text x=\"{labelWidth - 8:0.#}\" y=\"{y + (barHeight / 2) + 4:0.#}\" text-anchor=\"end\" font-size=\"13\" fill=\"{Text}\">{Encode(label)}</text>");
            if (bars[i].Percent is { } p)
            {
                svg.Append(Inv, $"<rect x=\"{X(0):0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(1, X(p) - X(0)):0.#}\" height=\"{barHeight:0.#}\" fill=\"{Blue}\"/>");
                svg.Append(Inv, $"<text x=\"{X(p) + 6:0.#}\" y=\"{y + (barHeight / 2) + 4:0.#}\" font-size=\"13\" fill=\"{Text}\">{p.ToString("0.#", Inv)}%</text>");
            }
            else
            {
                svg.Append(Inv, $"<text x=\"{X(0) + 6:0.#}\" y=\"{y + (barHeight / 2) + 4:0.#}\" font-size=\"13\" fill=\"{Text}\">none to count</text>");
            }
        }

        return Close(svg);
    }

    /// <summary>A single bar for a row of a table (a share of 100%), drawn with attributes so it survives the content security policy.</summary>
    public static IHtmlContent RowBar(double percent) => new HtmlString(string.Create(Inv,
        $"<svg class=\"app-row-bar\" width=\"100%\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"0\" y=\"0\" width=\"{Math.Clamp(percent, 0, 100):0.#}%\" height=\"16\" fill=\"{Blue}\"/></svg>"));

    private static StringBuilder Open(string id, double width, double height, string title, string description)
    {
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg class=\"app-chart\" id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title\" aria-describedby=\"{Encode(id)}-desc\" viewBox=\"0 0 {width:0.#} {height:0.#}\" width=\"100%\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(Inv, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title><desc id=\"{Encode(id)}-desc\">{Encode(description)}</desc>");
        return svg;
    }

    /// <summary>The 0–100% scale: gridlines and labels every 25%.</summary>
    private static void Axis(StringBuilder svg, double from, double to, Func<double, double> y)
    {
        foreach (var p in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Append(Inv, $"<line x1=\"{from:0.#}\" y1=\"{y(p):0.#}\" x2=\"{to:0.#}\" y2=\"{y(p):0.#}\" stroke=\"{(p == 0 ? Text : Grey)}\" stroke-width=\"1\"/>");
            svg.Append(Inv, $"<text x=\"{from - 6:0.#}\" y=\"{y(p) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Text}\">{p}%</text>");
        }
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
