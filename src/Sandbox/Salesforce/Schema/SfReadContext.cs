using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Salesforce.Schema;

/// <summary>What a field reader sees: the org, the row (null for a deleted record) and its Dataverse table.</summary>
internal sealed class SfReadContext(SalesforceOrg org, TableDef table)
{
    public SalesforceOrg Org { get; } = org;

    public TableDef Table { get; } = table;

    public Row? Row { get; set; }

    public Tombstone? Tombstone { get; set; }

    /// <summary>The surviving record when this row was merged away (read as deleted with MasterRecordId).</summary>
    public Guid? MergedInto { get; set; }

    public Guid Id => Row?.Id ?? Tombstone!.Id;

    public object? Get(string column) => Row is { } row && Table.ByLogicalName(column) is { } c ? row.ValueOf(c) : null;
}
