namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Scores customers' held-out purchases: each evaluated customer has training history and bought at least one new item
/// in the hold-out window; already-bought and unavailable items are not candidates, for every method alike.
/// </summary>
internal static class RankingEvaluator
{
    public const int K = 10;

    public static RankingFigures Evaluate(InteractionMatrix train, IReadOnlyDictionary<int, HashSet<int>> heldOut,
        bool[] unavailable, ItemScorer scorer) =>
        EvaluateMany(train, heldOut, unavailable, 1, (customer, scores) => scorer(customer, scores[0]))[0];

    /// <summary>
    /// Evaluates several variants in one pass over customers: <paramref name="scoreAll"/> fills one score array per variant,
    /// so work shared by the variants (a customer's ALS and similarity scores) is done once.
    /// </summary>
    public static RankingFigures[] EvaluateMany(InteractionMatrix train, IReadOnlyDictionary<int, HashSet<int>> heldOut,
        bool[] unavailable, int variants, Action<int, double[][]> scoreAll)
    {
        var customers = heldOut.Keys.Where(c => train.CountOf(c) > 0 && heldOut[c].Any(i => !unavailable[i])).Order().ToArray();
        if (customers.Length == 0)
        {
            return [.. Enumerable.Repeat(new RankingFigures(0, 0, 0, 0), variants)];
        }

        var hits = new double[variants, customers.Length];
        var ndcg = new double[variants, customers.Length];
        var precision = new double[variants, customers.Length];
        Parallel.For(
            0,
            customers.Length,
            () => Enumerable.Range(0, variants).Select(_ => new double[train.Items]).ToArray(),
            (n, _, scores) =>
            {
                var customer = customers[n];
                scoreAll(customer, scores);
                var owned = train.ItemsOf(customer).ToArray();
                var relevant = heldOut[customer];
                var ideal = 0.0;
                var relevantCount = relevant.Count(i => !unavailable[i]);
                for (var r = 0; r < Math.Min(K, relevantCount); r++)
                {
                    ideal += 1.0 / Math.Log2(r + 2);
                }

                for (var v = 0; v < variants; v++)
                {
                    var top = TopItems.Select(scores[v], K, i => !unavailable[i] && Array.BinarySearch(owned, i) < 0);
                    double dcg = 0;
                    var found = 0;
                    for (var r = 0; r < top.Length; r++)
                    {
                        if (relevant.Contains(top[r]))
                        {
                            found++;
                            dcg += 1.0 / Math.Log2(r + 2);
                        }
                    }

                    hits[v, n] = found > 0 ? 1 : 0;
                    ndcg[v, n] = ideal > 0 ? dcg / ideal : 0;
                    precision[v, n] = found / (double)K;
                }

                return scores;
            },
            _ => { });
        return [.. Enumerable.Range(0, variants).Select(v => new RankingFigures(
            Mean(hits, v), Mean(ndcg, v), Mean(precision, v), customers.Length, StandardError(ndcg, v)))];
    }

    private static double StandardError(double[,] values, int variant)
    {
        var count = values.GetLength(1);
        if (count < 2)
        {
            return 0;
        }

        var mean = Mean(values, variant);
        var sum = 0.0;
        for (var n = 0; n < count; n++)
        {
            sum += (values[variant, n] - mean) * (values[variant, n] - mean);
        }

        return Math.Sqrt(sum / (count - 1) / count);
    }

    private static double Mean(double[,] values, int variant)
    {
        var sum = 0.0;
        var count = values.GetLength(1);
        for (var n = 0; n < count; n++)
        {
            sum += values[variant, n];
        }

        return sum / count;
    }
}
