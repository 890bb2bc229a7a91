using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>
/// Purges what the retention policy no longer allows to keep (<c>retention</c>, recorded under the org it is run
/// for; the purge itself covers every org of the store). Safe to run as often as scheduled: a second run removes nothing.
/// </summary>
public sealed class RetentionJob(IPrivacyStore privacy, IJobRunStore runs, TimeProvider time, RetentionPolicy policy)
{
    /// <summary>Purges and records the run with what it removed.</summary>
    public Task<RetentionReport> RunAsync(OrgId org, CancellationToken cancellationToken = default) =>
        JobRecorder.RecordAsync(runs, time, org, "retention", async ct =>
        {
            var report = await privacy.PurgeAsync(policy, time.GetUtcNow(), ct);
            var counts = new Dictionary<string, long>
            {
                ["tombstoneValuesCleared"] = report.TombstoneValues,
                ["outputHistoryDeleted"] = report.OutputHistory,
                ["jobRunsDeleted"] = report.JobRuns,
                ["driftDeleted"] = report.Drift,
                ["retiredModelsDeleted"] = report.RetiredModels,
            };
            return (report, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)counts, (string?)null);
        }, cancellationToken);
}
