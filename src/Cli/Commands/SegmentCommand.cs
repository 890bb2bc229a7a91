using System.CommandLine;
using CrmExtensions.Scoring.Segmentation;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx segment</c>: RFM segments with readable names from a transactions CSV.</summary>
internal static class SegmentCommand
{
    public static Command Create(TextWriter output)
    {
        var transactions = new Option<FileInfo>("--transactions") { Description = "Order lines or invoices (CSV with a header).", Required = true };
        var customer = new Option<string>("--customer") { Description = "The customer column.", Required = true };
        var date = new Option<string>("--date") { Description = "The order date column.", Required = true };
        var amount = new Option<string?>("--amount") { Description = "The line amount column (or --quantity with --price)." };
        var quantity = new Option<string?>("--quantity") { Description = "The quantity column." };
        var price = new Option<string?>("--price") { Description = "The unit price column." };
        var invoice = new Option<string?>("--invoice") { Description = "The invoice column (cancellations start with 'C')." };
        var k = new Option<string>("--k") { Description = "Number of segments, or 'auto' (3–8 by silhouette).", DefaultValueFactory = _ => "auto" };
        var state = new Option<FileInfo?>("--state") { Description = "Segment definitions from the previous run, kept stable and rewritten." };
        var separator = CsvOptions.Separator();
        var outFile = CsvOptions.Out("SEGMENTS.csv: customer,segment_id,segment_name.");
        var command = new Command("segment", "Segment customers by recency, frequency, spend and tenure, with readable names.")
        {
            transactions, customer, date, amount, quantity, price, invoice, k, state, separator, outFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kValue = parse.GetValue(k)!;
            int? fixedK = kValue == "auto" ? null
                : int.TryParse(kValue, out var n) && n >= 2 ? n
                : throw new UsageException("--k must be 'auto' or a whole number of at least 2.");
            if (parse.GetValue(amount) is null && (parse.GetValue(quantity) is null || parse.GetValue(price) is null))
            {
                throw new UsageException("Give --amount, or both --quantity and --price.");
            }

            var options = new CsvSegmentationOptions
            {
                TransactionsPath = parse.GetRequiredValue(transactions).FullName,
                OutputPath = parse.GetRequiredValue(outFile).FullName,
                CustomerColumn = parse.GetRequiredValue(customer),
                DateColumn = parse.GetRequiredValue(date),
                AmountColumn = parse.GetValue(amount),
                QuantityColumn = parse.GetValue(quantity),
                PriceColumn = parse.GetValue(price),
                InvoiceColumn = parse.GetValue(invoice),
                Separator = CsvOptions.ParseSeparator(parse.GetValue(separator)!),
                Model = new SegmentationOptions { FixedK = fixedK },
                StatePath = parse.GetValue(state)?.FullName,
            };
            var json = parse.GetValue(GlobalOptions.Json);
            var result = await CsvSegmentation.RunAsync(options, json ? TextWriter.Null : output, cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    lines = result.Lines,
                    skippedRows = result.SkippedRows,
                    customers = result.RowsWritten,
                    k = result.Segmentation.K,
                    metrics = System.Text.Json.JsonDocument.Parse(result.Segmentation.Metrics.ToJson()).RootElement,
                }));
            }

            return CliApp.Ok;
        });
        return command;
    }
}
