namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>Kinds of literals in a filter.</summary>
internal enum LiteralKind
{
    String,
    Number,
    Guid,
    DateTime,
    Boolean,
    Null,
}
