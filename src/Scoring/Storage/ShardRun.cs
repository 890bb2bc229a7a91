using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>A sharded run: which org and job (e.g. <c>score:lead-conversion</c>) it belongs to, and its shard count.</summary>
public sealed record ShardRun(string RunId, OrgId Org, string Connection, string Job, int ShardCount);
