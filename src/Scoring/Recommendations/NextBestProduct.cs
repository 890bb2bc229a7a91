using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>In-memory entry point for the next-best-product model (the CSV verb uses the same pipeline).</summary>
public static class NextBestProduct
{
    /// <summary>
    /// Chooses settings on a validation window, measures them against popularity and item-to-item on the newest hold-out
    /// window, refits on all lines and returns every customer's top-N. Lines without an item are ignored.
    /// </summary>
    public static RecommendationBatch Train(IEnumerable<OrderLine> lines, RecommendationOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        var set = TransactionSet.FromOrderLines(lines.Where(l => l.Item is not null));
        if (set.Lines.Count == 0)
        {
            throw new ArgumentException("No order line names an item.", nameof(lines));
        }

        var training = RecommendationTrainer.Train(set, options, ct);
        return new RecommendationBatch([.. Recommender.RecommendAll(set, training, options)], training.Settings, training.Metrics);
    }
}
