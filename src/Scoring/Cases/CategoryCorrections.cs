namespace CrmExtensions.Scoring.Cases;

/// <summary>How people treated the values we wrote for one category.</summary>
/// <param name="Category">The category we wrote.</param>
/// <param name="Written">Cases that (as last synced) show what people did with our value.</param>
/// <param name="Corrected">Cases where a person replaced our value with another category.</param>
/// <param name="Cleared">Cases where a person emptied the field.</param>
/// <param name="Confirmed">Cases where a person confirmed our value.</param>
public sealed record CategoryCorrections(string Category, int Written, int Corrected, int Cleared, int Confirmed)
{
    /// <summary>Share of our values people changed or cleared (NaN when none were written).</summary>
    public double CorrectionRate => Written == 0 ? double.NaN : (Corrected + Cleared) / (double)Written;

    /// <summary>Counts per category we wrote, from classified labels.</summary>
    public static IReadOnlyList<CategoryCorrections> From(IEnumerable<CaseLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return [.. labels
            .Where(l => l.OurValue is not null && l.Source is not LabelSource.Stale && l.Source is not LabelSource.AgentSet)
            .GroupBy(l => l.OurValue!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryCorrections(
                g.Key, g.Count(),
                g.Count(l => l.Source == LabelSource.AgentCorrected),
                g.Count(l => l.Source == LabelSource.AgentCleared),
                g.Count(l => l.Source == LabelSource.AgentConfirmed)))];
    }
}
