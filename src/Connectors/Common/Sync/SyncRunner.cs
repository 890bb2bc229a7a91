using System.Diagnostics;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Connectors.Common.Sync;

/// <summary>
/// Moves one entity from a source into the store, batch by batch. Each batch and the cursor after it are stored in
/// one transaction, so a crash at any moment resumes from the last stored batch with nothing lost or doubled.
/// </summary>
public sealed class SyncRunner(IRecordStore records, ICursorStore cursors)
{
    /// <summary>The cursor stream of the main sync.</summary>
    public const string Stream = "sync";

    /// <summary>Syncs one entity from its saved cursor, or fully when <paramref name="full"/> or never synced.</summary>
    public async Task<SyncResult> RunAsync(OrgId org, ICrmSource source, string entity, bool full, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var clock = Stopwatch.StartNew();
        if (full)
        {
            await cursors.ResetAsync(org, entity, cancellationToken);
        }

        var cursor = await cursors.GetAsync(org, entity, Stream, cancellationToken);
        long read = 0, written = 0, unchanged = 0, deleted = 0;
        var batches = 0;
        try
        {
            await foreach (var batch in source.ReadAsync(entity, cursor?.Value, cancellationToken))
            {
                var result = await records.UpsertAsync(org, entity, batch.Records, new SyncCursor(Stream, batch.Cursor), cancellationToken);
                batches++;
                read += batch.Records.Count;
                written += result.Written;
                unchanged += result.Unchanged;
                deleted += batch.Records.Count(r => r.Deleted);
            }
        }
        catch (Exception error) when (error is HttpRequestException or IOException or RecordValidationException or InvalidDataException)
        {
            // A failed run reports what it stored so far and why it stopped; the next run resumes from the last stored batch.
            return new SyncResult(entity, read, written, unchanged, deleted, batches, cursor is null, clock.Elapsed,
                $"{entity}: stopped after {batches} stored batches: {error.Message}");
        }

        return new SyncResult(entity, read, written, unchanged, deleted, batches, cursor is null, clock.Elapsed, null);
    }
}
