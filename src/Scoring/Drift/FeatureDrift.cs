namespace CrmExtensions.Scoring.Drift;

/// <summary>The population stability index of one field between training and currently scored records.</summary>
/// <param name="Field">The field.</param>
/// <param name="Psi">Σ (actual − expected) × ln(actual / expected) over the field's bins.</param>
/// <param name="Drifted">True at or above the drift threshold (default 0.25, the usual "significant shift" line).</param>
public sealed record FeatureDrift(string Field, double Psi, bool Drifted);
