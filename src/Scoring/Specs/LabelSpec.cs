namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// The outcome a model learns. Binary: rows whose <see cref="Field"/> is in <see cref="PositiveValues"/> are
/// positive, in <see cref="NegativeValues"/> negative; any other value (an open record) is scored, not trained on.
/// Regression: the field's number (money in base currency).
/// </summary>
public sealed record LabelSpec
{
    /// <summary>The field holding the outcome.</summary>
    public required string Field { get; init; }

    /// <summary>Values (option values, text, or "true"/"false") meaning the outcome happened.</summary>
    public IReadOnlyList<string> PositiveValues { get; init; } = [];

    /// <summary>Values meaning the outcome is known not to have happened (a closed record).</summary>
    public IReadOnlyList<string> NegativeValues { get; init; } = [];
}
