namespace CrmExtensions.Scoring.Segmentation;

/// <summary>A customer's segment (the values written to the segment id and name fields).</summary>
public sealed record SegmentAssignment(string Customer, int SegmentId, string SegmentName);
