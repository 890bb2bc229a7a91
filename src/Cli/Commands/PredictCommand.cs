using System.CommandLine;
using CrmExtensions.Scoring.Csv;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx predict</c>: train on one CSV export, score another, print hold-out metrics.</summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter output)
    {
        var train = new Option<FileInfo>("--train") { Description = "Training rows (CSV with a header).", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Rows to predict (the label column may be missing).", Required = true };
        var label = new Option<string>("--label") { Description = "The column to predict.", Required = true };
        var positive = new Option<string?>("--positive") { Description = "The positive value of a binary label (default: the rarer value)." };
        var kind = new Option<PredictionKind>("--kind") { Description = "auto, binary, multiclass or regression.", DefaultValueFactory = _ => PredictionKind.Auto };
        var text = new Option<string[]>("--text") { Description = "A free-text column (repeatable).", AllowMultipleArgumentsPerToken = false };
        var ignore = new Option<string[]>("--ignore") { Description = "A column to leave out (repeatable)." };
        var separator = CsvOptions.Separator();
        var outFile = CsvOptions.Out("PREDICTIONS.csv: row,score,label,confidence,reasons — one row per TEST row, in order.");
        var command = new Command("predict", "Train a model on a CSV export and predict another; prints the hold-out metrics.")
        {
            train, test, label, positive, kind, text, ignore, separator, outFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var options = new CsvPredictionOptions
            {
                TrainPath = parse.GetRequiredValue(train).FullName,
                TestPath = parse.GetRequiredValue(test).FullName,
                OutputPath = parse.GetRequiredValue(outFile).FullName,
                Label = parse.GetRequiredValue(label),
                Positive = parse.GetValue(positive),
                Kind = parse.GetValue(kind),
                TextColumns = parse.GetValue(text) ?? [],
                IgnoreColumns = parse.GetValue(ignore) ?? [],
                Separator = CsvOptions.ParseSeparator(parse.GetValue(separator)!),
            };
            var result = await CsvPrediction.RunAsync(options, json ? TextWriter.Null : output, cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    kind = result.Kind.ToString().ToLowerInvariant(),
                    model = result.Model,
                    positive = result.PositiveClass,
                    validation = new { metric = result.ValidationMetric, value = result.ValidationFigure },
                    rows = result.PredictionRows,
                    holdout = result.HoldoutMetrics is null ? (object?)null : System.Text.Json.JsonDocument.Parse(result.HoldoutMetrics.ToJson()).RootElement,
                }));
            }

            return CliApp.Ok;
        });
        return command;
    }
}
