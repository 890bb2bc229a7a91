namespace CrmExtensions.Scoring.Cases;

/// <summary>A trained classifier with what was decided on the way (validation figures per trainer, left-out categories).</summary>
/// <param name="Classifier">The classifier, refitted on all usable training cases.</param>
/// <param name="ValidationAccuracy">Accuracy of the chosen trainer on the validation cases.</param>
/// <param name="TrainingCases">Labelled cases used (after leaving out too-rare categories).</param>
/// <param name="Notes">Lines for the report.</param>
public sealed record CaseTrainingResult(CaseClassifier Classifier, double ValidationAccuracy, int TrainingCases, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The validation predictions the calibration and the tier thresholds were chosen on, in validation order: for
    /// analysing threshold rules offline (the case benchmark writes them out); they hold no case text.
    /// </summary>
    public IReadOnlyList<ValidationPrediction> Validation { get; init; } = [];
}
