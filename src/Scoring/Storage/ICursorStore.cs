using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>Sync cursors. They are saved only together with the batch they follow (<see cref="IRecordStore.UpsertAsync"/>).</summary>
public interface ICursorStore
{
    /// <summary>The saved cursor of a stream, or null when the entity was never synced (or was reset).</summary>
    Task<SyncCursor?> GetAsync(OrgId org, string entity, string stream, CancellationToken cancellationToken = default);

    /// <summary>Forgets every cursor of the entity, so the next sync is a full one.</summary>
    Task ResetAsync(OrgId org, string entity, CancellationToken cancellationToken = default);
}
