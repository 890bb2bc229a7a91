using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Salesforce.Schema;

/// <summary>Collects the Dataverse column changes (and custom-field values) one Salesforce update makes.</summary>
internal sealed class SfWriteContext(SalesforceOrg org, TableDef table, Row row)
{
    public SalesforceOrg Org { get; } = org;

    public TableDef Table { get; } = table;

    public Row Row { get; } = row;

    public Dictionary<ColumnDef, object?> Changes { get; } = [];

    public Dictionary<string, object?> CustomValues { get; } = new(StringComparer.Ordinal);

    public void Set(string column, object? value) => Changes[Table.ByLogicalName(column)!] = value;
}
