namespace CrmExtensions.Scoring.Segmentation;

/// <summary>
/// Raw per-customer features: the four <see cref="RfmFeature"/> values first, then any configured firmographic numbers.
/// All features are modelled as log(1 + max(0, value)), which tames the long tails of spend, counts and day spans.
/// </summary>
/// <param name="Customers">Customer keys.</param>
/// <param name="Names">Feature names (the four RFM names first).</param>
/// <param name="Values">One row per customer, one column per feature, in raw units.</param>
/// <param name="Categories">
/// Optional descriptive category per customer (e.g. industry), not clustered on but reported per segment; null entries are unknown.
/// </param>
public sealed record CustomerFeatures(
    IReadOnlyList<string> Customers, IReadOnlyList<string> Names, IReadOnlyList<double[]> Values, IReadOnlyList<string?>? Categories = null)
{
    /// <summary>
    /// Adds numeric firmographic fields (employees, annual revenue, …) as further clustering features, aligned with
    /// <see cref="Customers"/>; missing values count as 0.
    /// </summary>
    public CustomerFeatures WithNumeric(string name, IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Customers.Count)
        {
            throw new ArgumentException("One value per customer is needed.", nameof(values));
        }

        return this with
        {
            Names = [.. Names, name],
            Values = [.. Values.Select((row, i) => (double[])[.. row, values[i] ?? 0])],
        };
    }

    /// <summary>The modelling transform applied to every raw value.</summary>
    public static double Transform(double raw) => Math.Log(1 + Math.Max(0, raw));

    /// <summary>The inverse of <see cref="Transform"/> for non-negative raw values.</summary>
    public static double Untransform(double transformed) => Math.Exp(transformed) - 1;
}
