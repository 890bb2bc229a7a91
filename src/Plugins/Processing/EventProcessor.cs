using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Plugins.Processing;

/// <summary>
/// Drains the event inbox: claims pending events with a lease, coalesces them per org and table, runs an incremental
/// sync of the table (the event is a hint; the sync fetches the record, including when images were dropped), rescores
/// only the named records with the champions, writes back material changes, then completes the events. A crash at any
/// point leaves the events leased; when the lease ends another pass redoes the work, and the jobs are idempotent
/// (unchanged outputs are not saved again, written values are not written again).
/// </summary>
public sealed partial class EventProcessor(
    IRecordEventInbox inbox, SyncJob sync, ScoreJob score, WriteBackJob writeBack, IEventTargets targets, ISyncLock locks,
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
        var records = 0;
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
                records += ids.Count;
                try
                {
                    var (s, w) = await ProcessTableAsync(target, byTable.Key, ids, cancellationToken);
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

        return new EventBatchResult(claimed.Count, records, scored, written, deferred);
    }

    private async Task<(long Scored, long Written)> ProcessTableAsync(EventTarget target, string table, IReadOnlySet<string> ids, CancellationToken cancellationToken)
    {
        using (locks.Acquire(SyncLocks.For(target.Connection, table), LockTimeout))
        {
            var synced = await sync.RunAsync(target.Org, target.Source, table, full: false, cancellationToken);
            if (!synced.Succeeded)
            {
                throw new InvalidOperationException($"The incremental sync of {table} failed: {synced.Error}");
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

        var result = await writeBack.RunAsync(target.Org, target.Crm, table, target.Writer, cancellationToken);
        return (scored, result[WriteStatus.Written]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of org {Org} wait: no connection processes them ({Count} events)")]
    private partial void LogNoTarget(string org, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Events processed: connection {Connection}, org {Org}, table {Table}: {Events} events, {Records} records, {Scored} scored, {Written} written")]
    private partial void LogProcessed(string connection, string org, string table, int events, int records, long scored, long written);

    [LoggerMessage(Level = LogLevel.Error, Message = "Events failed and will be retried: connection {Connection}, org {Org}, table {Table}, {Events} events")]
    private partial void LogFailed(Exception failure, string connection, string org, string table, int events);
}
