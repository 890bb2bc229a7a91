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
        var pop = Popularity.Standardised;
        if (weight == 0)
        {
            pop.AsSpan().CopyTo(scores);
            return;
        }

        Als.ScoreAll(customer, scores);
        Standardise(scores);
        if (CosineWeight > 0)
        {
            var similar = new double[scores.Length];
            Cosine.ScoreAll(Train.ItemsOf(customer), similar);
            Standardise(similar);
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = ((1 - CosineWeight) * scores[i]) + (CosineWeight * similar[i]);
            }
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (weight * scores[i]) + ((1 - weight) * pop[i]);
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
