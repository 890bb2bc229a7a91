using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Scoring.Tests.Specs;

/// <summary>A hand-written read-only fake of the record store over a list.</summary>
internal sealed class InMemoryRecordStore(IEnumerable<CrmRecord> records) : IRecordStore
{
    private readonly List<CrmRecord> _records = [.. records];

    public Task<UpsertResult> UpsertAsync(OrgId org, string entity, IReadOnlyCollection<CrmRecord> batch, SyncCursor? cursor, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async IAsyncEnumerable<StoredRecord> ReadAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var record in _records.Where(r => r.Org == query.Org && string.Equals(r.Entity, query.Entity, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            yield return new StoredRecord(record, 1);
        }
    }

    public Task<CrmRecord?> GetAsync(OrgId org, string entity, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.FirstOrDefault(r => r.Org == org && r.Entity == entity && r.Id == id));
}
