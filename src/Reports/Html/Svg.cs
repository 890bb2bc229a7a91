using System.Globalization;
using System.Text;

namespace CrmExtensions.Reports.Html;

/// <summary>
/// Inline SVG charts: no script, no external file, readable at laptop width. Every chart is a <c>figure</c> with a
/// <c>data-chart</c> name, an accessible title and a caption, so people and tests can find it.
/// </summary>
internal static partial class Svg
{
    private const double Width = 520, Height = 320, Left = 62, Right = 16, Top = 16, Bottom = 52;
    private static readonly string[] Palette = ["#1f6feb", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285", "#c2255c", "#5c940d"];

    /// <summary>A line chart over fixed axes, optionally with the y = x diagonal (ROC, calibration, predicted vs actual).</summary>
    public static string Line(string chart, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series,
        (double Min, double Max) x, (double Min, double Max) y, bool diagonal, string caption)
    {
        var svg = Open(chart, title);
        Axes(svg, xLabel, yLabel, x, y);
        if (diagonal)
        {
            var lo = Math.Max(x.Min, y.Min);
            var hi = Math.Min(x.Max, y.Max);
            svg.Append(F($"<line class=\"reference\" x1=\"{Px(lo, x)}\" y1=\"{Py(lo, y)}\" x2=\"{Px(hi, x)}\" y2=\"{Py(hi, y)}\" stroke=\"#868e96\" stroke-dasharray=\"5 4\"/>"));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var points = string.Join(' ', series[s].Points.Select(p => F($"{Px(p.X, x):0.#},{Py(p.Y, y):0.#}")));
            svg.Append(F($"<polyline class=\"series\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.2\" points=\"{points}\"><title>{Text.Encode(series[s].Name)}</title></polyline>"));
            if (series[s].Markers)
            {
                foreach (var (px, py) in series[s].Points)
                {
                    svg.Append(F($"<circle cx=\"{Px(px, x):0.#}\" cy=\"{Py(py, y):0.#}\" r=\"3.5\" fill=\"{colour}\"><title>{Text.Encode(series[s].Name)}: {px:0.###}, {py:0.###}</title></circle>"));
                }
            }
        }

        return Close(svg, caption, [.. series.Select(s => s.Name)]);
    }

    /// <summary>Vertical bars per label, optionally with a horizontal reference line (lift 1 = no better than random).</summary>
    public static string Bars(string chart, string title, string yLabel, IReadOnlyList<(string Label, double Value)> bars, double? reference, string caption)
    {
        var max = Nice(Math.Max(bars.Count == 0 ? 1 : bars.Max(b => b.Value), reference ?? 0));
        return Grouped(chart, title, yLabel, [.. bars.Select(b => b.Label)], [(string.Empty, [.. bars.Select(b => b.Value)])], max, reference, caption);
    }

    /// <summary>Groups of bars: one group per label, one bar per series, with a legend when there are several series.</summary>
    public static string Grouped(string chart, string title, string yLabel, IReadOnlyList<string> groups,
        IReadOnlyList<(string Name, double[] Values)> series, double? max, double? reference, string caption)
    {
        var top = max ?? Nice(Math.Max(reference ?? 0, series.SelectMany(s => s.Values).DefaultIfEmpty(1).Max()));
        var y = (0.0, top);
        var svg = Open(chart, title);
        Axes(svg, null, yLabel, null, y);
        var plot = Width - Left - Right;
        var slot = plot / Math.Max(groups.Count, 1);
        var barWidth = slot * 0.8 / Math.Max(series.Count, 1);
        var slanted = groups.Any(g => Math.Min(g.Length, 16) * 6.2 > slot);
        for (var g = 0; g < groups.Count; g++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[g];
                var x0 = Left + (g * slot) + (slot * 0.1) + (s * barWidth);
                var y0 = Py(Math.Max(0, value), y);
                var name = series[s].Name.Length > 0 ? $"{series[s].Name} — " : string.Empty;
                svg.Append(F($"<rect class=\"bar\" x=\"{x0:0.#}\" y=\"{y0:0.#}\" width=\"{barWidth - 1:0.#}\" height=\"{Py(0, y) - y0:0.#}\" fill=\"{Palette[(series.Count == 1 ? 0 : s) % Palette.Length]}\"><title>{Text.Encode(name + groups[g])}: {value:#,0.###}</title></rect>"));
            }

            // Labels that would run into their neighbours are slanted (about 6 px per character at the tick size).
            var room = slanted ? 12 : 16;
            var label = groups[g].Length > room ? groups[g][..(room - 1)] + "…" : groups[g];
            var centre = Left + (g * slot) + (slot / 2);
            svg.Append(slanted
                ? F($"<text x=\"{centre:0.#}\" y=\"{Height - Bottom + 12}\" text-anchor=\"end\" transform=\"rotate(-30 {centre:0.#} {Height - Bottom + 12})\" class=\"tick\"><title>{Text.Encode(groups[g])}</title>{Text.Encode(label)}</text>")
                : F($"<text x=\"{centre:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" class=\"tick\">{Text.Encode(label)}</text>"));
        }

        if (reference is { } line)
        {
            svg.Append(F($"<line class=\"reference\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(line, y):0.#}\" y2=\"{Py(line, y):0.#}\" stroke=\"#868e96\" stroke-dasharray=\"5 4\"/>"));
        }

        return Close(svg, caption, series.Count > 1 ? [.. series.Select(s => s.Name)] : []);
    }

