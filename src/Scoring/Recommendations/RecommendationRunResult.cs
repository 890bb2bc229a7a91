using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>What <see cref="CsvRecommendation.RunAsync"/> did.</summary>
/// <param name="Lines">Order lines read.</param>
/// <param name="SkippedRows">Rows left out for a blank customer or item.</param>
/// <param name="Customers">Customers in the file (each got a list).</param>
/// <param name="Items">Distinct products in the file.</param>
/// <param name="RowsWritten">Recommendation rows written.</param>
/// <param name="Settings">The settings chosen on the validation split (defaults when the file has no dates).</param>
/// <param name="Metrics">Hold-out metrics with baselines ("crmx.metrics/1"); null without a date column or enough history.</param>
public sealed record RecommendationRunResult(
    long Lines, long SkippedRows, int Customers, int Items, long RowsWritten, HybridSettings Settings, ModelMetrics? Metrics);
