namespace CrmExtensions.Scoring.Cases;

/// <summary>Hold-out figures of one group of cases (all cases, one category, or one language).</summary>
/// <param name="Cases">Labelled hold-out cases in the group (for a category: cases whose true category it is).</param>
/// <param name="Precision">Of cases whose top prediction is in the group's category (macro mean for a group of categories).</param>
/// <param name="Recall">Of the group's true cases, the share whose top prediction is right (macro mean for a group).</param>
/// <param name="F1">Harmonic mean of precision and recall (macro mean for a group).</param>
/// <param name="Accuracy">Share of cases whose top prediction is right.</param>
/// <param name="AutoShare">Share of cases in the auto-apply tier.</param>
/// <param name="SuggestShare">Share of cases in the suggest tier.</param>
/// <param name="AbstainShare">Share of cases the model abstained on (tier Review).</param>
/// <param name="AutoPrecision">Of auto-applied categories, the share that were right (NaN: none applied).</param>
/// <param name="SuggestPrecision">Of categories in the suggest tier, the share that were right (NaN: none suggested).</param>
/// <param name="CorrectionRate">Of categories written (auto or suggest), the share an agent would have had to change (NaN: none written).</param>
public sealed record CaseFigures(
    int Cases, double Precision, double Recall, double F1, double Accuracy,
    double AutoShare, double SuggestShare, double AbstainShare, double AutoPrecision, double SuggestPrecision, double CorrectionRate);
