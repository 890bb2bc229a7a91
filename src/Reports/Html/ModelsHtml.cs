using System.Globalization;
using System.Text;
using CrmExtensions.Reports.Data;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Reports.Html;

/// <summary>The models page: versions with champion/challenger status and why, hold-out metrics and charts.</summary>
internal static class ModelsHtml
{
    // The figures shown in the versions table, per kind, in this order (all figures are in the hold-out table).
    private static readonly Dictionary<ModelKind, string[]> KeyFigures = new()
    {
        [ModelKind.Binary] = ["auc", "prAuc", "topDecileLift"],
        [ModelKind.Regression] = ["rmse", "mae", "r2"],
        [ModelKind.Multiclass] = ["accuracy", "macroF1", "correctionRate"],
        [ModelKind.Recommendation] = ["hitRate10", "ndcg10", "precision10"],
        [ModelKind.Segmentation] = ["silhouette"],
    };

    public static string Body(ReportData data)
    {
        var html = new StringBuilder();
        html.Append("<section class=\"page\" id=\"models\"><h2 class=\"page-title\">Models</h2>");
        html.Append("<p class=\"muted\">Every figure and chart is measured on hold-out records the model did not train on.</p>");
        if (data.Models.Count == 0)
        {
            html.Append("<p>No model has been trained yet (<code>crmx demo</code> or a train job registers them).</p>");
        }

        foreach (var model in data.Models)
        {
            Model(html, model);
        }

        return html.Append("</section>").ToString();
    }

    private static void Model(StringBuilder html, ModelReport model)
    {
        var shown = model.Shown;
        html.Append("<article class=\"model\" data-model=\"").Append(Text.Encode(model.Name)).Append("\" data-org=\"").Append(Text.Encode(model.Org.Value)).Append("\">");
        html.Append("<h3>").Append(Text.Encode(model.Name)).Append(CrmWords.Model(model.Name) is { } words ? " — " + Text.Encode(words) : string.Empty).Append(" <span class=\"badge\">").Append(Kind(shown.Kind)).Append("</span> <span class=\"muted\">org ")
            .Append(Text.Encode(model.Org.Value)).Append("</span></h3>");
        var champion = model.Versions.FirstOrDefault(v => v.Status == ModelStatus.Champion);
        html.Append("<div class=\"cards\"><div class=\"card\"><h4>Champion (scores records)</h4>");
        if (champion is null)
        {
            html.Append("<p>No champion: no version is scoring. The charts show the newest version, ").Append(Version(shown.Version)).Append(".</p>");
        }
        else
        {
            html.Append("<p class=\"figure\" data-testid=\"champion\">").Append(Text.Encode(model.Name)).Append(' ').Append(Version(champion.Version)).Append("</p>");
            var figure = KeyFigures.GetValueOrDefault(champion.Kind, []).FirstOrDefault();
            if (figure is not null)
            {
                html.Append("<p>Hold-out ").Append(Label(figure)).Append(": <strong data-testid=\"champion-").Append(figure.ToLowerInvariant()).Append("\">")
                    .Append(champion.Metrics.Values.TryGetValue(figure, out var value) ? Text.Metric(value) : Layout.NotRecorded).Append("</strong></p>");
            }

            html.Append("<p class=\"muted\">").Append(Text.Encode(champion.StatusReason ?? "no reason recorded")).Append("</p>");
        }

        html.Append("</div><div class=\"card\"><h4>Hold-out</h4><p>").Append(Text.Encode(shown.Metrics.Split)).Append("</p><p>")
            .Append(Text.Count(shown.Metrics.TrainRows)).Append(" rows trained on, ").Append(Text.Count(shown.Metrics.HoldoutRows))
            .Append(" measured on</p></div></div>");

        Versions(html, model);
        Figures(html, shown);
        Charts(html, model);
        html.Append("</article>");
    }

