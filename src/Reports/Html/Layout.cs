using System.Text;

namespace CrmExtensions.Reports.Html;

/// <summary>The page shell: inline CSS, navigation, no script and nothing loaded from elsewhere.</summary>
internal static class Layout
{
    public const string NotRecorded = "<span class=\"not-recorded\">not recorded</span>";

    private const string Css = """
        :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212529; }
        body { margin: 0; background: #f8f9fa; }
        header { background: #1d2b3a; color: #fff; padding: 12px 24px; display: flex; flex-wrap: wrap; gap: 24px; align-items: baseline; }
        header h1 { font-size: 1.25rem; margin: 0; }
        header nav a { color: #cfe2ff; margin-right: 16px; text-decoration: none; font-weight: 600; }
        header nav a[aria-current="page"] { color: #fff; border-bottom: 2px solid #fff; }
        header .read-at { color: #adb5bd; font-size: .85rem; margin-left: auto; }
        main { max-width: 1240px; margin: 0 auto; padding: 16px 24px 48px; }
        section.page { margin-bottom: 48px; }
        h2 { font-size: 1.3rem; border-bottom: 1px solid #dee2e6; padding-bottom: 4px; margin-top: 32px; }
        h3 { font-size: 1.08rem; margin: 24px 0 8px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
        .card { background: #fff; border: 1px solid #dee2e6; border-radius: 6px; padding: 12px 14px; }
        .card h4 { margin: 0 0 6px; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #6c757d; }
        .card .figure { font-size: 1.5rem; font-weight: 650; }
        .card p { margin: 4px 0; }
        table { border-collapse: collapse; background: #fff; margin: 8px 0 16px; font-size: .9rem; }
        th, td { border: 1px solid #dee2e6; padding: 5px 9px; text-align: left; vertical-align: top; }
        th { background: #e9ecef; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .status-succeeded { color: #2b8a3e; font-weight: 600; }
        .status-failed { color: #c92a2a; font-weight: 600; }
        .status-partial { color: #e67700; font-weight: 600; }
        .status-running { color: #1f6feb; font-weight: 600; }
        .badge { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: .8rem; font-weight: 600; background: #e9ecef; }
        .badge.champion { background: #d3f9d8; color: #2b8a3e; }
        .badge.challenger { background: #fff3bf; color: #8d6e00; }
        .error { color: #a61e4d; }
        .not-recorded { color: #868e96; font-style: italic; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
        figure.chart { background: #fff; border: 1px solid #dee2e6; border-radius: 6px; margin: 0; padding: 8px; }
        figure.chart svg { width: 100%; height: auto; display: block; }
        figure.chart figcaption { font-size: .82rem; color: #495057; padding: 4px 6px; }
        figure.missing { background: #fff; border: 1px dashed #ced4da; border-radius: 6px; margin: 0; padding: 16px; }
        svg .tick { font-size: 11px; fill: #495057; }
        svg .axis { font-size: 12px; fill: #212529; }
        ul.legend { list-style: none; margin: 4px 6px 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .82rem; }
        ul.legend .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px; border-radius: 2px; }
        .muted { color: #6c757d; }
        """;

    /// <summary>A whole HTML document around the given sections.</summary>
    public static string Document(string title, ReportPage? current, bool singleFile, DateTimeOffset readAt, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // An empty icon: no favicon request, so nothing is fetched and no 404 reaches the console.
        html.Append("<link rel=\"icon\" href=\"data:,\">");
        html.Append("<title>").Append(Text.Encode(title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        html.Append("<header><h1>CrmExtensions report</h1><nav>");
        foreach (var (page, label) in new[] { (ReportPage.Overview, "Overview"), (ReportPage.Models, "Models"), (ReportPage.Segments, "Segments") })
        {
            var href = singleFile ? "#" + Anchor(page) : page switch { ReportPage.Overview => "./", _ => Anchor(page) };
            html.Append("<a href=\"").Append(href).Append('"').Append(page == current ? " aria-current=\"page\"" : string.Empty).Append('>')
                .Append(label).Append("</a>");
        }

        html.Append("</nav><span class=\"read-at\">Read from the store at ").Append(Text.Time(readAt)).Append("</span></header><main>");
        html.Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    public static string Anchor(ReportPage page) => page.ToString().ToLowerInvariant();

    /// <summary>A placeholder where a chart would be, saying what is missing (never an invented chart).</summary>
    public static string MissingChart(string chart, string title, string why) =>
        $"<figure class=\"missing\" data-chart-missing=\"{Text.Encode(chart)}\"><strong>{Text.Encode(title)}</strong>: {NotRecorded}<br><span class=\"muted\">{Text.Encode(why)}</span></figure>";
}
