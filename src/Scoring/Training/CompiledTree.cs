namespace CrmExtensions.Scoring.Training;

/// <summary>
/// One regression tree copied out of ML.NET, with the mean output of every internal node over the training rows
/// so that a prediction splits exactly into per-input contributions (the path decomposition of Saabas):
/// the root's mean is the bias and each split on the path adds (child mean − node mean) to the split's input.
/// A negative child index <c>~k</c> is leaf <c>k</c>; rows with input ≤ threshold go left.
/// </summary>
internal sealed class CompiledTree
{
    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    public required int[] Feature { get; init; }

    public required float[] Threshold { get; init; }

    public required double[] Leaf { get; init; }

    /// <summary>The training-row-weighted mean leaf value under each internal node.</summary>
    public double[] NodeMean { get; set; } = [];

    public double Weight { get; init; } = 1;

    public int LeafOf(ReadOnlySpan<float> x)
    {
        if (Left.Length == 0)
        {
            return 0;
        }

        var node = 0;
        while (node >= 0)
        {
            node = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return ~node;
    }

    public double Evaluate(ReadOnlySpan<float> x) => Weight * Leaf[LeafOf(x)];

    /// <summary>Adds this tree's contributions into <paramref name="contributions"/> and returns its bias (root mean).</summary>
    public double Contribute(ReadOnlySpan<float> x, Span<double> contributions)
    {
        if (Left.Length == 0)
        {
            return Weight * Leaf[0];
        }

        var node = 0;
        var mean = NodeMean[0];
        while (node >= 0)
        {
            var next = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            var nextMean = next >= 0 ? NodeMean[next] : Leaf[~next];
            contributions[Feature[node]] += Weight * (nextMean - mean);
            mean = nextMean;
            node = next;
        }

        return Weight * NodeMean[0];
    }

    /// <summary>Computes <see cref="NodeMean"/> from how many training rows reach each leaf.</summary>
    public void FitNodeMeans(IReadOnlyList<float[]> rows)
    {
        if (Left.Length == 0)
        {
            return;
        }

        var counts = new double[Leaf.Length];
        foreach (var row in rows)
        {
            counts[LeafOf(row)]++;
        }

        var means = new double[Left.Length];
        var weights = new double[Left.Length];
        Visit(0);
        NodeMean = means;

        (double Sum, double Count) Visit(int node)
        {
            if (node < 0)
            {
                // An empty leaf still counts a little so that a node never divides by zero.
                var count = Math.Max(counts[~node], 1e-9);
                return (Leaf[~node] * count, count);
            }

            var left = Visit(Left[node]);
            var right = Visit(Right[node]);
            var sum = left.Sum + right.Sum;
            var total = left.Count + right.Count;
            means[node] = sum / total;
            weights[node] = total;
            return (sum, total);
        }
    }
}
