namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Items ranked by how many distinct customers bought them: the baseline and the cold-start answer.</summary>
internal sealed class PopularityModel
{
    private PopularityModel(double[] buyers, double[] standardised)
    {
        Buyers = buyers;
        Standardised = standardised;
    }

    public double[] Buyers { get; }

    /// <summary>log(1 + buyers), standardised over items: the popularity term blended with ALS.</summary>
    public double[] Standardised { get; }

    public static PopularityModel Train(InteractionMatrix matrix)
    {
        var buyers = new double[matrix.Items];
        for (var i = 0; i < matrix.Items; i++)
        {
            buyers[i] = matrix.UsersOf(i).Length;
        }

        var logs = buyers.Select(b => Math.Log(1 + b)).ToArray();
        return new PopularityModel(buyers, Standardise(logs));
    }

    public void ScoreAll(Span<double> scores) => Buyers.AsSpan().CopyTo(scores);

    internal static double[] Standardise(double[] values)
    {
        if (values.Length == 0)
        {
            return values;
        }

        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return [.. values.Select(v => sd > 0 ? (v - mean) / sd : 0.0)];
    }
}
