namespace CrmExtensions.Scoring.Recommendations;

/// <summary>How recommendations are trained, evaluated and filtered.</summary>
public sealed record RecommendationOptions
{
    /// <summary>Products per customer (N of top-N).</summary>
    public int Top { get; init; } = 10;

    /// <summary>Whether products the customer already bought may be recommended again.</summary>
    public bool IncludePurchased { get; init; }

    /// <summary>Products never to recommend (configured exclusions).</summary>
    public IReadOnlySet<string> ExcludedItems { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Products known to be inactive in the catalogue.</summary>
    public IReadOnlySet<string> InactiveItems { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// A product nobody bought in this many days before the end of the data is treated as discontinued and not
    /// recommended; null turns the rule off. Applies only when transactions have dates.
    /// </summary>
    public int? InactiveAfterDays { get; init; } = 180;

    /// <summary>Share of the dated history (newest lines) held out for evaluation; the validation split takes the same share of the rest.</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>ALS settings tried on the validation split (carved from the training period only); the best by NDCG@10 is used.</summary>
    public IReadOnlyList<AlsSettings> AlsCandidates { get; init; } =
    [
        new(Factors: 8, Alpha: 8, Regularization: 1),
        new(Factors: 8, Alpha: 2, Regularization: 10),
        new(Factors: 16, Alpha: 2, Regularization: 10),
        new(Factors: 16, Alpha: 8, Regularization: 10),
        new(Factors: 16, Alpha: 8, Regularization: 50),
        new(Factors: 32, Alpha: 32, Regularization: 50),
    ];

    /// <summary>Blend strengths β tried on the validation split (0 = pure ALS for any customer with history).</summary>
    public IReadOnlyList<double> BlendStrengths { get; init; } = [0, 1, 4];

    /// <summary>
    /// Shares γ of item-to-item similarity in the personal score tried on the validation split (0 = pure ALS, 1 = pure
    /// item-to-item), so data where neighbours beat factors can still choose them.
    /// </summary>
    public IReadOnlyList<double> CosineWeights { get; init; } = [0, 0.3, 0.6, 1];

    /// <summary>
    /// Recency half-lives (days) tried on the validation split for the ALS purchase strengths; null = no decay. Off by
    /// default: on generated data with stable tastes the larger search only fitted validation noise (issue 6 asks for
    /// a measurement on real retail history before turning it on).
    /// </summary>
    public IReadOnlyList<double?> RecencyHalfLives { get; init; } = [null];

    /// <summary>Neighbours kept per product by the item-to-item model (reasons and baseline).</summary>
    public int Neighbours { get; init; } = 100;
}
