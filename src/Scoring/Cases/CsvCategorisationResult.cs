using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Cases;

/// <summary>The outcome of a CSV categorisation run.</summary>
/// <param name="Metrics">Hold-out metrics, or null when TEST has no labels.</param>
/// <param name="Trainer">The trainer chosen on validation.</param>
/// <param name="ValidationAccuracy">Its validation accuracy.</param>
/// <param name="Predictions">Rows written.</param>
/// <param name="TrainingSeconds">Wall-clock seconds of training (all candidates and the refit).</param>
public sealed record CsvCategorisationResult(ModelMetrics? Metrics, string Trainer, double ValidationAccuracy, int Predictions, double TrainingSeconds);
