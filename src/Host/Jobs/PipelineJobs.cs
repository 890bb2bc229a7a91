using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Connections;
using CrmExtensions.Jobs;
using CrmExtensions.Plugins.Processing;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Jobs;

/// <summary>
/// The jobs as Hangfire (and the Functions timers) run them. Arguments are small — connection, table, spec names,
/// shard run ids — and every job is safe to run again: syncs resume from their cursor, scoring saves only changed
/// outputs, write-back sends only what differs from what was written, a completed shard is not redone.
/// </summary>
public sealed partial class PipelineJobs(
    ConnectionCatalog connections, CrmStore store, SyncJob sync, TrainJob train, ScoreJob score, WriteBackJob writeBack,
    EventProcessor events, ISyncLock locks, IBackgroundJobClient jobs, IOptions<ServeOptions> options, TimeProvider time, ILogger<PipelineJobs> logger)
{
    private static readonly TimeSpan SyncLockTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The refresh chain of a connection: sync every table, then score every spec (sharded when configured), then write back.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue("default")]
    public async Task RefreshAsync(string connection, PerformContext? context, CancellationToken cancellationToken)
    {
        var served = await connections.ReadyAsync(connection, cancellationToken);
        using var scope = Scope(served, context);
        foreach (var table in served.Tables)
        {
            await SyncTableAsync(served, table, cancellationToken);
        }

        var shards = options.Value.Schedules.ScoreShards;
        foreach (var spec in served.Specs)
        {
            if (shards > 1 && !options.Value.UnderFunctions)
            {
                await StartShardedScoreAsync(connection, spec.Name, shards, context, cancellationToken);
                continue;
            }

            await score.RunAsync(served.Org, served.Crm, spec, cancellationToken);
        }

        if (shards <= 1 || options.Value.UnderFunctions)
        {
            foreach (var table in served.OutputTables)
            {
                await WriteTableAsync(served, table, cancellationToken);
            }
        }
    }

    /// <summary>Syncs one table (incremental), never concurrently with another sync of the same table.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [30, 60, 300, 600, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task SyncAsync(string connection, string table, PerformContext? context, CancellationToken cancellationToken)
    {
        var served = await connections.ReadyAsync(connection, cancellationToken);
        using var scope = Scope(served, context);
        await SyncTableAsync(served, table, cancellationToken);
    }

    /// <summary>Splits scoring of a spec into shards by record-id range and enqueues one job per shard; returns the run id.</summary>
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<string> StartShardedScoreAsync(string connection, string spec, int shards, PerformContext? context, CancellationToken cancellationToken)
    {
        var served = await connections.ReadyAsync(connection, cancellationToken);
        var model = served.Specs.FirstOrDefault(s => string.Equals(s.Name, spec, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Connection '{connection}' has no model spec '{spec}'.");

        // A retried or redelivered start reuses its run id, so its shards are not created twice.
        var runId = context?.BackgroundJob?.Id is { } jobId ? $"{jobId}-{model.Name}" : $"{Guid.NewGuid():n}-{model.Name}";
        var ranges = await ShardPlanner.PlanAsync(store.Records, served.Org, model.Entity, shards, cancellationToken);
        await store.Shards.CreateAsync(new ShardRun(runId, served.Org, connection, $"score:{model.Name}", ranges.Count), ranges, cancellationToken);
        foreach (var state in await store.Shards.ListAsync(runId, cancellationToken))
        {
            if (!state.Completed)
            {
                jobs.Enqueue<PipelineJobs>(j => j.ScoreShardAsync(runId, state.Range.Shard, null, CancellationToken.None));
            }
        }

        LogShardsPlanned(connection, served.Org.Value, model.Name, runId, ranges.Count);
        return runId;
    }

    /// <summary>Scores one shard; the job that completes a run's last shard enqueues the write-back of its table.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task ScoreShardAsync(string runId, int shard, PerformContext? context, CancellationToken cancellationToken)
    {
        var started = await store.Shards.StartAsync(runId, shard, cancellationToken)
            ?? throw new InvalidOperationException($"Shard {shard} of run {runId} does not exist.");
        var (run, state) = started;
        if (state.Completed)
        {
            LogShardAlreadyDone(runId, shard);
            return;
        }

        var served = await connections.ReadyAsync(run.Connection, cancellationToken);
        using var scope = Scope(served, context);
        var specName = run.Job["score:".Length..];
        var spec = served.Specs.First(s => string.Equals(s.Name, specName, StringComparison.OrdinalIgnoreCase));
        var result = await score.RunAsync(served.Org, served.Crm, spec, ScoreScope.Shard(state.Range.FromId, state.Range.ToId), cancellationToken);
        LogShardScored(runId, shard, result.Scored, result.OutputsChanged);
        if (await store.Shards.CompleteAsync(runId, shard, time.GetUtcNow(), ShardDrift.ToJson(result), cancellationToken))
        {
            // The last shard: the run's drift from every shard's bin counts, as an unsharded run would measure it.
            var shards = await store.Shards.ListAsync(runId, cancellationToken);
            var drift = await score.SaveShardedDriftAsync(served.Org, spec, runId, [.. shards.Select(s => ShardDrift.FromJson(s.Result)).OfType<ShardDrift>()], cancellationToken);
            var drifted = drift?.Features.Count(f => f.Drifted) ?? 0;
            LogShardedDrift(runId, drift?.Rows ?? 0, drifted);
            jobs.Enqueue<PipelineJobs>(j => j.WriteBackAsync(run.Connection, spec.Entity, null, CancellationToken.None));
        }
    }

    /// <summary>Writes one table's material output changes back to the CRM.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [30, 60, 300, 600, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task WriteBackAsync(string connection, string table, PerformContext? context, CancellationToken cancellationToken)
    {
        var served = await connections.ReadyAsync(connection, cancellationToken);
        using var scope = Scope(served, context);
        await WriteTableAsync(served, table, cancellationToken);
    }

    /// <summary>Retrains every spec of the connection (champion/challenger), then rescores and writes back.</summary>
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RetrainAsync(string connection, PerformContext? context, CancellationToken cancellationToken)
    {
        var served = await connections.ReadyAsync(connection, cancellationToken);
        using var scope = Scope(served, context);
        foreach (var spec in served.Specs)
        {
            var decision = await train.RunAsync(served.Org, spec, cancellationToken);
            LogTrained(connection, spec.Name, decision.Registered.Version, decision.Promoted);
            await score.RunAsync(served.Org, served.Crm, spec, cancellationToken);
        }

        foreach (var table in served.OutputTables)
        {
            await WriteTableAsync(served, table, cancellationToken);
        }
    }

    /// <summary>One pass of the event worker (also what the Functions write-back timer runs).</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task<EventBatchResult> ProcessEventsAsync(CancellationToken cancellationToken) =>
        events.ProcessAsync(options.Value.Events.BatchSize, cancellationToken);

    private async Task SyncTableAsync(ServedConnection served, string table, CancellationToken cancellationToken)
    {
        using (locks.Acquire(SyncLocks.For(served.Name, table), SyncLockTimeout))
        {
            var result = await sync.RunAsync(served.Org, served.Connector!.Source, table, full: false, served.Connector.Meter, cancellationToken);
            LogSynced(served.Name, served.Org.Value, table, result.Read, result.Written, result.Deleted);
            if (!result.Succeeded)
            {
                // Thrown so Hangfire's retry policy applies; the job-run row already holds where it stopped.
                throw new InvalidOperationException($"Sync of {table} in connection '{served.Name}' failed: {result.Error}");
            }
        }
    }

    private async Task WriteTableAsync(ServedConnection served, string table, CancellationToken cancellationToken)
    {
        var result = await writeBack.RunAsync(served.Org, served.Crm, table, served.Connector!.Writer, cancellationToken);
        LogWritten(served.Name, served.Org.Value, table, result[WriteStatus.Written], result[WriteStatus.Failed]);
    }

    private IDisposable? Scope(ServedConnection served, PerformContext? context) =>
        logger.BeginScope(new Dictionary<string, object?> { ["Connection"] = served.Name, ["Org"] = served.Org.Value, ["HangfireJob"] = context?.BackgroundJob?.Id });

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Connection} (org {Org}) {Table}: read {Read}, written {Written}, deleted {Deleted}")]
    private partial void LogSynced(string connection, string org, string table, long read, long written, long deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote back {Connection} (org {Org}) {Table}: {Written} records written, {Failed} failed")]
    private partial void LogWritten(string connection, string org, string table, long written, long failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sharded score of {Connection} (org {Org}) {Spec}: run {RunId}, {Shards} shards")]
    private partial void LogShardsPlanned(string connection, string org, string spec, string runId, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard} of run {RunId}: {Scored} scored, {Changed} outputs changed")]
    private partial void LogShardScored(string runId, int shard, long scored, long changed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sharded run {RunId} completed: drift measured over {Rows} rows, {Drifted} drifted features")]
    private partial void LogShardedDrift(string runId, long rows, int drifted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard} of run {RunId} was already completed; not redone")]
    private partial void LogShardAlreadyDone(string runId, int shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained {Connection} {Spec}: version {Version}, promoted {Promoted}")]
    private partial void LogTrained(string connection, string spec, int version, bool promoted);
}
