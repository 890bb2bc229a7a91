namespace CrmExtensions.Connectors.Common.Sync;

/// <summary>What one entity's sync did. A failed or partial sync says so in <see cref="Error"/>; it does not throw.</summary>
public sealed record SyncResult(
    string Entity,
    long Read,
    long Written,
    long Unchanged,
    long Deleted,
    int Batches,
    bool Full,
    TimeSpan Duration,
    string? Error)
{
    /// <summary>True when the sync reached the end of the data.</summary>
    public bool Succeeded => Error is null;
}
