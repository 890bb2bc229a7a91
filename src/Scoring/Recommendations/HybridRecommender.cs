namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// The served score: ALS preference mixed with item-to-item similarity (weight γ on the latter), blended with popularity
/// by how much history a customer has — weight w = n / (n + β) on the personal part, 1 − w on log popularity. Every
/// term is standardised (per customer, or over items for popularity) so the weights mean the same on any catalogue.
/// Customers with no history get popularity.
/// </summary>
internal sealed class HybridRecommender(
    InteractionMatrix train, AlsModel als, ItemCosineModel cosine, PopularityModel popularity, double blendStrength, double cosineWeight)
{
    public InteractionMatrix Train { get; } = train;

    public AlsModel Als { get; } = als;

    public PopularityModel Popularity { get; } = popularity;

    public ItemCosineModel Cosine { get; } = cosine;

    public double BlendStrength { get; } = blendStrength;

    public double CosineWeight { get; } = cosineWeight;

    /// <summary>The weight of the personal (ALS + item-to-item) part for a customer with <paramref name="history"/> purchased items.</summary>
    public double PersonalWeight(int history) => history == 0 ? 0 : history / (history + BlendStrength);

    public void Score(int customer, Span<double> scores)
    {
        var weight = PersonalWeight(Train.CountOf(customer));
        if (weight == 0)
        {
            Popularity.Standardised.AsSpan().CopyTo(scores);
            return;
        }

        var similar = CosineWeight > 0 ? new double[scores.Length] : [];
        PersonalParts(customer, scores, similar);
        Blend(scores, similar, Popularity.Standardised, weight, CosineWeight, scores);
    }

    /// <summary>The customer's standardised ALS scores, and (when <paramref name="similar"/> is not empty) item-to-item scores.</summary>
    public void PersonalParts(int customer, Span<double> als, Span<double> similar)
    {
        Als.ScoreAll(customer, als);
        Standardise(als);
        if (!similar.IsEmpty)
        {
            Cosine.ScoreAll(Train.ItemsOf(customer), similar);
            Standardise(similar);
        }
    }

    /// <summary>w·((1 − γ)·als + γ·similar) + (1 − w)·popularity, element-wise; <paramref name="into"/> may alias <paramref name="als"/>.</summary>
    public static void Blend(ReadOnlySpan<double> als, ReadOnlySpan<double> similar, ReadOnlySpan<double> popularity, double weight,
        double cosineWeight, Span<double> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            var personal = cosineWeight > 0 ? ((1 - cosineWeight) * als[i]) + (cosineWeight * similar[i]) : als[i];
            into[i] = (weight * personal) + ((1 - weight) * popularity[i]);
        }
    }

    private static void Standardise(Span<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        var variance = 0.0;
        foreach (var v in values)
        {
            variance += (v - mean) * (v - mean);
        }

        var sd = Math.Sqrt(variance / values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = sd > 0 ? (values[i] - mean) / sd : 0;
        }
    }
}
