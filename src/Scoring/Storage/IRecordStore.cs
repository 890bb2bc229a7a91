using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>Synced CRM records, keyed by org, entity and id.</summary>
public interface IRecordStore
{
    /// <summary>
    /// Upserts one batch of records of one entity and, in the same transaction, saves the cursor that follows it,
    /// so a cursor is never ahead of the data. A record older than the stored one does not overwrite it. Either the
    /// whole batch and the cursor are stored, or nothing is.
    /// </summary>
    Task<UpsertResult> UpsertAsync(OrgId org, string entity, IReadOnlyCollection<CrmRecord> batch, SyncCursor? cursor, CancellationToken cancellationToken = default);

    /// <summary>Streams records in id order without holding them all in memory.</summary>
    IAsyncEnumerable<StoredRecord> ReadAsync(RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads one record (tombstones included), or null.</summary>
    Task<CrmRecord?> GetAsync(OrgId org, string entity, string id, CancellationToken cancellationToken = default);
}
