namespace CrmExtensions.Scoring.Storage;

/// <summary>One shard of a sharded job: record ids in [<paramref name="FromId"/>, <paramref name="ToId"/>); null means unbounded.</summary>
public sealed record ShardRange(int Shard, string? FromId, string? ToId);
