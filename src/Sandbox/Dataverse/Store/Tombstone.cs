namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>A deleted record, kept for change tracking (reported as a <c>$deletedEntity</c> row).</summary>
internal sealed record Tombstone(Guid Id, long Version, DateTime DeletedOn);
