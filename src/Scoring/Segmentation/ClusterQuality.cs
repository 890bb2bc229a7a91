namespace CrmExtensions.Scoring.Segmentation;

/// <summary>Internal cluster-validity indices.</summary>
internal static class ClusterQuality
{
    /// <summary>Mean silhouette (Rousseeuw 1987) of the given points; a point alone in its cluster scores 0.</summary>
    public static double Silhouette(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int k)
    {
        if (points.Count < 2 || k < 2)
        {
            return 0;
        }

        var total = 0.0;
        var sums = new double[k];
        var counts = new int[k];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        for (var i = 0; i < points.Count; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < points.Count; j++)
            {
                if (i != j)
                {
                    sums[labels[j]] += Math.Sqrt(KMeansFitter.SquaredDistance(points[i], points[j]));
                }
            }

            var own = labels[i];
            if (counts[own] <= 1)
            {
                continue;
            }

            var a = sums[own] / (counts[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && counts[c] > 0)
                {
                    b = Math.Min(b, sums[c] / counts[c]);
                }
            }

            if (b < double.MaxValue)
            {
                total += (b - a) / Math.Max(a, b);
            }
        }

        return total / points.Count;
    }

    /// <summary>Davies–Bouldin index (lower is better) of points against the given centroids.</summary>
    public static double DaviesBouldin(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, double[][] centroids)
    {
        var k = centroids.Length;
        var scatter = new double[k];
        var counts = new int[k];
        for (var i = 0; i < points.Count; i++)
        {
            scatter[labels[i]] += Math.Sqrt(KMeansFitter.SquaredDistance(points[i], centroids[labels[i]]));
            counts[labels[i]]++;
        }

        var used = Enumerable.Range(0, k).Where(c => counts[c] > 0).ToArray();
        if (used.Length < 2)
        {
            return 0;
        }

        foreach (var c in used)
        {
            scatter[c] /= counts[c];
        }

        return used.Average(c => used.Where(o => o != c)
            .Max(o => (scatter[c] + scatter[o]) / Math.Sqrt(KMeansFitter.SquaredDistance(centroids[c], centroids[o]))));
    }
}
