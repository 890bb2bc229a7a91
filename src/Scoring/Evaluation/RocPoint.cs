namespace CrmExtensions.Scoring.Evaluation;

/// <summary>One point of a hold-out ROC curve: the rates when every row scoring at least <see cref="Threshold"/> is called positive.</summary>
public sealed record RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);
