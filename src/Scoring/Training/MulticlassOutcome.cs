namespace CrmExtensions.Scoring.Training;

/// <summary>A trained many-class model (CSV path only): class probabilities per row, in class-index order.</summary>
internal sealed record MulticlassOutcome(string Description, double ValidationAccuracy, IReadOnlyList<string> Notes, Func<float[][], double[][]> Predict);
