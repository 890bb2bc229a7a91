namespace CrmExtensions.Scoring.Segmentation;

/// <summary>A category (e.g. an industry) and its share of a segment's customers.</summary>
public sealed record CategoryShare(string Value, double Share);
