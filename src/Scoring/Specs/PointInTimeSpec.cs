namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// A label built from related events so that no future data reaches the features: features as of a cut-off T
/// (the entity's fields plus event aggregates up to T), label from the events in (T, T + <see cref="HorizonDays"/>].
/// </summary>
public sealed record PointInTimeSpec
{
    /// <summary>The event table, e.g. <c>salesorder</c> or <c>Order</c>.</summary>
    public required string EventEntity { get; init; }

    /// <summary>The event's lookup to the scored record, e.g. <c>customerid</c> or <c>AccountId</c>.</summary>
    public required string ParentField { get; init; }

    /// <summary>The event's date field.</summary>
    public required string DateField { get; init; }

    /// <summary>The event's money field (its base-currency amount is used).</summary>
    public required string AmountField { get; init; }

    /// <summary>The label window after T, in days.</summary>
    public int HorizonDays { get; init; } = 180;

    /// <summary>Aggregate windows before T, in days (count and spend in each, plus days since the last event).</summary>
    public IReadOnlyList<int> WindowDays { get; init; } = [90, 365];
}
