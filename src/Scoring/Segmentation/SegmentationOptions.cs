namespace CrmExtensions.Scoring.Segmentation;

/// <summary>How the number of segments is chosen and how training is seeded.</summary>
public sealed record SegmentationOptions
{
    /// <summary>Smallest k tried when k is chosen automatically.</summary>
    public int MinK { get; init; } = 3;

    /// <summary>Largest k tried when k is chosen automatically.</summary>
    public int MaxK { get; init; } = 8;

    /// <summary>A fixed number of segments (--k N); null chooses k in [<see cref="MinK"/>, <see cref="MaxK"/>] by hold-out silhouette.</summary>
    public int? FixedK { get; init; }

    /// <summary>Seed of k-means and of the hold-out split.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>k-means runs per k (seeds Seed, Seed + 1, …); the one with the lowest within-cluster sum of squares is kept.</summary>
    public int Restarts { get; init; } = 5;

    /// <summary>Share of customers held out to measure silhouette and Davies–Bouldin for each k.</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>
    /// With a previous model, its k is kept when its hold-out silhouette is within this margin of the best k,
    /// so segments do not split or merge on noise.
    /// </summary>
    public double KeepPreviousKMargin { get; init; } = 0.02;

    /// <summary>Largest standardised centroid distance at which a new cluster inherits an old segment's id and name.</summary>
    public double MatchDistance { get; init; } = 1.0;

    /// <summary>
    /// k is chosen with k-means fitted on at most this many (randomly chosen) training customers; the final model is fitted
    /// on everyone. Keeps the k search affordable for 100k+ customers.
    /// </summary>
    public int SelectionSample { get; init; } = 20_000;

    /// <summary>Silhouette is computed on at most this many hold-out customers (it is quadratic).</summary>
    public int SilhouetteSample { get; init; } = 2000;
}
