using CrmExtensions.Sandbox.Dataverse.Metadata;

namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>A committed Create, Update or Delete, with the values before and after (for events and statistics).</summary>
internal sealed record StoreChange(
    string MessageName, TableDef Table, Guid Id, object?[]? Before, object?[]? After,
    IReadOnlyList<ColumnDef> ChangedColumns, Guid UserId, Guid CorrelationId, DateTime At)
{
    /// <summary>The row version (<c>versionnumber</c>) before the change.</summary>
    public long BeforeVersion { get; init; }

    /// <summary>The row version (<c>versionnumber</c>) after the change.</summary>
    public long AfterVersion { get; init; }
}
