using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>Syncs one entity of one org into the store (<c>sync:{entity}</c>).</summary>
/// <param name="records">The record store.</param>
/// <param name="cursors">The cursor store.</param>
/// <param name="runs">Where the run is recorded.</param>
/// <param name="time">The clock.</param>
/// <param name="echoes">Recognises the echo of our own write-back per entity (see <see cref="SyncRunner.Echoes"/>); null: none.</param>
public sealed class SyncJob(IRecordStore records, ICursorStore cursors, IJobRunStore runs, TimeProvider time, Func<string, EchoDetector?>? echoes = null)
{
    /// <summary>Runs the sync and records it; a sync that stopped is recorded as failed (partial when the API budget stopped it) with where it stopped.</summary>
    public Task<SyncResult> RunAsync(OrgId org, ICrmSource source, string entity, bool full, CancellationToken cancellationToken = default) =>
        RunAsync(org, source, entity, full, apiCalls: null, cancellationToken);

    /// <summary>Runs the sync and records it with the API calls it made; a sync that stopped is recorded as failed (partial when the API budget stopped it) with where it stopped.</summary>
    /// <param name="org">The org.</param>
    /// <param name="source">The connector's source.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="full">Ignore the saved cursor.</param>
    /// <param name="apiCalls">
    /// The connector's running count of API calls, when it keeps one: the calls this run made are then recorded as the
    /// run's <c>apiCalls</c> count (reports show API use per CRM from it).
    /// </param>
    /// <param name="cancellationToken">Cancels the sync.</param>
    public Task<SyncResult> RunAsync(OrgId org, ICrmSource source, string entity, bool full, Func<long>? apiCalls, CancellationToken cancellationToken) =>
        RunAsync(org, source, entity, full, apiCalls is null ? null : new ApiMeter(apiCalls), cancellationToken);

    /// <summary>
    /// Runs the sync and records it with the API calls it made and, when the CRM reports one, its daily API allocation
    /// (<c>apiBudgetUsed</c>, <c>apiBudgetMax</c>); a sync that stopped is recorded as failed (partial when the API budget stopped it).
    /// </summary>
    /// <param name="org">The org.</param>
    /// <param name="source">The connector's source.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="full">Ignore the saved cursor.</param>
    /// <param name="meter">The connector's API counters; null records neither calls nor budget.</param>
    /// <param name="cancellationToken">Cancels the sync.</param>
    public Task<SyncResult> RunAsync(OrgId org, ICrmSource source, string entity, bool full, ApiMeter? meter, CancellationToken cancellationToken) =>
        JobRecorder.RecordAsync(runs, time, org, $"sync:{entity}", async ct =>
        {
            var callsBefore = meter?.Calls() ?? 0;
            var result = await new SyncRunner(records, cursors) { Echoes = echoes }.RunAsync(org, source, entity, full, ct);
            var counts = new Dictionary<string, long>
            {
                ["read"] = result.Read, ["written"] = result.Written, ["unchanged"] = result.Unchanged,
                ["deleted"] = result.Deleted, ["batches"] = result.Batches, ["echoes"] = result.Echoes,
            };
            meter?.Record(callsBefore, counts);
            if (result.Resynced)
            {
                counts[AlertingJobRunStore.FullResyncs] = 1;
            }

            // A sync the API budget stopped is partial, not failed: it resumes from its cursor once the budget frees up.
            var status = result.Succeeded ? JobStatus.Succeeded : result.StoppedByBudget ? JobStatus.Partial : JobStatus.Failed;
            return (result, status, (IReadOnlyDictionary<string, long>)counts, result.Error);
        }, cancellationToken);
}
