namespace CrmExtensions.Scoring.Segmentation;

/// <summary>What <see cref="CsvSegmentation.RunAsync"/> did.</summary>
/// <param name="Lines">Order lines read.</param>
/// <param name="SkippedRows">Rows left out for a blank customer.</param>
/// <param name="RowsWritten">Customer rows written.</param>
/// <param name="Segmentation">The trained segmentation with profiles and hold-out metrics.</param>
public sealed record SegmentationRunResult(long Lines, long SkippedRows, long RowsWritten, SegmentationResult Segmentation);
