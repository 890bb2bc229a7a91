using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// <c>crmx categorise</c>: trains a case categoriser on one CSV export and categorises another, writing
/// <c>row,category,confidence,tier,alternatives,top,language</c> per TEST row in order, and printing hold-out
/// figures (overall, per language, per category) when TEST has the label column.
/// </summary>
public static class CsvCategorisation
{
    /// <summary>Runs training, prediction and evaluation; the report gets human-readable lines.</summary>
    public static async Task<CsvCategorisationResult> RunAsync(CsvCategorisationOptions options, TextWriter report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        if (options.TextColumns.Count == 0)
        {
            throw new ArgumentException("At least one text column (--text) is needed.", nameof(options));
        }

        var train = Read(options.TrainPath, "TRAIN", options.Separator, cancellationToken);
        var labelColumn = Require(train, options.Label);
        var (trainCases, _) = Cases(train, options);
        var labels = train.Rows.Select(r => r[labelColumn]).ToArray();
        var clock = Stopwatch.StartNew();
        var trained = CaseTrainer.Train(trainCases, labels, options.Classifier, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var classifier = trained.Classifier;
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {trained.TrainingCases} labelled cases, {classifier.Categories.Count} categories, in {seconds:F1} s"));
        foreach (var note in trained.Notes)
        {
            await report.WriteLineAsync("  " + note);
        }

        var test = Read(options.TestPath, "TEST", options.Separator, cancellationToken);
        var (testCases, languages) = Cases(test, options);
        var predictions = classifier.Predict(testCases);
        await WriteAsync(options.OutputPath, predictions, languages, cancellationToken);

        Models.ModelMetrics? metrics = null;
        var testLabel = test.IndexOf(options.Label);
        if (testLabel >= 0)
        {
            var actual = test.Rows.Select(r => r[testLabel]).ToArray();
            metrics = CaseEvaluation.Evaluate(predictions, actual, languages, "the labelled rows of TEST", trained.TrainingCases);
            await ReportAsync(report, metrics, predictions, actual, languages, options.Classifier);
            if (options.MetricsPath is not null)
            {
                await File.WriteAllTextAsync(options.MetricsPath, metrics.ToJson(), cancellationToken);
            }
        }
        else
        {
            await report.WriteLineAsync("TEST has no label column: no hold-out metrics.");
        }

        await report.WriteLineAsync($"Wrote {predictions.Length} predictions to {options.OutputPath}");
        return new CsvCategorisationResult(metrics, classifier.Trainer, trained.ValidationAccuracy, predictions.Length, seconds);
    }

    private static async Task ReportAsync(
        TextWriter report, Models.ModelMetrics metrics, CasePrediction[] predictions, string?[] actual, string[] languages, CaseClassifierOptions options)
    {
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Hold-out ({metrics.HoldoutRows} labelled TEST cases; tiers: auto-apply target precision {options.AutoPrecision:F2}, suggest {options.SuggestPrecision:F2}):"));
        foreach (var (name, value) in metrics.Values)
        {
            await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name}: {value:F4}"));
        }

        var labelled = Enumerable.Range(0, actual.Length).Where(i => !string.IsNullOrWhiteSpace(actual[i])).ToArray();
        foreach (var group in labelled.GroupBy(i => languages[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var figures = CaseEvaluation.Figures([.. group], predictions, actual);
            foreach (var line in CaseEvaluation.Describe($"language {group.Key}", figures))
            {
                await report.WriteLineAsync("  " + line);
            }

            if (figures.AbstainShare > options.MaxAbstainShare)
            {
                await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  warning: abstain share {figures.AbstainShare:P1} for language {group.Key} exceeds the bound {options.MaxAbstainShare:P0}"));
            }
        }
    }

    private static async Task WriteAsync(string path, CasePrediction[] predictions, string[] languages, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        await writer.WriteLineAsync("row,category,confidence,tier,alternatives,top,language");
        for (var r = 0; r < predictions.Length; r++)
        {
            var p = predictions[r];
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{r},{Quote(p.Category ?? "")},{CaseOutputs.Percent(p.Confidence)},{p.Tier},{Quote(CaseOutputs.Alternatives(p))},{Quote(p.Top)},{languages[r]}");
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }

    private static (CaseInput[] Cases, string[] Languages) Cases(CsvTable table, CsvCategorisationOptions options)
    {
        var text = options.TextColumns.Select(c => Require(table, c)).ToArray();
        var fields = options.FieldColumns.Select(c => Require(table, c)).ToArray();
        var cases = table.Rows.Select(r => new CaseInput([.. text.Select(c => r[c])], [.. fields.Select(c => r[c])])).ToArray();
        return (cases, [.. cases.Select(c => ScriptLanguage.Detect(c.CleanText()))]);
    }

    private static int Require(CsvTable table, string column)
    {
        var index = table.IndexOf(column);
        return index >= 0 ? index : throw new CsvFormatException(table.Source, 1, $"'{column}'", "the column is not in the header");
    }

    private static CsvTable Read(string path, string source, char separator, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CsvReader.Read(reader, source, separator, CsvReader.DefaultMaxCellLength, cancellationToken);
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
