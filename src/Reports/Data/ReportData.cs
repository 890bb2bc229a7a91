namespace CrmExtensions.Reports.Data;

/// <summary>Everything the three pages show, read from the store at one moment.</summary>
/// <param name="ReadAt">When it was read.</param>
/// <param name="Orgs">The overview per org.</param>
/// <param name="Models">Every model except segmentations, per org.</param>
/// <param name="Segmentations">Segmentation models with their segments, per org.</param>
public sealed record ReportData(
    DateTimeOffset ReadAt,
    IReadOnlyList<OrgOverview> Orgs,
    IReadOnlyList<ModelReport> Models,
    IReadOnlyList<SegmentationReport> Segmentations);
