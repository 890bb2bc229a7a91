using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Metadata;

/// <summary>Maps AttributeMetadata types to canonical field types (dataverse.md §1 value shapes, §8 column types).</summary>
internal static class TypeMapping
{
    /// <summary>The canonical type, or null for columns we do not read (virtual, party lists, images, file columns).</summary>
    public static FieldType? Map(string attributeType, string? format) => attributeType switch
    {
        "String" or "Uniqueidentifier" or "EntityName" => FieldType.Text,
        "Memo" => FieldType.LongText,
        "Integer" or "BigInt" or "Decimal" or "Double" => FieldType.Number,
        "Money" => FieldType.Money,
        "Boolean" => FieldType.Bool,
        "DateTime" when string.Equals(format, "DateOnly", StringComparison.OrdinalIgnoreCase) => FieldType.Date,
        "DateTime" => FieldType.DateTime,
        "Picklist" or "State" or "Status" => FieldType.Option,
        "Lookup" or "Customer" or "Owner" => FieldType.Lookup,
        _ => null,
    };
}
