using System.Globalization;
using System.Text;
using CrmExtensions.Reports.Data;

namespace CrmExtensions.Reports.Html;

/// <summary>The segments page: size and profile of each named segment, with charts comparing them.</summary>
internal static class SegmentsHtml
{
    public static string Body(ReportData data)
    {
        var html = new StringBuilder();
        html.Append("<section class=\"page\" id=\"segments\"><h2 class=\"page-title\">Segments</h2>");
        if (data.Segmentations.Count == 0)
        {
            html.Append("<p>No segmentation is in the store: ").Append(Layout.NotRecorded).Append(".</p>");
        }

        foreach (var segmentation in data.Segmentations)
        {
            Segmentation(html, segmentation);
        }

        return html.Append("</section>").ToString();
    }

    private static void Segmentation(StringBuilder html, SegmentationReport report)
    {
        var model = report.Model;
        html.Append("<article class=\"segmentation\" data-model=\"").Append(Text.Encode(model.Name)).Append("\"><h3>").Append(Text.Encode(model.Name))
            .Append(" <span class=\"muted\">v").Append(model.Version.ToString(CultureInfo.InvariantCulture)).Append(", org ").Append(Text.Encode(model.Org.Value))
            .Append(", trained ").Append(Text.Time(model.TrainedAt)).Append("</span></h3>");
        if (report.Profiles.Count == 0)
        {
            html.Append("<p>This version stored no segment profiles: ").Append(Layout.NotRecorded).Append(".</p></article>");
            return;
        }

        var largest = report.Largest!;
        var total = report.Profiles.Sum(p => p.Size);
        html.Append("<div class=\"cards\"><div class=\"card\"><h4>Largest segment</h4><p class=\"figure\" data-testid=\"largest-segment\">")
            .Append(Text.Encode(largest.Name)).Append("</p><p><span data-testid=\"largest-segment-size\">").Append(Text.Count(largest.Size))
            .Append("</span> of ").Append(Text.Count(total)).Append(" customers (").Append(Text.Percent(largest.Share)).Append(")</p></div>");
        html.Append("<div class=\"card\"><h4>Hold-out quality</h4><p>silhouette ")
            .Append(model.Metrics.Values.TryGetValue("silhouette", out var s) ? Text.Metric(s) : Layout.NotRecorded).Append("</p><p class=\"muted\">")
            .Append(Text.Encode(model.Metrics.Split)).Append("</p></div></div>");

        var features = report.Profiles.SelectMany(p => p.Medians.Keys).Distinct(StringComparer.Ordinal).ToList();
        html.Append("<table data-testid=\"segments\"><thead><tr><th>Segment</th><th>Customers</th><th>Share</th>");
        foreach (var feature in features)
        {
            html.Append("<th>median ").Append(Text.Encode(Feature(feature))).Append("</th>");
        }

        html.Append("<th>Commonest categories</th></tr></thead><tbody>");
        foreach (var profile in report.Profiles.OrderByDescending(p => p.Size))
        {
            html.Append("<tr data-segment=\"").Append(profile.Id.ToString(CultureInfo.InvariantCulture)).Append("\"><td>").Append(Text.Encode(profile.Name))
                .Append("</td><td class=\"num\">").Append(Text.Count(profile.Size)).Append("</td><td class=\"num\">").Append(Text.Percent(profile.Share)).Append("</td>");
            foreach (var feature in features)
            {
                html.Append("<td class=\"num\">").Append(profile.Medians.TryGetValue(feature, out var m) ? m.ToString("#,0.##", CultureInfo.InvariantCulture) : Layout.NotRecorded).Append("</td>");
            }

            html.Append("<td>").Append(profile.TopCategories.Count == 0 ? Layout.NotRecorded
                : Text.Encode(string.Join(", ", profile.TopCategories.Select(c => $"{c.Value} {Text.Percent(c.Share)}")))).Append("</td></tr>");
        }

        html.Append("</tbody></table><div class=\"charts\">");
        html.Append(Svg.Bars("segment-sizes", $"Customers per segment of {model.Name}", "customers",
            [.. report.Profiles.OrderByDescending(p => p.Size).Select(p => (p.Name, (double)p.Size))], null, "How many customers each segment holds."));

        // Each feature on its own 0–100 scale (the segment with the highest median = 100), so days, counts and money
        // compare on one axis and one extreme segment does not flatten the others.
        var comparable = features.Where(f => report.Profiles.Max(p => p.Medians.GetValueOrDefault(f)) > 0).ToList();
        html.Append(comparable.Count == 0
            ? Layout.MissingChart("segment-profiles", "Segment profiles", "No feature has a positive median in any segment.")
            : Svg.Grouped("segment-profiles", $"Segment profiles of {model.Name}", "median, highest segment = 100", [.. comparable.Select(ShortFeature)],
                [.. report.Profiles.OrderByDescending(p => p.Size).Select(p => (p.Name, comparable.Select(f => 100 * Math.Max(0, p.Medians.GetValueOrDefault(f)) / report.Profiles.Max(q => q.Medians.GetValueOrDefault(f))).ToArray()))],
                100, null, "Each segment's median of each feature, scaled so that the segment with the highest median is 100 (exact medians in the table)."));
        html.Append("</div></article>");
    }

    private static string ShortFeature(string name) => name switch
    {
        "recencyDays" => "recency",
        "frequency" => "purchases",
        "monetary" => "spend",
        "tenureDays" => "tenure",
        _ => name,
    };

    private static string Feature(string name) => name switch
    {
        "recencyDays" => "days since last purchase",
        "frequency" => "purchases",
        "monetary" => "spend",
        "tenureDays" => "days since first purchase",
        _ => name,
    };
}
