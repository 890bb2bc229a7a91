using System.CommandLine;
using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx categorise</c>: learn case categories from one CSV export, categorise another with confidence tiers.</summary>
internal static class CategoriseCommand
{
    public static Command Create(TextWriter output)
    {
        var train = new Option<FileInfo>("--train") { Description = "Labelled cases (CSV with a header).", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Cases to categorise (with the label column, hold-out figures are printed).", Required = true };
        var label = new Option<string>("--label") { Description = "The category column.", Required = true };
        var text = new Option<string[]>("--text") { Description = "A free-text column, e.g. subject or description (repeatable, at least one).", Required = true };
        var field = new Option<string[]>("--field") { Description = "A structured column such as origin or product (repeatable)." };
        var auto = new Option<double>("--auto-precision") { Description = "Target precision of the auto-apply tier.", DefaultValueFactory = _ => 0.90 };
        var suggest = new Option<double>("--suggest-precision") { Description = "Target precision of the suggest tier.", DefaultValueFactory = _ => 0.70 };
        var metrics = new Option<FileInfo?>("--metrics") { Description = "Also write the hold-out metrics (crmx.metrics/1 JSON) here." };
        var separator = CsvOptions.Separator();
        var outFile = CsvOptions.Out("row,category,confidence,tier,alternatives,top,language — one row per TEST row, in order.");
        var command = new Command("categorise", "Train a case categoriser on a CSV export and categorise another: category, confidence, tier (Auto/Suggest/Review), alternatives.")
        {
            train, test, label, text, field, auto, suggest, metrics, separator, outFile,
        };
        command.Aliases.Add("categorize");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new CsvCategorisationOptions
            {
                TrainPath = parse.GetRequiredValue(train).FullName,
                TestPath = parse.GetRequiredValue(test).FullName,
                OutputPath = parse.GetRequiredValue(outFile).FullName,
                Label = parse.GetRequiredValue(label),
                TextColumns = parse.GetValue(text) ?? [],
                FieldColumns = parse.GetValue(field) ?? [],
                Separator = CsvOptions.ParseSeparator(parse.GetValue(separator)!),
                MetricsPath = parse.GetValue(metrics)?.FullName,
                Classifier = new CaseClassifierOptions { AutoPrecision = parse.GetValue(auto), SuggestPrecision = parse.GetValue(suggest) },
            };
            try
            {
                await CsvCategorisation.RunAsync(options, output, cancellationToken);
            }
            catch (ArgumentException bad)
            {
                throw new UsageException(bad.Message);
            }

            return CliApp.Ok;
        });
        return command;
    }
}
