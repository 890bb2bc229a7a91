using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>One run of a job (sync, score, write-back, retrain) for one org.</summary>
public sealed record JobRun(
    string Id,
    OrgId Org,
    string Job,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    JobStatus Status,
    IReadOnlyDictionary<string, long> Counts,
    string? Error);
