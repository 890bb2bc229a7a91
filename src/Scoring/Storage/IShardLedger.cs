namespace CrmExtensions.Scoring.Storage;

/// <summary>
/// Book-keeping of sharded runs, so that shards spread over workers can be counted (started, completed) and the
/// follow-up of a run starts exactly once, when its last shard completes.
/// </summary>
public interface IShardLedger
{
    /// <summary>Creates the run and its shards; creating an existing run again changes nothing.</summary>
    Task CreateAsync(ShardRun run, IReadOnlyList<ShardRange> shards, CancellationToken cancellationToken = default);

    /// <summary>Counts a start of the shard and returns the run and the shard's range, or null when unknown.</summary>
    Task<(ShardRun Run, ShardState Shard)?> StartAsync(string runId, int shard, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the shard completed with its <paramref name="result"/> (e.g. drift bin counts, JSON), in one transaction;
    /// true only for the one call that completed the run's last open shard (which then reads every shard's result).
    /// </summary>
    Task<bool> CompleteAsync(string runId, int shard, DateTimeOffset now, string? result = null, CancellationToken cancellationToken = default);

    /// <summary>The shards of a run, in shard order.</summary>
    Task<IReadOnlyList<ShardState>> ListAsync(string runId, CancellationToken cancellationToken = default);
}
