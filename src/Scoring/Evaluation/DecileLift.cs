namespace CrmExtensions.Scoring.Evaluation;

/// <summary>
/// One tenth of the hold-out rows, ranked by predicted probability (decile 1 = the highest scores): its observed positive
/// rate, lift over the overall rate and the cumulative share of all positives found down to it (gain).
/// </summary>
public sealed record DecileLift(int Decile, int Rows, int Positives, double ObservedRate, double Lift, double CumulativeGain);
