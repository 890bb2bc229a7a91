using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>A row per job run, so an operator can see what ran, when, and why it failed.</summary>
public interface IJobRunStore
{
    /// <summary>Records the start of a run and returns it (status <see cref="JobStatus.Running"/>).</summary>
    Task<JobRun> StartAsync(OrgId org, string job, DateTimeOffset startedAt, CancellationToken cancellationToken = default);

    /// <summary>Records the end of a run. The error must name records, fields and reasons, never field values.</summary>
    Task FinishAsync(string runId, JobStatus status, IReadOnlyDictionary<string, long> counts, string? error, DateTimeOffset endedAt, CancellationToken cancellationToken = default);

    /// <summary>The latest runs, newest first, optionally of one org and job.</summary>
    Task<IReadOnlyList<JobRun>> ListAsync(OrgId? org, string? job, int limit, CancellationToken cancellationToken = default);
}
