namespace CrmExtensions.Scoring.Evaluation;

/// <summary>
/// How much a model leans on one field, measured on hold-out rows: the field's share of the model's mean absolute
/// per-field contribution (all fields together make 1). Stored as <c>topFeatures</c> in metrics details.
/// </summary>
/// <param name="Name">The field's logical name.</param>
/// <param name="Importance">Its share, 0–1.</param>
public sealed record FieldImportance(string Name, double Importance);
