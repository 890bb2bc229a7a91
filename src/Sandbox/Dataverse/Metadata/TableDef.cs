namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>A table (entity) definition; columns may be added at run time through metadata writes.</summary>
internal sealed class TableDef
{
    // Every slot ever given out (a deleted column keeps its slot, so row value arrays never shift) and the live columns.
    private readonly List<ColumnDef?> _slots = [];
    private readonly List<ColumnDef> _columns = [];
    private readonly Dictionary<string, ColumnDef> _byWireName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ColumnDef> _byLogicalName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ColumnDef Column, string Target)> _navigation = new(StringComparer.Ordinal);

    public TableDef(string logicalName, string entitySetName, string primaryIdAttribute, string? primaryNameAttribute, int objectTypeCode, bool changeTracking)
    {
        LogicalName = logicalName;
        EntitySetName = entitySetName;
        PrimaryIdAttribute = primaryIdAttribute;
        PrimaryNameAttribute = primaryNameAttribute;
        ObjectTypeCode = objectTypeCode;
        ChangeTrackingEnabled = changeTracking;
    }

    public string LogicalName { get; }

    public string EntitySetName { get; }

    public string PrimaryIdAttribute { get; }

    public string? PrimaryNameAttribute { get; }

    public int ObjectTypeCode { get; }

    public bool ChangeTrackingEnabled { get; }

    public bool IsActivity { get; init; }

    public Guid MetadataId { get; init; }

    /// <summary>Alternate keys: each is a list of column logical names (dataverse.md §3 upsert with alternate key).</summary>
    public List<IReadOnlyList<string>> AlternateKeys { get; } = [];

    public IReadOnlyList<ColumnDef> Columns => _columns;

    public ColumnDef PrimaryId => _byLogicalName[PrimaryIdAttribute];

    public string EdmTypeName => $"Microsoft.Dynamics.CRM.{LogicalName}";

    public ColumnDef Add(ColumnDef column)
    {
        var placed = column with { Index = _slots.Count };
        _slots.Add(placed);
        _columns.Add(placed);
        _byWireName[placed.WireName] = placed;
        _byLogicalName[placed.LogicalName] = placed;
        if (placed.IsLookup)
        {
            foreach (var target in placed.Targets)
            {
                var nav = placed.Targets.Count == 1 ? placed.LogicalName : NavigationName(placed.LogicalName, target);
                _navigation[nav] = (placed, target);
            }
        }

        return placed;
    }

    /// <summary>Replaces a (non-lookup) column's definition in place, keeping its slot: a metadata update (PUT).</summary>
    public ColumnDef Replace(ColumnDef column)
    {
        var current = _byLogicalName[column.LogicalName];
        var placed = column with { Index = current.Index };
        _slots[placed.Index] = placed;
        _columns[_columns.IndexOf(current)] = placed;
        _byWireName[placed.WireName] = placed;
        _byLogicalName[placed.LogicalName] = placed;
        return placed;
    }

    /// <summary>Removes a (non-lookup) custom column; its slot stays taken so stored rows keep their layout.</summary>
    public void Remove(ColumnDef column)
    {
        var current = _byLogicalName[column.LogicalName];
        _slots[current.Index] = null;
        _columns.Remove(current);
        _byWireName.Remove(current.WireName);
        _byLogicalName.Remove(current.LogicalName);
    }

    /// <summary>The column as named in $select/$filter/$orderby and in JSON bodies.</summary>
    public ColumnDef? ByWireName(string name) => _byWireName.GetValueOrDefault(name);

    public ColumnDef? ByLogicalName(string name) => _byLogicalName.GetValueOrDefault(name);

    /// <summary>Resolves a navigation property used with <c>@odata.bind</c> to its lookup column and target table.</summary>
    public (ColumnDef Column, string Target)? ByNavigation(string name) =>
        _navigation.TryGetValue(name, out var found) ? found : null;

    /// <summary>Multi-table lookups have one navigation property per target, e.g. <c>customerid_account</c>,
    /// and activity regarding lookups add the activity name, e.g. <c>regardingobjectid_account_task</c> (dataverse.md §3).</summary>
    public string NavigationName(string lookup, string target) =>
        lookup == "regardingobjectid" ? $"{lookup}_{target}_{LogicalName}" : $"{lookup}_{target}";
}
