using System.Globalization;
using System.Text;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Reasons;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Csv;

/// <summary>
/// <c>crmx predict</c>: trains on a labelled CSV, predicts every row of another, writes PREDICTIONS.csv
/// (<c>row,score,label,confidence,reasons</c>, one row per TEST row in order) and prints the hold-out metrics.
/// </summary>
public static partial class CsvPrediction
{
    /// <summary>
    /// Runs a prediction. Throws <see cref="CsvFormatException"/> for unusable input (naming line and column, never
    /// a cell value). Multiclass runs write no reasons (the column is empty).
    /// </summary>
    public static async Task<CsvPredictionResult> RunAsync(CsvPredictionOptions options, TextWriter report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var train = Read(options.TrainPath, "TRAIN", options, cancellationToken);
        var labelColumn = CsvLabels.Column(train, options.Label);
        var labels = CsvLabels.Values(train, labelColumn);
        var kind = CsvLabels.Decide(train, labelColumn, labels, options.Kind, options.Positive);
        var decisions = Decide(train, labelColumn, options);
        var trainData = CsvColumns.Build(train, decisions);
        if (kind == PredictionKind.Multiclass)
        {
            return await RunMulticlassAsync(options, report, train, labels, decisions, trainData, cancellationToken);
        }

        var map = FeatureMap.Fit(trainData, options.Features);
        if (map.Width == 0)
        {
            throw new CsvFormatException(train.Source, 1, null, "no column is usable as a feature");
        }

        var x = map.Matrix(trainData);
        await report.WriteLineAsync(Invariant($"TRAIN: {x.Length} rows, {decisions.Count(d => d.Kind != ColumnKind.Ignored)} feature columns, {map.Width} model inputs"));
        foreach (var decision in decisions)
        {
            await report.WriteLineAsync(Invariant($"  {decision.Name}: {decision.Kind.ToString().ToLowerInvariant()} ({decision.Reason})"));
        }

        string? positive = null;
        string? negative = null;
        IReadOnlyList<string> notes;
        string description;
        string validationMetric = kind == PredictionKind.Binary ? "auc" : "rmse";
        var validationFigure = double.NaN;
        Func<TabularData, int, float[], Explanation> explain;
        Func<TabularData, float[][]> matrix;
        if (kind == PredictionKind.Binary)
        {
            positive = CsvLabels.ChoosePositive(train, labelColumn, labels, options.Positive);
            var y = labels.Select(v => string.Equals(v, positive, StringComparison.Ordinal)).ToArray();
            var negatives = labels.Where(v => !string.Equals(v, positive, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            negative = negatives.Count == 1 ? negatives[0] : $"not {positive}";
            var fewest = Math.Min(y.Count(v => v), y.Count(v => !v));
            if (fewest < options.MinimumPerClass)
            {
                var prior = PriorModel.Fit(trainData, y);
                notes = [Invariant($"too little data for a model: the rarer class has {fewest} rows, {options.MinimumPerClass} are needed; a transparent prior (smoothed per-value rates) scores instead")];
                description = "little-data prior (smoothed per-value rates)";
                explain = (data, row, _) => prior.Explain(data, row);
                matrix = data => new float[data.RowCount][];
            }
            else
            {
                var outcome = TabularTrainer.TrainBinary(map, x, y, options.Training, positive, negative, null, cancellationToken);
                (notes, description, validationFigure) = (outcome.Notes, outcome.Model.Description, outcome.ValidationFigure);
                explain = (data, row, vector) => ReasonExplainer.Explain(outcome.Model, data, row, vector);
                matrix = outcome.Model.Features.Matrix;
            }
        }
        else
        {
            if (labels.Length < 2 * options.Training.MinRowsPerLeaf)
            {
                throw new CsvFormatException(train.Source, 0, train.ColumnName(labelColumn),
                    Invariant($"regression needs at least {2 * options.Training.MinRowsPerLeaf} labelled rows; the file has {labels.Length}"));
            }

            var y = labels.Select(v => CellParser.TryNumber(v, out var number) ? number : double.NaN).ToArray();
            var outcome = TabularTrainer.TrainRegression(map, x, y, options.Training, null, cancellationToken);
            (notes, description, validationFigure) = (outcome.Notes, outcome.Model.Description, outcome.ValidationFigure);
            explain = (data, row, vector) => ReasonExplainer.Explain(outcome.Model, data, row, vector);
            matrix = outcome.Model.Features.Matrix;
        }

        foreach (var note in notes)
        {
            await report.WriteLineAsync("  " + note);
        }

        await report.WriteLineAsync($"Model: {description}");

        var test = Read(options.TestPath, "TEST", options, cancellationToken);
        foreach (var missing in decisions.Where(d => d.Kind != ColumnKind.Ignored && test.IndexOf(d.Name) < 0))
        {
            await report.WriteLineAsync($"  warning: TEST has no column '{missing.Name}'; it is treated as blank");
        }

        var testData = CsvColumns.Build(test, decisions);
        var testX = matrix(testData);
        var explanations = Enumerable.Range(0, testData.RowCount).Select(r => explain(testData, r, testX[r])).ToArray();
        var predictions = explanations.Select(e => kind == PredictionKind.Binary ? Platt.Sigmoid(e.Raw) : e.Raw).ToArray();
        var metrics = Evaluate(test, options.Label, kind, positive, predictions, x.Length);
        await WritePredictionsAsync(options, kind, positive, negative, explanations, predictions, cancellationToken);

        await WriteMetricsAsync(report, metrics, predictions.Length, options.OutputPath);
        return new CsvPredictionResult(
            kind == PredictionKind.Binary ? ModelKind.Binary : ModelKind.Regression, metrics, validationMetric, validationFigure,
            description, positive, decisions, predictions.Length);
    }

    private static CsvTable Read(string path, string source, CsvPredictionOptions options, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CsvReader.Read(reader, source, options.Separator, options.MaxCellLength, cancellationToken);
    }

    private static List<ColumnDecision> Decide(CsvTable train, int labelColumn, CsvPredictionOptions options)
    {
        var decisions = new List<ColumnDecision>();
        for (var c = 0; c < train.Header.Count; c++)
        {
            var name = train.Header[c];
            if (c == labelColumn)
            {
                continue;
            }

            if (options.IgnoreColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                decisions.Add(new ColumnDecision(name, ColumnKind.Ignored, "excluded: --ignore"));
            }
            else if (OutputCatalogue.Default.IsOutputFieldName(name))
            {
                decisions.Add(new ColumnDecision(name, ColumnKind.Ignored, "excluded: one of our own output fields"));
            }
            else
            {
                decisions.Add(ColumnTypeInference.Infer(train, c, options.TextColumns.Contains(name, StringComparer.OrdinalIgnoreCase)));
            }
        }

        return decisions;
    }

    private static ModelMetrics? Evaluate(CsvTable test, string label, PredictionKind kind, string? positive, double[] predictions, long trainRows)
    {
        var column = test.IndexOf(label);
        if (column < 0)
        {
            return null;
        }

        var rows = Enumerable.Range(0, test.Rows.Count).Where(r => test.Rows[r][column] is not null).ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        var split = $"the labelled rows of TEST";
        if (kind == PredictionKind.Binary)
        {
            var actual = rows.Select(r => string.Equals(test.Rows[r][column], positive, StringComparison.Ordinal)).ToArray();
            return BinaryEvaluation.Evaluate([.. rows.Select(r => predictions[r])], actual, split, trainRows);
        }

        var values = new List<double>();
        var predicted = new List<double>();
        foreach (var r in rows)
        {
            if (CellParser.TryNumber(test.Rows[r][column]!, out var value))
            {
                values.Add(value);
                predicted.Add(predictions[r]);
            }
        }

        return values.Count == 0 ? null : RegressionEvaluation.Evaluate(predicted, values, split, trainRows);
    }

    private static async Task WritePredictionsAsync(
        CsvPredictionOptions options, PredictionKind kind, string? positive, string? negative, Explanation[] explanations, double[] predictions, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(options.OutputPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        await writer.WriteLineAsync("row,score,label,confidence,reasons");
        var line = new StringBuilder();
        for (var r = 0; r < predictions.Length; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reasons = ReasonFormatter.Render(explanations[r].Reasons, options.MaxReasonsLength, minimumPoints: explanations[r].MinimumPoints);
            line.Clear();
            line.Append(r.ToString(CultureInfo.InvariantCulture)).Append(',');
            var score = predictions[r];
            line.Append(score.ToString("0.######", CultureInfo.InvariantCulture)).Append(',');
            if (kind == PredictionKind.Binary)
            {
                var isPositive = score >= 0.5;
                line.Append(Quote(isPositive ? positive! : negative!)).Append(',');
                line.Append((isPositive ? score : 1 - score).ToString("0.######", CultureInfo.InvariantCulture)).Append(',');
            }
            else
            {
                line.Append(score.ToString("0.######", CultureInfo.InvariantCulture)).Append(",,");
            }

            line.Append(Quote(reasons));
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
