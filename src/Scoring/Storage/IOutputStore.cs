using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>Model outputs per record and field, their history, and the values last written to the CRM.</summary>
public interface IOutputStore
{
    /// <summary>Saves current outputs in one transaction; a value that differs from the current one is also appended to the history. Returns how many changed.</summary>
    Task<int> SaveAsync(OrgId org, IReadOnlyCollection<OutputValue> outputs, CancellationToken cancellationToken = default);

    /// <summary>Streams the output state of a table in record-id order.</summary>
    IAsyncEnumerable<OutputState> ReadAsync(OrgId org, string table, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the output state of the named records of a table (normalised ids) in record-id order, e.g. the few records
    /// a webhook rescored. A store reads them by key; this default reads the table and filters.
    /// </summary>
    async IAsyncEnumerable<OutputState> ReadAsync(
        OrgId org, string table, IReadOnlyCollection<string> recordIds, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var named = recordIds.Select(RecordId.Normalise).ToHashSet(StringComparer.Ordinal);
        await foreach (var state in ReadAsync(org, table, cancellationToken))
        {
            if (named.Contains(state.RecordId))
            {
                yield return state;
            }
        }
    }

    /// <summary>Records what was written to the CRM, in one transaction.</summary>
    Task MarkWrittenAsync(OrgId org, IReadOnlyCollection<WrittenValue> written, CancellationToken cancellationToken = default);

    /// <summary>The history of one record's outputs, oldest first.</summary>
    Task<IReadOnlyList<OutputValue>> ReadHistoryAsync(OrgId org, string table, string recordId, CancellationToken cancellationToken = default);
}
