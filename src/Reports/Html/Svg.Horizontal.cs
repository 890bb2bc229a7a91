namespace CrmExtensions.Reports.Html;

/// <summary>Charts whose labels are long (field names) or that show one figure against its limit.</summary>
internal static partial class Svg
{
    private const double LabelWidth = 190, RowHeight = 26;

    /// <summary>One horizontal bar per label, largest first as given, labels written beside the bars; values are shares (0–1).</summary>
    public static string HorizontalBars(string chart, string title, string xLabel, IReadOnlyList<(string Label, double Value)> bars, string caption)
    {
        var height = Top + (RowHeight * Math.Max(bars.Count, 1)) + 40;
        var max = Nice(bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var plot = Width - LabelWidth - Right;
        var svg = Open(chart, title, height);
        for (var i = 0; i <= 4; i++)
        {
            var x = LabelWidth + (plot * i / 4);
            svg.Append(F($"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{height - 34:0.#}\" stroke=\"#f1f3f5\"/>"));
            svg.Append(F($"<text x=\"{x:0.#}\" y=\"{height - 20:0.#}\" text-anchor=\"middle\" class=\"tick\">{max * i / 4:0.##%}</text>"));
        }

        for (var b = 0; b < bars.Count; b++)
        {
            var y = Top + (b * RowHeight);
            var width = plot * Math.Clamp(bars[b].Value / max, 0, 1);
            var label = bars[b].Label.Length > 28 ? bars[b].Label[..27] + "…" : bars[b].Label;
            svg.Append(F($"<text x=\"{LabelWidth - 8}\" y=\"{y + (RowHeight / 2) + 4:0.#}\" text-anchor=\"end\" class=\"tick\">{Text.Encode(label)}</text>"));
            svg.Append(F($"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y + 4:0.#}\" width=\"{Math.Max(width, 1):0.#}\" height=\"{RowHeight - 8}\" fill=\"{Palette[0]}\"><title>{Text.Encode(bars[b].Label)}: {bars[b].Value:0.0%}</title></rect>"));
        }

        svg.Append(F($"<text x=\"{LabelWidth + (plot / 2):0.#}\" y=\"{height - 4:0.#}\" text-anchor=\"middle\" class=\"axis\">{Text.Encode(xLabel)}</text>"));
        return Close(svg, caption, []);
    }

    /// <summary>One figure against its limit as a filled bar (API requests used of the daily allocation); narrow, for a card.</summary>
    public static string Meter(string chart, string title, long used, long max, string caption)
    {
        const double width = 360, height = 60;
        var plot = width - 24;
        var share = max > 0 ? Math.Clamp((double)used / max, 0, 1) : 0;
        var svg = Open(chart, title, height, width);
        svg.Append(F($"<rect x=\"12\" y=\"10\" width=\"{plot}\" height=\"20\" rx=\"4\" fill=\"#e9ecef\"/>"));
        var colour = share >= 0.8 ? "#c92a2a" : share >= 0.5 ? "#e67700" : Palette[2];
        svg.Append(F($"<rect class=\"bar\" x=\"12\" y=\"10\" width=\"{Math.Max(plot * share, 2):0.#}\" height=\"20\" rx=\"4\" fill=\"{colour}\"><title>{used:#,0} of {max:#,0} ({share:0.00%})</title></rect>"));
        svg.Append(F($"<text x=\"12\" y=\"48\" class=\"tick\">0</text><text x=\"{width - 12}\" y=\"48\" text-anchor=\"end\" class=\"tick\">{max:#,0} a day</text>"));
        return Close(svg, caption, []);
    }
}
