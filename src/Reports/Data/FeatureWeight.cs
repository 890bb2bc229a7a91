namespace CrmExtensions.Reports.Data;

/// <summary>One feature's importance as stored in metrics details (<c>topFeatures</c>: <c>[{ "name", "importance" }]</c>).</summary>
public sealed record FeatureWeight(string Name, double Importance);
