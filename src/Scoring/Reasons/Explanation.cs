namespace CrmExtensions.Scoring.Reasons;

/// <summary>
/// The exact decomposition of one prediction: <c>Bias + Σ Reasons.Contribution = Raw</c> (up to rounding).
/// For binary models Raw is the calibrated log-odds, Score = 100 × σ(Raw) and BaseScore = 100 × σ(Bias); each
/// reason's points are its contribution × (Score − BaseScore) / (Raw − Bias), so the points of all fields add
/// up to Score − BaseScore (when Raw = Bias the slope 100 × p × (1 − p) is used). For regression the points
/// are the contributions themselves, in value units.
/// </summary>
/// <param name="Bias">The model's output before any field is considered (the training average in raw units).</param>
/// <param name="Raw">The raw model output for this record.</param>
/// <param name="Score">The displayed score (0–100) for binary models, or the value for regression.</param>
/// <param name="BaseScore">The displayed score of the bias alone.</param>
/// <param name="Reasons">Every used field, in feature order.</param>
public sealed record Explanation(double Bias, double Raw, double Score, double BaseScore, IReadOnlyList<Reason> Reasons)
{
    /// <summary>Reasons worth less than this many points are not shown (half a score point; 1% of the total for regression).</summary>
    public double MinimumPoints { get; init; } = 0.5;
}
