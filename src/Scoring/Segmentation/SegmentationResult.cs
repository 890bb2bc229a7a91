using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>A trained segmentation.</summary>
/// <param name="K">Number of segments.</param>
/// <param name="Assignments">Every customer's segment, in input order.</param>
/// <param name="Profiles">One profile per segment, by id.</param>
/// <param name="Definitions">What to keep for the next training (pass as <c>previous</c>) so names stay stable.</param>
/// <param name="SilhouetteByK">Hold-out silhouette of every k tried.</param>
/// <param name="Metrics">silhouette and daviesBouldin on hold-out customers ("crmx.metrics/1").</param>
public sealed record SegmentationResult(
    int K,
    IReadOnlyList<SegmentAssignment> Assignments,
    IReadOnlyList<SegmentProfile> Profiles,
    IReadOnlyList<SegmentDefinition> Definitions,
    IReadOnlyDictionary<int, double> SilhouetteByK,
    ModelMetrics Metrics);
