namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>Dataverse attribute types (AttributeMetadata.AttributeType) the sandbox serves.</summary>
internal enum AttributeType
{
    Uniqueidentifier,
    String,
    Memo,
    Integer,
    BigInt,
    Decimal,
    Money,
    DateTime,
    Boolean,
    Picklist,
    State,
    Status,
    Lookup,
    Customer,
    Owner,
}
