using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Metadata;

/// <summary>A column as discovered, with its canonical type and (for lookups) its possible targets.</summary>
internal sealed record ColumnInfo(string Name, FieldType Type, bool Secured, IReadOnlyList<string> Targets, string? DisplayName);
