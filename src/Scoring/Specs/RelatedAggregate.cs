namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// Aggregates of related records added as features, e.g. a lead's activities: count (and spend when an amount
/// field is named) per window and days since the last one, counted only up to each record's as-of time.
/// </summary>
public sealed record RelatedAggregate
{
    /// <summary>The related table, e.g. <c>activitypointer</c> or <c>Task</c>.</summary>
    public required string Entity { get; init; }

    /// <summary>The related record's lookup to the scored record, e.g. <c>regardingobjectid</c> or <c>WhoId</c>.</summary>
    public required string ParentField { get; init; }

    /// <summary>The related record's date field.</summary>
    public required string DateField { get; init; }

    /// <summary>A money or number field to sum (base-currency amounts), or null to count only.</summary>
    public string? AmountField { get; init; }

    /// <summary>Windows before the as-of time, in days.</summary>
    public IReadOnlyList<int> WindowDays { get; init; } = [30, 90];
}
