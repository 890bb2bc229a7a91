namespace CrmExtensions.Scoring.Scores;

/// <summary>
/// Score thresholds for grades: A at or above <see cref="A"/>, B at or above <see cref="B"/>, C at or above
/// <see cref="C"/>, otherwise D. By default they are the 75th, 50th and 25th percentiles of the hold-out scores,
/// so each grade holds about a quarter of records like those the model was tested on.
/// </summary>
public sealed record GradeCutoffs(double A, double B, double C)
{
    /// <summary>The default quantiles for A, B and C.</summary>
    public static readonly IReadOnlyList<double> DefaultQuantiles = [0.75, 0.5, 0.25];

    /// <summary>The grade of a 0–100 score.</summary>
    public string Grade(double score) => score >= A ? "A" : score >= B ? "B" : score >= C ? "C" : "D";

    /// <summary>Cut-offs at the given quantiles (descending, for A, B, C) of <paramref name="scores"/>.</summary>
    public static GradeCutoffs FromQuantiles(IReadOnlyList<double> scores, IReadOnlyList<double>? quantiles = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        quantiles ??= DefaultQuantiles;
        if (quantiles.Count != 3 || !(quantiles[0] > quantiles[1] && quantiles[1] > quantiles[2]))
        {
            throw new ArgumentException("Three descending quantiles are needed, for grades A, B and C.", nameof(quantiles));
        }

        if (scores.Count == 0)
        {
            return new GradeCutoffs(75, 50, 25);
        }

        var sorted = scores.Order().ToArray();
        return new GradeCutoffs(Quantile(sorted, quantiles[0]), Quantile(sorted, quantiles[1]), Quantile(sorted, quantiles[2]));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
