namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>
/// One stored record. Values are indexed by <c>ColumnDef.Index</c>; a shorter array than the table's column count
/// means the trailing (recently added) columns are null. Version is the row version served as the ETag.
/// </summary>
internal sealed class Row(Guid id, long version, object?[] values)
{
    public Guid Id { get; } = id;

    public long Version { get; set; } = version;

    public object?[] Values { get; set; } = values;

    public object? Get(int index) => index < Values.Length ? Values[index] : null;

    /// <summary>A column's value; <c>versionnumber</c> is the row version itself.</summary>
    public object? ValueOf(Metadata.ColumnDef column) =>
        column.Type == Metadata.AttributeType.BigInt && column.LogicalName == "versionnumber" ? Version : Get(column.Index);

    public void Set(int index, object? value)
    {
        if (index >= Values.Length)
        {
            var grown = new object?[index + 1];
            Values.CopyTo(grown, 0);
            Values = grown;
        }

        Values[index] = value;
    }
}
