using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Metadata;

/// <summary>
/// A field as described: its canonical type (null for types we do not read), picklist labels by value, lookup
/// targets, and whether it is encrypted (never read, flagged so scoring excludes it).
/// </summary>
internal sealed record FieldInfo(string Name, string SalesforceType, FieldType? Type, string? Label, IReadOnlyList<string> Targets, bool Encrypted, bool Custom)
{
    public IReadOnlyDictionary<string, string> PicklistLabels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
