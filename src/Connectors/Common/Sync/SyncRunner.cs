using System.Diagnostics;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Connectors.Common.Sync;

/// <summary>
/// Moves one entity from a source into the store, batch by batch. Each batch and the cursor after it are stored in
/// one transaction, so a crash at any moment resumes from the last stored batch with nothing lost or doubled.
/// </summary>
public sealed class SyncRunner(IRecordStore records, ICursorStore cursors, TimeProvider? time = null)
{
    private const int TombstoneBatch = 1_000;

    /// <summary>The cursor stream of the main sync.</summary>
    public const string Stream = "sync";

    /// <summary>
    /// Recognises the echo of our own write-back per entity (null: no recognition). Echoes are stored like any change
    /// (the store mirrors the CRM) but counted as <see cref="SyncResult.Echoes"/>, not as <see cref="SyncResult.Written"/>.
    /// </summary>
    public Func<string, EchoDetector?>? Echoes { get; init; }

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
        long read = 0, written = 0, unchanged = 0, deleted = 0, echoes = 0;
        var echo = Echoes?.Invoke(entity);
        var batches = 0;
        var resynced = false;
        HashSet<string>? seen = null;
        try
        {
            await foreach (var batch in source.ReadAsync(entity, cursor?.Value, cancellationToken))
            {
                if (batch.FullReadStart)
                {
                    seen = new HashSet<string>(StringComparer.Ordinal);

                    // A read from a saved cursor that starts over means the delta could not continue.
                    resynced |= cursor is not null;
                }

                if (seen is not null && batch.FullRead)
                {
                    seen.UnionWith(batch.Records.Where(r => !r.Deleted).Select(r => r.Id));
                    seen.UnionWith(batch.LiveIds?.Select(RecordId.Normalise) ?? []);
                }

                // Only incremental pages can hold echoes worth telling apart; a full read rewrites what it must anyway.
                var batchEchoes = echo is null || batch.FullRead ? 0 : await CountEchoesAsync(org, entity, echo, batch.Records, cancellationToken);
                var result = await records.UpsertAsync(org, entity, batch.Records, new SyncCursor(Stream, batch.Cursor), cancellationToken);
                batches++;
                read += batch.Records.Count;
                echoes += batchEchoes;
                written += result.Written - batchEchoes;
                unchanged += result.Unchanged;
                deleted += batch.Records.Count(r => r.Deleted);
            }

            if (seen is not null)
            {
                deleted += await TombstoneMissingAsync(org, entity, seen, cancellationToken);
            }
        }
        catch (Exception error) when (error is HttpRequestException or IOException or RecordValidationException or InvalidDataException)
        {
            // A failed run reports what it stored so far and why it stopped; the next run resumes from the last stored batch.
            return new SyncResult(entity, read, written, unchanged, deleted, batches, cursor is null, clock.Elapsed,
                $"{entity}: stopped after {batches} stored batches: {error.Message}")
            { Echoes = echoes, Resynced = resynced, StoppedByBudget = error is IApiBudgetStop { BudgetSpent: true } };
        }

        return new SyncResult(entity, read, written, unchanged, deleted, batches, cursor is null, clock.Elapsed, null) { Echoes = echoes, Resynced = resynced };
    }

    private async Task<int> CountEchoesAsync(OrgId org, string entity, EchoDetector echo, IReadOnlyList<CrmRecord> batch, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var record in batch.Where(echo.MayBeEcho))
        {
            if (echo.IsEcho(await records.GetAsync(org, entity, record.Id, cancellationToken), record))
            {
                count++;
            }
        }

        return count;
    }

    // A full read that ran from the start to the end has delivered every live record; stored live records it did not
    // deliver were deleted in the CRM while no delta could tell us (expired token, tables without change tracking).
    // A full read that delivered nothing tombstones nothing: an empty answer is likelier a permission problem than an
    // emptied table.
    private async Task<long> TombstoneMissingAsync(OrgId org, string entity, HashSet<string> seen, CancellationToken cancellationToken)
    {
        if (seen.Count == 0)
        {
            return 0;
        }

        var missing = new List<string>();
        await foreach (var stored in records.ReadAsync(new RecordQuery(org, entity), cancellationToken))
        {
            if (!seen.Contains(stored.Record.Id))
            {
                missing.Add(stored.Record.Id);
            }
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        foreach (var chunk in missing.Chunk(TombstoneBatch))
        {
            await records.UpsertAsync(org, entity, [.. chunk.Select(id => CrmRecord.Tombstone(org, entity, id, now))], null, cancellationToken);
        }

        return missing.Count;
    }
}
