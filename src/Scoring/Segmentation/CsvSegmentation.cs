using System.Globalization;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>The logic of <c>crmx segment</c>: read transactions, compute RFM features, segment, write and summarise.</summary>
public static class CsvSegmentation
{
    /// <summary>
    /// Reads <see cref="CsvSegmentationOptions.TransactionsPath"/>, segments its customers and writes rows
    /// <c>customer,segment_id,segment_name</c> for every customer. Segment profiles and the hold-out metrics go to
    /// <paramref name="report"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Neither an amount column nor both quantity and price columns were named.</exception>
    /// <exception cref="TransactionFileException">The file is missing, empty or malformed (message names line and column, never a value).</exception>
    public static async Task<SegmentationRunResult> RunAsync(CsvSegmentationOptions options, TextWriter report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        if (options.AmountColumn is null == (options.QuantityColumn is null || options.PriceColumn is null))
        {
            throw new ArgumentException("Name either an amount column, or both a quantity and a price column.", nameof(options));
        }

        var columns = new TransactionColumns
        {
            Customer = options.CustomerColumn,
            Date = options.DateColumn,
            Amount = options.AmountColumn,
            Quantity = options.AmountColumn is null ? options.QuantityColumn : null,
            Price = options.AmountColumn is null ? options.PriceColumn : null,
            Invoice = options.InvoiceColumn,
        };
        var set = await TransactionLoader.LoadAsync(options.TransactionsPath, columns, options.Separator, ct);
        await report.WriteLineAsync(Invariant(
            $"Read {set.Lines.Count} order lines of {set.Customers.Count} customers ({set.Lines.Count(l => l.IsReturn)} returns or cancellations; {set.SkippedRows} rows without customer skipped)."));

        var previous = await SegmentState.LoadAsync(options.StatePath, ct);
        var result = await Task.Run(() => Segmenter.Train(RfmCalculator.Compute(set), options.Model, previous), ct);
        await WriteSummaryAsync(result, previous is not null, report);

        long written = 0;
        await using (var writer = new StreamWriter(options.OutputPath, append: false))
        {
            var sep = options.Separator;
            await writer.WriteLineAsync(CsvFields.Join(sep, "customer", "segment_id", "segment_name"));
            foreach (var a in result.Assignments)
            {
                await writer.WriteLineAsync(CsvFields.Join(sep, a.Customer, a.SegmentId.ToString(CultureInfo.InvariantCulture), a.SegmentName));
                written++;
            }
        }

        if (options.StatePath is not null)
        {
            await SegmentState.SaveAsync(options.StatePath, result.Definitions, ct);
        }

        await report.WriteLineAsync(Invariant($"Wrote the segments of {written} customers."));
        return new SegmentationRunResult(set.Lines.Count, set.SkippedRows, written, result);
    }

    private static async Task WriteSummaryAsync(SegmentationResult result, bool hadPrevious, TextWriter report)
    {
        var v = result.Metrics.Values;
        var byK = string.Join(", ", result.SilhouetteByK.Select(kv => Invariant($"k={kv.Key}: {kv.Value:F3}")));
        await report.WriteLineAsync(Invariant(
            $"{result.K} segments; hold-out silhouette {v["silhouette"]:F3}, Davies-Bouldin {v["daviesBouldin"]:F3} ({byK})."));
        await report.WriteLineAsync($"Split: {result.Metrics.Split}.");
        if (hadPrevious)
        {
            await report.WriteLineAsync(Invariant(
                $"{result.Profiles.Count(p => p.Inherited)} of {result.Profiles.Count} segments kept their id and name from the previous run."));
        }

        await report.WriteLineAsync("Segment profiles (median in segment / median of all customers):");
        foreach (var p in result.Profiles)
        {
            await report.WriteLineAsync(Invariant($"  {p.Id}. {p.Name}: {p.Size} customers ({p.Share:P0})"));
            await report.WriteLineAsync(Invariant(
                $"     days since last order {M(p, "recencyDays")}, orders {M(p, "frequency")}, net spend {M(p, "monetary")}, days since first order {M(p, "tenureDays")}"));
        }
    }

    private static string M(SegmentProfile p, string feature) =>
        Invariant($"{p.Medians[feature]:0.#} / {p.OverallMedians[feature]:0.#}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
