using System.Text;
using CrmExtensions.Reports.Data;

namespace CrmExtensions.Reports.Html;

/// <summary>
/// The case (ticket) part of a category model: how often it would set a case's value itself, suggest it or leave it
/// for review, how often an agent would have to correct it, and precision and recall per category and per language,
/// all on hold-out cases people labelled.
/// </summary>
internal static class CasesHtml
{
    private static readonly Dictionary<string, string> Languages = new(StringComparer.Ordinal)
    {
        ["latin"] = "Latin script", ["zh"] = "Chinese", ["ja"] = "Japanese", ["ko"] = "Korean", ["cyrillic"] = "Cyrillic script",
        ["other"] = "other scripts", ["none"] = "no text",
    };

    /// <summary>Cards, tables and charts; says "not recorded" when the version stored no per-category figures.</summary>
    public static void Append(StringBuilder html, ModelReport model)
    {
        var values = model.Shown.Metrics.Values;
        var d = model.Details;
        html.Append("<div class=\"cards\"><div class=\"card\" data-testid=\"tiers\"><h4>What it would do with a case</h4>");
        Share(html, "set automatically", "tier-auto", values, "autoShare");
        Share(html, "suggested to the agent", "tier-suggest", values, "suggestShare");
        Share(html, "left for review", "tier-review", values, "abstainShare");
        html.Append("</div><div class=\"card\"><h4>Corrections</h4><p>Correction rate: <strong data-testid=\"correction-rate\">")
            .Append(values.TryGetValue("correctionRate", out var correction) ? Text.Percent(correction) : Layout.NotRecorded)
            .Append("</strong></p><p class=\"muted\">Of the values it would write (set or suggested), the share an agent would have to change.</p>")
            .Append("<p>Right when set automatically: ").Append(values.TryGetValue("autoPrecision", out var auto) ? Text.Percent(auto) : Layout.NotRecorded)
            .Append("</p></div></div>");

        if (d.PerCategory.Count == 0)
        {
            html.Append("<div class=\"charts\">")
                .Append(Layout.MissingChart("per-category", "Precision and recall per category", "This version stored no per-category figures (trained before they were recorded)."))
                .Append("</div>");
            return;
        }

        Table(html, "per-category", "Category", d.PerCategory, static n => n);
        Table(html, "per-language", "Language", d.PerLanguage, Language);
        html.Append("<div class=\"charts\">");
        html.Append(Svg.Grouped("per-category", $"Precision and recall per category of {model.Name}", "share", [.. d.PerCategory.Select(c => c.Name)],
            [("precision", [.. d.PerCategory.Select(c => c.Precision ?? 0)]), ("recall", [.. d.PerCategory.Select(c => c.Recall ?? 0)])], 1, null,
            "Hold-out cases people categorised. Precision: of cases the model put in the category, the share that belong there; recall: of the category's cases, the share it found. No bar: no case was put in it."));
        html.Append(d.PerLanguage.Count == 0
            ? Layout.MissingChart("per-language", "Precision and recall per language", "This version stored no per-language figures.")
            : Svg.Grouped("per-language", $"Precision and recall per language of {model.Name}", "share", [.. d.PerLanguage.Select(l => Language(l.Name))],
                [("precision", [.. d.PerLanguage.Select(l => l.Precision ?? 0)]), ("recall", [.. d.PerLanguage.Select(l => l.Recall ?? 0)]), ("F1", [.. d.PerLanguage.Select(l => l.F1 ?? 0)])], 1, null,
                "The same hold-out cases by the script their text is written in (macro means over the categories)."));
        html.Append(Svg.Grouped("tiers", $"What {model.Name} would do with cases", "share of hold-out cases", ["set automatically", "suggested", "left for review"],
            [("all cases", [values.GetValueOrDefault("autoShare"), values.GetValueOrDefault("suggestShare"), values.GetValueOrDefault("abstainShare")])], 1, null,
            "Set automatically: confident enough to write the value; suggested: written as a suggestion the agent confirms; left for review: the model abstains (\"needs review\")."));
        html.Append("</div>");
    }

    private static void Share(StringBuilder html, string label, string testId, IReadOnlyDictionary<string, double> values, string name) =>
        html.Append("<p>").Append(label).Append(": <strong data-testid=\"").Append(testId).Append("\">")
            .Append(values.TryGetValue(name, out var share) ? Text.Percent(share) : Layout.NotRecorded).Append("</strong></p>");

    private static void Table(StringBuilder html, string testId, string heading, IReadOnlyList<CaseGroup> groups, Func<string, string> name)
    {
        html.Append("<table data-testid=\"").Append(testId).Append("\"><thead><tr><th>").Append(heading)
            .Append("</th><th>Cases</th><th>Precision</th><th>Recall</th><th>F1</th><th>Set automatically</th><th>Left for review</th><th>Correction rate</th></tr></thead><tbody>");
        foreach (var group in groups)
        {
            html.Append("<tr data-group=\"").Append(Text.Encode(group.Name)).Append("\"><td>").Append(Text.Encode(name(group.Name))).Append("</td><td class=\"num\">")
                .Append(Text.Count(group.Cases)).Append("</td>");
            foreach (var figure in new[] { group.Precision, group.Recall, group.F1 })
            {
                html.Append("<td class=\"num\">").Append(figure is { } f ? Text.Metric(f) : "n/a").Append("</td>");
            }

            foreach (var share in new[] { group.AutoShare, group.AbstainShare, group.CorrectionRate })
            {
                html.Append("<td class=\"num\">").Append(share is { } s ? Text.Percent(s) : "n/a").Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Language(string code) => Languages.GetValueOrDefault(code, code);
}
