namespace CrmExtensions.Scoring.Segmentation;

/// <summary>
/// Raw per-customer features: the four <see cref="RfmFeature"/> values first, then any configured firmographic numbers.
/// All features are modelled as log(1 + max(0, value)), which tames the long tails of spend, counts and day spans.
/// </summary>
/// <param name="Customers">Customer keys.</param>
/// <param name="Names">Feature names (the four RFM names first).</param>
/// <param name="Values">One row per customer, one column per feature, in raw units.</param>
public sealed record CustomerFeatures(IReadOnlyList<string> Customers, IReadOnlyList<string> Names, IReadOnlyList<double[]> Values)
{
    /// <summary>The modelling transform applied to every raw value.</summary>
    public static double Transform(double raw) => Math.Log(1 + Math.Max(0, raw));

    /// <summary>The inverse of <see cref="Transform"/> for non-negative raw values.</summary>
    public static double Untransform(double transformed) => Math.Exp(transformed) - 1;
}
