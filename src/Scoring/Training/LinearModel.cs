namespace CrmExtensions.Scoring.Training;

/// <summary>A linear model on standardised inputs: raw score = bias + Σ weight × (x − mean) / scale.</summary>
internal sealed class LinearModel
{
    public required double[] Weights { get; init; }

    public double Bias { get; init; }

    public double Evaluate(ReadOnlySpan<float> standardised)
    {
        var score = Bias;
        for (var j = 0; j < Weights.Length; j++)
        {
            score += Weights[j] * standardised[j];
        }

        return score;
    }
}
