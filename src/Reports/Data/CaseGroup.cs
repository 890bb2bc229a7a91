namespace CrmExtensions.Reports.Data;

/// <summary>
/// Hold-out figures of one group of cases (one category or one language) as a case model's metrics store them in
/// <c>perCategory</c> / <c>perLanguage</c>; a figure is null when it does not exist (no case predicted as the category,
/// nothing written).
/// </summary>
/// <param name="Name">The category, or the language code (<c>latin</c>, <c>zh</c>, …).</param>
/// <param name="Cases">Labelled hold-out cases in the group.</param>
/// <param name="Precision">Of cases predicted as the category, the share that were it (a language: macro mean).</param>
/// <param name="Recall">Of the group's cases, the share predicted right (a language: macro mean).</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="AutoShare">Share of the group's cases the model would set without asking.</param>
/// <param name="SuggestShare">Share it would suggest to the agent.</param>
/// <param name="AbstainShare">Share left for the agent to categorise ("needs review").</param>
/// <param name="CorrectionRate">Of the values it would write, the share an agent would have to change.</param>
public sealed record CaseGroup(
    string Name, int Cases, double? Precision, double? Recall, double? F1, double? AutoShare, double? SuggestShare, double? AbstainShare, double? CorrectionRate);
