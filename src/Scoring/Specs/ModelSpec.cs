using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// A model described as configuration: the entity, the label, the features (a list, or automatic with the default
/// exclusions of <see cref="FeatureSelector"/>), and how rows are chosen. Admins add specs on any table.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The model name (e.g. <c>lead-conversion</c>); versions are registered under it.</summary>
    public required string Name { get; init; }

    /// <summary>The entity whose records are scored.</summary>
    public required string Entity { get; init; }

    /// <summary>Binary or regression.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Binary;

    /// <summary>The label; with <see cref="PointInTime"/> it names the churn/value outcome instead of a field.</summary>
    public LabelSpec? Label { get; init; }

    /// <summary>Point-in-time labels from related events (churn: no event in the horizon; value: base-currency spend in it).</summary>
    public PointInTimeSpec? PointInTime { get; init; }

    /// <summary>Related-record aggregates added as features (e.g. a lead's activity counts and days since the last one).</summary>
    public IReadOnlyList<RelatedAggregate> Related { get; init; } = [];

    /// <summary>
    /// The field recording when a closed record's outcome was decided; related records after it are not counted.
    /// When null or blank, the record's last modification time is used.
    /// </summary>
    public string? DecidedOnField { get; init; }

    /// <summary>The features; null selects every field except the default exclusions.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>More fields never to use, e.g. ones an admin knows are filled in after the outcome.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Sensitive attributes never used as features (configurable; defaults to <see cref="FeatureSelector.DefaultSensitive"/>).</summary>
    public IReadOnlyList<string> Sensitive { get; init; } = FeatureSelector.DefaultSensitive;

    /// <summary>A date field ordering records in time (e.g. <c>createdon</c>); the newest closed records form the hold-out.</summary>
    public string? TimeField { get; init; } = "createdon";

    /// <summary>Fewest records per class before a model is trained; below it a transparent prior scores instead.</summary>
    public int MinimumPerClass { get; init; } = 50;
}
