using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>Wraps a job's work in a job-run row: started, then finished with its status, counts and error.</summary>
internal static class JobRecorder
{
    public static Task<T> RecordAsync<T>(
        IJobRunStore runs, TimeProvider time, OrgId org, string job,
        Func<CancellationToken, Task<(T Result, JobStatus Status, IReadOnlyDictionary<string, long> Counts, string? Error)>> work,
        CancellationToken cancellationToken) =>
        RecordAsync(runs, time, org, job, (_, ct) => work(ct), cancellationToken);

    /// <summary>As above, handing the work its run row (for results stored against the run, such as drift).</summary>
    public static async Task<T> RecordAsync<T>(
        IJobRunStore runs, TimeProvider time, OrgId org, string job,
        Func<JobRun, CancellationToken, Task<(T Result, JobStatus Status, IReadOnlyDictionary<string, long> Counts, string? Error)>> work,
        CancellationToken cancellationToken)
    {
        var run = await runs.StartAsync(org, job, time.GetUtcNow(), cancellationToken);
        try
        {
            var (result, status, counts, error) = await work(run, cancellationToken);
            await runs.FinishAsync(run.Id, status, counts, error, time.GetUtcNow(), CancellationToken.None);
            return result;
        }
        catch (Exception failure)
        {
            // The run row must say why it failed even when the job throws; the message names records and fields,
            // never values (our exceptions are written that way).
            await runs.FinishAsync(run.Id, JobStatus.Failed, new Dictionary<string, long>(), $"{failure.GetType().Name}: {failure.Message}", time.GetUtcNow(), CancellationToken.None);
            throw;
        }
    }
}
