namespace CrmExtensions.Connectors.Salesforce.Metadata;

/// <summary>An sObject as described (salesforce.md §6), with the fields a read selects.</summary>
internal sealed record ObjectInfo(string Name, string? KeyPrefix, bool Queryable, IReadOnlyList<FieldInfo> Fields)
{
    /// <summary>The replication key: SystemModstamp, else LastModifiedDate, else CreatedDate (salesforce.md §2c, tap-salesforce).</summary>
    public string? ModstampField { get; } =
        new[] { "SystemModstamp", "LastModifiedDate", "CreatedDate" }.FirstOrDefault(n => Fields.Any(f => f.Name == n));

    public bool HasIsDeleted { get; } = Fields.Any(f => f.Name == "IsDeleted");

    public FieldInfo? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
