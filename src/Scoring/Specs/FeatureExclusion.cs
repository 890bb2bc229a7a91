namespace CrmExtensions.Scoring.Specs;

/// <summary>A field left out of a model, and why.</summary>
/// <param name="Field">The field.</param>
/// <param name="Rule">The rule: identifier, output, secured, sensitive, leakage, label, configured, unusable.</param>
/// <param name="Reason">The explanation shown to the admin.</param>
public sealed record FeatureExclusion(string Field, string Rule, string Reason);
