using System.Globalization;
using System.Text;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Csv;

public static partial class CsvPrediction
{
    private static async Task<CsvPredictionResult> RunMulticlassAsync(
        CsvPredictionOptions options, TextWriter report, CsvTable train, string[] labels, List<ColumnDecision> decisions, TabularData trainData, CancellationToken cancellationToken)
    {
        var classes = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        // Many-class text tasks need a larger vocabulary than a word-indicator side feature does.
        var features = options.Features with { MaxWords = Math.Max(options.Features.MaxWords, 1000), MinWordCount = Math.Min(options.Features.MinWordCount, 3) };
        var map = FeatureMap.Fit(trainData, features);
        var x = map.Matrix(trainData);
        var y = labels.Select(l => index[l]).ToArray();
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Multiclass: {classes.Length} classes, {map.Width} model inputs"));
        var outcome = MulticlassTrainer.Train(map, x, y, classes.Length, options.Training, cancellationToken);
        foreach (var note in outcome.Notes)
        {
            await report.WriteLineAsync("  " + note);
        }

        await report.WriteLineAsync($"Model: {outcome.Description}");
        var test = Read(options.TestPath, "TEST", options, cancellationToken);
        var testX = map.Matrix(CsvColumns.Build(test, decisions));
        var probabilities = outcome.Predict(testX);
        ModelMetrics? metrics = null;
        var column = test.IndexOf(options.Label);
        if (column >= 0)
        {
            var rows = Enumerable.Range(0, test.Rows.Count).Where(r => test.Rows[r][column] is not null).ToArray();
            if (rows.Length > 0)
            {
                metrics = MulticlassEvaluation.Evaluate(
                    [.. rows.Select(r => probabilities[r])], [.. rows.Select(r => index.GetValueOrDefault(test.Rows[r][column]!, -1))], classes.Length, "the labelled rows of TEST", x.Length);
            }
        }

        await using (var writer = new StreamWriter(options.OutputPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            writer.NewLine = "\n";
            await writer.WriteLineAsync("row,score,label,confidence,reasons");
            for (var r = 0; r < probabilities.Length; r++)
            {
                var best = MulticlassTrainer.ArgMax(probabilities[r]);
                var p = probabilities[r][best].ToString("0.######", CultureInfo.InvariantCulture);
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r},{p},{Quote(classes[best])},{p},"));
            }
        }

        await WriteMetricsAsync(report, metrics, probabilities.Length, options.OutputPath);
        return new CsvPredictionResult(ModelKind.Multiclass, metrics, "accuracy", outcome.ValidationAccuracy, outcome.Description, null, decisions, probabilities.Length);
    }

    private static async Task WriteMetricsAsync(TextWriter report, ModelMetrics? metrics, int rows, string path)
    {
        if (metrics is null)
        {
            await report.WriteLineAsync("TEST has no labels: no hold-out metrics.");
        }
        else
        {
            await report.WriteLineAsync($"Hold-out metrics ({metrics.Split}, {metrics.HoldoutRows} rows):");
            foreach (var (name, value) in metrics.Values)
            {
                await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name}: {value:F4}"));
            }
        }

        await report.WriteLineAsync($"Wrote {rows} predictions to {path}");
    }
}
