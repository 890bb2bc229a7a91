namespace CrmExtensions.Scoring.Training;

/// <summary>A trained model with what the validation search saw.</summary>
internal sealed record TrainingOutcome(TabularModel Model, double ValidationFigure, string ValidationMetric, IReadOnlyList<string> Notes);
