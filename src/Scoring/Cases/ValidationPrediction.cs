namespace CrmExtensions.Scoring.Cases;

/// <summary>One validation prediction: predicted category, its calibrated confidence, the true category, the case's script language.</summary>
public sealed record ValidationPrediction(string Predicted, double Confidence, string Actual, string Language);
