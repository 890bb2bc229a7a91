using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>
/// A field as discovered. <see cref="Secured"/> marks fields under field-level security or encryption: they are never
/// features and never appear in reasons.
/// </summary>
public sealed record FieldSchema(string Name, FieldType Type, bool Secured)
{
    /// <summary>The target entity of a lookup.</summary>
    public string? Target { get; init; }

    /// <summary>The display label.</summary>
    public string? DisplayName { get; init; }
}
