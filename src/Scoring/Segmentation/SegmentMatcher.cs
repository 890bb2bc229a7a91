namespace CrmExtensions.Scoring.Segmentation;

/// <summary>Pairs new clusters with previous segments by minimum total centroid distance (Hungarian assignment).</summary>
internal static class SegmentMatcher
{
    /// <summary>(new cluster, previous segment index) pairs whose standardised distance is at most <paramref name="maxDistance"/>.</summary>
    public static IEnumerable<(int Cluster, int Previous)> Match(double[][] current, double[][] previous, double maxDistance)
    {
        var transpose = current.Length > previous.Length;
        var rows = transpose ? previous : current;
        var columns = transpose ? current : previous;
        var cost = new double[rows.Length, columns.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                cost[r, c] = Math.Sqrt(KMeansFitter.SquaredDistance(rows[r], columns[c]));
            }
        }

        var assignment = Hungarian.Solve(cost);
        for (var r = 0; r < rows.Length; r++)
        {
            if (cost[r, assignment[r]] <= maxDistance)
            {
                yield return transpose ? (assignment[r], r) : (r, assignment[r]);
            }
        }
    }
}
