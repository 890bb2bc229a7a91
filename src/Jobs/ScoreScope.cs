namespace CrmExtensions.Jobs;

/// <summary>
/// Which records a score run covers: an id range [<see cref="FromId"/>, <see cref="ToId"/>) for a shard, and/or a set
/// of record ids (records a webhook reported changed). <see cref="All"/> covers every open record.
/// </summary>
public sealed record ScoreScope(string? FromId = null, string? ToId = null, IReadOnlySet<string>? RecordIds = null)
{
    /// <summary>Every open record of the spec's entity.</summary>
    public static ScoreScope All { get; } = new();

    /// <summary>
    /// True for one shard of a sharded run: the run's drift is not stored per shard but from the shards' bin counts
    /// (<see cref="ScoreJobResult.DriftCounts"/>) once the last one completes (<see cref="ScoreJob.SaveShardedDriftAsync"/>).
    /// </summary>
    public bool IsShard { get; init; }

    /// <summary>One shard of a sharded run: the id range [<paramref name="fromId"/>, <paramref name="toId"/>).</summary>
    public static ScoreScope Shard(string? fromId, string? toId) => new(fromId, toId) { IsShard = true };

    /// <summary>Only these record ids (already normalised).</summary>
    public static ScoreScope Records(IEnumerable<string> ids) => new(RecordIds: ids.ToHashSet(StringComparer.Ordinal));
}
