using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Csv;

/// <summary>What one <c>crmx predict</c> run did.</summary>
/// <param name="Kind">Binary, regression or multiclass.</param>
/// <param name="HoldoutMetrics">Metrics on the labelled TEST rows; null when TEST has no labels.</param>
/// <param name="ValidationMetric">The metric the candidates were chosen on ("auc", "rmse" or "accuracy").</param>
/// <param name="ValidationFigure">Its value on the validation split of TRAIN (not a hold-out figure of the final model); NaN when the little-data prior scored.</param>
/// <param name="Model">The chosen candidate.</param>
/// <param name="PositiveClass">The positive class (binary).</param>
/// <param name="Columns">How every TRAIN column was used.</param>
/// <param name="PredictionRows">Rows written to PREDICTIONS.csv (one per TEST row).</param>
public sealed record CsvPredictionResult(
    ModelKind Kind,
    ModelMetrics? HoldoutMetrics,
    string ValidationMetric,
    double ValidationFigure,
    string Model,
    string? PositiveClass,
    IReadOnlyList<ColumnDecision> Columns,
    int PredictionRows);
