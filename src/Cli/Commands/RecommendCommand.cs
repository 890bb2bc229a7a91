using System.CommandLine;
using CrmExtensions.Scoring.Recommendations;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx recommend</c>: next-best products per customer from a transactions CSV.</summary>
internal static class RecommendCommand
{
    public static Command Create(TextWriter output)
    {
        var transactions = new Option<FileInfo>("--transactions") { Description = "Order lines (CSV with a header).", Required = true };
        var customer = new Option<string>("--customer") { Description = "The customer column.", Required = true };
        var item = new Option<string>("--item") { Description = "The product column.", Required = true };
        var date = new Option<string?>("--date") { Description = "The order date column; enables the time-split evaluation." };
        var quantity = new Option<string?>("--quantity") { Description = "The quantity column (negative = return)." };
        var invoice = new Option<string?>("--invoice") { Description = "The invoice column (cancellations start with 'C')." };
        var top = new Option<int>("--top") { Description = "Products per customer.", DefaultValueFactory = _ => 10 };
        var includePurchased = new Option<bool>("--include-purchased") { Description = "Also recommend products the customer already bought." };
        var separator = CsvOptions.Separator();
        var outFile = CsvOptions.Out("RECS.csv: customer,rank,item,score,reason.");
        var command = new Command("recommend", "Recommend next-best products for every customer from purchase history.")
        {
            transactions, customer, item, date, quantity, invoice, top, includePurchased, separator, outFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var topValue = parse.GetValue(top);
            if (topValue is < 1 or > 100)
            {
                throw new UsageException("--top must be between 1 and 100.");
            }

            var options = new CsvRecommendationOptions
            {
                TransactionsPath = parse.GetRequiredValue(transactions).FullName,
                OutputPath = parse.GetRequiredValue(outFile).FullName,
                CustomerColumn = parse.GetRequiredValue(customer),
                ItemColumn = parse.GetRequiredValue(item),
                DateColumn = parse.GetValue(date),
                QuantityColumn = parse.GetValue(quantity),
                InvoiceColumn = parse.GetValue(invoice),
                Separator = CsvOptions.ParseSeparator(parse.GetValue(separator)!),
                Model = new RecommendationOptions { Top = topValue, IncludePurchased = parse.GetValue(includePurchased) },
            };
            var json = parse.GetValue(GlobalOptions.Json);
            var result = await CsvRecommendation.RunAsync(options, json ? TextWriter.Null : output, cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    lines = result.Lines,
                    customers = result.Customers,
                    items = result.Items,
                    rows = result.RowsWritten,
                    metrics = result.Metrics is null ? (object?)null : System.Text.Json.JsonDocument.Parse(result.Metrics.ToJson()).RootElement,
                }));
            }

            return CliApp.Ok;
        });
        return command;
    }
}