    private static void Versions(StringBuilder html, ModelReport model)
    {
        var figures = KeyFigures.GetValueOrDefault(model.Shown.Kind, []);
        html.Append("<h3>Versions</h3><table data-testid=\"versions\"><thead><tr><th>Version</th><th>Status</th><th>Why</th><th>Trained</th><th>Rows</th>");
        foreach (var figure in figures)
        {
            html.Append("<th>").Append(Label(figure)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var version in model.Versions)
        {
            var status = version.Status.ToString().ToLowerInvariant();
            html.Append("<tr data-version=\"").Append(version.Version.ToString(CultureInfo.InvariantCulture)).Append("\"><td>").Append(Version(version.Version))
                .Append("</td><td><span class=\"badge ").Append(status).Append("\">").Append(status).Append("</span></td><td>")
                .Append(version.StatusReason is { Length: > 0 } why ? Text.Encode(why) : Layout.NotRecorded).Append("</td><td>").Append(Text.Time(version.TrainedAt))
                .Append("</td><td class=\"num\">").Append(Text.Count(version.Rows)).Append("</td>");
            foreach (var figure in figures)
            {
                html.Append("<td class=\"num\">").Append(version.Metrics.Values.TryGetValue(figure, out var v) ? Text.Metric(v) : Layout.NotRecorded).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Figures(StringBuilder html, RegisteredModel shown)
    {
        html.Append("<h3>Hold-out figures of ").Append(Version(shown.Version)).Append("</h3><table data-testid=\"figures\"><tbody>");
        foreach (var (name, value) in shown.Metrics.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><th>").Append(Text.Encode(Label(name))).Append("</th><td class=\"num\">").Append(Text.Metric(value)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Charts(StringBuilder html, ModelReport model)
    {
        var d = model.Details;
        var v = Version(model.Shown.Version);
        html.Append("<div class=\"charts\">");
        switch (model.Shown.Kind)
        {
            case ModelKind.Binary:
                html.Append(d.Roc.Count == 0
                    ? Layout.MissingChart("roc", "ROC curve", $"{v} stored no ROC points (trained before they were recorded).")
                    : Svg.Line("roc", $"ROC curve of {model.Name} {v}", "false positive rate", "true positive rate",
                        [new ChartSeries(model.Name, [.. d.Roc.Select(p => (p.FalsePositiveRate, p.TruePositiveRate))])], (0, 1), (0, 1), diagonal: true,
                        $"Hold-out ROC; AUC {Figure(model.Shown, "auc")}. The dashed line is a random guess."));
                html.Append(d.Deciles.Count == 0
                    ? Layout.MissingChart("lift", "Lift by decile", $"{v} stored no decile table.")
                    : Svg.Bars("lift", $"Lift by decile of {model.Name} {v}", "lift", [.. d.Deciles.Select(x => ($"{x.Decile}", x.Lift))], 1,
                        "Hold-out records ranked by score, split into tenths (1 = highest scores): how many times the overall rate converts in each. Dashed: no lift."));
                html.Append(d.Deciles.Count == 0
                    ? Layout.MissingChart("gain", "Cumulative gain", $"{v} stored no decile table.")
                    : Svg.Line("gain", $"Cumulative gain of {model.Name} {v}", "share of records contacted (by score)", "share of all positives found",
                        [new ChartSeries(model.Name, [(0, 0), .. d.Deciles.Select(x => (x.Decile / 10.0, x.CumulativeGain))], Markers: true)], (0, 1), (0, 1), diagonal: true,
                        "Working down the list from the highest score: the share of all hold-out positives reached. Dashed: random order."));
                html.Append(d.Calibration.Count == 0
                    ? Layout.MissingChart("calibration", "Calibration", $"{v} stored no calibration table.")
                    : Svg.Line("calibration", $"Calibration of {model.Name} {v}", "predicted probability", "observed rate",
                        [new ChartSeries(model.Name, [.. d.Calibration.Select(b => (b.MeanPredicted, b.ObservedRate))], Markers: true)], (0, 1), (0, 1), diagonal: true,
                        "Hold-out records grouped by predicted probability: the rate that actually converted. On the dashed line a score means what it says."));
                break;
            case ModelKind.Regression:
                if (d.PredictedVsActual.Count == 0)
                {
                    html.Append(Layout.MissingChart("predicted-vs-actual", "Predicted vs actual", $"{v} stored no predicted-vs-actual table."));
                }
                else
                {
                    var hi = Svg.Nice(d.PredictedVsActual.Max(b => Math.Max(b.MeanPredicted, b.MeanActual)));
                    var lo = Math.Min(0, d.PredictedVsActual.Min(b => Math.Min(b.MeanPredicted, b.MeanActual)));
                    html.Append(Svg.Line("predicted-vs-actual", $"Predicted vs actual of {model.Name} {v}", "mean predicted", "mean actual",
                        [new ChartSeries(model.Name, [.. d.PredictedVsActual.Select(b => (b.MeanPredicted, b.MeanActual))], Markers: true)], (lo, hi), (lo, hi), diagonal: true,
                        "Hold-out records in tenths by prediction: mean prediction against mean actual value. Dashed: perfect agreement."));
                }

                break;
            case ModelKind.Multiclass:
                // Cases: cards, tables and charts of their own (closes and reopens the chart grid).
                html.Append("</div>");
                CasesHtml.Append(html, model);
                html.Append("<div class=\"charts\">");
                break;
            case ModelKind.Recommendation:
                html.Append(Baselines(model));
                break;
        }

        html.Append(d.TopFeatures.Count == 0
            ? Layout.MissingChart("top-features", "Top features", NoTopFeatures(model.Shown.Kind, v))
            : TopFeatures(model, d.TopFeatures, v));
        html.Append(Drift(model, d.Drift));
        html.Append("</div>");
    }

    // Horizontal bars: field names are long, so they are written beside the bars instead of under them.
    private static string TopFeatures(ModelReport model, IReadOnlyList<FeatureWeight> features, string version) =>
        Svg.HorizontalBars("top-features", $"Top features of {model.Name} {version}", "share of the model's contribution",
            [.. features.OrderByDescending(f => f.Importance).Take(10).Select(f => (f.Name, f.Importance))],
            "The fields the model leans on most: each field's share of the absolute contributions to the scores of the hold-out records (the same contributions the reasons show).");

    private static string NoTopFeatures(ModelKind kind, string version) => kind switch
    {
        ModelKind.Multiclass => "Case models read the words of the case: no per-field importance is stored.",
        ModelKind.Recommendation => "Recommendations come from order history, not fields: there are no features to rank.",
        _ => $"{version} stored no feature importance (trained before it was recorded, or scored by the transparent prior).",
    };

    // PSI per field over the scoring runs (oldest first); one measurement is drawn as bars. At most eight fields, those
    // with the highest latest PSI, so the chart stays readable; the dashed line is the usual "significant shift" (0.25).
    private static string Drift(ModelReport model, IReadOnlyList<DriftPoint> drift)
    {
        if (drift.Count == 0)
        {
            return Layout.MissingChart("drift", "Drift (PSI per field over time)", "No scoring run of this model stored drift figures.");
        }

        var times = drift.Select(p => p.MeasuredAt).Distinct().OrderBy(t => t).ToList();
        var latest = drift.GroupBy(p => p.Field, StringComparer.Ordinal).Select(g => (Field: g.Key, Psi: g.OrderBy(p => p.MeasuredAt).Last().Psi))
            .OrderByDescending(f => f.Psi).ThenBy(f => f.Field, StringComparer.Ordinal).Take(8).ToList();
        const string Caption = "Population stability index of each field between the rows scored and the training rows; above the dashed line (0.25) the field has drifted.";
        if (times.Count == 1)
        {
            return Svg.Bars("drift", $"Drift of {model.Name}", "PSI", [.. latest.Select(f => (f.Field, f.Psi))], 0.25, Caption);
        }

        var top = Svg.Nice(Math.Max(0.3, drift.Max(p => p.Psi)));
        var series = latest.Select(f => new ChartSeries(f.Field,
            [.. drift.Where(p => p.Field == f.Field).Select(p => ((double)times.IndexOf(p.MeasuredAt) + 1, p.Psi))], Markers: true)).ToList();
        return Svg.Line("drift", $"Drift of {model.Name} over {times.Count} scoring runs", "scoring run (oldest first)", "PSI", series,
            (1, times.Count), (0, top), diagonal: false, Caption + (times[0] is { } first && times[^1] is { } last ? $" Runs from {Text.Time(first)} to {Text.Time(last)}." : string.Empty));
    }

    // Recommendation figures stored next to their baselines' (hitRate10 and hitRate10_popularity, …): the model against
    // each baseline measured on the same hold-out.
    private static string Baselines(ModelReport model)
    {
        var values = model.Shown.Metrics.Values;
        string[] figures = ["hitRate10", "ndcg10", "precision10"];
        var baselines = values.Keys.Where(k => k.StartsWith("hitRate10_", StringComparison.Ordinal)).Select(k => k["hitRate10_".Length..])
            .OrderBy(b => b, StringComparer.Ordinal).ToList();
        if (!values.ContainsKey("hitRate10") || baselines.Count == 0)
        {
            return Layout.MissingChart("hit-rate", "Hit-rate@10 against popularity and item-to-item", "This version stored no baseline figures.");
        }

        var series = new List<(string, double[])> { ("this model", [.. figures.Select(f => values.GetValueOrDefault(f))]) };
        series.AddRange(baselines.Select(b => (Baseline(b), figures.Select(f => values.GetValueOrDefault($"{f}_{b}")).ToArray())));
        return Svg.Grouped("hit-rate", $"{model.Name} against its baselines", "share of hold-out purchases", [.. figures.Select(Label)], series, null, null,
            "Each customer's later purchases held out: how often the top 10 recommended products contain one (hit rate), rank quality (NDCG) and precision, for this model and simpler baselines on the same hold-out.");
    }

    private static string Baseline(string suffix) => suffix switch
    {
        "popularity" => "popularity",
        "itemToItem" => "item-to-item",
        "als" => "factorization (ALS)",
        _ => suffix,
    };

    private static string Figure(RegisteredModel model, string name) =>
        model.Metrics.Values.TryGetValue(name, out var value) ? Text.Metric(value) : "not recorded";

    private static string Version(int version) => $"v{version.ToString(CultureInfo.InvariantCulture)}";

    private static string Kind(ModelKind kind) => kind switch
    {
        ModelKind.Binary => "yes/no prediction",
        ModelKind.Regression => "number prediction",
        ModelKind.Multiclass => "category",
        ModelKind.Recommendation => "recommendation",
        _ => "segmentation",
    };

    private static string Label(string figure) => figure switch
    {
        "auc" => "AUC",
        "prAuc" => "PR AUC",
        "logLoss" => "log loss",
        "brier" => "Brier score",
        "topDecileLift" => "top-decile lift",
        "positiveRate" => "positive rate",
        "rmse" => "RMSE",
        "mae" => "MAE",
        "r2" => "R²",
        "macroF1" => "macro F1",
        "hitRate10" => "hit rate@10",
        "ndcg10" => "NDCG@10",
        "precision10" => "precision@10",
        "autoShare" => "share set automatically",
        "suggestShare" => "share suggested",
        "abstainShare" => "share left for review",
        "autoPrecision" => "precision when set automatically",
        "suggestPrecision" => "precision when suggested",
        "correctionRate" => "correction rate",
        _ => figure,
    };
}
