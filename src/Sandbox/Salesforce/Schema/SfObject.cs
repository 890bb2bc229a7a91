using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Salesforce.Schema;

/// <summary>A Salesforce sObject served from one Dataverse table (optionally a subset of its rows).</summary>
internal sealed class SfObject(string name, string label, string keyPrefix, string table, IReadOnlyList<SfField> fields)
{
    private readonly Dictionary<string, SfField> _byName = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public string Label { get; } = label;

    public string KeyPrefix { get; } = keyPrefix;

    /// <summary>Dataverse logical name of the backing table.</summary>
    public string Table { get; } = table;

    public IReadOnlyList<SfField> Fields { get; } = fields;

    /// <summary>Rows of the table that belong to this object (e.g. Product2 excludes product families).</summary>
    public Func<Row, Dataverse.Metadata.TableDef, bool>? Include { get; init; }

    /// <summary>Field names are case-insensitive in SOQL and REST bodies.</summary>
    public SfField? Field(string name) => _byName.GetValueOrDefault(name);
}
