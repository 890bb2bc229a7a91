namespace CrmExtensions.Connectors.Dataverse.Metadata;

/// <summary>A table as discovered from <c>EntityDefinitions</c>.</summary>
internal sealed record TableInfo(string LogicalName, string EntitySetName, string PrimaryId, bool ChangeTracking, IReadOnlyList<ColumnInfo> Columns)
{
    public ColumnInfo? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
