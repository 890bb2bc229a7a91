using System.Globalization;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>The logic of <c>crmx recommend</c>: read transactions, train and evaluate, write every customer's top-N.</summary>
public static class CsvRecommendation
{
    /// <summary>
    /// Reads <see cref="CsvRecommendationOptions.TransactionsPath"/>, chooses settings on a validation window, measures the
    /// model against popularity and item-to-item on the newest hold-out window (when there are dates), refits on all
    /// history and writes rows <c>customer,rank,item,score,reason</c> for every customer. A summary goes to
    /// <paramref name="report"/>.
    /// </summary>
    /// <exception cref="TransactionFileException">The file is missing, empty or malformed (message names line and column, never a value).</exception>
    public static async Task<RecommendationRunResult> RunAsync(CsvRecommendationOptions options, TextWriter report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Model.Top, 1);
        var columns = new TransactionColumns
        {
            Customer = options.CustomerColumn,
            Item = options.ItemColumn,
            Date = options.DateColumn,
            Quantity = options.QuantityColumn,
            Invoice = options.InvoiceColumn,
        };
        var set = await TransactionLoader.LoadAsync(options.TransactionsPath, columns, options.Separator, ct);
        await report.WriteLineAsync(Invariant(
            $"Read {set.Lines.Count} order lines: {set.Customers.Count} customers, {set.Items.Count} products ({set.SkippedRows} rows without customer or product skipped)."));

        var training = await Task.Run(() => RecommendationTrainer.Train(set, options.Model, ct), ct);
        await WriteSummaryAsync(training, report);

        long written = 0;
        await using (var writer = new StreamWriter(options.OutputPath, append: false))
        {
            var sep = options.Separator;
            await writer.WriteLineAsync(CsvFields.Join(sep, "customer", "rank", "item", "score", "reason"));
            foreach (var r in Recommender.RecommendAll(set, training, options.Model))
            {
                await writer.WriteLineAsync(CsvFields.Join(sep, r.Customer, Invariant($"{r.Rank}"), r.Item,
                    r.Score.ToString("0.####", CultureInfo.InvariantCulture), r.Reason));
                written++;
            }
        }

        await report.WriteLineAsync(Invariant($"Wrote {written} recommendations ({options.Model.Top} per customer at most)."));
        return new RecommendationRunResult(set.Lines.Count, set.SkippedRows, set.Customers.Count, set.Items.Count, written,
            training.Settings, training.Metrics);
    }

    private static async Task WriteSummaryAsync(RecommendationTraining training, TextWriter report)
    {
        var s = training.Settings;
        await report.WriteLineAsync(Invariant(
            $"Model: implicit ALS (factors {s.Als.Factors}, alpha {s.Als.Alpha}, lambda {s.Als.Regularization}), item-to-item share {s.CosineWeight}, popularity blend strength {s.BlendStrength}, recency half-life {(s.RecencyHalfLifeDays is { } h ? $"{h} days" : "none")}."));
        if (training.Metrics is not { } metrics)
        {
            await report.WriteLineAsync("No evaluation: a time split needs a date column and history on both sides of the cut.");
            return;
        }

        var v = metrics.Values;
        await report.WriteLineAsync($"Evaluation ({metrics.Split}):");
        await report.WriteLineAsync(Invariant($"  {"method",-14} {"hit-rate@10",11} {"NDCG@10",8} {"prec@10",8}   on {v["customers"]} customers"));
        foreach (var (label, suffix) in new[] { ("model", string.Empty), ("ALS only", "_als"), ("item-to-item", "_itemToItem"), ("popularity", "_popularity") })
        {
            await report.WriteLineAsync(Invariant(
                $"  {label,-14} {v["hitRate10" + suffix],11:F3} {v["ndcg10" + suffix],8:F3} {v["precision10" + suffix],8:F3}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
