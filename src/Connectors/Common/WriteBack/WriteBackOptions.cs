using System.ComponentModel.DataAnnotations;

namespace CrmExtensions.Connectors.Common.WriteBack;

/// <summary>When an output change is worth a CRM API call. Bound from <c>Crmx:WriteBack</c>.</summary>
public sealed class WriteBackOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crmx:WriteBack";

    /// <summary>A score (0–100) must move at least this many points to be written again.</summary>
    [Range(0, 100)]
    public double ScorePoints { get; set; } = 5;

    /// <summary>A predicted value (customer value) must change by at least this share to be written again.</summary>
    [Range(0, 10)]
    public double ValueRelativeChange { get; set; } = 0.05;

    /// <summary>Updates handed to the writer per call (the connector splits them into its own API batches); a writer that prefers more (Salesforce with Bulk writes on) gets its own size.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1_000;
}
