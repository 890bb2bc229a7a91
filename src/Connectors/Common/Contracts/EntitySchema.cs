namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>An entity as discovered: its fields and whether incremental change tracking is available.</summary>
public sealed record EntitySchema(string Name, IReadOnlyList<FieldSchema> Fields, bool ChangeTracking);
