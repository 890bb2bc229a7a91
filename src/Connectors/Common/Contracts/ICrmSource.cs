namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>Reads one CRM org: check, discover, and read an entity from a cursor (Airbyte's verbs).</summary>
public interface ICrmSource
{
    /// <summary>Verifies credentials and reachability and finds the org id; reports problems rather than throwing.</summary>
    Task<CheckResult> CheckAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the entities and their fields with canonical types.</summary>
    Task<IReadOnlyList<EntitySchema>> DiscoverAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads an entity: everything when <paramref name="cursor"/> is null, else the changes since it (deletes as
    /// tombstones). Each batch carries the opaque cursor value to save once the batch is stored.
    /// </summary>
    IAsyncEnumerable<RecordBatch> ReadAsync(string entity, string? cursor, CancellationToken cancellationToken = default);
}
