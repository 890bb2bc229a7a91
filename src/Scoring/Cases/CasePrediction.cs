namespace CrmExtensions.Scoring.Cases;

/// <summary>A category and its probability.</summary>
public sealed record CategoryScore(string Category, double Probability);

/// <summary>
/// The prediction for one case: the most likely category and its calibrated probability, the tier its
/// category's validation thresholds put it in, and the next most likely categories.
/// </summary>
/// <param name="Top">The most likely category (always set, also when the tier is Review).</param>
/// <param name="Confidence">Calibrated probability of <paramref name="Top"/>, in [0, 1].</param>
/// <param name="Tier">Auto, Suggest or Review (abstain).</param>
/// <param name="Alternatives">Up to three next most likely categories, most likely first.</param>
public sealed record CasePrediction(string Top, double Confidence, CaseTier Tier, IReadOnlyList<CategoryScore> Alternatives)
{
    /// <summary>The category to apply or suggest; null when the model abstains.</summary>
    public string? Category => Tier == CaseTier.Review ? null : Top;
}
