namespace CrmExtensions.Scoring.Reasons;

/// <summary>
/// One field's share of a record's score. An association the model learned, not a cause.
/// </summary>
/// <param name="Field">The source field (one-hot and word columns folded back into it).</param>
/// <param name="Value">How the record's value is shown ("Web", "45 days ago", "blank"); null for secured fields, whose values are never quoted.</param>
/// <param name="Contribution">The raw contribution (log-odds for binary models, value units for regression).</param>
/// <param name="Points">The contribution on the displayed scale (0–100 score points for binary, value units for regression).</param>
public sealed record Reason(string Field, string? Value, double Contribution, double Points)
{
    /// <summary>The field's display name for people (e.g. "Lead source"), when known; renderings fall back to <see cref="Field"/>.</summary>
    public string? Label { get; init; }
}
