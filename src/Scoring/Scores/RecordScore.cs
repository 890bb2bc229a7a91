using CrmExtensions.Scoring.Reasons;

namespace CrmExtensions.Scoring.Scores;

/// <summary>One record's result.</summary>
/// <param name="RecordId">The scored record.</param>
/// <param name="Score">Binary: 0–100 (100 × calibrated probability); regression: the predicted value.</param>
/// <param name="Probability">Binary: the calibrated probability of the positive outcome; null for regression.</param>
/// <param name="Grade">Binary: A–D by the model's cut-offs; null for regression.</param>
/// <param name="Reasons">The top reasons for people, within the configured length.</param>
/// <param name="ReasonsJson">The same reasons as JSON.</param>
/// <param name="Explanation">The full decomposition (every field).</param>
public sealed record RecordScore(string RecordId, double Score, double? Probability, string? Grade, string Reasons, string ReasonsJson, Explanation Explanation);
