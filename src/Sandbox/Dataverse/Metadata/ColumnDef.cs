namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>One column (attribute) of a table. <see cref="Index"/> is its slot in a row's value array.</summary>
internal sealed record ColumnDef(string LogicalName, AttributeType Type, int Index)
{
    public int? MaxLength { get; init; }

    public IReadOnlyList<OptionDef> Options { get; init; } = [];

    /// <summary>Target tables of a lookup (several for Customer and regarding lookups).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    public bool DateOnly { get; init; }

    public bool IsSecured { get; init; }

    public bool ReadOnly { get; init; }

    public bool Required { get; init; }

    public bool IsCustom { get; init; }

    /// <summary>SchemaName given when a custom column was created through the metadata API.</summary>
    public string? SchemaName { get; init; }

    /// <summary>Display name given when a custom column was created through the metadata API.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Column-level auditing (AttributeMetadata.IsAuditEnabled, a managed property); on for new columns as in the service.</summary>
    public bool IsAuditEnabled { get; init; } = true;

    public decimal? MinValue { get; init; }

    public decimal? MaxValue { get; init; }

    public Guid MetadataId { get; init; }

    public bool IsLookup => Type is AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner;

    /// <summary>Name used on the wire: lookups are read as <c>_name_value</c> (dataverse.md §1).</summary>
    public string WireName => IsLookup ? $"_{LogicalName}_value" : LogicalName;

    public OptionDef? Option(int value)
    {
        foreach (var option in Options)
        {
            if (option.Value == value)
            {
                return option;
            }
        }

        return null;
    }
}
