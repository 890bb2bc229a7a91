using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Specs;

/// <summary>The outcome of training a spec: the artifact to register and everything needed to judge it.</summary>
/// <param name="Name">The spec name.</param>
/// <param name="Kind">Binary or regression.</param>
/// <param name="Status">Trained, or the little-data prior.</param>
/// <param name="StatusMessage">What was trained, or which data is missing.</param>
/// <param name="Metrics">Hold-out metrics (absent when the hold-out cannot measure anything, e.g. one class only).</param>
/// <param name="Artifact">The version's artifact for <c>IModelRegistry.RegisterAsync</c>; load it with <c>ScoringModel.Load</c>.</param>
/// <param name="Selection">Features used and excluded, each exclusion with its reason.</param>
/// <param name="Holdout">The hold-out records, so a champion can be measured on the same rows.</param>
/// <param name="HoldoutLabels">The hold-out labels (1/0 for binary, the value for regression), aligned with <paramref name="Holdout"/>.</param>
/// <param name="TrainRows">Records trained on.</param>
/// <param name="HoldoutAsOf">The time each hold-out record was measured at (its decision, or the cut-off), for scoring it again.</param>
public sealed record SpecTrainingResult(
    string Name,
    ModelKind Kind,
    TrainingStatus Status,
    string StatusMessage,
    ModelMetrics? Metrics,
    byte[] Artifact,
    FeatureSelection Selection,
    IReadOnlyList<CrmRecord> Holdout,
    IReadOnlyList<double> HoldoutLabels,
    long TrainRows,
    IReadOnlyList<DateTimeOffset> HoldoutAsOf);
