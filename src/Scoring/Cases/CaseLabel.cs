namespace CrmExtensions.Scoring.Cases;

/// <summary>The category of one case and where it came from.</summary>
/// <param name="RecordId">The case.</param>
/// <param name="Category">The category a person set or confirmed; null when the case is no training label.</param>
/// <param name="Source">Who the value in the record came from.</param>
/// <param name="OurValue">The category we last wrote to the record, or null.</param>
public sealed record CaseLabel(string RecordId, string? Category, LabelSource Source, string? OurValue)
{
    /// <summary>True when the case may train a model: only people's values do.</summary>
    public bool IsTrainingLabel => Source is LabelSource.AgentSet or LabelSource.AgentCorrected or LabelSource.AgentConfirmed;

    /// <summary>True when a person's value stands in the record, so we must not categorise (or overwrite) it.</summary>
    public bool PersonOwned => IsTrainingLabel;
}
