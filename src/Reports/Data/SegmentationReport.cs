using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Segmentation;

namespace CrmExtensions.Reports.Data;

/// <summary>The segments of one segmentation model of one org (its champion, or newest version).</summary>
/// <param name="Org">The org.</param>
/// <param name="Model">The segmentation model version.</param>
/// <param name="Profiles">Its segments with sizes and medians; empty when the version did not store them.</param>
public sealed record SegmentationReport(OrgId Org, RegisteredModel Model, IReadOnlyList<SegmentProfile> Profiles)
{
    /// <summary>The segment with the most customers, or null.</summary>
    public SegmentProfile? Largest => Profiles.OrderByDescending(p => p.Size).ThenBy(p => p.Id).FirstOrDefault();
}
