using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Plugins.Processing;

/// <summary>
/// Drains the event inbox: claims pending events with a lease, coalesces them per org and table, builds each named
/// record from the row its events carried (the step's entity image, the outbound message's sObject) with the
/// connector's own mapping, or reads it by id when an event carried none or one that lacks a field scoring needs,
/// stores it as a sync would, rescores only the named records with the champions, writes back material changes, then
/// completes the events. A crash at any point leaves the events leased; when the lease ends another pass redoes the
/// work, and every step is idempotent (the store keeps the newest copy of a record, unchanged outputs are not saved
/// again, written values are not written again). A source without <see cref="IRecordLookup"/> falls back to an
/// incremental sync of the table.
/// </summary>
public sealed partial class EventProcessor(
    IRecordEventInbox inbox, IRecordStore records, SyncJob sync, ScoreJob score, WriteBackJob writeBack, IEventTargets targets, ISyncLock locks,
    TimeProvider time, ILogger<EventProcessor> logger)
{
    /// <summary>How long claimed events stay invisible to other workers.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for a running sync of the same table.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Processes up to <paramref name="max"/> events.</summary>
    public async Task<EventBatchResult> ProcessAsync(int max, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await inbox.ClaimAsync(max, now, now + Lease, cancellationToken);
        if (claimed.Count == 0)
        {
            return new EventBatchResult(0, 0, 0, 0, 0);
        }

        long scored = 0, written = 0;
        var deferred = 0;
        var named = 0;
        foreach (var byOrg in claimed.GroupBy(e => e.Org))
        {
            var target = await targets.FindAsync(byOrg.Key, cancellationToken);
            if (target is null)
            {
                // Kept pending: e.g. a Salesforce org before its connector exists. The lease makes later passes skip it a while.
                LogNoTarget(byOrg.Key.Value, byOrg.Count());
                deferred += byOrg.Count();
                continue;
            }

            foreach (var byTable in byOrg.GroupBy(e => e.Event.Entity, StringComparer.OrdinalIgnoreCase))
            {
                var events = byTable.ToList();
                var ids = events.Select(e => e.Event.RecordId).ToHashSet(StringComparer.Ordinal);
                named += ids.Count;
                try
                {
                    var (s, w) = await ProcessTableAsync(target, byTable.Key, events, ids, cancellationToken);
                    scored += s;
                    written += w;
                    await inbox.CompleteAsync(events, "processed", time.GetUtcNow(), cancellationToken);
                    LogProcessed(target.Connection, target.Org.Value, byTable.Key, events.Count, ids.Count, s, w);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // Left leased: retried when the lease ends. Our exceptions name records and fields, never values.
                    deferred += events.Count;
                    LogFailed(failure, target.Connection, target.Org.Value, byTable.Key, events.Count);
                }
            }
        }

        return new EventBatchResult(claimed.Count, named, scored, written, deferred);
    }

    private async Task<(long Scored, long Written)> ProcessTableAsync(
        EventTarget target, string table, List<PendingRecordEvent> events, IReadOnlySet<string> ids, CancellationToken cancellationToken)
    {
        if (target.Source is IRecordLookup lookup)
        {
            await StoreNamedRecordsAsync(target, lookup, table, events, cancellationToken);
        }
        else
        {
            using (locks.Acquire(SyncLocks.For(target.Connection, table), LockTimeout))
            {
                var synced = await sync.RunAsync(target.Org, target.Source, table, full: false, cancellationToken);
                if (!synced.Succeeded)
                {
                    throw new InvalidOperationException($"The incremental sync of {table} failed: {synced.Error}");
                }
            }
        }

        long scored = 0;
        var scope = ScoreScope.Records(ids);
        foreach (var spec in target.Specs.Where(s => string.Equals(s.Entity, table, StringComparison.OrdinalIgnoreCase)))
        {
            scored += (await score.RunAsync(target.Org, target.Crm, spec, scope, cancellationToken)).Scored;
        }

        if (scored == 0)
        {
            return (0, 0);
        }

        // Only the named records' outputs: reading the whole table's per event grows with the table. Outputs a scheduled
        // score run left unwritten are the scheduled write-back's work.
        var result = await writeBack.RunAsync(target.Org, target.Crm, table, target.Writer, [.. ids.Select(RecordId.Normalise)], cancellationToken);
        return (scored, result[WriteStatus.Written]);
    }

    /// <summary>
    /// Stores the named records as of their events: from the carried rows when every event of a record carried one with
    /// every field scoring reads (the newest copy wins), otherwise read by id; a record the CRM no longer returns is
    /// stored as deleted. A carried row may hold fewer columns than a read: the stored record keeps its other columns
    /// until the next sync reads the record (same version, so that read replaces the copy).
    /// </summary>
    private async Task StoreNamedRecordsAsync(EventTarget target, IRecordLookup lookup, string table, List<PendingRecordEvent> events, CancellationToken cancellationToken)
    {
        var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in target.Specs.Where(s => string.Equals(s.Entity, table, StringComparison.OrdinalIgnoreCase)))
        {
            needed.UnionWith(await score.RecordFieldsAsync(target.Org, spec, cancellationToken));
        }

        var built = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
        var toRead = new List<string>();
        foreach (var byRecord in events.GroupBy(e => RecordId.Normalise(e.Event.RecordId), StringComparer.Ordinal))
        {
            CrmRecord? newest = null;
            foreach (var item in byRecord)
            {
                var record = item.Event.Row is { } row ? await MapAsync(lookup, table, byRecord.Key, row, cancellationToken) : null;
                if (record is null || !needed.All(record.Values.ContainsKey))
                {
                    newest = null;
                    break;
                }

                newest = newest is null || record.ModifiedOn >= newest.ModifiedOn ? record : newest;
            }

            if (newest is null)
            {
                toRead.Add(byRecord.Key);
            }
            else
            {
                built[byRecord.Key] = newest;
            }
        }

        var batch = await WithStoredColumnsAsync(target.Org, table, built, cancellationToken);
        if (toRead.Count > 0)
        {
            var read = await lookup.ReadByIdsAsync(table, toRead, cancellationToken);
            batch.AddRange(read);
            var now = time.GetUtcNow();
            var returned = read.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            batch.AddRange(toRead.Where(id => !returned.Contains(id)).Select(id => CrmRecord.Tombstone(target.Org, table, id, now)));
        }

        var stored = await records.UpsertAsync(target.Org, table, batch, cursor: null, cancellationToken);
        LogStored(target.Connection, target.Org.Value, table, built.Count, toRead.Count, stored.Written);
    }

    // A row that does not map (a type the connector refuses) is read by id instead; the message names no value.
    private async Task<CrmRecord?> MapAsync(IRecordLookup lookup, string table, string id, string row, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(row);
            return await lookup.MapCarriedAsync(table, id, document.RootElement, cancellationToken);
        }
        catch (Exception bad) when (bad is JsonException or RecordValidationException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or OverflowException)
        {
            LogRowRefused(table, id, bad.GetType().Name);
            return null;
        }
    }

    private async Task<List<CrmRecord>> WithStoredColumnsAsync(OrgId org, string table, Dictionary<string, CrmRecord> built, CancellationToken cancellationToken)
    {
        var batch = new List<CrmRecord>(built.Count);
        if (built.Count == 0)
        {
            return batch;
        }

        await foreach (var stored in records.ReadAsync(new RecordQuery(org, table) { Ids = [.. built.Keys] }, cancellationToken))
        {
            var carried = built[stored.Record.Id];
            if (stored.Record.Values.Keys.All(carried.Values.ContainsKey))
            {
                continue;
            }

            var merged = stored.Record.Values.Where(v => !carried.Values.ContainsKey(v.Key)).Concat(carried.Values);
            built[stored.Record.Id] = CrmRecord.Create(org, table, carried.Id, carried.ModifiedOn, merged);
        }

        batch.AddRange(built.Values);
        return batch;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event records stored: connection {Connection}, org {Org}, table {Table}: {FromRows} from carried rows, {ReadById} read by id, {Written} written")]
    private partial void LogStored(string connection, string org, string table, int fromRows, int readById, int written);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A carried row of {Table} record {RecordId} did not map ({Reason}); the record is read by id")]
    private partial void LogRowRefused(string table, string recordId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of org {Org} wait: no connection processes them ({Count} events)")]
    private partial void LogNoTarget(string org, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Events processed: connection {Connection}, org {Org}, table {Table}: {Events} events, {Records} records, {Scored} scored, {Written} written")]
    private partial void LogProcessed(string connection, string org, string table, int events, int records, long scored, long written);

    [LoggerMessage(Level = LogLevel.Error, Message = "Events failed and will be retried: connection {Connection}, org {Org}, table {Table}, {Events} events")]
    private partial void LogFailed(Exception failure, string connection, string org, string table, int events);
}
