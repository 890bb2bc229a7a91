namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Scores customers' held-out purchases: each evaluated customer has training history and bought at least one new item
/// in the hold-out window; already-bought and unavailable items are not candidates, for every method alike.
/// </summary>
internal static class RankingEvaluator
{
    public const int K = 10;

    public static RankingFigures Evaluate(InteractionMatrix train, IReadOnlyDictionary<int, HashSet<int>> heldOut,
        bool[] unavailable, ItemScorer scorer)
    {
        var customers = heldOut.Keys.Where(c => train.CountOf(c) > 0 && heldOut[c].Any(i => !unavailable[i])).Order().ToArray();
        if (customers.Length == 0)
        {
            return new RankingFigures(0, 0, 0, 0);
        }

        var hits = new double[customers.Length];
        var ndcg = new double[customers.Length];
        var precision = new double[customers.Length];
        Parallel.For(
            0,
            customers.Length,
            () => new double[train.Items],
            (n, _, scores) =>
            {
                var customer = customers[n];
                scorer(customer, scores);
                var owned = train.UserItems.AsSpan(train.UserStart[customer], train.CountOf(customer)).ToArray();
                var top = TopItems.Select(scores, K, i => !unavailable[i] && Array.BinarySearch(owned, i) < 0);
                var relevant = heldOut[customer];
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

                var ideal = 0.0;
                var relevantCount = relevant.Count(i => !unavailable[i]);
                for (var r = 0; r < Math.Min(K, relevantCount); r++)
                {
                    ideal += 1.0 / Math.Log2(r + 2);
                }

                hits[n] = found > 0 ? 1 : 0;
                ndcg[n] = ideal > 0 ? dcg / ideal : 0;
                precision[n] = found / (double)K;
                return scores;
            },
            _ => { });
        return new RankingFigures(hits.Average(), ndcg.Average(), precision.Average(), customers.Length);
    }
}
