namespace CrmExtensions.Scoring.Segmentation;

/// <summary>A segment as kept between trainings so the next one can match its clusters to these ids and names.</summary>
/// <param name="Id">Stable segment number (1, 2, …).</param>
/// <param name="Name">Readable name.</param>
/// <param name="Centroid">Centre in transformed feature units (log(1 + value)), not standardised, so it survives a rescaling.</param>
public sealed record SegmentDefinition(int Id, string Name, IReadOnlyList<double> Centroid);
