namespace CrmExtensions.Scoring.Cases;

/// <summary>The cases of a table with their labels' provenance, and what people did with the values we wrote.</summary>
/// <param name="Cases">Every live case with its label.</param>
/// <param name="Corrections">Per category we wrote: written, corrected, cleared, confirmed.</param>
public sealed record CaseLabelSet(IReadOnlyList<(Records.CrmRecord Record, CaseLabel Label)> Cases, IReadOnlyList<CategoryCorrections> Corrections)
{
    /// <summary>Cases per label source, for the run's status.</summary>
    public IReadOnlyDictionary<LabelSource, int> BySource =>
        Cases.GroupBy(c => c.Label.Source).ToDictionary(g => g.Key, g => g.Count());
}