    private static StringBuilder Open(string chart, string title, double height = Height, double width = Width)
    {
        var svg = new StringBuilder();
        svg.Append(F($"<figure class=\"chart\" data-chart=\"{Text.Encode(chart)}\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Text.Encode(title)}\">"));
        svg.Append(F($"<title>{Text.Encode(title)}</title>"));
        return svg;
    }

    // The legend is HTML under the chart, so long names (segments) wrap and never cover the data.
    private static string Close(StringBuilder svg, string caption, IReadOnlyList<string> legend)
    {
        svg.Append("</svg>");
        if (legend.Count > 0)
        {
            svg.Append("<ul class=\"legend\">");
            for (var i = 0; i < legend.Count; i++)
            {
                svg.Append(F($"<li><span class=\"swatch\" style=\"background:{Palette[i % Palette.Length]}\"></span>{Text.Encode(legend[i])}</li>"));
            }

            svg.Append("</ul>");
        }

        return svg.Append(F($"<figcaption>{Text.Encode(caption)}</figcaption></figure>")).ToString();
    }

    private static void Axes(StringBuilder svg, string? xLabel, string yLabel, (double Min, double Max)? x, (double Min, double Max) y)
    {
        svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fff\" stroke=\"#ced4da\"/>"));
        for (var i = 0; i <= 4; i++)
        {
            var v = y.Min + ((y.Max - y.Min) * i / 4);
            svg.Append(F($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(v, y):0.#}\" y2=\"{Py(v, y):0.#}\" stroke=\"#f1f3f5\"/>"));
            svg.Append(F($"<text x=\"{Left - 6}\" y=\"{Py(v, y) + 4:0.#}\" text-anchor=\"end\" class=\"tick\">{Tick(v)}</text>"));
            if (x is { } xs)
            {
                var u = xs.Min + ((xs.Max - xs.Min) * i / 4);
                svg.Append(F($"<text x=\"{Px(u, xs):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" class=\"tick\">{Tick(u)}</text>"));
            }
        }

        if (xLabel is not null)
        {
            svg.Append(F($"<text x=\"{Left + ((Width - Left - Right) / 2):0.#}\" y=\"{Height - 12}\" text-anchor=\"middle\" class=\"axis\">{Text.Encode(xLabel)}</text>"));
        }

        svg.Append(F($"<text transform=\"translate(14 {Top + ((Height - Top - Bottom) / 2):0.#}) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">{Text.Encode(yLabel)}</text>"));
    }

    private static double Px(double value, (double Min, double Max) x) =>
        Left + ((Width - Left - Right) * (Math.Clamp(value, x.Min, x.Max) - x.Min) / Math.Max(x.Max - x.Min, 1e-12));

    private static double Py(double value, (double Min, double Max) y) =>
        Height - Bottom - ((Height - Top - Bottom) * (Math.Clamp(value, y.Min, y.Max) - y.Min) / Math.Max(y.Max - y.Min, 1e-12));

    /// <summary>A round upper bound for an axis (1, 2, 2.5 or 5 times a power of ten).</summary>
    public static double Nice(double max)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(v => v >= max);
    }

    private static string Tick(double v) => Math.Abs(v) >= 10_000
        ? F($"{v / 1000:#,0.#}k")
        : F($"{v:#,0.##}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
