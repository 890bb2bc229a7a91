namespace CrmExtensions.Scoring.Evaluation;

/// <summary>
/// One tenth of the regression hold-out rows ranked by prediction (decile 1 = the lowest predictions) with its mean
/// prediction and mean actual value: predicted vs actual without keeping any single record's value.
/// </summary>
public sealed record RegressionBin(int Decile, int Rows, double MeanPredicted, double MeanActual);
