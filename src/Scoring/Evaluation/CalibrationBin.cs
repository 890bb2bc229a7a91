namespace CrmExtensions.Scoring.Evaluation;

/// <summary>One row of a calibration table: hold-out rows whose predicted probability fell in [From, To).</summary>
public sealed record CalibrationBin(double From, double To, int Rows, double MeanPredicted, double ObservedRate);
