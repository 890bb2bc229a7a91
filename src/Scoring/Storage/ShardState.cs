namespace CrmExtensions.Scoring.Storage;

/// <summary>The state of one shard: its range, how often it was started, and whether it completed.</summary>
public sealed record ShardState(string RunId, ShardRange Range, int Attempts, bool Completed, DateTimeOffset? CompletedAt)
{
    /// <summary>What the shard's completion stored with it (JSON), or null.</summary>
    public string? Result { get; init; }
}
