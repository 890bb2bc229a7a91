namespace CrmExtensions.Scoring.Evaluation;

/// <summary>The hold-out curves stored in binary metrics details (ROC points, lift and gain by decile) for reports.</summary>
public static class BinaryCurves
{
    /// <summary>At most this many ROC points are kept (the curve is thinned evenly), so the metrics document stays small.</summary>
    public const int MaxRocPoints = 101;

    /// <summary>The ROC curve from (0,0) to (1,1), one point per distinct score (thinned to <see cref="MaxRocPoints"/>); empty with one class only.</summary>
    public static IReadOnlyList<RocPoint> Roc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return [];
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<RocPoint> { new(1, 0, 0) };
        int truePositives = 0, falsePositives = 0, at = 0;
        while (at < order.Length)
        {
            var threshold = scores[order[at]];
            while (at < order.Length && scores[order[at]] == threshold)
            {
                if (labels[order[at]])
                {
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                }

                at++;
            }

            points.Add(new RocPoint(threshold, falsePositives / (double)negatives, truePositives / (double)positives));
        }

        if (points.Count <= MaxRocPoints)
        {
            return points;
        }

        // Keep the first and last points and evenly spaced ones between them.
        return [.. Enumerable.Range(0, MaxRocPoints).Select(k => points[(int)Math.Round(k * (points.Count - 1) / (double)(MaxRocPoints - 1))])];
    }

    /// <summary>Lift and cumulative gain per decile of rows ranked by score; empty without rows or without positives.</summary>
    public static IReadOnlyList<DecileLift> Deciles(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var n = scores.Count;
        var positives = labels.Count(l => l);
        if (n == 0 || positives == 0)
        {
            return [];
        }

        var overall = positives / (double)n;
        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        var deciles = new List<DecileLift>();
        var found = 0;
        for (var d = 0; d < 10; d++)
        {
            int from = d * n / 10, to = (d + 1) * n / 10;
            if (to <= from)
            {
                continue;
            }

            var hits = order[from..to].Count(i => labels[i]);
            found += hits;
            var rate = hits / (double)(to - from);
            deciles.Add(new DecileLift(d + 1, to - from, hits, rate, rate / overall, found / (double)positives));
        }

        return deciles;
    }
}
