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
    /// <summary>
    /// Changed records whose only changes were our own output fields (the echo of our write-back); stored, but not in
    /// <see cref="Written"/>, so they do not count as changes that call for rescoring.
    /// </summary>
    public long Echoes { get; init; }

    /// <summary>
    /// True when an incremental sync had to read the table from the start: its delta token expired or was refused
    /// (dataverse.md §2), so it resynced in full and reconciled deletions.
    /// </summary>
    public bool Resynced { get; init; }

    /// <summary>True when the sync stopped cleanly because the CRM's API budget ran out; it resumes from its cursor.</summary>
    public bool StoppedByBudget { get; init; }

    /// <summary>True when the sync reached the end of the data.</summary>
    public bool Succeeded => Error is null;
}
