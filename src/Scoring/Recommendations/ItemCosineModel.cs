namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Item-to-item cosine similarity on who bought what (binary), keeping each item's strongest neighbours only,
/// so memory is O(items × neighbours) rather than O(items²).
/// </summary>
internal sealed class ItemCosineModel
{
    private readonly int[][] _neighbours;
    private readonly float[][] _similarities;

    private ItemCosineModel(int[][] neighbours, float[][] similarities)
    {
        _neighbours = neighbours;
        _similarities = similarities;
    }

    public static ItemCosineModel Train(InteractionMatrix matrix, int maxNeighbours = 100)
    {
        var buyers = new int[matrix.Items];
        for (var i = 0; i < matrix.Items; i++)
        {
            buyers[i] = matrix.UsersOf(i).Length;
        }

        var neighbours = new int[matrix.Items][];
        var similarities = new float[matrix.Items][];
        Parallel.For(
            0,
            matrix.Items,
            () => (Counts: new int[matrix.Items], Touched: new List<int>()),
            (item, _, scratch) =>
            {
                foreach (var user in matrix.UsersOf(item))
                {
                    foreach (var other in matrix.ItemsOf(user))
                    {
                        if (other != item && scratch.Counts[other]++ == 0)
                        {
                            scratch.Touched.Add(other);
                        }
                    }
                }

                var candidates = new (int Item, float Similarity)[scratch.Touched.Count];
                for (var n = 0; n < candidates.Length; n++)
                {
                    var other = scratch.Touched[n];
                    candidates[n] = (other, (float)(scratch.Counts[other] / Math.Sqrt((double)buyers[item] * buyers[other])));
                    scratch.Counts[other] = 0;
                }

                scratch.Touched.Clear();
                Array.Sort(candidates, (x, y) => y.Similarity != x.Similarity ? y.Similarity.CompareTo(x.Similarity) : x.Item.CompareTo(y.Item));
                var keep = Math.Min(maxNeighbours, candidates.Length);
                neighbours[item] = [.. candidates.Take(keep).Select(c => c.Item)];
                similarities[item] = [.. candidates.Take(keep).Select(c => c.Similarity)];
                return scratch;
            },
            _ => { });
        return new ItemCosineModel(neighbours, similarities);
    }

    /// <summary>
    /// Σ over the customer's items j of sim(j, i) where i is among j's kept neighbours (the usual item-kNN score);
    /// items near none of the customer's purchases score 0.
    /// </summary>
    public void ScoreAll(ReadOnlySpan<int> userItems, Span<double> scores)
    {
        scores.Clear();
        foreach (var j in userItems)
        {
            var near = _neighbours[j];
            var sims = _similarities[j];
            for (var n = 0; n < near.Length; n++)
            {
                scores[near[n]] += sims[n];
            }
        }
    }

    /// <summary>The customer's purchased item most similar to <paramref name="item"/>, or -1 when none is a neighbour.</summary>
    public int MostSimilarOwned(int item, IReadOnlySet<int> owned)
    {
        var near = _neighbours[item];
        for (var n = 0; n < near.Length; n++)
        {
            if (owned.Contains(near[n]))
            {
                return near[n];
            }
        }

        return -1;
    }
}
