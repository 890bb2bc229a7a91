using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Every customer's top-N list with the settings and hold-out metrics of the model that produced them.</summary>
/// <param name="Recommendations">Rows by customer (in order of first appearance) and rank.</param>
/// <param name="Settings">Settings chosen on the validation split.</param>
/// <param name="Metrics">Time-split hold-out metrics with baselines, or null when history is too short to split.</param>
public sealed record RecommendationBatch(IReadOnlyList<Recommendation> Recommendations, HybridSettings Settings, ModelMetrics? Metrics);
