using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>What training produced: the serving model, the choices made on validation and the hold-out metrics.</summary>
internal sealed record RecommendationTraining(
    HybridRecommender Model,
    bool[] Unavailable,
    HybridSettings Settings,
    ModelMetrics? Metrics,
    RankingFigures? Validation);
